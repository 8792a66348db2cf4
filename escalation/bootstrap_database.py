"""The composition root's database administration: `init` and `db upgrade | current | history`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from escalation.bootstrap import Adapters, App
    from escalation.domain.chain import Break
    from escalation.storage.audit import Anchor, VerifyResult
    from escalation.storage.migrate import RevisionInfo, UpgradeResult
    from escalation.storage.schema import InitResult

_T = TypeVar("_T")
SCHEDULER = "escalation"  # who the scheduler's own records are by


class Database:
    """Creating, checking and upgrading the database itself (`init`, `db ...`).

    Each call opens the database without the revision check that every other command makes.
    """

    def __init__(self, adapters: Adapters) -> None:
        self._adapters = adapters

    def where(self) -> str:
        """The database's URL, without a password."""
        return make_url(self._adapters.settings.database_url).render_as_string(hide_password=True)

    def init(self) -> InitResult:
        """Create a new database at the newest revision, or confirm one that is already there."""
        from escalation.storage.schema import init_database

        return self._with_engine(init_database)

    def upgrade(self) -> UpgradeResult:
        """Bring a database made by an earlier release to the newest revision."""
        from escalation.storage.migrate import upgrade

        return self._with_engine(upgrade)

    def current(self) -> tuple[str, str]:
        """The database's revision and the newest this escalation knows."""
        from escalation.storage.schema import HEAD, current

        return self._with_engine(current), HEAD

    def history(self) -> list[RevisionInfo]:
        from escalation.storage.migrate import history

        return history()

    def verify_history(self, case_id: int | None = None) -> VerifyResult:
        """Recompute the history's hash chains (`audit verify`)."""
        from escalation.storage.audit import verify

        return verify(self._adapters.engine, case_id)

    def anchor_history(self) -> Anchor:
        """Store and return the chains' heads with one digest over them (`audit anchor`)."""
        from escalation.storage.audit import anchor

        now, by = self._adapters.clock.now(), self._adapters.current_user()
        return anchor(self._adapters.engine, now=now, by=by)

    def anchor_if_changed(
        self, *, interval: timedelta | None = None, by: str | None = None
    ) -> Anchor | None:
        """Store an anchor if a chain's head changed since the last one (`tick --anchor`);
        with `interval` only when the last anchor is at least that old (the scheduler)."""
        from escalation.storage.audit import anchor_if_changed

        now, who = self._adapters.clock.now(), by or self._adapters.current_user()
        return anchor_if_changed(self._adapters.engine, now=now, by=who, interval=interval)

    def periodic_anchor(self) -> Callable[[], str | None] | None:
        """The scheduler's anchor of the history: stored when the last one is at least
        settings.anchor_interval_hours old and a chain grew since; None when that is 0."""
        hours = self._adapters.settings.anchor_interval_hours
        if not hours:
            return None
        every = timedelta(hours=hours)

        def anchor() -> str | None:
            made = self.anchor_if_changed(interval=every, by=SCHEDULER)
            return None if made is None else f"anchor {made.id}, digest {made.digest}"

        return anchor

    def anchors(self) -> list[Anchor]:
        from escalation.storage.audit import anchors

        return anchors(self._adapters.engine)

    def find_anchor(self, digest: str) -> Anchor | None:
        from escalation.storage.audit import find_anchor

        return find_anchor(self._adapters.engine, digest)

    def check_heads(self, heads: dict[int, tuple[int, str]]) -> Break | None:
        """The first case whose history no longer holds what an anchor recorded."""
        from escalation.storage.audit import check_heads

        return check_heads(self._adapters.engine, heads)

    def dossier(self, case_id: int) -> dict[str, Any]:
        """One case's history, letters and besluiten with their hashes (`audit export`)."""
        from escalation.storage.audit import dossier

        return dossier(self._adapters.engine, case_id)

    def dossier_pdf(self, dossier: dict[str, Any]) -> bytes:
        """The dossier (with each event's description as `what`) as an A4 PDF."""
        from escalation.letters.dossier import dossier_pdf

        return dossier_pdf(dossier, lang=self._adapters.settings.lang)

    def _with_engine(self, use: Callable[[Engine], _T]) -> _T:
        engine = self._adapters.unchecked_engine()
        try:
            return use(engine)
        finally:
            engine.dispose()


def run_scheduler(
    app: App, *, interval_seconds: float | None, wait: bool, say: Callable[[str], None]
) -> None:
    """The deadline watch as a long-running process (see escalation.scheduler), holding the
    database's scheduler lock (escalation.storage.scheduler_lock) for its life."""
    from zoneinfo import ZoneInfo

    from escalation import scheduler
    from escalation.storage.scheduler_lock import scheduler_lock

    zone = ZoneInfo(app.settings.timezone)
    with app.adapters.uow() as uow:
        database_id = uow.watch.database_id()
        uow.commit()
    engine = app.adapters.engine
    with scheduler_lock(engine, database_id, wait=wait, zone=zone, say=say):
        scheduler.run(
            app.watch,
            schedule=app.settings.schedule,
            zone=zone,
            interval_seconds=interval_seconds,
            anchoring=app.database.periodic_anchor(),
        )
