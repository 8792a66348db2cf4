"""The deadline watch: `process_due` (used by `tick` and the scheduler), agenda, simulation."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import (
    ConcurrentChangeError,
    InvalidInputError,
)
from escalation.domain.reminders import (
    AgendaItem,
)
from escalation.i18n import _
from escalation.services.delivery import DEFAULT_LEASE, DeliveryReport, deliver
from escalation.services.ports import DefinitionCatalog, Mailer, Resolver, UnitOfWork
from escalation.services.sweep import SweepReport, sweep

logger = logging.getLogger(__name__)


@dataclass
class TickReport:
    sweep: SweepReport
    delivery: DeliveryReport
    workflow_problems: list[str] = field(default_factory=list)  # installed files skipped

    @property
    def needs_attention(self) -> bool:
        """A mail failed or a case could not be checked: cron and monitoring should see it."""
        return bool(self.delivery.failed or self.sweep.unchecked)


def check_run_day(today: date, *, real_today: date, force: bool) -> None:
    """Refuse a run dated after the real today unless forced: what it marks passed stays passed.

    Raises:
        InvalidInputError: `today` is after `real_today` and `force` is False.
    """
    if today > real_today and not force:
        raise InvalidInputError(
            _(
                "--today {day} is after today ({today}): a run in the future marks deadlines as "
                "passed for good and mails reminders early. See what would happen with "
                "`escalation simulate --until {day}`, or add --force."
            ).format(day=today.isoformat(), today=real_today.isoformat())
        )


def process_due(
    *,
    uow_factory: Callable[[], UnitOfWork],
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    mailer: Mailer | None,
    resolve: Resolver,
    today: date,
    clock: Callable[[], datetime],
    lease: timedelta = DEFAULT_LEASE,
) -> TickReport:
    """One idempotent run: mark overdue, claim due reminders, fire follow-ups, send the mail.

    Run twice, late, or from two processes at once: each reminder is claimed once per
    (deadline, step) and taken under a lease, so one run sends it; a run that dies while
    sending leaves it to the next run once the lease ends. Its cost grows with what is due,
    not with the number of cases: only due rows are selected, through an index.
    """
    now = clock()
    for attempt in range(3):
        try:
            with uow_factory() as uow:
                report = sweep(uow=uow, catalog=catalog, calendar=calendar, today=today, now=now)
                uow.commit()
            break
        except ConcurrentChangeError:
            if attempt == 2:
                raise
            logger.info("another run changed a case during the sweep; sweeping again")
    delivery = deliver(
        uow_factory=uow_factory,
        mailer=mailer,
        resolve=resolve,
        today=today,
        clock=clock,
        lease=lease,
    )
    return TickReport(report, delivery, catalog.problems())


@dataclass(frozen=True, slots=True)
class Simulation:
    """What the watch would do each day from `start` to `until` (nothing stored)."""

    start: date
    until: date
    days: list[SweepReport]


def simulate(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    start: date,
    until: date,
    now: datetime,
) -> Simulation:
    """Replay every day from `start` to `until` under a virtual clock; nothing is stored.

    Raises:
        InvalidInputError: `until` before `start`, or more than three years ahead.
    """
    if until < start or until - start > timedelta(days=3 * 366):
        raise InvalidInputError(_("--until must be a date after today, at most three years ahead."))
    reports = []
    with uow:
        day = start
        while day <= until:
            reports.append(sweep(uow=uow, catalog=catalog, calendar=calendar, today=day, now=now))
            day += timedelta(days=1)
        uow.rollback()
    return Simulation(start, until, reports)


@dataclass(frozen=True, slots=True)
class Agenda:
    """The deadlines ahead, as seen on `today` (for the days left)."""

    today: date
    items: list[AgendaItem]


def agenda(
    *,
    uow: UnitOfWork,
    today: date,
    until: date | None = None,
    overdue_only: bool = False,
    handler: str | None = None,
    case_id: int | None = None,
) -> Agenda:
    with uow:
        if case_id is not None:
            uow.cases.get(case_id)  # an unknown case is an error, not an empty agenda
        items = uow.watch.agenda(
            until=until, overdue_only=overdue_only, handler=handler, case_id=case_id, today=today
        )
    return Agenda(today, items)
