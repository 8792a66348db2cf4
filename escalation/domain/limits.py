"""The ranges escalation accepts: dates, ids, term numbers, amounts and text lengths.

One set of limits for every database: SQLite does not enforce a column's length and PostgreSQL
refuses a longer value only when it is written, so the domain checks them first and both
databases refuse the same input the same way, before anything is written.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from escalation.domain.errors import InvalidDateError
from escalation.domain.text import shorten
from escalation.i18n import _

# Koningsdag exists since 2014 (before that the Atw holiday was Koninginnedag, which the
# calendar does not model); terms, reminders and agendas beyond 2099 are not a sane input.
FIRST_YEAR = 2014
LAST_YEAR = 2099
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)

# Ids are PostgreSQL `integer` columns (SQLite's go further): a larger one names nothing.
MAX_ID = 2**31 - 1

# A term's number: '9999 dagen' is some 27 years; more is not a term but a typing error.
MAX_TERM_AMOUNT = 9999

# The largest amount in euro (a dwangsom, its maximum): nine digits before the cents.
MAX_AMOUNT = Decimal("999999999.99")

# Lengths in characters, as the columns hold them (storage/tables.py).
NAME_LENGTH = 300  # a provider's name, a case's title
SHORT_NAME_LENGTH = 100  # an alias, a handler, who acts (--by)
SIGNATORY_LENGTH = 200  # the signatory's name, function or mandate line (settings)
ADDRESS_LENGTH = 200  # a provider's postal address, its lines separated by commas
TEXT_LENGTH = 10_000  # a reason, a text parameter, a letter's field: some four pages


def check_day(day: date, *, text: str | None = None) -> date:
    """`day` itself, or InvalidDateError when it lies outside FIRST_DAY..LAST_DAY.

    `text` is the date as the user typed it (echoed in the message); default its ISO form.
    """
    if FIRST_DAY <= day <= LAST_DAY:
        return day
    raise InvalidDateError(
        _("{day} is outside the dates escalation works with: {range}.").format(
            day=shorten(text) if text else day.isoformat(), range=date_range()
        )
    )


def check_year(year: int) -> int:
    """`year` itself, or InvalidDateError when it lies outside FIRST_YEAR..LAST_YEAR."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return year
    raise InvalidDateError(
        _("The calendar covers the years {first} to {last}; {year} is outside them.").format(
            first=FIRST_YEAR, last=LAST_YEAR, year=shorten(str(year), 20)
        )
    )


def date_range() -> str:
    """The range of dates in words: '2014-01-01 to 2099-12-31'."""
    return _("{first} to {last}").format(first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
