"""The port of the users of a team database (storage.user_repository implements it)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from escalation.domain.users import User


class UserRepository(Protocol):
    def any(self) -> bool:
        """Whether the database has users at all: a team database."""
        ...

    def add(self, user: User, *, now: datetime) -> None: ...
    def find(self, who: str) -> User | None:
        """The user whose login is `who`, else whose name is `who`."""
        ...

    def list(self) -> list[User]: ...
    def deactivate(self, who: str) -> User | None:
        """Deactivate the user with this name or login; None: no such user."""
        ...
