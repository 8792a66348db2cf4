"""Paged and streamed lists (`case list`): columns, not ORM entities, read as they are written.

A page is keyset-paged: `after` is the last case id of the previous page, so page 2 000 costs
what page 1 costs (no OFFSET that reads and throws away the pages before). `count` says how many
cases follow a page. `cases` streams: rows are fetched in batches from a server-side cursor
(PostgreSQL) or SQLite's step-wise reading, each turned into a summary as it is read, so a list
of every case never holds them all in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Engine, Select, and_, func, or_, select, true
from sqlmodel import col

from escalation.domain.besluiten import BesluitKind, BesluitStatus, BesluitSummary
from escalation.domain.deadline import DeadlineStatus
from escalation.domain.model import CaseSummary, Provider
from escalation.domain.provider import ProviderKind
from escalation.domain.reminders import ReminderView
from escalation.storage.subject_tables import CaseScopeRow
from escalation.storage.tables import BesluitRow, CaseRow, DeadlineRow, ProviderRow, ReminderRow

BATCH = 500  # rows fetched at a time when streaming


class SqlCaseLists:
    """The `CaseLists` port over one engine; each call its own read-only connection."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def cases(
        self,
        *,
        state: str | None = None,
        provider_kvk: str | None = None,
        signal: int | None = None,
        after: int | None = None,
        limit: int | None = None,
    ) -> Iterator[CaseSummary]:
        """The cases in id order after `after`, `limit` of them (None: all), streamed."""
        where = _CaseWhere(state, provider_kvk, signal, after)
        query = _filtered(_columns(), where).order_by(col(CaseRow.id))
        if limit is not None:
            query = query.limit(limit)
        with self._engine.connect() as connection:
            rows = connection.execution_options(yield_per=BATCH).execute(query)
            for row in rows:
                yield _summary(row)

    def count(
        self,
        *,
        state: str | None = None,
        provider_kvk: str | None = None,
        signal: int | None = None,
        after: int | None = None,
    ) -> int:
        """How many cases there are after `after` (None: all), with the same filters."""
        where = _CaseWhere(state, provider_kvk, signal, after)
        query = _filtered(select(func.count(col(CaseRow.id))), where)
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def besluiten(
        self,
        *,
        case_id: int | None = None,
        status: str | None = None,
        after: int | None = None,
        limit: int | None = None,
    ) -> Iterator[BesluitSummary]:
        """The besluiten in id order after `after`, `limit` of them (None: all), streamed."""
        query = _besluit_filter(select(*_BESLUIT_COLUMNS), case_id, status, after)
        query = query.order_by(col(BesluitRow.id))
        if limit is not None:
            query = query.limit(limit)
        with self._engine.connect() as connection:
            for row in connection.execution_options(yield_per=BATCH).execute(query):
                yield _besluit(row)

    def count_besluiten(
        self, *, case_id: int | None = None, status: str | None = None, after: int | None = None
    ) -> int:
        query = _besluit_filter(select(func.count(col(BesluitRow.id))), case_id, status, after)
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def reminders(
        self,
        *,
        case_id: int | None = None,
        status: str | None = None,
        after: tuple[date, int] | None = None,
        limit: int | None = None,
    ) -> Iterator[ReminderView]:
        """The outbox in (planned_on, id) order after `after`, `limit` rows (None: all)."""
        query = _reminder_filter(select(*_REMINDER_COLUMNS), case_id, status, after)
        query = query.order_by(col(ReminderRow.planned_on), col(ReminderRow.id)).limit(limit)
        with self._engine.connect() as connection:
            for row in connection.execution_options(yield_per=BATCH).execute(query):
                yield ReminderView(**row._mapping)

    def count_reminders(
        self,
        *,
        case_id: int | None = None,
        status: str | None = None,
        after: tuple[date, int] | None = None,
    ) -> int:
        query = _reminder_filter(select(func.count(col(ReminderRow.id))), case_id, status, after)
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one())


def day_id_after(day: Any, id_: Any, after: tuple[date, int] | None) -> ColumnElement[bool]:
    """Keyset: the rows ordered by (`day`, `id_`) that come after `after` (None: every row)."""
    if after is None:
        return true()
    return or_(day > after[0], and_(day == after[0], id_ > after[1]))


def agenda_where(
    *,
    until: date | None,
    overdue_only: bool,
    handler: str | None,
    today: date,
    case_id: int | None,
    after: tuple[date, int] | None,
    part: str = "all",
) -> list[ColumnElement[bool]]:
    """The conditions on DeadlineRow (joined to its CaseRow) of the agenda's rows after `after`.

    `part`: "all"; "certain", the rows shown whatever their kind (awaited ones; with
    `overdue_only` the overdue ones); "uncertain", the rest, which the service judges by kind
    (lapsed terms not followed up; with `overdue_only` open ones past their last day).
    """
    status = col(DeadlineRow.status)
    if overdue_only:
        certain = status == DeadlineStatus.OVERDUE.value
        uncertain = and_(status == DeadlineStatus.OPEN.value, col(DeadlineRow.due) < today)
    else:
        certain = status.in_((DeadlineStatus.OPEN.value, DeadlineStatus.OVERDUE.value))
        lapsed = status == DeadlineStatus.LAPSED.value
        uncertain = and_(lapsed, col(DeadlineRow.closed_on).is_(None))
    chosen = {"all": or_(certain, uncertain), "certain": certain, "uncertain": uncertain}
    conditions = [chosen[part], day_id_after(col(DeadlineRow.due), col(DeadlineRow.id), after)]
    if until is not None:
        conditions.append(col(DeadlineRow.due) <= until)
    if handler is not None:
        conditions.append(func.lower(col(CaseRow.handler)) == handler.lower())
    if case_id is not None:
        conditions.append(col(DeadlineRow.case_id) == case_id)
    return conditions


