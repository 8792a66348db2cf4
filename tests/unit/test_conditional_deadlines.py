"""Deadline rules of workflow version 3: `when` (start only on a parameter's value) and
`before` (count back from a date), refused when written wrongly."""

from __future__ import annotations

import pytest

from escalation.domain.errors import DefinitionError
from escalation.workflows.parse import parse_definition

TEMPLATE = """\
name: klein
version: 1
initial: open
states:
  - name: open
  - name: dicht
    final: true
deadline_kinds:
  - {{name: plan, basis: fixed}}
  - {{name: einde, basis: self-set}}
actions:
  - name: sluit
    from: [open]
    to: dicht
    parameters:
      - {{name: oordeel, type: choice, choices: [akkoord, aanvullen], required: true}}
      - {{name: nieuw, type: date}}
    starts:
      - {{kind: einde, term: 8 weken}}
      - {rule}
"""


def parse(rule: str) -> None:
    parse_definition(TEMPLATE.format(rule=rule), origin="klein.yaml")


def test_a_rule_started_on_a_choice_and_one_counted_back_are_accepted() -> None:
    parse("{kind: plan, term_param: nieuw, when: {oordeel: aanvullen}}")
    parse("{kind: plan, from_deadline: einde, term: 2 weken, before: true}")


@pytest.mark.parametrize(
    ("rule", "needle"),
    [
        ("{kind: plan, term_param: nieuw, when: {oordeel: misschien}}", "'plan'"),
        ("{kind: plan, term_param: nieuw, when: {soort: aanvullen}}", "'soort'"),
        ("{kind: plan, term_param: nieuw, when: {oordeel: aanvullen, nieuw: x}}", "'when'"),
        ("{kind: plan, term: 2 weken, before: true}", "from_deadline"),
    ],
)
def test_a_wrongly_written_rule_is_refused_naming_what_is_wrong(rule: str, needle: str) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse(rule)

    assert "klein.yaml" in str(caught.value) and needle in str(caught.value)
