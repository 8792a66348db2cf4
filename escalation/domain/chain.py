"""The history's hash chain: each entry's hash covers its content and the previous entry's hash.

One chain per case (docs/decisions.md): entry 1 of a case follows GENESIS, entry n follows entry
n-1. The canonical content is JSON with sorted keys and no spaces; a moment is written in UTC
with microseconds, a day as YYYY-MM-DD. Migration 0010 keeps a frozen copy of `entry_hash`: a
change to the format is a new migration, never an edit here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class Entry:
    """One history entry as stored: what the hash covers, and the hashes it carries."""

    case_id: int
    seq: int
    type: str
    payload: Mapping[str, Any]
    at: datetime
    on: date
    by: str
    reason: str | None
    prev_hash: str | None = None
    hash: str | None = None


def canonical(entry: Entry, prev_hash: str) -> bytes:
    """The bytes the hash covers."""
    moment = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    content = {
        "case": entry.case_id,
        "seq": entry.seq,
        "type": entry.type,
        "payload": entry.payload,
        "at": moment.astimezone(UTC).isoformat(timespec="microseconds"),
        "on": entry.on.isoformat(),
        "by": entry.by,
        "reason": entry.reason,
        "prev": prev_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: Entry, prev_hash: str) -> str:
    return hashlib.sha256(canonical(entry, prev_hash)).hexdigest()


@dataclass(frozen=True, slots=True)
class Break:
    """The first broken link of a chain: which entry, and what is wrong with it."""

    case_id: int
    seq: int
    entry_id: int | None
    problem: str  # "content", "link", "sequence" or "unhashed"
    stored: str | None = None
    expected: str | None = None


def first_break(entries: list[Entry], ids: list[int | None] | None = None) -> Break | None:
    """The first entry (in order) whose hash, link or sequence number is not as it should be."""
    prev, ids = GENESIS, ids or [None] * len(entries)
    for number, (entry, row_id) in enumerate(zip(entries, ids, strict=True), start=1):
        where = (entry.case_id, entry.seq, row_id)
        if entry.hash is None:
            return Break(*where, "unhashed")
        if entry.seq != number:
            return Break(*where, "sequence", str(entry.seq), str(number))
        if entry.prev_hash != prev:
            return Break(*where, "link", entry.prev_hash, prev)
        recomputed = entry_hash(entry, prev)
        if recomputed != entry.hash:
            return Break(*where, "content", entry.hash, recomputed)
        prev = entry.hash
    return None


def heads_digest(heads: Mapping[int, tuple[int, str]]) -> str:
    """One hash over every chain's head (case id -> (last seq, last hash)): an anchor."""
    content = {str(case): [seq, digest] for case, (seq, digest) in sorted(heads.items())}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
