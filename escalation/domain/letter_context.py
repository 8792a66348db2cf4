"""The exact context a letter template receives, built purely from the case and its facts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from escalation.domain.calendar import DUTCH_MONTHS, format_dag, format_datum
from escalation.domain.errors import InvalidInputError
from escalation.domain.letters import (
    LAYOUT_FIELDS,
    ActionFacts,
    InputSpec,
    InputType,
    LetterError,
    Organisation,
    TemplateSpec,
)
from escalation.domain.model import Case, Deadline, ParamValue
from escalation.domain.params import parse_money
from escalation.domain.terms import Term, parse_term_or_date

# --- Dutch formatting -----------------------------------------------------------------------


def parse_datum(text: str) -> date | None:
    """'31 januari 2025' back to a date (a letter's own notation), or None."""
    parts = text.strip().split()
    if len(parts) == 3 and parts[0].isdigit() and parts[1] in DUTCH_MONTHS and parts[2].isdigit():
        try:
            return date(int(parts[2]), DUTCH_MONTHS.index(parts[1]) + 1, int(parts[0]))
        except ValueError:
            return None
    return None


def format_euro(amount: Decimal) -> str:
    """Euro in Dutch notation: '€ 1.000,00'."""
    whole, cents = f"{amount.quantize(Decimal('0.01')):,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def format_param(value: ParamValue) -> str:
    """An action parameter as a letter writes it."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return format_datum(value)
    if isinstance(value, Decimal):
        return format_euro(value)
    if isinstance(value, Term):
        return str(value)
    return value


# --- the context ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    spec: TemplateSpec
    case: Case
    organisation: Organisation
    on: date
    action: ActionFacts | None
    inputs: Mapping[str, str]
    reminder: Deadline | None = None


def build_context(
    *,
    spec: TemplateSpec,
    case: Case,
    organisation: Organisation,
    on: date,
    action: ActionFacts | None = None,
    inputs: Mapping[str, str] | None = None,
    reminder: Deadline | None = None,
) -> dict[str, Any]:
    """The exact context a template receives: formatted, complete, JSON-storable.

    Raises:
        LetterError: a declared field, input, parameter or deadline is missing or empty.
    """
    facts = _Facts(spec, case, organisation, on, action, inputs or {}, reminder)
    unknown = sorted(set(facts.inputs) - {i.name for i in spec.inputs})
    if unknown:
        known = ", ".join(i.name for i in spec.inputs) or "none"
        raise LetterError(
            f"Letter '{spec.name}' has no field '{unknown[0]}' to set. Its fields are: {known}."
        )
    context: dict[str, Any] = {}
    for name in (*LAYOUT_FIELDS, *spec.fields):
        context[name] = _engine_field(name, facts)
    for name in spec.parameters:
        context[name] = _parameter(name, facts)
    for item in spec.inputs:
        context[item.name] = _input(item, facts)
    check_complete(context, template=spec.name)
    return context


def check_complete(value: Any, *, template: str, path: str = "") -> None:
    """Refuse None and blank text anywhere in a context: a letter never prints a blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise LetterError(f"Letter '{template}': the field '{path}' is empty.")
    if isinstance(value, Mapping):
        for key, item in value.items():
            check_complete(item, template=template, path=f"{path}.{key}" if path else key)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_complete(item, template=template, path=f"{path}[{i}]")


def _input(item: InputSpec, facts: _Facts) -> str:
    value = facts.inputs.get(item.name, item.default)
    if item.name == "termijnsoort" and facts.reminder is not None:
        value = facts.reminder.kind
    if value is None or not value.strip():
        help_text = f" ({item.help})" if item.help else ""
        raise LetterError(
            f"Letter '{facts.spec.name}' needs the field '{item.name}'{help_text}. "
            f"Add --set {item.name}=..."
        )
    try:
        if item.type is InputType.MONEY:
            return format_euro(parse_money(value))
        if item.type is InputType.TERM:
            return format_param(parse_datum(value) or parse_term_or_date(value))
    except InvalidInputError as err:
        raise LetterError(f"Letter '{facts.spec.name}', field '{item.name}': {err}") from None
    return value.strip()


def _parameter(name: str, facts: _Facts) -> str:
    if facts.action is None or name not in facts.action.params:
        action = facts.action.name if facts.action else facts.spec.action or "its action"
        raise LetterError(
            f"Letter '{facts.spec.name}' needs the parameter '{name}' of '{action}', "
            "which the case does not have."
        )
    return format_param(facts.action.params[name])


def _engine_field(name: str, facts: _Facts) -> Any:
    builder = _ENGINE_FIELDS.get(name)
    if builder is None:
        raise LetterError(
            f"Letter '{facts.spec.name}' declares the field '{name}', which the engine does not "
            f"provide. Engine fields: {', '.join(sorted(_ENGINE_FIELDS))}."
        )
    return builder(facts)


def _afzender(facts: _Facts) -> dict[str, Any]:
    return dict(facts.organisation.afzender)


def _ontvanger(facts: _Facts) -> dict[str, str]:
    provider = facts.case.provider
    return {
        "naam": provider.name,
        "kort": provider.alias or provider.name,
        "kvk": provider.kvk,
        "soort": provider.kind.value.replace("-", " "),
    }


def _zaak(facts: _Facts) -> dict[str, str]:
    case = facts.case
    number = str(case.id) if case.id is not None else "nieuw"
    return {"nummer": number, "kenmerk": f"{case.workflow_name.upper()}-{number}"}


def _verzonden(facts: _Facts) -> str:
    sent = facts.action.params.get("verzonden") if facts.action else None
    return format_datum(sent if isinstance(sent, date) else facts.on)


def _actiedatum(facts: _Facts) -> str:
    return format_datum(facts.action.on if facts.action else facts.on)


def _termijn(facts: _Facts) -> dict[str, dict[str, str]]:
    return {kind: deadline_fields(_deadline(kind, facts)) for kind in facts.spec.deadlines}


def _deadline(kind: str, facts: _Facts) -> Deadline:
    """The deadline of this kind that the letter's action set; otherwise the latest one."""
    action = facts.action
    if action is not None:
        own = [
            d
            for d in facts.case.deadlines
            if d.kind == kind and d.set_by == action.name and d.set_on == action.on
        ]
        if own:
            return own[-1]
    latest = facts.case.latest_deadline(kind)
    if latest is None:
        raise LetterError(
            f"Letter '{facts.spec.name}' needs the '{kind}' deadline, which case "
            f"{facts.case.id} does not have."
        )
    return latest


def deadline_fields(deadline: Deadline) -> dict[str, str]:
    """A deadline as letters write it; the date is the one the engine computed, unchanged."""
    found = {
        "datum": format_datum(deadline.due),
        "dag": format_dag(deadline.due),
        "iso": deadline.due.isoformat(),
        "termijn": deadline.term,
        "start": format_datum(deadline.start) if deadline.start else None,
        "grondslag": deadline.legal_basis,
    }
    return {k: v for k, v in found.items() if v is not None}


def _decision(facts: _Facts) -> Mapping[str, Any]:
    key = facts.spec.decision
    if key is None or key not in facts.organisation.besluiten:
        raise LetterError(
            f"Letter '{facts.spec.name}' needs a bestuursorgaan: declare `decision:` with one of "
            f"{', '.join(sorted(facts.organisation.besluiten))} (letters/organisatie.yaml)."
        )
    return facts.organisation.besluiten[key]


def _bestuursorgaan(facts: _Facts) -> dict[str, Any]:
    return {k: v for k, v in _decision(facts).items() if k != "ondertekening"}


def _ondertekening(facts: _Facts) -> list[str]:
    if facts.spec.decision is None:
        return list(facts.organisation.ondertekening)
    return list(_decision(facts).get("ondertekening", facts.organisation.ondertekening))


def _herinnering(facts: _Facts) -> dict[str, Any]:
    if facts.reminder is not None:
        return reminder_fields(facts.reminder, organisation=facts.organisation, on=facts.on)
    kind = facts.inputs.get("termijnsoort", "").strip()
    if not kind:
        raise LetterError(
            f"Letter '{facts.spec.name}' needs the field 'termijnsoort' (which deadline, e.g. "
            "naleving). Add --set termijnsoort=..."
        )
    deadline = facts.case.latest_deadline(kind)
    if deadline is None:
        raise LetterError(f"Case {facts.case.id} has no '{kind}' deadline to remind of.")
    return reminder_fields(deadline, organisation=facts.organisation, on=facts.on)


def reminder_fields(deadline: Deadline, *, organisation: Organisation, on: date) -> dict[str, Any]:
    """What a reminder says about one deadline, seen from the day `on`."""
    days = (deadline.due - on).days
    return {
        **deadline_fields(deadline),
        "soort": deadline.kind,
        "omschrijving": organisation.termijnen.get(deadline.kind, f"de termijn '{deadline.kind}'"),
        "verstreken": days < 0,
        "dagen": abs(days),
    }


def _dagtekening_iso(facts: _Facts) -> str:
    return facts.on.isoformat()


def _bestreden_besluit(facts: _Facts) -> str:
    """'de aanwijzing van 31 januari 2025': the besluit whose bezwaar term the case has."""
    # The bezwaar term that the receipt of this bezwaarschrift met; else the latest one.
    met = [
        d
        for d in facts.case.deadlines
        if d.kind == "bezwaar" and facts.action is not None and d.closed_on == facts.action.on
    ]
    bezwaar = met[-1] if met else facts.case.latest_deadline("bezwaar")
    if bezwaar is None:
        raise LetterError(f"Case {facts.case.id} has no besluit with a bezwaar term.")
    kinds = [
        str(b.get("besluit", "besluit"))
        for b in facts.organisation.besluiten.values()
        if bezwaar.set_by in b.get("acties", ())
    ]
    return f"de {kinds[0] if kinds else 'besluit'} van {format_datum(bezwaar.set_on)}"


_ENGINE_FIELDS: dict[str, Callable[[_Facts], Any]] = {
    "afzender": _afzender,
    "ontvanger": _ontvanger,
    "zaak": _zaak,
    "datum": lambda facts: format_datum(facts.on),
    "datum_iso": _dagtekening_iso,
    "verzonden": _verzonden,
    "actiedatum": _actiedatum,
    "termijn": _termijn,
    "bestuursorgaan": _bestuursorgaan,
    "ondertekening": _ondertekening,
    "herinnering": _herinnering,
    "bestreden_besluit": _bestreden_besluit,
}
ENGINE_FIELDS = frozenset(_ENGINE_FIELDS)
