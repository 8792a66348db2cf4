"""The Algemene termijnenwet's rules for a statutory term: which terms it extends, and how.

Art. 4 lid a excludes some terms, art. 1 lid 2 a term counted back, art. 1 moves a last day off
a Saturday, Sunday or feestdag, art. 2 makes a term of three days or more hold two working days.
Each rule applied is one step of the explanation, a Msg shown in the reader's language.
"""

from __future__ import annotations

from datetime import date, timedelta

from escalation.domain.calendar import AtwCalendar
from escalation.domain.terms import Term, Unit
from escalation.i18n import N_
from escalation.texts import Msg

_ONE_DAY = timedelta(days=1)

# Atw art. 4 lid a: the longest terms in days, weeks and months that the Atw still extends.
_ART4_LIMITS = {
    Unit.DAGEN: (90, N_("a term of more than 90 days ({term})")),
    Unit.WEKEN: (12, N_("a term of more than twelve weeks ({term})")),
    Unit.MAANDEN: (3, N_("a term of more than three months ({term})")),
}


def _art4_exclusion(term: Term) -> Msg | None:
    """Atw art. 4 lid a: terms in hours, > 90 days, > 12 weeks, > 3 months or in years."""
    if term.unit is Unit.UREN:
        return Msg("a term in hours ({term})", {"term": str(term)})
    if term.unit is Unit.JAREN:
        return Msg("a term of one or more years ({term})", {"term": str(term)})
    limit = _ART4_LIMITS.get(term.unit)
    if limit is not None and term.amount > limit[0]:
        return Msg(limit[1], {"term": str(term)})
    return None


def extend(
    start: date, raw_end: date, term: Term, *, backwards: bool, calendar: AtwCalendar
) -> tuple[date, list[Msg]]:
    """The last day of a statutory term that ends on `raw_end`, and the rules that made it."""
    exclusion = _art4_exclusion(term)
    if exclusion is not None:
        return raw_end, [
            Msg(
                "Atw art. 4 lid a: the Algemene termijnenwet does not apply to {exclusion}; "
                "the term is not extended.",
                {"exclusion": exclusion},
            )
        ]
    if backwards:
        return raw_end, [
            Msg("Atw art. 1 lid 2: a term counted back from an event is not extended.")
        ]
    if term.unit is Unit.WERKDAGEN:
        return raw_end, [
            Msg(
                "A term in werkdagen ends on a working day; the Algemene termijnenwet does not "
                "extend it further."
            )
        ]
    end, steps = _atw_art1(raw_end, calendar)
    end, art2 = _atw_art2(start, raw_end, end, calendar)
    return end, [*steps, *art2, *_kb_note(end, calendar)]


def _atw_art1(raw_end: date, calendar: AtwCalendar) -> tuple[date, list[Msg]]:
    if calendar.is_working_day(raw_end):
        return raw_end, [Msg("Atw art. 1: {day} is a working day; no extension.", {"day": raw_end})]
    steps = [
        Msg(
            "The term ends on {day}, {what}.",
            {"day": raw_end, "what": _describe(raw_end, calendar)},
        )
    ]
    end = raw_end + _ONE_DAY
    while not calendar.is_working_day(end):
        steps.append(Msg("{day} is {what}.", {"day": end, "what": _describe(end, calendar)}))
        end += _ONE_DAY
    steps.append(
        Msg(
            "Atw art. 1: extended to {day}, the next day that is not a Saturday, Sunday or "
            "feestdag.",
            {"day": end},
        )
    )
    return end, steps


def _describe(d: date, calendar: AtwCalendar) -> Msg:
    holiday = next((h for h in calendar.feestdagen(d.year) if h.day == d), None)
    weekend = Msg("a {day:weekday}", {"day": d})
    if holiday is None:
        return weekend
    named = {"name": holiday.name, "source": holiday.source}
    if holiday.source == "Atw art. 3 lid 1":
        text = Msg("{name}, an algemeen erkende feestdag ({source})", named)
    else:
        text = Msg("{name}, which counts as an algemeen erkende feestdag ({source})", named)
    if d.weekday() < 5:
        return text
    return Msg("{feestdag}, and {weekend}", {"feestdag": text, "weekend": weekend})


def _atw_art2(
    start: date, raw_end: date, end: date, calendar: AtwCalendar
) -> tuple[date, list[Msg]]:
    """Atw art. 2: a term of at least three days contains at least two working days."""
    if (raw_end - start).days < 3:
        return end, []
    first = start + _ONE_DAY
    found = _working_days_up_to_two(first, end, calendar)
    if found >= 2:
        return end, []
    extended = calendar.add_working_days(end, 2 - found)
    return extended, [
        Msg(
            "Atw art. 2: a term of at least three days must contain at least two working days; "
            "{first} to {end} contains only {found}, so the term is extended to {extended}.",
            {"first": first, "end": end, "found": found, "extended": extended},
        )
    ]


def _working_days_up_to_two(first: date, last: date, calendar: AtwCalendar) -> int:
    found, day = 0, first
    while day <= last and found < 2:
        found += 1 if calendar.is_working_day(day) else 0
        day += _ONE_DAY
    return found


def _kb_note(end: date, calendar: AtwCalendar) -> list[Msg]:
    if calendar.has_gelijkgestelde(end.year):
        return []
    return [
        Msg(
            "No gelijkgestelde dagen (Atw art. 3 lid 3) are on file for {year}; check the "
            "Staatscourant, as a Besluit gelijkstelling could still extend this term.",
            {"year": end.year},
        )
    ]
