"""`escalation letter batch`: one draft letter per case, a case that cannot have it named."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.e2e.helpers import Cli, add_provider, as_json, ok, refused, trn
from tests.i18n_helpers import tr

TEMPLATE = "conceptrapport-aanbieding"
SUBJECTS = [(f"Aanbieder {c}", f"3000000{i}", "jeugdhulpaanbieder") for i, c in enumerate("ABC")]


@pytest.fixture
def cases(cli: Cli) -> list[int]:
    """A signal of three cases: 1 and 2 sent their conceptrapport (its letter a draft), 3 did
    not (still in `signaal`: its letter cannot be made)."""
    for subject in SUBJECTS:
        add_provider(cli, subject)
    kvks = ",".join(kvk for _, kvk, _ in SUBJECTS)
    ok(cli("signaal", "open", "--title", "Thema", "--subjects", kvks))
    for case in (1, 2):
        ok(do_today(cli, case, "start_onderzoek"))
        ok(do_today(cli, case, "verstuur_conceptrapport"))
    return [1, 2, 3]


def do_today(cli: Cli, case: int, action: str) -> Any:
    return cli("case", "do", str(case), action, "--by", "jurist")


def letters(cli: Cli, case: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = as_json(cli("letter", "list", str(case), "--json"))
    return found


def test_one_pdf_draft_per_case_and_the_cases_without_one_named(
    cli: Cli, cases: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "brieven"

    result = cli(
        "letter", "batch", TEMPLATE, "--cases", "1,3,2,99", "--format", "pdf", "--out", out
    )

    assert result.exit_code == 1, result.output
    made = trn(
        "{made} of {n} letters '{template}' made (drafts) in {out}.",
        "{made} of {n} letters '{template}' made (drafts) in {out}.",
        4, made=2, template=TEMPLATE, out=out,
    )  # fmt: skip
    assert made in result.stdout
    assert tr("case {case}: {reason}", case=3, reason="") in result.stderr
    assert tr("case {case}: {reason}", case=99, reason="") in result.stderr
    first, second = letters(cli, 1), letters(cli, 2)
    # The draft `case do` made is made again, as `letter make` does: still one letter per case.
    assert [(r["status"], r["format"]) for r in first + second] == [("draft", "pdf")] * 2
    assert sorted(p.name for p in out.iterdir()) == [first[0]["filename"], second[0]["filename"]]
    assert first[0]["filename"].startswith(f"zaak-1-{TEMPLATE}-")
    pdf = PdfReader(io.BytesIO((out / first[0]["filename"]).read_bytes()))
    assert "Aanbieder A" in pdf.pages[0].extract_text()
    assert letters(cli, 3) == []  # nothing stored for the case that could not have it


def test_the_cases_of_a_signal_or_a_state(cli: Cli, cases: list[int], tmp_path: Path) -> None:
    by_signal = cli("letter", "batch", TEMPLATE, "--signaal", 1, "--format", "md", "--out",
                    tmp_path / "signaal")  # fmt: skip
    by_state = ok(cli("letter", "batch", TEMPLATE, "--state", "conceptrapport", "--format",
                      "docx", "--out", tmp_path / "fase"))  # fmt: skip

    assert by_signal.exit_code == 1  # case 3 of the signal has not sent its conceptrapport
    assert tr("case {case}: {reason}", case=3, reason="") in by_signal.stderr
    assert sorted(p.suffix for p in (tmp_path / "signaal").iterdir()) == [".md", ".md"]
    assert "Aanbieder B" in next((tmp_path / "signaal").glob("zaak-2-*.md")).read_text("utf-8")
    assert sorted(p.name[:7] for p in (tmp_path / "fase").iterdir()) == ["zaak-1-", "zaak-2-"]
    assert trn("Not made for {n} case:", "Not made for {n} cases:", 1) not in by_state.output


def test_a_file_already_there_fails_that_case_only(
    cli: Cli, cases: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "brieven"
    ok(cli("letter", "batch", TEMPLATE, "--cases", "1", "--format", "html", "--out", out))
    name = letters(cli, 1)[0]["filename"]

    again = cli("letter", "batch", TEMPLATE, "--cases", "1,2", "--format", "html", "--out", out)

    assert again.exit_code == 1
    exists = tr("A file {file} already exists there; it is not overwritten.", file=name)
    assert tr("case {case}: {reason}", case=1, reason=exists) in again.stderr
    assert sorted(p.name[:7] for p in out.iterdir()) == ["zaak-1-", "zaak-2-"]
    assert letters(cli, 2)[0]["format"] == "html"


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        ((), 2, "--cases"),
        (("--cases", "1", "--state", "signaal"), 2, "--cases"),
        (("--cases", "1,x"), 1, "x"),
        (("--cases", "1", "--set", "onbekend=1"), 1, "onbekend"),
        (("--signaal", "9"), 1, "9"),
    ],
)
def test_bad_input_is_refused_before_anything_is_written(
    cli: Cli, cases: list[int], tmp_path: Path, args: tuple[str, ...], code: int, needle: str
) -> None:
    out = tmp_path / "brieven"
    before = letters(cli, 1)

    refused(cli("letter", "batch", TEMPLATE, *args, "--out", out), needle, code=code)

    assert not out.exists()
    assert letters(cli, 1) == before


def test_an_unknown_template_or_a_folder_that_is_a_file_is_refused(
    cli: Cli, cases: list[int], tmp_path: Path
) -> None:
    blocked = tmp_path / "bestand"
    blocked.write_text("", encoding="utf-8")
    before = letters(cli, 1)

    refused(cli("letter", "batch", "geen-brief", "--cases", "1", "--out", tmp_path / "x"),
            "geen-brief")  # fmt: skip
    refused(cli("letter", "batch", TEMPLATE, "--cases", "1", "--out", blocked / "brieven"),
            str(blocked))  # fmt: skip

    assert not (tmp_path / "x").exists()
    assert letters(cli, 1) == before
