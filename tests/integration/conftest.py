"""The integration tests read the English texts (the message ids): they run in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.i18n_plugin import english_unless_asked


@pytest.fixture(autouse=True)
def _in_english(request: pytest.FixtureRequest) -> Iterator[None]:
    yield from english_unless_asked(request)
