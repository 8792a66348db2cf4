"""Reading terms and dates, and the last day of a term (Atw art. 1, 2, 4; legal-rules.md §3)."""

from __future__ import annotations

from datetime import date

import pytest

from escalation.domain.atw import TermBasis, TermResult, compute_term, fixed_date
from escalation.domain.errors import InvalidDateError, InvalidInputError, InvalidTermError
from escalation.domain.terms import Term, Unit, parse_term
from escalation.i18n import set_language
from escalation.texts import render
from tests.unit.test_calendar import atw_calendar

STATUTORY = TermBasis.STATUTORY
SELF_SET = TermBasis.SELF_SET


def _d(text: str) -> date:
    return date.fromisoformat(text)


def statutory(start: str, term: str, *, backwards: bool = False) -> TermResult:
    return compute_term(
        _d(start), parse_term(term), basis=STATUTORY, calendar=atw_calendar(), backwards=backwards
    )


def self_set(start: str, term: str, *, backwards: bool = False) -> TermResult:
    return compute_term(
        _d(start), parse_term(term), basis=SELF_SET, calendar=atw_calendar(), backwards=backwards
    )


def steps_of(result: TermResult) -> tuple[str, ...]:
    """The explanation as it is shown (in English: see tests/unit/conftest.py)."""
    return tuple(render(step) for step in result.steps)


def warning_of(result: TermResult) -> str | None:
    return None if result.warning is None else render(result.warning)


# ---- legal-rules.md §3.1, the worked examples -------------------------------------------------

WORKED_EXAMPLES = [
    pytest.param("2025-06-03", "6 weken", "2025-07-15", "2025-07-15", id="1-working-day"),
    pytest.param("2025-11-13", "6 weken", "2025-12-25", "2025-12-29", id="2-christmas"),
    pytest.param("2025-11-20", "6 weken", "2026-01-01", "2026-01-05", id="3-new-year-kb"),
    pytest.param("2026-02-20", "6 weken", "2026-04-03", "2026-04-07", id="4-good-friday"),
    pytest.param("2026-02-23", "6 weken", "2026-04-06", "2026-04-07", id="5-easter-monday"),
    pytest.param("2026-04-02", "6 weken", "2026-05-14", "2026-05-18", id="6-hemelvaart-kb"),
    pytest.param("2026-03-16", "6 weken", "2026-04-27", "2026-04-28", id="7-koningsdag"),
    pytest.param("2026-03-24", "6 weken", "2026-05-05", "2026-05-06", id="8-5-mei"),
    pytest.param("2026-02-07", "6 weken", "2026-03-21", "2026-03-23", id="9-saturday-start"),
    pytest.param("2025-07-15", "6 weken", "2025-08-26", "2025-08-26", id="10-beslistermijn"),
    pytest.param("2025-07-15", "12 weken", "2025-10-07", "2025-10-07", id="10-commissie"),
    pytest.param("2025-10-07", "6 weken", "2025-11-18", "2025-11-18", id="10-verdaging"),
    pytest.param("2025-12-24", "3 dagen", "2025-12-27", "2025-12-30", id="11-art-2"),
    pytest.param("2025-01-31", "1 maand", "2025-02-28", "2025-02-28", id="12-month-clamp"),
    pytest.param("2028-01-31", "1 maand", "2028-02-29", "2028-02-29", id="12-leap-year"),
    pytest.param("2025-12-31", "2 maanden", "2026-02-28", "2026-03-02", id="13-as-statutory"),
    pytest.param("2026-03-13", "6 weken", "2026-04-24", "2026-04-24", id="14-payment"),
    pytest.param("2026-03-13", "1 jaar", "2027-03-13", "2027-03-13", id="14-verjaring"),
    pytest.param("2026-05-01", "2 weken", "2026-05-15", "2026-05-18", id="15-embargo"),
]


@pytest.mark.parametrize(("start", "term", "raw_end", "end"), WORKED_EXAMPLES)
def test_worked_examples_of_legal_rules_give_the_same_last_day(
    start: str, term: str, raw_end: str, end: str
) -> None:
    result = statutory(start, term)

    assert (result.raw_end, result.end) == (_d(raw_end), _d(end))


def test_example_1_postal_week_after_the_term_ends_on_tuesday_22_july_2025() -> None:
    result = self_set("2025-07-15", "1 week")

    assert result.end == date(2025, 7, 22)


