"""The application role of docs/guarantees.md, on a real PostgreSQL server.

The SQL is read from the page itself, so the page cannot drift from what was tested:
escalation works as that role (an action, a tick with mail), and the role cannot rewrite the
history or the letters, nor take their triggers away.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.faults.conftest import DAY, aanwijzing_cases, adapters, cli, environment
from tests.faults.smtp import Sink

PAGE = Path(__file__).resolve().parents[2] / "docs" / "guarantees.md"
ROLE = "escalation_app"
# Every way to change the history that an owner has and the application role must not.
REWRITES = [
    "UPDATE case_events SET reason = 'x'",
    "DELETE FROM letters",
    "TRUNCATE case_events",
    "TRUNCATE letters",
    "INSERT INTO case_events SELECT * FROM case_events LIMIT 1 "
    "ON CONFLICT (id) DO UPDATE SET reason = 'x'",
    "DROP TRIGGER case_events_append_only ON case_events",
    "ALTER TABLE case_events DISABLE TRIGGER ALL",
    "SET session_replication_role = replica",
]


def role_sql(database: str) -> list[str]:
    """The statements of the page's ```sql block, for `database`."""
    (block,) = re.findall(r"```sql\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    block = block.replace("DATABASE escalation ", f'DATABASE "{database}" ')
    return [s.strip() for s in block.split(";") if s.strip()]


def dsn(url: str, user: str | None = None) -> str:
    parsed = make_url(url)
    return parsed.set(drivername="postgresql", username=user or parsed.username).render_as_string(
        hide_password=False
    )


@pytest.fixture
def app_url(postgres_db_url: str) -> Iterator[str]:
    """The database with the page's role made in it; the URL escalation uses as that role."""
    database = make_url(postgres_db_url).database or ""
    with psycopg.connect(dsn(postgres_db_url), autocommit=True) as owner:
        owner.execute(f"DROP ROLE IF EXISTS {ROLE}")
        s = adapters(postgres_db_url, 25)  # the schema, made by the owner
        aanwijzing_cases(s, 1)
        s.dispose()
        for statement in role_sql(database):
            owner.execute(statement.encode())
        try:
            yield make_url(postgres_db_url).set(username=ROLE).render_as_string(False)
        finally:
            owner.execute(f"DROP OWNED BY {ROLE}")
            owner.execute(f"DROP ROLE {ROLE}")


def test_escalation_works_as_the_application_role(app_url: str, sink: Sink) -> None:
    env = environment(sink.port)

    ticked = cli(app_url, env, "tick", "--today", DAY.isoformat())
    acted = cli(app_url, env, "case", "do", "1", "start_hertoets", "--on", "2025-05-01",
                "--by", "anna")  # fmt: skip
    history = cli(app_url, env, "case", "history", "1")

    assert acted.returncode == 0, acted.stderr
    assert ticked.returncode == 0, ticked.stdout + ticked.stderr
    assert history.returncode == 0 and "start_hertoets" in history.stdout
    assert sink.received  # the reminders went out, recorded by the role


@pytest.mark.parametrize("statement", REWRITES)
def test_the_application_role_cannot_rewrite_the_history(app_url: str, statement: str) -> None:
    with psycopg.connect(dsn(app_url)) as app:
        before = app.execute("SELECT count(*), max(id) FROM case_events").fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute(statement.encode())
        app.rollback()
        after = app.execute("SELECT count(*), max(id) FROM case_events").fetchone()

    assert before == after and before is not None and before[0] > 0
