"""Reading what people type: terms ('6 weken') and dates (2025-01-31 or 31-01-2025)."""

from __future__ import annotations

import difflib
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from escalation.domain.errors import InvalidDateError, InvalidTermError
from escalation.domain.limits import MAX_TERM_AMOUNT, check_day
from escalation.domain.text import shorten
from escalation.formatting import month_year
from escalation.i18n import N_, _


class Unit(StrEnum):
    """The unit a term is written in."""

    UREN = "uren"
    DAGEN = "dagen"
    WERKDAGEN = "werkdagen"
    WEKEN = "weken"
    MAANDEN = "maanden"
    JAREN = "jaren"


_SINGULAR = {
    Unit.UREN: "uur",
    Unit.DAGEN: "dag",
    Unit.WERKDAGEN: "werkdag",
    Unit.WEKEN: "week",
    Unit.MAANDEN: "maand",
    Unit.JAREN: "jaar",
}
# Dutch says "48 uur" and "2 jaar"; the other units take their plural.
_PLURAL = {**{unit: unit.value for unit in Unit}, Unit.UREN: "uur", Unit.JAREN: "jaar"}


@dataclass(frozen=True, slots=True)
class Term:
    """A length of time as the law or a besluit writes it: '6 weken', '10 werkdagen'."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 1:
            raise InvalidTermError(
                _("A term must be at least 1 {unit}; got {amount} {units}.").format(
                    unit=_SINGULAR[self.unit], amount=self.amount, units=_PLURAL[self.unit]
                )
            )
        if self.unit is Unit.UREN and self.amount % 24:
            raise InvalidTermError(
                _(
                    "A term of {amount} uur needs a time of day, which the engine does not "
                    "track. Use a multiple of 24 uur, or set an explicit date."
                ).format(amount=self.amount)
            )
        if self.amount > MAX_TERM_AMOUNT:
            raise InvalidTermError(_too_long(f"{self.amount} {_PLURAL[self.unit]}"))

    def __str__(self) -> str:
        word = _SINGULAR[self.unit] if self.amount == 1 else _PLURAL[self.unit]
        return f"{self.amount} {word}"


_UNIT_WORDS: dict[str, Unit] = {
    **dict.fromkeys(("uur", "uren", "hour", "hours"), Unit.UREN),
    **dict.fromkeys(
        ("dag", "dagen", "kalenderdag", "kalenderdagen", "day", "days", "calendar day"),
        Unit.DAGEN,
    ),
    "calendar days": Unit.DAGEN,
    **dict.fromkeys(("werkdag", "werkdagen", "workday", "workdays"), Unit.WERKDAGEN),
    **dict.fromkeys(
        ("working day", "working days", "business day", "business days"), Unit.WERKDAGEN
    ),
    **dict.fromkeys(("week", "weken", "weeks"), Unit.WEKEN),
    **dict.fromkeys(("maand", "maanden", "month", "months"), Unit.MAANDEN),
    **dict.fromkeys(("jaar", "jaren", "year", "years"), Unit.JAREN),
}
_DUTCH_NUMBERS = (
    "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
    "negentien", "twintig",
)  # fmt: skip
_ENGLISH_NUMBERS = (
    "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip
_NUMBER_WORDS: dict[str, int] = {
    **{word: n for n, word in enumerate(_DUTCH_NUMBERS, start=1)},
    **{word: n for n, word in enumerate(_ENGLISH_NUMBERS, start=1)},
    "één": 1,
}


def _too_long(term: str) -> str:
    return _(
        "'{term}' is longer than any legal term: the number of a term is at most {limit}."
    ).format(term=shorten(term), limit=MAX_TERM_AMOUNT)


_TERM_RE = re.compile(r"(?P<number>[+-]? ?[0-9]+(?:[.,][0-9]+)?|[^\W\d_]+) ?(?P<unit>.*)")
_EXAMPLE = N_("Write a number and a unit, e.g. '6 weken' or '10 werkdagen'.")


def _with_example(message: str) -> str:
    return f"{message} {_(_EXAMPLE)}"


def parse_term(text: str) -> Term:
    """Read a term such as '6 weken', 'zes weken', '10 working days' or '48 uur'.

    Raises:
        InvalidTermError: empty text, no number, an unknown unit, or a number below 1 or
            above MAX_TERM_AMOUNT.
    """
    clean = " ".join(text.split()).lower()
    if not clean:
        raise InvalidTermError(_with_example(_("No term given.")))
    given = shorten(text.strip())
    match = _TERM_RE.fullmatch(clean)
    if match is None:
        raise InvalidTermError(
            _with_example(_("The term '{term}' does not start with a number.").format(term=given))
        )
    amount = _read_amount(match["number"], given)
    return Term(amount=amount, unit=_read_unit(match["unit"], given))


def _read_amount(number: str, text: str) -> int:
    if number in _NUMBER_WORDS:
        return _NUMBER_WORDS[number]
    if number[-1:].isdigit() and any(mark in number for mark in ".,"):
        raise InvalidTermError(
            _(
                "A term needs a whole number; '{term}' has a fraction. "
                "Write it in a smaller unit, e.g. dagen instead of weken."
            ).format(term=text)
        )
    if not number[-1:].isdigit():
        raise InvalidTermError(
            _with_example(_("The term '{term}' has no number.").format(term=text))
        )
    digits = number.replace(" ", "").lstrip("+-").lstrip("0")
    if len(digits) > len(str(MAX_TERM_AMOUNT)):  # before int(): 4 300 digits are slow to read
        raise InvalidTermError(_too_long(text))
    return int(number.replace(" ", ""))


def _read_unit(word: str, text: str) -> Unit:
    if not word:
        raise InvalidTermError(_with_example(_("The term '{term}' has no unit.").format(term=text)))
    if word in _UNIT_WORDS:
        return _UNIT_WORDS[word]
    close = difflib.get_close_matches(word, list(_UNIT_WORDS), n=1)
    hint = (
        _("Did you mean '{unit}'?").format(unit=close[0])
        if close
        else _("Use uren, dagen, werkdagen, weken, maanden or jaren.")
    )
    unknown = _("Unknown unit '{unit}' in '{term}'.").format(unit=word, term=text)
    raise InvalidTermError(f"{unknown} {hint}")


# A jurist writes 31-01-2025 (also 31/01/2025, 31.01.2025, 1-2-2026); machines write ISO.
_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DUTCH_RE = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4})")
_LOOSE_DMY_RE = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
_LOOSE_YMD_RE = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
_SHORT_YEAR_RE = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2}")
_DATE_LIKE_RE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]")
_FORMS = N_("Write dates as YYYY-MM-DD or DD-MM-YYYY, e.g. {example}.")


def parse_date(text: str) -> date:
    """Read a date written as 2025-01-31 (ISO) or as 31-01-2025 (the Dutch order).

    The Dutch order also takes / or . as separator and a day or month of one digit
    (1-2-2026 is 1 February 2026); the year always has four digits.

    Raises:
        InvalidDateError: another form, a two-digit year, or a day that does not exist;
            the message names the accepted forms. A day outside FIRST_DAY..LAST_DAY
            (domain.limits: 2014 to 2099).
    """
    clean = text.strip()
    parts = _date_parts(clean)
    if parts is None:
        raise InvalidDateError(_unreadable(shorten(clean)))
    year, month, day = parts
    problem = _date_problem(year, month, day)
    if problem is not None:
        raise InvalidDateError(
            _("{text} is not a date: {problem}.").format(text=clean, problem=problem)
        )
    return check_day(date(year, month, day), text=clean)


def _date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a text in one of the accepted forms, not yet checked."""
    iso = _ISO_RE.fullmatch(text)
    if iso is not None:
        return int(iso[1]), int(iso[2]), int(iso[3])
    dutch = _DUTCH_RE.fullmatch(text)
    if dutch is not None:
        return int(dutch[4]), int(dutch[3]), int(dutch[1])
    return None


