"""Properties of term computation that must hold for every start date and term."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from escalation.domain.atw import TermBasis, compute_term
from escalation.domain.terms import Term, Unit, parse_term
from escalation.texts import render
from tests.unit.test_calendar import atw_calendar

# Hypothesis formats a falsifying example with a library that imports the deprecated
# mypy_extensions.TypedDict; under `filterwarnings = error` that hides the example behind an
# INTERNALERROR. Ignore only that warning, so a failure reads as a failure.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
)

CALENDAR = atw_calendar()
# Ten years before the last date escalation works with (domain.limits.LAST_DAY): the longest
# term below (120 months, 500 weeks) still ends inside the range.
STARTS = st.dates(min_value=date(2020, 1, 1), max_value=date(2089, 12, 31))


def _terms(unit: Unit, low: int, high: int) -> st.SearchStrategy[Term]:
    return st.integers(low, high).map(lambda n: Term(n, unit))


ATW_TERMS = st.one_of(
    _terms(Unit.DAGEN, 1, 90),
    _terms(Unit.WEKEN, 1, 12),
    _terms(Unit.MAANDEN, 1, 3),
)
ART_4_TERMS = st.one_of(
    _terms(Unit.DAGEN, 91, 400),
    _terms(Unit.WEKEN, 13, 60),
    _terms(Unit.MAANDEN, 4, 36),
    _terms(Unit.JAREN, 1, 5),
    st.integers(1, 30).map(lambda n: Term(24 * n, Unit.UREN)),
)
ANY_TERM = st.one_of(ATW_TERMS, ART_4_TERMS, _terms(Unit.WERKDAGEN, 1, 40))


def _working_days_between(first: date, last: date) -> int:
    days = (first + timedelta(days=i) for i in range((last - first).days + 1))
    return sum(1 for day in days if CALENDAR.is_working_day(day))


@given(start=STARTS, term=ATW_TERMS)
def test_a_statutory_term_ends_on_a_working_day_never_before_the_raw_end(
    start: date, term: Term
) -> None:
    result = compute_term(start, term, basis=TermBasis.STATUTORY, calendar=CALENDAR)

    assert CALENDAR.is_working_day(result.end)
    assert result.end >= result.raw_end


@given(start=STARTS, term=ATW_TERMS)
def test_a_statutory_term_of_three_days_or_more_holds_two_working_days(
    start: date, term: Term
) -> None:
    result = compute_term(start, term, basis=TermBasis.STATUTORY, calendar=CALENDAR)

    if (result.raw_end - start).days >= 3:
        assert _working_days_between(start + timedelta(days=1), result.end) >= 2


@given(start=STARTS, term=ANY_TERM, backwards=st.booleans())
def test_a_self_set_term_ends_exactly_on_the_raw_end(
    start: date, term: Term, backwards: bool
) -> None:
    result = compute_term(
        start, term, basis=TermBasis.SELF_SET, calendar=CALENDAR, backwards=backwards
    )

    assert result.end == result.raw_end
    assert (result.proposed is None) == CALENDAR.is_working_day(result.end)


@given(start=STARTS, term=ANY_TERM)
def test_a_proposal_is_a_working_day_on_the_right_side_of_the_end(start: date, term: Term) -> None:
    result = compute_term(start, term, basis=TermBasis.SELF_SET, calendar=CALENDAR)

    if result.proposed is not None:
        assert CALENDAR.is_working_day(result.proposed)
        assert result.proposed > result.end
        assert result.warning is not None


@given(start=STARTS, months=st.integers(1, 120))
def test_month_arithmetic_never_overflows_the_month(start: date, months: int) -> None:
    result = compute_term(
        start, Term(months, Unit.MAANDEN), basis=TermBasis.SELF_SET, calendar=CALENDAR
    )

    end = result.raw_end
    total = start.month - 1 + months
    assert (end.year, end.month) == (start.year + total // 12, total % 12 + 1)
    assert end.day == min(start.day, monthrange(end.year, end.month)[1])


@given(start=STARTS, term=ART_4_TERMS)
def test_a_term_excluded_by_article_4_is_never_extended(start: date, term: Term) -> None:
    result = compute_term(start, term, basis=TermBasis.STATUTORY, calendar=CALENDAR)

    assert result.end == result.raw_end


@given(start=STARTS, term=ANY_TERM)
def test_a_term_counted_back_is_never_extended(start: date, term: Term) -> None:
    result = compute_term(start, term, basis=TermBasis.STATUTORY, calendar=CALENDAR, backwards=True)

    assert result.end == result.raw_end < start


@given(start=STARTS, n=st.integers(1, 40), backwards=st.booleans())
def test_werkdagen_end_on_a_working_day_after_exactly_n_working_days(
    start: date, n: int, backwards: bool
) -> None:
    result = compute_term(
        start,
        Term(n, Unit.WERKDAGEN),
        basis=TermBasis.STATUTORY,
        calendar=CALENDAR,
        backwards=backwards,
    )

    low, high = sorted((start, result.end))
    assert CALENDAR.is_working_day(result.end)
    assert _working_days_between(low, high) - CALENDAR.is_working_day(start) == n


@given(start=STARTS, n=st.integers(1, 500), weeks=st.booleans())
def test_days_and_weeks_count_from_the_day_after_the_event(
    start: date, n: int, weeks: bool
) -> None:
    term = Term(n, Unit.WEKEN if weeks else Unit.DAGEN)

    result = compute_term(start, term, basis=TermBasis.SELF_SET, calendar=CALENDAR)

    assert (result.raw_end - start).days == n * (7 if weeks else 1)


@given(term=ANY_TERM)
def test_a_term_written_out_reads_back_as_the_same_term(term: Term) -> None:
    assert parse_term(str(term)) == term


@given(start=STARTS, term=ANY_TERM)
def test_every_explanation_starts_with_the_start_and_the_arithmetic(
    start: date, term: Term
) -> None:
    result = compute_term(start, term, basis=TermBasis.STATUTORY, calendar=CALENDAR)

    assert render(result.steps[0]).startswith("Start: ")
    assert render(result.steps[1]).startswith(f"+ {term} = ")
