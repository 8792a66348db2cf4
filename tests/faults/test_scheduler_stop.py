"""`escalation scheduler run`: SIGTERM stops it within a second, and a bad --interval is refused.

Before issue 9 `--interval -5` never ticked, grew by ~32 MB/s and ignored SIGTERM, and
`--interval 0` silently fell back to the cron schedule. A real process each time; the test
polls for what the process does (its log, the mail server) with a deadline and only times
the stop itself.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from escalation.domain.errors import DatabaseMissingError, InvalidInputError
from escalation.scheduler import job, run_scheduler
from escalation.services.deadlines import TickReport
from tests.faults.conftest import (
    DEADLINE_S,
    aanwijzing_cases,
    adapters,
    cli,
    environment,
    escalation,
    wait_until,
)
from tests.faults.smtp import Sink
from tests.faults.test_kill_during_send import statuses

STOP_S = 1.0  # the promise: stopped within a second of SIGTERM


@pytest.mark.parametrize("interval", ["0", "-5", "0.5", "nan", "inf", "1e308", "86401"])
def test_an_interval_below_a_second_or_above_a_day_is_refused(
    sqlite_url: str, interval: str
) -> None:
    refused = cli(sqlite_url, environment(25), "scheduler", "run", f"--interval={interval}")

    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "--interval" in refused.stderr and "Traceback" not in refused.stderr
    assert "scheduler started" not in refused.stderr


def stopped_within(process: subprocess.Popen[bytes]) -> tuple[float, int]:
    """SIGTERM `process`; how long it took to end, and its exit code."""
    start = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=DEADLINE_S)
    return time.monotonic() - start, code


def scheduler(url: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:  # the child keeps its own descriptor
        return subprocess.Popen(
            escalation(url, "scheduler", "run", "--interval", "3600"),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def test_sigterm_stops_an_idle_scheduler_within_a_second(sqlite_url: str, tmp_path: Path) -> None:
    assert cli(sqlite_url, environment(25), "init").returncode == 0  # nothing to do: idle
    log = tmp_path / "scheduler.log"
    process = scheduler(sqlite_url, environment(25), log)
    try:
        wait_until(lambda: " tick " in log.read_text(), what=f"the first run: {log}")
        took, code = stopped_within(process)
    finally:
        if process.poll() is None:
            process.kill()

    assert took < STOP_S, f"{took:.2f} s\n{log.read_text()}"
    assert code == 0 and "scheduler stopped" in log.read_text()
    assert "Traceback" not in log.read_text()


def test_sigterm_stops_a_scheduler_waiting_for_the_mail_server_within_a_second(
    sqlite_url: str, tmp_path: Path, sink: Sink
) -> None:
    setup = adapters(sqlite_url, sink.port)
    aanwijzing_cases(setup, 1)  # its deadlines passed long ago: today's run mails about them
    setup.dispose()
    env = environment(sink.port)
    log = tmp_path / "scheduler.log"
    sink.hold("DATA")  # the mail arrives; the server's "250" does not
    process = scheduler(sqlite_url, env, log)
    try:
        wait_until(sink.holding.is_set, what="a mail at the server")
        took, code = stopped_within(process)
    finally:
        if process.poll() is None:
            process.kill()
        sink.release()

    assert took < STOP_S, f"{took:.2f} s\n{log.read_text()}"
    assert code == 0 and "Traceback" not in log.read_text(), log.read_text()
    held = [r for r in statuses(sqlite_url, env).values() if r["status"] == "sending"]
    assert [r["id"] for r in held] == [sink.received[0].reminder_id]  # the next run sends it


@pytest.mark.parametrize("seconds", [0.0, -5.0, float("nan"), float("inf"), 1e308, 86_401.0])
def test_the_scheduler_itself_refuses_such_an_interval_before_it_starts(seconds: float) -> None:
    started = []

    with pytest.raises(InvalidInputError, match="--interval must be from 1 to 86,400 seconds"):
        run_scheduler(
            lambda: started.append(1), schedule="mon-fri 07:00", zone=ZoneInfo("UTC"),
            interval_seconds=seconds,
        )  # fmt: skip
    assert started == []


class _Gone:
    """A watch whose database has gone away since the scheduler started."""

    def tick(self) -> TickReport:
        raise DatabaseMissingError("There is no database at /srv/escalation.sqlite.")


def test_a_run_that_cannot_start_is_one_line_in_the_log_and_the_scheduler_carries_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="escalation.scheduler"):
        job(_Gone())  # returns: the next run tries again

    (record,) = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is None
    assert record.getMessage() == "tick not run: There is no database at /srv/escalation.sqlite."
