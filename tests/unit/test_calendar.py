"""The Atw calendar: feestdagen (Atw art. 3), KB days, working days and their reasons."""

from __future__ import annotations

from datetime import date

import pytest

from escalation.domain.calendar import (
    AtwCalendar,
    NonWorkingDay,
    easter_sunday,
    format_datum,
    gelijkgestelde_dag,
    koningsdag,
)
from escalation.domain.errors import InvalidDateError, InvalidTermError

BESLUIT_2023 = (
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 "
    "en 30 mei 2025 met een algemeen erkende feestdag"
)
BESLUIT_2026 = (
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 "
    "en 26 mei 2028 met een algemeen erkende feestdag"
)
# The KB days of legal-rules.md §2.3, as literal values: unit tests read no YAML.
_KB_TABLE = [
    ("2023-04-28", "vrijdag na Koningsdag", BESLUIT_2023),
    ("2023-05-19", "vrijdag na Hemelvaartsdag", BESLUIT_2023),
    ("2024-05-10", "vrijdag na Hemelvaartsdag", BESLUIT_2023),
    ("2024-12-27", "vrijdag na Tweede Kerstdag", BESLUIT_2023),
    ("2025-05-30", "vrijdag na Hemelvaartsdag", BESLUIT_2023),
    ("2026-01-02", "vrijdag na Nieuwjaarsdag", BESLUIT_2026),
    ("2026-05-15", "vrijdag na Hemelvaartsdag", BESLUIT_2026),
    ("2027-05-07", "vrijdag na Hemelvaartsdag", BESLUIT_2026),
    ("2028-04-28", "vrijdag na Koningsdag", BESLUIT_2026),
    ("2028-05-26", "vrijdag na Hemelvaartsdag", BESLUIT_2026),
]
KB_DAYS = tuple(
    gelijkgestelde_dag(day=date.fromisoformat(day), name=name, besluit=besluit)
    for day, name, besluit in _KB_TABLE
)


def atw_calendar() -> AtwCalendar:
    return AtwCalendar(KB_DAYS)


def _d(text: str) -> date:
    return date.fromisoformat(text)


# legal-rules.md §2.3, day for day (weekend feestdagen in brackets there are included here).
# 2028 is not in that table; computed by hand: Easter 16 April 2028, 1 January a Saturday.
TABLE = {
    2025: "01-01 04-18 04-21 04-26 05-05 05-29 05-30 06-09 12-25 12-26",
    2026: "01-01 01-02 04-03 04-06 04-27 05-05 05-14 05-15 05-25 12-25 12-26",
    2027: "01-01 03-26 03-29 04-27 05-05 05-06 05-07 05-17 12-25 12-26",
    2028: "01-01 04-14 04-17 04-27 04-28 05-05 05-25 05-26 06-05 12-25 12-26",
}


@pytest.mark.parametrize("year", sorted(TABLE))
def test_feestdagen_match_the_table_of_legal_rules_day_for_day(year: int) -> None:
    expected = [_d(f"{year}-{month_day}") for month_day in TABLE[year].split()]

    days = [holiday.day for holiday in atw_calendar().feestdagen(year)]

    assert days == expected


def test_feestdagen_2026_carry_their_dutch_names_and_sources() -> None:
    names = {h.day: (h.name, h.source) for h in atw_calendar().feestdagen(2026)}

    assert names[date(2026, 4, 3)] == ("Goede Vrijdag", "Atw art. 3 lid 2")
    assert names[date(2026, 5, 5)] == ("Bevrijdingsdag (5 mei)", "Atw art. 3 lid 1")
    assert names[date(2026, 5, 25)] == ("Tweede Pinksterdag", "Atw art. 3 lid 1")
    assert names[date(2026, 1, 2)] == (
        "vrijdag na Nieuwjaarsdag",
        f"Atw art. 3 lid 3: {BESLUIT_2026}",
    )


@pytest.mark.parametrize(
    "expected",
    [
        "2000-04-23", "2008-03-23", "2011-04-24", "2016-03-27", "2019-04-21", "2024-03-31",
        "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2038-04-25", "2285-03-22",
        "1818-03-22", "1943-04-25",
    ],
)  # fmt: skip
def test_easter_sunday_follows_the_gregorian_computus(expected: str) -> None:
    day = _d(expected)

    assert easter_sunday(day.year) == day


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2025, "2025-04-26"), (2031, "2031-04-26"), (2014, "2014-04-26"), (2026, "2026-04-27")],
)
def test_koningsdag_moves_to_saturday_26_april_when_27_april_is_a_sunday(
    year: int, expected: str
) -> None:
    assert koningsdag(year) == _d(expected)


