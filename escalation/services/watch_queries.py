"""Read models of the deadline watch: the reminder outbox and the incidents."""

from __future__ import annotations

from escalation.domain.reminders import ReminderView
from escalation.services.ports import UnitOfWork


def list_reminders(
    *, uow: UnitOfWork, case_id: int | None = None, status: str | None = None
) -> list[ReminderView]:
    with uow:
        return uow.watch.reminders(case_id=case_id, status=status)


def list_incidents(*, uow: UnitOfWork, include_resolved: bool = False) -> list[ReminderView]:
    with uow:
        return uow.watch.incidents(include_resolved=include_resolved)
