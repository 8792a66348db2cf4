"""Migration 0012: a provider's locations, signals and the link of a case to them."""

from __future__ import annotations

from escalation.storage.migrate import migrate
from escalation.storage.schema import HEAD
from tests.migrations.conftest import NewEngine
from tests.migrations.snapshot import rows_of, schema_of

NEW_TABLES = {"provider_locations", "signals", "case_scope"}


def test_0012_adds_three_tables_and_its_downgrade_takes_them_away(new_engine: NewEngine) -> None:
    engine, before = new_engine(), new_engine()
    migrate(before, to="0011")
    migrate(engine, to="0012")
    added = set(schema_of(engine)["tables"]) - set(schema_of(before)["tables"])

    migrate(engine, to="0011")
    schema = schema_of(engine)
    migrate(engine, to=HEAD)

    assert added == NEW_TABLES
    assert schema == schema_of(before)
    assert {t: rows_of(engine)[t] for t in NEW_TABLES} == {t: [] for t in NEW_TABLES}
