"""The `escalation` command: a thin layer that parses, calls one use case and prints.

This package's own import is light: `main` answers the top-level help from a cache when it
can (escalation.cli.fast_help) and otherwise runs the root app (escalation.cli.root), which
imports a command's module only when that command is used.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # importing typing costs start-up time; mypy knows this name
if TYPE_CHECKING:
    from typing import Any

    import typer

    app: typer.Typer


def main() -> None:
    from escalation.cli import fast_help

    if fast_help.answer(sys.argv[1:]):
        return
    from escalation.cli.root import app as root

    if fast_help.wanted(sys.argv[1:]):
        fast_help.record(root)
        return
    root()


def __getattr__(name: str) -> Any:
    if name == "app":  # `from escalation.cli import app` (the tests, the runners)
        from escalation.cli.root import app as root

        return root
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
