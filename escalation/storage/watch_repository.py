"""SQL repository for the deadline watch: due deadlines, claimed reminders, the outbox."""

from __future__ import annotations

from sqlmodel import Session


class SqlWatchRepository:
    def __init__(self, session: Session) -> None:
        self._session = session
