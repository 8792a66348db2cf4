"""The exact context a letter template receives, built purely from the case and its facts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from escalation.domain.bezwaar_letters import LATEST, bezwaar_fields
from escalation.domain.deadline import Deadline
from escalation.domain.errors import InvalidInputError
from escalation.domain.letter_dwangsom import dwangsom_fields
from escalation.domain.letter_norms import NORM_FALLBACKS, norm_fields
from escalation.domain.letter_parties import ondertekenaar_fields, ontvanger_fields, zaak_fields
from escalation.domain.letter_values import datum, format_param, parse_datum
from escalation.domain.letters import (
    LAYOUT_FIELDS,
    ActionFacts,
    InputSpec,
    InputType,
    LetterError,
    MissingFieldsError,
    Organisation,
    TemplateSpec,
    missing_facts,
)
from escalation.domain.limits import TEXT_LENGTH
from escalation.domain.model import Case
from escalation.domain.params import parse_money
from escalation.domain.publication import reaction_fields
from escalation.domain.terms import parse_term_or_date
from escalation.domain.text import TEXT, multi_line
from escalation.formatting import long_day, money
from escalation.i18n import _


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
    _refuse_unknown(facts)
    context: dict[str, Any] = {}
    faults: list[str] = []
    missing: list[InputSpec] = []
    for name, build in _builders(facts):
        if name in NORM_FALLBACKS and context.get("normen") and not _given(name, facts):
            continue  # the dictum per norm stands in for the free text
        try:
            context[name] = build()
        except _Missing as gap:
            missing.append(gap.item)
        except LetterError as err:
            faults.append(str(err))
    if faults:
        raise LetterError("\n".join(faults))
    check_complete(context, template=spec.name)
    gaps = (*missing, *missing_facts(context))
    if gaps:
        raise MissingFieldsError(spec.name, gaps, context)
    return context


def _refuse_unknown(facts: _Facts) -> None:
    spec = facts.spec
    unknown = sorted(set(facts.inputs) - {i.name for i in spec.inputs})
    if unknown:
        known = ", ".join(i.name for i in spec.inputs) or _("none")
        raise LetterError(
            _("Letter '{template}' has no field '{field}' to set. Its fields are: {known}.").format(
                template=spec.name, field=unknown[0], known=known
            )
        )


def _builders(facts: _Facts) -> list[tuple[str, Callable[[], Any]]]:
    """Every field of the context with the function that makes it, in the template's order."""
    spec = facts.spec
    engine = [*LAYOUT_FIELDS, *spec.fields]
    if "ondertekening" in engine and "ondertekenaar" not in engine:
        engine.append("ondertekenaar")  # who signs goes with the signature block
    return [
        *((n, lambda n=n: _engine_field(n, facts)) for n in engine),
        *((n, lambda n=n: _parameter(n, facts)) for n in spec.parameters),
        *((i.name, lambda i=i: _input(i, facts)) for i in spec.inputs),
    ]


class _Missing(Exception):
    def __init__(self, item: InputSpec) -> None:
        super().__init__(item.name)
        self.item = item


