"""A database made by escalation 0.1.0 upgrades in place with nothing lost (SQLite, PostgreSQL).

The databases come from tests/fixtures/release-0.1.0 (see its README: 0.1.0 itself filled them).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from escalation.domain.chain import Entry, first_break
from escalation.domain.errors import OutdatedSchemaError, StorageError
from escalation.services.queries import case_history
from escalation.storage.migrate import migrate, upgrade
from escalation.storage.schema import BASELINE, HEAD, MIGRATIONS, check_revision, current
from escalation.storage.unit_of_work import SqlUnitOfWork
from tests.migrations.conftest import NewEngine
from tests.migrations.snapshot import Rows, rows_of, schema_of

FIXTURES = Path(__file__).parents[1] / "fixtures" / "release-0.1.0"
OLD_TYPES = {
    "case_opened",
    "action_taken",
    "deadline_set",
    "deadline_met",
    "deadline_cancelled",
    "deadline_overdue",
    "deadline_moved",
    "reminders_changed",
    "letter_issued",
    "handler_assigned",
}
UNCHANGED = {"cases", "deadlines", "letters", "providers", "workflow_versions"}


@pytest.fixture
def old(new_engine: NewEngine) -> Engine:
    """A copy of the database 0.1.0 left behind, as a SQLite file or a PostgreSQL database."""
    engine = new_engine()
    if engine.dialect.name == "sqlite":
        assert engine.url.database is not None
        shutil.copyfile(FIXTURES / "escalation-0.1.0.sqlite", engine.url.database)
    else:
        load_dump(engine)
    return engine


def load_dump(engine: Engine) -> None:
    dump = (FIXTURES / "escalation-0.1.0.postgres.sql").read_text(encoding="utf-8")
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(dump)  # type: ignore[call-overload]  # a whole script, no parameters


# Columns later revisions add to a table of 0.1.0, with the value an old row gets.
ADDED: dict[str, dict[str, Any]] = {
    "deadlines": {"besluit_id": None, "bezwaar_id": None, "forfeiture_id": None},  # 0005, 0006
    "letters": {"status": "sent"},  # 0005: a status; 0008: issued letters are sent
    "providers": {"address": None},  # 0009: postal address
    "cases": {"organisation": "IGJ"},  # 0011: every case of before was IGJ's
}


# 0010: the hash chain per case; its values depend on the content, so they are checked by
# recomputing them (escalation.domain.chain) rather than listed here.
CHAIN = ("seq", "prev_hash", "hash")


def assert_chained(events: list[dict[str, Any]]) -> None:
    by_case: dict[int, list[Entry]] = {}
    for e in events:
        entry = Entry(
            **{k: e[k] for k in ("case_id", "seq", "type", "payload", "at", "on")},
            by=e["by"],
            reason=e["reason"],
            prev_hash=e["prev_hash"],
            hash=e["hash"],
        )
        by_case.setdefault(e["case_id"], []).append(entry)
    assert len(by_case) > 1
    assert all(first_break(sorted(c, key=lambda x: x.seq)) is None for c in by_case.values())


def grown(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of 0.1.0 with the columns later revisions added, as an upgrade fills them."""
    return [{**row, **ADDED.get(table, {})} for row in rows]


def expected_event(old: dict[str, Any]) -> dict[str, Any]:
    """The row that 0002 makes of a row of 0.1.0, as issue 8's design note specifies it."""
    d, kept = old["details"], {k: old[k] for k in ("id", "case_id", "at", "on", "by", "reason")}
    deadline = {"kind": d.get("kind"), "due": d.get("due")}
    match old["type"]:
        case "case_opened":
            payload = {"workflow": d["workflow"], "version": d["version"], "state": old["to_state"]}
        case "action_taken":
            payload = {k: old[k] for k in ("action", "from_state", "to_state", "params")}
        case "deadline_set" | "deadline_met" | "deadline_cancelled":
            payload = deadline | {"basis": d["basis"], "action": old["action"]}
        case "deadline_overdue":
            return kept | {"type": "deadline_passed", "payload": deadline | {"status": "overdue"}}
        case "deadline_moved":
            payload = {"kind": d["kind"], "from_due": d["from"], "due": d["due"]}
        case "reminders_changed":
            payload = {"kind": d["kind"], "ladder": d["ladder"]}
        case "letter_issued":
            payload = {k: d[k] for k in ("letter", "template", "format")} | {
                "action": old["action"]
            }
        case "handler_assigned":
            payload = {"previous": d["from"], "handler": d["to"]}
        case other:
            pytest.fail(f"0.1.0 wrote no event of type {other}")
    return kept | {"type": old["type"], "payload": payload}


