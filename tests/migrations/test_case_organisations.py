"""Migration 0011 on SQLite and PostgreSQL: a case keeps its lead (IGJ for every case of
before) and its other organisations; downgrade takes the column and the table away."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

from escalation.storage.migrate import migrate
from escalation.storage.schema import init_database

CASE = (
    "INSERT INTO cases (provider_id, workflow_name, workflow_version, state, opened_on, "
    "created_at, updated_at, version, reminder_ladders) VALUES (1, 'jeugdwet', 3, 'signaal', "
    "'2025-01-02', '2025-01-02 09:00:00', '2025-01-02 09:00:00', 1, '{}')"
)
PROVIDER = (
    "INSERT INTO providers (kvk, name, kind, created_at) VALUES "
    "('04075970', 'JBN', 'gecertificeerde-instelling', '2025-01-02 09:00:00')"
)


def test_a_case_of_before_0011_is_igjs_and_downgrade_removes_the_organisations(
    engine: Engine,
) -> None:
    init_database(engine)
    migrate(engine, to="0010")
    with engine.begin() as conn:
        conn.execute(text(PROVIDER))
        conn.execute(text(CASE))

    migrate(engine, to="0011")
    with engine.begin() as conn:
        lead = conn.execute(text("SELECT organisation FROM cases")).scalar_one()
        conn.execute(
            text(
                "INSERT INTO case_co_organisations (case_id, code, position) VALUES (1, 'JENV', 1)"
            )
        )
        others = conn.execute(text("SELECT code FROM case_co_organisations")).scalars().all()

    assert (lead, others) == ("IGJ", ["JENV"])
    migrate(engine, to="0010")
    inspector = inspect(engine)
    assert "case_co_organisations" not in inspector.get_table_names()
    assert "organisation" not in {c["name"] for c in inspector.get_columns("cases")}
