"""Typer's and Click's own messages follow escalation's language once typer_i18n is installed."""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
from collections.abc import Iterator
from typing import Annotated

import pytest
import typer
import typer.core
import typer.rich_utils
from typer.testing import CliRunner, Result

from escalation import i18n, typer_i18n
from escalation.i18n import set_language
from escalation.typer_i18n import translate_error

app = typer.Typer()


@app.command()
def term(
    start: Annotated[str, typer.Argument(metavar="START")],
    term_text: Annotated[str, typer.Argument(metavar="TERM")],
    count: int = 1,
) -> None:
    """Compute a term."""


@app.command()
def calendar() -> None:
    """List the feestdagen."""


@pytest.fixture
def installed() -> Iterator[None]:
    typer_i18n.install()
    yield
    typer_i18n.uninstall()


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="escalation")


def test_a_missing_argument_is_misuse_said_in_dutch(installed: None) -> None:
    set_language("nl")

    result = _run("term", "2025-01-31")

    assert result.exit_code == 2
    assert "Argument 'TERM' ontbreekt." in result.output
    assert "Gebruik: escalation term [OPTIONS] {START} {TERM}" in result.output
    assert "Zie 'escalation term --help' voor hulp." in result.output
    assert "─ Fout ─" in result.output
    assert "Missing" not in result.output


def test_help_is_framed_in_dutch(installed: None) -> None:
    set_language("nl")

    result = _run("term", "--help")

    assert result.exit_code == 0
    assert "Toon deze hulp en stop." in result.output
    assert "Gebruik: escalation term" in result.output
    assert "─ Argumenten ─" in result.output
    assert "─ Opties ─" in result.output
    assert "[verplicht]" in result.output
    assert "[standaard: 1]" in result.output


def test_the_same_in_english_when_the_language_is_english(installed: None) -> None:
    set_language("en")

    missing = _run("term", "2025-01-31")
    helped = _run("term", "--help")

    assert "Missing argument 'TERM'." in missing.output
    assert "Try 'escalation term --help' for help." in missing.output
    assert "Show this message and exit." in helped.output
    assert "Usage: escalation term" in helped.output


def test_the_language_can_change_after_install(installed: None) -> None:
    set_language("nl")
    dutch = _run("term", "--help").output
    set_language("en")
    english = _run("term", "--help").output
    set_language("nl")

    assert ("Toon deze hulp" in dutch, "Show this message" in english) == (True, True)
    assert "Toon deze hulp" in _run("term", "--help").output


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["term", "x", "y", "--bogus"], "Onbekende optie: --bogus"),
        (["term", "x", "y", "--count", "abc"], "Ongeldige waarde voor '--count': verwacht een"),
        (["term", "x", "y", "z"], "Onverwacht extra argument(en) (z)"),
        (["term", "x", "y", "--count"], "Optie '--count' vereist een waarde."),
        (["calender"], "Onbekende opdracht 'calender'. Bedoelt u 'calendar'?"),
        ([], "Er ontbreekt een opdracht."),
    ],
)
def test_usage_errors_are_said_in_dutch(installed: None, args: list[str], dutch: str) -> None:
    set_language("nl")

    result = _run(*args)

    assert result.exit_code == 2
    assert dutch in " ".join(result.output.replace("│", "").split())


def test_uninstall_gives_typer_its_english_back() -> None:
    typer_i18n.install()
    typer_i18n.uninstall()
    set_language("nl")

    result = _run("term", "2025-01-31")

    assert "Missing argument 'TERM'." in result.output
    assert "Usage: escalation term" in result.output
    assert vars(typer.core)["_"] is not i18n._
    assert "format_message" not in vars(typer._click.exceptions.ClickException)


def test_install_twice_is_installing_once(installed: None) -> None:
    patches = len(typer_i18n._PATCHES)

    typer_i18n.install()

    assert len(typer_i18n._PATCHES) == patches


def test_rich_utils_imported_after_install_is_translated_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The CLI loads typer.rich_utils only to show help or an error: install() must not need it.
    monkeypatch.delitem(sys.modules, "typer.rich_utils")
    monkeypatch.delattr(typer, "rich_utils")
    typer_i18n.install()
    try:
        fresh = importlib.import_module("typer.rich_utils")
        set_language("nl")
        fresh.rich_abort_error()
        title = fresh.ERRORS_PANEL_TITLE
    finally:
        typer_i18n.uninstall()

    assert (title, fresh.ERRORS_PANEL_TITLE) == ("Fout", "Error")
    assert not any(isinstance(f, typer_i18n._RichUtilsFinder) for f in sys.meta_path)


def test_translate_error_translates_inside_out() -> None:
    set_language("nl")

    text = translate_error("Invalid value for '--f': path '/nergens' does not exist.")

    assert text == "Ongeldige waarde voor '--f': pad '/nergens' bestaat niet."


def test_translate_error_leaves_what_it_does_not_know() -> None:
    set_language("nl")

    assert translate_error("Something new from Typer.") == "Something new from Typer."


def test_every_message_typer_marks_for_gettext_is_one_we_translate() -> None:
    ours = {*typer_i18n.TYPER_MESSAGES, *typer_i18n.RICH_CONSTANTS.values()}

    marked = _gettext_calls(typer.core) | _gettext_calls(typer.rich_utils)

    assert marked <= ours, f"Typer has new messages to translate: {sorted(marked - ours)}"


def test_the_rich_constants_we_set_are_typers_english_text() -> None:
    english = {name: getattr(typer.rich_utils, name) for name in typer_i18n.RICH_CONSTANTS}

    assert english == typer_i18n.RICH_CONSTANTS


def _gettext_calls(module: object) -> set[str]:
    tree = ast.parse(inspect.getsource(module))  # type: ignore[arg-type]
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }
