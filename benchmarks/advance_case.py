"""Does advancing one case cost the same in a small and in a large database?

Builds SQLite databases with N cases (bulk-inserted rows with deadlines and history, as the
engine writes them), then times the real use cases: the deadline sweep with nothing due
(`escalation tick`), `case do` (apply_action) and `case show` (case_detail) on one case.
Prints each figure as a ratio against the smallest database, the baseline. A ratio near 1.0
means the cost does not grow with the number of cases (index look-ups grow with log N).

    python3 benchmarks/advance_case.py                 # 1 000, 10 000 and 100 000 cases
    python3 benchmarks/advance_case.py --sizes 1000 10000
    python3 benchmarks/advance_case.py --quick               # tiny, targets not checked (CI)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import data  # benchmarks/data.py: the script's folder is on sys.path
import harness
from sqlalchemy import Engine

from escalation.domain.events import Stamp
from escalation.services.cases import apply_action
from escalation.services.deadlines import process_due
from escalation.services.queries import case_detail
from escalation.storage.unit_of_work import SqlUnitOfWork

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CATALOG = data.CATALOG
CALENDAR = data.CALENDAR


def build(path: Path, n: int) -> tuple[Engine, int]:
    """`n` cases built in bulk (benchmarks/data.py); the one measured is the real first case."""
    return data.build(path, n), 1


def timed(fn: Callable[[], object], repeat: int = 15) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(engine: Engine, case_id: int, repeat: int) -> dict[str, float]:
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
            clock=lambda: NOW,
        )

    return {
        "tick (nothing due)": timed(tick, repeat),
        "advance (5 actions)": timed(advance, repeat),
        "case show": timed(
            lambda: case_detail(
                uow=SqlUnitOfWork(engine), catalog=CATALOG, case_id=case_id, today=date(2025, 2, 1)
            ),
            repeat,
        ),
    }


def _act(engine: Engine, case_id: int, action: str, params: dict[str, str]) -> None:
    apply_action(
        uow=SqlUnitOfWork(engine),
        catalog=CATALOG,
        calendar=CALENDAR,
        case_id=case_id,
        action=action,
        params=params,
        stamp=Stamp(on=date(2025, 2, 1), at=NOW, by="bench"),
    )


def main() -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])

    args = harness.arguments(__doc__, options)
    sizes = [100, 200] if args.quick else sorted(args.sizes)
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            start = time.perf_counter()
            engine, case_id = build(Path(folder) / f"bench-{n}.sqlite", n)
            built = time.perf_counter() - start
            results[n] = measure(engine, case_id, repeat=args.runs or (3 if args.quick else 15))
            engine.dispose()
            print(f"built {n:>7} cases in {built:5.1f} s")
    report = harness.Report(f"one case in {sizes[-1]} vs {sizes[0]} cases", quick=args.quick)
    for metric, seconds in results[sizes[0]].items():
        # A cost that follows log N (index look-ups) stays well under 1.3 from 1 000 to 100 000.
        report.ratio(metric, results[sizes[-1]][metric], baseline=seconds, target=1.3)
    return report.finish(save=args.save)


if __name__ == "__main__":
    sys.exit(main())
