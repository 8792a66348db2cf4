"""Past-tense facts of the bezwaar procedure (Awb 6:5-6:11, 7:2, 7:10, 4:17), one class each.

Every event names the besluit (its kenmerk) and the bezwaar (its number within the besluit),
so that `besluit show` and `bezwaar show` find their own history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from escalation.domain.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarEvent(Event):
    """The fields every bezwaar event has: which besluit, which of its bezwaren."""

    besluit: str
    bezwaar: int


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarReceived(BezwaarEvent):
    """A bezwaarschrift was received and its timeliness judged (Awb 6:9, 6:10)."""

    TYPE: ClassVar[str] = "bezwaar_received"

    ontvangen: date
    ter_post: date | None = None
    indiener: str | None = None
    digitaal: bool = False
    adviescommissie: bool = False
    tijdigheid: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarLatenessJudged(BezwaarEvent):
    """A jurist judged a late bezwaarschrift excusable or not (Awb 6:11); the reason is kept."""

    TYPE: ClassVar[str] = "bezwaar_lateness_judged"

    verschoonbaar: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarHerstelRequested(BezwaarEvent):
    """The indiener was asked to repair a defect (Awb 6:6); the beslistermijn is suspended."""

    TYPE: ClassVar[str] = "bezwaar_herstel_requested"

    verzocht_op: date
    termijn_tot: date


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarHersteld(BezwaarEvent):
    """The defect was repaired: the suspension of Awb 7:10 lid 2 ends."""

    TYPE: ClassVar[str] = "bezwaar_hersteld"

    hersteld_op: date
    opschorting: int  # the days this herstelverzoek suspended the beslistermijn


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarVerdaagd(BezwaarEvent):
    """The decision was adjourned once (Awb 7:10 lid 3)."""

    TYPE: ClassVar[str] = "bezwaar_verdaagd"

    termijn: str
    from_due: date
    due: date


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarUitgesteld(BezwaarEvent):
    """The decision was postponed further (Awb 7:10 lid 4, ground a, b or c)."""

    TYPE: ClassVar[str] = "bezwaar_uitgesteld"

    grond: str
    from_due: date
    due: date


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarHearingScheduled(BezwaarEvent):
    """The indiener was invited to be heard (Awb 7:2) on this day."""

    TYPE: ClassVar[str] = "bezwaar_hearing_scheduled"

    op: date


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarDecided(BezwaarEvent):
    """The beslissing op bezwaar was taken: its outcome, its kenmerk, what became of the besluit."""

    TYPE: ClassVar[str] = "bezwaar_decided"

    uitkomst: str
    beslissing: str  # the kenmerk of the beslissing op bezwaar
    gevolg: str  # what became of the contested besluit: in_stand, herroepen, gewijzigd


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarWithdrawn(BezwaarEvent):
    """The indiener withdrew the bezwaar (Awb 6:21)."""

    TYPE: ClassVar[str] = "bezwaar_withdrawn"


@dataclass(frozen=True, slots=True, kw_only=True)
class BezwaarIngebrekestelling(BezwaarEvent):
    """A written ingebrekestelling was received after the beslistermijn (Awb 4:17)."""

    TYPE: ClassVar[str] = "bezwaar_ingebrekestelling"

    ontvangen: date
    eerste_dag: date  # the first day a dwangsom is owed (4:17 lid 3)


BEZWAAR_EVENTS: tuple[type[BezwaarEvent], ...] = (
    BezwaarReceived,
    BezwaarLatenessJudged,
    BezwaarHerstelRequested,
    BezwaarHersteld,
    BezwaarVerdaagd,
    BezwaarUitgesteld,
    BezwaarHearingScheduled,
    BezwaarDecided,
    BezwaarWithdrawn,
    BezwaarIngebrekestelling,
)
