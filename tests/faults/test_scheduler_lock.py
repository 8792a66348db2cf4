"""One `scheduler run` per database (issue 13): a second one waits, or with --once exits 1.

Real processes on a real SQLite file and on the session's PostgreSQL server. The first
scheduler is killed (SIGKILL), as a crash would end it: the lock must go with the process.
Nothing waits on the clock: the tests poll for what the processes write, with a deadline.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from escalation.storage.scheduler_lock import lock_key
from tests.faults.conftest import DEADLINE_S, cli, environment, escalation, wait_until

HELD = "Another scheduler holds this database since "


@pytest.fixture
def url(any_db_url: str) -> str:
    """A SQLite file, then a PostgreSQL database (tests/postgres.py)."""
    return any_db_url


def start(url: str, log: Path, *args: str, lang: str = "en") -> subprocess.Popen[bytes]:
    with log.open("wb") as out:  # the child keeps its own descriptor
        return subprocess.Popen(
            escalation(url, "scheduler", "run", "--interval", "3600", *args),
            env=environment(25, lang=lang),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def running(url: str, log: Path) -> subprocess.Popen[bytes]:
    """A scheduler that has taken the lock and finished its first run."""
    process = start(url, log)
    wait_until(lambda: " tick " in log.read_text(), what=f"the first run: {log}")
    return process


def end(*processes: subprocess.Popen[bytes]) -> None:
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=DEADLINE_S)


def test_a_second_scheduler_with_once_exits_1_while_the_first_holds_the_database(
    url: str, tmp_path: Path
) -> None:
    assert cli(url, environment(25), "init").returncode == 0
    first = running(url, tmp_path / "first.log")
    try:
        refused = cli(url, environment(25), "scheduler", "run", "--once")
        in_dutch = cli(url, environment(25, lang="nl"), "scheduler", "run", "--once")
    finally:
        end(first)

    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert HELD in refused.stderr and "leave out --once" in refused.stderr
    assert "scheduler started" not in refused.stderr and "Traceback" not in refused.stderr
    assert in_dutch.returncode == 1
    assert "Een andere scheduler houdt deze database bezet sinds " in in_dutch.stderr


def test_a_second_scheduler_waits_and_takes_over_when_the_first_is_killed(
    url: str, tmp_path: Path
) -> None:
    assert cli(url, environment(25), "init").returncode == 0
    first = running(url, tmp_path / "first.log")
    second_log = tmp_path / "second.log"
    second = start(url, second_log)
    try:
        wait_until(lambda: HELD in second_log.read_text(), what=f"the wait: {second_log}")
        waiting = second_log.read_text()
        first.send_signal(signal.SIGKILL)  # no clean-up: the lock goes with the process
        first.wait(timeout=DEADLINE_S)
        wait_until(lambda: " tick " in second_log.read_text(), what=f"the take-over: {second_log}")
        second.send_signal(signal.SIGTERM)
        code = second.wait(timeout=DEADLINE_S)
    finally:
        end(first, second)

    assert "scheduler started" not in waiting and "Waiting until it stops" in waiting
    assert waiting.count(HELD) == 1  # said once, not at every poll
    log = second_log.read_text()
    assert code == 0 and "scheduler started" in log and "Traceback" not in log, log


def test_the_lock_key_is_fixed_per_database_and_differs_between_databases() -> None:
    key = lock_key("0" * 32)

    assert key == lock_key("0" * 32) and key != lock_key("1" * 32)
    assert -(2**63) <= key < 2**63


def test_a_lock_file_that_cannot_be_made_is_said_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lock.sqlite'}"
    assert cli(url, environment(25), "init").returncode == 0
    (tmp_path / "lock.sqlite.scheduler-lock").mkdir()  # in the way

    refused = cli(url, environment(25), "scheduler", "run")

    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert (
        "cannot make its lock file" in refused.stderr
        and "lock.sqlite.scheduler-lock" in refused.stderr
    )
    assert "scheduler started" not in refused.stderr and "Traceback" not in refused.stderr
