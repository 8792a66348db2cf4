"""The long-running watch: APScheduler runs one job, the deadline watch's tick, on a schedule."""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import FrameType
from typing import NoReturn, Protocol
from zoneinfo import ZoneInfo

from apscheduler.executors.debug import DebugExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from escalation.domain.errors import EscalationError, InvalidInputError
from escalation.formatting import count
from escalation.i18n import _
from escalation.services.deadlines import TickReport

logger = logging.getLogger(__name__)


class Watch(Protocol):
    """What the job needs: one run of the deadline watch for today."""

    def tick(self) -> TickReport: ...


# Stores an anchor of the history's hash chains if one is due; returns what to log, if any.
Anchoring = Callable[[], str | None]


def job(watch: Watch, anchoring: Anchoring | None = None) -> None:
    """The scheduled job: one tick, logged; what needs a person is logged as a warning. Then
    the history's anchor, when one is due (settings.anchor_interval_hours)."""
    try:
        report = watch.tick()
    except EscalationError as err:  # e.g. the database is gone: said in one line, next run
        logger.error("tick not run: %s", err)
        return
    _log(report)
    if anchoring is not None:
        anchor(anchoring)


def anchor(anchoring: Anchoring) -> None:
    """Anchor the history if due; a failure is logged and left to the next run."""
    try:
        made = anchoring()
    except Exception as err:  # noqa: BLE001 - the watch's own work is done; never stop on this
        logger.error("history not anchored: %s", err)
        return
    if made is not None:
        logger.info("history anchored: %s", made)


def _log(report: TickReport) -> None:
    s, d = report.sweep, report.delivery
    logger.info(
        "tick %s: %d overdue, %d reminders, %d follow-ups; mail %d sent, %d failed, %d waiting",
        s.today,
        len(s.overdue),
        len(s.reminders),
        len(s.follow_ups),
        len(d.sent),
        len(d.failed),
        d.more,
    )
    for problem in report.workflow_problems:
        logger.warning("workflow file skipped: %s", problem)
    for case_id, reason in s.unchecked:
        logger.warning("case %s not checked: %s", case_id, reason)
    for reminder_id, error in d.failed:
        logger.warning("reminder %s not sent: %s", reminder_id, error)


def run(
    watch: Watch,
    *,
    schedule: str,
    zone: ZoneInfo,
    interval_seconds: float | None = None,
    anchoring: Anchoring | None = None,
) -> None:
    """Log to stderr and run the watch's job until SIGTERM or Ctrl-C."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    run_scheduler(
        lambda: job(watch, anchoring),
        schedule=schedule,
        zone=zone,
        interval_seconds=interval_seconds,
    )


_SCHEDULE = re.compile(r"^\s*(?P<days>[a-z,\-*]+)\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*$")


def cron_trigger(schedule: str, zone: ZoneInfo) -> CronTrigger:
    """A trigger from a schedule such as "mon-fri 07:00" (days as in cron, time local)."""
    match = _SCHEDULE.match(schedule.lower())
    if match is None:
        raise InvalidInputError(
            _(
                "'{schedule}' is not a schedule; write days and a time, e.g. 'mon-fri 07:00'."
            ).format(schedule=schedule)
        )
    try:
        return CronTrigger(
            day_of_week=match["days"],
            hour=int(match["hour"]),
            minute=int(match["minute"]),
            timezone=zone,
        )
    except ValueError as err:
        raise InvalidInputError(
            _("'{schedule}' is not a schedule: {problem}.").format(schedule=schedule, problem=err)
        ) from None


MIN_INTERVAL_SECONDS = 1.0
MAX_INTERVAL_SECONDS = 86_400.0  # a day; more is what the schedule is for (and inf overflows)


class _KeptJobs(MemoryJobStore):  # type: ignore[misc]  # APScheduler 3 is untyped
    """Keeps its job through a shutdown: stopped during a run, APScheduler still records that
    run once the job returns (a store emptied by the shutdown made that a JobLookupError)."""

    def shutdown(self) -> None:
        return None


@dataclass
class _Running:
    job: bool = False


def run_scheduler(
    job: Callable[[], None],
    *,
    schedule: str,
    zone: ZoneInfo,
    interval_seconds: float | None = None,
) -> None:
    """Run `job` at start-up and then on the schedule until SIGTERM or Ctrl-C (within a second).

    Our deadline table is the source of truth, so no persistent APScheduler job store is
    used: a missed run is simply caught up by the next one (coalesced, never skipped). The job
    runs in the main thread, where the signal arrives, so that a stop does not wait for it.

    Raises:
        InvalidInputError: an interval below a second or above a day (or not a number), or a
            schedule that cannot be read.
    """
    trigger = _trigger(schedule, zone, interval_seconds)
    scheduler = BlockingScheduler(
        timezone=zone,
        executors={"default": DebugExecutor()},
        jobstores={"default": _KeptJobs()},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    running = _Running()
    scheduler.add_job(
        _stoppable(job, running), trigger, id="process_due", next_run_time=datetime.now(zone)
    )
    _on_stop_signals(scheduler, running)
    logger.info("scheduler started: %s", interval_seconds or schedule)
    scheduler.start()
    logger.info("scheduler stopped")


def _trigger(
    schedule: str, zone: ZoneInfo, interval_seconds: float | None
) -> IntervalTrigger | CronTrigger:
    if interval_seconds is None:
        return cron_trigger(schedule, zone)
    if not MIN_INTERVAL_SECONDS <= interval_seconds <= MAX_INTERVAL_SECONDS:  # nan too
        raise InvalidInputError(
            _("--interval must be from {minimum} to {maximum} seconds.").format(
                minimum=1, maximum=count(int(MAX_INTERVAL_SECONDS))
            )
        )
    return IntervalTrigger(seconds=interval_seconds, timezone=zone)


def _stoppable(job: Callable[[], None], running: _Running) -> Callable[[], None]:
    def guarded() -> None:
        running.job = True
        try:
            job()
        finally:
            running.job = False

    return guarded


def _exit_during_a_run() -> NoReturn:
    """Stopped while the job runs: end the process at once, as a crash would.

    Unwinding the job from a signal handler could leave a lock of the connection pool or of a
    mail library held, and the clean-up after it waiting for ever (seen on a loaded machine).
    Ending at once is what every guarantee is built for: the open transaction is rolled back
    (SQLite's journal, PostgreSQL's dropped connection) and a reminder being sent stays
    `sending` under its lease, so the next run sends it again with the same Message-ID.
    """
    logger.info("stopped during a run; what it was sending is sent again by the next")
    logger.info("scheduler stopped")
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _on_stop_signals(scheduler: BlockingScheduler, running: _Running) -> None:
    def stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("received signal %s; stopping", signum)
        if running.job:
            _exit_during_a_run()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
