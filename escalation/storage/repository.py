"""SQL repositories: explicit mapping between table rows and domain objects."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from escalation.domain.atw import TermBasis
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.errors import UnknownCaseError, UnknownProviderError
from escalation.domain.events import Event
from escalation.domain.model import Case, CaseSummary, Provider
from escalation.i18n import _
from escalation.storage import case_bulk, event_codec
from escalation.storage.besluit_mapping import BesluitRefs, BesluitStore
from escalation.storage.concurrency import UTC_ZONE, changed_meanwhile
from escalation.storage.findings_repository import SqlFindingsRepository
from escalation.storage.history_chain import chain_head, seal
from escalation.storage.organisation_tables import load_co_organisations, save_co_organisations
from escalation.storage.provider_repository import provider_from_row
from escalation.storage.tables import (
    CaseEventRow,
    CaseRow,
    DeadlineRow,
    ProviderRow,
    WorkflowVersionRow,
)
from escalation.texts import text_from_json, text_to_json


def deadline_from_row(row: DeadlineRow, refs: BesluitRefs | None = None) -> Deadline:
    refs = refs or BesluitRefs()
    return Deadline(
        id=row.id,
        kind=row.kind,
        due=row.due,
        status=DeadlineStatus(row.status),
        basis=TermBasis(row.basis),
        legal_basis=row.legal_basis,
        start=row.start,
        term=row.term,
        steps=tuple(text_from_json(step) for step in row.steps),
        set_by=row.set_by,
        set_on=row.set_on,
        proposed=row.proposed,
        warning=None if row.warning is None else text_from_json(row.warning),
        closed_on=row.closed_on,
        next_reminder_on=row.next_reminder_on,
        besluit=refs.kenmerk(row.besluit_id),
        bezwaar=refs.bezwaar(row.bezwaar_id),
        forfeiture=refs.forfeiture(row.forfeiture_id),
    )


def deadline_to_row(
    deadline: Deadline, case_id: int, refs: BesluitRefs | None = None
) -> DeadlineRow:
    return DeadlineRow(case_id=case_id, **deadline_values(deadline, refs))


def deadline_values(deadline: Deadline, refs: BesluitRefs | None = None) -> dict[str, Any]:
    """The deadline's columns but its identity (id, case_id), as stored."""
    refs = refs or BesluitRefs()
    besluit = deadline.besluit or ""
    return {
        "kind": deadline.kind,
        "due": deadline.due,
        "status": deadline.status.value,
        "basis": deadline.basis.value,
        "legal_basis": deadline.legal_basis,
        "start": deadline.start,
        "term": deadline.term,
        "steps": [text_to_json(step) for step in deadline.steps],
        "set_by": deadline.set_by,
        "set_on": deadline.set_on,
        "proposed": deadline.proposed,
        "warning": None if deadline.warning is None else text_to_json(deadline.warning),
        "closed_on": deadline.closed_on,
        "next_reminder_on": deadline.next_reminder_on,
        "besluit_id": refs.besluit_ids.get(besluit),
        "bezwaar_id": refs.bezwaar_ids.get((besluit, deadline.bezwaar or 0)),
        "forfeiture_id": refs.forfeiture_ids.get((besluit, deadline.forfeiture or 0)),
    }


def event_to_row(event: Event, case_id: int) -> CaseEventRow:
    type_name, payload = event_codec.encode(event)
    return CaseEventRow(
        case_id=case_id,
        type=type_name,
        at=event.at,
        on=event.on,
        by=event.by,
        reason=event.reason,
        payload=payload,
    )


def event_from_row(row: CaseEventRow) -> Event:
    return event_codec.decode(
        row.type, dict(row.payload), at=row.at, on=row.on, by=row.by, reason=row.reason
    )


def case_columns(row: Any) -> dict[str, Any]:
    """A case's own columns as `Case` fields (a CaseRow, or a row of the same columns)."""
    return {
        "id": row.id, "workflow_name": row.workflow_name,
        "workflow_version": row.workflow_version, "state": row.state,
        "opened_on": row.opened_on, "title": row.title, "handler": row.handler,
        "version": row.version, "organisation": row.organisation,
        "reminder_ladders": {k: tuple(v) for k, v in row.reminder_ladders.items()},
    }  # fmt: skip


