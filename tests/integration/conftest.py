"""The integration tests read the English texts (the message ids): they run in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from escalation import i18n


@pytest.fixture(autouse=True)
def _in_english(request: pytest.FixtureRequest) -> Iterator[None]:
    """English for each test, the default language again after it; a test that takes the
    `lang` or the `dutch` fixture runs in that language instead."""
    if {"lang", "dutch"} & set(request.fixturenames):
        yield
        return
    i18n.set_language("en")
    yield
    i18n.set_language(None)


@pytest.fixture
def dutch() -> None:
    """This test reads the Dutch texts (the default language of escalation)."""
    i18n.set_language("nl")
