"""Paged and streamed lists: `case list` a page at a time, or every case as it is read.

The port (`CaseLists`) reads columns, not aggregates; a page is keyset-paged on the case id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from escalation.domain.besluiten import BesluitSummary
from escalation.domain.model import CaseSummary
from escalation.domain.reminders import AgendaItem, ReminderView
from escalation.services import deadlines, providers, queries
from escalation.services.base import UseCases
from escalation.services.deadlines import AgendaFilter
from escalation.services.ports import Adapters

DEFAULT_LIMIT = 50  # cases on a page when --limit is not given


class CaseLists(Protocol):
    def cases(
        self,
        *,
        state: str | None = None,
        provider_kvk: str | None = None,
        signal: int | None = None,
        after: int | None = None,
        limit: int | None = None,
    ) -> Iterator[CaseSummary]: ...

    def count(
        self,
        *,
        state: str | None = None,
        provider_kvk: str | None = None,
        signal: int | None = None,
        after: int | None = None,
    ) -> int: ...

    def besluiten(
        self,
        *,
        case_id: int | None = None,
        status: str | None = None,
        after: int | None = None,
        limit: int | None = None,
    ) -> Iterator[BesluitSummary]: ...

    def count_besluiten(
        self, *, case_id: int | None = None, status: str | None = None, after: int | None = None
    ) -> int: ...

    def reminders(
        self,
        *,
        case_id: int | None = None,
        status: str | None = None,
        after: tuple[date, int] | None = None,
        limit: int | None = None,
    ) -> Iterator[ReminderView]: ...

    def count_reminders(
        self,
        *,
        case_id: int | None = None,
        status: str | None = None,
        after: tuple[date, int] | None = None,
    ) -> int: ...


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """Which cases a list shows, checked (`state` exists, `provider_kvk` resolved, `signal`
    exists)."""

    state: str | None = None
    provider_kvk: str | None = None
    signal: int | None = None


class ListAdapters(Adapters, Protocol):
    def case_lists(self) -> CaseLists: ...


class Lists(UseCases):
    def __init__(self, adapters: ListAdapters) -> None:
        super().__init__(adapters)
        self._lists = adapters

    def case_filter(
        self, *, state: str | None, provider: str | None, signal: int | None = None
    ) -> CaseFilter:
        """The filter of `case list --state S --provider P --signaal N`.

        Raises:
            InvalidInputError: `state` is no state; UnknownProviderError: no such provider;
            UnknownSignalError: no such signal.
        """
        if state is not None or signal is not None:  # else no unit of work to build
            with self._a.uow() as uow:
                if state is not None:
                    queries.check_state(state, uow, self._a.catalog)
                if signal is not None:
                    uow.subjects.signal(signal)
        kvk = None if provider is None else providers.provider_kvk(uow=self._a.uow(), ref=provider)
        return CaseFilter(state, kvk, signal)

    def cases(
        self, where: CaseFilter, *, after: int | None, limit: int | None
    ) -> Iterator[CaseSummary]:
        """The cases after case `after` in id order, `limit` of them (None: all), streamed."""
        return self._lists.case_lists().cases(
            state=where.state, provider_kvk=where.provider_kvk, signal=where.signal, after=after,
            limit=limit,
        )  # fmt: skip

    def remaining(self, where: CaseFilter, *, after: int | None) -> int:
        """How many cases follow case `after` (the last one shown)."""
        return self._lists.case_lists().count(
            state=where.state, provider_kvk=where.provider_kvk, signal=where.signal, after=after
        )

    def besluiten(
        self, *, case_id: int | None, status: str | None, after: int | None, limit: int | None
    ) -> Iterator[BesluitSummary]:
        """`besluit list`: a page of besluiten in id order after `after`, streamed.

        Raises:
            UnknownCaseError: `case_id` names no case (an error, not an empty list).
        """
        if case_id is not None:
            with self._a.uow() as uow:
                uow.cases.get(case_id)
        return self._lists.case_lists().besluiten(
            case_id=case_id, status=status, after=after, limit=limit
        )

    def besluiten_after(self, *, case_id: int | None, status: str | None, after: int | None) -> int:
        """How many besluiten follow besluit `after` (the last one shown)."""
        return self._lists.case_lists().count_besluiten(case_id=case_id, status=status, after=after)

    def reminders(
        self,
        *,
        case_id: int | None,
        status: str | None,
        after: tuple[date, int] | None,
        limit: int | None,
    ) -> Iterator[ReminderView]:
        """`reminders`: the outbox in (planned_on, id) order after `after`, streamed."""
        return self._lists.case_lists().reminders(
            case_id=case_id, status=status, after=after, limit=limit
        )

    def reminders_after(
        self, *, case_id: int | None, status: str | None, after: tuple[date, int] | None
    ) -> int:
        """How many reminders follow the one keyed `after` (the last one shown)."""
        return self._lists.case_lists().count_reminders(case_id=case_id, status=status, after=after)

    def agenda_filter(
        self,
        *,
        until: date | None,
        overdue_only: bool,
        handler: str | None,
        case_id: int | None,
        today: date | None,
    ) -> AgendaFilter:
        """The filter of `deadlines`, checked.

        Raises:
            UnknownCaseError: `case_id` names no case (an error, not an empty agenda).
        """
        if case_id is not None:
            with self._a.uow() as uow:
                uow.cases.get(case_id)
        return AgendaFilter(self._on(today), until, overdue_only, handler, case_id)

    def agenda(
        self, where: AgendaFilter, *, after: tuple[date, int] | None
    ) -> Iterator[AgendaItem]:
        """`deadlines`: the agenda after the deadline keyed `after` ((due, id)), streamed."""
        return deadlines.agenda_items(
            uow=self._a.uow(), where=where, after=after, catalog=self._a.catalog
        )

    def agenda_after(self, where: AgendaFilter, *, after: tuple[date, int] | None) -> int:
        """How many agenda items follow the one keyed `after` (the last one shown)."""
        return deadlines.agenda_count(
            uow_factory=self._a.uow, where=where, after=after, catalog=self._a.catalog
        )