class SqlCaseRepository:
    def __init__(self, session: Session, zone: ZoneInfo = UTC_ZONE) -> None:
        self._session = session
        self._rows: dict[int, CaseRow] = {}
        self._zone = zone  # for the time in the message to the loser of a concurrent change
        self._co: dict[int, tuple[str, ...]] = {}  # each case's other organisations, as stored
        self._bulk = case_bulk.Loaded()  # what get_many read, for save_many

    def add(self, case: Case, *, now: datetime) -> int:
        provider = self._session.exec(
            select(ProviderRow).where(ProviderRow.kvk == case.provider.kvk)
        ).one()
        row = CaseRow(
            provider_id=provider.id or 0,
            workflow_name=case.workflow_name,
            workflow_version=case.workflow_version,
            state=case.state,
            title=case.title,
            handler=case.handler,
            organisation=case.organisation,
            opened_on=case.opened_on,
            created_at=now,
            updated_at=now,
            reminder_ladders={k: list(v) for k, v in case.reminder_ladders.items()},
        )
        self._session.add(row)
        self._session.flush()
        case.id = row.id
        case.version = row.version
        self._rows[row.id or 0] = row
        self._write_children(case, row.id or 0, now=now)
        return row.id or 0

    def get(self, case_id: int) -> Case:
        row = self._session.get(CaseRow, case_id)
        if row is None:
            raise UnknownCaseError(
                _("No case {case}. `escalation case list` shows the cases.").format(case=case_id)
            )
        self._rows[case_id] = row
        provider = self._session.get(ProviderRow, row.provider_id)
        deadlines = self._session.exec(
            select(DeadlineRow).where(DeadlineRow.case_id == case_id).order_by(col(DeadlineRow.id))
        )
        besluiten, refs = BesluitStore(self._session).load(case_id)
        return Case(
            **case_columns(row),
            provider=provider_from_row(provider) if provider else _missing_provider(),
            deadlines=[deadline_from_row(d, refs) for d in deadlines],
            besluiten=besluiten,
            norms=SqlFindingsRepository(self._session).norms(case_id),
            co_organisations=self._co.setdefault(
                case_id, load_co_organisations(self._session, case_id)
            ),
        )

    def get_many(self, case_ids: Sequence[int]) -> dict[int, Case]:
        """The cases read together: a few queries for all of them, no ORM objects."""
        return case_bulk.load(self._session, case_ids, self._bulk, self._co)

    def save_many(self, cases: Sequence[Case], *, now: datetime) -> None:
        """`save` for each case in bulk statements (cases read by `get` are saved one by one)."""
        alone = [c for c in cases if (c.id or 0) not in self._bulk.versions]
        for case in alone:
            self.save(case, now=now)
        together = [c for c in cases if (c.id or 0) in self._bulk.versions]
        if together:
            case_bulk.store(self._session, together, self._bulk, self._co, now=now, zone=self._zone)

    def save(self, case: Case, *, now: datetime) -> None:
        """Write the case's changes; the version check makes a concurrent change fail."""
        row = self._rows[case.id or 0]
        row.state = case.state
        row.handler = case.handler
        row.title = case.title
        row.reminder_ladders = {k: list(v) for k, v in case.reminder_ladders.items()}
        row.updated_at = now
        # Always an UPDATE, so always the version check: a change to deadlines or history
        # alone, saved at the same `now`, would otherwise leave the case row untouched.
        flag_modified(row, "updated_at")
        self._session.add(row)
        try:
            self._session.flush()
        except StaleDataError:
            engine = self._session.get_bind()
            assert isinstance(engine, Engine)  # noqa: S101 - a session on an engine, always
            raise changed_meanwhile(engine, case.id or 0, self._zone) from None
        self._write_children(case, row.id or 0, now=now)
        self._session.flush()
        case.version = row.version

    def _write_children(self, case: Case, case_id: int, *, now: datetime) -> None:
        self._co[case_id] = save_co_organisations(  # compared with those read (a new case: none)
            self._session, case_id, case.co_organisations, stored=self._co.get(case_id, ())
        )
        refs = BesluitStore(self._session).save(case_id, case.besluiten, now=now)
        for deadline in list(case.deadlines):
            wanted = deadline_to_row(deadline, case_id, refs)
            if deadline.id is None:
                self._session.add(wanted)
                self._session.flush()
                case.deadline_stored(deadline, wanted.id or 0)
                continue
            stored = self._session.get(DeadlineRow, deadline.id)
            if stored is None or stored.case_id != case_id:
                raise UnknownCaseError(
                    _("Deadline {deadline} does not belong to case {case}.").format(
                        deadline=deadline.id, case=case_id
                    )
                )
            for column in _DEADLINE_COLUMNS:
                value = getattr(wanted, column)
                if getattr(stored, column) != value:
                    setattr(stored, column, value)
            self._session.add(stored)
        events = case.pull_events()
        if events:
            seq, prev = chain_head(self._session, case_id)
            for event in events:
                row = event_to_row(event, case_id)
                seq, prev = seal(row, seq + 1, prev)
                self._session.add(row)

    def summaries(
        self, *, state: str | None = None, provider_kvk: str | None = None
    ) -> list[CaseSummary]:
        next_due = (
            select(DeadlineRow.case_id, func.min(DeadlineRow.due).label("next_due"))
            .where(DeadlineRow.status == DeadlineStatus.OPEN.value)
            .group_by(col(DeadlineRow.case_id))
            .subquery()
        )
        query = (
            select(CaseRow, ProviderRow, next_due.c.next_due)
            .join(ProviderRow, col(CaseRow.provider_id) == col(ProviderRow.id))
            .outerjoin(next_due, next_due.c.case_id == col(CaseRow.id))
            .order_by(col(CaseRow.id))
        )
        if state:
            query = query.where(CaseRow.state == state)
        if provider_kvk:
            query = query.where(ProviderRow.kvk == provider_kvk)
        return [_summary(c, p, due) for c, p, due in self._session.exec(query)]

    def states(self) -> set[str]:
        return set(self._session.exec(select(CaseRow.state).distinct()))

    def ids(self, *, state: str | None = None) -> list[int]:
        query = select(CaseRow.id).order_by(col(CaseRow.id))
        if state is not None:
            query = query.where(CaseRow.state == state)
        return [case_id for case_id in self._session.exec(query) if case_id is not None]

    def history(self, case_id: int) -> list[Event]:
        rows = self._session.exec(
            select(CaseEventRow)
            .where(CaseEventRow.case_id == case_id)
            .order_by(col(CaseEventRow.id))
        )
        return [event_from_row(r) for r in rows]


