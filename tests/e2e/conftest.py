"""Shared fixtures: a `cli` that runs `escalation --db <tmp>/cases.sqlite ...` in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import Cli, isolate, make_cli


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting of the person running the tests leaks in: data folder, database, workflows."""
    isolate(monkeypatch, tmp_path / "xdg-data")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.sqlite"


@pytest.fixture
def cli(db_path: Path) -> Cli:
    """`cli("case", "list")` runs `escalation --db <tmp>/cases.sqlite case list`.

    The database is created first (`escalation init`), as a user does before the first case.
    """
    return make_cli(db_path, init=True)
