"""Letters are drafts until sent: one letter whatever its formats, edited in $EDITOR, sent once."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.e2e.helpers import (
    BY,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    do,
    history,
    ok,
    open_case,
    refused,
    walk,
)
from tests.i18n_helpers import tr

AANLEIDING = "Focus taxeert risico's niet."
DICTUM = "### Norm 2.1 JIJ-kader\n- Focus maakt een **risicotaxatie** per jeugdige."


def voornemen(cli: Cli, *sets: str) -> tuple[int, object]:
    """A case at the voornemen, announced with `sets`; the result of that action."""
    case = open_case(cli, add_provider(cli))
    walk(cli, case, TO_RAPPORT)
    result = do(cli, case, "kondig_aanwijzing_aan", "2024-12-13", "zienswijzetermijn=2024-12-30",
                *sets)  # fmt: skip
    return case, result


def letters(cli: Cli, case: int) -> list[dict[str, object]]:
    """The case's voornemen letters (walking to the rapport drafted another letter)."""
    found = as_json(cli("letter", "list", case, "--json"))
    return [r for r in found if r["template"] == "voornemen-aanwijzing"]


def sent_events(cli: Cli, case: int) -> list[dict[str, object]]:
    return [
        e
        for e in history(cli, case)
        if e["type"] == "letter_sent" and e["details"]["template"] == "voornemen-aanwijzing"
    ]


def test_the_same_draft_made_as_pdf_then_docx_is_one_letter_and_sent_once(
    cli: Cli, tmp_path: Path
) -> None:
    case, _result = voornemen(cli, f"aanleiding={AANLEIDING}", f"dictum={DICTUM}")
    [drafted] = letters(cli, case)
    out = tmp_path / "out"

    ok(cli("letter", "make", case, "voornemen-aanwijzing", "--format", "pdf", "--out", out))
    ok(cli("letter", "make", case, "voornemen-aanwijzing", "--format", "docx", "--out", out))
    ok(cli("letter", "render", drafted["id"], "--format", "html", "--out", out))

    [one] = letters(cli, case)
    assert (one["id"], one["status"], one["format"]) == (drafted["id"], "draft", "html")
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".html", ".pdf"]
    assert sent_events(cli, case) == []

    ok(cli("letter", "send", one["id"], "--format", "md", "--by", BY))
    ok(cli("letter", "render", one["id"], "--format", "pdf", "--out", tmp_path / "after"))

    [sent] = letters(cli, case)
    assert (sent["id"], sent["status"], sent["format"]) == (one["id"], "sent", "md")
    [event] = sent_events(cli, case)
    assert event["details"]["letter"] == one["id"]
    assert tr("Output: identical") in ok(cli("letter", "show", one["id"], "--check")).stdout
    again = refused(cli("letter", "send", one["id"]), one["id"])
    assert again
    refused(cli("letter", "edit", one["id"]), one["id"])
    assert len(sent_events(cli, case)) == 1


def test_an_action_whose_letter_lacks_fields_keeps_the_draft_and_says_how_to_finish_it(
    cli: Cli,
) -> None:
    case, result = voornemen(cli, f"aanleiding={AANLEIDING}")

    said = ok(result).stdout  # type: ignore[arg-type]
    [draft] = letters(cli, case)
    assert draft["status"] == "draft"
    assert "dictum" in said
    assert f"escalation letter edit {draft['id']}" in said
    assert f"escalation letter send {draft['id']}" in said
    shown = as_json(cli("letter", "show", draft["id"], "--json"))
    assert shown["context"]["aanleiding"] == AANLEIDING
    assert "dictum" not in shown["context"]
    refused(cli("letter", "send", draft["id"]), "dictum", f"letter edit {draft['id']}")
    refused(cli("letter", "show", draft["id"], "--check"), f"letter edit {draft['id']}")


def test_all_missing_fields_are_named_at_once(cli: Cli, tmp_path: Path) -> None:
    case, _result = voornemen(cli)

    made = ok(cli("letter", "make", case, "voornemen-aanwijzing", "--out", tmp_path / "out"))

    assert "--set aanleiding=" in made.stdout and "--set dictum=" in made.stdout
    assert len(letters(cli, case)) == 1  # the action's draft, made again
    assert not (tmp_path / "out").exists()


def _editor(tmp_path: Path, *documents: str) -> dict[str, str]:
    """An EDITOR that writes `documents` in turn, one per call (a counter file keeps count)."""
    tmp_path.mkdir(exist_ok=True)
    for i, doc in enumerate(documents):
        (tmp_path / f"doc{i}.yaml").write_text(doc, encoding="utf-8")
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        f"here = pathlib.Path({str(tmp_path)!r})\n"
        "count = here / 'count'\n"
        "n = int(count.read_text()) if count.exists() else 0\n"
        "count.write_text(str(n + 1))\n"
        "(here / f'seen{n}.yaml').write_text(pathlib.Path(sys.argv[1]).read_text())\n"
        "pathlib.Path(sys.argv[1]).write_text((here / f'doc{n}.yaml').read_text())\n",
        encoding="utf-8",
    )
    return {"EDITOR": f"{sys.executable} {script}"}


