"""Storage on real databases: SQLite files and a PostgreSQL server started for the session."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import ConcurrentChangeError, DuplicateProviderError
from escalation.domain.events import ActionTaken, Stamp
from escalation.services.cases import apply_action, open_case
from escalation.services.providers import add_provider
from escalation.services.queries import case_detail, case_history
from escalation.storage.db import make_engine
from escalation.storage.repository import SqlCaseRepository
from escalation.storage.schema import HEAD, current, init_database
from escalation.storage.unit_of_work import SqlUnitOfWork
from escalation.workflows import FileWorkflowCatalog

NOW = datetime(2025, 1, 31, 9, 0, tzinfo=UTC)
KVK = "87654321"


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'cases.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_db_url")
    built = make_engine(url)
    init_database(built)
    yield built
    built.dispose()


def open_focus(engine: Engine, catalog: FileWorkflowCatalog) -> int:
    add_provider(
        uow=SqlUnitOfWork(engine),
        name="Focus-Jeugd & Gezin B.V.",
        kvk=KVK,
        kind="jeugdhulpaanbieder",
        alias="Focus",
        now=NOW,
    )
    return open_case(
        uow=SqlUnitOfWork(engine),
        catalog=catalog,
        provider_kvk=KVK,
        workflow="jeugdwet",
        on=date(2024, 9, 2),
        title=None,
        handler="jurist",
        by="jurist",
        now=NOW,
    )


def act(
    engine: Engine,
    catalog: FileWorkflowCatalog,
    case_id: int,
    action: str,
    on: date,
    **params: str,
) -> None:
    apply_action(
        uow=SqlUnitOfWork(engine),
        catalog=catalog,
        calendar=AtwCalendar(),
        case_id=case_id,
        action=action,
        params=params,
        stamp=Stamp(on=on, at=NOW, by="jurist"),
    )


def walk_to_aanwijzing(engine: Engine, catalog: FileWorkflowCatalog) -> int:
    case_id = open_focus(engine, catalog)
    for action, on in (
        ("start_onderzoek", date(2024, 9, 16)),
        ("verstuur_conceptrapport", date(2024, 11, 15)),
        ("stel_rapport_vast", date(2024, 12, 6)),
        ("kondig_aanwijzing_aan", date(2024, 12, 13)),
    ):
        act(engine, catalog, case_id, action, on)
    act(
        engine, catalog, case_id, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden"
    )
    return case_id


def test_a_walked_case_is_stored_with_its_deadlines_and_history(
    engine: Engine, catalog: FileWorkflowCatalog
) -> None:
    case_id = walk_to_aanwijzing(engine, catalog)

    detail = case_detail(
        uow=SqlUnitOfWork(engine), catalog=catalog, case_id=case_id, today=date(2025, 2, 1)
    )

    assert detail.state == "aanwijzing"
    open_due = [(d.kind, d.due, d.besluit) for d in detail.deadlines if d.status == "open"]
    with SqlUnitOfWork(engine) as uow:
        besluiten = uow.besluiten.listing(case_id=case_id)
    aanwijzing, openbaar = (b.kenmerk for b in besluiten)
    assert [(b.kind, b.kenmerk, b.status) for b in besluiten] == [
        ("aanwijzing", "IGJ-2025-000001", "bezwaartermijn"),
        ("openbaarmakingsbesluit", "IGJ-2025-000002", "bezwaartermijn"),
    ]
    assert sorted(open_due) == sorted([
        ("naleving", date(2025, 4, 30), aanwijzing),
        ("bezwaar", date(2025, 3, 14), aanwijzing),
        ("bezwaar", date(2025, 3, 14), openbaar),
        ("publicatie_embargo", date(2025, 2, 14), openbaar),
        ("reactie_openbaarmaking", date(2025, 3, 14), openbaar),
    ])  # fmt: skip
    actions = [e.action for e in detail.history if isinstance(e, ActionTaken)]
    assert actions == [
        "start_onderzoek",
        "verstuur_conceptrapport",
        "stel_rapport_vast",
        "kondig_aanwijzing_aan",
        "geef_aanwijzing",
    ]
    assert next(d for d in detail.deadlines if d.kind == "bezwaar").steps


def test_a_crash_in_the_middle_of_an_action_leaves_nothing_behind(
    engine: Engine, catalog: FileWorkflowCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = open_focus(engine, catalog)
    act(engine, catalog, case_id, "start_onderzoek", date(2024, 9, 16))
    before = case_history(uow=SqlUnitOfWork(engine), case_id=case_id)
    real_save = SqlCaseRepository.save

    def save_then_crash(self: SqlCaseRepository, case: object, *, now: datetime) -> None:
        real_save(self, case, now=now)  # type: ignore[arg-type]
        raise RuntimeError("power failure after the rows were written")

    monkeypatch.setattr(SqlCaseRepository, "save", save_then_crash)
    with pytest.raises(RuntimeError):
        act(engine, catalog, case_id, "verstuur_conceptrapport", date(2024, 11, 15))
    monkeypatch.undo()

    detail = case_detail(
        uow=SqlUnitOfWork(engine), catalog=catalog, case_id=case_id, today=date(2024, 11, 15)
    )
    assert detail.state == "onderzoek"
    assert detail.deadlines == []
    assert detail.history == before


def test_of_two_users_acting_on_one_case_one_wins_and_the_other_is_told(
    engine: Engine, catalog: FileWorkflowCatalog
) -> None:
    case_id = open_focus(engine, catalog)
    definition = catalog.get("jeugdwet")
    machine = catalog.machine(definition)

    with SqlUnitOfWork(engine) as slow:
        slow_case = slow.cases.get(case_id)
        act(engine, catalog, case_id, "start_onderzoek", date(2024, 9, 16))  # the fast user
        machine.fire(
            slow_case,
            "start_onderzoek",
            stamp=Stamp(on=date(2024, 9, 17), at=NOW, by="slow"),
            raw_params={},
            calendar=AtwCalendar(),
        )
        told = rf"jurist changed case {case_id} on 31 January 2025 at 09:00 while you were"
        with pytest.raises(ConcurrentChangeError, match=told):
            slow.cases.save(slow_case, now=NOW)
            slow.commit()

    history = case_history(uow=SqlUnitOfWork(engine), case_id=case_id)
    assert [(e.action, e.by) for e in history if isinstance(e, ActionTaken)] == [
        ("start_onderzoek", "jurist")
    ]


def test_the_history_cannot_be_changed_or_deleted_in_the_database(
    engine: Engine, catalog: FileWorkflowCatalog
) -> None:
    open_focus(engine, catalog)

    for statement in ("UPDATE case_events SET by = 'someone else'", "DELETE FROM case_events"):
        with engine.begin() as connection, pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))

    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM case_events")).scalar_one() == 1


def test_a_duplicate_kvk_is_refused(engine: Engine, catalog: FileWorkflowCatalog) -> None:
    open_focus(engine, catalog)

    with pytest.raises(DuplicateProviderError, match=KVK):
        add_provider(
            uow=SqlUnitOfWork(engine),
            name="Ander B.V.",
            kvk=KVK,
            kind="jeugdhulpaanbieder",
            alias=None,
            now=NOW,
        )


def test_the_schema_is_created_once_and_checked_after(engine: Engine) -> None:
    init_database(engine)

    assert current(engine) == HEAD
