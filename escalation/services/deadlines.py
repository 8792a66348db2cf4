"""The deadline watch: `process_due` (used by `tick` and the scheduler), agenda, simulation."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import (
    ConcurrentChangeError,
    EscalationError,
    InvalidInputError,
    MailError,
)
from escalation.domain.model import Case, DeadlineStatus
from escalation.domain.reminders import (
    AgendaItem,
    ReminderStatus,
    due_steps,
    next_reminder,
    reminder_message,
)
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, Mailer, Resolver, UnitOfWork

logger = logging.getLogger(__name__)

SYSTEM_USER = "escalation"


@dataclass
class SweepReport:
    """What one day's sweep found and did (before any mail is sent)."""

    today: date
    overdue: list[tuple[int, str, date]] = field(default_factory=list)
    reminders: list[tuple[int, str, int, date]] = field(default_factory=list)
    superseded: int = 0
    follow_ups: list[tuple[int, str, str]] = field(default_factory=list)
    follow_up_failures: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.reminders or self.follow_ups or self.follow_up_failures)


@dataclass
class DeliveryReport:
    sent: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    dropped: int = 0
    waiting: int = 0  # no mail server configured: kept in the outbox


@dataclass
class TickReport:
    sweep: SweepReport
    delivery: DeliveryReport


def process_due(
    *,
    uow_factory: Callable[[], UnitOfWork],
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    mailer: Mailer | None,
    resolve: Resolver,
    today: date,
    now: datetime,
) -> TickReport:
    """One idempotent run: mark overdue, claim due reminders, fire follow-ups, send the mail.

    Run twice, late, or from two processes at once: each reminder is claimed once per
    (deadline, step), so it is sent once. Its cost grows with what is due, not with the
    number of cases: only due rows are selected, through an index.
    """
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
    delivery = deliver(uow_factory=uow_factory, mailer=mailer, resolve=resolve, now=now)
    return TickReport(report, delivery)


def sweep(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    today: date,
    now: datetime,
) -> SweepReport:
    """The database half of `process_due`, inside the caller's transaction (never commits)."""
    report = SweepReport(today)
    overdue = set(uow.watch.cases_with_overdue(today))
    due = overdue | set(uow.watch.cases_with_reminders(today))
    for case_id in sorted(due):  # each case is loaded and saved once per sweep
        case = uow.cases.get(case_id)
        if case_id in overdue:
            _mark_overdue(
                case,
                uow=uow,
                catalog=catalog,
                calendar=calendar,
                today=today,
                now=now,
                report=report,
            )
        _claim_reminders(
            case, uow=uow, catalog=catalog, calendar=calendar, today=today, now=now, report=report
        )
        uow.cases.save(case, now=now)
    return report


def _mark_overdue(
    case: Case,
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    today: date,
    now: datetime,
    report: SweepReport,
) -> None:
    definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
    passed = [d for d in case.deadlines if d.is_open and d.due < today]
    for deadline in passed:
        case.mark_passed(deadline, DeadlineStatus.OVERDUE, at=now, by=SYSTEM_USER)
        report.overdue.append((case.id or 0, deadline.kind, deadline.due))
    for deadline in passed:
        kind = definition.deadline_kind(deadline.kind)
        if kind is None or kind.follow_up is None:
            continue
        action = kind.follow_up
        try:
            catalog.machine(definition).fire(
                case,
                action,
                on=deadline.due + timedelta(days=1),
                now=now,
                by=SYSTEM_USER,
                raw_params={},
                reason=f"automatic: the {deadline.kind} term ended on {deadline.due.isoformat()}",
                calendar=calendar,
            )
            report.follow_ups.append((case.id or 0, action, case.state))
        except EscalationError as err:  # the case moved on; a jurist decides
            report.follow_up_failures.append((case.id or 0, action, str(err)))


def _claim_reminders(
    case: Case,
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    today: date,
    now: datetime,
    report: SweepReport,
) -> None:
    definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
    for deadline in list(case.deadlines):
        if not deadline.is_awaited or deadline.next_reminder_on is None:
            continue
        if deadline.next_reminder_on > today:
            continue
        ladder = case.reminder_ladders.get(deadline.kind) or definition.ladder(deadline.kind)
        steps = [
            (s, d)
            for s, d in due_steps(deadline.due, ladder, today=today, calendar=calendar)
            if d >= deadline.next_reminder_on
        ]
        for n, (step, planned_on) in enumerate(steps):
            latest = n == len(steps) - 1
            subject, body = reminder_message(
                case_id=case.id or 0,
                provider=case.provider.name,
                kind=deadline.kind,
                due=deadline.due,
                step=step,
                today=today,
            )
            claimed = uow.watch.claim(
                deadline_id=deadline.id or 0,
                case_id=case.id or 0,
                step=step,
                planned_on=planned_on,
                status=ReminderStatus.PENDING if latest else ReminderStatus.SUPERSEDED,
                subject=subject,
                body=body,
                now=now,
            )
            if claimed and latest:
                report.reminders.append((case.id or 0, deadline.kind, step, deadline.due))
            elif claimed:
                report.superseded += 1
        following = next_reminder(deadline.due, ladder, after=today, calendar=calendar)
        case.schedule_reminder(deadline, following)


def deliver(
    *,
    uow_factory: Callable[[], UnitOfWork],
    mailer: Mailer | None,
    resolve: Resolver,
    now: datetime,
) -> DeliveryReport:
    """Send every pending or failed reminder once; a failure is kept as an incident."""
    report = DeliveryReport()
    with uow_factory() as uow:
        queue = uow.watch.to_send()
    if mailer is None:
        report.waiting = len(queue)
        return report
    for item in queue:
        with uow_factory() as uow:
            if not uow.watch.start_sending(item.id):
                continue  # another process took it
            case = uow.cases.get(item.case_id)
            deadline = next((d for d in case.deadlines if d.id == item.deadline_id), None)
            uow.commit()
        if deadline is None or not deadline.is_awaited:
            _finish(uow_factory, item.id, ReminderStatus.DROPPED, now)
            report.dropped += 1
            continue
        _send_one(
            uow_factory,
            mailer,
            resolve(case.handler),
            item.id,
            item.subject,
            item.body,
            case,
            now,
            report,
        )
    return report


def _send_one(
    uow_factory: Callable[[], UnitOfWork],
    mailer: Mailer,
    recipient: str | None,
    reminder_id: int,
    subject: str,
    body: str,
    case: Case,
    now: datetime,
    report: DeliveryReport,
) -> None:
    try:
        if recipient is None:
            raise MailError(
                f"case {case.id} has no handler with an e-mail address; "
                f"assign one with `escalation case assign {case.id} NAME`"
            )
        mailer.send(to=recipient, subject=subject, body=body)
    except MailError as err:
        _finish(uow_factory, reminder_id, ReminderStatus.FAILED, now, recipient, str(err))
        report.failed.append((reminder_id, str(err)))
        logger.warning("reminder %s not sent: %s", reminder_id, err)
        return
    _finish(uow_factory, reminder_id, ReminderStatus.SENT, now, recipient)
    report.sent.append((reminder_id, recipient))


def _finish(
    uow_factory: Callable[[], UnitOfWork],
    reminder_id: int,
    status: str,
    now: datetime,
    recipient: str | None = None,
    error: str | None = None,
) -> None:
    with uow_factory() as uow:
        uow.watch.finish(reminder_id, status=status, now=now, recipient=recipient, error=error)
        uow.commit()


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
        raise InvalidInputError("--until must be a date after today, at most three years ahead.")
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
