"""How a letter writes a value: in Dutch, whatever language the program speaks (and back)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from escalation.domain.model import ParamValue
from escalation.domain.terms import Term
from escalation.formatting import long_date, money, month_year


def datum(d: date) -> str:
    """'31 januari 2025'."""
    return long_date(d, "nl")


@cache
def _dutch_months() -> dict[str, int]:
    """{'januari': 1, ...}: the month names that formatting (Babel) writes in Dutch."""
    return {month_year(date(2000, n, 1), "nl").split()[0]: n for n in range(1, 13)}


def parse_datum(text: str) -> date | None:
    """'31 januari 2025' back to a date (a letter's own notation), or None."""
    parts = text.strip().split()
    if len(parts) != 3 or not (parts[0].isdigit() and parts[2].isdigit()):
        return None
    month = _dutch_months().get(parts[1])
    if month is None:
        return None
    try:
        return date(int(parts[2]), month, int(parts[0]))
    except ValueError:
        return None


def format_param(value: ParamValue) -> str:
    """An action parameter as a letter writes it."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return datum(value)
    if isinstance(value, Decimal):
        return money(value, "nl")
    if isinstance(value, Term):
        return str(value)
    return value
