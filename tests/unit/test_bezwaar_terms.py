"""The legal time of the bezwaar procedure, pinned to the worked examples of docs/bezwaar.md."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from escalation.domain.beslisdwangsom import (
    MAXIMUM,
    amount,
    check_ingebrekestelling,
    exposure,
)
from escalation.domain.besluiten import Besluit, BesluitKind, Bezwaar, Herstel, Tijdigheid
from escalation.domain.bezwaar_procedure import Filing, Rules, add_bezwaar
from escalation.domain.bezwaar_steps import adjourn
from escalation.domain.bezwaar_terms import (
    beslistermijn,
    bezwaartermijn,
    opschorting,
    tijdigheid,
    verdaging_days,
)
from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import InvalidActionError, InvalidInputError
from escalation.domain.events import Stamp
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.domain.terms import Term, Unit
from tests.unit.test_calendar import KB_DAYS

CAL = AtwCalendar(KB_DAYS)
SENT = date(2025, 1, 31)  # the aanwijzing of the examples
LAST_DAY = date(2025, 3, 14)  # its bezwaar term ends (Awb 6:7, 6:8)


def d(text: str) -> date:
    return date.fromisoformat(text)


def bezwaar(**changes: object) -> Bezwaar:
    return Bezwaar(number=1, ontvangen=d("2025-03-01"), tijdigheid=Tijdigheid.TIJDIG, **changes)  # type: ignore[arg-type]


# --- the bezwaar term and timeliness (Awb 6:7-6:10) -----------------------------------------


def test_the_bezwaar_term_ends_six_weeks_after_sending() -> None:
    assert bezwaartermijn(SENT, calendar=CAL).end == LAST_DAY


def test_the_bezwaar_term_is_extended_past_a_holiday() -> None:
    # legal-rules §3.1 ex. 2: sent 13 Nov 2025, raw end Eerste Kerstdag -> Monday 29 Dec.
    assert bezwaartermijn(d("2025-11-13"), calendar=CAL).end == d("2025-12-29")


@pytest.mark.parametrize(
    ("ontvangen", "ter_post", "expected"),
    [
        (SENT, None, Tijdigheid.VOORBARIG),  # 6:10: on the day it was sent
        (LAST_DAY, None, Tijdigheid.TIJDIG),  # 6:9 lid 1: on the last day
        (d("2025-03-18"), LAST_DAY, Tijdigheid.TIJDIG_PER_POST),  # posted L, received L+4
        (d("2025-03-21"), LAST_DAY, Tijdigheid.TIJDIG_PER_POST),  # received L+7: still in time
        (d("2025-03-22"), LAST_DAY, Tijdigheid.TE_LAAT),  # received L+8: awaits 6:11
        (d("2025-03-18"), d("2025-03-15"), Tijdigheid.TE_LAAT),  # posted after the term
        (d("2025-03-18"), None, Tijdigheid.TE_LAAT),  # digital, after the term
    ],
)
def test_timeliness(ontvangen: date, ter_post: date | None, expected: Tijdigheid) -> None:
    found = tijdigheid(verzonden=SENT, last_day=LAST_DAY, ontvangen=ontvangen, ter_post=ter_post)
    assert found is expected


# --- the beslistermijn (Awb 7:10) -------------------------------------------------------------


def test_the_beslistermijn_runs_six_weeks_from_the_end_of_the_bezwaar_term() -> None:
    assert beslistermijn(bezwaar(), bt_end=LAST_DAY, calendar=CAL).end == d("2025-04-25")


def test_twelve_weeks_with_an_adviescommissie() -> None:
    # legal-rules §3.1 ex. 10: bezwaar term ends 15 Jul 2025.
    found = beslistermijn(bezwaar(adviescommissie=True), bt_end=d("2025-07-15"), calendar=CAL)
    assert found.term == Term(12, Unit.WEKEN)
    assert found.end == d("2025-10-07")


def test_a_beslistermijn_ending_on_tweede_pinksterdag_moves_to_tuesday() -> None:
    bt_end = bezwaartermijn(d("2026-03-02"), calendar=CAL).end
    found = beslistermijn(bezwaar(), bt_end=bt_end, calendar=CAL)
    assert bt_end == d("2026-04-13")
    assert found.result.raw_end == d("2026-05-25")
    assert found.end == d("2026-05-26")


def test_an_opschorting_of_nine_days() -> None:
    herstel = Herstel(d("2025-03-20"), d("2025-04-03"), hersteld_op=d("2025-03-30"))
    found = beslistermijn(bezwaar(herstel=[herstel]), bt_end=LAST_DAY, calendar=CAL)
    assert opschorting(herstel, bt_end=LAST_DAY) == 9
    # 25 Apr + 9 = Sunday 4 May; Monday 5 May is Bevrijdingsdag (Atw art. 3).
    assert found.opschorting == 9
    assert found.end == d("2025-05-06")


def test_an_unused_hersteltermijn_suspends_until_its_last_day() -> None:
    herstel = Herstel(d("2025-03-20"), d("2025-04-03"))
    assert opschorting(herstel, bt_end=LAST_DAY) == 14  # T - H


def test_a_herstelverzoek_before_the_beslistermijn_began_suspends_only_after_it() -> None:
    herstel = Herstel(d("2025-03-10"), d("2025-03-24"), hersteld_op=d("2025-03-20"))
    assert opschorting(herstel, bt_end=LAST_DAY) == 5  # 15 .. 19 March


def test_a_verdaging_adds_at_most_six_weeks() -> None:
    plain = beslistermijn(bezwaar(verdaagd="6 weken"), bt_end=d("2025-07-15"), calendar=CAL)
    commissie = beslistermijn(
        bezwaar(adviescommissie=True, verdaagd="6 weken"), bt_end=d("2025-07-15"), calendar=CAL
    )
    assert (plain.base_end, plain.end) == (d("2025-08-26"), d("2025-10-07"))
    assert (commissie.base_end, commissie.end) == (d("2025-10-07"), d("2025-11-18"))


@pytest.mark.parametrize("term", [Term(7, Unit.WEKEN), Term(43, Unit.DAGEN), Term(2, Unit.MAANDEN)])
def test_a_verdaging_above_six_weeks_is_refused(term: Term) -> None:
    with pytest.raises(InvalidInputError, match="Awb 7:10 lid 3"):
        verdaging_days(term)


def test_an_uitstel_replaces_the_end_by_its_date() -> None:
    found = beslistermijn(
        bezwaar(verdaagd="6 weken", uitstel_tot=d("2025-12-31"), uitstel_grond="instemming"),
        bt_end=LAST_DAY,
        calendar=CAL,
    )
    assert found.end == d("2025-12-31")


# --- on the case: the right besluit, a verdaging refused after the term -----------------------

AT = datetime(2025, 3, 20, 9, tzinfo=UTC)
RULES = Rules(calendar=CAL, ladder=lambda _kind: ())


def _case() -> Case:
    provider = Provider("87654321", "Focus", ProviderKind.JEUGDHULPAANBIEDER)
    case = Case.open(
        provider=provider, workflow="jeugdwet", version=2, state="aanwijzing",
        stamp=Stamp(on=d("2024-09-02"), at=AT, by="anna"),
    )  # fmt: skip
    for kenmerk, kind, sent in (
        ("IGJ-2025-000001", BesluitKind.AANWIJZING, SENT),
        ("IGJ-2025-000002", BesluitKind.LAST_ONDER_DWANGSOM, d("2025-02-18")),
    ):
        case.take_besluit(
            Besluit(kind, kenmerk, 2025, int(kenmerk[-1]), sent, sent, "IGJ"),
            stamp=Stamp(on=sent, at=AT, by="anna"),
        )
    return case


def test_the_beslistermijn_counts_from_the_bezwaar_term_of_the_contested_besluit() -> None:
    case = _case()
    aanwijzing, last = case.besluiten
    add_bezwaar(case, aanwijzing, Filing(d("2025-03-10")), stamp=Stamp(d("2025-03-10"), AT, "anna"),
                rules=RULES)  # fmt: skip
    add_bezwaar(case, last, Filing(d("2025-03-10")), stamp=Stamp(d("2025-03-10"), AT, "anna"),
                rules=RULES)  # fmt: skip
    dues = {(x.besluit, x.kind): x.due for x in case.deadlines}
    assert dues[("IGJ-2025-000001", "beslistermijn_bezwaar")] == d("2025-04-25")
    assert dues[("IGJ-2025-000002", "beslistermijn_bezwaar")] == d("2025-05-13")


def test_a_verdaging_after_the_beslistermijn_is_refused() -> None:
    case = _case()
    aanwijzing = case.besluiten[0]
    z = add_bezwaar(case, aanwijzing, Filing(d("2025-03-10")),
                    stamp=Stamp(d("2025-03-10"), AT, "anna"), rules=RULES)  # fmt: skip
    late = Stamp(d("2025-04-26"), AT, "anna")
    with pytest.raises(InvalidActionError, match="too late"):
        adjourn(case, aanwijzing, z, term=Term(6, Unit.WEKEN), stamp=late, rules=RULES)
    on_time = Stamp(d("2025-04-25"), AT, "anna")
    assert adjourn(case, aanwijzing, z, term=Term(6, Unit.WEKEN), stamp=on_time, rules=RULES) == (
        d("2025-06-06")
    )
    with pytest.raises(InvalidActionError, match="once"):
        adjourn(case, aanwijzing, z, term=Term(1, Unit.WEKEN), stamp=on_time, rules=RULES)


# --- the dwangsom bij niet tijdig beslissen (Awb 4:17, 4:18) --------------------------------


def test_the_exposure_after_an_ingebrekestelling() -> None:
    found = exposure(d("2025-05-01"), calendar=CAL)
    assert found.eerste_dag == d("2025-05-16")  # D + 15
    assert [(t.van, t.tot, t.per_dag) for t in found.tiers] == [
        (d("2025-05-16"), d("2025-05-29"), 23),
        (d("2025-05-30"), d("2025-06-12"), 35),
        (d("2025-06-13"), d("2025-06-26"), 45),
    ]
    assert found.laatste_dag == d("2025-06-26")  # 42 days, no Atw
    assert found.maximum == MAXIMUM == 1442
    assert found.vaststelling == d("2025-07-10")  # 4:18: two weeks after the last day


def test_the_dwangsom_owed_once_decided() -> None:
    found = exposure(d("2025-05-01"), calendar=CAL, bekendgemaakt=d("2025-06-02"))
    assert (found.dagen_verschuldigd, found.verschuldigd) == (17, 14 * 23 + 3 * 35)
    assert found.vaststelling == d("2025-06-16")  # 1 Jun + 2 weeks = Sunday 15 Jun -> Atw
    assert amount(42) == 1442
    assert amount(100) == 1442


def test_an_ingebrekestelling_within_the_beslistermijn_is_premature() -> None:
    with pytest.raises(InvalidInputError, match="premature"):
        check_ingebrekestelling(d("2025-04-25"), beslistermijn_end=d("2025-04-25"))
    check_ingebrekestelling(d("2025-04-26"), beslistermijn_end=d("2025-04-25"))
