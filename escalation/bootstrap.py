"""Composition root: settings → adapters (engine, catalog, calendar, renderer, mailer) → App.

Only this module builds concrete adapters. Everything is built on first use, so a command
pays only for what it touches.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from escalation.bootstrap_database import Database
from escalation.bootstrap_lazy import DeferredRenderer
from escalation.config import Settings, build_settings, default_database_url

# Adapters the cli reaches through here (the editor document of `letter edit`, --set NAME=@FILE).
from escalation.datafiles import letter_fields as letter_fields
from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import DatabaseMissingError
from escalation.domain.letters import Signatory
from escalation.i18n import _
from escalation.services.facade import (
    Besluiten,
    Cases,
    Letters,
    Providers,
    Watch,
)
from escalation.services.findings_ports import FrameworkCatalog
from escalation.services.letter_ports import LetterFolder, LetterRenderer, TemplateLinter
from escalation.services.ports import CalendarExporter, Mailer, Resolver, UnitOfWork
from escalation.services.reference_facade import LegalTime, Workflows
from escalation.workflows import FileWorkflowCatalog

if TYPE_CHECKING:
    from escalation.letters.organisations import FileOrganisationCatalog
    from escalation.services.bezwaar_facade import Bezwaren
    from escalation.services.demo import DemoReport
    from escalation.services.dwangsom_facade import Dwangsommen
    from escalation.services.findings_facade import Findings
    from escalation.services.list_facade import CaseLists, Lists
    from escalation.services.organisations import Organisations
    from escalation.services.subjects_facade import Subjects
    from escalation.services.users import Users
    from escalation.services.voorzieningen import Voorzieningen


@dataclass(frozen=True, slots=True)
class SystemClock:
    """The only place that reads the real time; `today` is the date in the configured zone."""

    zone: ZoneInfo

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(self.zone).date()


def current_user() -> str:
    """Who acts when --by is not given: ESCALATION_USER, else the logged-in user."""
    try:
        return os.environ.get("ESCALATION_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Adapters:
    """The concrete adapters for one settings object, each built on first use."""

    def __init__(self, settings: Settings, *, create_missing: bool | None = None) -> None:
        self.settings = settings
        # A missing database is created only where nobody can have mistyped its name: the
        # default file in the user's data folder (or when a caller asks, e.g. the demo).
        default = settings.database_url == default_database_url()
        self._create_missing = default if create_missing is None else create_missing
        self._engine: Engine | None = None

    @cached_property
    def clock(self) -> SystemClock:
        return SystemClock(ZoneInfo(self.settings.timezone))

    @cached_property
    def catalog(self) -> FileWorkflowCatalog:
        folder = self.settings.workflows_dir
        return FileWorkflowCatalog([folder] if folder else None)

    @cached_property
    def frameworks(self) -> FrameworkCatalog:
        from escalation.frameworks import FileFrameworkCatalog

        return FileFrameworkCatalog([f] if (f := self.settings.frameworks_dir) else None)

    @cached_property
    def calendar(self) -> AtwCalendar:
        from escalation.holidays import build_calendar

        return build_calendar(self.settings.extra_holiday_files())

    @cached_property
    def renderer(self) -> LetterRenderer:
        """The letter templates: the packaged ones, and the user's folder first (sandboxed);
        built when a letter is made, not for every action that could make one."""
        return cast(LetterRenderer, DeferredRenderer(self._renderer))

    def _renderer(self) -> LetterRenderer:
        from escalation.letters import JinjaLetterRenderer

        settings = self.settings
        signatory = Signatory(
            settings.signatory_name, settings.signatory_function, settings.signatory_mandate
        )
        return JinjaLetterRenderer(
            user=settings.letters_dir, signatory=signatory, organisations=self.organisations
        )

    @cached_property
    def organisations(self) -> FileOrganisationCatalog:
        """The packaged inspectorates, the user's folder's, and a user's organisatie.yaml."""
        from escalation.letters.organisations import FileOrganisationCatalog as Catalog

        return Catalog(self.settings.organisations_dir, letters=self.settings.letters_dir)

    @cached_property
    def linter(self) -> TemplateLinter:
        from escalation.letters.lint import TemplateLinter as Linter

        return Linter(user=self.settings.letters_dir)

    @cached_property
    def mailer(self) -> Mailer | None:
        """None when no SMTP server is configured: reminders then wait in the outbox."""
        from escalation.mailer import SmtpMailer

        return SmtpMailer(self.settings) if self.settings.smtp_host else None

    @cached_property
    def recipients(self) -> Resolver:
        from escalation.mailer import recipient_resolver

        return recipient_resolver(self.settings)

    @property
    def send_lease(self) -> timedelta:
        return timedelta(seconds=self.settings.send_lease_seconds)

    @cached_property
    def exporter(self) -> CalendarExporter:
        from escalation.ical import deadlines_calendar

        return deadlines_calendar

    @property
    def engine(self) -> Engine:
        """The database, checked to be at the schema revision this code expects."""
        if self._engine is None:
            from escalation.storage.schema import check_revision, init_database

            engine = self.unchecked_engine()
            try:
                check_revision(engine)
            except DatabaseMissingError:
                if not self._create_missing:
                    raise
                init_database(engine)
            self._engine = engine
        return self._engine

    def unchecked_engine(self) -> Engine:
        """An engine for the configured URL, without looking at what the database holds."""
        from escalation.storage.db import make_engine

        return make_engine(self.settings.database_url)

    def uow(self) -> UnitOfWork:
        from escalation.storage.unit_of_work import SqlUnitOfWork

        return SqlUnitOfWork(self.engine, self.clock.zone)

    def case_lists(self) -> CaseLists:
        """Paged and streamed lists (storage.list_queries), on the checked engine."""
        from escalation.storage.list_queries import SqlCaseLists

        return SqlCaseLists(self.engine)

    def current_user(self) -> str:
        return current_user()

    def letter_folder(self, folder: Path) -> LetterFolder:
        from escalation.letters.files import LetterFolder as Folder

        return Folder(folder)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


