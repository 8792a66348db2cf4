"""Shared fixtures: every end-to-end test runs against a fresh `escalation --db
<tmp>/cases.sqlite ...` run in-process, in Dutch (the default language); the files about what a
person reads (refusals, conventions, help, a bad database) and tests marked `bilingual` run in
English too (docs/i18n.md, "Tests in two languages")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from escalation import i18n
from tests.e2e.helpers import Cli, isolate, make_cli, only_version_1

# The files whose point is the text a person reads: run in every language.
BILINGUAL_FILES = frozenset(
    {
        "test_bad_input.py",
        "test_bad_input_issue9.py",
        "test_bad_database_issue9.py",
        "test_cli_conventions.py",
        "test_help_and_startup.py",
    }
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "bilingual: run this end-to-end test in every language")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Dutch for a scenario; every language for the texts (BILINGUAL_FILES, `bilingual`)."""
    if "language" not in metafunc.fixturenames:
        return
    both = metafunc.definition.path.name in BILINGUAL_FILES or bool(
        metafunc.definition.get_closest_marker("bilingual")
    )
    languages = i18n.LANGUAGES if both else ("nl",)
    metafunc.parametrize("language", languages, indirect=True)


@pytest.fixture(autouse=True)
def language(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """'nl', then 'en': as ESCALATION_LANG (which the CLI reads from its settings) and as the
    process's language (which `tr` in the tests reads); both restored after the test."""
    lang: str = request.param
    monkeypatch.setenv(i18n.ENV_VAR, lang)
    i18n.set_language(lang)
    yield lang
    i18n.set_language(None)


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


@pytest.fixture
def version_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cases open under version 1 of the jeugdwet workflow (see helpers.only_version_1)."""
    only_version_1(monkeypatch, tmp_path / "workflows-v1")
