"""Issue 9: a database that cannot be used is refused in one sentence and left as it was.

--db under a file, at a folder, with another scheme, at another application's SQLite file, at
a mistyped path; a read-only database; a full disk; PostgreSQL without its driver; and values
longer than their column refused the same on PostgreSQL as on SQLite (row for row unchanged).
Also: stored text with control characters is shown escaped, never raw.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from escalation import i18n
from escalation.storage.unit_of_work import not_written
from tests.e2e.helpers import (
    BY,
    FOCUS,
    Cli,
    add_provider,
    describe,
    error_prefix,
    isolate,
    make_cli,
    ok,
    open_case,
    refused,
)
from tests.i18n_helpers import tr

FULL = (
    "The disk of the database {database} is full; nothing of your change was saved. "
    "Make room and try again."
)
READ_ONLY = (
    "The database {database} is read-only (the file or its folder cannot be written); "
    "nothing of your change was saved."
)
DISK_IO = (
    "The database {database} could not be written (a disk I/O error: the disk may be full "
    "or failing); nothing of your change was saved."
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An escalation database with one provider and one case, VACUUMed (no free pages)."""
    folder = tmp_path_factory.mktemp("issue9-db")
    path = folder / "cases.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, folder / "xdg-data")
        mp.setenv(i18n.ENV_VAR, i18n.DEFAULT_LANGUAGE)
        cli = make_cli(path, init=True)
        open_case(cli, add_provider(cli, FOCUS))
    i18n.set_language(None)
    with sqlite3.connect(path) as conn:
        conn.execute("VACUUM")
    conn.close()
    yield path


@pytest.fixture
def db(template: Path, db_path: Path) -> Path:
    shutil.copyfile(template, db_path)
    return db_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_refusal(result: object, *needles: object) -> None:
    text = refused(result, *needles)  # type: ignore[arg-type]
    assert len(text.strip().splitlines()) == 1, describe(result)  # type: ignore[arg-type]
    assert text.startswith(error_prefix()), describe(result)  # type: ignore[arg-type]


PROVIDER = ("provider", "add", "Tweede B.V.", "--kvk", "11111111", "--kind", "regio")


@pytest.mark.parametrize("command", [("case", "list"), ("init",)], ids=["case list", "init"])
def test_db_under_a_file_is_refused(cli: Cli, db: Path, command: tuple[str, ...]) -> None:
    before = digest(db)

    one_line_refusal(cli(*command, db=db / "cases.sqlite"), str(db))

    assert digest(db) == before


def test_db_at_a_folder_is_refused(cli: Cli, tmp_path: Path) -> None:
    before = sorted(tmp_path.rglob("*"))

    one_line_refusal(cli("case", "list", db=tmp_path), str(tmp_path))

    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("command", [("case", "list"), ("init",)], ids=["case list", "init"])
def test_an_unknown_scheme_is_refused(cli: Cli, command: tuple[str, ...]) -> None:
    one_line_refusal(cli(*command, db="mysql://anna@localhost/cases"), "'mysql'", "PostgreSQL")  # type: ignore[arg-type]


@pytest.mark.skipif(importlib.util.find_spec("psycopg2") is not None, reason="psycopg2 installed")
def test_a_postgresql_url_without_its_driver_says_how_to_install_it(cli: Cli) -> None:
    url = "postgresql+psycopg2://anna@localhost/cases"

    one_line_refusal(cli("case", "list", db=url), 'pip install "escalation[postgres]"')  # type: ignore[arg-type]


@pytest.mark.parametrize("command", [("case", "list"), ("init",), PROVIDER])
def test_another_applications_sqlite_file_is_refused(
    cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    other = tmp_path / "notes.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('boodschappen')")
    conn.close()
    before = digest(other)

    one_line_refusal(cli(*command, db=other), str(other))

    assert digest(other) == before


def test_a_mistyped_path_names_init_and_creates_nothing(cli: Cli, db: Path) -> None:
    mistyped = db.with_name("casse.sqlite")

    one_line_refusal(cli(*PROVIDER, db=mistyped), str(mistyped), "escalation init")

    assert not mistyped.exists()


def test_a_read_only_database_is_refused_and_unchanged(cli: Cli, db: Path) -> None:
    """Opened read-only (SQLite's mode=ro), which holds for root too."""
    before = digest(db)

    result = cli(*PROVIDER, db=f"sqlite:///file:{db}?mode=ro&uri=true")  # type: ignore[arg-type]

    one_line_refusal(result, str(db))
    assert digest(db) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_file_is_refused_and_unchanged(cli: Cli, db: Path) -> None:
    before = digest(db)
    db.chmod(0o444)
    try:
        one_line_refusal(cli(*PROVIDER, db=db), str(db))
    finally:
        db.chmod(0o644)
    assert digest(db) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_database_in_a_read_only_folder_is_refused_and_unchanged(cli: Cli, db: Path) -> None:
    """SQLite cannot create its journal next to the file: nothing is written."""
    before = digest(db)
    db.parent.chmod(0o555)
    try:
        one_line_refusal(cli(*PROVIDER, db=db), str(db))
    finally:
        db.parent.chmod(0o755)
    assert digest(db) == before