class App:
    """The application: one object per noun, each with its use cases ready to call."""

    def __init__(self, adapters: Adapters) -> None:
        self.adapters = adapters
        self.settings = adapters.settings

    @cached_property
    def providers(self) -> Providers:
        return Providers(self.adapters)

    @cached_property
    def cases(self) -> Cases:
        return Cases(self.adapters)

    @cached_property
    def lists(self) -> Lists:
        from escalation.services.list_facade import Lists

        return Lists(self.adapters)

    @cached_property
    def subjects(self) -> Subjects:
        from escalation.services.subjects_facade import Subjects

        return Subjects(self.adapters)

    @cached_property
    def organisations(self) -> Organisations:
        from escalation.services.organisations import Organisations

        return Organisations(self.adapters)

    @cached_property
    def besluiten(self) -> Besluiten:
        return Besluiten(self.adapters)

    @cached_property
    def bezwaren(self) -> Bezwaren:
        from escalation.services.bezwaar_facade import Bezwaren

        return Bezwaren(self.adapters)

    @cached_property
    def dwangsom(self) -> Dwangsommen:
        from escalation.services.dwangsom_facade import Dwangsommen

        return Dwangsommen(self.adapters)

    @cached_property
    def voorzieningen(self) -> Voorzieningen:
        from escalation.services.voorzieningen import Voorzieningen

        return Voorzieningen(self.adapters)

    @cached_property
    def letters(self) -> Letters:
        return Letters(self.adapters)

    @cached_property
    def findings(self) -> Findings:
        from escalation.services.findings_facade import Findings

        return Findings(self.adapters, self.adapters.frameworks)

    @cached_property
    def watch(self) -> Watch:
        return Watch(self.adapters)

    @cached_property
    def workflows(self) -> Workflows:
        return Workflows(self.adapters)

    @cached_property
    def legal_time(self) -> LegalTime:
        return LegalTime(self.adapters)

    @cached_property
    def users(self) -> Users:
        from escalation.services.users import Users

        return Users(self.adapters)

    @cached_property
    def database(self) -> Database:
        return Database(self.adapters)

    def run_demo(self, *, report: Callable[[DemoReport], None]) -> dict[str, int]:
        """Walk the seeds' two stories on this (fresh) database; returns the case ids."""
        from escalation.services.demo import DemoTools, run_demo

        tools = DemoTools(
            letters=self.letters, watch=self.watch, besluiten=self.besluiten,
            findings=self.findings,
        )  # fmt: skip
        return run_demo(providers=self.providers, cases=self.cases, report=report, tools=tools)

    def run_scheduler(
        self,
        *,
        interval_seconds: float | None = None,
        wait: bool = True,
        say: Callable[[str], None],
    ) -> None:
        """The deadline watch as a long-running process (escalation.bootstrap_database)."""
        from escalation.bootstrap_database import run_scheduler

        run_scheduler(self, interval_seconds=interval_seconds, wait=wait, say=say)

    def warnings(self) -> list[str]:
        """What people should hear about this run besides its output: broken workflow files."""
        if "catalog" not in vars(self.adapters):  # never loaded: nothing was skipped
            return []
        return [
            _(
                "Warning: {problem} The file is skipped: cases opened under it follow the text "
                "stored in the database; no new case can be opened under it."
            ).format(problem=problem)
            for problem in self.adapters.catalog.problems()
        ]

    def close(self) -> None:
        self.adapters.dispose()


def build(
    database_url: str | None = None,
    config: Path | None = None,
    *,
    create_missing: bool | None = None,
) -> App:
    """The App for these settings (the command line's --db and --config win).

    `create_missing`: create a database that does not exist yet (default: only the default
    file in the user's data folder; a named one needs `escalation init`).
    """
    settings = build_settings(database_url, config)
    return App(Adapters(settings, create_missing=create_missing))
