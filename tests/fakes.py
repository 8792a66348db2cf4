"""In-memory fakes of the ports, for unit tests of the use cases (no database).

A `FakeDatabase` holds the committed state; each `FakeUnitOfWork` over it is one transaction
that reads the committed state through its own uncommitted writes and applies them on commit,
so the fakes behave like the SQL adapters in everything `tests/contracts` checks: ids from
sequences that a rollback does not give back, optimistic locking on cases, reminders claimed
once per (deadline, step), nothing stored without a commit.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import TracebackType
from typing import Any, Self

from escalation.domain.besluiten import Besluit, BesluitSummary, summary_of
from escalation.domain.deadline import Deadline
from escalation.domain.errors import (
    ConcurrentChangeError,
    DuplicateProviderError,
    StorageError,
    UnknownCaseError,
    UnknownProviderError,
)
from escalation.domain.events import Event
from escalation.domain.letters import LetterRecord, UnknownLetterError
from escalation.domain.model import Case, CaseSummary, Provider
from escalation.domain.users import User
from escalation.storage.letter_repository import sent_letter_error
from tests.fake_findings import FakeFindingsRepository, fake_norms
from tests.fake_subjects import FakeSubjectRepository
from tests.fake_users import FakeUserRepository
from tests.fake_watch import FakeWatchRepository, ReminderRecord

CONCURRENT_CHANGE = "Someone else changed this case while you were working on it."


@dataclass
class Tables:
    """One set of rows: the committed ones, or a transaction's own writes."""

    providers: dict[str, Provider] = field(default_factory=dict)
    changed_providers: dict[str, Provider] = field(default_factory=dict)  # updated, not added
    cases: dict[int, Case] = field(default_factory=dict)
    events: dict[int, list[Event]] = field(default_factory=dict)
    workflow_versions: dict[tuple[str, int], str] = field(default_factory=dict)
    letters: dict[int, LetterRecord] = field(default_factory=dict)
    reminders: dict[int, ReminderRecord] = field(default_factory=dict)
    findings: dict[int, list[tuple[str, Any]]] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


@dataclass
class FakeDatabase(Tables):
    """The committed state that every unit of work over it shares, like one database."""

    sequences: dict[str, int] = field(default_factory=dict)
    identity: str = field(default_factory=lambda: uuid.uuid4().hex)  # escalation_meta's

    def next_id(self, table: str) -> int:
        """The next id of `table`; like a SQL sequence, a rollback does not give it back."""
        self.sequences[table] = self.sequences.get(table, 0) + 1
        return self.sequences[table]


def stored_copy(case: Case) -> Case:
    """The case as storage keeps it: own containers, no pending events, deadlines by id.

    Besluiten are mutable entities: each copy of the case has its own.
    """
    deadlines = sorted(case.deadlines, key=lambda d: d.id or 0)
    return replace(
        case,
        deadlines=deadlines,
        reminder_ladders=dict(case.reminder_ladders),
        besluiten=copy.deepcopy(case.besluiten),
        events=[],
    )


