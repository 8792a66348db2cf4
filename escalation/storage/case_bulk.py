"""Many cases at once (issue 14, `case do-many`): a chunk read in a few queries and written in
bulk statements, with the same rows, history and hash chain as `SqlCaseRepository.save` per case.

Reading: the cases, their providers, deadlines and other organisations in one query per table
(Core rows: no ORM objects); besluiten and norms only for the cases that have any. Writing: one
locking read of the versions (a case changed meanwhile is refused by name, as `save` does), one
executemany UPDATE of the cases, one INSERT of the new deadlines, one UPDATE of the changed
ones, one read of the chain heads and one INSERT of the new history entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Row, Table, and_, bindparam, func, insert, select, update
from sqlmodel import Session

from escalation.domain.chain import GENESIS, Entry, entry_hash
from escalation.domain.errors import UnknownCaseError
from escalation.domain.events import Event
from escalation.domain.model import Case, Provider
from escalation.i18n import _
from escalation.storage import event_codec, repository
from escalation.storage.besluit_mapping import BesluitRefs, BesluitStore
from escalation.storage.concurrency import changed_meanwhile
from escalation.storage.findings_repository import SqlFindingsRepository
from escalation.storage.findings_tables import CaseFindingsRow
from escalation.storage.organisation_tables import CoOrganisationRow, save_co_organisations
from escalation.storage.provider_repository import provider_from_row
from escalation.storage.tables import BesluitRow, CaseEventRow, CaseRow, DeadlineRow, ProviderRow

CASES = cast(Table, CaseRow.__table__)  # type: ignore[attr-defined]
DEADLINES = cast(Table, DeadlineRow.__table__)  # type: ignore[attr-defined]
EVENTS = cast(Table, CaseEventRow.__table__)  # type: ignore[attr-defined]
DEADLINE_COLUMNS = tuple(c.name for c in DEADLINES.c if c.name not in ("id", "case_id"))
_KEPT = frozenset(DEADLINE_COLUMNS)
_NAMES = tuple(c.name for c in DEADLINES.c)  # the order of `select(DEADLINES)`


@dataclass
class Loaded:
    """What `load` read, for `store`: each case's version and its deadlines' columns."""

    versions: dict[int, int] = field(default_factory=dict)
    deadlines: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)


def load(
    session: Session, ids: Sequence[int], loaded: Loaded, co: dict[int, tuple[str, ...]]
) -> dict[int, Case]:
    if not ids:
        return {}
    conn = session.connection()
    rows = conn.execute(select(CASES).where(CASES.c.id.in_(ids))).all()
    providers = _providers(session, {r.provider_id for r in rows})
    deadlines = _grouped(conn.execute(
        select(DEADLINES).where(DEADLINES.c.case_id.in_(ids)).order_by(DEADLINES.c.id)
    ))  # fmt: skip
    others = _others(session, ids)
    besluit_cases = _having(session, BesluitRow.case_id, ids)
    norm_cases = _having(session, CaseFindingsRow.case_id, ids)
    cases = {}
    for row in rows:
        case_id = row.id
        loaded.versions[case_id] = row.version
        own = deadlines.get(case_id, [])
        loaded.deadlines[case_id] = {d.id: _columns(d) for d in own}
        co[case_id] = tuple(others.get(case_id, ()))
        case = _case(row, providers[row.provider_id], own, co[case_id])
        if case_id in besluit_cases:
            case.besluiten, refs = BesluitStore(session).load(case_id)
            case.deadlines = [repository.deadline_from_row(cast(DeadlineRow, d), refs) for d in own]
        if case_id in norm_cases:
            case.norms = SqlFindingsRepository(session).norms(case_id)
        cases[case_id] = case
    return cases


def _case(row: Row[Any], provider: Provider, own: list[Row[Any]], co: tuple[str, ...]) -> Case:
    return Case(
        **repository.case_columns(row),
        provider=provider,
        deadlines=[repository.deadline_from_row(cast(DeadlineRow, d)) for d in own],
        co_organisations=co,
    )


def _others(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    """The other organisations of each case, in order."""
    table = cast(Table, CoOrganisationRow.__table__)  # type: ignore[attr-defined]
    query = (
        select(table.c.case_id, table.c.code)
        .where(table.c.case_id.in_(ids))
        .order_by(table.c.case_id, table.c.position)
    )
    others: dict[int, list[str]] = defaultdict(list)
    for case_id, code in session.connection().execute(query):
        others[case_id].append(code)
    return others


def _providers(session: Session, ids: set[int]) -> dict[int, Provider]:
    table = cast(Table, ProviderRow.__table__)  # type: ignore[attr-defined]
    rows = session.connection().execute(select(table).where(table.c.id.in_(ids)))
    found = {r.id: provider_from_row(cast(ProviderRow, r)) for r in rows}
    if len(found) < len(ids):
        repository._missing_provider()
    return found


def _grouped(rows: Any) -> dict[int, list[Row[Any]]]:
    grouped: dict[int, list[Row[Any]]] = defaultdict(list)
    for row in rows:
        grouped[row.case_id].append(row)
    return grouped


def _having(session: Session, column: Any, ids: Sequence[int]) -> set[int]:
    query = select(column).where(column.in_(ids)).distinct()
    return set(session.connection().execute(query).scalars())


def _columns(row: Row[Any]) -> dict[str, Any]:
    return {name: value for name, value in zip(_NAMES, row, strict=True) if name in _KEPT}


def store(
    session: Session,
    cases: Sequence[Case],
    loaded: Loaded,
    co: dict[int, tuple[str, ...]],
    *,
    now: datetime,
    zone: ZoneInfo,
) -> None:
    session.flush()  # what the ORM holds goes first, as it would in `save`
    _update_cases(session, cases, loaded, now=now, zone=zone)
    for case in cases:
        case_id = case.id or 0
        co[case_id] = save_co_organisations(
            session, case_id, case.co_organisations, stored=co.get(case_id, ())
        )
    refs = {
        c.id or 0: BesluitStore(session).save(c.id or 0, c.besluiten, now=now)
        for c in cases
        if c.besluiten
    }
    session.flush()
    _store_deadlines(session, cases, loaded, refs)
    _store_events(session, cases)


def _update_cases(
    session: Session, cases: Sequence[Case], loaded: Loaded, *, now: datetime, zone: ZoneInfo
) -> None:
    """The versioned UPDATE of every case; the versions read first, locked where the database
    can (PostgreSQL), so a case changed since it was read is refused by name."""
    conn = session.connection()
    ids = [c.id or 0 for c in cases]
    current = dict(
        conn.execute(
            select(CASES.c.id, CASES.c.version)
            .where(CASES.c.id.in_(ids))
            .order_by(CASES.c.id)  # locked in one order: two bulk writers cannot deadlock
            .with_for_update()
        ).all()
    )
    changed = [i for i in ids if current.get(i) != loaded.versions[i]]
    if not changed:
        params = [_case_params(c, loaded.versions[c.id or 0], now) for c in cases]
        done = conn.execute(_CASE_UPDATE, params)
        if done.rowcount == len(params):
            for case in cases:
                loaded.versions[case.id or 0] = case.version = loaded.versions[case.id or 0] + 1
            return
        changed = ids  # another writer in between: which one cannot be told from here
    engine = session.get_bind()
    assert isinstance(engine, Engine)  # noqa: S101 - a session on an engine, always
    raise changed_meanwhile(engine, changed[0], zone)


_CASE_UPDATE = (
    update(CASES)
    .where(CASES.c.id == bindparam("b_id"), CASES.c.version == bindparam("b_version"))
    .values(
        state=bindparam("b_state"),
        handler=bindparam("b_handler"),
        title=bindparam("b_title"),
        reminder_ladders=bindparam("b_ladders", type_=CASES.c.reminder_ladders.type),
        updated_at=bindparam("b_now", type_=CASES.c.updated_at.type),
        version=CASES.c.version + 1,
    )
)


def _case_params(case: Case, version: int, now: datetime) -> dict[str, Any]:
    return {
        "b_id": case.id,
        "b_version": version,
        "b_state": case.state,
        "b_handler": case.handler,
        "b_title": case.title,
        "b_ladders": {k: list(v) for k, v in case.reminder_ladders.items()},
        "b_now": now,
    }


def _store_deadlines(
    session: Session, cases: Sequence[Case], loaded: Loaded, refs: dict[int, BesluitRefs]
) -> None:
    conn = session.connection()
    new: list[tuple[Case, Any, dict[str, Any]]] = []
    changed: list[dict[str, Any]] = []
    for case in cases:
        case_id = case.id or 0
        stored = loaded.deadlines[case_id]
        for deadline in case.deadlines:
            wanted = repository.deadline_values(deadline, refs.get(case_id))
            if deadline.id is None:
                new.append((case, deadline, wanted))
            elif deadline.id not in stored:
                raise UnknownCaseError(
                    _("Deadline {deadline} does not belong to case {case}.").format(
                        deadline=deadline.id, case=case_id
                    )
                )
            elif stored[deadline.id] != wanted:
                stored[deadline.id] = wanted
                changed.append({**{f"b_{k}": v for k, v in wanted.items()}, "b_id": deadline.id})
    if changed:
        conn.execute(_DEADLINE_UPDATE, changed)
    if new:
        statement = insert(DEADLINES).returning(DEADLINES.c.id, sort_by_parameter_order=True)
        rows = [{**values, "case_id": case.id} for case, _d, values in new]
        ids = conn.execute(statement, rows).scalars().all()
        for (case, deadline, values), deadline_id in zip(new, ids, strict=True):
            loaded.deadlines[case.id or 0][deadline_id] = values
            case.deadline_stored(deadline, deadline_id)


_DEADLINE_UPDATE = (
    update(DEADLINES)
    .where(DEADLINES.c.id == bindparam("b_id"))
    .values(
        {name: bindparam(f"b_{name}", type_=DEADLINES.c[name].type) for name in DEADLINE_COLUMNS}
    )
)


def _store_events(session: Session, cases: Sequence[Case]) -> None:
    pulled = {c.id or 0: events for c in cases if (events := c.pull_events())}
    if not pulled:
        return
    conn = session.connection()
    latest = (
        select(EVENTS.c.case_id, func.max(EVENTS.c.seq).label("seq"))
        .where(EVENTS.c.case_id.in_(list(pulled)))
        .group_by(EVENTS.c.case_id)
        .subquery()
    )
    heads_query = select(EVENTS.c.case_id, EVENTS.c.seq, EVENTS.c.hash).join(
        latest, and_(EVENTS.c.case_id == latest.c.case_id, EVENTS.c.seq == latest.c.seq)
    )
    heads = {r.case_id: (r.seq, r.hash) for r in conn.execute(heads_query) if r.hash}
    rows = []
    for case_id, events in pulled.items():
        seq, prev = heads.get(case_id, (0, GENESIS))
        for event in events:
            seq += 1
            rows.append(_sealed(event, case_id, seq, prev))
            prev = rows[-1]["hash"]
    conn.execute(insert(EVENTS), rows)


def _sealed(event: Event, case_id: int, seq: int, prev: str) -> dict[str, Any]:
    """The history row of `event`, sealed as `history_chain.seal` seals it (no ORM object)."""
    type_name, payload = event_codec.encode(event)
    values: dict[str, Any] = {
        "case_id": case_id, "type": type_name, "at": event.at, "on": event.on, "by": event.by,
        "reason": event.reason, "payload": payload, "seq": seq, "prev_hash": prev,
    }  # fmt: skip
    values["hash"] = entry_hash(Entry(**values), prev)
    return values