def test_example_7_postal_week_ends_on_bevrijdingsdag_2026() -> None:
    result = self_set("2026-04-28", "1 week")

    assert result.end == date(2026, 5, 5)
    assert result.end_reason == "Bevrijdingsdag (5 mei) (Atw art. 3 lid 1)"


def test_example_13_a_self_set_term_stays_on_saturday_28_february_2026() -> None:
    result = self_set("2025-12-31", "2 maanden")

    assert result.end == date(2026, 2, 28)
    assert result.proposed == date(2026, 3, 2)


def test_example_13_warns_that_a_self_set_term_is_not_extended() -> None:
    result = self_set("2025-12-31", "2 maanden")

    assert warning_of(result) == (
        "ends on Saturday 28 February 2026 (zaterdag); a self-set term is not extended by the "
        "Algemene termijnenwet; choose an explicit working day such as Monday 2 March 2026 "
        "with --set."
    )


def test_example_14_one_year_verjaring_is_not_extended_from_saturday() -> None:
    result = statutory("2026-03-13", "1 jaar")

    assert result.end.weekday() == 5
    assert any(step.startswith("Atw art. 4 lid a:") for step in steps_of(result))


# ---- steps ----------------------------------------------------------------------------------


def test_steps_explain_example_2_from_start_to_extension() -> None:
    steps = steps_of(statutory("2025-11-13", "6 weken"))

    assert steps[:3] == (
        "Start: Thursday 13 November 2025 (the term runs from the next day).",
        "+ 6 weken = Thursday 25 December 2025.",
        "The term ends on Thursday 25 December 2025, Eerste Kerstdag, an algemeen erkende "
        "feestdag (Atw art. 3 lid 1).",
    )
    assert (
        "Atw art. 1: extended to Monday 29 December 2025, the next day that is not a Saturday, "
        "Sunday or feestdag." in steps
    )


def test_steps_name_the_kb_that_made_2_january_2026_a_feestdag() -> None:
    steps = steps_of(statutory("2025-11-20", "6 weken"))

    assert any("vrijdag na Nieuwjaarsdag" in s and "Besluit gelijkstelling" in s for s in steps)


def test_steps_of_example_11_explain_atw_article_2() -> None:
    steps = steps_of(statutory("2025-12-24", "3 dagen"))

    assert any(s.startswith("Atw art. 2:") and "Tuesday 30 December 2025" in s for s in steps)


def test_a_self_set_term_says_the_atw_does_not_apply() -> None:
    steps = steps_of(self_set("2025-12-31", "2 maanden"))

    assert (
        "Self-set term: not extended by the Algemene termijnenwet (it applies only to terms "
        "set in a wet, Atw art. 1)." in steps
    )


def test_a_statutory_term_on_a_working_day_says_there_is_no_extension() -> None:
    steps = steps_of(statutory("2025-06-03", "6 weken"))

    assert "Atw art. 1: Tuesday 15 July 2025 is a working day; no extension." in steps


def test_the_month_clamp_is_explained() -> None:
    steps = steps_of(statutory("2025-01-31", "1 maand"))

    assert steps[1] == (
        "+ 1 maand = Friday 28 February 2025 (February 2025 has no day 31, so the term ends on "
        "the last day of that month)."
    )


def test_a_term_ending_in_a_year_without_known_kb_days_says_so() -> None:
    steps = steps_of(statutory("2029-03-24", "6 weken"))

    assert any("No gelijkgestelde dagen" in s and "2029" in s for s in steps)


# ---- feestdagen ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "term", "end"),
    [
        pytest.param("2025-03-15", "6 weken", "2025-04-28", id="koningsdag-2025-saturday"),
        pytest.param("2031-03-15", "6 weken", "2031-04-28", id="koningsdag-2031-saturday"),
        pytest.param("2027-03-24", "6 weken", "2027-05-10", id="5-mei-2027-wednesday"),
        pytest.param("2029-03-24", "6 weken", "2029-05-07", id="5-mei-2029-saturday"),
        pytest.param("2025-04-17", "6 weken", "2025-06-02", id="hemelvaart-2025-and-kb"),
        pytest.param("2024-11-14", "6 weken", "2024-12-30", id="christmas-2024-and-kb"),
        pytest.param("2025-11-14", "6 weken", "2025-12-29", id="tweede-kerstdag-2025"),
        pytest.param("2027-02-12", "6 weken", "2027-03-30", id="good-friday-2027"),
        pytest.param("2025-04-28", "6 weken", "2025-06-10", id="tweede-pinksterdag-2025"),
    ],
)
def test_a_statutory_term_ending_on_a_feestdag_moves_to_the_next_working_day(
    start: str, term: str, end: str
) -> None:
    assert statutory(start, term).end == _d(end)


