"""Migration 0004: the send lease, the database's identity, and the hardened append-only tables."""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

from escalation.storage.migrate import migrate
from escalation.storage.schema import HEAD, init_database
from escalation.storage.unit_of_work import SqlUnitOfWork
from tests.migrations.conftest import NewEngine
from tests.migrations.snapshot import rows_of, schema_of


def identity(engine: Engine) -> str | None:
    rows = [m["value"] for m in rows_of(engine)["escalation_meta"] if m["key"] == "database_id"]
    return rows[0] if rows else None


def test_every_database_gets_its_own_identity_made_once(new_engine: NewEngine) -> None:
    created, migrated = new_engine(), new_engine()

    init_database(created)
    init_database(created)  # already there: left alone
    migrate(migrated, to=HEAD)

    ids = [identity(created), identity(migrated)]
    assert all(re.fullmatch("[0-9a-f]{32}", i or "") for i in ids)
    assert ids[0] != ids[1]
    with SqlUnitOfWork(created) as uow:
        assert uow.watch.database_id() == ids[0]


def test_a_database_without_an_identity_gets_one_when_it_is_first_asked(engine: Engine) -> None:
    init_database(engine)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM escalation_meta"))

    with SqlUnitOfWork(engine) as uow:
        made = uow.watch.database_id()
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        again = uow.watch.database_id()

    assert made == again == identity(engine)


def test_downgrading_0004_takes_the_lease_the_identity_and_the_new_triggers_away(
    new_engine: NewEngine,
) -> None:
    engine, at_0003 = new_engine(), new_engine()
    migrate(at_0003, to="0003")
    migrate(engine, to=HEAD)
    first = identity(engine)

    migrate(engine, to="0003")
    schema = schema_of(engine)
    migrate(engine, to=HEAD)

    assert schema == schema_of(at_0003)
    assert "lease_until" not in [c[0] for c in schema["tables"]["reminders"]["columns"]]
    assert identity(engine) not in (None, first)  # made anew, as for any database at 0003