def test_a_full_disk_is_refused_and_the_file_is_unchanged(db: Path, language: str) -> None:
    """A file-size limit (RLIMIT_FSIZE) at the database's size: it cannot grow, as on a full
    disk; works as root and as any user. A reason of 9 000 characters needs new pages.

    The limit makes write() fail with EFBIG, which SQLite reports as an I/O error; a really
    full disk (ENOSPC) is SQLite's "database or disk is full" (see the test below)."""
    before, size = digest(db), db.stat().st_size
    argv = [sys.executable, "-m", "escalation", "--db", str(db), "case", "do", "1"]
    argv += ["start_onderzoek", "--on", "2024-09-16", "--by", BY, "--reason", "r" * 9000]
    env = {**os.environ, i18n.ENV_VAR: language, "XDG_DATA_HOME": str(db.parent / "xdg")}

    def no_growth() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    result = subprocess.run(
        argv, capture_output=True, env=env, timeout=60, preexec_fn=no_growth, check=False
    )

    message = result.stderr.decode()
    assert result.returncode == 1, message
    expected = tr("Error: {message}", message=tr(DISK_IO, database=str(db)))
    assert message == expected + "\n"
    assert digest(db) == before
    assert sorted(p.name for p in db.parent.glob("cases.sqlite*")) == ["cases.sqlite"]


@pytest.mark.parametrize(
    ("problem", "msgid"),
    [
        ("database or disk is full", FULL),
        ("attempt to write a readonly database", READ_ONLY),
        ("disk I/O error", DISK_IO),
    ],
)
def test_what_sqlite_says_becomes_one_sentence(problem: str, msgid: str, tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    err = sa.exc.OperationalError("INSERT ...", {}, sqlite3.OperationalError(problem))

    assert str(not_written(err, engine)) == tr(msgid, database=str(tmp_path / "x.sqlite"))


LONGER_THAN_THE_COLUMN = {
    "provider name": (*PROVIDER[:2], "X" * 301, *PROVIDER[3:]),
    "alias": (*PROVIDER, "--alias", "A" * 101),
    "title": ("case", "open", "--provider", FOCUS[1], "--title", "T" * 301, "--by", BY),
    "handler": ("case", "assign", "1", "h" * 101, "--by", BY),
    "--by": ("case", "assign", "1", "anna", "--by", "b" * 101),
    "reason": ("case", "do", "1", "start_onderzoek", "--by", BY, "--reason", "r" * 10_001),
}


def _rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            names = sa.inspect(conn).get_table_names()
            return {
                name: sorted(map(tuple, conn.execute(sa.text(f"SELECT * FROM {name}"))), key=repr)
                for name in names
            }
    finally:
        engine.dispose()


@pytest.fixture
def postgres_cli(postgres_db_url: str) -> Cli:
    cli = make_cli(postgres_db_url, init=True)  # type: ignore[arg-type]
    open_case(cli, add_provider(cli, FOCUS))
    return cli


@pytest.mark.parametrize("args", LONGER_THAN_THE_COLUMN.values(), ids=LONGER_THAN_THE_COLUMN.keys())
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_value_longer_than_its_column_is_refused_alike_on_both_databases(
    request: pytest.FixtureRequest, backend: str, args: tuple[str, ...]
) -> None:
    if backend == "postgresql":
        cli: Cli = request.getfixturevalue("postgres_cli")
        url = request.getfixturevalue("postgres_db_url")
        before = _rows(url)
    else:
        cli = request.getfixturevalue("cli")
        path = request.getfixturevalue("db")
        before, url = digest(path), None

    one_line_refusal(cli(*args))

    assert (_rows(url) if url else digest(path)) == before


STORED = "Rood \x1b[31mB.V.\u202eV.B \r\n"  # as an older escalation could have stored it


@pytest.mark.parametrize(
    "command",
    [
        ("provider", "list"),
        ("provider", "show", FOCUS[1]),
        ("case", "list"),
        ("case", "show", "1"),
        ("provider", "list", "--json"),
        ("case", "show", "1", "--json"),
    ],
    ids=" ".join,
)
def test_stored_control_characters_are_printed_escaped(
    cli: Cli, db: Path, command: tuple[str, ...]
) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE providers SET name = ?", (STORED,))
        conn.execute("UPDATE cases SET title = ?", (STORED,))
    conn.close()

    shown = ok(cli(*command)).stdout

    assert not any(c in shown for c in "\x1b\u202e\r"), repr(shown)
    escaped = ("\\u001b", "\\u202e") if "--json" in command else ("\\x1b", "\\u202e")
    assert all(e in shown for e in escaped), shown
