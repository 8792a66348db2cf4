"""Read models of the deadline watch: the reminder outbox and the incidents, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from escalation.domain.reminders import ReminderStatus, ReminderView
from escalation.services.delivery import interrupted
from escalation.services.ports import UnitOfWork

LIST_LIMIT = 1000  # rows `reminders` and `incidents` show unless asked for more


@dataclass(frozen=True, slots=True)
class ReminderPage:
    """The rows shown and how many there are in all (`more` were left out)."""

    rows: list[ReminderView]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def list_reminders(
    *,
    uow: UnitOfWork,
    case_id: int | None = None,
    status: str | None = None,
    limit: int | None = LIST_LIMIT,
) -> ReminderPage:
    """The outbox, soonest first, at most `limit` rows (None: every row)."""
    with uow:
        rows = uow.watch.reminders(case_id=case_id, status=status, limit=limit)
        return ReminderPage(rows, uow.watch.count_reminders(case_id=case_id, status=status))


def list_incidents(
    *,
    uow: UnitOfWork,
    now: datetime,
    include_resolved: bool = False,
    limit: int | None = LIST_LIMIT,
) -> ReminderPage:
    """Failed and interrupted reminders (with `include_resolved`, every one that ever failed)."""
    with uow:
        rows = uow.watch.incidents(now=now, include_resolved=include_resolved, limit=limit)
        total = uow.watch.count_incidents(now=now, include_resolved=include_resolved)
    return ReminderPage([_explained(r) for r in rows], total)


def _explained(row: ReminderView) -> ReminderView:
    """An interrupted send's incident is the interruption, whatever failed before it."""
    if row.status != ReminderStatus.SENDING:
        return row
    return replace(row, last_error=interrupted())
