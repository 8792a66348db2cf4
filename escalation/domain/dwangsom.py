"""The money of a last onder dwangsom: what forfeits when, what is payable by when, what prescribes.

A last onder dwangsom fixes an amount per unit of time (or per violation, or once) and a maximum
(Awb 5:32b). After the begunstigingstermijn each unit of non-compliance forfeits the amount by
operation of law (van rechtswege), never past the maximum (5:32b lid 2); the last states whether a
unit forfeits when it begins ("per week of gedeelte daarvan") or only when it is complete. Each
forfeiture is payable within six weeks (5:33, Algemene termijnenwet applies) and its claim
prescribes one year after the day it was forfeited (5:35 lid 1, no Atw: a term in years, art. 4),
longer while a bezwaar or beroep against the last is pending (lid 2) and anew after an
invorderingsbeschikking (5:37a, 4:110). Pure functions: dates in, dates out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from escalation.domain.atw import TermBasis, TermResult, compute_term
from escalation.domain.calendar import AtwCalendar
from escalation.domain.terms import Term, Unit

_DAY = timedelta(days=1)


class Per(StrEnum):
    """The unit a dwangsom is fixed in (Awb 5:32b lid 1)."""

    INEENS = "ineens"  # a lump sum
    DAG = "dag"
    WEEK = "week"
    MAAND = "maand"
    OVERTREDING = "overtreding"  # per violation


class Verbeurt(StrEnum):
    """When a unit forfeits, as the text of the last says."""

    PER_BEGONNEN_EENHEID = "per_begonnen_eenheid"  # "per week of gedeelte daarvan": as it begins
    PER_VOLLE_EENHEID = "per_volle_eenheid"  # only a complete unit: at its end


class LedgerStatus(StrEnum):
    LOPEND = "lopend"
    UITGEPUT = "uitgeput"  # the maximum is reached: nothing more forfeits (5:32b lid 2)
    OPGEHEVEN = "opgeheven"  # lifted (5:34)
    OPGESCHORT = "opgeschort"  # suspended (5:34 lid 1)


@dataclass(frozen=True, slots=True)
class LastTerms:
    """What a last onder dwangsom fixes about money, from its own text."""

    bedrag: Decimal
    per: Per
    maximum: Decimal
    begunstigingstermijn: date  # its last day: from the next day a unit can forfeit
    verbeurt: Verbeurt = Verbeurt.PER_BEGONNEN_EENHEID


@dataclass(frozen=True, slots=True)
class Forfeiture:
    """One amount forfeited by operation of law on a day (unit `unit` of the schedule)."""

    on: date
    amount: Decimal
    unit: int  # 1, 2, ... in the schedule; for violations the running count


@dataclass(frozen=True, slots=True)
class Accrual:
    """What non-compliance up to a day forfeits: booked within the maximum, and what is not."""

    booked: tuple[Forfeiture, ...]
    over_maximum: tuple[Forfeiture, ...]  # would have forfeited: reported, never booked

    @property
    def total(self) -> Decimal:
        return sum((f.amount for f in self.booked), Decimal(0))


def unit_bounds(terms: LastTerms, k: int) -> tuple[date, date]:
    """The first and last day of unit k (1, 2, ...) after the begunstigingstermijn.

    Days and weeks are counted in days; months like a term in months (the same day number,
    or the month's last day): unit k ends k months after the end of the begunstigingstermijn.
    """
    end_b = terms.begunstigingstermijn
    if terms.per is Per.DAG:
        start = end_b + timedelta(days=k)
        return start, start
    if terms.per is Per.WEEK:
        return end_b + timedelta(days=7 * (k - 1) + 1), end_b + timedelta(days=7 * k)
    if terms.per is Per.MAAND:
        previous_end = end_b + relativedelta(months=k - 1)
        return previous_end + _DAY, end_b + relativedelta(months=k)
    raise ValueError(f"a dwangsom per {terms.per} has no units of time")


def forfeiture_day(terms: LastTerms, k: int) -> date:
    """The day unit k forfeits: its first day, or its last for per_volle_eenheid."""
    start, end = unit_bounds(terms, k)
    return start if terms.verbeurt is Verbeurt.PER_BEGONNEN_EENHEID else end


def accrue(
    terms: LastTerms, *, until: date, booked_before: Sequence[Forfeiture] = (), cap: bool = True
) -> Accrual:
    """What non-compliance from the end of the begunstigingstermijn up to `until` forfeits.

    Units already booked (same unit number) are not booked again; what would pass the
    maximum is returned apart and never booked (`cap=False`: every unit, uncapped).
    """
    if terms.per is Per.OVERTREDING:
        raise ValueError("violations are recorded one by one: use `violations`")
    due = [_unit_forfeiture(terms, k) for k in _units_forfeited(terms, until)]
    maximum = terms.maximum if cap else None
    return capped(maximum, due, booked_before)


def violations(
    terms: LastTerms,
    *,
    on: date,
    count: int,
    booked_before: Sequence[Forfeiture] = (),
    cap: bool = True,
) -> Accrual:
    """`count` violations established on `on` (a dwangsom per overtreding)."""
    first = 1 + max((f.unit for f in booked_before), default=0)
    due = [Forfeiture(on, terms.bedrag, first + i) for i in range(count)]
    return capped(terms.maximum if cap else None, due, booked_before, by_unit=False)


def _units_forfeited(terms: LastTerms, until: date) -> Iterable[int]:
    if until <= terms.begunstigingstermijn:
        return []
    if terms.per is Per.INEENS:
        return [1]
    found, k = [], 1
    while forfeiture_day(terms, k) <= until and (
        terms.verbeurt is Verbeurt.PER_BEGONNEN_EENHEID or unit_bounds(terms, k)[1] <= until
    ):
        found.append(k)
        k += 1
    return found


def _unit_forfeiture(terms: LastTerms, k: int) -> Forfeiture:
    if terms.per is Per.INEENS:
        return Forfeiture(terms.begunstigingstermijn + _DAY, terms.bedrag, 1)
    return Forfeiture(forfeiture_day(terms, k), terms.bedrag, k)


def capped(
    maximum: Decimal | None,
    due: Sequence[Forfeiture],
    booked_before: Sequence[Forfeiture],
    *,
    by_unit: bool = True,
) -> Accrual:
    """`due` less the units booked before, split at the maximum (None: no cap)."""
    done = {f.unit for f in booked_before} if by_unit else set()
    if maximum is None:
        return Accrual(tuple(f for f in due if f.unit not in done), ())
    room = maximum - sum((f.amount for f in booked_before), Decimal(0))
    booked, over = [], []
    for forfeiture in (f for f in due if f.unit not in done):
        if forfeiture.amount <= room:
            booked.append(forfeiture)
            room -= forfeiture.amount
        else:
            over.append(forfeiture)
    return Accrual(tuple(booked), tuple(over))


def payable_by(forfeited_on: date, calendar: AtwCalendar) -> TermResult:
    """Awb 5:33: payable within six weeks after it was forfeited; the Atw extends the term."""
    return compute_term(
        forfeited_on,
        Term(6, Unit.WEKEN),
        basis=TermBasis.STATUTORY,
        calendar=calendar,
        legal_basis="Awb 5:33",
    )


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of days, both ends included; `last` None: still running."""

    first: date
    last: date | None = None


def prescribes_on(
    forfeited_on: date,
    *,
    pending: Sequence[Period] = (),
    interrupted_on: Sequence[date] = (),
    today: date | None = None,
) -> date:
    """The last day on which the claim of one forfeiture can still be collected.

    Awb 5:35 lid 1: one year after the day of forfeiture (the same date a year later; 29
    February → 28 February; no Atw). 5:37a with 4:110: an invorderingsbeschikking made while the
    term ran interrupts it, and a new term of one year runs from the next day. Lid 2: while a
    bezwaar or beroep against the last is pending (`pending`; one still pending counts up to
    `today`) the term does not run: it ends later by the days it was pending.
    """
    start = forfeited_on
    for stuit in sorted(interrupted_on):
        if start <= stuit <= _walk(start, _year_after(start), pending, today):
            start = stuit
    return _walk(start, _year_after(start), pending, today)


def _year_after(day: date) -> date:
    return day + relativedelta(years=1)


def _walk(start: date, base_end: date, pending: Sequence[Period], today: date | None) -> date:
    """The day the term ends when it runs `base_end - start` days, not counting pending days."""
    remaining, day = (base_end - start).days, start
    for first, last in _merged(pending, after=start, today=today):
        running = (first - day).days - 1  # days the term runs before this pendency
        if running >= remaining:
            break
        remaining -= max(running, 0)
        day = max(day, last)
    return day + timedelta(days=remaining)


def _merged(
    pending: Sequence[Period], *, after: date, today: date | None
) -> list[tuple[date, date]]:
    """The pending periods after `after`, sorted and joined where they touch or overlap."""
    spans = sorted(
        (max(p.first, after + _DAY), p.last or today or date.max)
        for p in pending
        if (p.last or today or date.max) > after
    )
    merged: list[tuple[date, date]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1] + _DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def opheffing_possible_from(in_force_since: date, forfeitures: Sequence[Forfeiture]) -> date:
    """Awb 5:34 lid 2: from this day a request to lift the last may be granted, if nothing
    forfeits before it: one year after the last took effect or after its latest forfeiture."""
    latest = max([in_force_since, *(f.on for f in forfeitures)])
    return latest + relativedelta(years=1)


# Awb 4:113 (as legal-rules.md §1.10 gives it): the aanmaningsvergoeding, by the debt.
AANMANING_SMALL_DEBT = Decimal("454")
AANMANING_COSTS = (Decimal("9"), Decimal("20"))


def aanmaning_costs(debt: Decimal) -> Decimal:
    """The vergoeding for an aanmaning (Awb 4:113): € 9 below € 454 owed, € 20 from it."""
    return AANMANING_COSTS[0] if debt < AANMANING_SMALL_DEBT else AANMANING_COSTS[1]


def aanmaning_due(sent: date, calendar: AtwCalendar) -> TermResult:
    """Awb 4:112: pay within two weeks from the day after the aanmaning was sent (Atw applies)."""
    return compute_term(
        sent,
        Term(2, Unit.WEKEN),
        basis=TermBasis.STATUTORY,
        calendar=calendar,
        legal_basis="Awb 4:112",
    )
