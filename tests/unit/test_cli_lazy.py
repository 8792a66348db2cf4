"""The command line starts light: command modules load on use, the top-level help from a cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from escalation.cli.lazy import LazyCommand, build
from escalation.cli.root import COMMANDS

REPO = Path(__file__).resolve().parents[2]

# Prints the page (stdout), then on stderr which heavy modules were loaded and the exit code.
PROBE = """
import sys
sys.argv = ["escalation", *sys.argv[1:]]
from escalation.cli import main
code = 0
try:
    main()
except SystemExit as done:
    code = done.code
loaded = sorted(m for m in sys.modules if m.startswith(("escalation.cli.", "typer", "rich")))
print(code, *loaded, file=sys.stderr)
"""


def run(*args: str, cache: Path, lang: str = "nl") -> tuple[str, int, set[str]]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "ESCALATION_LANG": lang, "COLUMNS": "90"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
        check=False,
    )
    code, *loaded = done.stderr.strip().splitlines()[-1].split()
    return done.stdout, int(code), set(loaded)


@pytest.mark.parametrize("entry", COMMANDS, ids=lambda e: e.name)
def test_the_root_table_says_what_each_module_says(entry: object) -> None:
    """The help on the root's page (the table) is the help the command itself carries."""
    assert not isinstance(build(entry), LazyCommand)  # type: ignore[arg-type]
    assert build(entry).help == entry.help  # type: ignore[arg-type, attr-defined]


def test_the_second_top_level_help_is_the_first_without_typer(tmp_path: Path) -> None:
    first, first_code, first_loaded = run("--help", cache=tmp_path)
    second, second_code, second_loaded = run("--help", cache=tmp_path)

    assert (first_code, second_code) == (0, 0)
    assert "Gebruik: escalation" in first
    assert second == first
    assert "escalation.cli.cases" not in first_loaded  # the first run: no command module
    assert second_loaded == {"escalation.cli.fast_help"}  # the second: no typer, no rich


def test_the_cached_help_follows_the_language(tmp_path: Path) -> None:
    run("--help", cache=tmp_path, lang="nl")
    run("--help", cache=tmp_path, lang="en")

    dutch, _code, _loaded = run("--help", cache=tmp_path, lang="nl")
    english, _code, loaded = run("--help", cache=tmp_path, lang="en")

    assert "Gebruik: escalation" in dutch
    assert "Usage: escalation" in english
    assert "Enforcement cases" in english
    assert "typer" not in loaded


def test_a_group_help_imports_only_that_group(tmp_path: Path) -> None:
    page, code, loaded = run("case", "--help", cache=tmp_path)

    assert code == 0
    assert "Gebruik: escalation case" in page
    assert "escalation.cli.cases" in loaded
    assert not {"escalation.cli.besluiten", "escalation.cli.letters", "escalation.cli.watch"} & (
        loaded
    )
    assert not (tmp_path / "escalation").exists()  # only the top-level page is kept


def test_completions_and_the_bare_command_never_come_from_the_cache(tmp_path: Path) -> None:
    """`escalation` alone is how the shell asks for completions: the answer depends on what
    was typed (COMP_WORDS), so it is never kept nor replayed."""
    env = {"_ESCALATION_COMPLETE": "complete_bash", "COMP_CWORD": "2"}
    for words, expected in (("escalation ca", "case"), ("escalation case d", "do")):
        cwords = {**env, "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
        done = subprocess.run(
            [sys.executable, "-c", PROBE],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path), **cwords},
            timeout=60,
            check=False,
        )
        assert expected in done.stdout.split(), done.stdout

    assert not (tmp_path / "escalation").exists()