class Transaction:
    """A unit of work's view: the committed rows, overlaid by its own uncommitted writes."""

    def __init__(self, db: FakeDatabase) -> None:
        self.db = db
        self.own = Tables()
        self.loaded: dict[int, Case] = {}  # what this transaction read, like an identity map
        self.base: dict[int, int] = {}  # the committed version of each case when it was read

    def providers(self) -> dict[str, Provider]:
        return {**self.db.providers, **self.own.providers, **self.own.changed_providers}

    def case(self, case_id: int) -> Case | None:
        if case_id in self.own.cases:
            return self.own.cases[case_id]
        if case_id not in self.loaded and case_id in self.db.cases:
            self.loaded[case_id] = self.db.cases[case_id]
            self.base[case_id] = self.db.cases[case_id].version
        return self.loaded.get(case_id)

    def cases(self) -> list[Case]:
        merged = {**self.db.cases, **self.loaded, **self.own.cases}
        return [merged[i] for i in sorted(merged)]

    def deadlines(self) -> list[tuple[Case, Deadline]]:
        return [(c, d) for c in self.cases() for d in c.deadlines]

    def events(self, case_id: int) -> list[Event]:
        return [*self.db.events.get(case_id, []), *self.own.events.get(case_id, [])]

    def workflow_versions(self) -> dict[tuple[str, int], str]:
        return {**self.db.workflow_versions, **self.own.workflow_versions}

    def letters(self) -> dict[int, LetterRecord]:
        return {**self.db.letters, **self.own.letters}

    def reminders(self) -> dict[int, ReminderRecord]:
        return {**self.db.reminders, **self.own.reminders}

    def check_case_version(self, case_id: int) -> None:
        """Refuse a write over a case that another transaction committed since it was read."""
        committed = self.db.cases.get(case_id)
        if case_id in self.base and committed and committed.version != self.base[case_id]:
            raise ConcurrentChangeError(CONCURRENT_CHANGE)

    def commit(self) -> None:
        """Check what the database's constraints would check, then apply the own writes."""
        for case_id in self.own.cases:
            self.check_case_version(case_id)
        if kvks := self.own.providers.keys() & self.db.providers.keys():
            raise StorageError(f"The database refused the change: KvK {min(kvks)} exists")
        if versions := self.own.workflow_versions.keys() & self.db.workflow_versions.keys():
            raise StorageError(f"The database refused the change: {min(versions)} exists")
        claimed = {(r.deadline_id, r.step): r.id for r in self.db.reminders.values()}
        for r in self.own.reminders.values():
            if claimed.get((r.deadline_id, r.step), r.id) != r.id:
                raise ConcurrentChangeError("Another run claimed the same reminder.")
        self._apply()

    def _apply(self) -> None:
        own, db = self.own, self.db
        db.providers.update(own.providers)
        db.providers.update(own.changed_providers)
        db.cases.update(own.cases)
        for case_id, events in own.events.items():
            db.events.setdefault(case_id, []).extend(events)
        db.workflow_versions.update(own.workflow_versions)
        db.letters.update(own.letters)
        db.reminders.update(own.reminders)
        for case_id, rows in own.findings.items():
            db.findings.setdefault(case_id, []).extend(rows)
        db.users.update(own.users)
        self.base.update({case_id: case.version for case_id, case in own.cases.items()})
        self.loaded.update(own.cases)
        self.own = Tables()

    def rollback(self) -> None:
        self.own = Tables()
        self.loaded.clear()
        self.base.clear()


class FakeProviderRepository:
    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def add(self, provider: Provider, *, now: datetime) -> None:
        existing = self._tx.providers().get(provider.kvk)
        if existing is not None:
            raise DuplicateProviderError(
                f"KvK {provider.kvk} is already registered, as '{existing.name}'."
            )
        self._tx.own.providers[provider.kvk] = provider

    def get(self, kvk: str) -> Provider:
        provider = self._tx.providers().get(kvk)
        if provider is None:
            raise UnknownProviderError(f"No provider with KvK {kvk}.")
        return provider

    def search(self, text: str) -> list[Provider]:
        lowered = text.lower()
        return [
            p
            for p in self.list()
            if p.kvk == text
            or (p.alias or "").lower() == lowered
            or p.name.lower().startswith(lowered)
        ]

    def list(self) -> list[Provider]:
        return sorted(self._tx.providers().values(), key=lambda p: p.name)

    def update(self, provider: Provider) -> None:
        self.get(provider.kvk)
        self._tx.own.changed_providers[provider.kvk] = provider


