"""Workflow definitions as immutable data, and the checks that refuse a bad one."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum

from escalation.domain.atw import TermBasis
from escalation.domain.errors import DefinitionError, InvalidActionError
from escalation.i18n import N_, _


class ParamType(StrEnum):
    DATE = "date"
    TERM = "term"
    MONEY = "money"
    TEXT = "text"
    CHOICE = "choice"
    YESNO = "yesno"


# 14 and 3 working days before the last day of a term, on the day, and 1 working day after:
# the reminder ladder of a workflow that names none (workflows/*.yaml `default_reminders`).
DEFAULT_LADDER: tuple[int, ...] = (-14, -3, 0, 1)

# A parameter default that means "the action's own date" (its dagtekening).
DAGTEKENING = "dagtekening"


@dataclass(frozen=True, slots=True)
class ParameterSpec:
    name: str
    type: ParamType
    required: bool = False
    default: str | None = None
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True, slots=True)
class DeadlineKind:
    name: str
    basis: TermBasis
    legal_basis: str | None = None
    description: str = ""
    reminders: tuple[int, ...] | None = None  # None: the workflow's default ladder
    follow_up: str | None = None  # an action fired automatically once the term has passed


class StartFrom(StrEnum):
    ACTION_DATE = "action_date"
    PARAM = "param"
    DEADLINE = "deadline"


@dataclass(frozen=True, slots=True)
class TermChoice:
    """A term that applies when a yes/no or choice parameter has a given value."""

    param: str
    equals: str
    term: str


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """How an action starts a deadline: from which date, by which term."""

    kind: str
    start_from: StartFrom = StartFrom.ACTION_DATE
    start_ref: str | None = None  # the parameter or deadline kind named by start_from
    term: str | None = None  # a literal term such as "6 weken"
    term_param: str | None = None  # or a parameter holding a term or an explicit date
    term_choices: tuple[TermChoice, ...] = ()


class GuardKind(StrEnum):
    DEADLINE_PASSED = "deadline_passed"
    HAS_DEADLINE = "has_deadline"


@dataclass(frozen=True, slots=True)
class GuardSpec:
    kind: GuardKind
    deadline: str
    unless_param: str | None = None
    unless_value: str | None = None
    unless_requires_reason: bool = False


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    sources: tuple[str, ...]
    dest: str | None  # None: the case stays in the state it is in
    description: str = ""
    parameters: tuple[ParameterSpec, ...] = ()
    guards: tuple[GuardSpec, ...] = ()
    starts: tuple[DeadlineRule, ...] = ()
    meets: tuple[str, ...] = ()
    cancels: tuple[str, ...] = ()
    letter: str | None = None

    def parameter(self, name: str) -> ParameterSpec | None:
        return next((p for p in self.parameters if p.name == name), None)


@dataclass(frozen=True, slots=True)
class StateSpec:
    name: str
    description: str = ""
    final: bool = False


@dataclass(frozen=True, slots=True)
class WorkflowDefinition:
    name: str
    version: int
    title: str
    initial: str
    states: tuple[StateSpec, ...]
    actions: tuple[ActionSpec, ...]
    deadline_kinds: tuple[DeadlineKind, ...]
    description: str = ""
    default_reminders: tuple[int, ...] = DEFAULT_LADDER
    origin: str = "<memory>"
    _actions_by_name: dict[str, ActionSpec] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self._actions_by_name.update({a.name: a for a in self.actions})

    @property
    def state_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.states)

    def state(self, name: str) -> StateSpec | None:
        return next((s for s in self.states if s.name == name), None)

    def action(self, name: str) -> ActionSpec:
        try:
            return self._actions_by_name[name]
        except KeyError:
            known = ", ".join(sorted(self._actions_by_name))
            raise InvalidActionError(
                _(
                    "Unknown action '{action}' in workflow {workflow}. Its actions are: {known}."
                ).format(action=name, workflow=self.name, known=known)
            ) from None

    def deadline_kind(self, name: str) -> DeadlineKind | None:
        return next((k for k in self.deadline_kinds if k.name == name), None)

    def ladder(self, kind: str) -> tuple[int, ...]:
        found = self.deadline_kind(kind)
        if found is None or found.reminders is None:
            return self.default_reminders
        return found.reminders

    def actions_from(self, state: str) -> list[ActionSpec]:
        return [a for a in self.actions if state in a.sources]


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
        referenced += [g.deadline for g in a.guards]
        referenced += [r.start_ref or "" for r in a.starts if r.start_from is StartFrom.DEADLINE]
        problems += [
            _("action '{action}': unknown deadline kind '{kind}'").format(action=a.name, kind=k)
            for k in referenced
            if k not in kinds
        ]
        problems += _parameter_problems(a)
    return problems


def _parameter_problems(a: ActionSpec) -> list[str]:
    used = [r.start_ref for r in a.starts if r.start_from is StartFrom.PARAM]
    used += [r.term_param for r in a.starts] + [g.unless_param for g in a.guards]
    used += [c.param for r in a.starts for c in r.term_choices]
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