def test_a_month_term_ending_on_sunday_30_november_2025_moves_to_monday() -> None:
    assert statutory("2025-08-31", "3 maanden").end == date(2025, 12, 1)


@pytest.mark.parametrize(
    ("start", "term", "end"),
    [
        ("2027-01-31", "1 maand", "2027-02-28"),
        ("2028-03-31", "1 maand", "2028-04-30"),
        ("2028-02-29", "1 jaar", "2029-02-28"),
        ("2028-02-29", "4 jaar", "2032-02-29"),
        ("2025-10-31", "4 maanden", "2026-02-28"),
        ("2027-11-30", "3 maanden", "2028-02-29"),
    ],
)
def test_months_and_years_keep_the_day_number_or_take_the_last_day_of_the_month(
    start: str, term: str, end: str
) -> None:
    assert self_set(start, term).raw_end == _d(end)


# ---- Atw art. 2 -----------------------------------------------------------------------------


def test_a_two_day_term_around_christmas_is_not_subject_to_article_2() -> None:
    result = statutory("2025-12-24", "2 dagen")

    assert result.end == date(2025, 12, 29)
    assert not any(step.startswith("Atw art. 2") for step in steps_of(result))


def test_a_four_day_term_with_two_working_days_is_not_extended_by_article_2() -> None:
    result = statutory("2025-12-23", "4 dagen")

    assert result.end == date(2025, 12, 29)


def test_article_2_extends_a_three_day_term_over_easter_2026() -> None:
    result = statutory("2026-04-02", "3 dagen")

    assert result.end == date(2026, 4, 8)


# ---- Atw art. 4 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "term"),
    [
        ("2025-09-07", "13 weken"),
        ("2025-09-07", "91 dagen"),
        ("2025-08-07", "4 maanden"),
        ("2024-12-07", "1 jaar"),
        ("2025-12-05", "48 uur"),
    ],
)
def test_a_term_excluded_by_article_4_is_not_extended_from_sunday_7_december_2025(
    start: str, term: str
) -> None:
    result = statutory(start, term)

    assert result.end == date(2025, 12, 7)
    assert any(step.startswith("Atw art. 4 lid a:") for step in steps_of(result))


@pytest.mark.parametrize(
    ("start", "term"),
    [("2025-09-14", "12 weken"), ("2025-09-08", "90 dagen"), ("2025-09-07", "3 maanden")],
)
def test_twelve_weeks_ninety_days_and_three_months_are_still_extended(
    start: str, term: str
) -> None:
    assert statutory(start, term).end == date(2025, 12, 8)


def test_hours_are_counted_clock_to_clock_as_whole_days() -> None:
    result = statutory("2025-12-05", "48 uur")

    assert result.raw_end == date(2025, 12, 7)
    assert "counted clock to clock" in steps_of(result)[1]


# ---- counted backwards ----------------------------------------------------------------------


def test_at_least_one_week_before_the_hearing_counts_back_seven_days() -> None:
    result = statutory("2026-03-02", "1 week", backwards=True)

    assert result.end == date(2026, 2, 23)
    assert "Atw art. 1 lid 2: a term counted back from an event is not extended." in steps_of(
        result
    )


def test_a_term_counted_back_to_christmas_is_not_extended_but_advises_the_day_before() -> None:
    result = statutory("2027-01-01", "1 week", backwards=True)

    assert result.end == date(2026, 12, 25)
    assert steps_of(result)[-1].endswith("act by Thursday 24 December 2026.")


def test_ten_days_before_the_hearing_may_fall_on_good_friday() -> None:
    result = statutory("2026-04-13", "10 dagen", backwards=True)

    assert result.end == date(2026, 4, 3)
    assert result.proposed is None


def test_werkdagen_counted_back_skip_easter() -> None:
    result = statutory("2026-04-07", "2 werkdagen", backwards=True)

    assert result.end == date(2026, 4, 1)


def test_a_self_set_term_counted_back_proposes_the_working_day_before() -> None:
    result = self_set("2026-03-07", "1 week", backwards=True)

    assert result.end == date(2026, 2, 28)
    assert result.proposed == date(2026, 2, 27)


# ---- werkdagen ------------------------------------------------------------------------------


def test_werkdagen_across_easter_2026_skip_good_friday_and_easter_monday() -> None:
    result = statutory("2026-04-02", "3 werkdagen")

    assert result.end == date(2026, 4, 9)
    assert "Goede Vrijdag, Tweede Paasdag" in steps_of(result)[1]


