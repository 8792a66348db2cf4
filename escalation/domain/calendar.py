"""The Algemene termijnenwet calendar: which days are not working days for legal terms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import EASTER_WESTERN, easter

from escalation.domain.errors import InvalidDateError, InvalidTermError
from escalation.domain.limits import FIRST_YEAR
from escalation.formatting import long_date, long_day, weekday
from escalation.i18n import _

# Koningsdag exists since 2014 (FIRST_YEAR); before that the Atw holiday was Koninginnedag
# (30 April), which this calendar does not model. Refusing earlier years beats silently wrong
# dates. Later years are computed as far as dates go, so that a reminder or a proposal just after
# the last accepted date (domain.limits.LAST_DAY) still finds its working day.

_LID_1 = "Atw art. 3 lid 1"
_LID_2 = "Atw art. 3 lid 2"
_LID_3 = "Atw art. 3 lid 3"
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class NonWorkingDay:
    """A day that counts as an algemeen erkende feestdag for the Atw."""

    day: date
    name: str
    source: str


def gelijkgestelde_dag(*, day: date, name: str, besluit: str) -> NonWorkingDay:
    """A day gelijkgesteld with an algemeen erkende feestdag by KB (Atw art. 3 lid 3)."""
    return NonWorkingDay(day=day, name=name, source=f"{_LID_3}: {besluit}")


def easter_sunday(year: int) -> date:
    """Eerste Paasdag by the Gregorian computus (dateutil's western Easter)."""
    return easter(year, EASTER_WESTERN)


def koningsdag(year: int) -> date:
    """27 April, or Saturday 26 April when 27 April is a Sunday (KB of 1980, still applied)."""
    day = date(year, 4, 27)
    return day - _ONE_DAY if day.weekday() == 6 else day


def _statutory_days(year: int) -> list[NonWorkingDay]:
    easter = easter_sunday(year)
    days = [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter + timedelta(days=1), "Tweede Paasdag"),
        (koningsdag(year), "Koningsdag"),
        (date(year, 5, 5), "Bevrijdingsdag (5 mei)"),
        (easter + timedelta(days=39), "Hemelvaartsdag"),
        (easter + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]
    lid_1 = [NonWorkingDay(day=day, name=name, source=_LID_1) for day, name in days]
    goede_vrijdag = NonWorkingDay(day=easter - 2 * _ONE_DAY, name="Goede Vrijdag", source=_LID_2)
    return [*lid_1, goede_vrijdag]


def _merge(first: NonWorkingDay, second: NonWorkingDay) -> NonWorkingDay:
    # Hemelvaartsdag falls on 5 May in some years (2016); keep both names.
    source = first.source if first.source == second.source else f"{first.source}; {second.source}"
    return NonWorkingDay(day=first.day, name=f"{first.name} en {second.name}", source=source)


def format_datum(d: date) -> str:
    """The Dutch long date of letters, '31 januari 2025': `formatting.long_date` in Dutch."""
    return long_date(d, "nl")


class AtwCalendar:
    """Saturdays, Sundays and Atw feestdagen (art. 3), including days gelijkgesteld by KB."""

    __slots__ = ("_gelijkgestelde", "_years")

    def __init__(self, gelijkgestelde: Iterable[NonWorkingDay] = ()) -> None:
        self._gelijkgestelde: dict[date, NonWorkingDay] = {g.day: g for g in gelijkgestelde}
        self._years: dict[int, dict[date, NonWorkingDay]] = {}

    def feestdagen(self, year: int) -> list[NonWorkingDay]:
        """All Atw feestdagen of the year, KB days included, sorted by date."""
        return list(self._year(year).values())

    def has_gelijkgestelde(self, year: int) -> bool:
        """Whether any day gelijkgesteld by KB is known for the year (else a KB may be missing)."""
        return any(day.year == year for day in self._gelijkgestelde)

    def reason(self, d: date) -> str | None:
        """Why d is not a working day, or None for a working day.

        Dutch legal text in every language ('zaterdag en Koningsdag (Atw art. 3 lid 1)'): the
        names and articles a jurist finds in the Atw and the KB.
        """
        holiday = self._year(d.year).get(d)
        weekend = weekday(d, "nl") if d.weekday() >= 5 else None
        if holiday is None:
            return weekend
        if self._gelijkgestelde.get(d) is holiday:
            text = f"{long_day(d, 'nl')} gelijkgesteld bij KB ({_LID_3})"
        else:
            text = f"{holiday.name} ({holiday.source})"
        return text if weekend is None else f"{weekend} en {text}"

    def is_working_day(self, d: date) -> bool:
        """Not a Saturday, Sunday or Atw feestdag."""
        return d.weekday() < 5 and d not in self._year(d.year)

    def next_working_day(self, d: date) -> date:
        """d itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def previous_working_day(self, d: date) -> date:
        """d itself if it is a working day, else the last working day before it."""
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after start (start itself is not counted)."""
        return self._walk_working_days(start, n, _ONE_DAY)

    def subtract_working_days(self, start: date, n: int) -> date:
        """The n-th working day before start (start itself is not counted)."""
        return self._walk_working_days(start, n, -_ONE_DAY)

    def _walk_working_days(self, start: date, n: int, step: timedelta) -> date:
        if n < 1:
            raise InvalidTermError(
                _("A number of werkdagen must be at least 1; got {n}.").format(n=n)
            )
        d, counted = start, 0
        while counted < n:
            d += step
            if self.is_working_day(d):
                counted += 1
        return d

    def _year(self, year: int) -> dict[date, NonWorkingDay]:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> dict[date, NonWorkingDay]:
        if year < FIRST_YEAR:
            raise InvalidDateError(
                _(
                    "The Atw calendar starts in {first}, the first year with Koningsdag; "
                    "{year} is earlier. Use a date in {first} or later."
                ).format(first=FIRST_YEAR, year=year)
            )
        days: dict[date, NonWorkingDay] = {}
        for holiday in _statutory_days(year):
            known = days.get(holiday.day)
            days[holiday.day] = holiday if known is None else _merge(known, holiday)
        for kb_day in self._gelijkgestelde.values():
            if kb_day.day.year == year:
                days.setdefault(kb_day.day, kb_day)
        return dict(sorted(days.items()))
