"""Unit tests read the English text of messages (their message ids): the language is English here.

A test that checks the Dutch text says so itself (`set_language("nl")`, or the `lang` fixture of
tests/i18n_plugin.py); tests/i18n_plugin.py restores the default language after every test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.i18n_plugin import english_unless_asked


@pytest.fixture(autouse=True)
def _english(request: pytest.FixtureRequest) -> Iterator[None]:
    yield from english_unless_asked(request)
