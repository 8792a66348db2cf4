"""Does advancing one case cost the same in a small and in a large database?

Builds SQLite databases with N cases (bulk-inserted rows with deadlines and history, as the
engine writes them), then times the real use cases: the deadline sweep with nothing due
(`escalation tick`), `case do` (apply_action) and `case show` (case_detail) on one case.
Prints each figure as a ratio against the smallest database, the baseline. A ratio near 1.0
means the cost does not grow with the number of cases (index look-ups grow with log N).

    python3 benchmarks/advance_case.py                 # 1 000, 10 000 and 100 000 cases
    python3 benchmarks/advance_case.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert

from escalation.holidays import build_calendar
from escalation.services.cases import add_provider, apply_action, open_case
from escalation.services.deadlines import process_due
from escalation.services.queries import case_detail
from escalation.storage.db import create_schema, make_engine
from escalation.storage.tables import CaseEventRow, CaseRow, DeadlineRow
from escalation.storage.unit_of_work import SqlUnitOfWork
from escalation.workflows import FileWorkflowCatalog

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CATALOG = FileWorkflowCatalog()
CALENDAR = build_calendar()


def build(path: Path, n: int) -> tuple[Engine, int]:
    engine = make_engine(f"sqlite:///{path}")
    create_schema(engine)
    add_provider(
        uow=SqlUnitOfWork(engine),
        name="Bench B.V.",
        kvk="12345678",
        kind="jeugdhulpaanbieder",
        alias=None,
        now=NOW,
    )
    version = CATALOG.get("jeugdwet").version
    case_id = open_case(
        uow=SqlUnitOfWork(engine),
        catalog=CATALOG,
        provider_kvk="12345678",
        workflow="jeugdwet",
        on=date(2025, 1, 1),
        title="bench",
        handler="bench",
        by="bench",
        now=NOW,
    )
    cases = [
        {
            "provider_id": 1,
            "workflow_name": "jeugdwet",
            "workflow_version": version,
            "state": "aanwijzing",
            "opened_on": date(2025, 1, 1),
            "created_at": NOW,
            "updated_at": NOW,
            "version": 1,
            "reminder_ladders": {},
        }
        for _ in range(n - 1)
    ]
    with engine.begin() as connection:
        connection.execute(insert(CaseRow), cases)
        ids = range(case_id + 1, case_id + n)
        connection.execute(insert(DeadlineRow), [_deadline(i) for i in ids])
        connection.execute(insert(CaseEventRow), [_event(i) for i in ids])
    return engine, case_id


def _deadline(case_id: int) -> dict[str, object]:
    due = date(2025, 1, 1) + timedelta(days=case_id % 365)
    return {
        "case_id": case_id,
        "kind": "naleving",
        "due": due,
        "status": "open",
        "basis": "self-set",
        "steps": [],
        "set_by": "geef_aanwijzing",
        "set_on": date(2025, 1, 1),
        "next_reminder_on": due - timedelta(days=3),
    }


def _event(case_id: int) -> dict[str, object]:
    return {
        "case_id": case_id,
        "type": "action_taken",
        "at": NOW,
        "on": date(2025, 1, 1),
        "by": "bench",
        "action": "geef_aanwijzing",
        "params": {},
        "details": {},
    }


def timed(fn: Callable[[], object], repeat: int = 15) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(engine: Engine, case_id: int) -> dict[str, float]:
    # One full round trip up and down the ladder per sample: verscherpt toezicht in and out.
    ladder = ["start_onderzoek", "verstuur_conceptrapport", "stel_rapport_vast"]
    for action in ladder:
        _act(engine, case_id, action, {})
    vt = {"duur": "7 maanden", "verbeterplan_uiterlijk": "2025-03-01"}

    def advance() -> None:
        _act(engine, case_id, "stel_verscherpt_toezicht_in", vt)
        _act(engine, case_id, "hef_verscherpt_toezicht_op", {})
        _act(engine, case_id, "start_onderzoek", {})
        for action in ladder[1:]:
            _act(engine, case_id, action, {})

    def tick() -> None:
        process_due(
            uow_factory=lambda: SqlUnitOfWork(engine),
            catalog=CATALOG,
            calendar=CALENDAR,
            mailer=None,
            resolve=lambda _: None,
            today=date(2024, 12, 31),
            now=NOW,
        )

    return {
        "tick (nothing due)": timed(tick),
        "advance (5 actions)": timed(advance),
        "case show": timed(
            lambda: case_detail(
                uow=SqlUnitOfWork(engine), catalog=CATALOG, case_id=case_id, today=date(2025, 2, 1)
            )
        ),
    }


def _act(engine: Engine, case_id: int, action: str, params: dict[str, str]) -> None:
    apply_action(
        uow=SqlUnitOfWork(engine),
        catalog=CATALOG,
        calendar=CALENDAR,
        case_id=case_id,
        action=action,
        on=date(2025, 2, 1),
        params=params,
        reason=None,
        by="bench",
        now=NOW,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    sizes = sorted(parser.parse_args().sizes)
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            start = time.perf_counter()
            engine, case_id = build(Path(folder) / f"bench-{n}.sqlite", n)
            built = time.perf_counter() - start
            results[n] = measure(engine, case_id)
            engine.dispose()
            print(f"built {n:>7} cases in {built:5.1f} s")
    base = results[sizes[0]]
    print(f"\nratio against the baseline of {sizes[0]} cases (1.00 = no growth):")
    for metric, seconds in base.items():
        ratios = "  ".join(f"{n:>7}: {results[n][metric] / seconds:4.2f}" for n in sizes)
        print(f"  {metric:<20} baseline {seconds * 1000:6.1f} ms   {ratios}")


if __name__ == "__main__":
    main()
