"""Alembic's side of the schema: run the migration scripts shipped in the package, list them.

Only `escalation db upgrade` and `db history` (and tests) come here; opening a database uses
storage.schema, which imports neither Alembic nor the scripts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from escalation.domain.errors import StorageError
from escalation.i18n import _
from escalation.storage.schema import (
    BASELINE,
    HEAD,
    MIGRATIONS,
    REVISIONS,
    alembic_revision,
    current,
    describe,
    is_pre_alembic,
    revision_error,
    schema_transaction,
    stamp,
)

if TYPE_CHECKING:
    from alembic.config import Config


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    revision: str
    down_revision: str | None
    message: str


def upgrade(engine: Engine) -> UpgradeResult:
    """Bring the database to HEAD, all migrations in one transaction; at HEAD it does nothing.

    A database made before migrations (0.1.0) is stamped at BASELINE first. Raises the errors of
    `schema.check_revision`, except OutdatedSchemaError.
    """
    before = current(engine)
    if before == HEAD:
        return UpgradeResult(before, HEAD)
    if before not in REVISIONS:
        raise revision_error(before)
    migrate(engine, to=HEAD)
    return UpgradeResult(before, HEAD)


def migrate(engine: Engine, *, to: str) -> None:
    """Run Alembic from the database's revision up or down to `to` ("base": nothing), atomically.

    No checks: for upgrades use `upgrade`; this is the raw step for tests and contributors.
    """
    from alembic import command

    config = alembic_config()
    try:
        with schema_transaction(engine) as conn:
            if is_pre_alembic(conn):
                stamp(conn, BASELINE)
            config.attributes["connection"] = conn
            if _position(alembic_revision(conn)) <= _position(to):
                command.upgrade(config, to)
            else:
                command.downgrade(config, to)
    except DatabaseError as err:
        raise StorageError(
            _(
                "The migration of {database} to revision {revision} failed, and nothing of it "
                "was kept: {problem}."
            ).format(database=describe(engine), revision=to, problem=err.orig)
        ) from None


def history() -> list[RevisionInfo]:
    """Every migration, oldest first, as read from the scripts shipped with this escalation."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return [
        RevisionInfo(s.revision, _single(s.down_revision), s.doc)
        for s in reversed(list(scripts.walk_revisions()))
    ]


def alembic_config() -> Config:
    """Alembic's configuration, built here: no alembic.ini is needed where escalation runs."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    return config


def _position(revision: str | None) -> int:
    if revision in (None, "base"):
        return -1
    if revision == "head":
        return len(REVISIONS)
    return REVISIONS.index(revision) if revision in REVISIONS else len(REVISIONS)


def _single(down: str | tuple[str, ...] | list[str] | None) -> str | None:
    if down is None or isinstance(down, str):
        return down
    return ", ".join(down)
