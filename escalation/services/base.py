"""The base of every noun's use cases: adapters injected once, `on`/`by` resolved here."""

from __future__ import annotations

from datetime import date, datetime

from escalation.domain.events import Stamp
from escalation.domain.limits import SHORT_NAME_LENGTH, TEXT_LENGTH, check_day
from escalation.domain.text import ACTOR, REASON, multi_line, one_line
from escalation.domain.users import Actor, resolve_actor
from escalation.services.ports import Adapters


class UseCases:
    """A noun's use cases with their adapters injected: callers pass only what the user typed.

    `on=None` means today in the configured zone and `by=None` the current user; both are
    resolved here from the injected clock and identity, so no caller reads the clock.
    """

    def __init__(self, adapters: Adapters) -> None:
        self._a = adapters

    def _on(self, on: date | None) -> date:
        return check_day(on) if on is not None else self._a.clock.today()

    def _actor(self, by: str | None) -> Actor:
        """Who acts. Without users: `by`, else the current user, as free text. In a team
        database (it has users): the current user, who must be a known, active user; `by`
        naming someone else only for a role that records on behalf (domain.users)."""
        given = None if by is None else one_line(by, field=ACTOR, limit=SHORT_NAME_LENGTH)
        with self._a.uow() as uow:
            if uow.users.any():
                return resolve_actor(self._a.current_user(), given, find=uow.users.find)
        who = given if given is not None else self._a.current_user()
        return Actor(by=one_line(who, field=ACTOR, limit=SHORT_NAME_LENGTH))

    def _by(self, by: str | None) -> str:
        """Who acts: `by`, else the current user; one line of at most 100 characters."""
        return self._actor(by).by

    def _now(self) -> datetime:
        return self._a.clock.now()

    def _stamp(self, on: date | None, by: str | None | Actor, reason: str | None = None) -> Stamp:
        """The stamp of a change; `by` may be an actor already resolved (`_actor`)."""
        actor = by if isinstance(by, Actor) else self._actor(by)
        why = None if reason is None else multi_line(reason, field=REASON, limit=TEXT_LENGTH)
        return Stamp(
            on=self._on(on), at=self._now(), by=actor.by, reason=why or None,
            recorded_by=actor.recorded_by,
        )  # fmt: skip