def test_a_werkdagen_term_is_never_extended_further() -> None:
    result = statutory("2025-12-23", "1 werkdag")

    assert result.end == date(2025, 12, 24)
    assert result.end == result.raw_end


# ---- fixed dates and bases ------------------------------------------------------------------


def test_a_fixed_date_on_a_working_day_has_no_proposal_and_no_warning() -> None:
    result = fixed_date(date(2026, 3, 13), calendar=atw_calendar(), legal_basis="Awb 5:32a")

    assert (result.end, result.proposed, result.warning) == (date(2026, 3, 13), None, None)
    assert (result.basis, result.term, result.legal_basis) == (
        TermBasis.FIXED,
        None,
        "Awb 5:32a",
    )


def test_a_fixed_date_on_christmas_is_kept_and_a_working_day_is_proposed() -> None:
    result = fixed_date(date(2025, 12, 25), calendar=atw_calendar(), start=date(2025, 11, 1))

    assert (result.end, result.proposed) == (date(2025, 12, 25), date(2025, 12, 29))
    assert (warning_of(result) or "").startswith(
        "ends on Thursday 25 December 2025 (Eerste Kerstdag (Atw art. 3 lid 1)); a fixed date"
    )


def test_a_fixed_date_before_its_start_is_refused() -> None:
    with pytest.raises(InvalidDateError, match="lies before the start"):
        fixed_date(date(2026, 3, 1), calendar=atw_calendar(), start=date(2026, 3, 2))


def test_compute_term_refuses_the_fixed_basis() -> None:
    with pytest.raises(ValueError, match="fixed_date"):
        compute_term(
            date(2026, 3, 2), Term(1, Unit.WEKEN), basis=TermBasis.FIXED, calendar=atw_calendar()
        )


def test_a_statutory_result_never_warns_and_carries_its_legal_basis() -> None:
    result = compute_term(
        date(2025, 11, 13),
        Term(6, Unit.WEKEN),
        basis=STATUTORY,
        calendar=atw_calendar(),
        legal_basis="Awb 6:7, 6:8",
    )

    assert result.warning is None
    assert result.legal_basis == "Awb 6:7, 6:8"


@pytest.mark.parametrize("start", ["2099-12-01", "9999-12-01"])
def test_a_term_ending_after_the_last_supported_date_is_an_invalid_date(start: str) -> None:
    with pytest.raises(InvalidDateError, match="outside the dates escalation works with"):
        self_set(start, "6 weken")


def test_a_term_ending_on_the_last_supported_date_is_computed() -> None:
    assert self_set("2099-11-19", "6 weken").end == date(2099, 12, 31)


def test_a_statutory_term_before_2014_is_refused() -> None:
    with pytest.raises(InvalidDateError, match="starts in 2014"):
        statutory("2013-06-03", "6 weken")


# ---- Term, parse_term -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "text"),
    [
        (Term(1, Unit.WEKEN), "1 week"),
        (Term(6, Unit.WEKEN), "6 weken"),
        (Term(1, Unit.MAANDEN), "1 maand"),
        (Term(3, Unit.MAANDEN), "3 maanden"),
        (Term(1, Unit.JAREN), "1 jaar"),
        (Term(2, Unit.JAREN), "2 jaar"),
        (Term(10, Unit.WERKDAGEN), "10 werkdagen"),
        (Term(1, Unit.WERKDAGEN), "1 werkdag"),
        (Term(1, Unit.DAGEN), "1 dag"),
        (Term(14, Unit.DAGEN), "14 dagen"),
        (Term(48, Unit.UREN), "48 uur"),
    ],
)
def test_a_term_reads_as_dutch_with_singular_and_plural(term: Term, text: str) -> None:
    assert str(term) == text


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("6 weken", Term(6, Unit.WEKEN)),
        ("3 maanden", Term(3, Unit.MAANDEN)),
        ("10 werkdagen", Term(10, Unit.WERKDAGEN)),
        ("14 dagen", Term(14, Unit.DAGEN)),
        ("1 jaar", Term(1, Unit.JAREN)),
        ("2 jaren", Term(2, Unit.JAREN)),
        ("48 uur", Term(48, Unit.UREN)),
        ("zes weken", Term(6, Unit.WEKEN)),
        ("veertien dagen", Term(14, Unit.DAGEN)),
        ("één week", Term(1, Unit.WEKEN)),
        ("6 weeks", Term(6, Unit.WEKEN)),
        ("3 months", Term(3, Unit.MAANDEN)),
        ("10 working days", Term(10, Unit.WERKDAGEN)),
        ("10 Business  Days", Term(10, Unit.WERKDAGEN)),
        ("14 days", Term(14, Unit.DAGEN)),
        ("1 year", Term(1, Unit.JAREN)),
        ("48 hours", Term(48, Unit.UREN)),
        ("  6   WEKEN ", Term(6, Unit.WEKEN)),
        ("6weken", Term(6, Unit.WEKEN)),
    ],
)
def test_parse_term_reads_dutch_and_english_terms(text: str, term: Term) -> None:
    assert parse_term(text) == term


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("6 wekken", "Unknown unit 'wekken' in '6 wekken'. Did you mean 'weken'?"),
        ("6 maandne", "Did you mean 'maanden'?"),
        ("6 fortnights", "Use uren, dagen, werkdagen, weken, maanden or jaren."),
        ("0 weken", "A term must be at least 1 week; got 0 weken."),
        ("-2 weken", "A term must be at least 1 week; got -2 weken."),
        ("weken", "The term 'weken' has no number."),
        ("", "No term given."),
        ("   ", "No term given."),
        ("6", "The term '6' has no unit."),
        ("1,5 weken", "needs a whole number"),
        ("36 uur", "needs a time of day, which the engine does not track"),
        ("?6 weken", "does not start with a number"),
    ],
)
def test_parse_term_explains_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidTermError) as raised:
        parse_term(text)

    assert message in str(raised.value)