class FakeCaseRepository:
    def __init__(self, tx: Transaction) -> None:
        self._tx = tx
        self._seen: set[int] = set()  # cases read or added here: only those can be saved

    def add(self, case: Case, *, now: datetime) -> int:
        if case.provider.kvk not in self._tx.providers():
            raise UnknownProviderError(f"No provider with KvK {case.provider.kvk}.")
        case.id = self._tx.db.next_id("cases")
        case.version = 1
        self._seen.add(case.id)
        self._write(case)
        return case.id

    def get(self, case_id: int) -> Case:
        stored = self._tx.case(case_id)
        if stored is None:
            raise UnknownCaseError(f"No case {case_id}.")
        self._seen.add(case_id)
        return replace(stored_copy(stored), norms=fake_norms(self._tx, case_id))

    def get_many(self, case_ids: Sequence[int]) -> dict[int, Case]:
        return {i: self.get(i) for i in case_ids if self._tx.case(i) is not None}

    def save_many(self, cases: Sequence[Case], *, now: datetime) -> None:
        for case in cases:
            self.save(case, now=now)

    def save(self, case: Case, *, now: datetime) -> None:
        """Write the case's changes; a case another transaction committed since is refused."""
        case_id = case.id or 0
        if case_id not in self._seen:
            raise KeyError(case_id)  # as the SQL repository: save what this unit of work read
        self._tx.check_case_version(case_id)
        current = self._tx.case(case_id)
        known = {d.id for d in current.deadlines} if current else set()
        for deadline in list(case.deadlines):
            if deadline.id is not None and deadline.id not in known:
                raise UnknownCaseError(f"Deadline {deadline.id} does not belong to case {case_id}.")
        case.version = (current.version if current else 0) + 1
        self._write(case)

    def _write(self, case: Case) -> None:
        for deadline in list(case.deadlines):
            if deadline.id is None:
                case.deadline_stored(deadline, self._tx.db.next_id("deadlines"))
        for besluit in case.besluiten:  # ids as the database gives them
            besluit.id = besluit.id or self._tx.db.next_id("besluiten")
            for child in (*besluit.bezwaren, *besluit.voorzieningen):
                child.id = child.id or self._tx.db.next_id(type(child).__name__)
        case_id = case.id or 0
        self._tx.own.events.setdefault(case_id, []).extend(case.pull_events())
        self._tx.own.cases[case_id] = stored_copy(case)

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
            for c in self._tx.cases()
            if (not state or c.state == state)
            and (not provider_kvk or c.provider.kvk == provider_kvk)
        ]

    def states(self) -> set[str]:
        return {c.state for c in self._tx.cases()}

    def ids(self, *, state: str | None = None) -> list[int]:
        return sorted(c.id or 0 for c in self._tx.cases() if state in (None, c.state))

    def history(self, case_id: int) -> list[Event]:
        return self._tx.events(case_id)


