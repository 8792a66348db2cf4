"""The deadline watch: tick, scheduler, agenda, simulation, reminders and incidents."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the deadline-watch commands to the main app (issue 4)."""
    del app
