"""The deadline watch: `tick`, `scheduler run`, `deadlines`, `simulate`, `reminders`, `incidents`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the deadline-watch commands to the main app (issue 4)."""
    del app
