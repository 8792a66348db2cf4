"""README.md, "PostgreSQL for a team": its five commands, run against the session's PostgreSQL
server, in processes of their own (the URL in the README replaced by the test database's).

After the set-up the database is a team database: the user added acts, an unknown login is
refused.
"""

from __future__ import annotations

import re
import shlex
import signal
import subprocess
import sys
from pathlib import Path

from tests.faults.conftest import DEADLINE_S, environment, wait_until

README = Path(__file__).resolve().parents[2] / "README.md"
PLACEHOLDER = "postgresql+psycopg://escalation@db.igj.example/escalation"


def team_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## PostgreSQL for a team", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "README: the team set-up lost its commands"
    return [line for line in block.group(1).splitlines() if line.strip()]


def escalation_argv(line: str, url: str) -> list[str]:
    words = shlex.split(line.replace(PLACEHOLDER, url))
    assert words[0] == "escalation", line
    return [sys.executable, "-m", "escalation", *words[1:]]


def run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, env=env, capture_output=True, text=True, timeout=DEADLINE_S, check=False
    )


def scheduler_runs(argv: list[str], env: dict[str, str], log: Path) -> str:
    """Start the scheduler, wait for its first run, stop it (SIGTERM): its log."""
    with log.open("wb") as out:
        process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: " tick " in log.read_text(), what=f"the scheduler's first run: {log}")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=DEADLINE_S) == 0
    finally:
        if process.poll() is None:
            process.kill()
    return log.read_text()


def test_the_readmes_five_team_commands_set_up_a_postgresql_database(
    postgres_db_url: str, tmp_path: Path
) -> None:
    lines = team_commands()
    env = {k: v for k, v in environment(25).items() if k != "ESCALATION_DATABASE_URL"}
    assert len(lines) == 5, lines
    assert lines[0] == 'pip install "escalation[postgres]"'  # installed here: the test extras
    for line in lines[1:]:
        if line.startswith("export "):
            name, value = line.removeprefix("export ").split("=", 1)
            env[name] = value.replace(PLACEHOLDER, postgres_db_url)
            continue
        argv = escalation_argv(line, postgres_db_url)
        command = argv[5:] if argv[3] == "--db" else argv[3:]
        if command == ["scheduler", "run"]:
            log = scheduler_runs(argv, env, tmp_path / "scheduler.log")
            assert "scheduler started" in log and "Traceback" not in log, log
            continue
        done = run(argv, env)
        assert done.returncode == 0, f"{line}\n{done.stdout}{done.stderr}"

    # A jurist with only the environment set reaches the team database.
    assert env["ESCALATION_DATABASE_URL"] == postgres_db_url
    current = run([sys.executable, "-m", "escalation", "db", "current"], env)
    listed = run([sys.executable, "-m", "escalation", "case", "list", "--json"], env)
    assert current.returncode == 0 and listed.returncode == 0, current.stderr + listed.stderr
    assert listed.stdout.strip() == "[]"
    # The user the README added acts; a login that is no user of the team is refused.
    escalation = [sys.executable, "-m", "escalation"]
    provider = ["provider", "add", "Zorg B.V.", "--kvk", "12345678", "--kind", "jeugdhulpaanbieder"]
    assert run([*escalation, *provider], {**env, "ESCALATION_USER": "adevries"}).returncode == 0
    case_open = [*escalation, "case", "open", "--provider", "12345678", "--on", "2025-01-06"]
    opened = run(case_open, {**env, "ESCALATION_USER": "adevries"})
    stranger = run(case_open, {**env, "ESCALATION_USER": "nobody"})
    assert opened.returncode == 0, opened.stderr
    assert stranger.returncode == 1 and "Traceback" not in stranger.stderr, stranger.stderr
