"""Engine and schema: SQLite by default, PostgreSQL for a shared team database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import DDL, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError
from sqlmodel import Session, SQLModel

from escalation.domain.errors import StorageError
from escalation.storage.tables import SCHEMA_VERSION, CaseEventRow, LetterRow, MetaRow


def _append_only(table: Any) -> None:
    """History and issued letters are evidence: the database refuses to change or remove them."""
    name = table.name
    for op in ("UPDATE", "DELETE"):
        event.listen(
            table,
            "after_create",
            DDL(  # type: ignore[no-untyped-call]
                f"CREATE TRIGGER {name}_no_{op.lower()} BEFORE {op} ON {name} "
                f"BEGIN SELECT RAISE(ABORT, '{name} is append-only'); END"
            ).execute_if(dialect="sqlite"),
        )
    event.listen(
        table,
        "after_create",
        DDL(  # type: ignore[no-untyped-call]
            f"CREATE OR REPLACE FUNCTION {name}_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{name} is append-only'; END; $$ LANGUAGE plpgsql; "
            f"CREATE TRIGGER {name}_append_only BEFORE UPDATE OR DELETE ON {name} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}_append_only()"
        ).execute_if(dialect="postgresql"),
    )


_append_only(CaseEventRow.__table__)  # type: ignore[attr-defined]
_append_only(LetterRow.__table__)  # type: ignore[attr-defined]


def make_engine(url: str) -> Engine:
    """An engine for `url`; a SQLite file's folder is created on first use."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(
            f"'{url}' is not a database URL. Use e.g. sqlite:///cases.sqlite or "
            "postgresql+psycopg://user@host/db."
        ) from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 10}
    engine = create_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:  # DB-API seam: untyped
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_schema(engine: Engine) -> None:
    """Create the tables if missing and record the schema version (until Alembic takes over)."""
    try:
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            if session.get(MetaRow, "schema_version") is None:
                session.add(MetaRow(key="schema_version", value=str(SCHEMA_VERSION)))
                session.commit()
    except DatabaseError as err:
        raise StorageError(f"Cannot open the database {engine.url!r}: {err.orig}") from None


def check_schema(engine: Engine) -> int:
    """The schema version of an existing database, or a StorageError saying what is wrong."""
    try:
        if not inspect(engine).has_table("escalation_meta"):
            raise StorageError(
                f"{engine.url!r} is not an escalation database. Run `escalation init` first."
            )
        with Session(engine) as session:
            row = session.get(MetaRow, "schema_version")
    except DatabaseError as err:
        raise StorageError(f"Cannot open the database {engine.url!r}: {err.orig}") from None
    version = int(row.value) if row else 0
    if version != SCHEMA_VERSION:
        raise StorageError(
            f"The database has schema version {version}; this escalation needs {SCHEMA_VERSION}."
        )
    return version
