"""`app.besluiten.vaststellen`: the four-eyes use case, with its adapters injected."""

from __future__ import annotations

from datetime import date

from escalation.services import four_eyes
from escalation.services.base import UseCases


class Establishing(UseCases):
    def vaststellen(
        self,
        ref: str,
        *,
        on: date | None = None,
        verzonden: date | None = None,
        by: str | None = None,
        reason: str | None = None,
    ) -> four_eyes.Established:
        """Establish a concept besluit as the second person: its letter goes out and its
        deadlines start from `verzonden` (default: the day it is established)."""
        e = four_eyes.Establishing(
            uow=self._a.uow(),
            catalog=self._a.catalog,
            calendar=self._a.calendar,
            renderer=self._a.renderer,
            today=self._on(None),
        )
        actor = self._actor(by)  # in a team database: a known, active user with a role
        stamp = self._stamp(on, actor, reason)
        return four_eyes.establish_besluit(
            e, ref, stamp=stamp, verzonden=verzonden, role=actor.role
        )
