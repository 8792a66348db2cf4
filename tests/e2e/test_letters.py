"""`escalation letter ...` and the letters `case do` drafts, through the command line."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.helpers import (
    BY,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    do,
    ok,
    open_case,
    refused,
    trn,
    walk,
)
from tests.i18n_helpers import Tr, tr

DICTUM = "### Norm 2.1 JIJ-kader\n- Focus maakt een risicotaxatie per jeugdige."


def aanwijzing_case(cli: Cli, provider: tuple[str, str, str] | None = None) -> int:
    kvk = add_provider(cli, provider) if provider else add_provider(cli)
    case = open_case(cli, kvk)
    walk(cli, case, TO_RAPPORT)
    ok(
        do(
            cli, case, "kondig_aanwijzing_aan", "2024-12-13", "zienswijzetermijn=2024-12-30",
            "aanleiding=Focus taxeert risico's niet.", f"dictum={DICTUM}",
        )
    )  # fmt: skip
    return case


def test_an_action_that_takes_a_besluit_sends_its_complete_letter_at_once(cli: Cli) -> None:
    case = aanwijzing_case(cli)

    result = ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    letters = as_json(cli("letter", "list", str(case), "--json"))

    drafted = letters[-1]
    said = tr("Letter {letter} sent: {template}", letter=drafted["id"], template="aanwijzing")
    assert said in result.stdout
    assert drafted["status"] == "sent"
    assert (drafted["template"], drafted["format"], drafted["on"]) == (
        "aanwijzing",
        "md",
        "2025-01-31",
    )
    shown = ok(cli("letter", "show", str(drafted["id"]), "--check")).stdout
    assert "De laatste dag om bezwaar te maken is vrijdag 14 maart 2025." in shown
    assert "Norm 2.1 JIJ-kader" in shown
    assert tr("Output: identical") in shown


def test_letter_make_writes_the_file_once_and_never_overwrites_it(cli: Cli, tmp_path: Path) -> None:
    case = aanwijzing_case(cli)
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    out = tmp_path / "brieven"
    args = ("letter", "make", case, "aanwijzing", "--format", "md", "--out", out, "--by", BY)

    made = ok(cli(*args))
    before = as_json(cli("letter", "list", str(case), "--json"))
    again = cli(*args)

    files = list(out.iterdir())
    assert len(files) == 1 and files[0].name.endswith(".md")
    assert tr("Written to {path}", path=files[0]) in made.stdout
    assert "Focus-Jeugd & Gezin B.V." in files[0].read_text(encoding="utf-8")
    refused(
        again,
        tr(
            "A file {file} already exists there; it is not overwritten and the letter was not "
            "issued. Choose another --out folder or move the file.",
            file=files[0].name,
        ),
    )
    assert as_json(cli("letter", "list", str(case), "--json")) == before


def test_an_archived_letter_is_not_written_over_an_existing_file(cli: Cli, tmp_path: Path) -> None:
    case = aanwijzing_case(cli)
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    letter = as_json(cli("letter", "list", str(case), "--json"))[-1]["id"]
    out = tmp_path / "archief"
    ok(cli("letter", "show", letter, "--out", out))
    [written] = out.iterdir()
    before = written.read_bytes()

    again = cli("letter", "show", letter, "--out", out)

    exists = Tr(
        "{path} already exists and was not overwritten. Letter {letter} is in the archive: "
        "write it elsewhere with `escalation letter show {letter} --out DIR`.",
        path=written,
        letter=letter,
    )
    refused(again, exists)
    assert written.read_bytes() == before


def test_a_provider_name_cannot_steer_the_file_out_of_the_folder(cli: Cli, tmp_path: Path) -> None:
    case = aanwijzing_case(cli, ("../../../etc/x", "12345678", "jeugdhulpaanbieder"))
    out = tmp_path / "out"

    ok(cli("letter", "make", case, "voornemen-aanwijzing", "--format", "html", "--out", out))

    written = list(out.iterdir())
    assert len(written) == 1
    assert written[0].parent == out
    assert written[0].name == "zaak-1-voornemen-aanwijzing-2024-12-13-etc-x.html"
    assert "../../../etc/x" in written[0].read_text(encoding="utf-8")


def test_a_letter_without_its_required_field_is_a_draft_naming_field_and_template(
    cli: Cli, tmp_path: Path
) -> None:
    kvk = add_provider(cli)
    case = open_case(cli, kvk)
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13", "zienswijzetermijn=2024-12-30"))

    result = ok(cli("letter", "make", case, "voornemen-aanwijzing", "--out", tmp_path / "out"))

    # A draft is stored with what it has; every missing field is named, with how to fill it.
    assert "'voornemen-aanwijzing'" in result.stdout
    assert "aanleiding" in result.stdout and "--set aanleiding=" in result.stdout
    assert "escalation letter edit" in result.stdout
    assert not (tmp_path / "out").exists()


def test_letter_lint_passes_the_packaged_templates_and_fails_a_broken_one(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "kapot.md.j2").write_text(
        "{#---\ntitle: K\n---#}\n{% set betreft = 'K' %}\n{{ onbekend }}\n", encoding="utf-8"
    )

    good = ok(cli("letter", "lint"))
    bad = cli("letter", "lint", tmp_path)

    summary = tr(
        "{checked}: {errors}, {warnings}.",
        checked=trn("{n} template checked", "{n} templates checked", 16),
        errors=trn("{n} error", "{n} errors", 0),
        warnings=trn("{n} warning", "{n} warnings", 0),
    )
    assert summary in good.stdout
    assert bad.exit_code == 1
    undeclared = tr("uses '{name}', which it does not declare", name="onbekend")
    assert tr("{template}: error: {message}", template="kapot", message=undeclared) in bad.stdout
