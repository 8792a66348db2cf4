"""The packaged KB file and user KB files feed the Atw calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from escalation.domain.atw import TermBasis, compute_term
from escalation.domain.errors import InvalidInputError
from escalation.domain.terms import Term, Unit
from escalation.holidays import build_calendar, load_gelijkgestelde

KB_DATES = [
    date(2023, 4, 28),
    date(2023, 5, 19),
    date(2024, 5, 10),
    date(2024, 12, 27),
    date(2025, 5, 30),
    date(2026, 1, 2),
    date(2026, 5, 15),
    date(2027, 5, 7),
    date(2028, 4, 28),
    date(2028, 5, 26),
]
FICTITIOUS_KB = """\
gelijkgestelde_dagen:
  - date: 2029-04-30
    name: maandag voor Koningsdag
    besluit: Besluit gelijkstelling van 30 april 2029 (fictief, voor de test)
"""


def _write(tmp_path: Path, text: str, name: str = "extra_kb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_packaged_file_holds_the_ten_kb_days_of_2023_to_2028() -> None:
    days = load_gelijkgestelde()

    assert [d.day for d in days] == KB_DATES


def test_every_packaged_kb_day_names_its_besluit_and_is_a_friday() -> None:
    days = load_gelijkgestelde()

    assert all(d.source.startswith("Atw art. 3 lid 3: Besluit gelijkstelling van ") for d in days)
    assert all(d.day.weekday() == 4 and d.name.startswith("vrijdag") for d in days)


def test_the_built_calendar_knows_the_kb_friday_after_hemelvaart_2026() -> None:
    calendar = build_calendar()

    assert not calendar.is_working_day(date(2026, 5, 15))


def test_a_user_file_adds_a_kb_day_that_extends_a_statutory_term(tmp_path: Path) -> None:
    extra = _write(tmp_path, FICTITIOUS_KB)
    start, term = date(2029, 3, 19), Term(6, Unit.WEKEN)  # ends on Monday 30 April 2029

    before = compute_term(start, term, basis=TermBasis.STATUTORY, calendar=build_calendar())
    after = compute_term(start, term, basis=TermBasis.STATUTORY, calendar=build_calendar([extra]))

    assert before.end == date(2029, 4, 30)
    assert after.end == date(2029, 5, 1)


def test_a_user_file_may_repeat_a_packaged_day_without_duplicating_it(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "gelijkgestelde_dagen:\n"
        "  - date: '2026-01-02'\n"
        "    name: vrijdag na Nieuwjaarsdag\n"
        "    besluit: Besluit gelijkstelling (herhaald)\n",
    )

    days = load_gelijkgestelde([extra])

    assert [d.day for d in days] == KB_DATES
    assert days[5].source == "Atw art. 3 lid 3: Besluit gelijkstelling (herhaald)"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(FICTITIOUS_KB.replace("2029-04-30", "2029-02-30"), "entry 1", id="date"),
        pytest.param(FICTITIOUS_KB.replace("name:", "naam:"), "unknown key 'naam'", id="key"),
        pytest.param(FICTITIOUS_KB.replace("    besluit:", "    #"), "no 'besluit'", id="missing"),
        pytest.param("gelijkgestelde_dagen: [\n", "is not valid YAML", id="yaml"),
        pytest.param("- 2029-04-30\n", "has no list 'gelijkgestelde_dagen'", id="shape"),
        pytest.param("gelijkgestelde_dagen:\n  - 2029-04-30\n", "not a mapping", id="entry"),
    ],
)
def test_a_malformed_user_file_is_refused_naming_the_file_and_the_fault(
    tmp_path: Path, text: str, problem: str
) -> None:
    extra = _write(tmp_path, text)

    with pytest.raises(InvalidInputError) as raised:
        load_gelijkgestelde([extra])

    assert str(extra) in str(raised.value)
    assert problem in str(raised.value)


def test_a_bad_date_in_a_user_file_says_why_it_is_not_a_date(tmp_path: Path) -> None:
    extra = _write(tmp_path, FICTITIOUS_KB.replace("2029-04-30", "2029-02-30"))

    with pytest.raises(InvalidInputError, match="February 2029 has 28 days"):
        load_gelijkgestelde([extra])


def test_a_missing_user_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"

    with pytest.raises(InvalidInputError, match="Cannot read .*absent.yaml"):
        load_gelijkgestelde([missing])


def test_a_user_file_may_write_the_date_day_month_year(tmp_path: Path) -> None:
    extra = _write(tmp_path, FICTITIOUS_KB.replace("2029-04-30", "30-04-2029"))

    days = load_gelijkgestelde([extra])

    assert days[-1].day == date(2029, 4, 30)


def test_every_fault_of_a_user_file_is_named_on_its_own_line(tmp_path: Path) -> None:
    extra = _write(tmp_path, FICTITIOUS_KB.replace("name:", "naam:"))

    with pytest.raises(InvalidInputError) as raised:
        load_gelijkgestelde([extra])

    assert str(raised.value).splitlines() == [
        f"{extra}: the KB file is invalid:",
        "  - entry 1 has no 'name'.",
        "  - entry 1: unknown key 'naam' (allowed: besluit, date, name).",
    ]


def test_a_user_file_that_is_not_utf8_is_refused_naming_it(tmp_path: Path) -> None:
    extra = tmp_path / "latin1.yaml"
    extra.write_bytes(FICTITIOUS_KB.replace("maandag", "maandag é").encode("latin-1"))

    with pytest.raises(InvalidInputError, match="latin1.yaml is not UTF-8 text"):
        load_gelijkgestelde([extra])
