"""The guards of a workflow action, as the file format writes them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from escalation.datafiles import DataModel, Name, Scalar, fault
from escalation.domain.definition import GuardKind, GuardSpec
from escalation.i18n import _


def _one_or_many(value: Any) -> Any:  # "from: signaal" means "from: [signaal]"
    return [value] if isinstance(value, str) else value


Sources = Annotated[
    list[Name],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


class GuardModel(DataModel):
    """A condition on a deadline that must hold before the action may be taken."""

    model_config = ConfigDict(title="guard")

    deadline_passed: Name | None = None
    has_deadline: Name | None = None
    has_besluit: Sources | None = Field(
        default=None, description="The case has a besluit of (one of) these kinds."
    )
    in_force: bool = Field(
        default=False,
        description="With has_besluit: one of them works, not suspended by a voorlopige "
        "voorziening (Jeugdwet 9.8 lid 5) or the court's schorsing.",
    )
    unless: dict[str, Scalar] = Field(
        default_factory=dict,
        description="One parameter and the value that lifts the guard ('*': any value).",
    )
    unless_requires_reason: bool = False

    @model_validator(mode="after")
    def _one_kind(self) -> GuardModel:
        given = [g for g in (self.deadline_passed, self.has_deadline, self.has_besluit) if g]
        if len(given) != 1:
            raise fault(
                _("a guard needs exactly one of deadline_passed, has_deadline or has_besluit.")
            )
        if self.in_force and not self.has_besluit:
            raise fault(_("'in_force' goes with has_besluit only."))
        if len(self.unless) > 1:
            raise fault(_("'unless' takes one parameter and its value."))
        return self

    def to_domain(self) -> GuardSpec:
        kind = GuardKind.HAS_DEADLINE if self.deadline_passed is None else GuardKind.DEADLINE_PASSED
        if self.has_besluit:
            kind = GuardKind.HAS_BESLUIT
        param, value = next(iter(self.unless.items()), (None, None))
        return GuardSpec(
            kind=kind,
            deadline=self.deadline_passed or self.has_deadline or "",
            besluiten=tuple(self.has_besluit or ()),
            in_force=self.in_force,
            unless_param=param,
            unless_value=value,
            unless_requires_reason=self.unless_requires_reason,
        )
