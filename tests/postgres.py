"""Pytest plugin: a real, throwaway PostgreSQL server for the test session.

Load it from ``tests/conftest.py`` with ``pytest_plugins = ["tests.postgres"]``.

Fixtures:

* ``postgres_server`` (session): the running server, as a :class:`PostgresServer`.
* ``postgres_url`` (session): SQLAlchemy URL of the database ``escalation_test``.
* ``postgres_db_url`` (function): SQLAlchemy URL of a fresh, empty database that
  exists only for the one test and is dropped afterwards.

The server is started with ``initdb``/``pg_ctl`` found on ``PATH`` or under
``/usr/lib/postgresql/<newest>/bin``, listens only on 127.0.0.1 on a free port,
trusts every local connection and runs with ``fsync=off``. PostgreSQL refuses to
run as root, so as root the server runs as the ``postgres`` OS user. Without
PostgreSQL binaries the tests that need them are skipped, unless the ``CI``
environment variable is set: then they fail, because CI must run the real thing.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest
from psycopg import sql

SESSION_DATABASE = "escalation_test"
SUPERUSER = "escalation"
SERVER_OS_USER = "postgres"
HOST = "127.0.0.1"
START_TIMEOUT_S = 60
START_ATTEMPTS = 3
COMMAND_TIMEOUT_S = 120

SERVER_SETTINGS = {
    "listen_addresses": HOST,
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
}


@dataclass(frozen=True)
class PostgresServer:
    """A running PostgreSQL server that trusts local connections by ``user``."""

    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        """SQLAlchemy URL (psycopg 3 driver) of ``database`` on this server."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def conninfo(self, database: str = "postgres") -> str:
        """libpq connection string of ``database`` on this server, for psycopg."""
        return psycopg.conninfo.make_conninfo(
            host=self.host, port=self.port, user=self.user, dbname=database
        )

    def create_database(self, name: str) -> None:
        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop_database(self, name: str) -> None:
        """Drop ``name``, first ending any session that is still connected to it."""
        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            if conn.info.server_version >= 130000:
                statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            else:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    (name,),
                )
                statement = sql.SQL("DROP DATABASE IF EXISTS {}")
            conn.execute(statement.format(sql.Identifier(name)))

    @contextmanager
    def temporary_database(self) -> Iterator[str]:
        """Create a uniquely named empty database; yield its URL; drop it afterwards."""
        name = f"t_{uuid.uuid4().hex[:10]}"
        self.create_database(name)
        try:
            yield self.url(name)
        finally:
            self.drop_database(name)


def _unavailable(reason: str) -> NoReturn:
    """Skip the test, or fail it when running in CI, where PostgreSQL must be present."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the PostgreSQL tests must run)", pytrace=False)
    pytest.skip(reason)


def _version_key(bindir: Path) -> tuple[int, ...]:
    """Sort key for /usr/lib/postgresql/<version>/bin: numeric version, newest last."""
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name))


def find_pg_bindir() -> Path | None:
    """The directory holding both ``initdb`` and ``pg_ctl``: PATH first, then the newest
    /usr/lib/postgresql/<version>/bin; None when there is none."""
    candidates: list[Path] = []
    on_path = shutil.which("pg_ctl")
    if on_path is not None:
        candidates.append(Path(on_path).parent)
        candidates.append(Path(on_path).resolve().parent)
    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key)
    candidates.extend(reversed(installed))
    for bindir in candidates:
        if all(os.access(bindir / tool, os.X_OK) for tool in ("initdb", "pg_ctl")):
            return bindir
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


class _Runner:
    """Runs PostgreSQL commands, as the ``postgres`` OS user when we are root."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.as_root = os.geteuid() == 0

    def command(self, argv: list[str]) -> list[str]:
        if not self.as_root:
            return argv
        runuser = shutil.which("runuser")
        if runuser is not None:
            return [runuser, "-u", SERVER_OS_USER, "--", *argv]
        return ["su", SERVER_OS_USER, "-s", "/bin/sh", "-c", shlex.join(argv)]

    def run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(argv),
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )


