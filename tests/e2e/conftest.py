"""Shared fixtures: a `cli` that runs `escalation --db <tmp>/cases.sqlite ...` in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import Cli, make_cli


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting of the person running the tests leaks in: data folder, database, workflows."""
    for name in (
        "ESCALATION_DATABASE_URL",
        "ESCALATION_WORKFLOWS_DIR",
        "ESCALATION_HOLIDAYS_FILE",
        "ESCALATION_USER",
        "ESCALATION_TIMEZONE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.sqlite"


@pytest.fixture
def cli(db_path: Path) -> Cli:
    """`cli("case", "list")` runs `escalation --db <tmp>/cases.sqlite case list`."""
    return make_cli(db_path)