_REMINDER_COLUMNS = (
    *(col(getattr(ReminderRow, name))
      for name in ("id", "case_id", "deadline_id", "step", "planned_on", "status", "recipient",
                   "subject", "body", "attempts", "last_error", "sent_at", "lease_until")),
    col(DeadlineRow.kind), col(DeadlineRow.due), col(CaseRow.handler),
)  # fmt: skip


def _reminder_filter(
    query: Select[Any], case_id: int | None, status: str | None, after: tuple[date, int] | None
) -> Select[Any]:
    query = (
        query.select_from(ReminderRow)
        .join(DeadlineRow, col(DeadlineRow.id) == col(ReminderRow.deadline_id))
        .join(CaseRow, col(CaseRow.id) == col(ReminderRow.case_id))
        .where(day_id_after(col(ReminderRow.planned_on), col(ReminderRow.id), after))
    )
    if case_id is not None:
        query = query.where(col(ReminderRow.case_id) == case_id)
    if status is not None:
        query = query.where(col(ReminderRow.status) == status)
    return query


_BESLUIT_COLUMNS = tuple(
    col(getattr(BesluitRow, name))
    for name in ("id", "case_id", "kind", "kenmerk", "dagtekening", "verzonden", "status",
                 "bestuursorgaan", "prepared_by", "established_by")
)  # fmt: skip


def _besluit_filter(
    query: Select[Any], case_id: int | None, status: str | None, after: int | None
) -> Select[Any]:
    query = query.select_from(BesluitRow)
    if case_id is not None:
        query = query.where(col(BesluitRow.case_id) == case_id)
    if status is not None:
        query = query.where(col(BesluitRow.status) == status)
    if after is not None:
        query = query.where(col(BesluitRow.id) > after)
    return query


def _besluit(row: Any) -> BesluitSummary:  # a Row of _BESLUIT_COLUMNS
    return BesluitSummary(
        id=row.id, case_id=row.case_id, kind=BesluitKind(row.kind), kenmerk=row.kenmerk,
        dagtekening=row.dagtekening, verzonden=row.verzonden, status=BesluitStatus(row.status),
        bestuursorgaan=row.bestuursorgaan, prepared_by=row.prepared_by,
        established_by=row.established_by,
    )  # fmt: skip


def _columns() -> Select[Any]:
    next_due = (
        select(func.min(DeadlineRow.due))
        .where(col(DeadlineRow.case_id) == col(CaseRow.id))
        # `status || ''`: looked up by the case's index; on `status` alone SQLite picks the
        # (status, due) index and scans every open deadline for each case (quadratic).
        .where(col(DeadlineRow.status).concat("") == DeadlineStatus.OPEN.value)
        .correlate(CaseRow)
        .scalar_subquery()
    )
    query: Select[Any] = select(  # type: ignore[assignment]  # a 13-column tuple type
        col(CaseRow.id), col(CaseRow.state), col(CaseRow.workflow_name),
        col(CaseRow.workflow_version), col(CaseRow.title), col(CaseRow.handler),
        col(CaseRow.opened_on), col(ProviderRow.kvk), col(ProviderRow.name),
        col(ProviderRow.kind), col(ProviderRow.alias), col(ProviderRow.address),
        next_due.label("next_due"),
    )  # fmt: skip
    return query


class _CaseWhere(NamedTuple):
    state: str | None
    provider_kvk: str | None
    signal: int | None
    after: int | None


def _filtered(query: Select[Any], where: _CaseWhere) -> Select[Any]:
    query = query.select_from(CaseRow).join(
        ProviderRow, col(CaseRow.provider_id) == col(ProviderRow.id)
    )
    if where.state:
        query = query.where(col(CaseRow.state) == where.state)
    if where.provider_kvk:
        query = query.where(col(ProviderRow.kvk) == where.provider_kvk)
    if where.signal is not None:
        of_signal = select(col(CaseScopeRow.case_id)).where(
            col(CaseScopeRow.signal_id) == where.signal
        )
        query = query.where(col(CaseRow.id).in_(of_signal))
    if where.after is not None:
        query = query.where(col(CaseRow.id) > where.after)
    return query


def _summary(row: Any) -> CaseSummary:  # a Row of _columns()
    provider = Provider(
        kvk=row.kvk, name=row.name, kind=ProviderKind(row.kind), alias=row.alias,
        address=row.address,
    )  # fmt: skip
    return CaseSummary(
        id=row.id, provider=provider, state=row.state, workflow_name=row.workflow_name,
        workflow_version=row.workflow_version, title=row.title, handler=row.handler,
        opened_on=row.opened_on, next_due=row.next_due,
    )  # fmt: skip
