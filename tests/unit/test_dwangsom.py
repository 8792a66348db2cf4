"""The dwangsom ledger's law, pinned to worked examples (written out in docs/dwangsom.md).

The example last: € 1 000 per week, maximum € 10 000, begunstigingstermijn ending on Friday
28 August 2026. Unit 1 is Saturday 29 August to Friday 4 September 2026, unit 2 the week after.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from escalation.domain.calendar import AtwCalendar
from escalation.domain.dwangsom import (
    Forfeiture,
    LastTerms,
    Per,
    Period,
    Verbeurt,
    aanmaning_costs,
    aanmaning_due,
    accrue,
    opheffing_possible_from,
    payable_by,
    prescribes_on,
    unit_bounds,
    violations,
)
from escalation.holidays import build_calendar

EURO = Decimal("1000")


@pytest.fixture(scope="module")
def atw() -> AtwCalendar:
    return build_calendar()


def weekly(verbeurt: Verbeurt) -> LastTerms:
    return LastTerms(EURO, Per.WEEK, Decimal("10000"), date(2026, 8, 28), verbeurt)


def test_a_begun_week_forfeits_on_its_first_day_up_to_30_september() -> None:
    accrual = accrue(weekly(Verbeurt.PER_BEGONNEN_EENHEID), until=date(2026, 9, 30))

    assert [f.on for f in accrual.booked] == [
        date(2026, 8, 29),
        date(2026, 9, 5),
        date(2026, 9, 12),
        date(2026, 9, 19),
        date(2026, 9, 26),  # the fifth week has begun on 30 September
    ]
    assert accrual.total == Decimal("5000") and accrual.over_maximum == ()


def test_only_a_full_week_forfeits_on_its_last_day_up_to_30_september() -> None:
    accrual = accrue(weekly(Verbeurt.PER_VOLLE_EENHEID), until=date(2026, 9, 30))

    assert [f.on for f in accrual.booked] == [
        date(2026, 9, 4),
        date(2026, 9, 11),
        date(2026, 9, 18),
        date(2026, 9, 25),  # the fifth week ends on 2 October: not complete on 30 September
    ]
    assert accrual.total == Decimal("4000")


@pytest.mark.parametrize(
    ("verbeurt", "last_booked", "first_over", "over"),
    [
        (Verbeurt.PER_BEGONNEN_EENHEID, date(2026, 10, 31), date(2026, 11, 7), 8),
        (Verbeurt.PER_VOLLE_EENHEID, date(2026, 11, 6), date(2026, 11, 13), 7),
    ],
)
def test_up_to_31_december_the_maximum_caps_it_and_the_rest_is_reported_not_booked(
    verbeurt: Verbeurt, last_booked: date, first_over: date, over: int
) -> None:
    accrual = accrue(weekly(verbeurt), until=date(2026, 12, 31))

    assert len(accrual.booked) == 10 and accrual.total == Decimal("10000")
    assert accrual.booked[-1].on == last_booked
    assert accrual.over_maximum[0].on == first_over and len(accrual.over_maximum) == over


def test_weeks_booked_before_are_not_booked_again() -> None:
    terms = weekly(Verbeurt.PER_BEGONNEN_EENHEID)
    first = accrue(terms, until=date(2026, 9, 30)).booked

    later = accrue(terms, until=date(2026, 10, 14), booked_before=first)

    assert [f.unit for f in later.booked] == [6, 7]
    assert [f.on for f in later.booked] == [date(2026, 10, 3), date(2026, 10, 10)]


def test_nothing_forfeits_within_the_begunstigingstermijn() -> None:
    assert accrue(weekly(Verbeurt.PER_BEGONNEN_EENHEID), until=date(2026, 8, 28)).booked == ()


def test_a_month_unit_ends_on_the_same_day_number_or_the_months_last_day() -> None:
    terms = LastTerms(EURO, Per.MAAND, Decimal("5000"), date(2026, 1, 31))

    assert unit_bounds(terms, 1) == (date(2026, 2, 1), date(2026, 2, 28))
    assert unit_bounds(terms, 2) == (date(2026, 3, 1), date(2026, 3, 31))


def test_a_lump_sum_forfeits_once_on_the_first_day_after_the_term() -> None:
    terms = LastTerms(Decimal("5000"), Per.INEENS, Decimal("5000"), date(2026, 8, 28))

    accrual = accrue(terms, until=date(2026, 12, 31))

    assert [(f.on, f.amount) for f in accrual.booked] == [(date(2026, 8, 29), Decimal("5000"))]


def test_violations_forfeit_per_violation_up_to_the_maximum() -> None:
    terms = LastTerms(Decimal("2500"), Per.OVERTREDING, Decimal("5000"), date(2026, 8, 28))

    first = violations(terms, on=date(2026, 9, 3), count=1)
    more = violations(terms, on=date(2026, 9, 10), count=2, booked_before=first.booked)

    assert [(f.on, f.unit) for f in (*first.booked, *more.booked)] == [
        (date(2026, 9, 3), 1),
        (date(2026, 9, 10), 2),
    ]
    assert [f.unit for f in more.over_maximum] == [3]


def test_payment_is_due_six_weeks_after_forfeiture_moved_by_the_atw(atw: AtwCalendar) -> None:
    # 29 August 2026 + 6 weeks = Saturday 10 October: the Atw moves it to Monday 12 October.
    moved = payable_by(date(2026, 8, 29), atw)
    plain = payable_by(date(2026, 9, 4), atw)

    assert (moved.raw_end, moved.end) == (date(2026, 10, 10), date(2026, 10, 12))
    assert plain.end == date(2026, 10, 16)


def test_prescription_is_one_year_after_forfeiture_even_on_a_saturday() -> None:
    # No Atw on a term in years (Atw art. 4 lid a): Saturday 4 September 2027 stays.
    assert prescribes_on(date(2026, 9, 4)) == date(2027, 9, 4)
    assert prescribes_on(date(2028, 2, 29)) == date(2029, 2, 28)


def test_the_issues_example_counts_from_forfeiture_not_from_recording(atw: AtwCalendar) -> None:
    # Begunstigingstermijn ending 29 August 2025; the first week forfeits on Saturday 30 August,
    # whenever the forfeiture is recorded: betaling 13 October 2025, verjaring 30 August 2026.
    terms = LastTerms(EURO, Per.WEEK, Decimal("10000"), date(2025, 8, 29))
    [first, *_] = accrue(terms, until=date(2025, 11, 3)).booked

    assert first.on == date(2025, 8, 30)
    assert payable_by(first.on, atw).end == date(2025, 10, 13)
    assert prescribes_on(first.on) == date(2026, 8, 30)


def test_a_bezwaar_pending_for_100_days_extends_prescription_by_those_days() -> None:
    pending = Period(date(2026, 9, 1), date(2026, 12, 9))  # 100 days, both ends included

    assert prescribes_on(date(2026, 8, 29), pending=[pending]) == date(2027, 12, 7)


def test_a_still_pending_bezwaar_counts_up_to_today() -> None:
    pending = Period(date(2026, 9, 1))

    assert prescribes_on(date(2026, 8, 29), pending=[pending], today=date(2026, 9, 10)) == date(
        2027, 9, 8
    )


def test_an_invorderingsbeschikking_restarts_the_year_from_the_next_day() -> None:
    assert prescribes_on(date(2026, 8, 29), interrupted_on=[date(2027, 3, 15)]) == date(2028, 3, 15)


def test_an_invorderingsbeschikking_after_prescription_revives_nothing() -> None:
    assert prescribes_on(date(2026, 8, 29), interrupted_on=[date(2027, 9, 1)]) == date(2027, 8, 29)


def test_opheffing_is_possible_a_year_after_the_last_forfeiture() -> None:
    forfeited = [Forfeiture(date(2026, 10, 31), EURO, 10)]

    assert opheffing_possible_from(date(2026, 7, 31), forfeited) == date(2027, 10, 31)
    assert opheffing_possible_from(date(2026, 7, 31), []) == date(2027, 7, 31)


def test_an_aanmaning_gives_two_weeks_from_the_day_after_sending(atw: AtwCalendar) -> None:
    assert aanmaning_due(date(2026, 12, 17), atw).end == date(2026, 12, 31)
    # 25 December is Eerste Kerstdag, then Tweede Kerstdag and a weekend.
    assert aanmaning_due(date(2026, 12, 11), atw).end == date(2026, 12, 28)


def test_the_aanmaning_costs_depend_on_the_debt() -> None:
    assert aanmaning_costs(Decimal("453.99")) == Decimal("9")
    assert aanmaning_costs(Decimal("454")) == Decimal("20")
