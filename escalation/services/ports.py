"""The ports the use cases need; storage and the other adapters implement them structurally."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

from escalation.domain.besluiten import BesluitSummary
from escalation.domain.calendar import AtwCalendar
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.events import Event
from escalation.domain.machine import WorkflowMachine
from escalation.domain.model import Case, CaseSummary, Provider
from escalation.domain.reminders import AgendaItem, Claim, DueReminder, ReminderView
from escalation.services.findings_ports import FindingsRepository
from escalation.services.letter_ports import (
    LetterFolder,
    LetterRenderer,
    LetterRepository,
    OrganisationCatalog,
    TemplateLinter,
)
from escalation.services.subject_ports import SubjectRepository
from escalation.services.user_ports import UserRepository


class ProviderRepository(Protocol):
    def add(self, provider: Provider, *, now: datetime) -> None: ...
    def get(self, kvk: str) -> Provider: ...
    def search(self, text: str) -> list[Provider]:
        """Providers whose KvK or alias is `text`, or whose name starts with it (any case)."""
        ...

    def list(self) -> list[Provider]: ...
    def update(self, provider: Provider) -> None:
        """Store a changed name, alias or address of a registered provider."""
        ...


class CaseRepository(Protocol):
    def add(self, case: Case, *, now: datetime) -> int: ...
    def get(self, case_id: int) -> Case: ...
    def save(self, case: Case, *, now: datetime) -> None: ...
    def get_many(self, case_ids: Sequence[int]) -> dict[int, Case]:
        """The cases of `case_ids` that exist, by id, read together (an unknown id is left out)."""
        ...

    def save_many(self, cases: Sequence[Case], *, now: datetime) -> None:
        """`save` for each case, together; a case changed meanwhile raises
        ConcurrentChangeError naming it (the caller's transaction is then spent)."""
        ...

    def summaries(
        self, *, state: str | None = None, provider_kvk: str | None = None
    ) -> list[CaseSummary]: ...
    def history(self, case_id: int) -> list[Event]: ...
    def states(self) -> set[str]:
        """Every state some stored case is in."""
        ...

    def ids(self, *, state: str | None = None) -> list[int]:
        """The cases' ids in order, only those in `state` when given."""
        ...


class BesluitRepository(Protocol):
    """The besluiten across cases: their numbering, where each belongs, the list."""

    def last_number(self, year: int) -> int:
        """The highest number a besluit of this year has (0 if none)."""
        ...

    def case_of(self, ref: str) -> int | None:
        """The case of the besluit with this kenmerk or id (None: no such besluit)."""
        ...

    def listing(
        self, *, case_id: int | None = None, status: str | None = None
    ) -> list[BesluitSummary]: ...

    def bezwaren(self, bezwaar_id: int | None = None) -> list[tuple[int, int, str, int]]:
        """(bezwaar id, case id, besluit kenmerk, number) of every bezwaar, or of this one."""

    def case_of_voorziening(self, voorziening_id: int) -> int | None:
        """The case of the voorlopige voorziening with this id (None: no such voorziening)."""
        ...

    def claim_concepts(self, kenmerken: list[str], *, status: str, by: str, on: date) -> bool:
        """Establish these concept besluiten in one conditional UPDATE (WHERE status is
        'concept'); False when another user established one of them first (race-safe)."""
        ...


class WorkflowVersionStore(Protocol):
    def remember(self, name: str, version: int, source: str, *, now: datetime) -> None: ...
    def source(self, name: str, version: int) -> str | None: ...


class WatchRepository(Protocol):
    """Due deadlines, reminders claimed once per (deadline, step), and the mail outbox.

    A reminder is *queued* when it is pending, failed, or sending with a lease that ended
    before `now` (the run sending it died): the next run sends it.
    """

    def cases_with_overdue(self, today: date) -> list[int]: ...
    def cases_with_reminders(self, today: date) -> list[int]: ...
    def claim(
        self,
        *,
        deadline_id: int,
        case_id: int,
        step: int,
        planned_on: date,
        status: str,
        subject: str,
        body: str,
        now: datetime,
    ) -> bool: ...
    def due_reminders(self, today: date) -> list[DueReminder]:
        """Deadlines with a reminder step due by `today` (open, overdue or lapsed), by case
        and deadline, with what claiming needs: no case is loaded."""
        ...

    def claim_many(self, claims: Sequence[Claim], *, now: datetime) -> set[tuple[int, int]]:
        """Claim each (deadline, step) once, all at once; returns the pairs this call
        claimed (those another run claimed before are left out)."""
        ...

    def schedule_reminders(self, plan: Mapping[int, date | None]) -> None:
        """Set each deadline's next reminder day (bookkeeping: the case version stays)."""
        ...

    def supersede_stale(self, *, now: datetime) -> int:
        """Mark superseded every queued reminder whose deadline has a later step queued or
        sent (one mail per deadline: the newest); returns how many."""
        ...

    def to_send(self, *, now: datetime, limit: int = 500) -> list[ReminderView]:
        """The queued reminders: fewest attempts first (a reminder that keeps failing does
        not hold up the others), then soonest planned."""
        ...

    def count_to_send(self, *, now: datetime) -> int: ...
    def start_sending(
        self,
        reminder_id: int,
        *,
        now: datetime,
        lease_until: datetime,
        subject: str,
        body: str,
        note: str | None = None,
    ) -> bool:
        """Take a queued reminder: `sending` until `lease_until`, one attempt more, with the
        text about to be sent (and `note` as its last error); False when it is not queued."""
        ...

    def finish(
        self,
        reminder_id: int,
        *,
        status: str,
        now: datetime,
        recipient: str | None = None,
        error: str | None = None,
    ) -> None: ...
    def database_id(self) -> str:
        """The database's identity (made once; made here if a database lacks it)."""
        ...

    def reminders(
        self, *, case_id: int | None = None, status: str | None = None, limit: int | None = 1000
    ) -> list[ReminderView]: ...
    def count_reminders(self, *, case_id: int | None = None, status: str | None = None) -> int: ...
    def incidents(
        self, *, now: datetime, include_resolved: bool = False, limit: int | None = 1000
    ) -> list[ReminderView]:
        """Failed reminders and those whose sending run died (lease ended before `now`); with
        `include_resolved` also every reminder that failed once."""
        ...

    def count_incidents(self, *, now: datetime, include_resolved: bool = False) -> int: ...
    def agenda(
        self,
        *,
        until: date | None,
        overdue_only: bool,
        handler: str | None,
        today: date,
        case_id: int | None = None,
        after: tuple[date, int] | None = None,  # keyset: (due, id) of the last row seen
        limit: int | None = None,
        uncertain_only: bool = False,  # only the rows the service judges by their kind
    ) -> list[AgendaItem]: ...
    def count_agenda(
        self,
        *,
        until: date | None,
        overdue_only: bool,
        handler: str | None,
        today: date,
        case_id: int | None = None,
        after: tuple[date, int] | None = None,
    ) -> int:
        """The agenda rows shown whatever their kind (the others: `uncertain_only`)."""
        ...


class Mailer(Protocol):
    """Sends one plain-text mail; raises MailError when the server refuses or is down.

    `reference` is the same for every attempt at one reminder (`message_reference`): the
    mail's Message-ID is made from it, so a mail sent again is the same message.
    """

    def send(self, *, to: str, subject: str, body: str, reference: str) -> None: ...


class UnitOfWork(Protocol):
    @property
    def providers(self) -> ProviderRepository: ...
    @property
    def cases(self) -> CaseRepository: ...
    @property
    def workflow_versions(self) -> WorkflowVersionStore: ...
    @property
    def letters(self) -> LetterRepository: ...
    @property
    def watch(self) -> WatchRepository: ...
    @property
    def besluiten(self) -> BesluitRepository: ...
    @property
    def findings(self) -> FindingsRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def subjects(self) -> SubjectRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class DefinitionCatalog(Protocol):
    def problems(self) -> list[str]:
        """The installed files that were skipped because they are broken, each in a sentence."""
        ...

    def list(self) -> list[WorkflowDefinition]: ...
    def get(self, name: str, version: int | None = None) -> WorkflowDefinition: ...
    def source(self, name: str, version: int) -> str: ...
    def parse(self, text: str, *, origin: str) -> WorkflowDefinition: ...
    def parse_file(self, path: Path) -> WorkflowDefinition: ...
    def read_file(self, path: Path) -> tuple[WorkflowDefinition, str]: ...
    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema of a workflow file, for workflow authors."""
        ...

    def machine(self, definition: WorkflowDefinition) -> WorkflowMachine: ...


class Clock(Protocol):
    """The one source of the current time; `today` is the date in the configured zone."""

    def now(self) -> datetime: ...
    def today(self) -> date: ...


class CalendarExporter(Protocol):
    """Deadlines as an iCalendar file."""

    def __call__(self, items: Sequence[AgendaItem], *, now: datetime) -> bytes: ...


Resolver = Callable[[str | None], str | None]


class Adapters(Protocol):
    """Everything the use cases need, built by bootstrap (or by the tests, with fakes)."""

    @property
    def catalog(self) -> DefinitionCatalog: ...
    @property
    def calendar(self) -> AtwCalendar: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def renderer(self) -> LetterRenderer: ...
    @property
    def organisations(self) -> OrganisationCatalog: ...
    @property
    def linter(self) -> TemplateLinter: ...
    @property
    def mailer(self) -> Mailer | None: ...
    @property
    def recipients(self) -> Resolver: ...
    @property
    def exporter(self) -> CalendarExporter: ...
    @property
    def send_lease(self) -> timedelta:
        """How long a run holds a reminder it is sending before another run may send it."""
        ...

    def uow(self) -> UnitOfWork: ...
    def current_user(self) -> str: ...
    def letter_folder(self, folder: Path) -> LetterFolder: ...
