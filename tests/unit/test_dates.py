"""Reading dates as people type them: ISO (2025-01-31) or the Dutch order (31-01-2025)."""

from __future__ import annotations

from datetime import date

import pytest

from escalation.domain.errors import InvalidDateError
from escalation.domain.terms import Term, Unit, parse_date, parse_term_or_date
from escalation.i18n import set_language


def test_parse_date_reads_an_iso_date() -> None:
    assert parse_date(" 2024-02-29 ") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31-01-2025", date(2025, 1, 31)),
        ("31/01/2025", date(2025, 1, 31)),
        ("31.01.2025", date(2025, 1, 31)),
        ("1-2-2026", date(2026, 2, 1)),
        ("01-02-2026", date(2026, 2, 1)),
        ("29-02-2024", date(2024, 2, 29)),
        (" 5.5.2029 ", date(2029, 5, 5)),
    ],
)
def test_parse_date_reads_the_day_month_year_order_a_jurist_writes(
    text: str, expected: date
) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "2025-02-30 is not a date: February 2025 has 28 days."),
        ("2025-13-01", "2025-13-01 is not a date: there is no month 13."),
        ("2025-04-31", "2025-04-31 is not a date: April 2025 has 30 days."),
        ("29-02-2025", "29-02-2025 is not a date: February 2025 has 28 days."),
        ("31-04-2026", "31-04-2026 is not a date: April 2026 has 30 days."),
        ("01-13-2025", "01-13-2025 is not a date: there is no month 13."),
        ("31/02/2025", "31/02/2025 is not a date: February 2025 has 28 days."),
        (
            "31-01-25",
            "'31-01-25' has a two-digit year, which could be more than one century. "
            "Write dates as YYYY-MM-DD or DD-MM-YYYY, e.g. 2025-01-31 or 31-01-2025.",
        ),
        (
            "2025-1-5",
            "Write dates as YYYY-MM-DD or DD-MM-YYYY, e.g. 2025-01-05 or 05-01-2025.",
        ),
        ("31-01/2025", "e.g. 2025-01-31 or 31-01-2025."),
        ("", "No date given. Write dates as YYYY-MM-DD or DD-MM-YYYY"),
        ("2025-01-31T10:00", "Write dates as YYYY-MM-DD or DD-MM-YYYY"),
        ("31 januari 2025", "is not a date in a form the engine reads"),
    ],
)
def test_parse_date_explains_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidDateError) as raised:
        parse_date(text)

    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-13", date(2026, 3, 13)),
        ("13-03-2026", date(2026, 3, 13)),
        ("1-2-2026", date(2026, 2, 1)),
        ("6 weken", Term(6, Unit.WEKEN)),
    ],
)
def test_parse_term_or_date_tells_a_date_from_a_term(text: str, expected: object) -> None:
    assert parse_term_or_date(text) == expected


@pytest.mark.parametrize("text", ["31-01-25", "2025-13-01", "2025/01/31", "31-04-2026"])
def test_parse_term_or_date_reports_a_malformed_date_as_a_date_error(text: str) -> None:
    with pytest.raises(InvalidDateError):
        parse_term_or_date(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "2025-02-30 is geen datum: februari 2025 heeft 28 dagen."),
        (
            "31-01-25",
            "'31-01-25' heeft een jaartal van twee cijfers, dat in meer dan één eeuw kan vallen. "
            "Schrijf een datum als JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld 2025-01-31 of "
            "31-01-2025.",
        ),
    ],
)
def test_a_date_is_refused_in_dutch(text: str, message: str) -> None:
    set_language("nl")

    with pytest.raises(InvalidDateError) as raised:
        parse_date(text)

    assert str(raised.value) == message
