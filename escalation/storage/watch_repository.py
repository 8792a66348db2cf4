"""SQL repository for the deadline watch: due deadlines, claimed reminders, the outbox."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Insert, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from escalation.domain.deadline import DeadlineStatus
from escalation.domain.reminders import AgendaItem, ReminderStatus, ReminderView
from escalation.storage.tables import CaseRow, DeadlineRow, ProviderRow, ReminderRow

_AWAITED = (DeadlineStatus.OPEN.value, DeadlineStatus.OVERDUE.value)
_TO_SEND = (ReminderStatus.PENDING, ReminderStatus.FAILED)


class SqlWatchRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def cases_with_overdue(self, today: date) -> list[int]:
        """Cases with an open deadline whose last day is before `today` (index on status, due)."""
        query = (
            select(DeadlineRow.case_id)
            .where(DeadlineRow.status == DeadlineStatus.OPEN.value, col(DeadlineRow.due) < today)
            .distinct()
            .order_by(col(DeadlineRow.case_id))
        )
        return list(self._session.exec(query))

    def cases_with_reminders(self, today: date) -> list[int]:
        """Cases with a reminder step due (index on status, next_reminder_on)."""
        query = (
            select(DeadlineRow.case_id)
            .where(
                col(DeadlineRow.status).in_(_AWAITED),
                col(DeadlineRow.next_reminder_on) <= today,
            )
            .distinct()
            .order_by(col(DeadlineRow.case_id))
        )
        return list(self._session.exec(query))

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
        """Claim (deadline, step) once; False when another run already claimed it."""
        values: dict[str, Any] = {
            "deadline_id": deadline_id,
            "case_id": case_id,
            "step": step,
            "planned_on": planned_on,
            "status": status,
            "subject": subject,
            "body": body,
            "attempts": 0,
            "created_at": now,
        }
        # RETURNING, not rowcount: psycopg 3 reports -1 for an INSERT once its cursor is closed.
        statement = self._insert_ignoring_duplicates(values).returning(col(ReminderRow.id))
        return self._session.connection().execute(statement).first() is not None

    def _insert_ignoring_duplicates(self, values: dict[str, Any]) -> Insert:
        table = ReminderRow.__table__  # type: ignore[attr-defined]
        if self._session.get_bind().dialect.name == "postgresql":
            return postgresql.insert(table).values(values).on_conflict_do_nothing()
        return sqlite.insert(table).values(values).on_conflict_do_nothing()

    def to_send(self, limit: int = 500) -> list[ReminderView]:
        return self._views(col(ReminderRow.status).in_(_TO_SEND), limit=limit)

    def start_sending(self, reminder_id: int) -> bool:
        """Mark one reminder as being sent; False when another process got it first."""
        statement = (
            update(ReminderRow)
            .where(col(ReminderRow.id) == reminder_id, col(ReminderRow.status).in_(_TO_SEND))
            .values(status=ReminderStatus.SENDING, attempts=col(ReminderRow.attempts) + 1)
        )
        return bool(self._session.connection().execute(statement).rowcount == 1)

    def finish(
        self,
        reminder_id: int,
        *,
        status: str,
        now: datetime,
        recipient: str | None = None,
        error: str | None = None,
    ) -> None:
        values: dict[str, Any] = {"status": status, "recipient": recipient}
        if status == ReminderStatus.SENT:
            values["sent_at"] = now
        if error is not None:
            values.update(last_error=error, failed_at=now)
        self._session.connection().execute(
            update(ReminderRow).where(col(ReminderRow.id) == reminder_id).values(values)
        )

    def reminders(
        self, *, case_id: int | None = None, status: str | None = None, limit: int = 1000
    ) -> list[ReminderView]:
        conditions = []
        if case_id is not None:
            conditions.append(col(ReminderRow.case_id) == case_id)
        if status is not None:
            conditions.append(col(ReminderRow.status) == status)
        return self._views(*conditions, limit=limit)

    def incidents(self, *, include_resolved: bool = False) -> list[ReminderView]:
        failed = col(ReminderRow.status) == ReminderStatus.FAILED
        if include_resolved:
            failed = failed | col(ReminderRow.last_error).is_not(None)
        return self._views(failed, limit=1000)

    def _views(self, *conditions: Any, limit: int) -> list[ReminderView]:
        query = (
            select(ReminderRow, col(DeadlineRow.kind), col(DeadlineRow.due), col(CaseRow.handler))
            .join(DeadlineRow, col(DeadlineRow.id) == col(ReminderRow.deadline_id))
            .join(CaseRow, col(CaseRow.id) == col(ReminderRow.case_id))
            .where(*conditions)
            .order_by(col(ReminderRow.planned_on), col(ReminderRow.id))
            .limit(limit)
        )
        return [_view(r, kind, due, handler) for r, kind, due, handler in self._session.exec(query)]

    def agenda(
        self,
        *,
        until: date | None,
        overdue_only: bool,
        handler: str | None,
        today: date,
        case_id: int | None = None,
    ) -> list[AgendaItem]:
        query = (
            select(DeadlineRow, CaseRow, ProviderRow)
            .join(CaseRow, col(CaseRow.id) == col(DeadlineRow.case_id))
            .join(ProviderRow, col(ProviderRow.id) == col(CaseRow.provider_id))
            .where(col(DeadlineRow.status).in_(_AWAITED))
            .order_by(col(DeadlineRow.due), col(DeadlineRow.id))
        )
        if until is not None:
            query = query.where(col(DeadlineRow.due) <= until)
        if overdue_only:
            query = query.where(col(DeadlineRow.due) < today)
        if handler is not None:
            query = query.where(func.lower(col(CaseRow.handler)) == handler.lower())
        if case_id is not None:
            query = query.where(col(DeadlineRow.case_id) == case_id)
        return [_agenda(d, c, p) for d, c, p in self._session.exec(query)]


def _view(row: ReminderRow, kind: str, due: date, handler: str | None) -> ReminderView:
    return ReminderView(
        id=row.id or 0,
        case_id=row.case_id,
        deadline_id=row.deadline_id,
        kind=kind,
        due=due,
        step=row.step,
        planned_on=row.planned_on,
        status=row.status,
        handler=handler,
        recipient=row.recipient,
        subject=row.subject,
        body=row.body,
        attempts=row.attempts,
        last_error=row.last_error,
        sent_at=row.sent_at,
    )


def _agenda(d: DeadlineRow, c: CaseRow, p: ProviderRow) -> AgendaItem:
    return AgendaItem(
        deadline_id=d.id or 0,
        case_id=c.id or 0,
        provider=p.name,
        kvk=p.kvk,
        title=c.title,
        handler=c.handler,
        kind=d.kind,
        due=d.due,
        status=d.status,
        basis=d.basis,
        legal_basis=d.legal_basis,
        term=d.term,
    )