class FakeBesluitRepository:
    """The besluiten of every case, read through the transaction's view of the cases."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def _all(self) -> list[tuple[Case, Besluit]]:
        return [(c, b) for c in self._tx.cases() for b in c.besluiten]

    def last_number(self, year: int) -> int:
        return max((b.number for _, b in self._all() if b.year == year), default=0)

    def case_of(self, ref: str) -> int | None:
        return next((c.id for c, b in self._all() if ref in (b.kenmerk, str(b.id))), None)

    def listing(
        self, *, case_id: int | None = None, status: str | None = None
    ) -> list[BesluitSummary]:
        return [
            summary_of(c, b)
            for c, b in sorted(self._all(), key=lambda pair: pair[1].id or 0)
            if (case_id is None or c.id == case_id) and (status is None or b.status == status)
        ]

    def bezwaren(self, bezwaar_id: int | None = None) -> list[tuple[int, int, str, int]]:
        found = [
            (z.id or 0, c.id or 0, b.kenmerk, z.number)
            for c, b in self._all()
            for z in b.bezwaren
            if bezwaar_id is None or z.id == bezwaar_id
        ]
        return sorted(found)

    def case_of_voorziening(self, voorziening_id: int) -> int | None:
        return next(
            (c.id for c, b in self._all() for v in b.voorzieningen if v.id == voorziening_id), None
        )

    def claim_concepts(self, kenmerken: list[str], *, status: str, by: str, on: date) -> bool:
        """As the conditional UPDATE: every one still a concept in what is committed."""
        committed = {b.kenmerk: b for c in self._tx.db.cases.values() for b in c.besluiten}
        return all(k in committed and committed[k].is_concept for k in kenmerken)


class FakeWorkflowVersionStore:
    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def remember(self, name: str, version: int, source: str, *, now: datetime) -> None:
        if (name, version) not in self._tx.workflow_versions():
            self._tx.own.workflow_versions[(name, version)] = source

    def source(self, name: str, version: int) -> str | None:
        return self._tx.workflow_versions().get((name, version))


class FakeLetterRepository:
    """Append, read, change a draft: as the SQL table, which refuses changing a sent letter."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def add(self, record: LetterRecord) -> int:
        letter_id = self._tx.db.next_id("letters")
        self._tx.own.letters[letter_id] = _letter_copy(record, letter_id)
        return letter_id

    def get(self, letter_id: int) -> LetterRecord:
        record = self._tx.letters().get(letter_id)
        if record is None:
            raise UnknownLetterError(f"There is no letter {letter_id}.")
        return _letter_copy(record, letter_id)

    def update(self, record: LetterRecord) -> None:
        stored = self.get(record.id or 0)
        if stored.sent:
            raise sent_letter_error(record.id)
        kept = {"case_id": stored.case_id, "template": stored.template, "action": stored.action}
        self._tx.own.letters[stored.id or 0] = _letter_copy(replace(record, **kept), record.id or 0)

    def for_case(self, case_id: int) -> list[LetterRecord]:
        letters = self._tx.letters()
        return [
            _letter_copy(letters[i], i) for i in sorted(letters) if letters[i].case_id == case_id
        ]

    def add_many(self, records: Sequence[LetterRecord]) -> list[int]:
        return [self.add(record) for record in records]

    def open_draft(self, case_id: int, template: str, action: str | None) -> LetterRecord | None:
        drafts = [
            r for r in self.for_case(case_id)
            if not r.sent and r.template == template and r.action == action
        ]  # fmt: skip
        return drafts[-1] if drafts else None

    def open_draft_ids(
        self, case_ids: Sequence[int], template: str, action: str | None
    ) -> dict[int, int]:
        found = {c: self.open_draft(c, template, action) for c in case_ids}
        return {c: r.id for c, r in found.items() if r is not None and r.id is not None}

    def contexts(
        self, case_id: int, templates: Sequence[str]
    ) -> Iterator[tuple[int, str, dict[str, Any]]]:
        for r in reversed(self.for_case(case_id)):
            if r.template in templates:
                yield r.id or 0, r.template, r.context


def _letter_copy(record: LetterRecord, letter_id: int) -> LetterRecord:
    return replace(record, id=letter_id, context=_json_copy(record.context))


def _json_copy(value: Any) -> Any:  # a JSON value
    if isinstance(value, dict):
        return {k: _json_copy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_copy(v) for v in value]
    return value


class FakeUnitOfWork:
    """`with uow: ...; uow.commit()` over a FakeDatabase; leaving without commit drops it all."""

    providers: FakeProviderRepository
    cases: FakeCaseRepository
    workflow_versions: FakeWorkflowVersionStore
    letters: FakeLetterRepository
    watch: FakeWatchRepository
    besluiten: FakeBesluitRepository
    findings: FakeFindingsRepository
    users: FakeUserRepository
    subjects: FakeSubjectRepository

    def __init__(self, db: FakeDatabase | None = None) -> None:
        self.db = db if db is not None else FakeDatabase()
        self.commits = 0
        self._tx: Transaction | None = None

    def __enter__(self) -> Self:
        tx = self._tx = Transaction(self.db)
        self.providers = FakeProviderRepository(tx)
        self.cases = FakeCaseRepository(tx)
        self.workflow_versions = FakeWorkflowVersionStore(tx)
        self.letters = FakeLetterRepository(tx)
        self.watch = FakeWatchRepository(tx)
        self.besluiten = FakeBesluitRepository(tx)
        self.findings = FakeFindingsRepository(tx)
        self.users = FakeUserRepository(tx)
        self.subjects = FakeSubjectRepository()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._tx = None

    def commit(self) -> None:
        self._require().commit()
        self.commits += 1

    def rollback(self) -> None:
        self._require().rollback()

    def _require(self) -> Transaction:
        if self._tx is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._tx
