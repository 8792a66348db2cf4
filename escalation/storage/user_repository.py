"""The users of a team database, in the database (escalation.storage.user_tables)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from escalation.domain.errors import InvalidInputError
from escalation.domain.users import Role, User
from escalation.i18n import _
from escalation.storage.user_tables import UserRow


class SqlUserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def any(self) -> bool:
        """Whether the database has users at all: a team database."""
        return self._session.exec(select(func.count()).select_from(UserRow)).one() > 0

    def add(self, user: User, *, now: datetime) -> None:
        taken = self._row(user.name) or self._row(user.os_login)
        if taken is not None:
            raise InvalidInputError(
                _(
                    "There is already a user '{name}' (login {login}); choose another "
                    "name or --login."
                ).format(name=taken.name, login=taken.login)
            )
        self._session.add(
            UserRow(
                name=user.name, email=user.email, role=user.role.value,
                organisation=user.organisation, login=user.os_login, active=user.active,
                created_at=now,
            )
        )  # fmt: skip
        self._session.flush()

    def find(self, who: str) -> User | None:
        """The user whose login is `who`, else whose name is `who`."""
        row = self._session.exec(select(UserRow).where(UserRow.login == who)).first()
        return _user(row or self._session.exec(select(UserRow).where(UserRow.name == who)).first())

    def list(self) -> list[User]:
        rows = self._session.exec(select(UserRow).order_by(col(UserRow.name)))
        return [u for u in map(_user, rows) if u is not None]

    def deactivate(self, who: str) -> User | None:
        """Deactivate the user with this name or login; None: no such user."""
        row = self._row(who)
        if row is None:
            return None
        row.active = False
        self._session.add(row)
        self._session.flush()
        return _user(row)

    def _row(self, who: str) -> UserRow | None:
        query = select(UserRow).where(or_(col(UserRow.login) == who, col(UserRow.name) == who))
        return self._session.exec(query.order_by(col(UserRow.id))).first()


def _user(row: UserRow | None) -> User | None:
    if row is None:
        return None
    return User(
        name=row.name, email=row.email, role=Role(row.role), organisation=row.organisation,
        login=row.login, active=row.active, created_at=row.created_at,
    )  # fmt: skip