def test_an_invalid_term_is_invalid_input_for_the_cli() -> None:
    with pytest.raises(InvalidInputError):
        parse_term("6 wekken")


# ---- in Dutch, the default language (the unit tests speak English: tests/unit/conftest.py) ----


def test_the_explanation_of_example_2_reads_in_dutch_as_a_jurist_writes_it() -> None:
    set_language("nl")

    steps = steps_of(statutory("2025-11-13", "6 weken"))

    assert steps[0] == (
        "Begin: donderdag 13 november 2025 (de termijn vangt aan op de volgende dag)."
    )
    assert steps[2] == (
        "De termijn eindigt op donderdag 25 december 2025, Eerste Kerstdag, een algemeen erkende "
        "feestdag (Atw art. 3 lid 1)."
    )
    assert steps[-2:] == (
        "Atw art. 1: verlengd tot maandag 29 december 2025, de eerstvolgende dag die geen "
        "zaterdag, zondag of algemeen erkende feestdag is.",
        "Laatste dag van de termijn: maandag 29 december 2025.",
    )


def test_an_explanation_computed_once_is_shown_in_the_language_of_its_reader() -> None:
    clamp = statutory("2025-01-31", "1 maand").steps[1]

    assert render(clamp, "en") == (
        "+ 1 maand = Friday 28 February 2025 (February 2025 has no day 31, so the term ends on "
        "the last day of that month)."
    )
    assert render(clamp, "nl") == (
        "+ 1 maand = vrijdag 28 februari 2025 (februari 2025 heeft geen 31e dag; de termijn "
        "eindigt daarom op de laatste dag van die maand)."
    )


def test_the_warning_of_example_13_in_dutch() -> None:
    set_language("nl")

    assert warning_of(self_set("2025-12-31", "2 maanden")) == (
        "eindigt op zaterdag 28 februari 2026 (zaterdag); een zelf gestelde termijn wordt door de "
        "Algemene termijnenwet niet verlengd; kies met --set uitdrukkelijk een werkdag, zoals "
        "maandag 2 maart 2026."
    )


def test_article_2_and_the_weekend_in_dutch() -> None:
    set_language("nl")

    steps = steps_of(statutory("2025-12-24", "3 dagen"))

    assert "De termijn eindigt op zaterdag 27 december 2025, een zaterdag." in steps
    assert (
        "Atw art. 2: een termijn van ten minste drie dagen omvat ten minste twee werkdagen; "
        "donderdag 25 december 2025 tot en met maandag 29 december 2025 omvat er slechts 1, "
        "zodat de termijn wordt verlengd tot dinsdag 30 december 2025." in steps
    )


def test_a_misspelt_unit_is_refused_in_dutch() -> None:
    set_language("nl")

    with pytest.raises(InvalidTermError) as raised:
        parse_term("6 wekken")

    assert str(raised.value) == "Onbekende eenheid 'wekken' in '6 wekken'. Bedoelt u 'weken'?"
