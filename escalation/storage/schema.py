"""The schema revision of a database: make a new one at HEAD, check it on every open.

Opening a database reads one row (alembic_version) and compares it with HEAD: neither Alembic nor
the migration scripts are loaded for that (storage.migrate runs them, for `db upgrade`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    inspect,
    text,
)
from sqlalchemy.exc import DatabaseError, OperationalError, ProgrammingError
from sqlmodel import SQLModel

from escalation.domain.errors import (
    DatabaseMissingError,
    ForeignDatabaseError,
    NewerSchemaError,
    OutdatedSchemaError,
    SchemaRevisionError,
    StorageError,
)
from escalation.i18n import _
from escalation.storage import audit_tables as audit_tables  # registers its table
from escalation.storage import dwangsom_tables as dwangsom_tables  # registers its tables
from escalation.storage import findings_tables as findings_tables  # registers its table
from escalation.storage import organisation_tables as organisation_tables  # registers its table
from escalation.storage import subject_tables as subject_tables  # registers its tables
from escalation.storage import tables  # registers every table on SQLModel.metadata
from escalation.storage import user_tables as user_tables  # registers its table
from escalation.storage.letter_triggers import letters_ddl

logger = logging.getLogger(__name__)

# Every revision this escalation knows, oldest first; HEAD is the last. A test checks both against
# the migration scripts, so that opening a database needs neither Alembic nor the scripts.
REVISIONS = tuple(f"{number:04d}" for number in range(1, 16))  # "0001" ... "0015"
HEAD = REVISIONS[-1]
BASELINE = REVISIONS[0]

# Its presence marks an escalation database; 0.1.0 (before migrations) kept schema_version '1'.
MARKER_TABLE = "escalation_meta"
PRE_ALEMBIC = ("schema_version", "1")
APPEND_ONLY = ("case_events", "letters", "dwangsom_entries", "case_findings", "audit_anchors")
MIGRATIONS = Path(__file__).with_name("migrations")

# The table exactly as Alembic makes it (alembic.ddl.impl.DefaultImpl.version_table_impl).
VERSION_TABLE = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)
_RECORDED = text(f"SELECT version_num, (SELECT count(*) FROM {MARKER_TABLE}) FROM alembic_version")


@dataclass(frozen=True, slots=True)
class InitResult:
    revision: str
    created: bool  # False: the database was already an escalation database at this revision


def check_revision(engine: Engine) -> None:
    """Refuse, in one sentence, a database that is not an escalation database at HEAD.

    Raises:
        DatabaseMissingError: no database there, or an empty one (`escalation init` makes it).
        OutdatedSchemaError: an older revision (`escalation db upgrade`).
        NewerSchemaError: a revision made by a newer escalation.
        ForeignDatabaseError: tables, but none of ours.
        StorageError: the database cannot be opened or read (not a database, unreachable, ...).
    """
    revision = current(engine)
    if revision != HEAD:
        raise revision_error(revision)


def current(engine: Engine) -> str:
    """The revision of the database's schema; BASELINE for a database made before migrations.

    Raises DatabaseMissingError, ForeignDatabaseError or StorageError as `check_revision` does.
    """
    where = describe(engine)
    _refuse_missing_file(engine, where)
    try:
        with engine.connect() as conn:
            return _recorded(conn) or _diagnose(conn, where)
    except DatabaseError as err:
        raise StorageError(
            _("Cannot open the database {database}: {problem}.").format(
                database=where, problem=" ".join(str(err.orig).split()).rstrip(".")
            )
        ) from None


def init_database(engine: Engine) -> InitResult:
    """Make a new database at HEAD (tables, indexes, triggers, alembic_version) in one step.

    A database already at HEAD is left as it is (`created` is False). Anything else is refused
    with the errors of `check_revision`: init never writes into another application's database
    nor over an escalation database at another revision.
    """
    try:
        revision = current(engine)
    except DatabaseMissingError:
        _create(engine)
        return InitResult(HEAD, created=True)
    if revision != HEAD:
        raise revision_error(revision)
    return InitResult(HEAD, created=False)


def _create(engine: Engine) -> None:
    where = describe(engine)
    try:
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            Path(str(engine.url.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
        with schema_transaction(engine) as conn:
            SQLModel.metadata.create_all(conn)
            for table in APPEND_ONLY:
                for statement in append_only_ddl(table, conn.dialect.name):
                    conn.exec_driver_sql(statement)
            conn.execute(
                text(f"INSERT INTO {MARKER_TABLE} (key, value) VALUES (:key, :value)"),
                {"key": tables.DATABASE_ID, "value": uuid.uuid4().hex},
            )
            stamp(conn, HEAD)
    except OSError as err:
        raise StorageError(_cannot_create(where, err.strerror)) from None
    except DatabaseError as err:
        raise StorageError(_cannot_create(where, err.orig)) from None
    logger.info("created %s at revision %s", where, HEAD)


def _cannot_create(where: str, problem: object) -> str:
    return _("Cannot create the database {database}: {problem}.").format(
        database=where, problem=problem
    )


def revision_error(revision: str) -> SchemaRevisionError:
    if revision in REVISIONS:
        return OutdatedSchemaError(
            _(
                "This database is at revision {revision}; run `escalation db upgrade` to bring "
                "it to {head} (make a copy of it first)."
            ).format(revision=revision, head=HEAD),
            revision=revision,
        )
    return NewerSchemaError(
        _(
            "This database is at revision {revision}, made by a newer escalation; this one "
            "knows revisions up to {head}. Install the newer escalation to use it."
        ).format(revision=revision, head=HEAD),
        revision=revision,
    )


def describe(engine: Engine) -> str:
    """The database as people name it: a SQLite file's path, or the URL without its password."""
    if engine.dialect.name == "sqlite" and engine.url.database:
        return engine.url.database
    return engine.url.render_as_string(hide_password=True)


