"""Use cases with in-memory fakes: one transaction each, nothing stored on refusal."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import (
    InvalidActionError,
    InvalidInputError,
    UnknownCaseError,
    UnknownProviderError,
    UnknownWorkflowError,
)
from escalation.domain.events import Stamp
from escalation.services.cases import apply_action, open_case
from escalation.services.providers import add_provider
from escalation.services.queries import case_detail, list_cases
from escalation.workflows import FileWorkflowCatalog
from tests.fakes import FakeUnitOfWork
from tests.i18n_helpers import tr

NOW = datetime(2025, 1, 31, 9, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    fake = FakeUnitOfWork()
    add_provider(
        uow=fake,
        name="Focus-Jeugd & Gezin B.V.",
        kvk="87654321",
        kind="jeugdhulpaanbieder",
        alias="Focus",
        now=NOW,
    )
    return fake


@pytest.fixture(scope="module")
def catalog() -> FileWorkflowCatalog:
    return FileWorkflowCatalog()


def open_focus(uow: FakeUnitOfWork, catalog: FileWorkflowCatalog) -> int:
    return open_case(
        uow=uow,
        catalog=catalog,
        provider_kvk="87654321",
        workflow="jeugdwet",
        on=date(2024, 9, 2),
        title="Focus",
        handler="anna",
        by="anna",
        now=NOW,
    )


def act(uow: FakeUnitOfWork, catalog: FileWorkflowCatalog, case_id: int, action: str) -> None:
    apply_action(
        uow=uow,
        catalog=catalog,
        calendar=AtwCalendar(),
        case_id=case_id,
        action=action,
        params={},
        stamp=Stamp(on=date(2024, 9, 16), at=NOW, by="anna"),
    )


def test_opening_a_case_pins_it_to_the_newest_workflow_version(
    uow: FakeUnitOfWork, catalog: FileWorkflowCatalog
) -> None:
    case_id = open_focus(uow, catalog)

    stored = uow.db.cases[case_id]
    assert (stored.state, stored.workflow_version) == ("signaal", catalog.get("jeugdwet").version)
    assert ("jeugdwet", stored.workflow_version) in uow.db.workflow_versions


def test_a_case_for_an_unknown_provider_is_refused(
    uow: FakeUnitOfWork, catalog: FileWorkflowCatalog
) -> None:
    with pytest.raises(UnknownProviderError):
        open_case(
            uow=uow,
            catalog=catalog,
            provider_kvk="11111111",
            workflow="jeugdwet",
            on=date(2025, 1, 1),
            title=None,
            handler=None,
            by="anna",
            now=NOW,
        )


def test_an_unknown_workflow_is_refused_listing_the_installed_ones(
    uow: FakeUnitOfWork, catalog: FileWorkflowCatalog
) -> None:
    with pytest.raises(UnknownWorkflowError, match="jeugdwet"):
        open_case(
            uow=uow,
            catalog=catalog,
            provider_kvk="87654321",
            workflow="wkkgz",
            on=date(2025, 1, 1),
            title=None,
            handler=None,
            by="anna",
            now=NOW,
        )


def test_an_action_commits_once_with_its_history(
    uow: FakeUnitOfWork, catalog: FileWorkflowCatalog
) -> None:
    case_id = open_focus(uow, catalog)
    commits = uow.commits

    act(uow, catalog, case_id, "start_onderzoek")

    assert uow.commits == commits + 1
    events = uow.db.events[case_id]
    assert [e.TYPE for e in events] == ["case_opened", "action_taken"]


def test_a_refused_action_commits_nothing(
    uow: FakeUnitOfWork, catalog: FileWorkflowCatalog
) -> None:
    case_id = open_focus(uow, catalog)
    commits = uow.commits

    with pytest.raises(InvalidActionError):
        act(uow, catalog, case_id, "geef_aanwijzing")

    assert uow.commits == commits
    assert uow.db.cases[case_id].state == "signaal"


def test_an_action_dated_before_the_case_was_opened_is_refused(
    uow: FakeUnitOfWork, catalog: FileWorkflowCatalog
) -> None:
    case_id = open_focus(uow, catalog)

    refusal = tr(
        "Case {case} was opened on {opened}; an action cannot be dated {on}, before that.",
        case=case_id,
        opened="2024-09-02",
        on="2024-09-01",
    )
    with pytest.raises(InvalidActionError, match=re.escape(refusal)):
        apply_action(
            uow=uow,
            catalog=catalog,
            calendar=AtwCalendar(),
            case_id=case_id,
            action="start_onderzoek",
            params={},
            stamp=Stamp(on=date(2024, 9, 1), at=NOW, by="anna"),
        )


def test_an_unknown_case_is_refused(uow: FakeUnitOfWork, catalog: FileWorkflowCatalog) -> None:
    with pytest.raises(UnknownCaseError, match="No case 42"):
        act(uow, catalog, 42, "start_onderzoek")


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", ""])
def test_a_kvk_number_must_have_eight_digits(kvk: str) -> None:
    with pytest.raises(InvalidInputError, match="8 digits"):
        add_provider(uow=FakeUnitOfWork(), name="X", kvk=kvk, kind="regio", alias=None, now=NOW)


def test_show_lists_allowed_actions_and_list_filters_by_state(
    uow: FakeUnitOfWork, catalog: FileWorkflowCatalog
) -> None:
    case_id = open_focus(uow, catalog)
    act(uow, catalog, case_id, "start_onderzoek")

    detail = case_detail(uow=uow, catalog=catalog, case_id=case_id, today=date(2024, 9, 16))

    assert detail.allowed_actions == ["verstuur_conceptrapport"]
    assert [c.id for c in list_cases(uow=uow, catalog=catalog, state="onderzoek")] == [case_id]
    assert list_cases(uow=uow, catalog=catalog, state="signaal") == []
