"""Unit tests read the English text of messages (their message ids): the language is English here.

A test that checks the Dutch text says so itself (`set_language("nl")`, or the `lang` fixture of
tests/i18n_plugin.py); tests/i18n_plugin.py restores the default language after every test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from escalation.i18n import set_language


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language(None)