def _summary(row: CaseRow, provider: ProviderRow, next_due: date | None) -> CaseSummary:
    return CaseSummary(
        id=row.id or 0,
        provider=provider_from_row(provider),
        state=row.state,
        workflow_name=row.workflow_name,
        workflow_version=row.workflow_version,
        title=row.title,
        handler=row.handler,
        opened_on=row.opened_on,
        next_due=next_due,
    )


# Every column a deadline's change can touch: all but its identity.
_DEADLINE_COLUMNS = tuple(
    name for name in DeadlineRow.model_fields if name not in ("id", "case_id")
)


def _missing_provider() -> Provider:
    raise UnknownProviderError(_("The case refers to a provider that is not in the database."))


class SqlWorkflowVersionStore:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, name: str, version: int) -> WorkflowVersionRow | None:
        query = select(WorkflowVersionRow).where(
            WorkflowVersionRow.name == name, WorkflowVersionRow.version == version
        )
        return self._session.exec(query).first()

    def remember(self, name: str, version: int, source: str, *, now: datetime) -> None:
        if self._row(name, version) is not None:
            return
        digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
        self._session.add(
            WorkflowVersionRow(
                name=name, version=version, source=source, sha256=digest, stored_at=now
            )
        )

    def source(self, name: str, version: int) -> str | None:
        row = self._row(name, version)
        return row.source if row else None
