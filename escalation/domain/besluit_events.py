"""Past-tense facts about besluiten: taken, their status, and what happens to them later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from escalation.domain.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class BesluitTaken(Event):
    """A besluit was taken: its kenmerk, kind, dagtekening and the day it was sent."""

    TYPE: ClassVar[str] = "besluit_taken"

    besluit: str  # its kenmerk
    kind: str
    dagtekening: date
    verzonden: date
    action: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BesluitStatusChanged(Event):
    TYPE: ClassVar[str] = "besluit_status_changed"

    besluit: str
    from_status: str
    to_status: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BeroepIngesteld(Event):
    """Beroep was instituted with the rechtbank against a beslissing op bezwaar (Awb 8:1)."""

    TYPE: ClassVar[str] = "beroep_ingesteld"

    besluit: str  # the kenmerk of the beslissing op bezwaar
    ingesteld: date


@dataclass(frozen=True, slots=True, kw_only=True)
class BesluitPrepared(Event):
    """A besluit was prepared (four-eyes): a concept, its letter a draft, its deadlines not
    started until a second person establishes it. `by` is who prepared it."""

    TYPE: ClassVar[str] = "besluit_prepared"

    besluit: str  # its kenmerk
    kind: str
    dagtekening: date
    action: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BesluitEstablished(Event):
    """A concept besluit was established (vastgesteld) by a second person (`by`) and sent on
    `verzonden`; its deadlines start from then."""

    TYPE: ClassVar[str] = "besluit_established"

    besluit: str
    kind: str
    verzonden: date
    prepared_by: str
