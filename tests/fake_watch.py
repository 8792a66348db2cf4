"""In-memory fake of the watch repository: due deadlines, claimed reminders, the outbox."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.model import Case
from escalation.domain.reminders import (
    AgendaItem,
    Claim,
    DueReminder,
    ReminderStatus,
    ReminderView,
)

if TYPE_CHECKING:
    from tests.fakes import Transaction

_TO_SEND = (ReminderStatus.PENDING, ReminderStatus.FAILED)
_LATER = (*_TO_SEND, ReminderStatus.SENDING, ReminderStatus.SENT)


@dataclass(frozen=True, slots=True)
class ReminderRecord:
    """One outbox row, unique by (deadline_id, step)."""

    id: int
    deadline_id: int
    case_id: int
    step: int
    planned_on: date
    status: str
    subject: str
    body: str
    created_at: datetime
    attempts: int = 0
    recipient: str | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    failed_at: datetime | None = None
    lease_until: datetime | None = None


def _interrupted(row: ReminderRecord, now: datetime) -> bool:
    """Sending, but the lease of the run that took it ended before `now`."""
    lease = row.lease_until
    return row.status == ReminderStatus.SENDING and (lease is None or lease < now)


def _queued(row: ReminderRecord, now: datetime) -> bool:
    return row.status in _TO_SEND or _interrupted(row, now)


def _incident(row: ReminderRecord, now: datetime, include_resolved: bool) -> bool:
    current = row.status == ReminderStatus.FAILED or _interrupted(row, now)
    return current or (include_resolved and row.last_error is not None)


def _filter(case_id: int | None, status: str | None) -> Callable[[ReminderRecord], bool]:
    return lambda r: (
        (case_id is None or r.case_id == case_id) and (status is None or r.status == status)
    )


class FakeWatchRepository:
    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def cases_with_overdue(self, today: date) -> list[int]:
        due = {c.id or 0 for c, d in self._tx.deadlines() if d.is_open and d.due < today}
        return sorted(due)

    def cases_with_reminders(self, today: date) -> list[int]:
        due = {
            c.id or 0
            for c, d in self._tx.deadlines()
            if d.is_reminded and d.next_reminder_on is not None and d.next_reminder_on <= today
        }
        return sorted(due)

    def claim(
        self,
        *,
        deadline_id: int,
        case_id: int,
        step: int,
        planned_on: date,
        status: str,
        subject: str,
        body: str,
        now: datetime,
    ) -> bool:
        """Claim (deadline, step) once; False when it was claimed before."""
        reminders = self._tx.reminders().values()
        if any(r.deadline_id == deadline_id and r.step == step for r in reminders):
            return False
        reminder_id = self._tx.db.next_id("reminders")
        self._tx.own.reminders[reminder_id] = ReminderRecord(
            id=reminder_id,
            deadline_id=deadline_id,
            case_id=case_id,
            step=step,
            planned_on=planned_on,
            status=status,
            subject=subject,
            body=body,
            created_at=now,
        )
        return True

    def due_reminders(self, today: date) -> list[DueReminder]:
        return [
            _due(c, d)
            for c, d in sorted(self._tx.deadlines(), key=lambda cd: (cd[0].id or 0, cd[1].id or 0))
            if d.is_reminded and d.next_reminder_on is not None and d.next_reminder_on <= today
        ]

    def claim_many(self, claims: Sequence[Claim], *, now: datetime) -> set[tuple[int, int]]:
        kept = {(c.deadline_id, c.step): c for c in claims}  # as ON CONFLICT: the first wins
        return {
            key
            for key, c in sorted(kept.items())
            if self.claim(
                deadline_id=c.deadline_id,
                case_id=c.case_id,
                step=c.step,
                planned_on=c.planned_on,
                status=c.status,
                subject=c.subject,
                body=c.body,
                now=now,
            )  # fmt: skip
        }

    def schedule_reminders(self, plan: Mapping[int, date | None]) -> None:
        """Bookkeeping written beside the case: its version stays."""
        from tests.fakes import stored_copy  # tests.fakes imports this module

        for case in self._tx.cases():
            if not any(d.id in plan for d in case.deadlines):
                continue
            current = self._tx.case(case.id or 0) or case
            moved = [
                replace(d, next_reminder_on=plan[d.id]) if d.id in plan else d
                for d in current.deadlines
            ]
            self._tx.own.cases[case.id or 0] = stored_copy(replace(current, deadlines=moved))

    def supersede_stale(self, *, now: datetime) -> int:
        rows = self._tx.reminders().values()
        stale = [
            r
            for r in rows
            if _queued(r, now)
            and any(
                o.deadline_id == r.deadline_id and o.step > r.step and o.status in _LATER
                for o in rows
            )
        ]
        for r in stale:
            self._tx.own.reminders[r.id] = replace(
                r, status=ReminderStatus.SUPERSEDED, lease_until=None
            )
        return len(stale)

    def to_send(self, *, now: datetime, limit: int = 500) -> list[ReminderView]:
        return self._views(
            lambda r: _queued(r, now), limit=limit, order=lambda r: (r.attempts, r.planned_on, r.id)
        )

    def count_to_send(self, *, now: datetime) -> int:
        return len(self._views(lambda r: _queued(r, now), limit=None))

    def start_sending(
        self,
        reminder_id: int,
        *,
        now: datetime,
        lease_until: datetime,
        subject: str,
        body: str,
        note: str | None = None,
    ) -> bool:
        """Take one queued reminder; False when it is not queued."""
        row = self._tx.reminders().get(reminder_id)
        if row is None or not _queued(row, now):
            return False
        row = replace(
            row,
            status=ReminderStatus.SENDING,
            attempts=row.attempts + 1,
            lease_until=lease_until,
            subject=subject,
            body=body,
        )
        if note is not None:
            row = replace(row, last_error=note, failed_at=now)
        self._tx.own.reminders[reminder_id] = row
        return True

    def finish(
        self,
        reminder_id: int,
        *,
        status: str,
        now: datetime,
        recipient: str | None = None,
        error: str | None = None,
    ) -> None:
        row = self._tx.reminders().get(reminder_id)
        if row is None:
            return
        row = replace(row, status=status, recipient=recipient, lease_until=None)
        if status == ReminderStatus.SENT:
            row = replace(row, sent_at=now)
        if error is not None:
            row = replace(row, last_error=error, failed_at=now)
        self._tx.own.reminders[reminder_id] = row

    def database_id(self) -> str:
        return self._tx.db.identity

    def reminders(
        self, *, case_id: int | None = None, status: str | None = None, limit: int | None = 1000
    ) -> list[ReminderView]:
        return self._views(_filter(case_id, status), limit=limit)

    def count_reminders(self, *, case_id: int | None = None, status: str | None = None) -> int:
        return len(self._views(_filter(case_id, status), limit=None))

    def incidents(
        self, *, now: datetime, include_resolved: bool = False, limit: int | None = 1000
    ) -> list[ReminderView]:
        return self._views(lambda r: _incident(r, now, include_resolved), limit=limit)

    def count_incidents(self, *, now: datetime, include_resolved: bool = False) -> int:
        return len(self._views(lambda r: _incident(r, now, include_resolved), limit=None))

    def _views(
        self,
        wanted: Callable[[ReminderRecord], bool],
        *,
        limit: int | None,
        order: Callable[[ReminderRecord], tuple[int, date, int]] | None = None,
    ) -> list[ReminderView]:
        cases = {c.id: c for c in self._tx.cases()}
        deadlines = {d.id: d for _, d in self._tx.deadlines()}
        rows = sorted(
            self._tx.reminders().values(), key=order or (lambda r: (0, r.planned_on, r.id))
        )
        views = [
            _view(r, cases[r.case_id], deadlines[r.deadline_id])
            for r in rows
            if wanted(r) and r.case_id in cases and r.deadline_id in deadlines  # inner joins
        ]
        return views if limit is None else views[:limit]

    def agenda(
        self,
        *,
        until: date | None,
        overdue_only: bool,
        handler: str | None,
        today: date,
        case_id: int | None = None,
        after: tuple[date, int] | None = None,
        limit: int | None = None,
        uncertain_only: bool = False,
    ) -> list[AgendaItem]:
        def wanted(d: Deadline) -> bool:
            certain = d.status is DeadlineStatus.OVERDUE if overdue_only else d.is_awaited
            uncertain = (d.is_open and d.due < today) if overdue_only else d.awaits_next_step
            return uncertain if uncertain_only else certain or uncertain

        items = [
            _agenda(d, c)
            for c, d in self._tx.deadlines()
            if wanted(d)
            and (until is None or d.due <= until)
            and (
                handler is None or (c.handler is not None and c.handler.lower() == handler.lower())
            )
            and (case_id is None or c.id == case_id)
        ]
        found = sorted(items, key=lambda i: (i.due, i.deadline_id))
        found = [i for i in found if after is None or (i.due, i.deadline_id) > after]
        return found if limit is None else found[:limit]

    def count_agenda(
        self,
        *,
        until: date | None,
        overdue_only: bool,
        handler: str | None,
        today: date,
        case_id: int | None = None,
        after: tuple[date, int] | None = None,
    ) -> int:
        asked = {"until": until, "overdue_only": overdue_only, "handler": handler,
                 "today": today, "case_id": case_id, "after": after}  # fmt: skip
        every = self.agenda(**asked)  # type: ignore[arg-type]
        return len(every) - len(self.agenda(**asked, uncertain_only=True))  # type: ignore[arg-type]


def _view(row: ReminderRecord, case: Case, deadline: Deadline) -> ReminderView:
    return ReminderView(
        id=row.id,
        case_id=row.case_id,
        deadline_id=row.deadline_id,
        kind=deadline.kind,
        due=deadline.due,
        step=row.step,
        planned_on=row.planned_on,
        status=row.status,
        handler=case.handler,
        recipient=row.recipient,
        subject=row.subject,
        body=row.body,
        attempts=row.attempts,
        last_error=row.last_error,
        sent_at=row.sent_at,
        lease_until=row.lease_until,
    )


def _due(case: Case, deadline: Deadline) -> DueReminder:
    return DueReminder(
        deadline_id=deadline.id or 0,
        case_id=case.id or 0,
        kind=deadline.kind,
        due=deadline.due,
        status=deadline.status.value,
        next_reminder_on=deadline.next_reminder_on or deadline.due,
        workflow=case.workflow_name,
        version=case.workflow_version,
        provider=case.provider.name,
        ladders=dict(case.reminder_ladders),
        dwangsom=any(b.dwangsom is not None for b in case.besluiten),
    )


def _is_alarm(d: Deadline, today: date) -> bool:
    """Overdue, or open and past its last day (the service judges the kind)."""
    return d.status is DeadlineStatus.OVERDUE or (d.is_open and d.due < today)


def _agenda(d: Deadline, c: Case) -> AgendaItem:
    return AgendaItem(
        deadline_id=d.id or 0,
        case_id=c.id or 0,
        provider=c.provider.name,
        kvk=c.provider.kvk,
        title=c.title,
        handler=c.handler,
        kind=d.kind,
        due=d.due,
        status=d.status.value,
        basis=d.basis.value,
        legal_basis=d.legal_basis,
        term=d.term,
        workflow=c.workflow_name,
        version=c.workflow_version,
    )
