"""`letter make` through the service (archived), Markdown: letters per second, and flat per case.

Builds a database of cases in state `aanwijzing` (benchmarks/data.py) and times

- `letter make` one letter at a time (make_letter: each letter read, composed, rendered and
  committed in its own transaction), one letter per case: letters per second;
- `letter batch --format md` over the same number of other cases (chunks of 100 cases per
  transaction): letters per second, the target of issue 14 (>= 500/s);
- the baseline in the same run: rendering the same letter with Jinja alone (no database);
- on one case, `letter make` of the first 50 letters vs after 400 earlier letters, each sent
  before the next is made (so every one stays in the case's archive): the time must not grow
  with the letters a case has (it rose from 25 to 45 ms when every earlier letter was read).

    python3 benchmarks/letter_make.py            # 1 000 letters, 450 on one case
    python3 benchmarks/letter_make.py --quick    # 20 letters (CI)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import data  # benchmarks/data.py: the script's folder is on sys.path
import harness
from letters_pdf import INPUTS, KINDS, PARAMS, STAMP
from sqlalchemy import Engine

from escalation.domain.letters import SENT, LetterFormat
from escalation.letters import JinjaLetterRenderer
from escalation.letters.files import LetterFolder
from escalation.services.letter_batch import Batch, make_letters
from escalation.services.letters import IssuedLetter, make_letter
from escalation.services.selection import CaseSelection
from escalation.storage.unit_of_work import SqlUnitOfWork

MD = LetterFormat.MD
TARGET = 500.0  # letters per second


def main() -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--letters", type=int, default=1_000)
        parser.add_argument("--on-one-case", type=int, default=450)

    args = harness.arguments(__doc__, options)
    n, one = (20, 30) if args.quick else (args.letters, args.on_one_case)
    renderer = JinjaLetterRenderer()
    with tempfile.TemporaryDirectory() as folder:
        engine = data.build(Path(folder) / "bench.sqlite", 2 * n + 2, params=PARAMS, kinds=KINDS)
        make(engine, renderer, 2)  # warm: templates compiled, organisation read
        jinja = _jinja_alone(engine, renderer, n)
        start = time.perf_counter()
        for case_id in range(3, n + 3):
            make(engine, renderer, case_id)
        single = time.perf_counter() - start
        batch = _batch(engine, renderer, range(n + 3, 2 * n + 2), Path(folder) / "md")
        first, later = _on_one_case(engine, renderer, one)
        engine.dispose()
    report = harness.Report(f"letter make (md, archived), {n} letters", quick=args.quick)
    report.figure("Jinja alone (baseline)", n / jinja, "/s", higher_is_better=True)
    report.figure("letter make, one transaction each", n / single, "/s", higher_is_better=True)
    report.figure(
        "letter batch --format md", (n - 1) / batch, "/s", target=TARGET, higher_is_better=True
    )
    report.ratio(
        f"one case: last 50 of {one} letters vs first 50", later, baseline=first, target=1.3,
        note="(median CPU ms per make)",
    )  # fmt: skip
    return report.finish(save=args.save)


def make(engine: Engine, renderer: JinjaLetterRenderer, case_id: int) -> IssuedLetter:
    return make_letter(
        uow=SqlUnitOfWork(engine), renderer=renderer, catalog=data.CATALOG, case_id=case_id,
        template="aanwijzing", fmt=MD, inputs=INPUTS, on=None, stamp=STAMP,
        calendar=data.CALENDAR,
    )  # fmt: skip


def _jinja_alone(engine: Engine, renderer: JinjaLetterRenderer, n: int) -> float:
    """The same letter rendered `n` times from its stored context: no database, no checks."""
    with SqlUnitOfWork(engine) as uow:
        context = uow.letters.for_case(2)[-1].context
    start = time.perf_counter()
    for _ in range(n):
        renderer.render("aanwijzing", context, fmt=MD)
    return time.perf_counter() - start


def _batch(engine: Engine, renderer: JinjaLetterRenderer, ids: range, out: Path) -> float:
    batch = Batch(
        uow=lambda: SqlUnitOfWork(engine), renderer=renderer, catalog=data.CATALOG,
        calendar=data.CALENDAR, spec=renderer.spec("aanwijzing"), fmt=MD, inputs=INPUTS,
        on=None, stamp=STAMP, folder=LetterFolder(out),
    )  # fmt: skip
    start = time.perf_counter()
    result = make_letters(batch, CaseSelection(tuple(ids)))
    seconds = time.perf_counter() - start
    if result.failed or len(result.made) != len(ids):
        raise SystemExit(f"letter batch made {len(result.made)} of {len(ids)}: {result.failed[:3]}")
    return seconds


def _on_one_case(engine: Engine, renderer: JinjaLetterRenderer, count: int) -> tuple[float, float]:
    """Median CPU seconds of `letter make` for the first 50 and the last 50 of `count` letters
    of one case, each sent (archived for good) before the next is made."""
    samples = []
    for _ in range(count):
        start = time.process_time()  # CPU: what the work costs, whatever else the machine runs
        made = make(engine, renderer, 2)
        samples.append(time.process_time() - start)
        with SqlUnitOfWork(engine) as uow:  # sent: it stays in the archive, never made again
            uow.letters.update(replace(made.record, status=SENT))
            uow.commit()
    window = min(50, count // 2)
    return statistics.median(samples[:window]), statistics.median(samples[-window:])


if __name__ == "__main__":
    sys.exit(main())
