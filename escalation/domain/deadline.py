"""A deadline of a case: a legal or self-set term, its status, and how its date was computed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from escalation.domain.atw import TermBasis
from escalation.texts import Text


class DeadlineStatus(StrEnum):
    OPEN = "open"
    MET = "met"  # the awaited step happened (in time or late)
    LAPSED = "lapsed"  # a window or a party's term ran out: see what passing the kind means
    OVERDUE = "overdue"  # an inspectorate duty or a provider's payment passed unmet: an alarm
    CANCELLED = "cancelled"  # the case moved on and it no longer applies


@dataclass(frozen=True, slots=True)
class Deadline:
    """A legal or self-set term of a case, with the explanation of how its date was computed.

    `steps` and `warning` are Text: a Msg shown in the reader's language, or the plain string
    that a deadline stored before issue 8 holds (escalation.texts.render shows either).
    """

    kind: str
    due: date
    basis: TermBasis
    legal_basis: str | None
    start: date | None
    term: str | None
    steps: tuple[Text, ...]
    set_by: str
    set_on: date
    status: DeadlineStatus = DeadlineStatus.OPEN
    proposed: date | None = None
    warning: Text | None = None
    closed_on: date | None = None
    next_reminder_on: date | None = None
    id: int | None = None
    besluit: str | None = None  # the kenmerk of the besluit it belongs to (bezwaar, embargo)
    bezwaar: int | None = None  # the number of that besluit's bezwaar it belongs to
    forfeiture: int | None = None  # the number of the forfeiture in that besluit's ledger

    @property
    def is_open(self) -> bool:
        return self.status is DeadlineStatus.OPEN

    @property
    def is_awaited(self) -> bool:
        """Open or overdue: the step it waits for has not happened yet."""
        return self.status in (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)

    @property
    def awaits_next_step(self) -> bool:
        """Lapsed and not yet followed by the step its passing calls for (e.g. the hertoets)."""
        return self.status is DeadlineStatus.LAPSED and self.closed_on is None

    @property
    def is_reminded(self) -> bool:
        """Its reminders (and the report of its passing) still go out."""
        return self.is_awaited or self.awaits_next_step

    def close(self, status: DeadlineStatus, on: date) -> Deadline:
        """Met, cancelled, or lapsed and followed up: its reminders stop."""
        return replace(self, status=status, closed_on=on, next_reminder_on=None)
