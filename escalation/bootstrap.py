"""Composition root: settings → engine, unit of work, catalog, calendar, clock."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from escalation.config import Settings, build_settings
from escalation.domain.calendar import AtwCalendar
from escalation.holidays import build_calendar
from escalation.letters import JinjaLetterRenderer
from escalation.mailer import RecipientResolver, SmtpMailer, recipient_resolver
from escalation.storage.db import create_schema, make_engine
from escalation.storage.unit_of_work import SqlUnitOfWork
from escalation.workflows import FileWorkflowCatalog


@dataclass(frozen=True, slots=True)
class SystemClock:
    """The only place that reads the real time; `today` is the date in the configured zone."""

    zone: ZoneInfo

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(self.zone).date()


@dataclass
class Services:
    """Everything a command needs, built once per invocation."""

    settings: Settings
    clock: SystemClock
    _engine: Engine | None = field(default=None, repr=False)

    @cached_property
    def catalog(self) -> FileWorkflowCatalog:
        folder = self.settings.workflows_dir
        return FileWorkflowCatalog([folder] if folder else None)

    @cached_property
    def calendar(self) -> AtwCalendar:
        return build_calendar(self.settings.extra_holiday_files())

    @cached_property
    def renderer(self) -> JinjaLetterRenderer:
        """The letter templates: the packaged ones, and the user's folder first (sandboxed)."""
        return JinjaLetterRenderer(user=self.settings.letters_dir)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
            create_schema(self._engine)
        return self._engine

    @cached_property
    def mailer(self) -> SmtpMailer | None:
        """None when no SMTP server is configured: reminders then wait in the outbox."""
        return SmtpMailer(self.settings) if self.settings.smtp_host else None

    @cached_property
    def resolve_recipient(self) -> RecipientResolver:
        return recipient_resolver(self.settings)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def current_user() -> str:
    """Who acts when --by is not given: the logged-in user."""
    try:
        return os.environ.get("ESCALATION_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def build(database_url: str | None = None, config: Path | None = None) -> Services:
    settings = build_settings(database_url, config)
    return Services(settings=settings, clock=SystemClock(ZoneInfo(settings.timezone)))
