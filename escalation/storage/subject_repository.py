"""SQL repository of a provider's locations, the signals and what links a case to them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlmodel import Session, col, select

from escalation.domain.events import ActionTaken
from escalation.domain.subjects import (
    Location,
    Signal,
    SignalCase,
    UnknownLocationError,
    UnknownSignalError,
)
from escalation.i18n import _
from escalation.storage.subject_tables import CaseScopeRow, LocationRow, SignalRow
from escalation.storage.tables import CaseEventRow, CaseRow, ProviderRow


def _location(row: LocationRow, provider: str) -> Location:
    return Location(
        id=row.id or 0, provider=provider, address=row.address, name=row.name, lrk=row.lrk,
        agb=row.agb,
    )  # fmt: skip


class SqlSubjectRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _provider_id(self, identifier: str) -> int:
        row = self._session.exec(select(ProviderRow).where(ProviderRow.kvk == identifier)).one()
        return row.id or 0

    def add_location(
        self, provider: str, *, address: str, name: str | None, lrk: str | None,
        agb: str | None, now: datetime,
    ) -> Location:  # fmt: skip
        row = LocationRow(
            provider_id=self._provider_id(provider), name=name, address=address, lrk=lrk,
            agb=agb, created_at=now,
        )  # fmt: skip
        self._session.add(row)
        self._session.flush()
        return _location(row, provider)

    def locations(self, provider: str) -> list[Location]:
        rows = self._session.exec(
            select(LocationRow)
            .where(LocationRow.provider_id == self._provider_id(provider))
            .order_by(col(LocationRow.id))
        )
        return [_location(r, provider) for r in rows]

    def location(self, location_id: int) -> Location:
        """The location with this id, whichever provider it belongs to."""
        found = self._session.exec(
            select(LocationRow, ProviderRow.kvk)
            .join(ProviderRow, col(LocationRow.provider_id) == col(ProviderRow.id))
            .where(LocationRow.id == location_id)
        ).first()
        if found is None:
            raise UnknownLocationError(
                _(
                    "No location {location}. `escalation provider location list KVK` shows a "
                    "provider's locations."
                ).format(location=location_id)
            )
        return _location(found[0], found[1])

    def add_signal(self, *, title: str, workflow: str, on: date, by: str, now: datetime) -> int:
        row = SignalRow(title=title, workflow_name=workflow, opened_on=on, by=by, created_at=now)
        self._session.add(row)
        self._session.flush()
        return row.id or 0

    def link(self, case_id: int, *, location: int | None, signal: int | None) -> None:
        """Record the location a case names and the signal it is part of (when it opens)."""
        if location is None and signal is None:
            return
        self._session.add(CaseScopeRow(case_id=case_id, location_id=location, signal_id=signal))

    def scope(self, case_id: int) -> tuple[Location | None, int | None]:
        """The location a case names and the signal it belongs to (None when it has none)."""
        row = self._session.exec(
            select(CaseScopeRow).where(CaseScopeRow.case_id == case_id)
        ).first()
        if row is None:
            return None, None
        location = None if row.location_id is None else self.location(row.location_id)
        return location, row.signal_id

    def signal(self, signal_id: int) -> Signal:
        row = self._session.get(SignalRow, signal_id)
        if row is None:
            raise UnknownSignalError(
                _("No signal {signal}. `escalation signaal list` shows the signals.").format(
                    signal=signal_id
                )
            )
        return _signal(row, tuple(self._signal_cases(signal_id)))

    def signals(self) -> list[tuple[Signal, int]]:
        """Every signal (without its cases) and how many cases it opened."""
        rows = list(self._session.exec(select(SignalRow).order_by(col(SignalRow.id))))
        counts: dict[int, int] = {}
        for signal_id in self._session.exec(
            select(CaseScopeRow.signal_id).where(col(CaseScopeRow.signal_id).is_not(None))
        ):
            counts[signal_id or 0] = counts.get(signal_id or 0, 0) + 1
        return [(_signal(r, ()), counts.get(r.id or 0, 0)) for r in rows]

    def _signal_cases(self, signal_id: int) -> Iterable[SignalCase]:
        rows = self._session.exec(
            select(CaseRow, ProviderRow, CaseScopeRow)
            .join(CaseScopeRow, col(CaseScopeRow.case_id) == col(CaseRow.id))
            .join(ProviderRow, col(CaseRow.provider_id) == col(ProviderRow.id))
            .where(CaseScopeRow.signal_id == signal_id)
            .order_by(col(CaseRow.id))
        )
        for case, provider, scope in rows:
            last = self._last_action(case.id or 0)
            yield SignalCase(
                case_id=case.id or 0, provider=provider.kvk, provider_name=provider.name,
                state=case.state,
                location=None if scope.location_id is None else self.location(scope.location_id),
                last_action=str(last.payload.get("action")) if last else None,
                last_on=last.on if last else None,
            )  # fmt: skip

    def _last_action(self, case_id: int) -> CaseEventRow | None:
        """The case's latest action (its ActionTaken entry), None while it has none."""
        return self._session.exec(
            select(CaseEventRow)
            .where(CaseEventRow.case_id == case_id, CaseEventRow.type == ActionTaken.TYPE)
            .order_by(col(CaseEventRow.id).desc())
        ).first()


def _signal(row: SignalRow, cases: tuple[SignalCase, ...]) -> Signal:
    return Signal(
        id=row.id or 0, title=row.title, workflow=row.workflow_name, opened_on=row.opened_on,
        by=row.by, cases=cases,
    )  # fmt: skip
