"""The case aggregate, its deadlines and the value types around them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from escalation.domain.atw import TermBasis
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Event
from escalation.domain.terms import Term

KVK_PATTERN = re.compile(r"^\d{8}$")


class ProviderKind(StrEnum):
    JEUGDHULPAANBIEDER = "jeugdhulpaanbieder"
    GECERTIFICEERDE_INSTELLING = "gecertificeerde-instelling"
    REGIO = "regio"


class DeadlineStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


def check_kvk(kvk: str) -> str:
    """Return the KvK number stripped of spaces, or refuse one that is not 8 digits."""
    cleaned = kvk.replace(" ", "")
    if not KVK_PATTERN.match(cleaned):
        raise InvalidInputError(
            f"'{kvk}' is not a KvK number: a KvK number has exactly 8 digits, e.g. 04075970."
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class Provider:
    """A supervised subject: a jeugdhulpaanbieder, a gecertificeerde instelling or a region."""

    kvk: str
    name: str
    kind: ProviderKind
    alias: str | None = None


ParamValue = date | Term | Decimal | str | bool


@dataclass(frozen=True, slots=True)
class Deadline:
    """A legal or self-set term of a case, with the explanation of how its date was computed."""

    kind: str
    due: date
    basis: TermBasis
    legal_basis: str | None
    start: date | None
    term: str | None
    steps: tuple[str, ...]
    set_by: str
    set_on: date
    status: DeadlineStatus = DeadlineStatus.OPEN
    proposed: date | None = None
    warning: str | None = None
    closed_on: date | None = None
    next_reminder_on: date | None = None
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status is DeadlineStatus.OPEN

    @property
    def is_awaited(self) -> bool:
        """Open or overdue: the step it waits for has not happened yet."""
        return self.status in (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)

    def close(self, status: DeadlineStatus, on: date) -> Deadline:
        """Met or cancelled: its reminders stop."""
        return replace(self, status=status, closed_on=on, next_reminder_on=None)


@dataclass(eq=False, slots=True)
class Case:
    """A toezichtszaak: the one mutable aggregate; it changes only through `machine.fire`."""

    provider: Provider
    workflow_name: str
    workflow_version: int
    state: str
    opened_on: date
    title: str | None = None
    handler: str | None = None
    id: int | None = None
    version: int = 0
    reminder_ladders: dict[str, tuple[int, ...]] = field(default_factory=dict)
    deadlines: list[Deadline] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def open_deadlines(self, kind: str | None = None) -> list[Deadline]:
        return [d for d in self.deadlines if d.is_open and (kind is None or d.kind == kind)]

    def latest_deadline(self, kind: str) -> Deadline | None:
        """The most recently set deadline of this kind that was not cancelled."""
        live = [
            d for d in self.deadlines if d.kind == kind and d.status is not DeadlineStatus.CANCELLED
        ]
        return max(live, key=lambda d: (d.set_on, d.id or 0), default=None)


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One line of `case list`: a read model, not the aggregate."""

    id: int
    provider: Provider
    state: str
    workflow_name: str
    workflow_version: int
    title: str | None
    handler: str | None
    opened_on: date
    next_due: date | None
