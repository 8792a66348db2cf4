"""Use cases of the people of a team database: add, list, deactivate (issue 13)."""

from __future__ import annotations

import re

from escalation.domain.errors import InvalidInputError
from escalation.domain.limits import SHORT_NAME_LENGTH
from escalation.domain.text import one_line
from escalation.domain.users import (
    DEFAULT_ORGANISATION,
    ON_BEHALF_ROLES,
    NotPermittedError,
    Role,
    User,
    in_order,
    or_list,
    resolve_actor,
)
from escalation.i18n import N_, _
from escalation.services.base import UseCases
from escalation.services.ports import UnitOfWork

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOGIN = re.compile(r"^\S{1,100}$")
ORGANISATION = re.compile(r"^[A-Za-z0-9_-]{1,40}$")

# Who may add and deactivate users once the database has one: the roles that lead the team.
MANAGERS = ON_BEHALF_ROLES
USER_NAME = N_("the user's name")


class Users(UseCases):
    def team(self) -> bool:
        """Whether the database is a team database (it has users)."""
        with self._a.uow() as uow:
            return uow.users.any()

    def add(
        self,
        name: str,
        *,
        email: str,
        role: Role,
        organisation: str | None = None,
        login: str | None = None,
    ) -> User:
        """Add a user; the first makes the database a team database and must lead it."""
        user = _checked(name, email, role, organisation, login)
        with self._a.uow() as uow:
            if uow.users.any():
                self._manager(uow)
            elif role not in MANAGERS:
                raise InvalidInputError(
                    _(
                        "The first user of a team database is a {roles}, who can add the others; "
                        "add one first."
                    ).format(roles=or_list(in_order(MANAGERS)))
                )
            uow.users.add(user, now=self._now())
            uow.commit()
        return user

    def list(self) -> list[User]:
        with self._a.uow() as uow:
            return uow.users.list()

    def deactivate(self, who: str) -> User:
        """Deactivate a user (name or login): they can no longer make changes."""
        with self._a.uow() as uow:
            self._manager(uow)
            user = uow.users.deactivate(who)
            if user is None:
                raise InvalidInputError(
                    _("There is no user '{who}'; see escalation user list.").format(who=who)
                )
            uow.commit()
        return user

    def _manager(self, uow: UnitOfWork) -> None:
        me = resolve_actor(self._a.current_user(), None, find=uow.users.find)
        if me.role not in MANAGERS:
            raise NotPermittedError(
                _("Only a {roles} adds or deactivates users; you are {role}.").format(
                    roles=or_list(in_order(MANAGERS)), role=me.role
                )
            )


def _checked(
    name: str, email: str, role: Role, organisation: str | None, login: str | None
) -> User:
    clean = one_line(name, field=USER_NAME, limit=SHORT_NAME_LENGTH)
    if not EMAIL.match(email.strip()):
        raise InvalidInputError(
            _("'{email}' is not an e-mail address (name@example.nl).").format(email=email)
        )
    org = (organisation or DEFAULT_ORGANISATION).strip()
    if not ORGANISATION.match(org):
        raise InvalidInputError(
            _("'{code}' is not an organisation code (letters, digits, - or _; e.g. IGJ).").format(
                code=org
            )
        )
    os_login = (login or clean).strip()
    if not LOGIN.match(os_login):
        raise InvalidInputError(
            _(
                "'{login}' is not an operating-system login (no spaces); give it with --login."
            ).format(login=os_login)
        )
    return User(name=clean, email=email.strip(), role=role, organisation=org, login=os_login)
