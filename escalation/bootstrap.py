"""Composition root: settings → adapters (engine, catalog, calendar, renderer, mailer) → App.

Only this module builds concrete adapters. Everything is built on first use, so a command
pays only for what it touches.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from escalation.config import Settings, build_settings, default_data_dir
from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import InvalidInputError
from escalation.services.facade import Cases, LegalTime, Letters, Providers, Watch, Workflows
from escalation.services.letter_ports import LetterRenderer
from escalation.services.ports import CalendarExporter, Mailer, Resolver, UnitOfWork
from escalation.workflows import FileWorkflowCatalog

if TYPE_CHECKING:
    from escalation.services.demo import DemoReport


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

    def __init__(self, settings: Settings, *, create: bool = False) -> None:
        self.settings = settings
        self._create = create
        self._engine: Engine | None = None

    @cached_property
    def clock(self) -> SystemClock:
        return SystemClock(ZoneInfo(self.settings.timezone))

    @cached_property
    def catalog(self) -> FileWorkflowCatalog:
        folder = self.settings.workflows_dir
        return FileWorkflowCatalog([folder] if folder else None)

    @cached_property
    def calendar(self) -> AtwCalendar:
        from escalation.holidays import build_calendar

        return build_calendar(self.settings.extra_holiday_files())

    @cached_property
    def renderer(self) -> LetterRenderer:
        """The letter templates: the packaged ones, and the user's folder first (sandboxed)."""
        from escalation.letters import JinjaLetterRenderer

        return JinjaLetterRenderer(user=self.settings.letters_dir)

    @cached_property
    def mailer(self) -> Mailer | None:
        """None when no SMTP server is configured: reminders then wait in the outbox."""
        from escalation.mailer import SmtpMailer

        return SmtpMailer(self.settings) if self.settings.smtp_host else None

    @cached_property
    def recipients(self) -> Resolver:
        from escalation.mailer import recipient_resolver

        return recipient_resolver(self.settings)

    @cached_property
    def exporter(self) -> CalendarExporter:
        from escalation.ical import deadlines_calendar

        return deadlines_calendar

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from escalation.storage.db import create_schema, make_engine

            self._engine = make_engine(self.settings.database_url)
            create_schema(self._engine)
        return self._engine

    def uow(self) -> UnitOfWork:
        from escalation.storage.unit_of_work import SqlUnitOfWork

        return SqlUnitOfWork(self.engine)

    def current_user(self) -> str:
        return current_user()

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
    def letters(self) -> Letters:
        return Letters(self.adapters)

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
    def database(self) -> Database:
        return Database(self.adapters)

    def run_demo(self, *, report: Callable[[DemoReport], None]) -> dict[str, int]:
        """Walk the seeds' two stories on this (fresh) database; returns the case ids."""
        from escalation.services.demo import run_demo

        return run_demo(providers=self.providers, cases=self.cases, report=report)

    def run_scheduler(self, *, interval_seconds: float | None = None) -> None:
        """The deadline watch as a long-running process (see escalation.scheduler)."""
        from escalation import scheduler

        scheduler.run(
            self.watch,
            schedule=self.settings.schedule,
            zone=ZoneInfo(self.settings.timezone),
            interval_seconds=interval_seconds,
        )

    def close(self) -> None:
        self.adapters.dispose()


@dataclass(frozen=True, slots=True)
class DatabaseStatus:
    url: str
    revision: str


class Database:
    """Creating, checking and upgrading the database itself."""

    def __init__(self, adapters: Adapters) -> None:
        self._adapters = adapters

    def init(self) -> DatabaseStatus:
        """Create the database if it does not exist, or check an existing one."""
        from escalation.storage.db import check_schema

        engine = self._adapters.engine
        version = check_schema(engine)
        return DatabaseStatus(engine.url.render_as_string(hide_password=True), str(version))


@contextmanager
def demo_database(path: Path | None, *, config: Path | None) -> Iterator[tuple[Path, App]]:
    """A fresh demo database: the given file (which must not exist) or the default one."""
    chosen = path or default_data_dir() / "demo.sqlite"
    if path is not None and path.exists():
        raise InvalidInputError(
            f"{path} exists; the demo builds a fresh database. Choose another file."
        )
    chosen.unlink(missing_ok=True)
    demo = build(f"sqlite:///{chosen}", config)
    try:
        yield chosen, demo
    finally:
        demo.close()


def build(database_url: str | None = None, config: Path | None = None) -> App:
    """The App for these settings (the command line's --db and --config win)."""
    return App(Adapters(build_settings(database_url, config)))