def test_hemelvaartsdag_on_5_may_is_one_feestdag_with_both_names() -> None:
    days = {h.day: h.name for h in atw_calendar().feestdagen(2016)}

    assert days[date(2016, 5, 5)] == "Bevrijdingsdag (5 mei) en Hemelvaartsdag"
    assert len(days) == 8


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ("2026-02-28", "zaterdag"),
        ("2026-04-05", "zondag"),
        ("2025-12-25", "Eerste Kerstdag (Atw art. 3 lid 1)"),
        ("2026-04-03", "Goede Vrijdag (Atw art. 3 lid 2)"),
        ("2026-01-02", "vrijdag 2 januari 2026 gelijkgesteld bij KB (Atw art. 3 lid 3)"),
        ("2026-12-26", "zaterdag en Tweede Kerstdag (Atw art. 3 lid 1)"),
        ("2025-04-26", "zaterdag en Koningsdag (Atw art. 3 lid 1)"),
    ],
)
def test_reason_names_why_a_day_is_not_a_working_day(day: str, reason: str) -> None:
    # Dutch legal text although the unit tests speak English (tests/unit/conftest.py).
    assert atw_calendar().reason(_d(day)) == reason


@pytest.mark.parametrize(
    "day",
    ["2025-12-24", "2025-12-31", "2026-05-04", "2026-02-16", "2027-04-26", "2025-12-05"],
)
def test_christmas_eve_new_years_eve_4_may_carnival_and_sinterklaas_are_working_days(
    day: str,
) -> None:
    calendar = atw_calendar()

    assert calendar.is_working_day(_d(day))
    assert calendar.reason(_d(day)) is None


def test_a_kb_day_is_not_a_working_day_only_when_the_calendar_knows_the_kb() -> None:
    without_kb = AtwCalendar()

    assert without_kb.is_working_day(date(2026, 5, 15))
    assert not atw_calendar().is_working_day(date(2026, 5, 15))


def test_a_kb_day_on_a_statutory_feestdag_keeps_the_statutory_name() -> None:
    odd = gelijkgestelde_dag(day=date(2026, 12, 25), name="kerst", besluit="Besluit X")

    calendar = AtwCalendar([odd])

    assert calendar.reason(date(2026, 12, 25)) == "Eerste Kerstdag (Atw art. 3 lid 1)"


def test_next_working_day_is_the_day_itself_when_it_is_a_working_day() -> None:
    assert atw_calendar().next_working_day(date(2025, 12, 24)) == date(2025, 12, 24)


def test_next_working_day_after_christmas_2025_is_monday_29_december() -> None:
    assert atw_calendar().next_working_day(date(2025, 12, 25)) == date(2025, 12, 29)


def test_next_working_day_after_nieuwjaarsdag_2026_skips_the_kb_friday() -> None:
    assert atw_calendar().next_working_day(date(2026, 1, 1)) == date(2026, 1, 5)


def test_previous_working_day_before_easter_monday_2026_is_maundy_thursday() -> None:
    assert atw_calendar().previous_working_day(date(2026, 4, 6)) == date(2026, 4, 2)


def test_add_working_days_does_not_count_the_start_and_skips_easter() -> None:
    assert atw_calendar().add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_add_working_days_over_hemelvaart_skips_the_kb_friday() -> None:
    assert atw_calendar().add_working_days(date(2026, 5, 13), 2) == date(2026, 5, 19)


def test_subtract_working_days_counts_back_over_easter() -> None:
    assert atw_calendar().subtract_working_days(date(2026, 4, 7), 1) == date(2026, 4, 2)


def test_add_working_days_refuses_zero() -> None:
    with pytest.raises(InvalidTermError, match="at least 1"):
        atw_calendar().add_working_days(date(2026, 4, 2), 0)


def test_a_year_before_koningsdag_existed_is_refused_with_a_clear_message() -> None:
    with pytest.raises(InvalidDateError, match="starts in 2014"):
        atw_calendar().is_working_day(date(2013, 4, 30))


def test_feestdagen_returns_a_copy_that_callers_cannot_corrupt() -> None:
    calendar = atw_calendar()

    calendar.feestdagen(2026).clear()

    assert len(calendar.feestdagen(2026)) == 11


def test_has_gelijkgestelde_tells_which_years_the_kb_covers() -> None:
    calendar = atw_calendar()

    assert calendar.has_gelijkgestelde(2028)
    assert not calendar.has_gelijkgestelde(2029)


def test_non_working_day_is_a_frozen_value() -> None:
    day = NonWorkingDay(day=date(2026, 1, 1), name="Nieuwjaarsdag", source="Atw art. 3 lid 1")

    with pytest.raises(AttributeError):
        day.name = "x"  # type: ignore[misc]


def test_format_datum_writes_the_dutch_long_date_of_letters_in_any_language() -> None:
    assert format_datum(date(2026, 3, 13)) == "13 maart 2026"
