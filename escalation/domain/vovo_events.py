"""Past-tense facts about voorlopige voorzieningen and the publication of a zakelijke weergave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from escalation.domain.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class VoorzieningRequested(Event):
    """A voorlopige voorziening (Awb 8:81) was requested against a besluit; `on` is the day."""

    TYPE: ClassVar[str] = "voorziening_requested"

    besluit: str  # its kenmerk
    number: int  # within the besluit
    rechtbank: str | None = None
    zaaknummer: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VoorzieningDecided(Event):
    """The voorzieningenrechter decided (or the request was withdrawn); `on` is the uitspraak."""

    TYPE: ClassVar[str] = "voorziening_decided"

    besluit: str
    number: int
    uitkomst: str
    schorsing_tot: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReactieReceived(Event):
    """The provider's reaction to the besluit tot openbaarmaking (Jeugdwet 9.8 lid 1, 2)."""

    TYPE: ClassVar[str] = "reactie_received"

    besluit: str  # the openbaarmakingsbesluit
    in_termijn: bool  # received within the six weeks: published with the zakelijke weergave


@dataclass(frozen=True, slots=True, kw_only=True)
class WeergavePublished(Event):
    """The zakelijke weergave was published (Jeugdwet 9.7), with the reaction or without."""

    TYPE: ClassVar[str] = "weergave_published"

    besluit: str  # the openbaarmakingsbesluit
    met_reactie: bool
