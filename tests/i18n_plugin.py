"""Pytest plugin (listed in tests/conftest.py): current catalogs, and a language per test.

- Before the tests run, every .po newer than its .mo is compiled (hatch_build.compile_catalogs,
  the build hook's own function), so editing a translation and running the tests just works.
- After each test the language is the default again (ESCALATION_LANG, else Dutch), whatever
  the test set.
- The `lang` fixture runs a test once in Dutch and once in English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from escalation import i18n
from hatch_build import LOCALE_DIR, compile_catalogs

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    compile_catalogs(REPO / LOCALE_DIR, only_stale=True)


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    yield
    i18n.set_language(None)


@pytest.fixture(params=i18n.LANGUAGES)
def lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """'nl', then 'en': set as ESCALATION_LANG (for code that reads the settings, e.g. the
    CLI) and as the process's language (for code that asks escalation.i18n directly)."""
    language: str = request.param
    monkeypatch.setenv(i18n.ENV_VAR, language)
    i18n.set_language(language)
    return language


@pytest.fixture
def dutch() -> None:
    """This test reads the Dutch texts (the default language of escalation)."""
    i18n.set_language("nl")


def english_unless_asked(request: pytest.FixtureRequest) -> Iterator[None]:
    """English for a test (its assertions read the message ids), the default language after it;
    a test that takes the `lang` or the `dutch` fixture runs in that language instead.

    A conftest makes it autouse: `yield from english_unless_asked(request)`.
    """
    if {"lang", "dutch"} & set(request.fixturenames):
        yield
        return
    i18n.set_language("en")
    yield
    i18n.set_language(None)
