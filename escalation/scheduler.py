"""The long-running watch: APScheduler runs one job, the deadline watch's tick, on a schedule."""

from __future__ import annotations

import logging
import re
import signal
from collections.abc import Callable
from datetime import datetime
from types import FrameType
from typing import Protocol
from zoneinfo import ZoneInfo

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
    """The scheduled job: one tick, logged."""
    report = watch.tick()
    s, d = report.sweep, report.delivery
    logger.info(
        "tick %s: %d overdue, %d reminders, %d follow-ups; mail %d sent, %d failed",
        s.today,
        len(s.overdue),
        len(s.reminders),
        len(s.follow_ups),
        len(d.sent),
        len(d.failed),
    )


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


def run_scheduler(
    job: Callable[[], None],
    *,
    schedule: str,
    zone: ZoneInfo,
    interval_seconds: float | None = None,
) -> None:
    """Run `job` at start-up and then on the schedule until SIGTERM or Ctrl-C.

    Our deadline table is the source of truth, so no APScheduler job store is used: a
    missed run is simply caught up by the next one (coalesced, never skipped).
    """
    scheduler = BlockingScheduler(
        timezone=zone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    trigger = (
        IntervalTrigger(seconds=interval_seconds, timezone=zone)
        if interval_seconds
        else cron_trigger(schedule, zone)
    )
    scheduler.add_job(job, trigger, id="process_due", next_run_time=datetime.now(zone))

    def stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("received signal %s; stopping after the running job", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    logger.info("scheduler started: %s", interval_seconds or schedule)
    scheduler.start()
    logger.info("scheduler stopped")
