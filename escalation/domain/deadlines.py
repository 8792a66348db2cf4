"""Deadline dates from a workflow's deadline rules, computed by the legal-time rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from escalation.domain.atw import TermBasis, TermResult, compute_term, fixed_date
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline
from escalation.domain.definition import (
    ActionSpec,
    Condition,
    DeadlineKind,
    DeadlineRule,
    ParamType,
    StartFrom,
    WorkflowDefinition,
)
from escalation.domain.errors import InvalidParameterError
from escalation.domain.model import Case, ParamValue
from escalation.domain.params import render_value
from escalation.domain.terms import Term, parse_term
from escalation.i18n import _


def compute_deadline(
    rule: DeadlineRule,
    *,
    definition: WorkflowDefinition,
    action: ActionSpec,
    case: Case,
    on: date,
    params: Mapping[str, ParamValue],
    calendar: AtwCalendar,
    earlier: Sequence[Deadline] = (),
) -> Deadline:
    """Compute one deadline that `action` starts, with its basis and explanation.

    `earlier`: the deadlines the same action starts before this one (a rule may count from one).
    """
    kind = _kind(definition, rule.kind)
    start = _start(rule, case=case, on=on, params=params, action=action, earlier=earlier)
    term = _term(rule, params)
    if isinstance(term, date):
        result = _fixed(term, rule, kind=kind, action=action, start=start, calendar=calendar)
    else:
        basis = TermBasis.SELF_SET if kind.basis is TermBasis.FIXED else kind.basis
        result = compute_term(
            start,
            term,
            basis=basis,
            calendar=calendar,
            backwards=rule.before,
            legal_basis=kind.legal_basis,
        )
    if rule.before and result.end < on:
        raise InvalidParameterError(
            _(
                "Deadline '{kind}' of '{action}' would end on {end}, before the action's date "
                "{on}. Give a shorter term or a later date: --set {name}=..."
            ).format(kind=kind.name, action=action.name, end=result.end.isoformat(),
                     on=on.isoformat(), name=rule.term_param or rule.kind)
        )  # fmt: skip
    return _deadline(kind, result, action=action.name, on=on)


def _fixed(
    due: date,
    rule: DeadlineRule,
    *,
    kind: DeadlineKind,
    action: ActionSpec,
    start: date,
    calendar: AtwCalendar,
) -> TermResult:
    """An explicit date: on or after the start, or (counted back) on or before it."""
    wrong = due > start if rule.before else due < start
    if wrong:
        message = (
            _(
                "Deadline '{kind}' of '{action}' would end on {end}, after {start}, the day it "
                "is counted back from. Give an earlier date."
            )
            if rule.before
            else _(
                "Deadline '{kind}' of '{action}' would end on {end}, before its start "
                "{start}. Give a later date."
            )
        )
        raise InvalidParameterError(
            message.format(
                kind=kind.name, action=action.name, end=due.isoformat(), start=start.isoformat()
            )
        )
    return fixed_date(
        due,
        calendar=calendar,
        start=None if rule.before else start,
        legal_basis=kind.legal_basis,
    )


def active_starts(action: ActionSpec, params: Mapping[str, ParamValue]) -> list[DeadlineRule]:
    """The deadlines the action starts with these parameters: a rule with `when` only when its
    parameter has that value.

    Raises:
        InvalidParameterError: the condition holds but the rule's term parameter is missing,
            or the term parameter was given while the condition does not hold.
    """
    active = [r for r in action.starts if r.when is None or _holds(r.when, params)]
    for rule in action.starts:
        spec = action.parameter(rule.term_param) if rule.term_param else None
        if rule.when is None or spec is None:
            continue
        if rule in active and spec.name not in params and rule.term is None:
            example = "2025-01-31" if spec.type is ParamType.DATE else "3 maanden"
            raise InvalidParameterError(
                _(
                    "With {condition}, action '{action}' needs the parameter '{name}' ({help}). "
                    "Add --set {name}={example}."
                ).format(condition=rule.when, action=action.name, name=spec.name,
                         help=spec.help or spec.type, example=example)
            )  # fmt: skip
        used = any(r.term_param == spec.name for r in active)
        if rule not in active and spec.name in params and spec.default is None and not used:
            raise InvalidParameterError(
                _(
                    "Action '{action}' takes the parameter '{name}' only with {condition}; "
                    "leave it out or choose {condition}."
                ).format(action=action.name, name=spec.name, condition=rule.when)
            )
    return active


def _holds(condition: Condition, params: Mapping[str, ParamValue]) -> bool:
    value = params.get(condition.param)
    return value is not None and render_value(value) == condition.equals


def _deadline(kind: DeadlineKind, result: TermResult, *, action: str, on: date) -> Deadline:
    return Deadline(
        kind=kind.name,
        due=result.end,
        basis=result.basis,
        legal_basis=result.legal_basis,
        start=result.start,
        term=str(result.term) if result.term else None,
        steps=result.steps,
        set_by=action,
        set_on=on,
        proposed=result.proposed,
        warning=result.warning,
    )


def _kind(definition: WorkflowDefinition, name: str) -> DeadlineKind:
    kind = definition.deadline_kind(name)
    if kind is None:  # validate() makes this unreachable for a loaded definition
        raise InvalidParameterError(
            _("Workflow {workflow} has no deadline kind '{kind}'.").format(
                workflow=definition.name, kind=name
            )
        )
    return kind


def _start(
    rule: DeadlineRule,
    *,
    case: Case,
    on: date,
    params: Mapping[str, ParamValue],
    action: ActionSpec,
    earlier: Sequence[Deadline],
) -> date:
    if rule.start_from is StartFrom.ACTION_DATE or rule.start_ref is None:
        return on
    if rule.start_from is StartFrom.PARAM:
        value = params.get(rule.start_ref, on)
        if not isinstance(value, date):
            raise InvalidParameterError(
                _("Parameter '{name}' must be a date.").format(name=rule.start_ref)
            )
        return value
    own = [d for d in earlier if d.kind == rule.start_ref]
    counted = own[-1] if own else case.latest_deadline(rule.start_ref)
    if counted is None:
        raise InvalidParameterError(
            _("'{action}' counts from the '{kind}' deadline, but this case has none.").format(
                action=action.name, kind=rule.start_ref
            )
        )
    return counted.due


def _term(rule: DeadlineRule, params: Mapping[str, ParamValue]) -> Term | date:
    for choice in rule.term_choices:
        value = params.get(choice.param)
        if value is not None and render_value(value) == choice.equals:
            return parse_term(choice.term)
    if rule.term_param is not None and rule.term_param in params:
        value = params[rule.term_param]
        if isinstance(value, Term | date):
            return value
        raise InvalidParameterError(
            _("Parameter '{name}' must be a term or a date.").format(name=rule.term_param)
        )
    if rule.term is None:
        raise InvalidParameterError(
            _("Deadline '{kind}' needs '{name}'.").format(kind=rule.kind, name=rule.term_param)
        )
    return parse_term(rule.term)
