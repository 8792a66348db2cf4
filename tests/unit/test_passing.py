"""Whose move a deadline awaits: what passing it, and closing it after it passed, make of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from escalation.domain.atw import TermBasis
from escalation.domain.besluiten import Besluit, BesluitKind, BesluitStatus, Bezwaar, BezwaarStatus
from escalation.domain.besluiten import Tijdigheid as T
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.definition import Awaits, DeadlineKind, Passing, WorkflowDefinition
from escalation.domain.events import Stamp
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.domain.passing import closing_status, passed_as, passes_on, window_outcome
from escalation.domain.reminders import reminder_message, working_days_after
from escalation.holidays import build_calendar
from escalation.i18n import set_language
from escalation.workflows.parse import parse_definition

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"
JEUGDWET_YAML, JEUGDWET_V1_YAML = WORKFLOWS / "jeugdwet.yaml", WORKFLOWS / "jeugdwet-1.yaml"

S = DeadlineStatus
LAST_DAY = date(2025, 3, 14)  # a Friday: the bezwaar term of an aanwijzing sent 31 January


def kind(name: str, awaits: Awaits | None, **more: object) -> DeadlineKind:
    return DeadlineKind(name=name, basis=TermBasis.STATUTORY, awaits=awaits, **more)  # type: ignore[arg-type]


def deadline(name: str = "bezwaar", status: DeadlineStatus = S.OPEN, **more: object) -> Deadline:
    return Deadline(
        kind=name, due=LAST_DAY, basis=TermBasis.STATUTORY, legal_basis="Awb 6:7, 6:8",
        start=date(2025, 1, 31), term="6 weken", steps=(), set_by="geef_aanwijzing",
        set_on=date(2025, 1, 31), status=status, **more,  # type: ignore[arg-type]
    )  # fmt: skip


BEZWAAR = kind("bezwaar", Awaits.WINDOW, grace_days=7)
NALEVING = kind("naleving", Awaits.PROVIDER, follow_up="start_hertoets")
VERBETERPLAN = kind("verbeterplan", Awaits.PROVIDER, passing=Passing.OVERDUE)
EINDE_VT = kind("einde_verscherpt_toezicht", Awaits.INSPECTORATE)
EMBARGO = kind("publicatie_embargo", Awaits.EMBARGO)


@pytest.fixture(scope="module")
def v2() -> WorkflowDefinition:
    return parse_definition(JEUGDWET_YAML.read_text(encoding="utf-8"), origin="v2")


@pytest.fixture(scope="module")
def atw() -> AtwCalendar:
    return build_calendar()


@pytest.mark.parametrize(
    ("name", "passes_as"),
    [
        ("reactie_conceptrapport", "lapsed"),
        ("zienswijze", "lapsed"),
        ("naleving", "lapsed"),
        ("begunstigingstermijn", "lapsed"),
        ("bezwaar", "lapsed"),
        ("publicatie_embargo", "lapsed"),
        ("verbeterplan", "overdue"),
        ("einde_verscherpt_toezicht", "overdue"),
        ("beslistermijn_bezwaar", "overdue"),
        ("betaling", "overdue"),
        ("verjaring", "overdue"),
    ],
)
def test_version_2_says_what_passing_means_as_the_vocabulary_does(
    v2: WorkflowDefinition, name: str, passes_as: str
) -> None:
    found = v2.deadline_kind(name)

    assert found is not None and found.passes_as.value == passes_as


def test_version_1_kinds_await_nobody_and_pass_as_overdue_as_before() -> None:
    v1 = parse_definition(JEUGDWET_V1_YAML.read_text(encoding="utf-8"), origin="v1")
    bezwaar = v1.deadline_kind("bezwaar")

    assert bezwaar is not None and bezwaar.awaits is None
    assert passed_as(deadline(), bezwaar, today=date(2025, 3, 15)) is S.OVERDUE


def test_a_bezwaar_window_passes_only_after_the_postal_week() -> None:
    assert passes_on(deadline(), BEZWAAR) == date(2025, 3, 22)
    assert passed_as(deadline(), BEZWAAR, today=date(2025, 3, 21)) is None
    assert passed_as(deadline(), BEZWAAR, today=date(2025, 3, 22)) is S.LAPSED


@pytest.mark.parametrize(
    ("spec", "status"),
    [(NALEVING, S.LAPSED), (VERBETERPLAN, S.OVERDUE), (EINDE_VT, S.OVERDUE), (EMBARGO, S.LAPSED),
     (None, S.OVERDUE)],
)  # fmt: skip
def test_other_kinds_pass_the_day_after_their_last_day_as_their_kind_says(
    spec: DeadlineKind | None, status: DeadlineStatus
) -> None:
    d = deadline("x")

    assert passed_as(d, spec, today=LAST_DAY) is None
    assert passed_as(d, spec, today=date(2025, 3, 15)) is status
    assert passed_as(replace(d, status=S.MET), spec, today=date(2025, 4, 1)) is None


@pytest.mark.parametrize(
    ("before", "spec", "meets", "action", "after"),
    [
        (S.OPEN, NALEVING, True, "kies_regulier_toezicht", S.MET),
        (S.OPEN, NALEVING, False, "sluit_af", S.CANCELLED),
        (S.LAPSED, NALEVING, True, "start_hertoets", S.LAPSED),  # the follow-up: not compliance
        (S.LAPSED, kind("zienswijze", Awaits.PROVIDER), True, "ontvang_zienswijze", S.MET),
        (S.LAPSED, kind("zienswijze", Awaits.PROVIDER), False, "geef_aanwijzing", S.LAPSED),
        (S.OVERDUE, VERBETERPLAN, True, "ontvang_verbeterplan", S.MET),  # late counts as met
        (S.OVERDUE, VERBETERPLAN, False, "kondig_aanwijzing_aan", S.LAPSED),
        (S.OVERDUE, None, False, "kondig_aanwijzing_aan", S.CANCELLED),  # version 1: as before
    ],
)
def test_an_action_closes_a_deadline_by_whether_its_step_happened(
    before: DeadlineStatus,
    spec: DeadlineKind | None,
    meets: bool,
    action: str,
    after: DeadlineStatus,
) -> None:
    assert closing_status(deadline(status=before), spec, meets=meets, action=action) is after


def test_a_lapsed_deadline_closed_by_an_action_stays_lapsed_and_leaves_the_next_step() -> None:
    case = _case()
    case.deadlines.append(deadline("zienswijze", S.LAPSED))

    closed = case.close_deadline(
        case.deadlines[0], S.LAPSED, stamp=_stamp(date(2025, 3, 20)), action="geef_aanwijzing"
    )

    assert (closed.status, closed.closed_on) == (S.LAPSED, date(2025, 3, 20))
    assert not closed.awaits_next_step and not closed.is_reminded
    assert case.pull_events() == []  # the action is the fact; the status did not change


def _case() -> Case:
    owner = Provider(kvk="87654321", name="Focus", kind=ProviderKind.JEUGDHULPAANBIEDER)
    stamp = _stamp(date(2024, 9, 2))
    case = Case.open(
        provider=owner, workflow="jeugdwet", version=2, state="aanwijzing", stamp=stamp
    )
    case.pull_events()
    return case


def _stamp(on: date) -> Stamp:
    return Stamp(on=on, at=datetime(2025, 3, 22, 6), by="escalation")


def _aanwijzing(*bezwaren: Bezwaar, status: BesluitStatus = BesluitStatus.BEZWAARTERMIJN) -> Case:
    case = _case()
    besluit = Besluit(
        kind=BesluitKind.AANWIJZING, kenmerk="IGJ-2025-000001", year=2025, number=1,
        dagtekening=date(2025, 1, 31), verzonden=date(2025, 1, 31), bestuursorgaan="de Minister",
        status=status, bezwaren=list(bezwaren),
    )  # fmt: skip
    case.besluiten.append(besluit)
    return case


def test_an_unused_window_lapses_and_makes_its_besluit_final_from_the_day_after_the_term() -> None:
    outcome = window_outcome(_aanwijzing(), deadline(besluit="IGJ-2025-000001"))

    assert outcome.status is S.LAPSED
    assert outcome.final is not None and outcome.final.kenmerk == "IGJ-2025-000001"
    assert outcome.since == date(2025, 3, 15)


def test_a_window_with_a_bezwaar_is_met_and_the_besluit_is_not_final() -> None:
    made = Bezwaar(number=1, ontvangen=date(2025, 3, 20), tijdigheid=T.TIJDIG_PER_POST)
    withdrawn = replace(made, status=BezwaarStatus.INGETROKKEN)

    used = window_outcome(_aanwijzing(made), deadline(besluit="IGJ-2025-000001"))
    only_withdrawn = window_outcome(_aanwijzing(withdrawn), deadline(besluit="IGJ-2025-000001"))
    revoked = window_outcome(
        _aanwijzing(status=BesluitStatus.INGETROKKEN), deadline(besluit="IGJ-2025-000001")
    )

    assert (used.status, used.final) == (S.MET, None)
    assert only_withdrawn.status is S.LAPSED and only_withdrawn.final is not None
    assert (revoked.status, revoked.final) == (S.LAPSED, None)


def test_a_late_bezwaar_counts_as_a_use_of_the_window_only_once_judged_excusable() -> None:
    late = Bezwaar(number=1, ontvangen=date(2025, 3, 22), tijdigheid=T.TE_LAAT)
    excused = replace(late, verschoonbaar=True)
    not_excused = replace(late, verschoonbaar=False)

    outcomes = [
        window_outcome(_aanwijzing(b), deadline(besluit="IGJ-2025-000001"))
        for b in (late, excused, not_excused)
    ]

    assert [o.status for o in outcomes] == [S.LAPSED, S.MET, S.LAPSED]
    assert [o.final is not None for o in outcomes] == [True, False, True]


def _beslissing(case: Case, kenmerk: str, status: BesluitStatus) -> Besluit:
    taken = Besluit(
        kind=BesluitKind.BESLISSING_OP_BEZWAAR, kenmerk=kenmerk, year=2025, number=3,
        dagtekening=date(2025, 6, 2), verzonden=date(2025, 6, 2), bestuursorgaan="de Minister",
        status=status, parent="IGJ-2025-000001",
    )  # fmt: skip
    case.besluiten.append(taken)
    return taken


def test_an_unused_beroep_term_takes_the_upheld_besluit_with_it_unless_another_runs() -> None:
    upheld = _aanwijzing(status=BesluitStatus.BEROEPSTERMIJN)
    _beslissing(upheld, "IGJ-2025-000003", BesluitStatus.BEROEPSTERMIJN)
    two = _aanwijzing(status=BesluitStatus.BEROEPSTERMIJN)
    _beslissing(two, "IGJ-2025-000003", BesluitStatus.BEROEPSTERMIJN)
    _beslissing(two, "IGJ-2025-000004", BesluitStatus.BEROEPSTERMIJN)
    revoked = _aanwijzing(status=BesluitStatus.INGETROKKEN)
    _beslissing(revoked, "IGJ-2025-000003", BesluitStatus.BEROEPSTERMIJN)
    beroep = replace(deadline("beroep", besluit="IGJ-2025-000003"), due=date(2025, 7, 14))

    alone, other_runs, gone = (window_outcome(c, beroep) for c in (upheld, two, revoked))

    assert alone.final is not None and alone.final.kenmerk == "IGJ-2025-000003"
    assert alone.contested is not None and alone.contested.kenmerk == "IGJ-2025-000001"
    assert alone.since == date(2025, 7, 15)
    assert other_runs.final is not None and other_runs.contested is None
    assert gone.final is not None and gone.contested is None


def test_the_report_after_the_postal_week_is_its_fifth_working_day(atw: AtwCalendar) -> None:
    assert working_days_after(LAST_DAY, date(2025, 3, 22), atw) == 5  # Mon 17 .. Fri 21


def test_an_embargo_reminds_from_when_publication_is_allowed_never_by_when() -> None:
    set_language("nl")

    subject, body = reminder_message(
        case_id=1, provider="Focus", kind="publicatie_embargo", due=date(2025, 2, 14),
        today=date(2025, 2, 17), awaits=Awaits.EMBARGO, lapsed=True,
    )  # fmt: skip

    assert (
        subject == "Publicatie toegestaan vanaf 15 februari 2025: publicatie_embargo zaak 1 (Focus)"
    )
    assert "publicatie toegestaan vanaf 15 februari 2025 (2025-02-15)" in body
    assert "uiterlijk" not in subject + body and "erlopen" not in subject + body


def test_a_window_reports_that_no_bezwaar_came_and_the_besluit_is_final() -> None:
    set_language("nl")

    subject, body = reminder_message(
        case_id=1, provider="Focus", kind="bezwaar", due=LAST_DAY, today=date(2025, 3, 22),
        awaits=Awaits.WINDOW, lapsed=True, besluit="IGJ-2025-000001",
    )  # fmt: skip

    assert subject == (
        "Geen bezwaar ontvangen; besluit IGJ-2025-000001 onherroepelijk sinds 15 maart 2025: zaak 1"
    )
    assert "Geen bezwaar ontvangen; besluit IGJ-2025-000001 onherroepelijk sinds" in body
    assert "postweek" in body and "erlopen" not in subject + body


def test_a_provider_term_that_lapsed_hands_the_next_step_to_the_inspectorate() -> None:
    subject, body = reminder_message(
        case_id=1, provider="Focus", kind="zienswijze", due=LAST_DAY, today=date(2025, 3, 17),
        awaits=Awaits.PROVIDER, lapsed=True,
    )  # fmt: skip

    assert subject.startswith("Term ended: zienswijze case 1 (Focus)")
    assert "next step is the inspectorate's" in body and "Overdue" not in subject