def check_complete(value: Any, *, template: str, path: str = "") -> None:
    """Refuse None and blank text anywhere in a context: a letter never prints a blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise LetterError(
            _("Letter '{template}': the field '{field}' is empty.").format(
                template=template, field=path
            )
        )
    if isinstance(value, Mapping):
        for key, item in value.items():
            check_complete(item, template=template, path=f"{path}.{key}" if path else key)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_complete(item, template=template, path=f"{path}[{i}]")


def _given(name: str, facts: _Facts) -> bool:
    return bool(facts.inputs.get(name, "").strip())


def _input(item: InputSpec, facts: _Facts) -> str:
    value = facts.inputs.get(item.name, item.default)
    if item.name == "termijnsoort" and facts.reminder is not None:
        value = facts.reminder.kind
    if value is None or not value.strip():
        raise _Missing(item)
    try:
        if item.type is InputType.MONEY:
            return money(parse_money(value), "nl")
        if item.type is InputType.TERM:
            return format_param(parse_datum(value) or parse_term_or_date(value))
        return multi_line(value, field=TEXT, limit=TEXT_LENGTH)
    except InvalidInputError as err:
        raise LetterError(
            _("Letter '{template}', field '{field}': {problem}").format(
                template=facts.spec.name, field=item.name, problem=err
            )
        ) from None


def _parameter(name: str, facts: _Facts) -> str:
    if facts.action is None or name not in facts.action.params:
        action = facts.action.name if facts.action else facts.spec.action
        needs = (
            _(
                "Letter '{template}' needs the parameter '{name}' of '{action}', which the "
                "case does not have."
            )
            if action
            else _(
                "Letter '{template}' needs the parameter '{name}' of its action, which the "
                "case does not have."
            )
        )
        raise LetterError(needs.format(template=facts.spec.name, name=name, action=action))
    return format_param(facts.action.params[name])


def _engine_field(name: str, facts: _Facts) -> Any:
    builder = _ENGINE_FIELDS.get(name)
    if builder is None:
        raise LetterError(
            _(
                "Letter '{template}' declares the field '{field}', which the engine does not "
                "provide. Engine fields: {fields}."
            ).format(template=facts.spec.name, field=name, fields=", ".join(sorted(_ENGINE_FIELDS)))
        )
    return builder(facts)


def _afzender(facts: _Facts) -> dict[str, Any]:
    return dict(facts.organisation.afzender)


def _ontvanger(facts: _Facts) -> dict[str, Any]:
    return ontvanger_fields(facts.case.provider)


def _zaak(facts: _Facts) -> dict[str, str]:
    return zaak_fields(facts.case, facts.organisation, facts.action, facts.spec.decision)


def _verzonden(facts: _Facts) -> str:
    sent = facts.action.params.get("verzonden") if facts.action else None
    return datum(sent if isinstance(sent, date) else facts.on)


def _actiedatum(facts: _Facts) -> str:
    return datum(facts.action.on if facts.action else facts.on)


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
            _(
                "Letter '{template}' needs the '{kind}' deadline, which case {case} does not have."
            ).format(template=facts.spec.name, kind=kind, case=facts.case.id)
        )
    return latest


def deadline_fields(deadline: Deadline) -> dict[str, str]:
    """A deadline as letters write it; the date is the one the engine computed, unchanged."""
    found = {
        "datum": datum(deadline.due),
        "dag": long_day(deadline.due, "nl"),
        "iso": deadline.due.isoformat(),
        "termijn": deadline.term,
        "start": datum(deadline.start) if deadline.start else None,
        "grondslag": deadline.legal_basis,
    }
    return {k: v for k, v in found.items() if v is not None}


def _decision(facts: _Facts) -> Mapping[str, Any]:
    key = facts.spec.decision
    if key is None or key not in facts.organisation.besluiten:
        raise LetterError(
            _(
                "Letter '{template}' needs a bestuursorgaan: declare `decision:` with one of "
                "{decisions} (letters/organisatie.yaml)."
            ).format(
                template=facts.spec.name, decisions=", ".join(sorted(facts.organisation.besluiten))
            )
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
            _(
                "Letter '{template}' needs the field 'termijnsoort' (which deadline, e.g. "
                "naleving). Add --set termijnsoort=..."
            ).format(template=facts.spec.name)
        )
    deadline = facts.case.latest_deadline(kind)
    if deadline is None:
        raise LetterError(
            _("Case {case} has no '{kind}' deadline to remind of.").format(
                case=facts.case.id, kind=kind
            )
        )
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
        raise LetterError(
            _("Case {case} has no besluit with a bezwaar term.").format(case=facts.case.id)
        )
    kinds = [
        str(b.get("besluit", "besluit"))
        for b in facts.organisation.besluiten.values()
        if bezwaar.set_by in b.get("acties", ())
    ]
    return f"de {kinds[0] if kinds else 'besluit'} van {datum(bezwaar.set_on)}"


_ENGINE_FIELDS: dict[str, Callable[[_Facts], Any]] = {
    "afzender": _afzender,
    "ontvanger": _ontvanger,
    "zaak": _zaak,
    "datum": lambda facts: datum(facts.on),
    "datum_iso": _dagtekening_iso,
    "verzonden": _verzonden,
    "actiedatum": _actiedatum,
    "termijn": _termijn,
    "bestuursorgaan": _bestuursorgaan,
    "ondertekening": _ondertekening,
    "ondertekenaar": lambda facts: ondertekenaar_fields(facts.organisation.ondertekenaar),
    "herinnering": _herinnering,
    "bestreden_besluit": _bestreden_besluit,
    "bezwaar": lambda facts: bezwaar_fields(
        facts.case, facts.inputs.get("bezwaarschrift") or LATEST, template=facts.spec.name
    ),
    "dwangsom": lambda facts: dwangsom_fields(facts.case, facts.action, template=facts.spec.name),
    "reactie": lambda facts: reaction_fields(facts.case),
    "normen": lambda facts: norm_fields(facts.case, facts.spec.name),
}
ENGINE_FIELDS = frozenset(_ENGINE_FIELDS)
