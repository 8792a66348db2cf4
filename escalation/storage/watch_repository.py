"""SQL repository for the deadline watch: due deadlines, claimed reminders, the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Insert, and_, exists, func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from escalation.domain.deadline import DeadlineStatus
from escalation.domain.reminders import (
    AgendaItem,
    Claim,
    DueReminder,
    ReminderStatus,
    ReminderView,
)
from escalation.storage import sweep_queries
from escalation.storage.list_queries import agenda_where
from escalation.storage.tables import (
    DATABASE_ID,
    CaseRow,
    DeadlineRow,
    MetaRow,
    ProviderRow,
    ReminderRow,
)

_AWAITED = (DeadlineStatus.OPEN.value, DeadlineStatus.OVERDUE.value)
# A lapsed deadline may still remind (an embargo: "publicatie toegestaan vanaf").
_REMINDED = (*_AWAITED, DeadlineStatus.LAPSED.value)
_TO_SEND = (ReminderStatus.PENDING, ReminderStatus.FAILED)
# A later step in one of these states makes an earlier queued step of its deadline stale.
_LATER = (*_TO_SEND, ReminderStatus.SENDING, ReminderStatus.SENT)


def _interrupted(now: datetime) -> ColumnElement[bool]:
    """Sending, but the run that took it held it until before `now` (or from before leases)."""
    lease = col(ReminderRow.lease_until)
    return and_(
        col(ReminderRow.status) == ReminderStatus.SENDING, or_(lease.is_(None), lease < now)
    )


def _queued(now: datetime) -> ColumnElement[bool]:
    return or_(col(ReminderRow.status).in_(_TO_SEND), _interrupted(now))


def _incident(now: datetime, include_resolved: bool) -> ColumnElement[bool]:
    current = or_(col(ReminderRow.status) == ReminderStatus.FAILED, _interrupted(now))
    return or_(current, col(ReminderRow.last_error).is_not(None)) if include_resolved else current


def _filters(case_id: int | None, status: str | None) -> list[ColumnElement[bool]]:
    conditions = []
    if case_id is not None:
        conditions.append(col(ReminderRow.case_id) == case_id)
    if status is not None:
        conditions.append(col(ReminderRow.status) == status)
    return conditions


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
                col(DeadlineRow.status).in_(_REMINDED),
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
        table = ReminderRow.__table__  # type: ignore[attr-defined]
        statement = self._insert_new(table, values).returning(col(ReminderRow.id))
        return self._session.connection().execute(statement).first() is not None

    def due_reminders(self, today: date) -> list[DueReminder]:
        return sweep_queries.due_reminders(self._session, today)

    def claim_many(self, claims: Sequence[Claim], *, now: datetime) -> set[tuple[int, int]]:
        return sweep_queries.claim_many(self._session, claims, now=now)

    def schedule_reminders(self, plan: Mapping[int, date | None]) -> None:
        sweep_queries.schedule_reminders(self._session, plan)

    def _insert_new(self, table: Any, values: dict[str, Any]) -> Insert:
        """INSERT that does nothing where a unique key already has the row (another run's)."""
        if self._session.get_bind().dialect.name == "postgresql":
            return postgresql.insert(table).values(values).on_conflict_do_nothing()
        return sqlite.insert(table).values(values).on_conflict_do_nothing()

    def supersede_stale(self, *, now: datetime) -> int:
        later = aliased(ReminderRow)
        has_later = exists().where(
            col(later.deadline_id) == col(ReminderRow.deadline_id),
            col(later.step) > col(ReminderRow.step),
            col(later.status).in_(_LATER),
        )
        statement = (
            update(ReminderRow)
            .where(_queued(now), has_later)
            .values(status=ReminderStatus.SUPERSEDED, lease_until=None)
        )
        return int(self._session.connection().execute(statement).rowcount)

    def to_send(self, *, now: datetime, limit: int = 500) -> list[ReminderView]:
        order = (col(ReminderRow.attempts), col(ReminderRow.planned_on), col(ReminderRow.id))
        return self._views(_queued(now), limit=limit, order=order)

    def count_to_send(self, *, now: datetime) -> int:
        return self._count(_queued(now))

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
        """Take one queued reminder; False when another run has it or it is done."""
        values: dict[str, Any] = {
            "status": ReminderStatus.SENDING,
            "attempts": col(ReminderRow.attempts) + 1,
            "lease_until": lease_until,
            "subject": subject,
            "body": body,
        }
        if note is not None:
            values.update(last_error=note, failed_at=now)
        statement = (
            update(ReminderRow)
            .where(col(ReminderRow.id) == reminder_id, _queued(now))
            .values(values)
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
        values: dict[str, Any] = {"status": status, "recipient": recipient, "lease_until": None}
        if status == ReminderStatus.SENT:
            values["sent_at"] = now
        if error is not None:
            values.update(last_error=error, failed_at=now)
        self._session.connection().execute(
            update(ReminderRow).where(col(ReminderRow.id) == reminder_id).values(values)
        )

    def database_id(self) -> str:
        query = select(MetaRow.value).where(MetaRow.key == DATABASE_ID)
        found = self._session.exec(query).first()
        if found is None:  # a database made without `init` (by create_all): give it one now
            values = {"key": DATABASE_ID, "value": uuid.uuid4().hex}
            table = MetaRow.__table__  # type: ignore[attr-defined]
            self._session.connection().execute(self._insert_new(table, values))
            found = self._session.exec(query).one()
        return found

    def reminders(
        self, *, case_id: int | None = None, status: str | None = None, limit: int | None = 1000
    ) -> list[ReminderView]:
        return self._views(*_filters(case_id, status), limit=limit)

    def count_reminders(self, *, case_id: int | None = None, status: str | None = None) -> int:
        return self._count(*_filters(case_id, status))

    def incidents(
        self, *, now: datetime, include_resolved: bool = False, limit: int | None = 1000
    ) -> list[ReminderView]:
        return self._views(_incident(now, include_resolved), limit=limit)

    def count_incidents(self, *, now: datetime, include_resolved: bool = False) -> int:
        return self._count(_incident(now, include_resolved))

    def _views(
        self, *conditions: Any, limit: int | None, order: tuple[Any, ...] | None = None
    ) -> list[ReminderView]:
        query = (
            select(ReminderRow, col(DeadlineRow.kind), col(DeadlineRow.due), col(CaseRow.handler))
            .join(DeadlineRow, col(DeadlineRow.id) == col(ReminderRow.deadline_id))
            .join(CaseRow, col(CaseRow.id) == col(ReminderRow.case_id))
            .where(*conditions)
            .order_by(*(order or (col(ReminderRow.planned_on), col(ReminderRow.id))))
            .limit(limit)
        )
        return [_view(r, kind, due, handler) for r, kind, due, handler in self._session.exec(query)]

    def _count(self, *conditions: Any) -> int:
        query = (
            select(func.count())
            .select_from(ReminderRow)
            .join(DeadlineRow, col(DeadlineRow.id) == col(ReminderRow.deadline_id))
            .join(CaseRow, col(CaseRow.id) == col(ReminderRow.case_id))
            .where(*conditions)
        )
        return int(self._session.exec(query).one())

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
        """Awaited deadlines and lapsed ones not yet followed up, soonest first.

        `overdue_only`: overdue ones, and open ones whose last day is before `today` (the
        service keeps those whose kind would make them overdue). `after`: keyset (due, id).
        `uncertain_only`: only the rows the service judges by kind (see `count_agenda`).
        """
        where = agenda_where(
            until=until, overdue_only=overdue_only, handler=handler, today=today,
            case_id=case_id, after=after, part="uncertain" if uncertain_only else "all",
        )  # fmt: skip
        query = (
            select(DeadlineRow, CaseRow, ProviderRow)
            .join(CaseRow, col(CaseRow.id) == col(DeadlineRow.case_id))
            .join(ProviderRow, col(ProviderRow.id) == col(CaseRow.provider_id))
            .where(*where)
            .order_by(col(DeadlineRow.due), col(DeadlineRow.id))
            .limit(limit)
        )
        return [_agenda(d, c, p) for d, c, p in self._session.exec(query)]

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
        """How many agenda rows after `after` show whatever their kind (awaited ones; overdue
        ones with `overdue_only`): the others are the `uncertain_only` rows of `agenda`."""
        where = agenda_where(
            until=until, overdue_only=overdue_only, handler=handler, today=today,
            case_id=case_id, after=after, part="certain",
        )  # fmt: skip
        query = (
            select(func.count())
            .select_from(DeadlineRow)
            .join(CaseRow, col(CaseRow.id) == col(DeadlineRow.case_id))
            .where(*where)
        )
        return int(self._session.exec(query).one())


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
        lease_until=row.lease_until,
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
        workflow=c.workflow_name,
        version=c.workflow_version,
    )
