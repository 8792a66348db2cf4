"""The database named by --db: created on first use, refused plainly when it is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation.storage.schema import HEAD
from tests.e2e.helpers import Cli, as_json, ok, refused
from tests.i18n_helpers import tr


def test_a_new_database_file_and_its_folder_are_created_on_first_use(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "new" / "folder" / "cases.sqlite"

    out = ok(cli("init", db=path)).stdout

    assert path.is_file()
    ready = tr(
        "Database ready: {url} (schema version {revision}).", url=f"sqlite:///{path}", revision=HEAD
    )
    assert out.strip() == ready
    assert as_json(cli("case", "list", "--json", db=path)) == []


@pytest.mark.parametrize(
    "command", [("init",), ("case", "list"), ("provider", "list")], ids=" ".join
)
def test_a_db_file_that_is_not_a_database_is_refused_with_a_plain_message(
    cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n", encoding="utf-8")

    result = cli(*command, db=path)

    refused(result, "notes.sqlite")
    assert path.read_text(encoding="utf-8") == "these are my notes, not a database\n"
