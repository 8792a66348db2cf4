"""What every benchmark shares: medians, a baseline timed in the same run, targets that fail it.

A benchmark script builds its own data, times what it measures and a baseline in the same run
(so the ratio holds on any machine), and reports each figure through `Report`:

    report = Report("tick with 1 000 due", quick=args.quick)
    report.seconds("tick, 100 000 cases", 0.21, target=0.3)
    report.ratio("100 000 vs 10 000 cases", 0.21, baseline=0.20, target=1.3)
    sys.exit(report.finish())

`finish` prints one table and returns 1 when a target is missed. With `--quick` (what CI runs)
the data is small and the figures are printed but no target is checked: CI proves that the
benchmark code works, not how fast CI's machine is (docs: benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def arguments(doc: str | None, configure: Callable[[argparse.ArgumentParser], None] | None = None):
    """The common options (`--quick`, `--runs`, `--save`) plus the script's own."""
    parser = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data, no target checked (CI)")
    parser.add_argument("--runs", type=int, default=None, help="samples per figure (median)")
    parser.add_argument("--save", action="store_true", help="write benchmarks/results/NAME.json")
    if configure is not None:
        configure(parser)
    return parser.parse_args()


def median(fn: Callable[[], object], runs: int) -> float:
    """The median wall time of `runs` calls, in seconds."""
    samples = []
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_mib: float  # the child's peak resident memory


def run_command(argv: Sequence[str], *, env: dict[str, str] | None = None) -> Sample:
    """Run one command to its end (output discarded); its wall time and peak memory.

    A command that fails raises: a benchmark of a failing command measures nothing.
    """
    start = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - our own commands
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}: {error.strip()}")
    return Sample(seconds, usage.ru_maxrss / 1024)  # Linux reports KiB


def median_command(argv: Sequence[str], runs: int, *, env: dict[str, str] | None = None) -> Sample:
    """The median wall time and the largest peak memory of `runs` runs of one command."""
    samples = [run_command(argv, env=env) for _ in range(max(1, runs))]
    return Sample(
        statistics.median(s.seconds for s in samples), max(s.max_rss_mib for s in samples)
    )


@dataclass
class _Row:
    what: str
    value: float
    unit: str
    target: float | None
    higher_is_better: bool
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target

    def line(self) -> str:
        figure = f"{self.value:10.3f} {self.unit:<5}"
        if self.target is None:
            verdict = ""
        else:
            sign = ">=" if self.higher_is_better else "<="
            verdict = f"target {sign} {self.target:g} {self.unit}: " + (
                "met" if self.met else "MISSED"
            )
        return f"  {self.what:<48} {figure} {verdict} {self.note}".rstrip()


@dataclass
class Report:
    """The figures of one benchmark run; `finish` prints them and says whether targets held."""

    title: str
    quick: bool = False
    rows: list[_Row] = field(default_factory=list)

    def seconds(
        self, what: str, value: float, *, target: float | None = None, note: str = ""
    ) -> None:
        self.rows.append(_Row(what, value, "s", target, False, note))

    def ratio(
        self,
        what: str,
        value: float,
        *,
        baseline: float,
        target: float | None = None,
        note: str = "",
    ) -> None:
        """`value / baseline`, both measured in this run; the target is an upper bound."""
        detail = f"({value * 1000:.1f} ms / {baseline * 1000:.1f} ms) {note}".strip()
        self.rows.append(_Row(what, value / baseline, "x", target, False, detail))

    def figure(
        self,
        what: str,
        value: float,
        unit: str,
        *,
        target: float | None = None,
        higher_is_better: bool = False,
        note: str = "",
    ) -> None:
        """Any other figure (per second, MiB, ...)."""
        self.rows.append(_Row(what, value, unit, target, higher_is_better, note))

    def finish(self, *, save: bool = False, name: str | None = None) -> int:
        """Print the table; 1 when a target was missed (never in a quick run), else 0."""
        print(
            f"\n{self.title}" + ("  [quick: data small, targets not checked]" if self.quick else "")
        )
        for row in self.rows:
            print(row.line())
        missed = [row.what for row in self.rows if row.met is False]
        if save:
            self._save(name or Path(sys.argv[0]).stem)
        if missed and not self.quick:
            print(f"MISSED: {', '.join(missed)}")
            return 1
        return 0

    def _save(self, name: str) -> None:
        RESULTS.mkdir(exist_ok=True)
        rows = [
            {"what": r.what, "value": round(r.value, 4), "unit": r.unit, "target": r.target,
             "met": r.met, "note": r.note}
            for r in self.rows
        ]  # fmt: skip
        payload = {"title": self.title, "quick": self.quick, "rows": rows}
        (RESULTS / f"{name}.json").write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
