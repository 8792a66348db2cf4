"""The database named by --db: created on first use, refused plainly when it is not one."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from escalation.storage.schema import HEAD, REVISIONS
from tests.e2e.helpers import REPO, Cli, as_json, ok, refused
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
    no_users = tr(
        "No users yet: a single jurist's database. To make it a team database, add its "
        "teamleider: escalation user add NAME --email ... --role teamleider --login LOGIN."
    )
    assert out.strip().splitlines() == [ready, no_users]
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


RELEASE_0_1_0 = REPO / "tests" / "fixtures" / "release-0.1.0" / "escalation-0.1.0.sqlite"


def test_a_database_of_the_previous_release_is_refused_until_upgraded_then_works(
    cli: Cli, tmp_path: Path
) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copyfile(RELEASE_0_1_0, old)
    with sqlite3.connect(old) as conn:
        cases = conn.execute("SELECT id FROM cases ORDER BY id").fetchall()

    before = cli("case", "list", "--json", db=old)
    upgraded = ok(cli("db", "upgrade", db=old))
    again = ok(cli("db", "upgrade", db=old))
    current = as_json(cli("db", "current", "--json", db=old))

    refused(before, "0001", "escalation db upgrade")
    assert HEAD in upgraded.stdout and "0001" in upgraded.stdout
    assert tr("{url} is already at the newest revision, {revision}.", url=f"sqlite:///{old}",
              revision=HEAD) in again.stdout  # fmt: skip
    assert (current["revision"], current["head"]) == (HEAD, HEAD)
    listed = as_json(cli("case", "list", "--json", db=old))
    assert [c["id"] for c in listed] == [row[0] for row in cases] and cases


def test_db_history_lists_every_revision_oldest_first(cli: Cli) -> None:
    history = as_json(cli("db", "history", "--json"))

    assert [r["revision"] for r in history] == list(REVISIONS)
    assert history[0]["down_revision"] is None


def test_a_database_made_by_a_newer_escalation_is_refused(cli: Cli, db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()

    result = cli("case", "list")

    refused(result, "9999", HEAD)
    assert db_path.read_bytes() == before
