"""How fast does the `escalation` command start? (issue 14, "A CLI that starts fast")

Times, each as the median of N runs of a new process, against its baseline in the same run:

- `escalation --help` against `python -c pass` (target <= 5x). The page comes from the help
  cache (escalation/cli/fast_help.py) after the first run; the first run is shown too.
- `escalation case do 1 ontvang_zienswijze` on a small database against
  `python -c "import sqlmodel"` (target <= 1.3x). The action keeps the case where it is
  (regulier_toezicht), so every run does the same work.

With --save it also writes `python -X importtime` of both commands, sorted by cumulative time,
to benchmarks/results/importtime-case-do.txt and importtime-help.txt.

    python3 benchmarks/cli_start.py            # 11 runs each
    python3 benchmarks/cli_start.py --quick    # 2 runs each, targets not checked (CI)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import data  # benchmarks/data.py: the script's folder is on sys.path
import harness

from escalation.domain.events import Stamp
from escalation.services.cases import apply_action
from escalation.storage.unit_of_work import SqlUnitOfWork

ON = date(2025, 2, 1)
TO_REGULIER = ("start_onderzoek", "verstuur_conceptrapport", "stel_rapport_vast")
ACTION = ["ontvang_zienswijze", "--set", "vorm=schriftelijk", "--on", ON.isoformat()]
TOP = 40  # lines of each importtime profile kept


def escalation_command() -> list[str]:
    """The installed console script beside this Python, else `python -m escalation`."""
    script = Path(sys.executable).with_name("escalation")
    return [str(script)] if script.exists() else [sys.executable, "-m", "escalation"]


def environment(folder: Path) -> dict[str, str]:
    """The person's settings left out; data and cache folders inside `folder`; Dutch."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESCALATION_")}
    env |= {
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "COLUMNS": "100",
        "ESCALATION_USER": "bench",
    }
    return env


def build(path: Path) -> None:
    """One case (benchmarks/data.py), moved to regulier_toezicht where ACTION can repeat."""
    engine = data.build(path, 1)
    for action in (*TO_REGULIER, "kies_regulier_toezicht"):
        apply_action(
            uow=SqlUnitOfWork(engine),
            catalog=data.CATALOG,
            calendar=data.CALENDAR,
            case_id=1,
            action=action,
            params={},
            stamp=Stamp(on=ON, at=datetime(2025, 2, 1, 9, tzinfo=UTC), by="bench"),
        )
    engine.dispose()


def importtime(argv: list[str], env: dict[str, str]) -> str:
    """`python -X importtime ARGV...` of one run, the TOP imports by cumulative time."""
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-X", "importtime", *argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), int(parts[0]), parts[2].rstrip()))
    rows.sort(reverse=True)
    if done.returncode not in (0, 2):  # 2: `escalation` alone prints its help and exits 2
        raise RuntimeError(
            f"python {' '.join(argv)} exited {done.returncode}: {done.stderr[-500:]}"
        )
    head = f"# python -X importtime {' '.join(argv)}\n# cumulative us | self us | module\n"
    return head + "".join(f"{c:>10} | {s:>8} | {name}\n" for c, s, name in rows[:TOP])


def save_profiles(db: Path, env: dict[str, str]) -> None:
    module = ["-m", "escalation"]  # after `python -X importtime`
    do = [*module, "--db", str(db), "case", "do", "1", *ACTION]
    cold = {**env, "XDG_CACHE_HOME": str(Path(env["XDG_CACHE_HOME"]) / "profile")}
    first = importtime([*module, "--help"], cold)
    again = importtime([*module, "--help"], cold)
    harness.RESULTS.mkdir(exist_ok=True)
    (harness.RESULTS / "importtime-case-do.txt").write_text(importtime(do, env), "utf-8")
    (harness.RESULTS / "importtime-help.txt").write_text(
        "## from the help cache (every run but the first)\n"
        + again
        + "\n## the first run (cache cold: Typer and rich write the page)\n"
        + first,
        "utf-8",
    )


def main() -> int:
    args = harness.arguments(__doc__)
    runs = args.runs or (2 if args.quick else 11)
    escalation = escalation_command()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = environment(folder)
        db = folder / "bench.sqlite"
        build(db)
        do = [*escalation, "--db", str(db), "case", "do", "1", *ACTION]
        first_help = harness.run_command([*escalation, "--help"], env=env)  # fills the cache
        help_ = harness.median_command([*escalation, "--help"], runs, env=env)
        bare = harness.median_command([sys.executable, "-c", "pass"], runs, env=env)
        harness.run_command(do, env=env)  # the first run compiles what changed
        case_do = harness.median_command(do, runs, env=env)
        sqlmodel = harness.median_command([sys.executable, "-c", "import sqlmodel"], runs, env=env)
        if args.save:
            save_profiles(db, env)
        shutil.rmtree(folder / "cache", ignore_errors=True)
    report = harness.Report("escalation starts fast", quick=args.quick)
    report.ratio(
        "escalation --help vs python -c pass", help_.seconds, baseline=bare.seconds, target=5
    )
    report.seconds("escalation --help, the first time (no cache)", first_help.seconds)
    report.ratio(
        "case do vs python -c 'import sqlmodel'",
        case_do.seconds,
        baseline=sqlmodel.seconds,
        target=1.3,
        note=f"peak {case_do.max_rss_mib:.0f} MiB",
    )
    return report.finish(save=args.save)


if __name__ == "__main__":
    sys.exit(main())
