"""validate() refuses every kind of broken workflow definition, naming the item."""

from __future__ import annotations

import dataclasses

import pytest

from escalation.domain.atw import TermBasis
from escalation.domain.definition import (
    ActionSpec,
    DeadlineKind,
    DeadlineRule,
    GuardKind,
    GuardSpec,
    ParameterSpec,
    ParamType,
    StateSpec,
    WorkflowDefinition,
)
from escalation.domain.errors import DefinitionError
from escalation.domain.validation import validate


def small(**changes: object) -> WorkflowDefinition:
    base = WorkflowDefinition(
        name="klein",
        version=1,
        title="Klein",
        initial="open",
        origin="klein.yaml",
        states=(StateSpec("open"), StateSpec("dicht", final=True)),
        actions=(
            ActionSpec(
                "sluit",
                ("open",),
                "dicht",
                parameters=(ParameterSpec("termijn", ParamType.TERM, default="2 weken"),),
                starts=(DeadlineRule("reactie", term_param="termijn"),),
            ),
        ),
        deadline_kinds=(DeadlineKind("reactie", TermBasis.SELF_SET),),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def problems_of(definition: WorkflowDefinition) -> str:
    with pytest.raises(DefinitionError) as caught:
        validate(definition)
    return str(caught.value)


def test_a_sound_definition_passes() -> None:
    validate(small())


def test_an_unknown_destination_state_is_named_with_its_action_and_file() -> None:
    bad = small(actions=(ActionSpec("sluit", ("open",), "dich"),))

    message = problems_of(bad)

    assert "klein.yaml" in message
    assert "action 'sluit': unknown state 'dich'" in message


def test_an_unknown_deadline_kind_is_refused() -> None:
    action = ActionSpec("sluit", ("open",), "dicht", meets=("reactiee",))

    assert "unknown deadline kind 'reactiee'" in problems_of(small(actions=(action,)))


def test_an_unreachable_state_is_refused() -> None:
    states = (StateSpec("open"), StateSpec("dicht", final=True), StateSpec("eiland", final=True))

    assert "state 'eiland' cannot be reached from 'open'" in problems_of(small(states=states))


def test_a_non_final_state_without_a_way_out_is_refused() -> None:
    states = (StateSpec("open"), StateSpec("dicht"))

    assert "state 'dicht' is not final but no action leads out of it" in problems_of(
        small(states=states)
    )


def test_a_duplicate_action_is_refused() -> None:
    action = ActionSpec("sluit", ("open",), "dicht")

    assert "action 'sluit' is defined more than once" in problems_of(
        small(actions=(action, action))
    )


def test_a_deadline_rule_naming_an_undefined_parameter_is_refused() -> None:
    action = ActionSpec(
        "sluit", ("open",), "dicht", starts=(DeadlineRule("reactie", term_param="duur"),)
    )

    assert "refers to parameter 'duur'" in problems_of(small(actions=(action,)))


def test_a_guard_on_an_unknown_deadline_is_refused() -> None:
    guard = GuardSpec(GuardKind.DEADLINE_PASSED, "naleving")
    action = ActionSpec("sluit", ("open",), "dicht", guards=(guard,))

    assert "unknown deadline kind 'naleving'" in problems_of(small(actions=(action,)))


def test_every_problem_is_listed_not_only_the_first() -> None:
    bad = small(
        initial="begin",
        actions=(ActionSpec("sluit", ("open",), "weg"),),
    )

    message = problems_of(bad)

    assert "initial state 'begin' is not a state" in message
    assert "unknown state 'weg'" in message
