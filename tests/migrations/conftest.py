"""Databases for the migration tests: new SQLite files and new PostgreSQL databases.

The tests read the English texts (the message ids): they run in English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escalation.storage.db import make_engine
from tests.i18n_plugin import english_unless_asked

NewEngine = Callable[[], Engine]


@pytest.fixture(autouse=True)
def _in_english(request: pytest.FixtureRequest) -> Iterator[None]:
    yield from english_unless_asked(request)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewEngine]:
    """Makes engines on new, empty databases of one kind (a file, or a PostgreSQL database)."""
    engines: list[Engine] = []
    with ExitStack() as stack:

        def make() -> Engine:
            if request.param == "sqlite":
                url = f"sqlite:///{tmp_path / f'db{len(engines)}.sqlite'}"
            else:
                server = request.getfixturevalue("postgres_server")
                url = stack.enter_context(server.temporary_database())
            engines.append(make_engine(url))
            return engines[-1]

        yield make
        for engine in engines:
            engine.dispose()


@pytest.fixture
def engine(new_engine: NewEngine) -> Engine:
    return new_engine()
