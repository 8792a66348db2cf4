"""Deadline dates from a workflow's deadline rules, computed by the legal-time rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from escalation.domain.atw import TermBasis, TermResult, compute_term, fixed_date
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline
from escalation.domain.definition import (
    ActionSpec,
    DeadlineKind,
    DeadlineRule,
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
        if term < start:
            raise InvalidParameterError(
                _(
                    "Deadline '{kind}' of '{action}' would end on {end}, before its start "
                    "{start}. Give a later date."
                ).format(
                    kind=kind.name,
                    action=action.name,
                    end=term.isoformat(),
                    start=start.isoformat(),
                )
            )
        result = fixed_date(term, calendar=calendar, start=start, legal_basis=kind.legal_basis)
    else:
        basis = TermBasis.SELF_SET if kind.basis is TermBasis.FIXED else kind.basis
        result = compute_term(
            start, term, basis=basis, calendar=calendar, legal_basis=kind.legal_basis
        )
    return _deadline(kind, result, action=action.name, on=on)


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
