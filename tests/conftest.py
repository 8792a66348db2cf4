"""Shared fixtures: a fixed clock, the real workflows, an SQLite file, a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from escalation.bootstrap import Adapters, build
from escalation.domain.calendar import AtwCalendar
from escalation.holidays import build_calendar
from escalation.workflows import FileWorkflowCatalog

pytest_plugins = ["tests.postgres", "tests.i18n_plugin"]

NOW = datetime(2025, 1, 31, 9, 0, tzinfo=UTC)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def calendar() -> AtwCalendar:
    return build_calendar()


@pytest.fixture(scope="session")
def catalog() -> FileWorkflowCatalog:
    return FileWorkflowCatalog()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cases.sqlite'}"


@pytest.fixture
def services(db_url: str) -> Iterator[Adapters]:
    built = build(db_url, create_missing=True).adapters
    yield built
    built.dispose()


@pytest.fixture
def today() -> date:
    return date(2025, 1, 31)
