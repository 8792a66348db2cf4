"""`escalation audit`: verify the history's hash chains, anchor their heads, export a dossier."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from escalation.domain.chain import Break, first_break, heads_digest
from escalation.domain.errors import UnknownCaseError
from escalation.i18n import _
from escalation.storage.audit_tables import AuditAnchorRow
from escalation.storage.history_chain import as_entry, chains
from escalation.storage.tables import BesluitRow, CaseRow, LetterRow, ProviderRow


@dataclass(frozen=True, slots=True)
class VerifyResult:
    cases: int
    entries: int
    broken: Break | None


@dataclass(frozen=True, slots=True)
class Anchor:
    id: int
    at: datetime
    by: str
    digest: str
    heads: dict[int, tuple[int, str]] = field(default_factory=dict)


def verify(engine: Engine, case_id: int | None = None) -> VerifyResult:
    """Recompute every chain (or one case's); the first broken link, if any."""
    cases = entries = 0
    with Session(engine) as session:
        if case_id is not None:
            _require_case(session, case_id)
        for _case, rows in chains(session, case_id):
            cases, entries = cases + 1, entries + len(rows)
            broken = first_break([as_entry(r) for r in rows], [r.id for r in rows])
            if broken is not None:
                return VerifyResult(cases, entries, broken)
    return VerifyResult(cases, entries, None)


def anchor(engine: Engine, *, now: datetime, by: str) -> Anchor:
    """Store (append-only) and return every chain's head with one digest over all of them."""
    with Session(engine) as session:
        heads = {case: _head(rows) for case, rows in chains(session)}
        row = AuditAnchorRow(
            at=now,
            by=by,
            digest=heads_digest(heads),
            heads={str(case): [seq, digest] for case, (seq, digest) in heads.items()},
        )
        session.add(row)
        session.commit()
        return Anchor(row.id or 0, now, by, row.digest, heads)


def anchor_if_changed(
    engine: Engine, *, now: datetime, by: str, interval: timedelta | None = None
) -> Anchor | None:
    """Store an anchor when a chain's head changed since the last anchor; with `interval`,
    only when the last anchor is at least that old (the scheduler's daily anchor)."""
    with Session(engine) as session:
        last = session.exec(
            select(AuditAnchorRow).order_by(col(AuditAnchorRow.id).desc()).limit(1)
        ).first()
        if last is not None and interval is not None and now - last.at < interval:
            return None
        heads = {case: _head(rows) for case, rows in chains(session)}
        if not heads or (last is not None and heads_digest(heads) == last.digest):
            return None
    return anchor(engine, now=now, by=by)


def anchors(engine: Engine) -> list[Anchor]:
    with Session(engine) as session:
        rows = session.exec(select(AuditAnchorRow).order_by(col(AuditAnchorRow.id))).all()
        return [
            Anchor(
                r.id or 0, r.at, r.by, r.digest, {int(c): (s, h) for c, (s, h) in r.heads.items()}
            )
            for r in rows
        ]


def find_anchor(engine: Engine, digest: str) -> Anchor | None:
    """The stored anchor with this digest, if this database made one."""
    return next((a for a in anchors(engine) if a.digest == digest), None)


def check_heads(engine: Engine, heads: dict[int, tuple[int, str]]) -> Break | None:
    """The first case whose chain no longer holds the anchored entry, or breaks before it."""
    with Session(engine) as session:
        for case_id, (seq, digest) in sorted(heads.items()):
            rows = next((r for _c, r in chains(session, case_id)), [])
            broken = first_break([as_entry(r) for r in rows], [r.id for r in rows])
            if broken is not None and broken.seq <= seq:
                return broken
            there = rows[seq - 1] if 0 < seq <= len(rows) else None
            if there is None or there.hash != digest:
                found = None if there is None else there.hash
                return Break(case_id, seq, None if there is None else there.id, "anchor",
                             found, digest)  # fmt: skip
    return None


def _head(rows: list[Any]) -> tuple[int, str]:
    last = rows[-1]
    return last.seq or 0, last.hash or ""


def _require_case(session: Session, case_id: int) -> CaseRow:
    case = session.get(CaseRow, case_id)
    if case is None:
        raise UnknownCaseError(
            _("No case {case}. `escalation case list` shows the cases.").format(case=case_id)
        )
    return case


def dossier(engine: Engine, case_id: int) -> dict[str, Any]:
    """One case's history with its hashes, its letters with theirs, its besluiten' status."""
    with Session(engine) as session:
        case = _require_case(session, case_id)
        rows = next((r for _c, r in chains(session, case_id)), [])
        broken = first_break([as_entry(r) for r in rows], [r.id for r in rows])
        return {
            "case": {
                "id": case_id,
                "title": case.title,
                "state": case.state,
                "handler": case.handler,
                "opened_on": case.opened_on.isoformat(),
                "provider": _provider_json(session.get(ProviderRow, case.provider_id)),
            },
            "chain": {
                "entries": len(rows),
                "intact": broken is None,
                "head": rows[-1].hash if rows else None,
                "first_break": None if broken is None else _break_json(broken),
            },
            "events": [_event_json(r) for r in rows],
            "letters": [_letter_json(r) for r in _of_case(session, LetterRow, case_id)],
            "besluiten": [_besluit_json(r) for r in _of_case(session, BesluitRow, case_id)],
            "anchor": _covering_anchor(session, case_id, rows),
        }


def _provider_json(row: ProviderRow | None) -> dict[str, Any] | None:
    return None if row is None else {"name": row.name, "kvk": row.kvk}


def _covering_anchor(session: Session, case_id: int, rows: list[Any]) -> dict[str, Any] | None:
    """The latest anchor that recorded this case's chain, and whether the chain still holds it."""
    found = session.exec(select(AuditAnchorRow).order_by(col(AuditAnchorRow.id).desc()))
    for anchor in found:
        if str(case_id) not in anchor.heads:
            continue
        seq, digest = anchor.heads[str(case_id)]
        there = rows[seq - 1] if 0 < seq <= len(rows) else None
        return {
            "id": anchor.id,
            "at": anchor.at.isoformat(timespec="seconds"),
            "by": anchor.by,
            "digest": anchor.digest,
            "seq": seq,
            "hash": digest,
            "holds": there is not None and there.hash == digest,
        }
    return None


def _of_case(session: Session, table: Any, case_id: int) -> list[Any]:
    return list(session.exec(select(table).where(table.case_id == case_id).order_by(table.id)))


def _break_json(broken: Break) -> dict[str, Any]:
    return {
        "seq": broken.seq,
        "entry": broken.entry_id,
        "problem": broken.problem,
        "stored": broken.stored,
        "expected": broken.expected,
    }


def _event_json(row: Any) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "id": row.id,
        "type": row.type,
        "at": row.at.isoformat(),
        "on": row.on.isoformat(),
        "by": row.by,
        "reason": row.reason,
        "payload": row.payload,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def _letter_json(row: LetterRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "filename": row.filename,
        "template": row.template,
        "format": row.format,
        "status": row.status,
        "on": row.on.isoformat(),
        "issued_by": row.issued_by,
        "issued_at": row.issued_at.isoformat(),
        "sha256": row.output_sha256,
        "content_matches": hashlib.sha256(row.content).hexdigest() == row.output_sha256,
        "template_sha256": row.template_sha256,
    }


def _besluit_json(row: BesluitRow) -> dict[str, Any]:
    return {
        "kenmerk": row.kenmerk,
        "kind": row.kind,
        "status": row.status,
        "dagtekening": row.dagtekening.isoformat(),
        "verzonden": row.verzonden.isoformat(),
        "bestuursorgaan": row.bestuursorgaan,
        "letter": row.letter_id,
    }
