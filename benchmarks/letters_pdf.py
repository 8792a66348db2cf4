"""1 000 aanwijzingen as PDF: the batch path (`letter batch`) on every core vs one at a time.

Builds a database of cases in state `aanwijzing` (benchmarks/data.py, the action's parameters
and the deadlines the letter names), then

- the baseline, the old path: `letter make` one letter at a time (make_letter, each letter in
  its own transaction, its fonts subset anew as before: escalation.letters.pdf.enabled off),
  timed for a sample and extrapolated to the whole batch (clearly labelled);
- the batch path: `letter batch` over every case (escalation.services.letter_batch): chunks of
  100 cases per transaction, the PDFs rendered in a pool of processes, one per core, each
  keeping its font subsets.

    python3 benchmarks/letters_pdf.py            # 1 000 letters, sample of 20 the old way
    python3 benchmarks/letters_pdf.py --quick    # 5 letters (CI)
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import data  # benchmarks/data.py: the script's folder is on sys.path
import harness
from pypdf import PdfReader

from escalation.domain.events import Stamp
from escalation.domain.letters import LetterFormat
from escalation.letters import JinjaLetterRenderer, pdf
from escalation.letters.files import LetterFolder
from escalation.letters.pool import workers
from escalation.services.letter_batch import Batch, make_letters
from escalation.services.letters import make_letter
from escalation.services.selection import CaseSelection
from escalation.storage.unit_of_work import SqlUnitOfWork

PARAMS = {"nalevingstermijn": "3 maanden"}
KINDS = ("bezwaar", "publicatie_embargo")
INPUTS = {
    "aanleiding": "Uit het inspectieonderzoek blijkt dat de jeugdhulp tekortschiet.",
    "dictum": "### Norm 1.1 JIJ-kader\n- De medewerkers leggen het beeld van de jeugdige vast.",
}
STAMP = Stamp(on=data.TODAY, at=datetime(2025, 3, 3, 9, 0, tzinfo=UTC), by="bench")
TARGET = 60.0  # seconds for 1 000 letters on two cores


def main() -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--letters", type=int, default=1_000)
        parser.add_argument("--sample", type=int, default=20, help="letters made the old way")

    args = harness.arguments(__doc__, options)
    n, sample = (5, 2) if args.quick else (args.letters, args.sample)
    with tempfile.TemporaryDirectory() as folder:
        engine = data.build(
            Path(folder) / "bench.sqlite", n + sample + 1, params=PARAMS, kinds=KINDS
        )
        renderer = JinjaLetterRenderer()
        ids = list(range(2, n + sample + 2))
        old = _old_way(engine, renderer, ids[n:], Path(folder) / "old")
        cpu, start = _cpu(), time.perf_counter()
        result = make_letters(
            _batch(engine, renderer, Path(folder) / "batch"), CaseSelection(tuple(ids[:n]))
        )
        batch, cpu = time.perf_counter() - start, _cpu() - cpu
        _check(result, n)
        engine.dispose()
    per_letter = old / sample
    report = harness.Report(f"{n} aanwijzingen as PDF, {workers()} cores", quick=args.quick)
    report.seconds(
        f"old way, {n} letters (extrapolated)", per_letter * n,
        note=f"{per_letter * 1000:.0f} ms per letter x {n}, from a sample of {sample}",
    )  # fmt: skip
    report.seconds(f"letter batch, {n} letters", batch, target=TARGET * n / 1_000)
    report.ratio("letter batch vs old way", batch, baseline=per_letter * n)
    report.figure("letter batch, per letter", batch / n * 1000, "ms")
    report.figure(
        "letter batch, CPU per letter (all processes)", cpu / n * 1000, "ms",
        note=f"on {workers()} free cores: about {cpu / workers():.1f} s for {n}",
    )  # fmt: skip
    return report.finish(save=args.save)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers): on a
    machine shared with others the wall time says little, the CPU time what the work costs."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _old_way(engine, renderer: JinjaLetterRenderer, ids: list[int], out: Path) -> float:
    """`letter make` per case, as before the batch path: fonts subset for every letter."""
    pdf.enabled = False
    try:
        start = time.perf_counter()
        for case_id in ids:
            make_letter(
                uow=SqlUnitOfWork(engine), renderer=renderer, catalog=data.CATALOG,
                case_id=case_id, template="aanwijzing", fmt=LetterFormat.PDF, inputs=INPUTS,
                on=None, stamp=STAMP, folder=LetterFolder(out), calendar=data.CALENDAR,
            )  # fmt: skip
        return time.perf_counter() - start
    finally:
        pdf.enabled = True


def _batch(engine, renderer: JinjaLetterRenderer, out: Path) -> Batch:
    return Batch(
        uow=lambda: SqlUnitOfWork(engine), renderer=renderer, catalog=data.CATALOG,
        calendar=data.CALENDAR, spec=renderer.spec("aanwijzing"), fmt=LetterFormat.PDF,
        inputs=INPUTS, on=None, stamp=STAMP, folder=LetterFolder(out),
    )  # fmt: skip


def _check(result, n: int) -> None:
    """Every letter made, and the last one a PDF whose text reads back."""
    if result.failed or len(result.made) != n:
        raise SystemExit(f"letter batch made {len(result.made)} of {n}: {result.failed[:3]}")
    text = PdfReader(io.BytesIO(result.made[-1].path.read_bytes())).pages[0].extract_text()
    if "Aanwijzing" not in text:
        raise SystemExit("the PDF does not read back")


if __name__ == "__main__":
    sys.exit(main())
