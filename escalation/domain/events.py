"""Past-tense facts that a use case records in the append-only case history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class EventType(StrEnum):
    CASE_OPENED = "case_opened"
    ACTION_TAKEN = "action_taken"
    DEADLINE_SET = "deadline_set"
    DEADLINE_MET = "deadline_met"
    DEADLINE_CANCELLED = "deadline_cancelled"
    DEADLINE_OVERDUE = "deadline_overdue"
    DEADLINE_MOVED = "deadline_moved"
    REMINDERS_CHANGED = "reminders_changed"
    LETTER_ISSUED = "letter_issued"
    HANDLER_ASSIGNED = "handler_assigned"


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of a case's history: who did what, when (recorded and effective), and why."""

    type: EventType
    at: datetime
    on: date
    by: str
    action: str | None = None
    from_state: str | None = None
    to_state: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    reason: str | None = None
    details: dict[str, object] = field(default_factory=dict)


def letter_issued(
    *,
    letter_id: int,
    template: str,
    fmt: str,
    on: date,
    by: str,
    now: datetime,
    action: str | None = None,
) -> Event:
    """The history entry for a letter drafted by an action or made by hand."""
    return Event(
        type=EventType.LETTER_ISSUED,
        at=now,
        on=on,
        by=by,
        action=action,
        details={"letter": letter_id, "template": template, "format": fmt},
    )
