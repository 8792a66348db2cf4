"""The PostgreSQL test fixtures give a real, working server and isolated databases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from tests.postgres import PostgresServer

_seen_per_test_databases: set[str] = set()


@contextmanager
def _engine(url: str) -> Iterator[Engine]:
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _database_names(server: PostgresServer) -> set[str]:
    with _engine(server.url("postgres")) as engine, engine.connect() as conn:
        return set(conn.scalars(text("SELECT datname FROM pg_database")))


def test_the_server_answers_a_version_query_as_postgresql(postgres_db_url: str) -> None:
    with _engine(postgres_db_url) as engine, engine.connect() as conn:
        version = conn.scalar(text("SELECT version()"))
    assert isinstance(version, str)
    assert "PostgreSQL" in version


def test_the_session_url_points_at_the_escalation_test_database(postgres_url: str) -> None:
    assert postgres_url.startswith("postgresql+psycopg://")
    with _engine(postgres_url) as engine, engine.connect() as conn:
        assert conn.scalar(text("SELECT current_database()")) == "escalation_test"
        assert conn.scalar(text("SHOW listen_addresses")) == "127.0.0.1"
        assert conn.scalar(text("SHOW fsync")) == "off"


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_gets_an_empty_database_of_its_own(postgres_db_url: str, turn: str) -> None:
    with _engine(postgres_db_url) as engine:
        with engine.connect() as conn:
            name = conn.scalar(text("SELECT current_database()"))
        assert isinstance(name, str)
        assert name.startswith("t_")
        assert name not in _seen_per_test_databases
        _seen_per_test_databases.add(name)
        # Another test's leftovers would show up here: every turn leaves a table behind.
        assert inspect(engine).get_table_names() == []
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE leftover (turn text)"))
            conn.execute(text("INSERT INTO leftover VALUES (:turn)"), {"turn": turn})
        assert inspect(engine).get_table_names() == ["leftover"]


def test_two_temporary_databases_are_distinct_empty_and_dropped_afterwards(
    postgres_server: PostgresServer,
) -> None:
    with (
        postgres_server.temporary_database() as first_url,
        postgres_server.temporary_database() as second_url,
    ):
        names = {url.rsplit("/", 1)[1] for url in (first_url, second_url)}
        assert len(names) == 2
        assert names <= _database_names(postgres_server)
        with _engine(first_url) as first, _engine(second_url) as second:
            with first.begin() as conn:
                conn.execute(text("CREATE TABLE only_in_first (id integer)"))
            assert inspect(first).get_table_names() == ["only_in_first"]
            assert inspect(second).get_table_names() == []
        # A session still connected must not stop the database from being dropped.
        held_open = psycopg.connect(postgres_server.conninfo(second_url.rsplit("/", 1)[1]))
    with held_open:
        assert _is_terminated(held_open)
    assert not names & _database_names(postgres_server)


def _is_terminated(conn: psycopg.Connection[tuple[object, ...]]) -> bool:
    try:
        conn.execute("SELECT 1")
    except psycopg.OperationalError:
        return True
    return False
