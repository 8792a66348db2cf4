"""Benchmark data: a database of N cases as the engine writes them, built in bulk.

One case is opened through the real use case (it stores the workflow definition and a real
history); the other N-1 are inserted in bulk as copies of a case in state `aanwijzing` with one
open `naleving` deadline and a sealed history entry (the hash chain holds, `audit verify`
passes). `due` of them have a reminder step due on `today`, `passed` of them a deadline whose
last day was before `today`; the rest are due months later. Ids are 1..N.

    engine = build(Path("bench.sqlite"), 100_000, due=1_000, today=TODAY)
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert

from escalation.domain.chain import GENESIS, Entry, entry_hash
from escalation.holidays import build_calendar
from escalation.services.cases import open_case
from escalation.services.providers import add_provider
from escalation.storage.db import make_engine
from escalation.storage.schema import init_database
from escalation.storage.tables import CaseEventRow, CaseRow, DeadlineRow
from escalation.storage.unit_of_work import SqlUnitOfWork
from escalation.workflows import FileWorkflowCatalog

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
TODAY = date(2025, 3, 3)  # a Monday
OPENED = date(2025, 1, 6)
CATALOG = FileWorkflowCatalog()
CALENDAR = build_calendar()
KVK = "12345678"
CHUNK = 10_000


def build(
    path: Path,
    n: int,
    *,
    due: int = 0,
    passed: int = 0,
    today: date = TODAY,
    params: dict[str, str] | None = None,
    kinds: tuple[str, ...] = (),
) -> Engine:
    """A SQLite database at `path` with `n` cases (see the module's docstring).

    `params`: the parameters of the bulk cases' `geef_aanwijzing` (for letters that need them);
    `kinds`: further open deadlines each bulk case has (e.g. `bezwaar`), due in six weeks.
    """
    engine = make_engine(f"sqlite:///{path}")
    init_database(engine)
    first = _open_first(engine)
    version = CATALOG.get("jeugdwet").version
    ids = range(first + 1, first + n)
    with engine.begin() as connection:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            connection.execute(insert(CaseRow), [_case(version) for _ in chunk])
            rows = [_deadline(i, i - first, due=due, passed=passed, today=today) for i in chunk]
            rows += [_extra(i, kind, today) for i in chunk for kind in kinds]
            connection.execute(insert(DeadlineRow), rows)
            connection.execute(insert(CaseEventRow), [_event(i, params or {}) for i in chunk])
    return engine


def _open_first(engine: Engine) -> int:
    uow = SqlUnitOfWork(engine)
    add_provider(
        uow=uow,
        name="Bench B.V.",
        kvk=KVK,
        kind="jeugdhulpaanbieder",
        alias=None,
        now=NOW,
        address="Stationsplein 1, 3511 ED Utrecht",
    )
    return open_case(
        uow=SqlUnitOfWork(engine),
        catalog=CATALOG,
        provider_kvk=KVK,
        workflow="jeugdwet",
        on=OPENED,
        title="bench",
        handler="bench",
        by="bench",
        now=NOW,
    )


def _case(version: int) -> dict[str, object]:
    return {
        "provider_id": 1,
        "workflow_name": "jeugdwet",
        "workflow_version": version,
        "state": "aanwijzing",
        "title": "bench",
        "handler": "bench",
        "opened_on": OPENED,
        "created_at": NOW,
        "updated_at": NOW,
        "version": 1,
        "reminder_ladders": {},
    }


def _deadline(
    case_id: int, number: int, *, due: int, passed: int, today: date
) -> dict[str, object]:
    """The `number`-th bulk case's deadline: reminder due today, passed, or months away."""
    if number <= due:
        last_day, remind_on = today + timedelta(days=7), today
    elif number <= due + passed:
        last_day, remind_on = today - timedelta(days=1), None
    else:
        last_day = today + timedelta(days=60 + number % 300)
        remind_on = last_day - timedelta(days=7)
    return {
        "case_id": case_id,
        "kind": "naleving",
        "due": last_day,
        "status": "open",
        "basis": "self-set",
        "steps": [],
        "set_by": "geef_aanwijzing",
        "set_on": OPENED,
        "next_reminder_on": remind_on,
    }


def _extra(case_id: int, kind: str, today: date) -> dict[str, object]:
    return {
        "case_id": case_id, "kind": kind, "due": today + timedelta(weeks=6), "status": "open",
        "basis": "statutory", "steps": [], "set_by": "geef_aanwijzing", "set_on": OPENED,
        "next_reminder_on": None,
    }  # fmt: skip


def _event(case_id: int, params: dict[str, str]) -> dict[str, object]:
    entry = Entry(
        case_id=case_id,
        seq=1,
        type="action_taken",
        payload={"action": "geef_aanwijzing", "params": dict(params), "details": {}},
        at=NOW,
        on=OPENED,
        by="bench",
        reason=None,
    )
    return {
        "case_id": case_id,
        "type": entry.type,
        "at": entry.at,
        "on": entry.on,
        "by": entry.by,
        "reason": None,
        "payload": dict(entry.payload),
        "seq": 1,
        "prev_hash": GENESIS,
        "hash": entry_hash(entry, GENESIS),
    }