def stamp(conn: Connection, revision: str) -> None:
    """Record `revision` in alembic_version, as `alembic stamp` would."""
    VERSION_TABLE.create(conn, checkfirst=True)
    conn.execute(VERSION_TABLE.delete())
    conn.execute(VERSION_TABLE.insert().values(version_num=revision))


def append_only_ddl(table: str, dialect: str) -> list[str]:
    """History and sent letters are evidence: triggers refuse every change to `table`.

    UPDATE and DELETE (migration 0001; for `letters` a draft may change, migration 0008); on
    SQLite an INSERT that reuses an existing id, which `INSERT OR REPLACE` does, and on
    PostgreSQL TRUNCATE (migration 0004). The same statements as those migrations; a change to
    them is a new migration.
    """
    message = f"'{table} is append-only'"
    if table == "letters":
        return [*letters_ddl(dialect), _hardening(table, dialect, message)]
    if dialect == "sqlite":
        return [
            *(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, {message}); END"
                for verb in ("UPDATE", "DELETE")
            ),
            _hardening(table, dialect, message),
        ]
    return [
        f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION {message}; END; $$ LANGUAGE plpgsql",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
        _hardening(table, dialect, message),
    ]


def _hardening(table: str, dialect: str, message: str) -> str:
    """No REPLACE on SQLite, no TRUNCATE on PostgreSQL (migration 0004)."""
    if dialect == "sqlite":
        return (
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, {message}); END"
        )
    return (
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
    )


@contextmanager
def schema_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for a whole schema change: all of it is done, or none of it.

    PostgreSQL's DDL is transactional as it is. Python's sqlite3 commits around DDL by itself,
    so on SQLite we say BEGIN and COMMIT ourselves, with foreign keys off while tables are copied
    (SQLite's own recipe for altering tables) and checked before the commit.
    """
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            yield conn
        return
    with engine.connect() as conn:
        dbapi: Any = conn.connection.dbapi_connection  # sqlite3.Connection: untyped DB-API
        legacy = dbapi.isolation_level
        dbapi.isolation_level = None
        try:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            yield from _sqlite_transaction(conn, dbapi, describe(engine))
        finally:
            dbapi.execute("PRAGMA foreign_keys=ON")
            dbapi.isolation_level = legacy


def _sqlite_transaction(conn: Connection, dbapi: Any, where: str) -> Iterator[Connection]:
    conn.exec_driver_sql("BEGIN IMMEDIATE")
    try:
        yield conn
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StorageError(
                _(
                    "The schema change of {database} would break {count} references between "
                    "tables; nothing was changed."
                ).format(database=where, count=len(broken))
            )
    except BaseException:
        if dbapi.in_transaction:  # SQLite rolls some failures back by itself
            dbapi.execute("ROLLBACK")
        raise
    conn.exec_driver_sql("COMMIT")


def _refuse_missing_file(engine: Engine, where: str) -> None:
    """Opening a missing SQLite file would create it: say that there is none instead."""
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return
    if name.startswith("file:"):  # a URI filename: SQLite itself decides
        return
    path = Path(name).expanduser()
    blocked = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocked is not None or path.is_dir():
        raise StorageError(
            _("{path} is not a folder; a database file cannot be there.").format(path=blocked)
            if blocked is not None
            else _("{path} is a folder; give the database's file name.").format(path=path)
        )
    if not path.exists():
        raise DatabaseMissingError(
            _(
                "There is no database at {database}. Run `escalation init` to create one there."
            ).format(database=where)
        )


def _recorded(conn: Connection) -> str | None:
    """The fast path: alembic_version's revision, read where escalation_meta also exists."""
    try:
        row = conn.execute(_RECORDED).first()
    except (OperationalError, ProgrammingError):  # a table is missing: look closer
        conn.rollback()
        return None
    return str(row[0]) if row else None


def _diagnose(conn: Connection, where: str) -> str:
    """The revision of a database without the usual two tables, or why it has none."""
    names = set(inspect(conn).get_table_names())
    if not names - {VERSION_TABLE.name} and not alembic_revision(conn):
        raise DatabaseMissingError(
            _(
                "The database {database} is empty. Run `escalation init` to create the tables."
            ).format(database=where)
        )
    if MARKER_TABLE not in names:
        raise ForeignDatabaseError(
            _(
                "{database} is not an escalation database: it has tables, but none of ours. "
                "Check the database you named."
            ).format(database=where)
        )
    revision = alembic_revision(conn)
    if revision:
        return revision
    if is_pre_alembic(conn):
        return BASELINE
    raise StorageError(
        _(
            "{database} has escalation's tables but no record of their schema revision; "
            "it was not made by `escalation init`."
        ).format(database=where)
    )


def alembic_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table(VERSION_TABLE.name):
        return None
    revision: str | None = conn.execute(VERSION_TABLE.select()).scalar()
    return revision


def is_pre_alembic(conn: Connection) -> bool:
    """Made by 0.1.0: escalation_meta says schema_version '1' and there is no alembic_version."""
    if inspect(conn).has_table(VERSION_TABLE.name) or not inspect(conn).has_table(MARKER_TABLE):
        return False
    key, value = PRE_ALEMBIC
    query = text(f"SELECT value FROM {MARKER_TABLE} WHERE key = :key")
    return conn.execute(query, {"key": key}).scalar() == value
