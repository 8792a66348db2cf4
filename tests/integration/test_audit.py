"""A history that proves itself (issue 13): hash chains per case, verified, anchored, exported.

On SQLite files and on the session's PostgreSQL server; the tampering is done as a superuser
would: the append-only triggers dropped, one row changed directly in the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select
from typer.testing import CliRunner, Result

from escalation.cli import app
from escalation.domain.chain import GENESIS
from escalation.storage.audit import verify
from escalation.storage.db import make_engine
from escalation.storage.history_chain import seal
from escalation.storage.schema import init_database
from escalation.storage.tables import CaseEventRow
from escalation.workflows import FileWorkflowCatalog
from tests.integration.test_storage import open_focus, walk_to_aanwijzing

DROP_UPDATE_TRIGGER = {
    "sqlite": "DROP TRIGGER case_events_no_update",
    "postgresql": "DROP TRIGGER case_events_append_only ON case_events",
}


@pytest.fixture
def url(any_db_url: str) -> str:
    """A SQLite file, then a PostgreSQL database (tests/postgres.py)."""
    return any_db_url


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    built = make_engine(url)
    init_database(built)
    yield built
    built.dispose()


def run(url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", url, *args], env={"ESCALATION_LANG": "en"})


def tamper(engine: Engine, case_id: int, seq: int) -> None:
    """What someone with the database's superuser could do: lift the trigger, change a row."""
    with engine.begin() as conn:
        conn.execute(text(DROP_UPDATE_TRIGGER[engine.dialect.name]))
        conn.execute(
            text("UPDATE case_events SET by = 'someone else' WHERE case_id = :c AND seq = :s"),
            {"c": case_id, "s": seq},
        )


def test_a_fresh_history_is_intact_and_chained_per_case(
    engine: Engine, url: str, catalog: FileWorkflowCatalog
) -> None:
    first = walk_to_aanwijzing(engine, catalog)

    result = run(url, "audit", "verify", "--json")

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["intact"] is True and report["cases"] == 1 and report["entries"] >= 6
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT seq, prev_hash, hash FROM case_events WHERE case_id = :c ORDER BY id"),
            {"c": first},
        ).all()
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert all(r.prev_hash == p.hash for p, r in zip(rows, rows[1:], strict=False))
    assert "History intact" in run(url, "audit", "verify").stdout


def test_a_row_changed_behind_the_triggers_is_named_by_verify(
    engine: Engine, url: str, catalog: FileWorkflowCatalog
) -> None:
    case_id = walk_to_aanwijzing(engine, catalog)
    tamper(engine, case_id, seq=3)

    result = run(url, "audit", "verify")

    assert result.exit_code == 1
    assert f"case {case_id} is broken at entry 3" in result.stderr
    assert "content no longer matches its hash" in result.stderr
    broken = verify(engine, case_id).broken
    assert broken is not None and (broken.seq, broken.problem) == (3, "content")


def test_a_deleted_entry_is_found_as_a_gap(
    engine: Engine, url: str, catalog: FileWorkflowCatalog
) -> None:
    case_id = walk_to_aanwijzing(engine, catalog)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER case_events_no_delete"))
        else:
            conn.execute(text(DROP_UPDATE_TRIGGER["postgresql"]))
        conn.execute(text("DELETE FROM case_events WHERE case_id = :c AND seq = 2"), {"c": case_id})

    broken = verify(engine).broken

    assert broken is not None and (broken.case_id, broken.seq) == (case_id, 3)
    assert broken.problem == "sequence"


def test_anchor_is_stored_append_only_and_export_lists_the_hashes(
    engine: Engine, url: str, catalog: FileWorkflowCatalog
) -> None:
    case_id = open_focus(engine, catalog)

    anchored = run(url, "audit", "anchor", "--json")
    dossier = run(url, "audit", "export", str(case_id), "--format", "json")

    assert anchored.exit_code == 0 and dossier.exit_code == 0, anchored.output + dossier.output
    anchor, export = json.loads(anchored.stdout), json.loads(dossier.stdout)
    assert anchor["heads"][str(case_id)]["hash"] == export["chain"]["head"]
    assert export["events"][0]["prev_hash"] == "0" * 64 and export["chain"]["intact"] is True
    assert export["letters"] == [] and export["besluiten"] == []
    text_dossier = run(url, "audit", "export", str(case_id)).stdout
    assert (
        f"1 entries, chain intact, last hash {anchor['heads'][str(case_id)]['hash']}"
        in text_dossier
    )
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT digest FROM audit_anchors")).scalar_one() == anchor["digest"]
        )
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE audit_anchors SET digest = 'x'"))


def test_export_of_an_unknown_case_is_refused_in_one_sentence(engine: Engine, url: str) -> None:
    result = run(url, "audit", "export", "42")

    assert result.exit_code == 1
    assert "No case 42" in result.stderr and "Traceback" not in result.output


def rewrite_history(engine: Engine, case_id: int, seq: int) -> None:
    """Change an entry and recompute every hash after it: the chain holds, the anchor not."""
    tamper(engine, case_id, seq)
    with Session(engine) as session:
        rows = session.exec(
            select(CaseEventRow)
            .where(CaseEventRow.case_id == case_id)
            .order_by(col(CaseEventRow.seq))
        ).all()
        prev = GENESIS
        for row in rows:
            seal(row, row.seq or 0, prev)
            prev = row.hash or ""
            session.add(row)
        session.commit()


def test_a_rewritten_chain_passes_verify_but_not_the_anchor_kept_elsewhere(
    engine: Engine, url: str, catalog: FileWorkflowCatalog, tmp_path: Path
) -> None:
    case_id = walk_to_aanwijzing(engine, catalog)
    kept = tmp_path / "anchor.json"
    kept.write_text(run(url, "audit", "anchor", "--json").stdout, encoding="utf-8")
    digest = json.loads(kept.read_text(encoding="utf-8"))["digest"]
    assert run(url, "audit", "anchor", "--check", str(kept)).exit_code == 0
    assert run(url, "audit", "anchor", "--check", digest).exit_code == 0

    rewrite_history(engine, case_id, seq=2)

    assert run(url, "audit", "verify").exit_code == 0  # the chain alone cannot tell
    checked = run(url, "audit", "anchor", "--check", str(kept))
    assert checked.exit_code == 1
    assert f"case {case_id} is broken at entry" in checked.stderr
    assert "the anchor recorded hash" in checked.stderr


def test_an_anchor_file_changed_by_hand_is_refused(
    engine: Engine, url: str, catalog: FileWorkflowCatalog, tmp_path: Path
) -> None:
    case_id = open_focus(engine, catalog)
    anchor = json.loads(run(url, "audit", "anchor", "--json").stdout)
    anchor["heads"][str(case_id)]["seq"] = 7
    kept = tmp_path / "anchor.json"
    kept.write_text(json.dumps(anchor), encoding="utf-8")

    result = run(url, "audit", "anchor", "--check", str(kept))

    assert result.exit_code == 1 and "does not hold together" in result.stderr
    assert run(url, "audit", "anchor", "--check", "0" * 64).exit_code == 1
