"""Past-tense facts in a case's append-only history: one small class per kind of fact.

Every event carries when it took effect (`on`), when it was recorded (`at`), who recorded it
(`by`) and, where one was given, why (`reason`); each kind adds only the fields it needs.
Storage keeps (TYPE, payload); `EVENT_TYPES` maps the stored names back to the classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar, TypedDict


@dataclass(frozen=True, slots=True)
class Stamp:
    """When a change takes effect and is recorded, who makes it and why."""

    on: date
    at: datetime
    by: str
    reason: str | None = None
    recorded_by: str | None = None  # who recorded it on behalf of `by` (team use)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """The fields every history entry has; subclasses are the kinds of fact."""

    TYPE: ClassVar[str] = ""

    at: datetime
    on: date
    by: str
    reason: str | None = None
    # Who recorded it on behalf of `by` (team use, issue 13); None: `by` recorded it. Stored in
    # the payload, so the hash chain covers it without a change to its format.
    recorded_by: str | None = None


class Common(TypedDict):
    at: datetime
    on: date
    by: str
    reason: str | None
    recorded_by: str | None


def stamped(stamp: Stamp) -> Common:
    """The common fields of an event made under `stamp`."""
    return {
        "at": stamp.at, "on": stamp.on, "by": stamp.by, "reason": stamp.reason,
        "recorded_by": stamp.recorded_by,
    }  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseOpened(Event):
    TYPE: ClassVar[str] = "case_opened"

    workflow: str
    version: int
    state: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionTaken(Event):
    TYPE: ClassVar[str] = "action_taken"

    action: str
    from_state: str
    to_state: str
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineSet(Event):
    TYPE: ClassVar[str] = "deadline_set"

    kind: str
    due: date
    basis: str
    action: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineMet(Event):
    TYPE: ClassVar[str] = "deadline_met"

    kind: str
    due: date
    basis: str
    action: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineCancelled(Event):
    TYPE: ClassVar[str] = "deadline_cancelled"

    kind: str
    due: date
    basis: str
    action: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlinePassed(Event):
    """The last day of a term went by; `status` says what that means (e.g. overdue)."""

    TYPE: ClassVar[str] = "deadline_passed"

    kind: str
    due: date
    status: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineMoved(Event):
    TYPE: ClassVar[str] = "deadline_moved"

    kind: str
    from_due: date
    due: date
    # Why the engine moved it, as a stored message (Msg.to_json) shown in the reader's language;
    # None when a person moved it (their words are the common `reason`).
    why: dict[str, object] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RemindersChanged(Event):
    TYPE: ClassVar[str] = "reminders_changed"

    kind: str
    ladder: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LetterIssued(Event):
    """A letter issued before drafts existed (0.1 to revision 0006): now read as sent."""

    TYPE: ClassVar[str] = "letter_issued"

    letter: int
    template: str
    format: str
    action: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LetterSent(Event):
    """A letter was sent (frozen): once per letter, whatever formats were made of it."""

    TYPE: ClassVar[str] = "letter_sent"

    letter: int
    template: str
    format: str
    action: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class HandlerAssigned(Event):
    TYPE: ClassVar[str] = "handler_assigned"

    previous: str | None
    handler: str
