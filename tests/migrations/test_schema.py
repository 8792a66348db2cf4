"""A new database and a migrated one are the same; every open checks the schema revision."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from escalation.domain.errors import (
    DatabaseMissingError,
    ForeignDatabaseError,
    NewerSchemaError,
    OutdatedSchemaError,
    StorageError,
)
from escalation.storage.db import make_engine
from escalation.storage.migrate import alembic_config, history, migrate, upgrade
from escalation.storage.schema import (
    BASELINE,
    HEAD,
    REVISIONS,
    check_revision,
    current,
    init_database,
    schema_transaction,
)
from tests.migrations.conftest import NewEngine
from tests.migrations.snapshot import rows_of, schema_of


def test_a_new_database_has_the_schema_of_all_migrations_applied_in_turn(
    new_engine: NewEngine,
) -> None:
    created, migrated = new_engine(), new_engine()

    init_database(created)
    migrate(migrated, to=HEAD)

    assert schema_of(created) == schema_of(migrated)
    schema = schema_of(created)
    assert "case_events" in schema["tables"] and "alembic_version" in schema["tables"]
    assert {t[1] for t in schema["triggers"]} == {
        "case_events",
        "letters",
        "dwangsom_entries",
        "case_findings",
        "audit_anchors",
    }


def test_the_tables_in_the_code_match_the_migrations(engine: Engine) -> None:
    migrate(engine, to=HEAD)

    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)

    assert differences == [], "tables.py changed without a migration (docs/migrations.md)"


def test_head_and_the_known_revisions_are_those_of_the_migration_scripts() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())

    assert scripts.get_heads() == [HEAD]
    assert tuple(reversed([s.revision for s in scripts.walk_revisions()])) == REVISIONS
    assert [(r.revision, r.down_revision) for r in history()] == [
        ("0001", None),
        ("0002", "0001"),
        ("0003", "0002"),
        ("0004", "0003"),
        ("0005", "0004"),
        ("0006", "0005"),
        ("0007", "0006"),
        ("0008", "0007"),
        ("0009", "0008"),
        ("0010", "0009"),
        ("0011", "0010"),
        ("0012", "0011"),
        ("0013", "0012"),
        ("0014", "0013"),
        ("0015", "0014"),
    ]
    assert all(r.message for r in history())


def test_opening_and_creating_a_database_load_neither_alembic_nor_the_scripts(
    tmp_path: Path,
) -> None:
    program = (
        "import sys\n"
        "from escalation.storage.db import make_engine\n"
        "from escalation.storage.schema import check_revision, init_database\n"
        f"engine = make_engine('sqlite:///{tmp_path / 'cases.sqlite'}')\n"
        "init_database(engine)\n"
        "check_revision(engine)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('alembic', 'mako'))))\n"
    )

    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout

    assert out.strip() == "[]"


def test_init_twice_creates_once_and_then_says_the_revision(engine: Engine) -> None:
    first = init_database(engine)
    second = init_database(engine)

    assert (first.revision, first.created) == (HEAD, True)
    assert (second.revision, second.created) == (HEAD, False)
    check_revision(engine)


def test_an_older_database_is_refused_until_it_is_upgraded(engine: Engine) -> None:
    migrate(engine, to=BASELINE)

    with pytest.raises(OutdatedSchemaError) as refused:
        check_revision(engine)

    assert refused.value.revision == BASELINE
    assert str(refused.value).startswith(
        f"This database is at revision {BASELINE}; run `escalation db upgrade`"
    )
    with pytest.raises(OutdatedSchemaError):
        init_database(engine)


def test_an_older_database_is_refused_in_dutch_by_default(engine: Engine, dutch: None) -> None:
    migrate(engine, to=BASELINE)

    with pytest.raises(OutdatedSchemaError) as refused:
        check_revision(engine)

    assert str(refused.value) == (
        f"Deze database staat op revisie {BASELINE}; voer `escalation db upgrade` uit om haar "
        f"naar {HEAD} te brengen (maak eerst een kopie)."
    )


def test_a_database_of_a_newer_escalation_is_refused_in_dutch_by_default(
    engine: Engine, dutch: None
) -> None:
    init_database(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))

    with pytest.raises(NewerSchemaError) as refused:
        check_revision(engine)

    assert str(refused.value) == (
        "Deze database staat op revisie 0099, gemaakt door een nieuwere escalation; deze versie "
        f"kent revisies tot en met {HEAD}. Installeer de nieuwere escalation om haar te gebruiken."
    )


def test_a_database_of_a_newer_escalation_is_refused_by_check_init_and_upgrade(
    engine: Engine,
) -> None:
    init_database(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))

    for step in (check_revision, init_database, upgrade):
        with pytest.raises(NewerSchemaError, match="made by a newer escalation") as refused:
            step(engine)
        assert refused.value.revision == "0099"
    assert current(engine) == "0099"


def test_upgrade_brings_an_older_database_to_head_and_twice_changes_nothing(
    engine: Engine,
) -> None:
    migrate(engine, to=BASELINE)

    first = upgrade(engine)
    schema, rows = schema_of(engine), rows_of(engine)
    second = upgrade(engine)

    assert (first.before, first.after, first.changed) == (BASELINE, HEAD, True)
    assert (second.before, second.after, second.changed) == (HEAD, HEAD, False)
    assert (schema_of(engine), rows_of(engine)) == (schema, rows)
    check_revision(engine)


def test_an_empty_database_is_missing_and_init_creates_it(engine: Engine) -> None:
    with pytest.raises(DatabaseMissingError, match="escalation init"):
        check_revision(engine)
    with pytest.raises(DatabaseMissingError):
        upgrade(engine)

    init_database(engine)

    check_revision(engine)


def test_a_database_with_only_other_tables_is_not_ours_and_init_leaves_it_alone(
    engine: Engine,
) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    before = schema_of(engine)

    for step in (check_revision, init_database, upgrade):
        with pytest.raises(ForeignDatabaseError, match="not an escalation database"):
            step(engine)

    assert schema_of(engine) == before


def test_escalation_tables_without_a_revision_are_refused_plainly(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)

    with pytest.raises(StorageError, match="no record of their schema revision") as refused:
        check_revision(engine)

    assert type(refused.value) is StorageError


def test_a_missing_sqlite_file_is_reported_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "typo.sqlite"
    engine = make_engine(f"sqlite:///{path}")

    with pytest.raises(DatabaseMissingError, match="There is no database at .*typo.sqlite"):
        check_revision(engine)

    assert not path.exists()
    init_database(engine)
    assert path.is_file()


def test_a_file_that_is_not_a_database_gets_one_plain_sentence_and_stays_as_it_was(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    engine = make_engine(f"sqlite:///{path}")

    for step in (check_revision, init_database, upgrade):
        with pytest.raises(StorageError, match="Cannot open the database .*notes.sqlite: file"):
            step(engine)

    assert path.read_bytes() == b"these are my notes, not a database\n" * 100


def test_a_postgresql_database_that_does_not_exist_gets_one_plain_sentence(
    postgres_server,
) -> None:
    engine = make_engine(postgres_server.url("no_such_database"))

    with pytest.raises(StorageError, match='Cannot open the database .*"no_such_database"'):
        check_revision(engine)
    engine.dispose()


def test_a_failed_schema_change_leaves_nothing_behind_on_sqlite_too(engine: Engine) -> None:
    init_database(engine)
    before = schema_of(engine)

    with pytest.raises(RuntimeError), schema_transaction(engine) as conn:
        conn.execute(text("CREATE TABLE half_done (id INTEGER PRIMARY KEY)"))
        conn.execute(text("DROP TABLE reminders"))
        raise RuntimeError("the migration failed here")

    assert schema_of(engine) == before


def test_a_schema_change_that_breaks_references_is_undone_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'cases.sqlite'}")
    init_database(engine)

    with pytest.raises(StorageError, match="would break 1 references"):  # noqa: SIM117
        with schema_transaction(engine) as conn:
            conn.execute(text("CREATE TABLE half_done (id INTEGER PRIMARY KEY)"))
            conn.execute(
                text(
                    "INSERT INTO cases (provider_id, workflow_name, workflow_version, state, "
                    "opened_on, created_at, updated_at, version, reminder_ladders) "
                    "VALUES (42, 'jeugdwet', 1, 'signaal', '2025-01-31', '2025-01-31', "
                    "'2025-01-31', 1, '{}')"
                )
            )

    assert "half_done" not in schema_of(engine)["tables"]
    assert rows_of(engine)["cases"] == []
    with engine.connect() as conn:  # foreign keys are on again for the next user
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
