"""Every command answers --help, and importing the CLI stays light."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
import typer.main

from escalation.cli import app
from tests.e2e.helpers import REPO, Cli, describe, ok
from tests.i18n_helpers import tr


def command_paths() -> Iterator[tuple[str, ...]]:
    """Every command and group below the root, as the words one types."""

    def walk(command: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, (*path, name))

    return walk(typer.main.get_command(app), ())


PATHS = list(command_paths())


def test_the_command_tree_has_every_documented_command() -> None:
    expected = {
        ("init",),
        ("demo",),
        ("term",),
        ("provider", "add"),
        ("provider", "list"),
        ("provider", "show"),
        ("case", "open"),
        ("case", "list"),
        ("case", "show"),
        ("case", "history"),
        ("case", "do"),
        ("workflow", "list"),
        ("workflow", "show"),
        ("workflow", "validate"),
        ("workflow", "diagram"),
        ("calendar", "year"),
    }
    assert expected <= set(PATHS)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "escalation")
def test_every_command_answers_help_with_exit_0(cli: Cli, path: tuple[str, ...]) -> None:
    result = ok(cli(*path, "--help"))

    assert tr("Usage: ").strip() in result.stdout, describe(result)
    assert "Traceback" not in result.output


def test_importing_the_cli_does_not_load_the_database_template_or_scheduler_libraries() -> None:
    probe = (
        "import sys, escalation.cli; print(any(m in sys.modules for m in "
        "('sqlmodel','sqlalchemy','jinja2','apscheduler')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False", done.stdout + done.stderr
