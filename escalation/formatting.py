"""Dates, money and counts as people read them, in Dutch or English, via Babel (CLDR data).

Every function takes `lang` ('nl' or 'en'; default: the current language of escalation.i18n).
Letters are always Dutch: pass lang="nl" there. JSON output never comes through here: it keeps
ISO dates and plain numbers. Babel is imported on the first call, not with this module, so that
importing it costs nothing at start-up.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from escalation.i18n import resolve_language

# English as written in the Netherlands and the UK: day before month, no comma.
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
_NBSP = "\u00a0"


def long_day(d: date, lang: str | None = None) -> str:
    """'vrijdag 31 januari 2025' / 'Friday 31 January 2025' (explanations, letters)."""
    return _date(d, "EEEE d MMMM y", lang)


def long_date(d: date, lang: str | None = None) -> str:
    """'31 januari 2025' / '31 January 2025'."""
    return _date(d, "d MMMM y", lang)


def short_day(d: date, lang: str | None = None) -> str:
    """'vr 31-01-2025' / 'Fri 31-01-2025' (tables)."""
    return _date(d, "EEE dd-MM-yyyy", lang)


def iso_day(d: date, lang: str | None = None) -> str:
    """'2025-01-31 (vr)' / '2025-01-31 (Fri)': the ISO date a script can read, with its weekday."""
    return f"{d.isoformat()} ({_date(d, 'EEE', lang)})"


def weekday(d: date, lang: str | None = None) -> str:
    """'vrijdag' / 'Friday'."""
    return _date(d, "EEEE", lang)


def month_year(d: date, lang: str | None = None) -> str:
    """'februari 2025' / 'February 2025' (e.g. 'februari 2025 has 28 days')."""
    return _date(d, "MMMM y", lang)


def money(amount: Decimal, lang: str | None = None) -> str:
    """Euros, rounded to the cent: '€ 1.000,00' / '€1,000.00'.

    Babel (CLDR) puts a no-break space (U+00A0) between '€' and the Dutch amount; we write an
    ordinary space, as the letters always have: formatted amounts are stored as action
    parameters and read back by `domain.params.parse_money`, and plain-text letters and mails
    are compared and searched as typed text.
    """
    from babel.numbers import format_currency

    text = format_currency(amount, "EUR", locale=_locale(lang))
    return text.replace(_NBSP, " ")


def count(n: int, lang: str | None = None) -> str:
    """A whole number with its thousands grouped: '4.750' / '4,750'."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_locale(lang))


def _date(d: date, pattern: str, lang: str | None) -> str:
    from babel.dates import format_date

    return format_date(d, pattern, locale=_locale(lang))


def _locale(lang: str | None) -> str:
    return _LOCALES[resolve_language(lang)]
