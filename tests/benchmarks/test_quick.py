"""Every benchmark script runs in its quick form (small data, no target checked): CI proves that
the benchmark code works and reports its figures; the timing itself is measured on purpose, by
hand, on a quiet machine (benchmarks/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SHARED = {"harness.py", "data.py"}  # imported by the scripts, not run
SCRIPTS = sorted(p for p in BENCHMARKS.glob("*.py") if p.name not in SHARED)


def test_there_are_benchmarks() -> None:
    assert len(SCRIPTS) >= 1


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_runs_quick(script: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script), "--quick"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "[quick" in done.stdout, done.stdout  # the report's table was printed
    assert "Traceback" not in done.stderr
