"""The mail half of the deadline watch: one current mail per deadline, delivered at least once.

Each reminder is taken under a lease (`sending` until then) in its own transaction, composed
from its deadline as it stands today, sent, and marked `sent` or `failed`. A run that dies
between taking and marking leaves the row `sending`; once the lease has ended the next run
sends it again, with the same Message-ID (docs/guarantees.md says why no more can be promised).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from escalation.domain.deadline import Deadline
from escalation.domain.definition import DeadlineKind
from escalation.domain.errors import EscalationError, MailError
from escalation.domain.model import Case
from escalation.domain.reminders import (
    ReminderStatus,
    ReminderView,
    compose_reminder,
    message_reference,
)
from escalation.i18n import _
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, Mailer, Resolver, UnitOfWork

logger = logging.getLogger(__name__)

PER_RUN = 500  # mails per run at most; the rest wait for the next run, which says so
DEFAULT_LEASE = timedelta(minutes=10)


@dataclass
class DeliveryReport:
    sent: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    dropped: int = 0  # the deadline was met or cancelled before its mail went out
    replaced: int = 0  # an earlier step whose deadline has a later one to send: superseded
    waiting: int = 0  # no mail server configured: kept in the outbox
    more: int = 0  # beyond this run's cap: the next run sends them
    per_run: int = PER_RUN  # the cap


@dataclass(frozen=True, slots=True)
class _Run:
    uow_factory: Callable[[], UnitOfWork]
    mailer: Mailer
    resolve: Resolver
    today: date
    clock: Callable[[], datetime]
    lease: timedelta
    database_id: str
    report: DeliveryReport
    catalog: DefinitionCatalog | None = None  # what each deadline kind awaits (the wording)


@dataclass(frozen=True, slots=True)
class _Taken:
    """A reminder this run holds, with the text it is about to send."""

    id: int
    case_id: int
    handler: str | None
    subject: str
    body: str


def deliver(
    *,
    uow_factory: Callable[[], UnitOfWork],
    mailer: Mailer | None,
    resolve: Resolver,
    today: date,
    clock: Callable[[], datetime],
    lease: timedelta = DEFAULT_LEASE,
    limit: int = PER_RUN,
    catalog: DefinitionCatalog | None = None,
) -> DeliveryReport:
    """Send the newest queued step of each deadline, at most `limit`; failures are incidents."""
    report = DeliveryReport(per_run=limit)
    with uow_factory() as uow:
        now = clock()
        report.replaced = uow.watch.supersede_stale(now=now)
        queue = uow.watch.to_send(now=now, limit=limit)
        queued = uow.watch.count_to_send(now=now)
        database_id = uow.watch.database_id()
        uow.commit()
    if mailer is None:
        report.waiting = queued
        return report
    report.more = queued - len(queue)
    run = _Run(uow_factory, mailer, resolve, today, clock, lease, database_id, report, catalog)
    for item in queue:
        taken = _take(item, run)
        if taken is not None:
            _send(taken, run)
    return report


def _take(item: ReminderView, run: _Run) -> _Taken | None:
    """Hold the reminder under a lease with the text it will carry; None: not ours to send."""
    note = interrupted() if item.status == ReminderStatus.SENDING else None
    with run.uow_factory() as uow:
        now = run.clock()
        case = uow.cases.get(item.case_id)
        deadline = next((d for d in case.deadlines if d.id == item.deadline_id), None)
        if deadline is None or not deadline.is_reminded:
            if uow.watch.start_sending(
                item.id, now=now, lease_until=now, subject=item.subject, body=item.body, note=note
            ):
                uow.watch.finish(item.id, status=ReminderStatus.DROPPED, now=now)
                uow.commit()
                run.report.dropped += 1
            return None
        subject, body = _compose(case, deadline, _kind(uow, case, deadline, run), run.today)
        lease_until = now + run.lease
        if not uow.watch.start_sending(
            item.id, now=now, lease_until=lease_until, subject=subject, body=body, note=note
        ):
            return None  # another run took it
        uow.commit()
    return _Taken(item.id, item.case_id, case.handler, subject, body)


def _compose(
    case: Case, deadline: Deadline, kind: DeadlineKind | None, today: date
) -> tuple[str, str]:
    return compose_reminder(
        case_id=case.id or 0, provider=case.provider.name, deadline=deadline, kind=kind,
        today=today,
    )  # fmt: skip


def _kind(uow: UnitOfWork, case: Case, deadline: Deadline, run: _Run) -> DeadlineKind | None:
    """The deadline's kind in its case's workflow (None: worded as before issue 10)."""
    if run.catalog is None:
        return None
    try:
        definition = definition_for(uow, run.catalog, case.workflow_name, case.workflow_version)
    except EscalationError:
        return None
    return definition.deadline_kind(deadline.kind)


def _send(taken: _Taken, run: _Run) -> None:
    recipient = run.resolve(taken.handler)
    try:
        if recipient is None:
            raise MailError(
                _(
                    "case {case} has no handler with an e-mail address; "
                    "assign one with `escalation case assign {case} NAME`"
                ).format(case=taken.case_id)
            )
        run.mailer.send(
            to=recipient,
            subject=taken.subject,
            body=taken.body,
            reference=message_reference(run.database_id, taken.id),
        )
    except MailError as err:
        _finish(run, taken.id, ReminderStatus.FAILED, recipient, str(err))
        run.report.failed.append((taken.id, str(err)))
        logger.warning("reminder %s not sent: %s", taken.id, err)
        return
    _finish(run, taken.id, ReminderStatus.SENT, recipient)
    run.report.sent.append((taken.id, recipient))


def _finish(
    run: _Run, reminder_id: int, status: str, recipient: str | None, error: str | None = None
) -> None:
    with run.uow_factory() as uow:
        uow.watch.finish(
            reminder_id, status=status, now=run.clock(), recipient=recipient, error=error
        )
        uow.commit()


def interrupted() -> str:
    """The incident of a reminder whose sending run stopped before it recorded the result."""
    return _(
        "interrupted while sending (the run stopped before recording the result); "
        "retried with the same Message-ID"
    )
