"""A supervised subject (provider) and its KvK number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from escalation.domain.errors import InvalidInputError
from escalation.domain.limits import ADDRESS_LENGTH
from escalation.domain.text import ADDRESS, KVK, one_line, refuse_controls, shorten
from escalation.i18n import _

KVK_PATTERN = re.compile(r"[0-9]{8}")


class ProviderKind(StrEnum):
    JEUGDHULPAANBIEDER = "jeugdhulpaanbieder"
    GECERTIFICEERDE_INSTELLING = "gecertificeerde-instelling"
    REGIO = "regio"
    # Subjects without a KvK number, keyed by a code (escalation.domain.subjects).
    GEMEENTE = "gemeente"
    JEUGDHULPREGIO = "jeugdhulpregio"
    JEUGDBESCHERMINGSREGIO = "jeugdbeschermingsregio"


def check_kvk(kvk: str) -> str:
    """Return the KvK number stripped of spaces, or refuse one that is not 8 digits 0-9."""
    refuse_controls(kvk, field=KVK)
    cleaned = kvk.replace(" ", "")
    if KVK_PATTERN.fullmatch(cleaned):
        return cleaned
    if any(c.isdigit() and not c.isascii() for c in cleaned):
        raise InvalidInputError(
            _(
                "'{kvk}' is not a KvK number: its digits are not 0-9 (full-width digits, or "
                "those of another script). Type the 8 digits as 0-9."
            ).format(kvk=shorten(kvk))
        )
    raise InvalidInputError(
        _("'{kvk}' is not a KvK number: a KvK number has exactly 8 digits, e.g. 04075970.").format(
            kvk=shorten(kvk)
        )
    )


@dataclass(frozen=True, slots=True)
class Provider:
    """A supervised subject: a jeugdhulpaanbieder, a gecertificeerde instelling or a region.

    `kvk` is the subject's identifier: its KvK number, or for a gemeente or a region without
    one its code (GM0363, JZ14, JB06; escalation.domain.subjects).
    """

    kvk: str
    name: str
    kind: ProviderKind
    alias: str | None = None
    address: str | None = None  # the postal address, its lines separated by ", "


# A postal address has two to four lines: street and number (or Postbus), postcode and place,
# and maybe a department or a country.
ADDRESS_LINES = (2, 4)


def check_address(text: str) -> str:
    """A postal address as typed ("Straat 1, 1234 AB Plaats"), lines separated by commas.

    Raises:
        InvalidInputError: a control character, too long, or not two to four lines.
    """
    cleaned = one_line(text, field=ADDRESS, limit=ADDRESS_LENGTH)
    lines = address_lines(cleaned)
    low, high = ADDRESS_LINES
    if not low <= len(lines) <= high or len(lines) != cleaned.count(",") + 1:
        raise InvalidInputError(
            _(
                "'{address}' is not a postal address: give two to four lines separated by "
                'commas, e.g. --adres "Stationsstraat 1, 1234 AB Utrecht".'
            ).format(address=shorten(cleaned))
        )
    return ", ".join(lines)


def address_lines(address: str) -> list[str]:
    """The lines of a stored address: "Straat 1, 1234 AB Plaats" -> ["Straat 1", "1234 AB ..."]."""
    return [line.strip() for line in address.split(",") if line.strip()]