def test_letter_edit_opens_the_editor_checks_the_document_and_reopens_on_a_fault(
    cli: Cli, tmp_path: Path
) -> None:
    case, _result = voornemen(cli, f"aanleiding={AANLEIDING}")
    [draft] = letters(cli, case)
    block = "\n".join("  " + line for line in DICTUM.splitlines())
    bad = f"aanleiding: |\n  {AANLEIDING}\nmaatregel: |\n  x\n"
    good = f"aanleiding: |\n  {AANLEIDING}\ndictum: |\n{block}\n"
    env = _editor(tmp_path, bad, good)

    result = ok(cli("letter", "edit", draft["id"], env=env))

    first = (tmp_path / "seen0.yaml").read_text(encoding="utf-8")
    second = (tmp_path / "seen1.yaml").read_text(encoding="utf-8")
    assert "aanleiding: |" in first and AANLEIDING in first and "dictum: |" in first
    assert "maatregel" in second and "line 3" in result.stderr.replace("regel", "line")
    stored = as_json(cli("letter", "show", draft["id"], "--json"))
    assert stored["context"]["dictum"] == DICTUM
    assert stored["status"] == "draft"
    assert f"escalation letter send {draft['id']}" in result.stdout
    ok(cli("letter", "send", draft["id"]))
    assert len(sent_events(cli, case)) == 1


def test_letter_edit_stores_nothing_when_the_document_is_unchanged_or_empty(
    cli: Cli, tmp_path: Path
) -> None:
    case, _result = voornemen(cli, f"aanleiding={AANLEIDING}")
    [draft] = letters(cli, case)
    before = as_json(cli("letter", "show", draft["id"], "--json"))

    empty = cli("letter", "edit", draft["id"], env=_editor(tmp_path / "a", "# niets\n"))
    unchanged = cli("letter", "edit", draft["id"], env={"EDITOR": "true"})

    assert empty.exit_code == 1 and unchanged.exit_code == 1
    assert as_json(cli("letter", "show", draft["id"], "--json")) == before


def test_set_reads_a_value_from_a_file_and_refuses_a_missing_or_long_one(
    cli: Cli, tmp_path: Path
) -> None:
    dictum = tmp_path / "dictum.md"
    dictum.write_text(DICTUM + "\n", encoding="utf-8")
    case, result = voornemen(cli, f"aanleiding={AANLEIDING}", f"dictum=@{dictum}")
    ok(result)  # type: ignore[arg-type]
    [draft] = letters(cli, case)
    assert as_json(cli("letter", "show", draft["id"], "--json"))["context"]["dictum"] == DICTUM

    missing = cli("letter", "make", case, "voornemen-aanwijzing", "--set",
                  f"dictum=@{tmp_path / 'nope.md'}", "--out", tmp_path / "o")  # fmt: skip
    refused(missing, "nope.md", "dictum")
    long = tmp_path / "long.md"
    long.write_text("x" * 10_001, encoding="utf-8")
    too_long = cli("letter", "make", case, "voornemen-aanwijzing", "--set", f"dictum=@{long}",
                   "--out", tmp_path / "o")  # fmt: skip
    refused(too_long, "long.md", "10000")
    assert len(letters(cli, case)) == 1


def test_case_show_lists_letters_and_besluiten_and_what_the_watch_does_next(cli: Cli) -> None:
    case, _result = voornemen(cli, f"aanleiding={AANLEIDING}", f"dictum={DICTUM}")
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))

    shown = as_json(cli("case", "show", case, "--json"))
    text = ok(cli("case", "show", case)).stdout

    templates = {(r["template"], r["status"]) for r in shown["letters"]}
    assert {("voornemen-aanwijzing", "draft"), ("aanwijzing", "sent")} <= templates
    [besluit] = [b for b in shown["besluiten"] if b["kind"] == "aanwijzing"]
    assert (besluit["kind"], besluit["status"]) == ("aanwijzing", "bezwaartermijn")
    follow = [s for s in shown["watch"] if s["does"] == "follow_up"]
    assert [(s["on"], s["action"], s["deadline"], s["due"]) for s in follow] == [
        ("2025-05-01", "start_hertoets", "naleving", True)  # today is after it: the next run
    ]
    final = [s for s in shown["watch"] if s["does"] == "final"]
    assert besluit["kenmerk"] in [s["besluit"] for s in final]
    assert besluit["kenmerk"] in text and "start_hertoets" in text
    assert tr("Next for the watch:") in text
