"""Engine: SQLite by default, PostgreSQL for a shared team database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from escalation.domain.errors import StorageError
from escalation.i18n import _

BACKENDS = ("sqlite", "postgresql")
_EXAMPLE = "sqlite:///cases.sqlite, postgresql+psycopg://user@host/db"


def make_engine(url: str) -> Engine:
    """An engine for `url`; nothing is created until `schema.init_database`.

    Raises:
        StorageError: not a URL, a database other than SQLite or PostgreSQL, or a driver
            that is not installed (the message says how to install it).
    """
    parsed = _parsed(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": 10}
    try:
        engine = create_engine(parsed, **kwargs)
    except (ImportError, NoSuchModuleError):
        raise StorageError(_missing_driver(parsed)) from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _parsed(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(
            _("'{url}' is not a database URL. Use e.g. {example}.").format(
                url=url, example=_EXAMPLE
            )
        ) from None
    if parsed.get_backend_name() not in BACKENDS:
        raise StorageError(
            _(
                "escalation works with SQLite and PostgreSQL, not with '{scheme}'. Use e.g. "
                "{example}."
            ).format(scheme=parsed.drivername, example=_EXAMPLE)
        )
    return parsed


def _missing_driver(url: URL) -> str:
    if url.get_backend_name() == "postgresql" and url.get_driver_name() != "psycopg":
        return _(
            "The PostgreSQL driver '{driver}' is not installed. Use "
            'postgresql+psycopg://... after `pip install "escalation[postgres]"`.'
        ).format(driver=url.get_driver_name())
    return _(
        'The PostgreSQL driver is not installed: run `pip install "escalation[postgres]"` '
        "and try again."
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:  # DB-API seam: untyped
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
