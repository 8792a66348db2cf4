"""The checks that refuse a workflow definition that cannot work: every fault, named."""

from __future__ import annotations

from collections import deque

from escalation.domain.besluiten import BesluitKind
from escalation.domain.definition import (
    ActionEffect,
    ActionSpec,
    GuardKind,
    ParamType,
    StartFrom,
    WorkflowDefinition,
)
from escalation.domain.errors import DefinitionError
from escalation.i18n import N_, _


def validate(definition: WorkflowDefinition) -> None:
    """Refuse a definition that cannot work, naming the file, the item and every fault.

    Raises:
        DefinitionError: with one line per problem found.
    """
    problems = [
        *_duplicates(definition),
        *_unknown_references(definition),
        *_dead_ends(definition),
        *_unreachable(definition),
    ]
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        invalid = _("{origin}: the workflow definition is invalid:").format(
            origin=definition.origin
        )
        raise DefinitionError(f"{invalid}\n{lines}")


def _duplicates(d: WorkflowDefinition) -> list[str]:
    problems = []
    for message, names in (
        (N_("state '{name}' is defined more than once"), [s.name for s in d.states]),
        (N_("action '{name}' is defined more than once"), [a.name for a in d.actions]),
        (
            N_("deadline kind '{name}' is defined more than once"),
            [k.name for k in d.deadline_kinds],
        ),
    ):
        problems += [_(message).format(name=n) for n in _repeated(names)]
    for a in d.actions:
        names = [p.name for p in a.parameters]
        problems += [
            _("action '{action}': parameter '{name}' is defined twice").format(
                action=a.name, name=n
            )
            for n in _repeated(names)
        ]
    return problems


def _repeated(names: list[str]) -> list[str]:
    return sorted({n for n in names if names.count(n) > 1})


def _unknown_references(d: WorkflowDefinition) -> list[str]:
    states = set(d.state_names)
    kinds = {k.name for k in d.deadline_kinds}
    problems = []
    if d.initial not in states:
        problems.append(_("initial state '{state}' is not a state").format(state=d.initial))
    problems += [
        _("deadline kind '{kind}': follow_up '{action}' is not an action").format(
            kind=k.name, action=k.follow_up
        )
        for k in d.deadline_kinds
        if k.follow_up is not None and k.follow_up not in d._actions_by_name
    ]
    for a in d.actions:
        named = (*a.sources, a.dest) if a.dest is not None else a.sources
        problems += [
            _("action '{action}': unknown state '{state}'").format(action=a.name, state=s)
            for s in named
            if s not in states
        ]
        referenced = [r.kind for r in a.starts] + list(a.meets) + list(a.cancels)
        referenced += [g.deadline for g in a.guards if g.kind is not GuardKind.HAS_BESLUIT]
        referenced += [r.start_ref or "" for r in a.starts if r.start_from is StartFrom.DEADLINE]
        problems += [
            _("action '{action}': unknown deadline kind '{kind}'").format(action=a.name, kind=k)
            for k in referenced
            if k not in kinds
        ]
        problems += _parameter_problems(a)
        problems += _besluit_problems(a)
    return problems


def _besluit_problems(a: ActionSpec) -> list[str]:
    """Besluit kinds must be known; a deadline's besluit must be one the action takes."""
    known = {k.value for k in BesluitKind}
    named = [*a.besluiten, *(k for g in a.guards for k in g.besluiten)]
    problems = [
        _("action '{action}': unknown kind of besluit '{kind}'").format(action=a.name, kind=k)
        for k in named
        if k not in known
    ]
    problems += [
        _("action '{action}': deadline '{kind}' belongs to besluit '{besluit}', which the "
          "action does not take").format(action=a.name, kind=r.kind, besluit=r.besluit)
        for r in a.starts
        if r.besluit is not None and r.besluit not in a.besluiten
    ]  # fmt: skip
    if a.effect is ActionEffect.RECORD_REACTIE:
        problems += [
            _("action '{action}': record_reactie needs the parameter '{name}'").format(
                action=a.name, name=n
            )
            for n in ("reactie", "ontvangen")
            if a.parameter(n) is None
        ]
    return problems


def _parameter_problems(a: ActionSpec) -> list[str]:
    used = [r.start_ref for r in a.starts if r.start_from is StartFrom.PARAM]
    used += [r.term_param for r in a.starts] + [g.unless_param for g in a.guards]
    used += [c.param for r in a.starts for c in r.term_choices]
    used += [r.when.param for r in a.starts if r.when is not None]
    problems = [
        (N_("action '{action}': refers to parameter '{name}', which it does not define"), n)
        for n in used
        if n is not None and a.parameter(n) is None
    ]
    problems += [
        (N_("action '{action}': deadline '{name}' has neither a term nor a term parameter"), r.kind)
        for r in a.starts
        if r.term is None and r.term_param is None
    ]
    problems += [
        (N_("action '{action}': deadline '{name}' starts on a value its parameter cannot take"),
         r.kind)
        for r in a.starts
        if r.when is not None and (p := a.parameter(r.when.param)) is not None
        and p.choices and r.when.equals not in p.choices
    ]  # fmt: skip
    for p in a.parameters:
        if p.type is ParamType.CHOICE and not p.choices:
            problems.append(
                (N_("action '{action}': choice parameter '{name}' lists no choices"), p.name)
            )
        if p.default is not None and p.choices and p.default not in p.choices:
            problems.append(
                (N_("action '{action}': default of '{name}' is not one of its choices"), p.name)
            )
    return [_(message).format(action=a.name, name=name) for message, name in problems]


def _dead_ends(d: WorkflowDefinition) -> list[str]:
    leaving = {s for a in d.actions if a.dest is not None for s in a.sources if s != a.dest}
    return [
        _("state '{state}' is not final but no action leads out of it").format(state=s.name)
        for s in d.states
        if not s.final and s.name not in leaving
    ] + [
        _("final state '{state}' has actions that change the state").format(state=s.name)
        for s in d.states
        if s.final and any(s.name in a.sources and a.dest not in (None, s.name) for a in d.actions)
    ]


def _unreachable(d: WorkflowDefinition) -> list[str]:
    seen = {d.initial}
    queue = deque([d.initial])
    while queue:
        current = queue.popleft()
        for a in d.actions_from(current):
            if a.dest is not None and a.dest not in seen:
                seen.add(a.dest)
                queue.append(a.dest)
    return [
        _("state '{state}' cannot be reached from '{initial}'").format(state=s, initial=d.initial)
        for s in d.state_names
        if s not in seen
    ]