def old_values(old: dict[str, Any]) -> list[Any]:
    """Every value a row of 0.1.0 held beyond the columns that stay."""
    columns = [old[k] for k in ("action", "from_state", "to_state", "params")]
    return [v for v in [*columns, *old["details"].values()] if v is not None and v != {}]


def test_a_database_of_0_1_0_is_at_the_baseline_and_refused_until_upgraded(old: Engine) -> None:
    assert current(old) == BASELINE
    with pytest.raises(OutdatedSchemaError, match="run `escalation db upgrade`"):
        check_revision(old)

    result = upgrade(old)

    assert (result.before, result.after) == (BASELINE, HEAD)
    check_revision(old)


def test_the_fixture_holds_every_table_and_every_event_type_of_0_1_0(old: Engine) -> None:
    rows = rows_of(old)

    assert all(rows[table] for table in UNCHANGED | {"case_events", "escalation_meta", "reminders"})
    assert {e["type"] for e in rows["case_events"]} == OLD_TYPES
    assert {r["status"] for r in rows["reminders"]} >= {"sent", "failed", "superseded"}


def test_upgrading_keeps_every_row_and_converts_each_event_as_specified(old: Engine) -> None:
    before = rows_of(old)

    upgrade(old)
    after = rows_of(old)

    assert {t: after[t] for t in UNCHANGED} == {t: grown(t, before[t]) for t in UNCHANGED}
    assert after["reminders"] == [r | {"lease_until": None} for r in before["reminders"]]
    # alembic_version is the one record of the schema now; 0004 gave the database its identity
    assert [m["key"] for m in after["escalation_meta"]] == ["database_id"]
    assert re.fullmatch("[0-9a-f]{32}", after["escalation_meta"][0]["value"])
    assert after["alembic_version"] == [{"version_num": HEAD}]
    chained = [{k: v for k, v in e.items() if k not in CHAIN} for e in after["case_events"]]
    assert chained == [expected_event(e) for e in before["case_events"]]
    assert_chained(after["case_events"])  # 0010: every entry sealed, case by case, in order
    for old_row, new_row in zip(before["case_events"], after["case_events"], strict=True):
        assert all(v in new_row["payload"].values() for v in old_values(old_row)), old_row


def test_the_upgraded_database_has_the_schema_of_a_new_one(
    old: Engine, new_engine: NewEngine
) -> None:
    fresh = new_engine()
    migrate(fresh, to=HEAD)

    upgrade(old)

    assert schema_of(old) == schema_of(fresh)


def test_history_and_letters_stay_append_only_after_the_upgrade(old: Engine) -> None:
    upgrade(old)
    before = rows_of(old)

    for statement in REWRITES[old.dialect.name]:
        # A plain TRUNCATE of letters meets the besluiten' foreign key first: refused either way.
        refusal = "append-only|referenced in a foreign key"
        with pytest.raises(DatabaseError, match=refusal), old.begin() as conn:
            conn.execute(text(statement))

    after = rows_of(old)
    assert (after["case_events"], after["letters"]) == (before["case_events"], before["letters"])


