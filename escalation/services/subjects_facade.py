"""`app.subjects`: subjects without a KvK number, a provider's locations, and signals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from escalation.domain.model import Provider
from escalation.domain.subjects import Location, Signal
from escalation.services import providers, signals, subjects
from escalation.services.base import UseCases
from escalation.services.signals import SignalSubject


class Subjects(UseCases):
    def register(
        self,
        name: str,
        *,
        kind: str,
        kvk: str | None = None,
        code: str | None = None,
        alias: str | None = None,
        address: str | None = None,
    ) -> Provider:
        """Register a subject by its KvK number or (a gemeente, a region) by its code."""
        self._actor(None)  # a team database: only a known, active user registers a subject
        return providers.add_provider(
            uow=self._a.uow(), name=name, kvk=kvk, code=code, kind=kind, alias=alias,
            address=address, now=self._now(),
        )  # fmt: skip

    def add_location(
        self,
        provider: str,
        *,
        address: str,
        name: str | None = None,
        lrk: str | None = None,
        agb: str | None = None,
    ) -> Location:
        self._actor(None)  # a team database: only a known, active user adds a location
        return subjects.add_location(
            uow=self._a.uow(), ref=provider, address=address, name=name, lrk=lrk, agb=agb,
            now=self._now(),
        )  # fmt: skip

    def locations(self, provider: str) -> list[Location]:
        return subjects.list_locations(uow=self._a.uow(), ref=provider)

    def open_signal(
        self,
        title: str,
        items: Sequence[SignalSubject | str],
        *,
        workflow: str = "jeugdwet",
        on: date | None = None,
        handler: str | None = None,
        by: str | None = None,
    ) -> tuple[int, list[int]]:
        """One case per subject (a SignalSubject, or a bare KvK number or code), all at once."""
        subjects = [SignalSubject(i, where=i) if isinstance(i, str) else i for i in items]
        return signals.open_signal(
            uow=self._a.uow(), catalog=self._a.catalog, title=title, subjects=subjects,
            workflow=workflow, on=self._on(on), handler=handler, by=self._by(by),
            now=self._now(),
        )  # fmt: skip

    def signal(self, signal_id: int) -> Signal:
        return signals.show_signal(uow=self._a.uow(), signal_id=signal_id)

    def signals(self) -> list[tuple[Signal, int]]:
        return signals.list_signals(uow=self._a.uow())
