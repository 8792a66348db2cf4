"""Typed action parameters: read what the user typed after --set, refuse what is malformed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from escalation.domain.definition import DAGTEKENING, ActionSpec, ParameterSpec, ParamType
from escalation.domain.errors import InvalidInputError, InvalidParameterError
from escalation.domain.limits import MAX_AMOUNT, TEXT_LENGTH
from escalation.domain.model import ParamValue
from escalation.domain.terms import Term, parse_date, parse_term_or_date
from escalation.domain.text import TEXT, multi_line, shorten
from escalation.formatting import money
from escalation.i18n import _

YES = {"ja", "j", "yes", "y", "true", "1"}
NO = {"nee", "n", "no", "false", "0"}
# 1000, 1000.5, 1000,50 | 1.000, 1.000,50 (a point between thousands: Dutch notation only)
_PLAIN = re.compile(r"[0-9]+(?:[.,][0-9]{1,2})?")
_DUTCH = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?")
_FRACTION = re.compile(r"[0-9]+[.,][0-9]{3,}")


def parse_params(action: ActionSpec, raw: Mapping[str, str], *, on: date) -> dict[str, ParamValue]:
    """Type every parameter of the action; apply defaults; refuse unknown or missing ones."""
    unknown = sorted(set(raw) - {p.name for p in action.parameters})
    if unknown:
        known = ", ".join(p.name for p in action.parameters) or _("none")
        raise InvalidParameterError(
            _("Action '{action}' has no parameter '{name}'. Its parameters are: {known}.").format(
                action=action.name, name=unknown[0], known=known
            )
        )
    values: dict[str, ParamValue] = {}
    for spec in action.parameters:
        text = raw.get(spec.name, spec.default)
        if text is None:
            if spec.required:
                raise InvalidParameterError(_missing(action, spec))
            continue
        values[spec.name] = parse_value(spec, on if text == DAGTEKENING else text, action=action)
    return values


def _missing(action: ActionSpec, spec: ParameterSpec) -> str:
    example = {
        ParamType.DATE: "2025-01-31",
        ParamType.TERM: "3 maanden",
        ParamType.MONEY: "1000",
        ParamType.YESNO: "ja",
        ParamType.CHOICE: spec.choices[0] if spec.choices else "x",
        ParamType.TEXT: "'...'",
    }[spec.type]
    return _(
        "Action '{action}' needs the parameter '{name}' ({help}). Add --set {name}={example}."
    ).format(action=action.name, name=spec.name, help=spec.help or spec.type, example=example)


def parse_value(spec: ParameterSpec, text: str | date, *, action: ActionSpec) -> ParamValue:
    if isinstance(text, date):
        return text
    try:
        return _PARSERS[spec.type](spec, text.strip())
    except InvalidInputError as err:
        raise InvalidParameterError(
            _("Parameter '{name}' of '{action}': {problem}").format(
                name=spec.name, action=action.name, problem=err
            )
        ) from None


def _date(_spec: ParameterSpec, text: str) -> ParamValue:
    return parse_date(text)


def _term(_spec: ParameterSpec, text: str) -> ParamValue:
    return parse_term_or_date(text)


def _text(_spec: ParameterSpec, text: str) -> ParamValue:
    if not text:
        raise InvalidInputError(_("the text is empty."))
    return multi_line(text, field=TEXT, limit=TEXT_LENGTH)


def _choice(spec: ParameterSpec, text: str) -> ParamValue:
    if text.lower() not in spec.choices:
        raise InvalidInputError(
            _("'{text}' is not one of: {choices}.").format(
                text=text, choices=", ".join(spec.choices)
            )
        )
    return text.lower()


def _yesno(_spec: ParameterSpec, text: str) -> ParamValue:
    if text.lower() in YES:
        return True
    if text.lower() in NO:
        return False
    raise InvalidInputError(_("'{text}' is not ja or nee.").format(text=text))


def parse_money(text: str) -> Decimal:
    """Read an euro amount in Dutch ("1.000,50", "€ 1.000") or plain ("1000.50") notation.

    Only the digits 0-9, one decimal mark with at most two decimals, and (Dutch notation)
    a point between groups of three digits; no exponent ("1e6"), no "_", nothing above
    MAX_AMOUNT.
    """
    cleaned = text.replace("€", "").replace("EUR", "").replace(" ", "").strip()
    if _PLAIN.fullmatch(cleaned):
        amount = Decimal(cleaned.replace(",", "."))
    elif _DUTCH.fullmatch(cleaned):
        amount = Decimal(cleaned.replace(".", "").replace(",", "."))
    elif _FRACTION.fullmatch(cleaned):
        raise InvalidInputError(
            _("'{text}' has more than two decimals; amounts are in whole cents.").format(
                text=shorten(text)
            )
        )
    else:
        raise InvalidInputError(
            _("'{text}' is not an amount in euro, e.g. 1000 or 1.000,00.").format(
                text=shorten(text)
            )
        )
    if amount <= 0:
        raise InvalidInputError(
            _("'{text}' is not a positive amount in whole cents.").format(text=text)
        )
    if amount > MAX_AMOUNT:
        raise InvalidInputError(
            _("'{text}' is more than {maximum}, the largest amount escalation takes.").format(
                text=shorten(text), maximum=money(MAX_AMOUNT)
            )
        )
    return amount.quantize(Decimal("0.01"))


def _money(_spec: ParameterSpec, text: str) -> ParamValue:
    return parse_money(text)


_PARSERS = {
    ParamType.DATE: _date,
    ParamType.TERM: _term,
    ParamType.MONEY: _money,
    ParamType.TEXT: _text,
    ParamType.CHOICE: _choice,
    ParamType.YESNO: _yesno,
}


def render_value(value: ParamValue) -> str:
    """The canonical text of a typed value, as stored in the history."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Term | Decimal):
        return str(value)
    return value
