"""SQL repository of issued letters (append-only rows)."""

from __future__ import annotations

from sqlmodel import Session


class SqlLetterRepository:
    def __init__(self, session: Session) -> None:
        self._session = session
