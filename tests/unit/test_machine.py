"""The shared state machine: transitions, guards with 'why not', parameters, deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from escalation.domain.atw import TermBasis
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import DeadlineStatus
from escalation.domain.errors import InvalidActionError, InvalidParameterError
from escalation.domain.events import ActionTaken, Stamp
from escalation.domain.machine import WorkflowMachine
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.i18n import set_language
from escalation.texts import render
from escalation.workflows import FileWorkflowCatalog

NOW = datetime(2025, 1, 31, 9, 0, tzinfo=UTC)
FOCUS = Provider("87654321", "Focus-Jeugd & Gezin B.V.", ProviderKind.JEUGDHULPAANBIEDER)


@pytest.fixture(scope="module")
def machine() -> WorkflowMachine:
    """Version 1 of the jeugdwet workflow: the cases opened under it keep these rules."""
    return WorkflowMachine(FileWorkflowCatalog().get("jeugdwet", 1))


def case_in(state: str) -> Case:
    return Case(FOCUS, "jeugdwet", 1, state, date(2024, 9, 2), id=7)


def fire(
    machine: WorkflowMachine,
    case: Case,
    action: str,
    on: date,
    reason: str | None = None,
    **params: str,
) -> None:
    machine.fire(
        case,
        action,
        stamp=Stamp(on=on, at=NOW, by="jurist", reason=reason),
        raw_params=params,
        calendar=AtwCalendar(),
    )


def test_an_allowed_action_moves_the_state_and_records_who_did_it(
    machine: WorkflowMachine,
) -> None:
    case = case_in("signaal")

    fire(machine, case, "start_onderzoek", date(2024, 9, 16))

    assert case.state == "onderzoek"
    event = case.events[-1]
    assert isinstance(event, ActionTaken)
    assert (event.TYPE, event.from_state, event.to_state, event.by) == (
        "action_taken",
        "signaal",
        "onderzoek",
        "jurist",
    )


def test_geef_aanwijzing_sets_the_three_deadlines_from_the_dagtekening(
    machine: WorkflowMachine,
) -> None:
    case = case_in("voornemen_aanwijzing")

    fire(machine, case, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")

    due = {d.kind: d.due for d in case.deadlines}
    assert due == {
        "naleving": date(2025, 4, 30),
        "bezwaar": date(2025, 3, 14),
        "publicatie_embargo": date(2025, 2, 14),
    }
    assert {d.kind: d.basis for d in case.deadlines}["naleving"] is TermBasis.SELF_SET


def test_an_explicit_compliance_date_is_a_fixed_deadline(machine: WorkflowMachine) -> None:
    case = case_in("voornemen_aanwijzing")

    fire(machine, case, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="2025-05-02")

    naleving = next(d for d in case.deadlines if d.kind == "naleving")
    assert (naleving.due, naleving.basis) == (date(2025, 5, 2), TermBasis.FIXED)


def test_bezwaar_counts_from_the_date_sent_not_the_dagtekening(machine: WorkflowMachine) -> None:
    case = case_in("voornemen_aanwijzing")

    fire(
        machine,
        case,
        "geef_aanwijzing",
        date(2025, 11, 10),
        nalevingstermijn="3 maanden",
        verzonden="2025-11-13",
    )

    bezwaar = next(d for d in case.deadlines if d.kind == "bezwaar")
    assert bezwaar.due == date(2025, 12, 29)  # legal-rules §3.1 example 2: Christmas skipped


def test_an_action_from_the_wrong_state_names_the_state_and_the_allowed_actions(
    machine: WorkflowMachine,
) -> None:
    case = case_in("rapport")

    with pytest.raises(InvalidActionError) as caught:
        fire(machine, case, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")

    message = str(caught.value)
    assert "is in 'rapport'" in message
    assert "kondig_aanwijzing_aan" in message and "stel_verscherpt_toezicht_in" in message
    assert case.state == "rapport" and not case.events


def test_start_hertoets_is_blocked_before_the_naleving_deadline_with_the_reason(
    machine: WorkflowMachine,
) -> None:
    case = case_in("voornemen_aanwijzing")
    fire(machine, case, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")

    with pytest.raises(InvalidActionError) as caught:
        fire(machine, case, "start_hertoets", date(2025, 4, 30))

    assert "'naleving' deadline runs until 2025-04-30" in str(caught.value)
    assert "vervroegd=ja" in str(caught.value)
    assert case.state == "aanwijzing"


def test_start_hertoets_is_allowed_the_day_after_the_naleving_deadline(
    machine: WorkflowMachine,
) -> None:
    case = case_in("voornemen_aanwijzing")
    fire(machine, case, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")

    fire(machine, case, "start_hertoets", date(2025, 5, 1))

    assert case.state == "hertoets"
    naleving = next(d for d in case.deadlines if d.kind == "naleving")
    assert naleving.status is DeadlineStatus.MET


def test_an_early_hertoets_needs_both_vervroegd_and_a_reason(machine: WorkflowMachine) -> None:
    case = case_in("voornemen_aanwijzing")
    fire(machine, case, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")

    with pytest.raises(InvalidActionError, match="--reason"):
        fire(machine, case, "start_hertoets", date(2025, 3, 1), vervroegd="ja")
    fire(machine, case, "start_hertoets", date(2025, 3, 1), "signalen", vervroegd="ja")

    assert case.state == "hertoets"
    assert case.events[-2].reason == "signalen"


def test_availability_lists_the_guard_that_blocks_an_action(machine: WorkflowMachine) -> None:
    case = case_in("voornemen_aanwijzing")
    fire(machine, case, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")

    options = {o.action: o.blocked_by for o in machine.availability(case, on=date(2025, 2, 1))}

    assert options["start_hertoets"] is not None and "naleving" in options["start_hertoets"]
    assert options["ontvang_bezwaar"] is None


def test_a_missing_required_parameter_is_named(machine: WorkflowMachine) -> None:
    case = case_in("voornemen_aanwijzing")

    with pytest.raises(InvalidParameterError, match="nalevingstermijn"):
        fire(machine, case, "geef_aanwijzing", date(2025, 1, 31))
    assert case.state == "voornemen_aanwijzing"


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"nalevingstermijn": "6 wekken"}, "weken"),
        ({"nalevingstermijn": "0 weken"}, "nalevingstermijn"),
        ({"nalevingstermijn": "3 maanden", "verzonden": "2025-02-30"}, "verzonden"),
        ({"nalevingstermijn": "3 maanden", "kleur": "rood"}, "no parameter 'kleur'"),
        ({"nalevingstermijn": "2025-01-01"}, "before its start"),
    ],
)
def test_malformed_parameters_are_refused_and_change_nothing(
    machine: WorkflowMachine, params: dict[str, str], fragment: str
) -> None:
    case = case_in("voornemen_aanwijzing")

    with pytest.raises(InvalidParameterError, match=fragment):
        fire(machine, case, "geef_aanwijzing", date(2025, 1, 31), **params)

    assert (case.state, case.deadlines, case.events) == ("voornemen_aanwijzing", [], [])


def test_a_dwangsom_is_refused_in_unknown_money_notation(machine: WorkflowMachine) -> None:
    case = case_in("voornemen_last")

    with pytest.raises(InvalidParameterError, match="bedrag"):
        fire(
            machine,
            case,
            "leg_last_onder_dwangsom_op",
            date(2026, 3, 2),
            begunstigingstermijn="4 weken",
            bedrag="duizend",
            per="week",
            maximum="10000",
        )


def test_money_in_dutch_notation_is_stored_canonically(machine: WorkflowMachine) -> None:
    case = case_in("voornemen_last")

    fire(
        machine,
        case,
        "leg_last_onder_dwangsom_op",
        date(2026, 3, 2),
        begunstigingstermijn="4 weken",
        bedrag="€ 1.000,00",
        per="week",
        maximum="10.000",
    )

    taken = case.events[0]
    assert isinstance(taken, ActionTaken)
    assert taken.params["bedrag"] == "1000.00"
    assert taken.params["maximum"] == "10000.00"


def test_beslistermijn_is_twelve_weeks_after_the_bezwaar_term_with_a_commissie(
    machine: WorkflowMachine,
) -> None:
    case = case_in("voornemen_aanwijzing")
    fire(
        machine,
        case,
        "geef_aanwijzing",
        date(2025, 6, 3),
        nalevingstermijn="3 maanden",
        verzonden="2025-06-03",
    )

    fire(machine, case, "ontvang_bezwaar", date(2025, 6, 20), adviescommissie="ja")

    beslis = next(d for d in case.deadlines if d.kind == "beslistermijn_bezwaar")
    assert beslis.due == date(2025, 10, 7)  # legal-rules §3.1 example 10
    assert case.state == "aanwijzing"


def test_beslistermijn_is_six_weeks_after_the_bezwaar_term_without_a_commissie(
    machine: WorkflowMachine,
) -> None:
    case = case_in("voornemen_aanwijzing")
    fire(
        machine,
        case,
        "geef_aanwijzing",
        date(2025, 6, 3),
        nalevingstermijn="3 maanden",
        verzonden="2025-06-03",
    )

    fire(machine, case, "ontvang_bezwaar", date(2025, 6, 20))

    due = {d.kind: d.due for d in case.deadlines}
    assert due["bezwaar"] == date(2025, 7, 15)  # legal-rules §3.1 example 1
    assert due["beslistermijn_bezwaar"] == date(2025, 8, 26)  # example 10, six weeks


def test_verjaring_is_one_year_after_forfeiture_without_atw(machine: WorkflowMachine) -> None:
    case = case_in("voornemen_last")
    fire(
        machine,
        case,
        "leg_last_onder_dwangsom_op",
        date(2026, 1, 30),
        begunstigingstermijn="2026-03-12",
        bedrag="1000",
        per="week",
        maximum="10000",
    )

    fire(machine, case, "stel_verbeurte_vast", date(2026, 3, 13), bedrag="1000")

    due = {d.kind: d.due for d in case.deadlines}
    assert due["betaling"] == date(2026, 4, 24)  # legal-rules §3.1 example 14
    assert due["verjaring"] == date(2027, 3, 13)


def test_stel_verbeurte_vast_cannot_precede_the_end_of_the_begunstigingstermijn(
    machine: WorkflowMachine,
) -> None:
    case = case_in("voornemen_last")
    fire(
        machine,
        case,
        "leg_last_onder_dwangsom_op",
        date(2026, 1, 30),
        begunstigingstermijn="2026-03-12",
        bedrag="1000",
        per="week",
        maximum="10000",
    )

    with pytest.raises(InvalidActionError, match="begunstigingstermijn"):
        fire(machine, case, "stel_verbeurte_vast", date(2026, 3, 12), bedrag="1000")


def test_verscherpt_toezicht_sets_a_fixed_verbeterplan_and_its_end(
    machine: WorkflowMachine,
) -> None:
    case = case_in("rapport")

    fire(
        machine,
        case,
        "stel_verscherpt_toezicht_in",
        date(2025, 7, 9),
        duur="7 maanden",
        verbeterplan_uiterlijk="2025-09-08",
    )

    due = {d.kind: (d.due, d.basis) for d in case.deadlines}
    assert due["verbeterplan"] == (date(2025, 9, 8), TermBasis.FIXED)
    assert due["einde_verscherpt_toezicht"] == (date(2026, 2, 9), TermBasis.SELF_SET)


def test_a_self_set_term_on_a_holiday_is_kept_with_a_warning(machine: WorkflowMachine) -> None:
    case = case_in("rapport")

    fire(machine, case, "kondig_aanwijzing_aan", date(2025, 12, 11))

    zienswijze = case.deadlines[0]
    assert zienswijze.due == date(2025, 12, 25)
    assert zienswijze.proposed == date(2025, 12, 29)
    assert zienswijze.warning is not None and "2025" in render(zienswijze.warning)


def test_the_same_machine_serves_many_cases_without_keeping_them(
    machine: WorkflowMachine,
) -> None:
    cases = [case_in("signaal") for _ in range(50)]

    for case in cases:
        fire(machine, case, "start_onderzoek", date(2024, 9, 16))

    assert {c.state for c in cases} == {"onderzoek"}
    assert machine._machine.models == []  # noqa: SLF001 - no case is ever added as a model


def test_a_guarded_action_is_refused_in_dutch_with_how_to_act_earlier(
    machine: WorkflowMachine,
) -> None:
    set_language("nl")
    case = case_in("voornemen_aanwijzing")
    fire(machine, case, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")

    with pytest.raises(InvalidActionError) as caught:
        fire(machine, case, "start_hertoets", date(2025, 4, 30))

    assert str(caught.value) == (
        "'start_hertoets' is geblokkeerd voor zaak 7: de termijn 'naleving' loopt tot en met "
        "2025-04-30; 'start_hertoets' is mogelijk vanaf 2025-05-01, of eerder met --set "
        "vervroegd=ja en een --reason."
    )
