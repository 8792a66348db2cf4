"""Engine: SQLite by default, PostgreSQL for a shared team database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from escalation.domain.errors import DatabaseMissingError, StorageError
from escalation.storage import schema


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
    """Open a database as 0.1.0 did: a missing one is created (at HEAD), any other is checked.

    Transitional: `escalation init` (schema.init_database) and the open-time check
    (schema.check_revision) replace it once the CLI calls them.
    """
    try:
        schema.check_revision(engine)
    except DatabaseMissingError:
        schema.init_database(engine)


def check_schema(engine: Engine) -> str:
    """The schema revision of a database at HEAD, or the error saying what is wrong with it."""
    schema.check_revision(engine)
    return schema.HEAD
