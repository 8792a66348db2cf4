"""`case list --json` on 100 000 cases: the first page, and every case streamed in flat memory.

Builds SQLite databases of 10 000 and 100 000 cases (benchmarks/data.py) and runs the CLI as a
user does (`python -m escalation --db FILE case list ...`), each run a fresh process whose wall
time and peak memory (max RSS) are measured. Baselines in the same run: `python -c "import
sqlmodel"` (what any command that reads the database imports) and `escalation --version`.

- the first page (`case list --json`: 50 cases, keyset-paged), target 0.3 s (issue 14);
- every case (`case list --all --jsonl`, streamed): peak memory at 100 000 vs 10 000 cases,
  target 1.2× (flat: rows are written as they are read, never held all at once).

    python3 benchmarks/case_list.py             # 10 000 and 100 000 cases
    python3 benchmarks/case_list.py --quick     # 200 and 2 000, targets not checked (CI)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import data  # benchmarks/data.py: the script's folder is on sys.path
import harness

from escalation.storage.db import make_engine
from escalation.storage.list_queries import SqlCaseLists


def _in_process(path: Path, runs: int) -> float:
    """The page's query and the count of what follows, on an engine already open."""
    engine = make_engine(f"sqlite:///{path}")
    lists = SqlCaseLists(engine)

    def page() -> None:
        rows = list(lists.cases(limit=50))
        lists.count(after=rows[-1].id)

    page()  # the connection and the compiled statements, as in a running process
    seconds = harness.median(page, max(runs, 5))
    engine.dispose()
    return seconds


def main() -> int:
    args = harness.arguments(__doc__)
    small, large = (200, 2_000) if args.quick else (10_000, 100_000)
    runs = args.runs or (1 if args.quick else 3)
    with tempfile.TemporaryDirectory() as folder:
        # As installed: byte code cached (a first, unmeasured run writes it).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(XDG_DATA_HOME=folder, ESCALATION_USER="bench")
        files = {}
        for n in (small, large):
            files[n] = Path(folder) / f"list-{n}.sqlite"
            data.build(files[n], n).dispose()

        def cli(n: int, *argv: str) -> harness.Sample:
            command = [sys.executable, "-m", "escalation", "--db", str(files[n]), *argv]
            harness.run_command(command, env=env)  # warm: byte code written, file cached
            return harness.median_command(command, runs, env=env)

        sqlmodel = harness.median_command([sys.executable, "-c", "import sqlmodel"], runs, env=env)
        version_argv = [sys.executable, "-m", "escalation", "--version"]
        version = harness.median_command(version_argv, runs, env=env)
        page = cli(large, "case", "list", "--json")
        query = _in_process(files[large], runs)
        every = {n: cli(n, "case", "list", "--all", "--jsonl") for n in (small, large)}
    report = harness.Report(f"case list on {large} cases", quick=args.quick)
    report.seconds(f"first page (--json), {large} cases", page.seconds, target=0.3,
                   note=f"{page.max_rss_mib:.0f} MiB")  # fmt: skip
    report.seconds("first page in-process (query + count)", query, target=0.3,
                   note="the page's own cost, without the CLI's start-up")  # fmt: skip
    report.ratio("first page vs import sqlmodel", page.seconds, baseline=sqlmodel.seconds)
    report.ratio("first page vs escalation --version", page.seconds, baseline=version.seconds)
    report.seconds(f"--all --jsonl, {large} cases", every[large].seconds)
    report.figure(f"--all --jsonl peak memory, {large} cases", every[large].max_rss_mib, "MiB")
    report.figure(
        f"--all --jsonl peak memory, {large} vs {small} cases",
        every[large].max_rss_mib / every[small].max_rss_mib, "x", target=1.2,
        note=f"{every[small].max_rss_mib:.0f} MiB at {small}",
    )  # fmt: skip
    return report.finish(save=args.save)


if __name__ == "__main__":
    sys.exit(main())
