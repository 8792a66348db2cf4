"""Workflow definitions as immutable data, and the checks that refuse a bad one."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from escalation.domain.atw import TermBasis
from escalation.domain.errors import InvalidActionError
from escalation.i18n import _


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


class Awaits(StrEnum):
    """Whose move a deadline awaits, which decides what passing it means."""

    PROVIDER = "provider"  # the provider's step; passing: lapsed (or overdue, e.g. a payment)
    INSPECTORATE = "inspectorate"  # the inspectorate's duty; passing: overdue, a real alarm
    WINDOW = "window"  # a party's right, e.g. bezwaar; passing: lapsed (the besluit is final)
    EMBARGO = "embargo"  # something may not happen before it ends; passing: lapsed (now allowed)


class Passing(StrEnum):
    """What a deadline becomes when its last day (and any grace) went by without its step."""

    LAPSED = "lapsed"
    OVERDUE = "overdue"


# What passing means by default, per whose move it awaits.
DEFAULT_PASSING = {
    Awaits.PROVIDER: Passing.LAPSED,
    Awaits.INSPECTORATE: Passing.OVERDUE,
    Awaits.WINDOW: Passing.LAPSED,
    Awaits.EMBARGO: Passing.LAPSED,
}


@dataclass(frozen=True, slots=True)
class DeadlineKind:
    name: str
    basis: TermBasis
    legal_basis: str | None = None
    description: str = ""
    reminders: tuple[int, ...] | None = None  # None: the workflow's default ladder
    follow_up: str | None = None  # an action fired automatically once the term has passed
    # Whose move it awaits (None: a workflow of before issue 10, where passing is overdue).
    awaits: Awaits | None = None
    passing: Passing | None = None  # None: DEFAULT_PASSING of `awaits`
    grace_days: int = 0  # days after the last day before it passes (the postal week, 6:9)

    @property
    def passes_as(self) -> Passing:
        """What the deadline becomes when it passes without the awaited step."""
        if self.passing is not None:
            return self.passing
        return Passing.OVERDUE if self.awaits is None else DEFAULT_PASSING[self.awaits]


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
class Condition:
    """A parameter having a given value: e.g. oordeel=aanvullen."""

    param: str
    equals: str

    def __str__(self) -> str:
        return f"{self.param}={self.equals}"


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """How an action starts a deadline: from which date, by which term."""

    kind: str
    start_from: StartFrom = StartFrom.ACTION_DATE
    start_ref: str | None = None  # the parameter or deadline kind named by start_from
    term: str | None = None  # a literal term such as "6 weken"
    term_param: str | None = None  # or a parameter holding a term or an explicit date
    term_choices: tuple[TermChoice, ...] = ()
    besluit: str | None = None  # the action's besluit it belongs to (default: its first)
    before: bool = False  # the term counts back from the start (before the end of a period)
    when: Condition | None = None  # started only when a parameter has this value


class GuardKind(StrEnum):
    DEADLINE_PASSED = "deadline_passed"
    HAS_DEADLINE = "has_deadline"
    HAS_BESLUIT = "has_besluit"  # the case has a besluit of one of these kinds (not withdrawn)


class ActionEffect(StrEnum):
    """What an action does to the case's besluit tot openbaarmaking (domain/publication.py)."""

    PUBLISH = "publish_weergave"  # the zakelijke weergave is published (Jeugdwet 9.7)
    RECORD_REACTIE = "record_reactie"  # the reaction (9.8 lid 1, 2): params reactie, ontvangen


# An `unless` value meaning "any value given": e.g. a ground of Awb 4:11 to skip a zienswijze.
ANY_VALUE = "*"


@dataclass(frozen=True, slots=True)
class GuardSpec:
    kind: GuardKind
    deadline: str  # the deadline kind (deadline_passed, has_deadline)
    besluiten: tuple[str, ...] = ()  # the besluit kinds (has_besluit)
    in_force: bool = False  # has_besluit: and one of them works, not suspended (Awb 8:81)
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
    besluiten: tuple[str, ...] = ()  # the kinds of besluit the action takes (BesluitKind values)
    effect: ActionEffect | None = None
    roles: tuple[str, ...] | None = None  # who may take it (Role values); None: anyone

    def parameter(self, name: str) -> ParameterSpec | None:
        return next((p for p in self.parameters if p.name == name), None)


# The besluiten that ask for a second person (four-eyes) unless the workflow says otherwise.
FOUR_EYES_BY_DEFAULT = frozenset(
    {"aanwijzing", "last_onder_dwangsom", "invorderingsbeschikking", "openbaarmakingsbesluit"}
)


@dataclass(frozen=True, slots=True)
class BesluitRule:
    """Who signs a kind of besluit (the mandate) and whether a second person establishes it."""

    kind: str
    signer: str | None = None  # the role that signs and establishes it (a Role value)
    mandate: str | None = None  # e.g. "namens de Minister ..., de hoofdinspecteur ..."
    four_eyes: bool = False


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
    besluit_rules: tuple[BesluitRule, ...] = ()  # version 4 on: signer, mandate, four-eyes
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

    def action_roles(self, action: str) -> frozenset[str] | None:
        """The roles that may take `action`; None: no restriction (or no such action)."""
        spec = self._actions_by_name.get(action)
        return None if spec is None or spec.roles is None else frozenset(spec.roles)

    def besluit_rule(self, kind: str) -> BesluitRule | None:
        return next((r for r in self.besluit_rules if r.kind == kind), None)

    def besluit_signer(self, kind: str) -> str | None:
        """The role that must sign (establish) a besluit of this kind; None: any."""
        rule = self.besluit_rule(kind)
        return None if rule is None else rule.signer

    def besluit_mandate(self, kind: str) -> str | None:
        """The mandate text under which the signer signs, e.g. "namens de Minister ..."."""
        rule = self.besluit_rule(kind)
        return None if rule is None else rule.mandate

    def four_eyes(self, kind: str) -> bool:
        """Whether a besluit of this kind needs a second person to establish it."""
        rule = self.besluit_rule(kind)
        return rule is not None and rule.four_eyes
