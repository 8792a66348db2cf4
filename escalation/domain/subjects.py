"""Subjects without a KvK number, a provider's locations (LRK/AGB) and signals.

A subject of supervision is keyed by one identifier (`Provider.kvk`, the column `providers.kvk`):

* a KvK number (8 digits) for a jeugdhulpaanbieder, a gecertificeerde instelling or a regio
  registered at the Kamer van Koophandel;
* a CBS gemeentecode, "GM" and 4 digits (GM0363 is Amsterdam), for a gemeente;
* a CBS jeugdzorgregio code, "JZ" and 2 digits, for a jeugdhulpregio;
* a jeugdbeschermingsregio code, "JB" and 2 digits: the eleven regions of the inspections'
  report of 2021 (seed 004), numbered by escalation (JEUGDBESCHERMINGSREGIOS below).

The forms do not overlap, so an identifier says which scheme it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from escalation.domain.errors import InvalidInputError, UnknownProviderError
from escalation.domain.provider import ProviderKind, check_kvk
from escalation.domain.text import KVK, refuse_controls, shorten
from escalation.i18n import _

GEMEENTECODE = re.compile(r"GM[0-9]{4}")
JEUGDZORGREGIO = re.compile(r"JZ[0-9]{2}")
JEUGDBESCHERMINGSREGIO = re.compile(r"JB[0-9]{2}")
LRK = re.compile(r"[0-9]{9}")  # the registration number of the Landelijk Register Kinderopvang
AGB = re.compile(r"[0-9]{8}")  # the AGB-code of a zorgaanbieder or its vestiging

# escalation's numbering of the eleven jeugdbeschermingsregio's [004:162].
JEUGDBESCHERMINGSREGIOS = {
    "JB01": "Friesland",
    "JB02": "Groningen/Drenthe",
    "JB03": "Overijssel",
    "JB04": "Gelderland",
    "JB05": "Utrecht/Flevoland",
    "JB06": "Noord-Holland/Amsterdam",
    "JB07": "Zuid-West",
    "JB08": "Rijnmond",
    "JB09": "Zeeland",
    "JB10": "Brabant",
    "JB11": "Limburg",
}

# Which identifiers a kind of subject takes: (kvk, gemeentecode, jeugdzorgregio, JB code).
_ACCEPTS: dict[ProviderKind, tuple[bool, bool, bool, bool]] = {
    ProviderKind.JEUGDHULPAANBIEDER: (True, False, False, False),
    ProviderKind.GECERTIFICEERDE_INSTELLING: (True, False, False, False),
    ProviderKind.REGIO: (True, False, True, True),
    ProviderKind.GEMEENTE: (False, True, False, False),
    ProviderKind.JEUGDHULPREGIO: (False, False, True, False),
    ProviderKind.JEUGDBESCHERMINGSREGIO: (False, False, False, True),
}


def check_subject_id(text: str) -> str:
    """A KvK number, gemeentecode, jeugdzorgregio or jeugdbeschermingsregio code, cleaned.

    Raises:
        InvalidInputError: none of these forms, in a sentence that gives each form.
    """
    refuse_controls(text, field=KVK)
    cleaned = text.replace(" ", "").upper()
    if cleaned.isdigit() or not cleaned.isascii():
        return check_kvk(text)
    for pattern in (GEMEENTECODE, JEUGDZORGREGIO):
        if pattern.fullmatch(cleaned):
            return cleaned
    if cleaned in JEUGDBESCHERMINGSREGIOS:
        return cleaned
    raise InvalidInputError(
        _(
            "'{text}' is not a KvK number (8 digits), a CBS gemeentecode (GM and 4 digits, "
            "e.g. GM0363), a jeugdzorgregio code (JZ and 2 digits) or a jeugdbeschermingsregio "
            "code (JB01 to JB11)."
        ).format(text=shorten(text))
    )


def looks_like_code(text: str) -> bool:
    """Whether `text` has the form of a gemeentecode or region code, in any case."""
    upper = text.upper()
    return any(p.fullmatch(upper) for p in (GEMEENTECODE, JEUGDZORGREGIO, JEUGDBESCHERMINGSREGIO))


def is_kvk(identifier: str) -> bool:
    return identifier.isdigit()


def identifier_label(identifier: str) -> str:
    """How a text names the identifier: "KvK 04075970", "gemeentecode GM0363", ..."""
    if is_kvk(identifier):
        return _("KvK {number}").format(number=identifier)
    if identifier.startswith("GM"):
        return _("gemeentecode {code}").format(code=identifier)
    return _("regiocode {code}").format(code=identifier)


def check_kind_identifier(kind: ProviderKind, identifier: str) -> None:
    """Refuse an identifier of the wrong scheme for the kind (a gemeente with a KvK number...).

    Raises:
        InvalidInputError: naming the kind and what it takes.
    """
    accepts = _ACCEPTS[kind]
    schemes = (
        is_kvk(identifier),
        identifier.startswith("GM"),
        identifier.startswith("JZ"),
        identifier.startswith("JB"),
    )
    if any(a and s for a, s in zip(accepts, schemes, strict=True)):
        return
    names = (_("--kvk NUMBER"), _("--code GMnnnn"), _("--code JZnn"), _("--code JB01..JB11"))
    wanted = _(" or ").join(n for n, a in zip(names, accepts, strict=True) if a)
    raise InvalidInputError(
        _("A {kind} is registered with {wanted}, not with {label}.").format(
            kind=kind.value, wanted=wanted, label=identifier_label(identifier)
        )
    )


def check_lrk(text: str) -> str:
    """An LRK number (Landelijk Register Kinderopvang): 9 digits."""
    return _check_number(text, LRK, _("an LRK number"), _("9 digits, e.g. 123456789"))


def check_agb(text: str) -> str:
    """An AGB-code: 8 digits."""
    return _check_number(text, AGB, _("an AGB-code"), _("8 digits, e.g. 01234567"))


def _check_number(text: str, pattern: re.Pattern[str], what: str, form: str) -> str:
    refuse_controls(text, field=KVK)
    cleaned = text.replace(" ", "")
    if pattern.fullmatch(cleaned) and cleaned.isascii():
        return cleaned
    raise InvalidInputError(
        _("'{text}' is not {what}: give {form}.").format(text=shorten(text), what=what, form=form)
    )


class UnknownLocationError(UnknownProviderError):
    """No location with this id, or not one of the provider's."""