def _unreadable(text: str) -> str:
    if not text:
        given = _("No date given.")
    elif _SHORT_YEAR_RE.fullmatch(text):
        given = _("'{text}' has a two-digit year, which could be more than one century.")
    else:
        given = _("'{text}' is not a date in a form the engine reads.")
    forms = _(_FORMS).format(example=_example(text))
    return f"{given.format(text=text)} {forms}"


def _date_problem(year: int, month: int, day: int) -> str | None:
    if year < 1:
        return _("there is no year 0")
    if not 1 <= month <= 12:
        return _("there is no month {month}").format(month=month)
    days_in_month = monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        return _("{month} has {days} days").format(
            month=month_year(date(year, month, 1)), days=days_in_month
        )
    return None


def _example(text: str) -> str:
    # Show the very date the user meant, in both forms, when it is unambiguous
    # (2025-1-5 lacks leading zeros; 31-01/2025 mixes separators).
    for pattern, order in ((_LOOSE_DMY_RE, (2, 1, 0)), (_LOOSE_YMD_RE, (0, 1, 2))):
        match = pattern.fullmatch(text)
        if match is not None:
            year, month, day = (int(match.groups()[i]) for i in order)
            if _date_problem(year, month, day) is None:
                return _both_forms(date(year, month, day))
    return _both_forms(date(2025, 1, 31))


def _both_forms(d: date) -> str:
    return _("{iso} or {dmy}").format(iso=d.isoformat(), dmy=f"{d.day:02}-{d.month:02}-{d.year:04}")


def parse_term_or_date(text: str) -> Term | date:
    """A date if the text looks like one (digits with - / or . separators), else a term."""
    if _DATE_LIKE_RE.match(text.strip()):
        return parse_date(text)
    return parse_term(text)
