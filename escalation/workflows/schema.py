"""The workflow file format as pydantic models: what an author may write, and its domain form."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from pydantic import (
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)

from escalation.datafiles import DataModel, Listing, Name, Scalar, Text, fault
from escalation.domain.atw import TermBasis
from escalation.domain.definition import (
    ActionEffect,
    ActionSpec,
    Awaits,
    Condition,
    DeadlineKind,
    DeadlineRule,
    ParameterSpec,
    ParamType,
    Passing,
    StartFrom,
    StateSpec,
    TermChoice,
    WorkflowDefinition,
)
from escalation.domain.errors import InvalidInputError
from escalation.domain.terms import Unit, parse_term
from escalation.i18n import _
from escalation.workflows.guards import GuardModel, Sources
from escalation.workflows.mandates import BesluitModel, Roles, one_rule_per_kind

Ladder = Annotated[
    list[StrictInt],
    Field(
        min_length=1,
        description="Working days relative to the deadline's last day, e.g. [-14, -3, 0, 1].",
    ),
]


def _days(term: str | None) -> int:
    """A grace period in calendar days ('1 week' → 7)."""
    if term is None:
        return 0
    parsed = parse_term(term)
    if parsed.unit not in (Unit.DAGEN, Unit.WEKEN):
        raise fault(_("a grace period is given in days or weeks, e.g. '1 week'."))
    return parsed.amount * (7 if parsed.unit is Unit.WEKEN else 1)


def _check_term(text: str) -> str:
    try:
        parse_term(text)
    except InvalidInputError as err:
        raise fault(str(err)) from None
    return text


class StateModel(DataModel):
    """A state a case can be in; a final state ends the case."""

    model_config = ConfigDict(title="state")

    name: Name = Field(description="snake_case, e.g. verscherpt_toezicht.")
    description: Text = ""
    final: bool = False

    def to_domain(self) -> StateSpec:
        return StateSpec(name=self.name, description=self.description, final=self.final)


class DeadlineKindModel(DataModel):
    """A kind of deadline, its legal basis and its reminders."""

    model_config = ConfigDict(title="deadline kind")

    name: Name
    basis: TermBasis = Field(
        description="statutory (set by a wet: the Algemene termijnenwet extends it), "
        "self-set (set by the inspectorate) or fixed (an explicit date)."
    )
    legal_basis: str | None = Field(default=None, description="e.g. Awb 6:7.")
    description: Text = ""
    reminders: Listing[StrictInt] | None = Field(
        default=None,
        description="Working days relative to the last day, e.g. [-14, -3, 0, 1]; [] for none "
        "(a party's window, such as bezwaar, reminds nobody before it ends).",
    )
    follow_up: Name | None = Field(
        default=None, description="An action fired automatically once the term has passed."
    )
    awaits: Awaits | None = Field(
        default=None,
        description="Whose move it awaits: provider, inspectorate, window (a party's right, "
        "e.g. bezwaar) or embargo (something may not happen before it ends).",
    )
    passing: Passing | None = Field(
        default=None,
        description="What it becomes when it passes unmet: lapsed or overdue (an alarm). "
        "Default: overdue for the inspectorate, lapsed for the others.",
    )
    grace: Scalar | None = Field(
        default=None,
        description="Calendar days after the last day before it passes, e.g. '1 week' (the "
        "postal week of Awb 6:9 lid 2 for bezwaar).",
    )

    @field_validator("grace")
    @classmethod
    def _grace(cls, value: str | None) -> str | None:
        return None if value is None else _check_term(value)

    def to_domain(self) -> DeadlineKind:
        return DeadlineKind(
            name=self.name,
            basis=self.basis,
            legal_basis=self.legal_basis,
            description=self.description,
            reminders=None if self.reminders is None else tuple(sorted(set(self.reminders))),
            follow_up=self.follow_up,
            awaits=self.awaits,
            passing=self.passing,
            grace_days=_days(self.grace),
        )


class ParameterModel(DataModel):
    """A value the user gives with --set NAME=VALUE when taking the action."""

    model_config = ConfigDict(title="parameter")

    name: Name
    type: ParamType
    required: bool = False
    default: Scalar | None = Field(
        default=None,
        description="Used when the user gives none; 'dagtekening' is the action's date.",
    )
    choices: Listing[Scalar] = []
    help: Text = ""

    @model_validator(mode="after")
    def _default_is_a_term(self) -> ParameterModel:
        if self.type is ParamType.TERM and self.default is not None:
            _check_term(self.default)
        return self

    def to_domain(self) -> ParameterSpec:
        return ParameterSpec(
            name=self.name,
            type=self.type,
            required=self.required,
            default=self.default,
            choices=tuple(self.choices),
            help=self.help,
        )


class DeadlineRuleModel(DataModel):
    """A deadline the action starts: from which date (default: the action's), by which term."""

    model_config = ConfigDict(title="deadline started by an action")

    kind: Name
    from_param: Name | None = None
    from_deadline: Name | None = None
    term: Scalar | None = Field(default=None, description="e.g. 6 weken, 10 werkdagen.")
    term_param: Name | None = Field(default=None, description="A parameter holding the term.")
    term_if: Listing[dict[str, Scalar]] = Field(
        default=[],
        description="Entries {PARAM: VALUE, term: TERM}: the term when a parameter has a value.",
    )
    besluit: Name | None = Field(
        default=None,
        description="Which of the action's besluiten the deadline belongs to (default: the first).",
    )
    before: bool = Field(
        default=False,
        description="Count the term back from the start (a term before the end of a period).",
    )
    when: dict[Name, Scalar] = Field(
        default={},
        description="{PARAM: VALUE}: the deadline starts only when the parameter has that value.",
    )

    @field_validator("term")
    @classmethod
    def _term(cls, value: str | None) -> str | None:
        return None if value is None else _check_term(value)

    @model_validator(mode="after")
    def _consistent(self) -> DeadlineRuleModel:
        if self.from_param is not None and self.from_deadline is not None:
            raise fault(_("give from_param or from_deadline, not both."))
        for entry in self.term_if:
            if "term" not in entry or len(entry) != 2:
                raise fault(_("each 'term_if' entry names one parameter with its value, and term."))
            _check_term(entry["term"])
        if len(self.when) > 1:
            raise fault(_("'when' names one parameter with its value."))
        if self.before and self.from_param is None and self.from_deadline is None:
            raise fault(_("'before' counts back from a date: give from_param or from_deadline."))
        return self

    def to_domain(self) -> DeadlineRule:
        start_from, start_ref = StartFrom.ACTION_DATE, None
        if self.from_param is not None:
            start_from, start_ref = StartFrom.PARAM, self.from_param
        elif self.from_deadline is not None:
            start_from, start_ref = StartFrom.DEADLINE, self.from_deadline
        return DeadlineRule(
            kind=self.kind,
            start_from=start_from,
            start_ref=start_ref,
            term=self.term,
            term_param=self.term_param,
            term_choices=tuple(_term_choice(entry) for entry in self.term_if),
            besluit=self.besluit,
            before=self.before,
            when=next((Condition(k, v) for k, v in self.when.items()), None),
        )


def _term_choice(entry: dict[str, str]) -> TermChoice:
    param, value = next((k, v) for k, v in entry.items() if k != "term")
    return TermChoice(param=param, equals=value, term=entry["term"])


class ActionModel(DataModel):
    """An action a case officer takes: from which states, to which, and what it sets in motion."""

    model_config = ConfigDict(title="action")

    name: Name = Field(description="snake_case verb, e.g. geef_aanwijzing.")
    sources: Sources = Field(alias="from", description="The state or states it is taken in.")
    to: Name = Field(description="The state it leads to; 'same' keeps the case where it is.")
    description: Text = ""
    parameters: Listing[ParameterModel] = []
    guards: Listing[GuardModel] = []
    starts: Listing[DeadlineRuleModel] = []
    meets: Listing[Name] = Field(default=[], description="Deadline kinds it meets.")
    cancels: Listing[Name] = Field(default=[], description="Deadline kinds it cancels.")
    letter: Name | None = Field(default=None, description="The letter template it drafts.")
    besluit: Sources = Field(
        default=[],
        description="The kind or kinds of besluit it takes (aanwijzing, last_onder_dwangsom, "
        "openbaarmakingsbesluit, ...): each gets a kenmerk and a legal life of its own.",
    )
    effect: ActionEffect | None = Field(
        default=None,
        description="What it does to the besluit tot openbaarmaking: publish_weergave (the "
        "zakelijke weergave is published) or record_reactie (parameters reactie, ontvangen).",
    )
    roles: Roles | None = Field(
        default=None,
        description="Who may take it in a team database: jurist, inspecteur, teamleider, "
        "hoofdinspecteur (default: anyone).",
    )

    def to_domain(self) -> ActionSpec:
        return ActionSpec(
            name=self.name,
            sources=tuple(self.sources),
            dest=None if self.to == "same" else self.to,
            description=self.description,
            parameters=tuple(p.to_domain() for p in self.parameters),
            guards=tuple(g.to_domain() for g in self.guards),
            starts=tuple(r.to_domain() for r in self.starts),
            meets=tuple(self.meets),
            cancels=tuple(self.cancels),
            letter=self.letter,
            besluiten=tuple(self.besluit),
            effect=self.effect,
            roles=None if self.roles is None else tuple(self.roles),
        )


class WorkflowFile(DataModel):
    """An escalation workflow: states, actions and deadline kinds (workflows/<name>.yaml)."""

    model_config = ConfigDict(title="escalation workflow")

    name: Name
    version: StrictInt = Field(
        ge=1, description="Raise it for every change: running cases keep their version."
    )
    title: str | None = Field(default=None, description="Default: the name.")
    description: Text = ""
    initial: Name = Field(description="The state a new case starts in.")
    states: Listing[StateModel]
    actions: Listing[ActionModel]
    deadline_kinds: Listing[DeadlineKindModel] = []
    default_reminders: Ladder | None = None
    besluiten: Listing[BesluitModel] = Field(
        default=[],
        description="Per kind of besluit: its signer, mandate and four-eyes (version 4 on).",
    )

    @field_validator("besluiten")
    @classmethod
    def _one_rule_per_kind(cls, value: list[BesluitModel]) -> list[BesluitModel]:
        return one_rule_per_kind(value)

    def to_domain(self, *, origin: str) -> WorkflowDefinition:
        definition = WorkflowDefinition(
            name=self.name,
            version=self.version,
            title=self.title or self.name,
            description=self.description,
            initial=self.initial,
            states=tuple(s.to_domain() for s in self.states),
            actions=tuple(a.to_domain() for a in self.actions),
            deadline_kinds=tuple(k.to_domain() for k in self.deadline_kinds),
            origin=origin,
            besluit_rules=tuple(b.to_domain() for b in self.besluiten),
        )
        if self.default_reminders is None:  # the domain's default ladder applies
            return definition
        return replace(definition, default_reminders=tuple(sorted(set(self.default_reminders))))


def workflow_json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the workflow file, for authors and their editors."""
    schema = WorkflowFile.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
