"""The last day of a legal term under the Algemene termijnenwet (art. 1, 2 and 4), explained."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import InvalidDateError
from escalation.domain.terms import Term, Unit, format_day, format_month, format_weekday

_ONE_DAY = timedelta(days=1)


class TermBasis(StrEnum):
    """Where a term comes from; only a statutory term is extended by the Atw."""

    STATUTORY = "statutory"
    SELF_SET = "self-set"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class TermResult:
    """The last day of a term, with every step that led to it."""

    start: date | None
    term: Term | None
    basis: TermBasis
    legal_basis: str | None
    backwards: bool
    raw_end: date
    end: date
    proposed: date | None
    steps: tuple[str, ...]
    end_reason: str | None = None  # why `end` is not a working day (AtwCalendar.reason)

    @property
    def warning(self) -> str | None:
        """For a self-set or fixed date on a non-working day: what to do about it."""
        if self.basis is TermBasis.STATUTORY or self.proposed is None:
            return None
        subject = "a self-set term" if self.basis is TermBasis.SELF_SET else "a fixed date"
        return (
            f"ends on {format_day(self.end)} ({self.end_reason or 'not a working day'}); "
            f"{subject} is not extended by the Algemene termijnenwet; choose an explicit "
            f"working day such as {format_day(self.proposed)} with --set."
        )


_NOT_ATW = "not extended by the Algemene termijnenwet (it applies only to terms set in a wet, "
_SELF_SET_STEP = f"Self-set term: {_NOT_ATW}Atw art. 1)."
_FIXED_STEP = f"Fixed date: {_NOT_ATW}Atw art. 1)."


def compute_term(
    start: date,
    term: Term,
    *,
    basis: TermBasis,
    calendar: AtwCalendar,
    backwards: bool = False,
    legal_basis: str | None = None,
) -> TermResult:
    """The last day of a term that runs from the day after `start` (or counts back from it).

    Raises:
        InvalidDateError: the result falls outside the supported calendar.
        ValueError: basis FIXED (use fixed_date).
    """
    if basis is TermBasis.FIXED:
        raise ValueError("compute_term takes a statutory or self-set term; use fixed_date.")
    try:
        return _computed(
            start,
            term,
            basis=basis,
            calendar=calendar,
            backwards=backwards,
            legal_basis=legal_basis,
        )
    except OverflowError:
        direction = "before" if backwards else "after"
        raise InvalidDateError(
            f"{term} {direction} {start.isoformat()} falls outside the years 1 to 9999."
        ) from None


def _computed(
    start: date,
    term: Term,
    *,
    basis: TermBasis,
    calendar: AtwCalendar,
    backwards: bool,
    legal_basis: str | None,
) -> TermResult:
    raw_end, arithmetic = _raw_end(start, term, backwards=backwards, calendar=calendar)
    if basis is TermBasis.STATUTORY:
        end, rules = _apply_atw(start, raw_end, term, backwards=backwards, calendar=calendar)
    else:
        end, rules = raw_end, [_SELF_SET_STEP]
    proposed, reason, closing = _closing(end, basis=basis, backwards=backwards, cal=calendar)
    return TermResult(
        start=start,
        term=term,
        basis=basis,
        legal_basis=legal_basis,
        backwards=backwards,
        raw_end=raw_end,
        end=end,
        proposed=proposed,
        steps=(_start_step(start, backwards), arithmetic, *rules, *closing),
        end_reason=reason,
    )


def fixed_date(
    due: date,
    *,
    calendar: AtwCalendar,
    start: date | None = None,
    legal_basis: str | None = None,
) -> TermResult:
    """An explicit date chosen by the inspectorate: never shifted, but checked for a werkdag.

    Raises:
        InvalidDateError: the date lies before the start.
    """
    if start is not None and due < start:
        raise InvalidDateError(
            f"The fixed date {format_day(due)} lies before the start, {format_day(start)}. "
            "Choose a date on or after the start."
        )
    proposed, reason, closing = _closing(due, basis=TermBasis.FIXED, backwards=False, cal=calendar)
    opening = [] if start is None else [f"Start: {format_day(start)}."]
    chosen = f"Date chosen by the inspectorate: {format_day(due)}."
    return TermResult(
        start=start,
        term=None,
        basis=TermBasis.FIXED,
        legal_basis=legal_basis,
        backwards=False,
        raw_end=due,
        end=due,
        proposed=proposed,
        steps=(*opening, chosen, _FIXED_STEP, *closing),
        end_reason=reason,
    )


def _start_step(start: date, backwards: bool) -> str:
    if backwards:
        return f"Start: {format_day(start)} (the term is counted back from the day before)."
    return f"Start: {format_day(start)} (the term runs from the next day)."


def _raw_end(
    start: date, term: Term, *, backwards: bool, calendar: AtwCalendar
) -> tuple[date, str]:
    sign = -1 if backwards else 1
    note = ""
    if term.unit is Unit.WERKDAGEN:
        walk = calendar.subtract_working_days if backwards else calendar.add_working_days
        end = walk(start, term.amount)
        note = _werkdagen_note(start, end, calendar)
    elif term.unit in (Unit.MAANDEN, Unit.JAREN):
        months = term.amount * (12 if term.unit is Unit.JAREN else 1)
        end = _add_months(start, sign * months)
        if end.day != start.day:
            note = (
                f" ({format_month(end)} has no day {start.day}, "
                "so the term ends on the last day of that month)"
            )
    else:
        end = start + sign * timedelta(days=_days(term))
        if term.unit is Unit.UREN:
            note = f" (counted clock to clock: {_days(term)} x 24 uur)"
    return end, f"{'-' if backwards else '+'} {term} = {format_day(end)}{note}."


def _days(term: Term) -> int:
    if term.unit is Unit.UREN:
        return term.amount // 24
    return term.amount * (7 if term.unit is Unit.WEKEN else 1)


def _add_months(start: date, months: int) -> date:
    """Same day number `months` later; clamped to the month's last day (31 Jan + 1 = 28 Feb)."""
    try:
        return start + relativedelta(months=months)
    except ValueError:  # relativedelta reports a year outside 1..9999 this way
        raise OverflowError(start.year + months // 12) from None


def _werkdagen_note(start: date, end: date, calendar: AtwCalendar) -> str:
    low, high = sorted((start, end))
    skipped = [
        holiday.name
        for year in range(low.year, high.year + 1)
        for holiday in calendar.feestdagen(year)
        if low < holiday.day < high and holiday.day.weekday() < 5
    ]
    also = f" and {', '.join(skipped)}" if skipped else ""
    return f" (not counting Saturdays, Sundays{also})"


_ART4_LIMITS = {
    Unit.DAGEN: (90, "90 days"),
    Unit.WEKEN: (12, "twelve weeks"),
    Unit.MAANDEN: (3, "three months"),
}


def _art4_exclusion(term: Term) -> str | None:
    """Atw art. 4 lid a: terms in hours, > 90 days, > 12 weeks, > 3 months or in years."""
    if term.unit is Unit.UREN:
        return f"a term in hours ({term})"
    if term.unit is Unit.JAREN:
        return f"a term of one or more years ({term})"
    limit = _ART4_LIMITS.get(term.unit)
    if limit is not None and term.amount > limit[0]:
        return f"a term of more than {limit[1]} ({term})"
    return None


def _apply_atw(
    start: date, raw_end: date, term: Term, *, backwards: bool, calendar: AtwCalendar
) -> tuple[date, list[str]]:
    exclusion = _art4_exclusion(term)
    if exclusion is not None:
        return raw_end, [
            f"Atw art. 4 lid a: the Algemene termijnenwet does not apply to {exclusion}; "
            "the term is not extended."
        ]
    if backwards:
        return raw_end, ["Atw art. 1 lid 2: a term counted back from an event is not extended."]
    if term.unit is Unit.WERKDAGEN:
        return raw_end, [
            "A term in werkdagen ends on a working day; the Algemene termijnenwet does not "
            "extend it further."
        ]
    end, steps = _atw_art1(raw_end, calendar)
    end, art2 = _atw_art2(start, raw_end, end, calendar)
    return end, [*steps, *art2, *_kb_note(end, calendar)]


def _atw_art1(raw_end: date, calendar: AtwCalendar) -> tuple[date, list[str]]:
    if calendar.is_working_day(raw_end):
        return raw_end, [f"Atw art. 1: {format_day(raw_end)} is a working day; no extension."]
    steps = [f"The term ends on {format_day(raw_end)}, {_describe(raw_end, calendar)}."]
    end = raw_end + _ONE_DAY
    while not calendar.is_working_day(end):
        steps.append(f"{format_day(end)} is {_describe(end, calendar)}.")
        end += _ONE_DAY
    steps.append(
        f"Atw art. 1: extended to {format_day(end)}, the next day that is not a Saturday, "
        "Sunday or feestdag."
    )
    return end, steps


def _describe(d: date, calendar: AtwCalendar) -> str:
    holiday = next((h for h in calendar.feestdagen(d.year) if h.day == d), None)
    weekend = f"a {format_weekday(d)}"
    if holiday is None:
        return weekend
    if holiday.source == "Atw art. 3 lid 1":
        text = f"{holiday.name}, an algemeen erkende feestdag ({holiday.source})"
    else:
        text = f"{holiday.name}, which counts as an algemeen erkende feestdag ({holiday.source})"
    return text if d.weekday() < 5 else f"{text}, and {weekend}"


def _atw_art2(
    start: date, raw_end: date, end: date, calendar: AtwCalendar
) -> tuple[date, list[str]]:
    """Atw art. 2: a term of at least three days contains at least two working days."""
    if (raw_end - start).days < 3:
        return end, []
    first = start + _ONE_DAY
    found = _working_days_up_to_two(first, end, calendar)
    if found >= 2:
        return end, []
    extended = calendar.add_working_days(end, 2 - found)
    return extended, [
        f"Atw art. 2: a term of at least three days must contain at least two working days; "
        f"{format_day(first)} to {format_day(end)} contains only {found}, so the term is "
        f"extended to {format_day(extended)}."
    ]


def _working_days_up_to_two(first: date, last: date, calendar: AtwCalendar) -> int:
    found, day = 0, first
    while day <= last and found < 2:
        found += 1 if calendar.is_working_day(day) else 0
        day += _ONE_DAY
    return found


def _kb_note(end: date, calendar: AtwCalendar) -> list[str]:
    if calendar.has_gelijkgestelde(end.year):
        return []
    return [
        f"No gelijkgestelde dagen (Atw art. 3 lid 3) are on file for {end.year}; check the "
        "Staatscourant, as a Besluit gelijkstelling could still extend this term."
    ]


def _closing(
    end: date, *, basis: TermBasis, backwards: bool, cal: AtwCalendar
) -> tuple[date | None, str | None, list[str]]:
    """The proposal, the reason `end` is not a working day, and the closing steps."""
    steps = [f"Last day of the term: {format_day(end)}."]
    reason = cal.reason(end)
    if reason is None:
        return None, None, steps
    not_working = f"{format_day(end)} is not a working day ({reason})"
    if basis is TermBasis.STATUTORY and not backwards:
        return None, reason, [*steps, f"{not_working}, but the term is not extended."]
    earlier = cal.previous_working_day(end)
    if basis is TermBasis.STATUTORY:
        return None, reason, [*steps, f"{not_working}; act by {format_day(earlier)}."]
    proposed = earlier if backwards else cal.next_working_day(end)
    return proposed, reason, [*steps, f"{not_working}; proposed: {format_day(proposed)}."]
