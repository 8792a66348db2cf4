"""`escalation term` (the term calculator) and `escalation calendar YEAR`."""

from __future__ import annotations

from datetime import date

from escalation.formatting import iso_day, long_day
from tests.e2e.helpers import Cli, as_json, day, describe, ok, refused
from tests.i18n_helpers import tr


def test_a_statutory_six_weeks_from_13_november_2025_ends_after_christmas_on_29_december(
    cli: Cli,
) -> None:
    result = ok(cli("term", "2025-11-13", "6 weken", "--statutory", "--explain"))

    end = date(2025, 12, 29)
    assert result.stdout.startswith(f"{iso_day(end)}  {long_day(end)}\n"), describe(result)
    assert "Eerste Kerstdag" in result.stdout
    assert "Tweede Kerstdag" in result.stdout
    assert "Atw art. 1" in result.stdout


def test_the_term_calculator_json_gives_the_end_date_and_the_steps(cli: Cli) -> None:
    data = as_json(cli("term", "2025-11-13", "6 weken", "--statutory", "--json"))

    assert data["end"] == "2025-12-29"
    assert data["raw_end"] == "2025-12-25"
    assert data["basis"] == "statutory"
    assert isinstance(data["steps"], list) and data["steps"]
    assert any("Eerste Kerstdag" in step for step in data["steps"])


def test_the_term_calculator_reads_a_start_date_written_day_month_year(cli: Cli) -> None:
    data = as_json(cli("term", "13-11-2025", "6 weken", "--statutory", "--json"))

    assert data["start"] == "2025-11-13"
    assert data["end"] == "2025-12-29"


def test_a_self_set_term_ending_on_a_saturday_is_kept_with_a_warning_proposing_monday(
    cli: Cli,
) -> None:
    result = ok(cli("term", "2025-12-31", "2 maanden", "--self-set"))

    end = date(2026, 2, 28)
    assert result.stdout.startswith(f"{iso_day(end)}  {long_day(end)}\n"), describe(result)
    assert result.stderr.startswith(tr("Warning: {warning}", warning="")), describe(result)
    # The warning itself is the domain's (not in the catalog yet): its language-neutral parts;
    # the proposed Monday is checked in the JSON below.
    assert "Algemene termijnenwet" in result.stderr and "--set" in result.stderr, describe(result)
    data = as_json(cli("term", "2025-12-31", "2 maanden", "--self-set", "--json"))
    assert data["end"] == "2026-02-28"
    assert data["proposed"] == "2026-03-02"
    assert data["warning"]


def test_a_misspelt_unit_is_refused_suggesting_the_right_one(cli: Cli) -> None:
    result = cli("term", "2025-11-13", "6 wekken")

    refused(result, "wekken", "'weken'")


def test_a_term_calculation_without_a_term_is_refused_with_an_example(cli: Cli) -> None:
    result = cli("term", "2025-11-13")

    refused(result, "TERM", "6 weken", code=2)


def test_the_calendar_of_2026_lists_the_kb_days_with_their_source(cli: Cli) -> None:
    days = as_json(cli("calendar", "2026", "--json"))

    by_date = {d["date"]: d for d in days}
    assert "2026-01-02" in by_date and "2026-05-15" in by_date
    for kb_day in ("2026-01-02", "2026-05-15"):
        source = by_date[kb_day]["source"]
        assert "art. 3 lid 3" in source or "KB" in source, source
    assert by_date["2026-12-25"]["name"] == "Eerste Kerstdag"
    assert "2026-01-05" not in by_date  # an ordinary Monday

    table = ok(cli("calendar", "2026")).stdout
    assert f"{day('2026-05-15')}  vrijdag na Hemelvaartsdag" in table


def test_a_year_outside_the_calendar_is_refused(cli: Cli) -> None:
    refused(cli("calendar", "1850"), "1850")
