"""`escalation init` and `escalation demo`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import day
from escalation.cli.state import app as get_app
from escalation.cli.state import state
from escalation.i18n import render

if TYPE_CHECKING:
    from escalation.services.demo import DemoReport


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("demo")(demo)


def init(ctx: typer.Context) -> None:
    """Create the database if it does not exist, or check that it is a sound one."""
    status = get_app(ctx).database.init()
    typer.echo(f"Database ready: {status.url} (schema version {status.revision}).")


def demo(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="SQLite file for the demo (default: demo.sqlite in your data folder)."
        ),
    ] = None,
) -> None:
    """Build a fresh demo database and walk two real scenarios step by step."""
    from escalation.bootstrap import demo_database

    with demo_database(db, config=state(ctx).config) as (path, demo_app):
        typer.echo(f"Demo database: {path}\n")
        ids = demo_app.run_demo(report=_print_step)
    _print_epilogue(path, ids)


def _print_step(report: DemoReport) -> None:
    step = report.step
    head = f"[case {report.case_id}] {day(step.on)} {step.action}"
    if report.refusal:
        typer.echo(f"{head}: REFUSED, as the law requires.\n    {report.refusal}")
        return
    typer.echo(f"{head}: {report.from_state} → {report.to_state}")
    if step.note:
        typer.echo(f"    ({step.note})")
    for d in report.deadlines:
        legal = f", {d.legal_basis}" if d.legal_basis else ""
        typer.echo(f"    deadline {d.kind}: {day(d.due)} [{d.basis}{legal}]")
        if d.warning:
            typer.echo(f"      ! {render(d.warning)}")
    if report.letter:
        typer.echo(f"    {report.letter}")


def _print_epilogue(path: Path, ids: dict[str, int]) -> None:
    focus, jbn = ids["focus"], ids["jbn"]
    typer.echo(
        "\nDone. Look at the result with the other commands, for example:\n"
        f"  escalation --db {path} case list\n"
        f"  escalation --db {path} case show {focus}\n"
        f"  escalation --db {path} case show {jbn} --json\n"
        f"  escalation --db {path} case history {focus}\n"
        f"  escalation --db {path} letter list {focus}\n"
        f"  escalation --db {path} letter make {focus} aanwijzing --format pdf --out .\n"
        f"  escalation --db {path} deadlines --today 2025-04-20\n"
        f"  escalation --db {path} simulate --today 2025-04-20 --until 2025-05-05\n"
        f"  escalation --db {path} workflow diagram jeugdwet --case {jbn}"
    )
