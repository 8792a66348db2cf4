"""One database transaction per use case: commit is explicit, rollback is the default."""

from __future__ import annotations

from types import TracebackType
from typing import Self
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from escalation.domain.errors import ConcurrentChangeError, StorageError
from escalation.i18n import N_, _
from escalation.storage.besluit_mapping import SqlBesluitRepository
from escalation.storage.concurrency import CONCURRENT_CHANGE, UTC_ZONE
from escalation.storage.findings_repository import SqlFindingsRepository
from escalation.storage.letter_repository import SqlLetterRepository
from escalation.storage.provider_repository import SqlProviderRepository
from escalation.storage.repository import SqlCaseRepository, SqlWorkflowVersionStore
from escalation.storage.schema import describe
from escalation.storage.subject_repository import SqlSubjectRepository
from escalation.storage.user_repository import SqlUserRepository
from escalation.storage.watch_repository import SqlWatchRepository


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()` — anything not committed is rolled back on exit."""

    providers: SqlProviderRepository
    cases: SqlCaseRepository
    workflow_versions: SqlWorkflowVersionStore
    letters: SqlLetterRepository
    watch: SqlWatchRepository
    besluiten: SqlBesluitRepository
    findings: SqlFindingsRepository
    users: SqlUserRepository
    subjects: SqlSubjectRepository

    def __init__(self, engine: Engine, zone: ZoneInfo = UTC_ZONE) -> None:
        self._engine = engine
        self._zone = zone
        self._session: Session | None = None

    def __enter__(self) -> Self:
        self._session = Session(self._engine, expire_on_commit=False)
        self.providers = SqlProviderRepository(self._session)
        self.cases = SqlCaseRepository(self._session, self._zone)
        self.workflow_versions = SqlWorkflowVersionStore(self._session)
        self.letters = SqlLetterRepository(self._session)
        self.watch = SqlWatchRepository(self._session)
        self.besluiten = SqlBesluitRepository(self._session)
        self.findings = SqlFindingsRepository(self._session)
        self.users = SqlUserRepository(self._session)
        self.subjects = SqlSubjectRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self._require()
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
        if isinstance(exc, StaleDataError):
            raise ConcurrentChangeError(_(CONCURRENT_CHANGE)) from exc
        if isinstance(exc, OperationalError) and "locked" in str(exc.orig):
            raise ConcurrentChangeError(_(_BUSY)) from exc
        if isinstance(exc, DatabaseError) and not isinstance(exc, IntegrityError):
            raise not_written(exc, self._engine) from None

    def commit(self) -> None:
        session = self._require()
        try:
            session.commit()
        except StaleDataError:
            raise ConcurrentChangeError(_(CONCURRENT_CHANGE)) from None
        except IntegrityError as err:
            raise StorageError(
                _("The database refused the change: {problem}").format(problem=err.orig)
            ) from None
        except OperationalError as err:
            if "locked" in str(err.orig):
                raise ConcurrentChangeError(_(_BUSY)) from None
            raise not_written(err, self._engine) from None
        except DatabaseError as err:
            raise not_written(err, self._engine) from None

    def rollback(self) -> None:
        self._require().rollback()

    def _require(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session


_BUSY = N_(
    "The database is busy with another user's change; nothing of your change was saved. "
    "Try again in a moment."
)


def not_written(err: DatabaseError, engine: Engine) -> StorageError:
    """Why the database did not take the change (read-only, full, ...), in one sentence."""
    problem = " ".join(str(err.orig).split()).rstrip(".")
    where = describe(engine)
    if "readonly" in problem or "read-only" in problem:
        message = _(
            "The database {database} is read-only (the file or its folder cannot be written); "
            "nothing of your change was saved."
        )
    elif "full" in problem:
        message = _(
            "The disk of the database {database} is full; nothing of your change was saved. "
            "Make room and try again."
        )
    elif "I/O" in problem:
        message = _(
            "The database {database} could not be written (a disk I/O error: the disk may be "
            "full or failing); nothing of your change was saved."
        )
    else:
        message = _(
            "The database {database} did not save the change ({problem}); nothing was saved."
        )
    return StorageError(message.format(database=where, problem=problem))
