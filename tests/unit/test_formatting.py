"""escalation.formatting gives what the hand-written tables gave, so the swap kept every letter.

The hand-written formatters that escalation.formatting replaced are kept below, frozen, as the
reference the Babel-based functions are compared with, day for day and amount for amount.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from escalation import formatting
from escalation.cli.output import day as cli_day
from escalation.i18n import set_language

FRIDAY = date(2025, 1, 31)

# --- the hand-written formatters of escalation before issue 8, frozen --------------------------

_DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_datum(d: date) -> str:
    """domain/calendar.py: '31 januari 2025'."""
    return f"{d.day} {_MAANDEN[d.month - 1]} {d.year}"


def format_dag(d: date) -> str:
    """domain/calendar.py: 'vrijdag 2 januari 2026'."""
    return f"{_DAGEN[d.weekday()]} {format_datum(d)}"


def terms_format_day(d: date) -> str:
    """domain/terms.py format_day: 'Saturday 5 May 2029'."""
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def terms_format_month(d: date) -> str:
    """domain/terms.py format_month: 'February 2025'."""
    return f"{_MONTHS[d.month - 1]} {d.year}"


def format_euro(amount: Decimal) -> str:
    """domain/letter_context.py: '€ 1.000,00'."""
    whole, cents = f"{amount.quantize(Decimal('0.01')):,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


# --- the comparisons ---------------------------------------------------------------------------


def _days() -> list[date]:
    """Every day of 2024 to 2026 (a leap year, every weekday and month), and some far ones."""
    first = date(2024, 1, 1)
    every_day = [first + timedelta(days=n) for n in range((date(2027, 1, 1) - first).days)]
    return [*every_day, date(2014, 4, 26), date(2099, 12, 31), date(1999, 2, 28)]


DAYS = _days()


def test_long_date_in_dutch_is_calendar_format_datum() -> None:
    assert [formatting.long_date(d, "nl") for d in DAYS] == [format_datum(d) for d in DAYS]


def test_long_day_in_dutch_is_calendar_format_dag() -> None:
    assert [formatting.long_day(d, "nl") for d in DAYS] == [format_dag(d) for d in DAYS]


def test_long_day_in_english_is_terms_format_day() -> None:
    assert [formatting.long_day(d, "en") for d in DAYS] == [terms_format_day(d) for d in DAYS]


def test_month_year_in_english_is_terms_format_month() -> None:
    assert [formatting.month_year(d, "en") for d in DAYS] == [terms_format_month(d) for d in DAYS]


def test_long_day_in_english_is_strftime_in_the_c_locale_without_depending_on_it() -> None:
    # cli/legal_time.py prints f"{end:%A %-d %B %Y}", which is English only in the C locale.
    assert [formatting.long_day(d, "en") for d in DAYS] == [f"{d:%A %-d %B %Y}" for d in DAYS]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_cli_shows_a_day_as_the_short_day_of_the_current_language(lang: str) -> None:
    set_language(lang)

    assert [cli_day(d) for d in DAYS] == [formatting.short_day(d, lang) for d in DAYS]


def test_the_dutch_weekday_abbreviations_are_two_letters() -> None:
    week = [date(2025, 1, 27) + timedelta(days=n) for n in range(7)]
    abbreviations = [formatting.short_day(d, "nl").split()[0] for d in week]

    assert abbreviations == ["ma", "di", "wo", "do", "vr", "za", "zo"]


SHOWN = {
    "nl": (
        "vrijdag 31 januari 2025",
        "31 januari 2025",
        "vr 31-01-2025",
        "vrijdag",
        "januari 2025",
    ),
    "en": ("Friday 31 January 2025", "31 January 2025", "Fri 31-01-2025", "Friday", "January 2025"),
}


@pytest.mark.parametrize("lang", SHOWN)
def test_each_date_form_in_each_language(lang: str) -> None:
    shown = (
        formatting.long_day(FRIDAY, lang),
        formatting.long_date(FRIDAY, lang),
        formatting.short_day(FRIDAY, lang),
        formatting.weekday(FRIDAY, lang),
        formatting.month_year(FRIDAY, lang),
    )

    assert shown == SHOWN[lang]


def test_a_short_day_of_an_early_year_keeps_four_digits() -> None:
    assert formatting.short_day(date(999, 1, 2), "nl") == "wo 02-01-0999"


def test_dates_follow_the_current_language_unless_told() -> None:
    set_language("en")

    assert formatting.long_date(FRIDAY) == "31 January 2025"
    assert formatting.long_date(FRIDAY, "nl") == "31 januari 2025"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        formatting.long_date(FRIDAY, "fr")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("0.01", "€ 0,01"),
        ("0.5", "€ 0,50"),
        ("15", "€ 15,00"),
        ("1000", "€ 1.000,00"),
        ("1234567.89", "€ 1.234.567,89"),
        ("1000000.00", "€ 1.000.000,00"),
    ],
)
def test_money_in_dutch(amount: str, shown: str) -> None:
    assert formatting.money(Decimal(amount), "nl") == shown


def test_dutch_money_has_an_ordinary_space_not_babels_no_break_space() -> None:
    assert "\u00a0" not in formatting.money(Decimal("1000"), "nl")


def test_money_in_english() -> None:
    assert formatting.money(Decimal("1000000"), "en") == "€1,000,000.00"


@given(
    st.decimals(
        min_value=Decimal("0.0001"), max_value=Decimal("999999999"), places=4, allow_nan=False
    )
)
def test_dutch_money_is_letters_format_euro_for_any_positive_amount(amount: Decimal) -> None:
    assert formatting.money(amount, "nl") == format_euro(amount)


@pytest.mark.parametrize("amount", ["0.005", "0.015", "0.025", "2.675", "1000.125"])
def test_money_rounds_half_cents_as_format_euro_does(amount: str) -> None:
    assert formatting.money(Decimal(amount), "nl") == format_euro(Decimal(amount))
