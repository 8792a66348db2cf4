"""The long-running watch: APScheduler runs one job, the deadline watch's tick, on a schedule."""

from __future__ import annotations

import logging
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import FrameType
from typing import Protocol
from zoneinfo import ZoneInfo

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from escalation.domain.errors import InvalidInputError
from escalation.i18n import _
from escalation.services.deadlines import TickReport

logger = logging.getLogger(__name__)


class Watch(Protocol):
    """What the job needs: one run of the deadline watch for today."""

    def tick(self) -> TickReport: ...


def job(watch: Watch) -> None:
    """The scheduled job: one tick, logged; what needs a person is logged as a warning."""
    report = watch.tick()
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
    watch: Watch, *, schedule: str, zone: ZoneInfo, interval_seconds: float | None = None
) -> None:
    """Log to stderr and run the watch's job until SIGTERM or Ctrl-C."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    run_scheduler(
        lambda: job(watch), schedule=schedule, zone=zone, interval_seconds=interval_seconds
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


class _Stop(BaseException):
    """Raised in the running job by SIGTERM/SIGINT: stop now, not after the job.

    A BaseException, like KeyboardInterrupt, so no `except Exception` on the way swallows it;
    every transaction on the way is rolled back. A reminder that was being sent stays
    `sending` under its lease; the next run sends it again, with the same Message-ID.
    """


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

    Our deadline table is the source of truth, so no APScheduler job store is used: a
    missed run is simply caught up by the next one (coalesced, never skipped). The job runs
    in the main thread, where the signal arrives, so that a stop does not wait for it.

    Raises:
        InvalidInputError: an interval below one second, or a schedule that cannot be read.
    """
    if interval_seconds is not None and not interval_seconds >= MIN_INTERVAL_SECONDS:
        raise InvalidInputError(
            _("--interval must be at least {minimum} second.").format(minimum=1)
        )
    trigger = (
        IntervalTrigger(seconds=interval_seconds, timezone=zone)
        if interval_seconds is not None
        else cron_trigger(schedule, zone)
    )
    scheduler = BlockingScheduler(
        timezone=zone,
        executors={"default": DebugExecutor()},
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


def _stoppable(job: Callable[[], None], running: _Running) -> Callable[[], None]:
    def guarded() -> None:
        try:
            try:
                running.job = True
                job()
            finally:
                running.job = False
        except _Stop:
            logger.info("stopped during a run; what it was sending is sent again by the next")

    return guarded


def _on_stop_signals(scheduler: BlockingScheduler, running: _Running) -> None:
    def stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("received signal %s; stopping", signum)
        scheduler.shutdown(wait=False)
        if running.job:
            raise _Stop

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
