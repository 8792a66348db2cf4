"""The history's hash chain: recomputed hashes, links and sequence numbers (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from escalation.domain.chain import GENESIS, Entry, entry_hash, first_break, heads_digest

AT = datetime(2026, 11, 24, 9, 30, 0, 123456, tzinfo=UTC)


def chain(n: int) -> list[Entry]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        entry = Entry(
            1,
            seq,
            "action_taken",
            {"b": seq, "a": [1, 2]},
            AT,
            date(2026, 11, 24),
            "jurist",
            None,
            prev,
        )
        entry = replace(entry, hash=entry_hash(entry, prev))
        entries.append(entry)
        prev = entry.hash or ""
    return entries


def test_an_intact_chain_has_no_break() -> None:
    assert first_break(chain(3)) is None


def test_a_changed_payload_breaks_that_entry_and_names_it() -> None:
    entries = chain(3)
    entries[1] = replace(entries[1], payload={"b": 99, "a": [1, 2]})

    broken = first_break(entries, [10, 11, 12])

    assert broken is not None
    assert (broken.seq, broken.entry_id, broken.problem) == (2, 11, "content")


def test_a_removed_entry_breaks_the_sequence() -> None:
    entries = chain(3)

    broken = first_break([entries[0], entries[2]])

    assert broken is not None and (broken.seq, broken.problem) == (3, "sequence")


def test_a_rehashed_entry_breaks_the_link_of_the_next() -> None:
    entries = chain(3)
    changed = replace(entries[0], by="someone else")
    entries[0] = replace(changed, hash=entry_hash(changed, GENESIS))

    broken = first_break(entries)

    assert broken is not None and (broken.seq, broken.problem) == (2, "link")


def test_the_hash_does_not_depend_on_key_order_or_the_zone_of_the_moment() -> None:
    entry = chain(1)[0]
    same = replace(
        entry, payload={"a": [1, 2], "b": 1}, at=AT.astimezone(timezone(timedelta(hours=1)))
    )

    assert entry_hash(same, GENESIS) == entry.hash
    assert entry_hash(replace(entry, reason="x"), GENESIS) != entry.hash


def test_the_anchor_digest_covers_every_head() -> None:
    heads = {1: (3, "a" * 64), 2: (1, "b" * 64)}

    assert heads_digest(heads) == heads_digest(dict(reversed(heads.items())))
    assert heads_digest(heads) != heads_digest({1: (3, "a" * 64), 2: (2, "b" * 64)})
