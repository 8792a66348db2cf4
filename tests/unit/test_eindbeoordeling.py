"""The final judgement of a verscherpt toezicht: due a term *before* the end of the period.

Seed 001 (~1011-1015): "Voor het einde van de periode van het verscherpt toezicht zullen de
inspecties ... oordelen of het verscherpt toezicht kan worden opgeheven of dat er verdere
stappen genomen moeten worden". No law sets that term: version 3 of the workflow counts a
self-set term (`eindbeoordeling_voor`, default 4 weken) back from the last day of the period
(docs/verscherpt-toezicht.md). Worked examples, each date checked by hand on a calendar.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from escalation.domain.atw import TermBasis
from escalation.domain.calendar import AtwCalendar
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import InvalidParameterError
from escalation.domain.events import Stamp
from escalation.domain.machine import WorkflowMachine
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.holidays import build_calendar
from escalation.workflows.parse import parse_definition

JEUGDWET_YAML = Path(__file__).resolve().parents[2] / "workflows" / "jeugdwet.yaml"


@pytest.fixture(scope="module")
def v3() -> WorkflowDefinition:
    definition = parse_definition(JEUGDWET_YAML.read_text(encoding="utf-8"), origin="v3")
    assert definition.version >= 3  # version 4 keeps version 3's steps
    return definition


@pytest.fixture(scope="module")
def atw() -> AtwCalendar:
    return build_calendar()


def in_rapport(version: int = 3) -> Case:
    owner = Provider(kvk="04075970", name="JBN", kind=ProviderKind.GECERTIFICEERDE_INSTELLING)
    case = Case.open(
        provider=owner,
        workflow="jeugdwet",
        version=version,
        state="rapport",
        stamp=stamp(date(2025, 3, 3)),
    )
    case.pull_events()
    return case


def stamp(on: date) -> Stamp:
    return Stamp(on=on, at=datetime(2025, 7, 1, 9), by="jurist")


def instate(definition: WorkflowDefinition, atw: AtwCalendar, on: date, **params: str) -> Case:
    case = in_rapport(definition.version)
    raw = {"duur": "7 maanden", "verbeterplan_uiterlijk": "2025-09-08", **params}
    WorkflowMachine(definition).fire(
        case, "stel_verscherpt_toezicht_in", stamp=stamp(on), raw_params=raw, calendar=atw
    )
    return case


@pytest.mark.parametrize(
    ("on", "params", "einde", "eindbeoordeling"),
    [
        # The seed's seven months from 9 July 2025: end Monday 9 February 2026; four weeks
        # before it: Monday 12 January 2026.
        (date(2025, 7, 9), {}, date(2026, 2, 9), date(2026, 1, 12)),
        # The demo's assumed start, Wednesday 16 July 2025: Monday 16 February, Monday 19 January.
        (date(2025, 7, 16), {}, date(2026, 2, 16), date(2026, 1, 19)),
        # One month before Monday 9 February 2026: Friday 9 January 2026.
        (date(2025, 7, 9), {"eindbeoordeling_voor": "1 maand"}, date(2026, 2, 9), date(2026, 1, 9)),
        # Ten working days back from Monday 9 February: Friday 6 (1) ... Monday 26 January (10).
        (
            date(2025, 7, 9),
            {"eindbeoordeling_voor": "10 werkdagen"},
            date(2026, 2, 9),
            date(2026, 1, 26),
        ),
        # An explicit date, on or before the end.
        (
            date(2025, 7, 9),
            {"eindbeoordeling_voor": "2026-01-30"},
            date(2026, 2, 9),
            date(2026, 1, 30),
        ),
        # 31 August + 7 months = 31 March 2026 (Tuesday); four weeks before: Tuesday 3 March.
        (date(2025, 8, 31), {}, date(2026, 3, 31), date(2026, 3, 3)),
    ],
)
def test_the_final_judgement_is_due_the_given_term_before_the_end_of_the_period(
    v3: WorkflowDefinition,
    atw: AtwCalendar,
    on: date,
    params: dict[str, str],
    einde: date,
    eindbeoordeling: date,
) -> None:
    case = instate(v3, atw, on, **params)

    due = {d.kind: d for d in case.deadlines}
    assert due["einde_verscherpt_toezicht"].due == einde
    assert due["eindbeoordeling"].due == eindbeoordeling
    assert due["eindbeoordeling"].basis is not TermBasis.STATUTORY  # no Atw extension
    assert due["eindbeoordeling"].due < due["einde_verscherpt_toezicht"].due


def test_a_final_judgement_on_a_sunday_warns_and_proposes_the_friday_before(
    v3: WorkflowDefinition, atw: AtwCalendar
) -> None:
    # Eight days before Monday 9 February 2026 is Sunday 1 February: a self-set term is not
    # moved, but the warning proposes the working day before it, Friday 30 January.
    case = instate(v3, atw, date(2025, 7, 9), eindbeoordeling_voor="8 dagen")

    [judgement] = [d for d in case.deadlines if d.kind == "eindbeoordeling"]
    assert (judgement.due, judgement.proposed) == (date(2026, 2, 1), date(2026, 1, 30))
    assert judgement.warning is not None


@pytest.mark.parametrize(
    ("term", "needle"),
    [
        ("2026-02-10", "2026-02-10"),  # an explicit date after the end
        ("8 maanden", "2025-06-09"),  # a term reaching back before the start
    ],
)
def test_a_final_judgement_after_the_end_or_before_the_start_is_refused(
    v3: WorkflowDefinition, atw: AtwCalendar, term: str, needle: str
) -> None:
    case = in_rapport()
    raw = {
        "duur": "7 maanden",
        "verbeterplan_uiterlijk": "2025-09-08",
        "eindbeoordeling_voor": term,
    }

    with pytest.raises(InvalidParameterError, match=needle):
        WorkflowMachine(v3).fire(
            case, "stel_verscherpt_toezicht_in", stamp=stamp(date(2025, 7, 9)), raw_params=raw,
            calendar=atw,
        )  # fmt: skip
    assert case.state == "rapport" and case.deadlines == []
