"""Does the deadline sweep cost what is due, not what is stored? `tick` with 1 000 due.

Builds SQLite databases of 10 000 and 100 000 cases (benchmarks/data.py) with 1 000 due
today, and times `process_due` in-process without a mail server (what `escalation tick` does
before printing) on a fresh copy of the database per sample (a sweep changes what it sweeps),
in two mixes:

- "1 000 reminders": each of the 1 000 has a reminder step due today, claimed on the
  set-based path from the deadline rows (the issue's row; the target is on this mix);
- "900 + 100 passed": 100 of them instead have a `naleving` deadline that passed yesterday,
  swept through the case aggregate (marked passed in the case's sealed history, its
  follow-up `start_hertoets` taken, the case saved under its version): the dearer path,
  reported with its cost per case.

data.py arms its due deadlines with a last day a week away, where the `naleving` ladder
(-14, -3, 0, 1 working days) has no step today; this script moves their last day to three
working days after today, so each has its -3 step due today and a reminder is claimed. The
10 000-case figure is the baseline of the ratio.

    python3 benchmarks/tick_due.py                # 10 000 and 100 000 cases, 1 000 due
    python3 benchmarks/tick_due.py --quick        # 1 000 and 2 000 cases, 50 due (CI)
    python3 benchmarks/tick_due.py --profile 100000   # cProfile of one sweep of each mix
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import data  # benchmarks/data.py: the script's folder is on sys.path
import harness
from sqlalchemy import Engine, select, text, update
from sqlmodel import col

from escalation.services.deadlines import TickReport, process_due
from escalation.storage.db import make_engine
from escalation.storage.tables import DeadlineRow
from escalation.storage.unit_of_work import SqlUnitOfWork

TARGET_SECONDS = 0.3  # issue 14: 1 000 due on 100 000 cases
TARGET_RATIO = 1.3  # 100 000 vs 10 000 cases


def arm_for_today(engine: Engine) -> None:
    """The due deadlines end three working days after today: their -3 step is due today."""
    last_day = data.TODAY
    for _ in range(3):
        last_day += timedelta(days=1)
        while not data.CALENDAR.is_working_day(last_day):
            last_day += timedelta(days=1)
    with engine.begin() as connection:
        connection.execute(
            update(DeadlineRow)
            .where(col(DeadlineRow.next_reminder_on) == data.TODAY)
            .values(due=last_day)
        )
    engine.dispose()


def tick(engine: Engine) -> TickReport:
    return process_due(
        uow_factory=lambda: SqlUnitOfWork(engine),
        catalog=data.CATALOG,
        calendar=data.CALENDAR,
        mailer=None,
        resolve=lambda _: None,
        today=data.TODAY,
        clock=lambda: data.NOW,
    )


def fresh(built: Path, folder: Path) -> Engine:
    """A copy of the built database, connected (the connection is not what is timed)."""
    copy = folder / "run.sqlite"
    shutil.copyfile(built, copy)
    engine = make_engine(f"sqlite:///{copy}")
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return engine


def with_passed(built: Path, target: Path, passed: int) -> None:
    """A copy of `built` where the last `passed` due deadlines ended yesterday instead."""
    shutil.copyfile(built, target)
    engine = make_engine(f"sqlite:///{target}")
    with engine.begin() as connection:
        due = select(DeadlineRow.id).where(col(DeadlineRow.next_reminder_on) == data.TODAY)
        ids = list(connection.execute(due.order_by(col(DeadlineRow.id).desc()).limit(passed)))
        connection.execute(
            update(DeadlineRow)
            .where(col(DeadlineRow.id).in_([i for (i,) in ids]))
            .values(due=data.TODAY - timedelta(days=1), next_reminder_on=None)
        )
    engine.dispose()


def measure(built: Path, folder: Path, runs: int, due: int) -> float:
    """The median seconds of one sweep over a fresh copy; checks each swept what was due."""
    samples = []
    for _ in range(max(1, runs)):
        engine = fresh(built, folder)
        start = time.perf_counter()
        report = tick(engine)
        samples.append(time.perf_counter() - start)
        found = report.sweep
        swept = len(found.reminders) + len(found.overdue) + len(found.lapsed)
        engine.dispose()
        if swept != due:
            raise RuntimeError(f"the sweep found {swept} due, not {due}")
    return sorted(samples)[len(samples) // 2]


def profile(built: Path, folder: Path) -> None:
    engine = fresh(built, folder)
    profiler = cProfile.Profile()
    profiler.runcall(tick, engine)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--profile", type=int, metavar="N", help="profile one sweep on N")

    args = harness.arguments(__doc__, options)
    sizes = [1_000, 2_000] if args.quick else [10_000, 100_000]
    due, passed = (50, 5) if args.quick else (1_000, 100)
    runs = args.runs or (3 if args.quick else 5)
    plain: dict[int, float] = {}
    mixed: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for n in [args.profile] if args.profile else sizes:
            built, other = folder / f"bench-{n}.sqlite", folder / f"mixed-{n}.sqlite"
            start = time.perf_counter()
            arm_for_today(data.build(built, n, due=due))
            with_passed(built, other, passed)
            print(f"built {n:>7} cases ({due} due) in {time.perf_counter() - start:5.1f} s")
            if args.profile:
                profile(built, folder)
                profile(other, folder)
                return 0
            plain[n] = measure(built, folder, runs, due)
            mixed[n] = measure(other, folder, runs, due)
    return _report(args, sizes, plain, mixed, due, passed)


def _report(
    args: argparse.Namespace, sizes: list[int], plain: dict[int, float],
    mixed: dict[int, float], due: int, passed: int,
) -> int:  # fmt: skip
    small, large = sizes
    report = harness.Report(f"tick with {due} due, in-process", quick=args.quick)
    per_due = f"({plain[large] / due * 1000:.3f} ms per due case)"
    report.seconds(f"{due} reminders, {small} cases (baseline)", plain[small])
    report.seconds(f"{due} reminders, {large} cases", plain[large], target=TARGET_SECONDS,
                   note=per_due)  # fmt: skip
    report.ratio(f"{due} reminders, {large} vs {small} cases", plain[large],
                 baseline=plain[small], target=TARGET_RATIO)  # fmt: skip
    each = (mixed[large] - plain[large]) / passed * 1000
    report.seconds(f"{due - passed} + {passed} passed, {large} cases", mixed[large],
                   note=f"(+{each:.2f} ms per passed case, through the aggregate)")  # fmt: skip
    report.ratio(f"{due - passed} + {passed} passed, {large} vs {small} cases", mixed[large],
                 baseline=mixed[small], target=TARGET_RATIO)  # fmt: skip
    return report.finish(save=args.save)


if __name__ == "__main__":
    sys.exit(main())