def _describe(result: subprocess.CompletedProcess[str]) -> str:
    return (
        f"{shlex.join(result.args)} exited {result.returncode}\n"
        f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )


def _read_log(log: Path) -> str:
    try:
        return log.read_text(errors="replace")[-4000:]
    except OSError as error:
        return f"(could not read {log}: {error})"


@contextmanager
def running_server(bindir: Path) -> Iterator[PostgresServer]:
    """initdb a fresh cluster in a new temporary directory, start it, yield it; always
    stop it (``pg_ctl stop -m fast``) and remove the directory afterwards."""
    # Our own directory directly under the system temp dir: pytest's tmp dirs are
    # 0o700 and owned by root, which the `postgres` user could not enter; the path is
    # also short enough for a unix socket.
    base = Path(tempfile.mkdtemp(prefix="escalation-pg-"))
    runner = _Runner(cwd=base)
    if runner.as_root:
        try:
            account = pwd.getpwnam(SERVER_OS_USER)
        except KeyError:
            shutil.rmtree(base, ignore_errors=True)
            _unavailable(
                f"running as root, but there is no {SERVER_OS_USER!r} OS user to run "
                "PostgreSQL as (PostgreSQL refuses to run as root)"
            )
        os.chown(base, account.pw_uid, account.pw_gid)
    data = base / "data"
    log = base / "postgres.log"
    pg_ctl = str(bindir / "pg_ctl")
    started = False
    try:
        init = runner.run(
            [
                str(bindir / "initdb"),
                "--pgdata",
                str(data),
                "--username",
                SUPERUSER,
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C",
                "--no-sync",
            ]
        )
        if init.returncode != 0:
            pytest.fail(f"initdb failed:\n{_describe(init)}", pytrace=False)
        settings = {**SERVER_SETTINGS, "unix_socket_directories": str(base)}
        with (data / "postgresql.conf").open("a") as conf:
            conf.write("\n# escalation test server\n")
            conf.writelines(f"{key} = '{value}'\n" for key, value in settings.items())

        failures: list[str] = []
        for _attempt in range(START_ATTEMPTS):
            port = _free_port()
            start = runner.run(
                [
                    pg_ctl,
                    "start",
                    "--pgdata",
                    str(data),
                    "--log",
                    str(log),
                    "--wait",
                    "--timeout",
                    str(START_TIMEOUT_S),
                    "--options",
                    f"-p {port}",
                ]
            )
            if start.returncode == 0:
                started = True
                break
            # Most likely someone took the port between our probe and the bind: retry.
            failures.append(f"{_describe(start)}\nserver log:\n{_read_log(log)}")
        if not started:
            pytest.fail("pg_ctl start failed:\n" + "\n\n".join(failures), pytrace=False)
        yield PostgresServer(host=HOST, port=port, user=SUPERUSER)
    finally:
        try:
            if started:
                stop = runner.run([pg_ctl, "stop", "--pgdata", str(data), "--mode", "fast"])
                if stop.returncode != 0:
                    runner.run([pg_ctl, "stop", "--pgdata", str(data), "--mode", "immediate"])
        finally:
            shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole test session."""
    bindir = find_pg_bindir()
    if bindir is None:
        _unavailable(
            "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or under "
            "/usr/lib/postgresql/*/bin; install them (Debian: apt-get install postgresql)"
        )
    with running_server(bindir) as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL of the session database ``escalation_test`` on the test server."""
    postgres_server.create_database(SESSION_DATABASE)
    return postgres_server.url(SESSION_DATABASE)


@pytest.fixture
def postgres_db_url(postgres_server: PostgresServer) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty database of this test's own, dropped afterwards."""
    with postgres_server.temporary_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database of each kind, in turn: a SQLite file, then one on the session's server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.sqlite'}"
    made: str = request.getfixturevalue("postgres_db_url")
    return made
