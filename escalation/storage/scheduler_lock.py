"""One `scheduler run` per database: a lock held for the process's life.

PostgreSQL: a session-level advisory lock on a dedicated connection, its key derived from the
database's identity (escalation_meta.database_id, migration 0004), so two databases on one
server never share a key. SQLite: an exclusive `flock` on a file next to the database. Both are
released by the operating system or the server when the process ends, however it ends (a
killed process's connection is dropped, its file descriptors closed): no stale lock to clear.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, text
from sqlalchemy.engine import Engine

from escalation.domain.errors import StorageError
from escalation.formatting import long_date
from escalation.i18n import _

POLL_SECONDS = 1.0


class SchedulerBusyError(StorageError):
    """Another scheduler holds the database (and the caller asked not to wait)."""


def busy_text(since: datetime | None, zone: ZoneInfo, *, waiting: bool) -> str:
    """What a second scheduler says: another holds the database, since when if known."""
    if since is None:
        held = _("Another scheduler holds this database.")
    else:
        local = since.astimezone(zone)
        held = _("Another scheduler holds this database since {day} {time}.").format(
            day=long_date(local.date()), time=f"{local:%H:%M}"
        )
    if waiting:
        return held + " " + _("Waiting until it stops; this one then takes over.")
    return held + " " + _("Stop it first, or leave out --once to wait until it stops.")


class _Lock(Protocol):
    def take(self) -> bool: ...

    def holder_since(self) -> datetime | None: ...

    def release(self) -> None: ...


def lock_key(database_id: str) -> int:
    """A signed 64-bit advisory-lock key for the scheduler of the database `database_id`."""
    digest = hashlib.sha256(f"escalation scheduler {database_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def scheduler_lock(
    engine: Engine,
    database_id: str,
    *,
    wait: bool,
    zone: ZoneInfo,
    say: Callable[[str], None],
    poll_seconds: float = POLL_SECONDS,
) -> Iterator[None]:
    """Hold the database's scheduler lock inside the block.

    Taken by another process: raise SchedulerBusyError, or (`wait`) `say` so once (with since
    when the other holds it, if known) and poll until it is free.
    """
    lock: _Lock
    if engine.dialect.name == "postgresql":
        lock = _AdvisoryLock(engine, lock_key(database_id))
    else:
        lock = _FileLock(_lock_file(engine))
    try:
        if not lock.take():
            if not wait:
                raise SchedulerBusyError(busy_text(lock.holder_since(), zone, waiting=False))
            say(busy_text(lock.holder_since(), zone, waiting=True))
            while not lock.take():
                time.sleep(poll_seconds)
        yield
    finally:
        lock.release()


class _AdvisoryLock:
    def __init__(self, engine: Engine, key: int) -> None:
        self._key = key
        self._conn: Connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def take(self) -> bool:
        taken = self._conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self._key})
        return bool(taken.scalar_one())

    def holder_since(self) -> datetime | None:
        """When the holder's session began (its backend_start), if this role may see it."""
        since = self._conn.execute(
            text(
                "SELECT a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                " AND l.classid::bigint = (:k >> 32) & 4294967295"
                " AND l.objid::bigint = :k & 4294967295"
            ),
            {"k": self._key},
        ).scalar()
        return since.astimezone(UTC) if isinstance(since, datetime) else None

    def release(self) -> None:
        self._conn.close()  # the session ends: the server frees its advisory locks


def _lock_file(engine: Engine) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database).with_name(Path(database).name + ".scheduler-lock")


class _FileLock:
    """An exclusive flock on `<database>.scheduler-lock`; the file says since when."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._file: IO[str] | None = None

    def take(self) -> bool:
        if self._path is None:  # an in-memory database: one process by nature
            return True
        try:
            import fcntl
        except ImportError:  # Windows: no flock; documented as one scheduler per database
            return True
        try:
            file = self._path.open("a+", encoding="utf-8")
        except OSError as err:
            raise StorageError(
                _("The scheduler cannot make its lock file {file}: {problem}.").format(
                    file=self._path, problem=err.strerror or err
                )
            ) from None
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            file.close()
            return False
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()} {datetime.now(UTC).isoformat()}\n")
        file.flush()
        self._file = file
        return True

    def holder_since(self) -> datetime | None:
        try:
            assert self._path is not None
            return datetime.fromisoformat(self._path.read_text(encoding="utf-8").split()[1])
        except (OSError, IndexError, ValueError, AssertionError):
            return None

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the descriptor frees the flock
            self._file = None
