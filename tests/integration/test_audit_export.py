"""`audit export --format pdf|text|json --out FILE` (issue 13): the dossier of the demo's
Focus case (letters drafted and sent, two besluiten), the PDF read back with pypdf."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner, Result

from escalation.cli import app
from escalation.storage.db import make_engine
from escalation.storage.schema import init_database
from escalation.workflows import FileWorkflowCatalog
from tests.integration.test_audit import rewrite_history
from tests.integration.test_storage import walk_to_aanwijzing


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dossier") / "demo.sqlite"
    made = CliRunner().invoke(app, ["demo", "--db", str(path)], env={"ESCALATION_LANG": "en"})
    assert made.exit_code == 0, made.output
    return path


def run(db: Path, *args: str, lang: str = "nl") -> Result:
    return CliRunner().invoke(
        app, ["--db", f"sqlite:///{db}", *args], env={"ESCALATION_LANG": lang}
    )


def dossier_json(db: Path) -> dict[str, object]:
    done = run(db, "audit", "export", "1", "--format", "json")
    assert done.exit_code == 0, done.output
    data: dict[str, object] = json.loads(done.stdout)
    return data


def test_the_pdf_dossier_holds_every_event_hash_letter_hash_and_the_anchor(
    demo: Path, tmp_path: Path, dutch: None
) -> None:
    anchor = json.loads(run(demo, "audit", "anchor", "--json").stdout)
    out = tmp_path / "zaak-1.pdf"

    done = run(demo, "audit", "export", "1", "--format", "pdf", "--out", str(out))

    assert done.exit_code == 0, done.output
    assert f"Dossier van zaak 1 geschreven naar {out}" in done.stdout
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages)
    dossier = dossier_json(demo)
    events, letters = dossier["events"], dossier["letters"]
    assert isinstance(events, list) and isinstance(letters, list)
    assert len(events) > 20 and len(letters) >= 3
    missing = [e["seq"] for e in events if e["hash"] not in text]
    assert missing == [], f"event hashes not in the PDF: {missing}"
    assert all(letter["sha256"] in text for letter in letters)
    section = text[text.index("Brieven") : text.rindex("Besluiten")]
    assert re.search(r"\bverzonden\b", section) and re.search(r"\bconcept\b", section)
    assert not re.search(r"\b(sent|draft)\b", section)  # the statuses in Dutch
    assert "Dossier van zaak 1" in text and "Historie" in text and "Brieven" in text
    flat = " ".join(text.split())  # phrases across the lines of a table cell
    assert "keten intact" in flat and "het opgeslagen bestand komt overeen met deze hash" in flat
    assert anchor["digest"] in text and "de historie bevat het nog" in flat
    assert "IGJ-2025-000001 aanwijzing onherroepelijk" in flat  # the besluit and its status
    assert "besluit IGJ-2025-000001 genomen" in flat  # what happened, in words
    assert "Aanbieder" in text and "Focus-Jeugd & Gezin B.V. (KvK" in flat


def test_the_text_dossier_shows_letter_statuses_in_dutch_and_goes_to_a_file(
    demo: Path, tmp_path: Path, dutch: None
) -> None:
    out = tmp_path / "zaak-1.txt"

    done = run(demo, "audit", "export", "1", "--out", str(out))

    assert done.exit_code == 0 and str(out) in done.stdout
    text = out.read_text(encoding="utf-8")
    letter_lines = [line for line in text.splitlines() if " sha256 " in line]
    assert any(" verzonden " in line for line in letter_lines), letter_lines
    assert any(" concept " in line for line in letter_lines), letter_lines
    assert not any(" sent " in line or " draft " in line for line in letter_lines)
    assert all(e["hash"] in text for e in dossier_json(demo)["events"])  # type: ignore[attr-defined]


def test_a_pdf_without_out_goes_to_dossier_case_pdf_here(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    done = run(demo, "audit", "export", "1", "--format", "pdf", lang="en")

    assert done.exit_code == 0, done.output
    assert (tmp_path / "dossier-1.pdf").read_bytes().startswith(b"%PDF")
    as_json = tmp_path / "d.json"
    written = run(demo, "audit", "export", "1", "--format", "json", "--out", str(as_json))
    assert written.exit_code == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["case"]["id"] == 1


def test_a_dossier_that_cannot_be_written_is_refused_in_one_sentence(
    demo: Path, tmp_path: Path
) -> None:
    done = run(demo, "audit", "export", "1", "--out", str(tmp_path / "no" / "d.txt"), lang="en")

    assert done.exit_code == 1
    assert "The dossier cannot be written to" in done.stderr and "Traceback" not in done.output


def test_the_dossier_says_when_the_history_no_longer_holds_its_anchor(
    tmp_path: Path, catalog: FileWorkflowCatalog
) -> None:
    db = tmp_path / "cases.sqlite"
    engine = make_engine(f"sqlite:///{db}")
    init_database(engine)
    case_id = walk_to_aanwijzing(engine, catalog)
    assert run(db, "audit", "anchor", lang="en").exit_code == 0
    held = json.loads(run(db, "audit", "export", str(case_id), "--format", "json").stdout)

    rewrite_history(engine, case_id, seq=2)  # the chain recomputed: verify cannot tell
    engine.dispose()

    after = json.loads(run(db, "audit", "export", str(case_id), "--format", "json").stdout)
    text = run(db, "audit", "export", str(case_id), lang="en").stdout
    assert held["anchor"]["holds"] is True and after["anchor"]["holds"] is False
    assert after["chain"]["intact"] is True and after["anchor"]["id"] == held["anchor"]["id"]
    assert "the history NO LONGER holds it" in text
