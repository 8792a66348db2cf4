"""Engine: SQLite by default, PostgreSQL for a shared team database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from escalation.domain.errors import StorageError
from escalation.i18n import _


def make_engine(url: str) -> Engine:
    """An engine for `url`; nothing is created until `schema.init_database`."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(
            _(
                "'{url}' is not a database URL. Use e.g. sqlite:///cases.sqlite or "
                "postgresql+psycopg://user@host/db."
            ).format(url=url)
        ) from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": 10}
    engine = create_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:  # DB-API seam: untyped
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