# Every way found to change a row of the history or an issued letter (issue 9).
REWRITES = {
    "sqlite": [
        "UPDATE case_events SET reason = 'x'",
        "DELETE FROM letters",
        "UPDATE letters SET filename = 'x'",  # 0.1.0's letters were issued: sent (0008)
        "UPDATE letters SET status = 'draft'",
        "INSERT OR REPLACE INTO case_events SELECT * FROM case_events WHERE id = 1",
        "REPLACE INTO letters SELECT * FROM letters WHERE id = 1",
        "INSERT INTO case_events SELECT * FROM case_events WHERE id = 1 "
        "ON CONFLICT (id) DO UPDATE SET reason = 'x'",
    ],
    "postgresql": [
        "UPDATE case_events SET reason = 'x'",
        "DELETE FROM letters",
        "UPDATE letters SET filename = 'x'",
        "UPDATE letters SET status = 'draft'",
        "TRUNCATE case_events",
        "TRUNCATE letters",
        "TRUNCATE cases CASCADE",
        "INSERT INTO case_events SELECT * FROM case_events WHERE id = 1 "
        "ON CONFLICT (id) DO UPDATE SET reason = 'x'",
    ],
}


def test_the_upgraded_history_reads_back_through_the_repository(old: Engine) -> None:
    counts = _events_per_case(rows_of(old))

    upgrade(old)

    for case_id, count in counts.items():
        events = case_history(uow=SqlUnitOfWork(old), case_id=case_id)
        assert len(events) == count


def test_a_downgrade_gives_back_the_rows_of_0_1_0(old: Engine) -> None:
    before = rows_of(old)
    upgrade(old)

    migrate(old, to=BASELINE)
    after = rows_of(old)

    assert after.pop("alembic_version") == [{"version_num": BASELINE}]
    assert after == before


def test_a_warning_that_0_1_0_stored_reads_back_as_the_same_text(old: Engine) -> None:
    # 0.1.0 wrote a warning only for a self-set or fixed date on a non-working day; the fixture
    # has none, so one is set here as 0.1.0 would have written it (a plain string).
    warning = (
        "ends on Saturday 28 February 2026 (zaterdag); a self-set term is not extended by the "
        "Algemene termijnenwet; choose an explicit working day such as Monday 2 March 2026 "
        "with --set."
    )
    with old.begin() as conn:
        conn.execute(text("UPDATE deadlines SET warning = :w WHERE id = 1"), {"w": warning})
    before = rows_of(old)["deadlines"]

    upgrade(old)

    assert rows_of(old)["deadlines"] == grown("deadlines", before)
    with SqlUnitOfWork(old) as uow:
        deadlines = uow.cases.get(before[0]["case_id"]).deadlines
    first = next(d for d in deadlines if d.id == 1)
    assert (first.warning, list(first.steps)) == (warning, before[0]["steps"])
    migrate(old, to=BASELINE)
    assert rows_of(old)["deadlines"] == before


def test_a_failed_upgrade_leaves_the_database_of_0_1_0_as_it_was(old: Engine) -> None:
    with old.begin() as conn:  # 0002 adds this column: the upgrade fails halfway
        conn.execute(text("ALTER TABLE case_events ADD COLUMN payload TEXT"))
    schema, rows = schema_of(old), rows_of(old)

    with pytest.raises(StorageError, match="failed, and nothing of it was kept"):
        upgrade(old)

    assert (schema_of(old), rows_of(old)) == (schema, rows)
    assert current(old) == BASELINE


def test_a_value_the_mapping_does_not_name_is_kept_in_the_payload() -> None:
    moves = _load_migration("0002_typed_events.py")
    old = {"type": "handler_assigned", "action": None, "from_state": None, "to_state": "x"}
    old |= {"params": {}, "details": {"from": None, "to": "anna", "note": "kept"}}

    new_type, payload = moves.to_payload(old)

    assert (new_type, payload) == (
        "handler_assigned",
        {"previous": None, "handler": "anna", "note": "kept", "to_state": "x"},
    )
    assert moves.from_payload({"type": new_type, "payload": payload}) == old


def _events_per_case(rows: Rows) -> dict[int, int]:
    counts: dict[int, int] = {}
    for event in rows["case_events"]:
        counts[event["case_id"]] = counts.get(event["case_id"], 0) + 1
    return counts


def _load_migration(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name[:-3], MIGRATIONS / "versions" / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
