"""The last day of a legal term under the Algemene termijnenwet (art. 1, 2 and 4), explained."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from escalation.domain.atw_rules import extend
from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import InvalidDateError
from escalation.domain.limits import FIRST_DAY, LAST_DAY, date_range
from escalation.domain.terms import Term, Unit
from escalation.formatting import long_day
from escalation.i18n import N_, _
from escalation.texts import Msg

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
    steps: tuple[Msg, ...]  # the explanation, shown later in the reader's language
    end_reason: str | None = None  # why `end` is not a working day (AtwCalendar.reason)

    @property
    def warning(self) -> Msg | None:
        """For a self-set or fixed date on a non-working day: what to do about it."""
        if self.basis is TermBasis.STATUTORY or self.proposed is None:
            return None
        if self.basis is TermBasis.SELF_SET:
            warning = N_(
                "ends on {day} ({reason}); a self-set term is not extended by the Algemene "
                "termijnenwet; choose an explicit working day such as {proposed} with --set."
            )
        else:
            warning = N_(
                "ends on {day} ({reason}); a fixed date is not extended by the Algemene "
                "termijnenwet; choose an explicit working day such as {proposed} with --set."
            )
        reason = self.end_reason or Msg("not a working day")
        return Msg(warning, {"day": self.end, "reason": reason, "proposed": self.proposed})


_SELF_SET_STEP = Msg(
    "Self-set term: not extended by the Algemene termijnenwet (it applies only to terms set "
    "in a wet, Atw art. 1)."
)
_FIXED_STEP = Msg(
    "Fixed date: not extended by the Algemene termijnenwet (it applies only to terms set in "
    "a wet, Atw art. 1)."
)


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
        InvalidDateError: the result falls outside the supported calendar, or its last day
            outside FIRST_DAY..LAST_DAY (domain.limits).
        ValueError: basis FIXED (use fixed_date).
    """
    if basis is TermBasis.FIXED:
        raise ValueError("compute_term takes a statutory or self-set term; use fixed_date.")
    try:
        result: TermResult | None = _computed(
            start,
            term,
            basis=basis,
            calendar=calendar,
            backwards=backwards,
            legal_basis=legal_basis,
        )
    except OverflowError:  # beyond the year 9999
        result = None
    if result is None or not FIRST_DAY <= result.end <= LAST_DAY:
        outside = (
            _("{term} before {start} ends outside the dates escalation works with: {range}.")
            if backwards
            else _("{term} after {start} ends outside the dates escalation works with: {range}.")
        )
        raise InvalidDateError(
            outside.format(term=term, start=start.isoformat(), range=date_range())
        )
    return result


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
        end, rules = extend(start, raw_end, term, backwards=backwards, calendar=calendar)
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
            _(
                "The fixed date {day} lies before the start, {start}. "
                "Choose a date on or after the start."
            ).format(day=long_day(due), start=long_day(start))
        )
    proposed, reason, closing = _closing(due, basis=TermBasis.FIXED, backwards=False, cal=calendar)
    opening = [] if start is None else [Msg("Start: {day}.", {"day": start})]
    chosen = Msg("Date chosen by the inspectorate: {day}.", {"day": due})
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


def _start_step(start: date, backwards: bool) -> Msg:
    if backwards:
        return Msg("Start: {day} (the term is counted back from the day before).", {"day": start})
    return Msg("Start: {day} (the term runs from the next day).", {"day": start})


def _raw_end(
    start: date, term: Term, *, backwards: bool, calendar: AtwCalendar
) -> tuple[date, Msg]:
    sign = -1 if backwards else 1
    note: Msg | None = None
    if term.unit is Unit.WERKDAGEN:
        walk = calendar.subtract_working_days if backwards else calendar.add_working_days
        end = walk(start, term.amount)
        note = _werkdagen_note(start, end, calendar)
    elif term.unit in (Unit.MAANDEN, Unit.JAREN):
        months = term.amount * (12 if term.unit is Unit.JAREN else 1)
        end = _add_months(start, sign * months)
        if end.day != start.day:
            note = Msg(
                "{end:month} has no day {day_number}, so the term ends on the last day of "
                "that month",
                {"end": end, "day_number": start.day},
            )
    else:
        end = start + sign * timedelta(days=_days(term))
        if term.unit is Unit.UREN:
            note = Msg("counted clock to clock: {days} x 24 uur", {"days": _days(term)})
    args = {"sign": "-" if backwards else "+", "term": str(term), "day": end}
    if note is None:
        return end, Msg("{sign} {term} = {day}.", args)
    return end, Msg("{sign} {term} = {day} ({note}).", {**args, "note": note})


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


def _werkdagen_note(start: date, end: date, calendar: AtwCalendar) -> Msg:
    low, high = sorted((start, end))
    skipped = [
        holiday.name
        for year in range(low.year, high.year + 1)
        for holiday in calendar.feestdagen(year)
        if low < holiday.day < high and holiday.day.weekday() < 5
    ]
    if not skipped:
        return Msg("not counting Saturdays, Sundays")
    return Msg(
        "not counting Saturdays, Sundays and {feestdagen}", {"feestdagen": ", ".join(skipped)}
    )


def _closing(
    end: date, *, basis: TermBasis, backwards: bool, cal: AtwCalendar
) -> tuple[date | None, str | None, list[Msg]]:
    """The proposal, the reason `end` is not a working day, and the closing steps."""
    steps = [Msg("Last day of the term: {day}.", {"day": end})]
    reason = cal.reason(end)
    if reason is None:
        return None, None, steps
    args: dict[str, str | date] = {"day": end, "reason": reason}
    if basis is TermBasis.STATUTORY and not backwards:
        kept = N_("{day} is not a working day ({reason}), but the term is not extended.")
        return None, reason, [*steps, Msg(kept, args)]
    earlier = cal.previous_working_day(end)
    if basis is TermBasis.STATUTORY:
        act_by = N_("{day} is not a working day ({reason}); act by {earlier}.")
        return None, reason, [*steps, Msg(act_by, {**args, "earlier": earlier})]
    proposed = earlier if backwards else cal.next_working_day(end)
    proposal = N_("{day} is not a working day ({reason}); proposed: {proposed}.")
    return proposed, reason, [*steps, Msg(proposal, {**args, "proposed": proposed})]
