"""Which cases a bulk command works on (escalation.services.selection, escalation.cli.selection)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from escalation.cli.selection import selection_from
from escalation.domain.errors import InvalidInputError
from escalation.services.selection import CaseSelection, case_ids, ids_from_csv, ids_from_text
from tests.fakes import FakeUnitOfWork
from tests.unit.test_services import act, catalog, open_focus, uow  # noqa: F401 - fixtures


def test_ids_from_text_keep_their_order_once_each() -> None:
    assert ids_from_text("12, 3,12,,7") == (12, 3, 7)


@pytest.mark.parametrize("text", ["12,x", "0", "-3", "1.5", "99999999999"])
def test_a_part_that_is_not_a_case_number_is_named(text: str) -> None:
    with pytest.raises(InvalidInputError, match="is not a case number"):
        ids_from_text(text)


def test_ids_from_csv_skip_the_header_blank_lines_and_comments() -> None:
    text = "zaak;provider\n4;Focus\n\n# later\n2;Altra\n4;again\n"
    assert ids_from_csv(text, origin="zaken.csv") == (4, 2)


def test_a_bad_csv_line_is_named_with_its_line_and_file() -> None:
    with pytest.raises(InvalidInputError, match="zaken.csv") as refused:
        ids_from_csv("case\n4\nvier\n", origin="zaken.csv")
    assert "3" in str(refused.value)


def test_case_ids_by_state_and_as_given(
    uow: FakeUnitOfWork,  # noqa: F811 - fixture
    catalog,  # noqa: ANN001, F811 - fixture
) -> None:
    first, second = open_focus(uow, catalog), open_focus(uow, catalog)
    act(uow, catalog, second, "start_onderzoek")

    with uow:
        assert case_ids(uow, CaseSelection(state="onderzoek")) == [second]
        assert case_ids(uow, CaseSelection(state="signaal")) == [first]
        assert case_ids(uow, CaseSelection(cases=(second, 999, first))) == [second, 999, first]


def test_exactly_one_way_of_naming_cases(tmp_path: Path) -> None:
    with pytest.raises(typer.BadParameter, match="exactly one"):
        selection_from()
    with pytest.raises(typer.BadParameter, match="exactly one"):
        selection_from(cases="1", state="onderzoek")
    source = tmp_path / "zaken.csv"
    source.write_text("case\n3\n1\n", encoding="utf-8")
    assert selection_from(source=source) == CaseSelection(cases=(3, 1))
    assert selection_from(signal=2) == CaseSelection(signal=2)
    with pytest.raises(InvalidInputError, match="Cannot read"):
        selection_from(source=tmp_path / "missing.csv")
