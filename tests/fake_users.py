"""The in-memory users of a team database (the UserRepository port), for tests/fakes.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from escalation.domain.errors import InvalidInputError
from escalation.domain.users import User

if TYPE_CHECKING:
    from tests.fakes import Transaction


class FakeUserRepository:
    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def _all(self) -> dict[str, User]:
        return {**self._tx.db.users, **self._tx.own.users}

    def any(self) -> bool:
        return bool(self._all())

    def add(self, user: User, *, now: datetime) -> None:
        taken = self._find(user.name) or self._find(user.os_login)
        if taken is not None:
            raise InvalidInputError(f"There is already a user '{taken.name}'.")
        self._tx.own.users[user.name] = replace(user, login=user.os_login, created_at=now)

    def find(self, who: str) -> User | None:
        users = self._all().values()
        by_login = next((u for u in users if u.login == who), None)
        return by_login or next((u for u in users if u.name == who), None)

    def list(self) -> list[User]:
        return sorted(self._all().values(), key=lambda u: u.name)

    def deactivate(self, who: str) -> User | None:
        user = self._find(who)
        if user is None:
            return None
        self._tx.own.users[user.name] = replace(user, active=False)
        return self._tx.own.users[user.name]

    def _find(self, who: str) -> User | None:
        return next((u for u in self._all().values() if who in (u.name, u.login)), None)
