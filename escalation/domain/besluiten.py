"""Besluiten: the decisions a case takes, each with a legal life of its own under the Awb.

A besluit (an aanwijzing, a last, an invorderingsbeschikking, a besluit tot openbaarmaking, a
beslissing op bezwaar) runs beside the main track and outlives it: a bezwaar against the
aanwijzing of a closed case is still recorded and decided. Besluiten, their bezwaren and
voorlopige voorzieningen are entities inside the Case aggregate; the case's methods change them
and record each change in its history. A besluit is known by its kenmerk (unique).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol

from escalation.domain.ledger import Dwangsom


class BesluitKind(StrEnum):
    AANWIJZING = "aanwijzing"
    BEVEL = "bevel"
    LAST_ONDER_DWANGSOM = "last_onder_dwangsom"
    LAST_ONDER_BESTUURSDWANG = "last_onder_bestuursdwang"
    INVORDERINGSBESCHIKKING = "invorderingsbeschikking"
    OPENBAARMAKINGSBESLUIT = "openbaarmakingsbesluit"
    BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar"
    BESLISSING_OP_VERZOEK = "beslissing_op_verzoek"  # on a request under Awb 5:34


class BesluitStatus(StrEnum):
    CONCEPT = "concept"  # prepared, not yet established (team use)
    BEZWAARTERMIJN = "bezwaartermijn"
    IN_BEZWAAR = "in_bezwaar"
    BESLIST_OP_BEZWAAR = "beslist_op_bezwaar"
    BEROEPSTERMIJN = "beroepstermijn"
    IN_BEROEP = "in_beroep"
    ONHERROEPELIJK = "onherroepelijk"
    INGETROKKEN = "ingetrokken"
    GEWIJZIGD = "gewijzigd"


class Tijdigheid(StrEnum):
    """Whether a bezwaarschrift came in time (Awb 6:9, 6:10)."""

    TIJDIG = "tijdig"  # received within the term (6:9 lid 1)
    TIJDIG_PER_POST = "tijdig_per_post"  # posted in time, received within a week after (lid 2)
    VOORBARIG = "voorbarig"  # before the term began (6:10)
    TE_LAAT = "te_laat"  # awaits a jurist's verdict under 6:11


class BezwaarStatus(StrEnum):
    LOPEND = "lopend"
    BESLIST = "beslist"
    INGETROKKEN = "ingetrokken"


class Uitkomst(StrEnum):
    GEGROND = "gegrond"
    DEELS_GEGROND = "deels_gegrond"
    ONGEGROND = "ongegrond"
    NIET_ONTVANKELIJK = "niet_ontvankelijk"
    INGETROKKEN = "ingetrokken"


class VoorzieningUitkomst(StrEnum):
    TOEGEWEZEN = "toegewezen"
    AFGEWEZEN = "afgewezen"
    INGETROKKEN = "ingetrokken"


# Besluiten that can no longer be challenged or have been replaced: nothing runs against them.
SETTLED = frozenset({BesluitStatus.ONHERROEPELIJK, BesluitStatus.INGETROKKEN})


@dataclass(frozen=True, slots=True)
class Herstel:
    """A request to repair a defect of the bezwaarschrift (Awb 6:6), and when it was repaired."""

    verzocht_op: date
    termijn_tot: date  # the last day of the hersteltermijn (set by the inspectorate)
    hersteld_op: date | None = None


@dataclass(eq=False, slots=True)
class Bezwaar:
    """A bezwaarschrift against one besluit, numbered within it (1, 2, ...)."""

    number: int
    ontvangen: date
    tijdigheid: Tijdigheid
    ter_post: date | None = None
    indiener: str | None = None
    digitaal: bool = False
    adviescommissie: bool = False
    status: BezwaarStatus = BezwaarStatus.LOPEND
    verschoonbaar: bool | None = None  # the verdict on a late one (6:11); None: not (yet) given
    hoorzitting_op: date | None = None
    herstel: list[Herstel] = field(default_factory=list)
    verdaagd: str | None = None  # the term of the one verdaging (7:10 lid 3), e.g. "6 weken"
    uitstel_tot: date | None = None  # further uitstel (7:10 lid 4)
    uitstel_grond: str | None = None
    ingebrekestelling: date | None = None  # a written ingebrekestelling received (4:17)
    uitkomst: Uitkomst | None = None
    beslist_op: date | None = None
    beslissing: str | None = None  # the kenmerk of the beslissing op bezwaar
    id: int | None = None

    @property
    def is_pending(self) -> bool:
        return self.status is BezwaarStatus.LOPEND


@dataclass(eq=False, slots=True)
class Voorziening:
    """A request for a voorlopige voorziening (Awb 8:81) against one besluit."""

    number: int
    ingediend: date
    rechtbank: str | None = None
    zaaknummer: str | None = None
    uitspraak_op: date | None = None
    uitkomst: VoorzieningUitkomst | None = None
    schorsing_tot: date | None = None
    id: int | None = None

    @property
    def is_pending(self) -> bool:
        return self.uitspraak_op is None


@dataclass(eq=False, slots=True)
class Besluit:
    """One besluit of a case, with its bezwaren and voorlopige voorzieningen."""

    kind: BesluitKind
    kenmerk: str
    year: int  # the kenmerk's year and number in the organisation's sequence
    number: int
    dagtekening: date
    verzonden: date  # bekendmaking by sending (Awb 3:41): the bezwaar term starts the next day
    bestuursorgaan: str
    action: str | None = None
    status: BesluitStatus = BesluitStatus.BEZWAARTERMIJN
    parent: str | None = None  # the besluit this one decides on or makes public (its kenmerk)
    letter_id: int | None = None
    reactie: str | None = None  # the provider's reaction to be published with it (Jw 9.8 lid 2)
    reactie_ontvangen: date | None = None
    gepubliceerd_op: date | None = None
    beroep_ingesteld: date | None = None
    bezwaren: list[Bezwaar] = field(default_factory=list)
    voorzieningen: list[Voorziening] = field(default_factory=list)
    dwangsom: Dwangsom | None = None  # the ledger of a last onder dwangsom
    id: int | None = None
    prepared_by: str | None = None  # four-eyes: who prepared it (a concept until established)
    established_by: str | None = None  # four-eyes: the second person who established it
    established_on: date | None = None

    @property
    def is_concept(self) -> bool:
        """Prepared, not yet established: it does not count, and nothing runs against it."""
        return self.status is BesluitStatus.CONCEPT

    def bezwaar(self, number: int) -> Bezwaar | None:
        return next((b for b in self.bezwaren if b.number == number), None)

    def voorziening(self, number: int) -> Voorziening | None:
        return next((v for v in self.voorzieningen if v.number == number), None)

    @property
    def pending_bezwaren(self) -> list[Bezwaar]:
        return [b for b in self.bezwaren if b.is_pending]

    @property
    def pending_voorzieningen(self) -> list[Voorziening]:
        return [v for v in self.voorzieningen if v.is_pending]

    @property
    def is_settled(self) -> bool:
        return self.status in SETTLED


@dataclass(frozen=True, slots=True)
class BesluitSummary:
    """One line of `besluit list`: a read model, not the entity."""

    id: int
    case_id: int
    kind: BesluitKind
    kenmerk: str
    dagtekening: date
    verzonden: date
    status: BesluitStatus
    bestuursorgaan: str
    prepared_by: str | None = None
    established_by: str | None = None


def summary_of(case: _HasId, besluit: Besluit) -> BesluitSummary:
    return BesluitSummary(
        id=besluit.id or 0,
        case_id=case.id or 0,
        kind=besluit.kind,
        kenmerk=besluit.kenmerk,
        dagtekening=besluit.dagtekening,
        verzonden=besluit.verzonden,
        status=besluit.status,
        bestuursorgaan=besluit.bestuursorgaan,
        prepared_by=besluit.prepared_by,
        established_by=besluit.established_by,
    )


class _HasId(Protocol):
    @property
    def id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Issued:
    """What the organisation gives a new besluit: its kenmerk and who takes it."""

    kenmerk: str
    year: int
    number: int
    bestuursorgaan: str


class BesluitIssuer(Protocol):
    """Numbers a new besluit (a unique kenmerk) and names its bestuursorgaan."""

    def issue(self, kind: BesluitKind, *, on: date) -> Issued: ...
