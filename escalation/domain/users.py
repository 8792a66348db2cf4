"""The people of a team database: users with a role and an organisation, and who acts.

A database without users is a single jurist's database: `--by` is free text and no role is
checked, as before issue 13. Its first user makes it a team database: from then on every change
is made by a known, active user, identified by the operating-system login (or ESCALATION_USER),
and an action asks the role its workflow names (`roles:` in workflow version 4).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from escalation.domain.errors import EscalationError
from escalation.i18n import _


class Role(StrEnum):
    JURIST = "jurist"
    INSPECTEUR = "inspecteur"
    TEAMLEIDER = "teamleider"
    HOOFDINSPECTEUR = "hoofdinspecteur"


# The roles that may record a change on behalf of someone else (`--by OTHER`); both names are
# kept in the history (docs/decisions.md, "People, roles, mandates").
ON_BEHALF_ROLES = frozenset({Role.TEAMLEIDER, Role.HOOFDINSPECTEUR})

DEFAULT_ORGANISATION = "IGJ"


class UnknownUserError(EscalationError):
    """The person acting is not a user of this team database, or no longer active."""


class NotPermittedError(EscalationError):
    """The user's role does not allow this change."""


@dataclass(frozen=True, slots=True)
class User:
    name: str
    email: str
    role: Role
    organisation: str = DEFAULT_ORGANISATION
    login: str = ""  # the operating-system login; "" means the name
    active: bool = True
    created_at: datetime | None = None

    @property
    def os_login(self) -> str:
        return self.login or self.name


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: `by` (in whose name) and, on behalf, who recorded it.

    `user` is None in a database without users (then `by` is the free text of old).
    """

    by: str
    recorded_by: str | None = None
    user: User | None = None

    @property
    def role(self) -> Role | None:
        return None if self.user is None else self.user.role


def resolve_actor(identity: str, by: str | None, *, find: Callable[[str], User | None]) -> Actor:
    """The actor in a team database: `identity` (the login) must be an active user; `by`
    naming someone else needs a role that records on behalf, and an active user as that other.

    Raises:
        UnknownUserError: the login or `by` is no (active) user.
        NotPermittedError: `by` names someone else and the user's role may not record for them.
    """
    me = _active(find(identity), identity, login=True)
    if by is None or by in (me.name, me.os_login):
        return Actor(by=me.name, user=me)
    if me.role not in ON_BEHALF_ROLES:
        raise NotPermittedError(
            _(
                "Only a {roles} may record a change on behalf of someone else; you are {role}. "
                "Leave out --by, or ask {other} to make the change."
            ).format(roles=or_list(in_order(ON_BEHALF_ROLES)), role=me.role, other=by)
        )
    other = _active(find(by), by, login=False)
    return Actor(by=other.name, recorded_by=me.name, user=other)


def _active(user: User | None, who: str, *, login: bool) -> User:
    if user is None:
        message = (
            _(
                "You are logged in as '{who}', who is not a user of this team database; nothing "
                "was written. Ask a teamleider to add you: escalation user add NAME --email ... "
                "--role ... --login {who}."
            )
            if login
            else _(
                "'{who}' is not a user of this team database; nothing was written. "
                "See escalation user list."
            )
        )
        raise UnknownUserError(message.format(who=who))
    if not user.active:
        raise UnknownUserError(
            _(
                "User '{name}' is deactivated and can no longer make changes; nothing was "
                "written. Ask a teamleider to add an active user."
            ).format(name=user.name)
        )
    return user


def check_role(allowed: frozenset[str] | None, role: str | None) -> None:
    """Refuse, naming the needed role(s), an action whose roles do not include `role`.

    No check when the action names no roles or the database has no users (`role` None).
    """
    if allowed is None or role is None or role in allowed:
        return
    raise NotPermittedError(
        _("This action asks the role {roles}; you are {role}.").format(
            roles=or_list(in_order(allowed)), role=role
        )
    )


def in_order(roles: Iterable[str]) -> list[str]:
    """Roles in the order of `Role` (jurist to hoofdinspecteur), unknown ones last."""
    order = list(Role)
    return sorted(roles, key=lambda r: (order.index(Role(r)) if r in order else len(order), r))


def or_list(words: Iterable[str]) -> str:
    """'a', 'a or b', 'a, b or c' in the reader's language."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return _("{first} or {last}").format(first=", ".join(items[:-1]), last=items[-1])
