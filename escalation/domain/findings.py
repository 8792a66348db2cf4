"""Norm frameworks (toetsingskaders), a case's findings per norm, and the hertoets per norm.

A framework is data (frameworks/*.yaml): themes and norms with their legal basis. A case keeps
its findings as numbered versions: per norm a judgement on the inspectorate's four-point scale,
the tekortkomingen and the measures (maatregelen) the provider must take. The norms of the
aanwijzing are those judged below `voldoet`; the hertoets records per such norm whether it is
now met, and only the unmet ones go on to a voornemen last and the last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from escalation.domain.errors import EscalationError, InvalidInputError

# The deadline that a hertoets decides: met only when every norm of the aanwijzing is met.
NALEVING = "naleving"


class DocumentError(InvalidInputError):
    """A findings or hertoets document is malformed; the message names each line and fault."""


class UnknownFrameworkError(EscalationError):
    """No installed framework has this name (or version)."""


class Judgement(StrEnum):
    """The inspectorate's four-point scale, and `niet_beoordeeld`."""

    VOLDOET = "voldoet"
    VOLDOET_GROTENDEELS = "voldoet_grotendeels"
    VOLDOET_GROTENDEELS_NIET = "voldoet_grotendeels_niet"
    VOLDOET_NIET = "voldoet_niet"
    NIET_BEOORDEELD = "niet_beoordeeld"

    @property
    def needs_measures(self) -> bool:
        """Below `voldoet` and assessed: the norm belongs in an aanwijzing."""
        return self not in (Judgement.VOLDOET, Judgement.NIET_BEOORDEELD)


class Outcome(StrEnum):
    """What the hertoets found for one norm of the aanwijzing."""

    VOLDAAN = "voldaan"
    NIET_VOLDAAN = "niet_voldaan"


@dataclass(frozen=True, slots=True)
class Norm:
    id: str
    title: str
    theme: str | None = None
    text: str = ""
    legal_basis: str = ""


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Framework:
    """A toetsingskader as installed: its norms in the file's order."""

    name: str
    version: int
    title: str
    source: str
    label: str  # how a dictum names it after the norm's number, e.g. "JIJ-kader"
    themes: tuple[Theme, ...]
    norms: tuple[Norm, ...]
    scale: Mapping[str, str] = field(default_factory=dict)  # judgement -> what it means
    origin: str = ""

    def norm(self, norm_id: str) -> Norm | None:
        return next((n for n in self.norms if n.id == norm_id), None)


@dataclass(frozen=True, slots=True)
class Finding:
    """The judgement on one norm; title and legal basis copied from the framework as it was."""

    norm: str
    title: str
    judgement: Judgement
    legal_basis: str = ""
    tekortkomingen: str = ""
    maatregelen: tuple[str, ...] = ()
    location: int | None = None  # the provider's location the finding is about (its number)

    def as_json(self) -> dict[str, Any]:
        """The finding as JSON (`findings show --json` and the stored version alike)."""
        return {
            "norm": self.norm,
            "title": self.title,
            "judgement": self.judgement.value,
            "legal_basis": self.legal_basis,
            "tekortkomingen": self.tekortkomingen,
            "maatregelen": list(self.maatregelen),
            "location": self.location,
        }


@dataclass(frozen=True, slots=True)
class Recorded:
    """When a version was recorded and by whom."""

    number: int
    on: date
    at: datetime
    by: str


@dataclass(frozen=True, slots=True)
class FindingsVersion:
    framework: str
    framework_version: int
    label: str
    findings: tuple[Finding, ...]
    recorded: Recorded | None = None
    document: str = ""

    @property
    def aanwijzing(self) -> tuple[Finding, ...]:
        """The norms judged below `voldoet` (and assessed): what an aanwijzing enforces."""
        return tuple(f for f in self.findings if f.judgement.needs_measures)


@dataclass(frozen=True, slots=True)
class Hertoets:
    """Per norm of the aanwijzing: met or not, as the jurist recorded it."""

    results: Mapping[str, Outcome]
    findings_version: int
    recorded: Recorded | None = None
    document: str = ""

    @property
    def unmet(self) -> tuple[str, ...]:
        return tuple(n for n, o in self.results.items() if o is Outcome.NIET_VOLDAAN)

    @property
    def met(self) -> tuple[str, ...]:
        return tuple(n for n, o in self.results.items() if o is Outcome.VOLDAAN)


@dataclass(frozen=True, slots=True)
class CaseNorms:
    """What a case knows of its norms: the latest findings and the latest hertoets."""

    findings: FindingsVersion
    hertoets: Hertoets | None = None
    versions: int = 1
    hertoetsen: int = 0

    @property
    def aanwijzing(self) -> tuple[Finding, ...]:
        return self.findings.aanwijzing

    def unmet(self) -> tuple[Finding, ...]:
        """The aanwijzing's norms not met at the latest hertoets (all of them before one)."""
        if self.hertoets is None:
            return self.aanwijzing
        met = set(self.hertoets.met)
        return tuple(f for f in self.aanwijzing if f.norm not in met)

    @property
    def all_met(self) -> bool:
        """Every norm of the aanwijzing met at the latest hertoets (none: nothing to meet)."""
        return not self.unmet()

    @property
    def withholds_naleving(self) -> bool:
        """The aanwijzing has norms not yet found met: no action may call `naleving` met."""
        return bool(self.aanwijzing) and not self.all_met


@dataclass(frozen=True, slots=True)
class HertoetsVerdict:
    """The hertoets's result and what the jurist can do next."""

    met: tuple[str, ...]
    unmet: tuple[str, ...]
    proposals: tuple[str, ...] = field(default=())


def verdict(norms: CaseNorms, results: Mapping[str, Outcome]) -> HertoetsVerdict:
    """All met: close (`sluit_af`) or regular supervision; otherwise announce a last."""
    met = tuple(f.norm for f in norms.aanwijzing if results.get(f.norm) is Outcome.VOLDAAN)
    unmet = tuple(f.norm for f in norms.aanwijzing if results.get(f.norm) is not Outcome.VOLDAAN)
    proposals = ("kondig_last_aan",) if unmet else ("sluit_af", "kies_regulier_toezicht")
    return HertoetsVerdict(met=met, unmet=unmet, proposals=proposals)
