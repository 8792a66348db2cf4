"""The history's hash chains in the database: sealing new entries, reading chains back."""

from __future__ import annotations

from collections.abc import Iterator

from sqlmodel import Session, col, select

from escalation.domain.chain import GENESIS, Entry, entry_hash
from escalation.storage.tables import CaseEventRow


def chain_head(session: Session, case_id: int) -> tuple[int, str]:
    """The case's last (seq, hash), or (0, GENESIS) for a case without history yet.

    Called after the case row's versioned UPDATE (or its INSERT), so a concurrent writer of the
    same case waits or fails there; the unique (case_id, seq) index refuses a fork regardless.
    """
    row = session.exec(
        select(CaseEventRow.seq, CaseEventRow.hash)
        .where(CaseEventRow.case_id == case_id)
        .order_by(col(CaseEventRow.seq).desc())
        .limit(1)
    ).first()
    if row is None or row[0] is None or row[1] is None:
        return 0, GENESIS
    return row[0], row[1]


def seal(row: CaseEventRow, seq: int, prev_hash: str) -> tuple[int, str]:
    """Give `row` its place in the chain and its hash; the new head."""
    row.seq, row.prev_hash = seq, prev_hash
    row.hash = entry_hash(as_entry(row), prev_hash)
    return seq, row.hash


def as_entry(row: CaseEventRow) -> Entry:
    return Entry(
        case_id=row.case_id,
        seq=row.seq or 0,
        type=row.type,
        payload=row.payload,
        at=row.at,
        on=row.on,
        by=row.by,
        reason=row.reason,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def chains(
    session: Session, case_id: int | None = None
) -> Iterator[tuple[int, list[CaseEventRow]]]:
    """Each case's history in chain order (seq, then id for rows without one), case by case."""
    query = select(CaseEventRow).order_by(
        col(CaseEventRow.case_id), col(CaseEventRow.seq), col(CaseEventRow.id)
    )
    if case_id is not None:
        query = query.where(CaseEventRow.case_id == case_id)
    current: list[CaseEventRow] = []
    for row in session.exec(query):
        if current and current[0].case_id != row.case_id:
            yield current[0].case_id, current
            current = []
        current.append(row)
    if current:
        yield current[0].case_id, current
