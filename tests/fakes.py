"""In-memory fakes of the ports, for unit tests of the use cases (no database)."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import datetime
from types import TracebackType
from typing import Self

from escalation.domain.errors import (
    DuplicateProviderError,
    UnknownCaseError,
    UnknownProviderError,
)
from escalation.domain.events import Event
from escalation.domain.letters import LetterRecord, UnknownLetterError
from escalation.domain.model import Case, CaseSummary, Provider


class FakeProviderRepository:
    def __init__(self) -> None:
        self.rows: dict[str, Provider] = {}

    def add(self, provider: Provider, *, now: datetime) -> None:
        if provider.kvk in self.rows:
            raise DuplicateProviderError(f"KvK {provider.kvk} is already registered.")
        self.rows[provider.kvk] = provider

    def get(self, kvk: str) -> Provider:
        if kvk not in self.rows:
            raise UnknownProviderError(f"No provider with KvK {kvk}.")
        return self.rows[kvk]

    def search(self, text: str) -> list[Provider]:
        low = text.lower()
        return sorted(
            (
                p
                for p in self.rows.values()
                if p.kvk == text or (p.alias or "").lower() == low or p.name.lower().startswith(low)
            ),
            key=lambda p: p.name,
        )

    def list(self) -> list[Provider]:
        return sorted(self.rows.values(), key=lambda p: p.name)


class FakeCaseRepository:
    def __init__(self) -> None:
        self.rows: dict[int, Case] = {}
        self.events: dict[int, list[Event]] = {}

    def add(self, case: Case, *, now: datetime) -> int:
        case.id = len(self.rows) + 1
        self.save(case, now=now)
        return case.id

    def get(self, case_id: int) -> Case:
        if case_id not in self.rows:
            raise UnknownCaseError(f"No case {case_id}.")
        return copy.deepcopy(self.rows[case_id])

    def save(self, case: Case, *, now: datetime) -> None:
        case_id = case.id or 0
        for i, d in enumerate(list(case.deadlines)):
            if d.id is None:
                case.deadline_stored(d, 1000 * case_id + i)
        self.events.setdefault(case_id, []).extend(case.pull_events())
        case.version += 1
        self.rows[case_id] = copy.deepcopy(case)

    def summaries(
        self, *, state: str | None = None, provider_kvk: str | None = None
    ) -> list[CaseSummary]:
        return [
            CaseSummary(
                id=c.id or 0,
                provider=c.provider,
                state=c.state,
                workflow_name=c.workflow_name,
                workflow_version=c.workflow_version,
                title=c.title,
                handler=c.handler,
                opened_on=c.opened_on,
                next_due=min((d.due for d in c.open_deadlines()), default=None),
            )
            for c in self.rows.values()
            if (state is None or c.state == state)
            and (provider_kvk is None or c.provider.kvk == provider_kvk)
        ]

    def states(self) -> set[str]:
        return {c.state for c in self.rows.values()}

    def history(self, case_id: int) -> list[Event]:
        return list(self.events.get(case_id, []))


class FakeWorkflowVersionStore:
    def __init__(self) -> None:
        self.sources: dict[tuple[str, int], str] = {}

    def remember(self, name: str, version: int, source: str, *, now: datetime) -> None:
        self.sources.setdefault((name, version), source)

    def source(self, name: str, version: int) -> str | None:
        return self.sources.get((name, version))


class FakeLetterRepository:
    def __init__(self) -> None:
        self.rows: list[LetterRecord] = []

    def add(self, record: LetterRecord) -> int:
        self.rows.append(replace(record, id=len(self.rows) + 1))
        return len(self.rows)

    def get(self, letter_id: int) -> LetterRecord:
        if not 1 <= letter_id <= len(self.rows):
            raise UnknownLetterError(f"There is no letter {letter_id}.")
        return self.rows[letter_id - 1]

    def for_case(self, case_id: int) -> list[LetterRecord]:
        return [r for r in self.rows if r.case_id == case_id]


class FakeWatchRepository:
    def __init__(self) -> None:
        self.rows: list[object] = []


class FakeUnitOfWork:
    """Commits copy the working state into the committed state; exit without commit drops it."""

    def __init__(self) -> None:
        self.committed = (
            FakeProviderRepository(),
            FakeCaseRepository(),
            FakeWorkflowVersionStore(),
        )
        self.letters = FakeLetterRepository()
        self.watch = FakeWatchRepository()
        self.commits = 0

    def __enter__(self) -> Self:
        self.providers, self.cases, self.workflow_versions = copy.deepcopy(self.committed)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def commit(self) -> None:
        self.committed = copy.deepcopy((self.providers, self.cases, self.workflow_versions))
        self.commits += 1

    def rollback(self) -> None:
        return None
