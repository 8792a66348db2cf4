"""The mail half of the deadline watch: send each claimed reminder once; failures are incidents."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from escalation.domain.errors import (
    MailError,
)
from escalation.domain.model import Case
from escalation.domain.reminders import (
    ReminderStatus,
)
from escalation.i18n import _
from escalation.services.ports import Mailer, Resolver, UnitOfWork

logger = logging.getLogger(__name__)


@dataclass
class DeliveryReport:
    sent: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    dropped: int = 0
    waiting: int = 0  # no mail server configured: kept in the outbox


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
                _(
                    "case {case} has no handler with an e-mail address; "
                    "assign one with `escalation case assign {case} NAME`"
                ).format(case=case.id)
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