class UnknownSignalError(UnknownProviderError):
    """No signal with this id."""


@dataclass(frozen=True, slots=True)
class Location:
    """A location (vestiging) of a provider, where supervision looks and a finding may point."""

    id: int
    provider: str  # the provider's identifier
    address: str
    name: str | None = None
    lrk: str | None = None
    agb: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.address})" if self.name else self.address


def check_location_of(location: Location, provider: str) -> Location:
    """Refuse a location of another provider than the case's.

    Raises:
        UnknownLocationError: naming both.
    """
    if location.provider != provider:
        raise UnknownLocationError(
            _(
                "Location {location} is a location of {owner}, not of {provider}. "
                "`escalation provider location list {provider}` shows its locations."
            ).format(
                location=location.id,
                owner=identifier_label(location.provider),
                provider=provider,
            )
        )
    return location


@dataclass(frozen=True, slots=True)
class SignalCase:
    """One subject of a signal and how its case stands."""

    case_id: int
    provider: str
    provider_name: str
    state: str
    location: Location | None = None
    last_action: str | None = None
    last_on: date | None = None


@dataclass(frozen=True, slots=True)
class Signal:
    """A signal or thematic inspection: one title, one case per subject."""

    id: int
    title: str
    workflow: str
    opened_on: date
    by: str
    cases: tuple[SignalCase, ...] = ()
