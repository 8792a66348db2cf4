"""The backends every port contract runs against: the in-memory fakes, SQLite and PostgreSQL.

A SQLite test gets its own file, copied from a template that has the schema; a PostgreSQL test
gets the one contracts database of the session, emptied before it. So the schema is created
once per database engine, not once per test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlmodel import SQLModel

from escalation.storage.db import make_engine
from escalation.storage.schema import init_database
from escalation.storage.unit_of_work import SqlUnitOfWork
from tests.contracts.builders import Backend
from tests.fakes import FakeDatabase, FakeUnitOfWork
from tests.postgres import PostgresServer

KEPT = frozenset({"escalation_meta"})  # what init_database writes once; the rest is data


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("contracts") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    init_database(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def contracts_postgres(postgres_server: PostgresServer) -> Iterator[Engine]:
    with postgres_server.temporary_database() as url:
        engine = make_engine(url)
        init_database(engine)
        yield engine
        engine.dispose()


def _emptied(engine: Engine) -> Engine:
    """Delete every row and restart the ids: twenty times faster than TRUNCATE."""
    tables = [t.name for t in SQLModel.metadata.sorted_tables if t.name not in KEPT]
    with engine.begin() as conn:
        # As a replica the session fires no triggers: not those that keep history append-only.
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        for table in reversed(tables):
            conn.execute(text(f"DELETE FROM {table}"))
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1, false)"))
    return engine


def _no_fsync(dbapi_connection: Any, _record: Any) -> None:  # DB-API seam: untyped
    """A test database need not survive a power cut; waiting for the disk costs seconds."""
    dbapi_connection.execute("PRAGMA synchronous=OFF")


@pytest.fixture(params=["fake", "sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """One database, empty, behind the port: `backend.uow()` is a new unit of work on it."""
    if request.param == "fake":
        db = FakeDatabase()
        yield Backend("fake", lambda: FakeUnitOfWork(db))
    elif request.param == "sqlite":
        path = tmp_path / "cases.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _no_fsync)
        yield Backend("sqlite", lambda: SqlUnitOfWork(engine))
        engine.dispose()
    else:
        engine = _emptied(request.getfixturevalue("contracts_postgres"))
        yield Backend("postgres", lambda: SqlUnitOfWork(engine))
