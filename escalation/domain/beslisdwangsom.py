"""The dwangsom bij niet tijdig beslissen (Awb 4:17, 4:18, 6:12), for a late beslissing op bezwaar.

Awb 7:14 makes paragraaf 4.1.3.2 apply to beslissingen op bezwaar. Once the beslistermijn has
passed and a written ingebrekestelling is received (day D), two weeks follow (D+1 .. D+14); the
first day a dwangsom is owed is D + 15 (legal-rules.md §1.6: our reading of "de dag waarop
twee weken zijn verstreken na de dag ..."). Then 14 days at € 23, 14 at € 35, 14 at € 45: at most
42 days and € 1 442, never extended by the Algemene termijnenwet (4:17 lid 1). It stops on the
day the beslissing is bekendgemaakt (sent). The bestuursorgaan fixes the amount within two
weeks after the last day owed (4:18; a statutory term, so with the Atw). Beroep against not
deciding in time is possible once two weeks have passed after D (6:12 lid 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from escalation.domain.atw import TermBasis, compute_term
from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import InvalidInputError
from escalation.domain.terms import Term, Unit
from escalation.formatting import long_day
from escalation.i18n import _

GRACE = timedelta(days=14)  # 4:17 lid 3: two weeks after the ingebrekestelling
TIERS = ((14, 23), (14, 35), (14, 45))  # 4:17 lid 2: days, euro per day
MAX_DAYS = sum(days for days, _rate in TIERS)  # 42 (4:17 lid 1)
MAXIMUM = sum(days * rate for days, rate in TIERS)  # € 1 442
VASTSTELLING = Term(2, Unit.WEKEN)  # 4:18


@dataclass(frozen=True, slots=True)
class Tier:
    """Days owed at one rate: from, to (inclusive), euro per day, number of days, amount."""

    van: date
    tot: date
    per_dag: int
    dagen: int
    bedrag: int


@dataclass(frozen=True, slots=True)
class Exposure:
    """What not deciding in time costs, seen from the ingebrekestelling (and the beslissing)."""

    ingebrekestelling: date
    eerste_dag: date  # the first day owed (4:17 lid 3)
    laatste_dag: date  # the 42nd day: the last one that can be owed
    tiers: tuple[Tier, ...]  # the full 42 days
    maximum: int  # € 1 442
    beroep_vanaf: date  # 6:12 lid 2: beroep against not deciding is possible from this day
    vaststelling: date | None  # 4:18: the amount is fixed by this day (None: nothing owed)
    bekendgemaakt: date | None = None  # the day the beslissing was sent, if it was
    dagen_verschuldigd: int | None = None  # the days owed once decided
    verschuldigd: int | None = None  # the amount owed once decided


def check_ingebrekestelling(ontvangen: date, *, beslistermijn_end: date) -> None:
    """An ingebrekestelling received on or before the last day of the beslistermijn is premature.

    Raises:
        InvalidInputError: received before the beslistermijn had passed.
    """
    if ontvangen <= beslistermijn_end:
        raise InvalidInputError(
            _(
                "An ingebrekestelling received on {on} is premature: the beslistermijn runs until "
                "{end}, so the bestuursorgaan is not yet in default (Awb 4:17 lid 3)."
            ).format(on=long_day(ontvangen), end=long_day(beslistermijn_end))
        )


def exposure(
    ontvangen: date, *, calendar: AtwCalendar, bekendgemaakt: date | None = None
) -> Exposure:
    """The dwangsom of 4:17 after an ingebrekestelling received on `ontvangen`.

    `bekendgemaakt`: the day the beslissing op bezwaar was sent; the dwangsom is owed for the
    days in default before it (that day the besluit is bekendgemaakt, Awb 3:41).
    """
    first = ontvangen + GRACE + timedelta(days=1)
    tiers, day = [], first
    for days, rate in TIERS:
        tiers.append(Tier(day, day + timedelta(days=days - 1), rate, days, days * rate))
        day += timedelta(days=days)
    last = first + timedelta(days=MAX_DAYS - 1)
    owed_days = None if bekendgemaakt is None else _owed_days(first, bekendgemaakt)
    last_owed = last if owed_days is None else first + timedelta(days=owed_days - 1)
    return Exposure(
        ingebrekestelling=ontvangen,
        eerste_dag=first,
        laatste_dag=last,
        tiers=tuple(tiers),
        maximum=MAXIMUM,
        beroep_vanaf=ontvangen + GRACE + timedelta(days=1),
        vaststelling=None if owed_days == 0 else _vaststelling(last_owed, calendar),
        bekendgemaakt=bekendgemaakt,
        dagen_verschuldigd=owed_days,
        verschuldigd=None if owed_days is None else amount(owed_days),
    )


def _owed_days(first: date, bekendgemaakt: date) -> int:
    return max(0, min(MAX_DAYS, (bekendgemaakt - first).days))


def amount(days: int) -> int:
    """The dwangsom for `days` days in default, in euro (4:17 lid 2)."""
    total, left = 0, days
    for tier_days, rate in TIERS:
        taken = min(left, tier_days)
        total, left = total + taken * rate, left - taken
    return total


def _vaststelling(last_owed: date, calendar: AtwCalendar) -> date:
    return compute_term(
        last_owed,
        VASTSTELLING,
        basis=TermBasis.STATUTORY,
        calendar=calendar,
        legal_basis="Awb 4:18",
    ).end
