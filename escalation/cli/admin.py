"""`escalation init` and `escalation demo`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import day
from escalation.cli.state import AppState, state

if TYPE_CHECKING:
    from escalation.services.demo import DemoReport


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("demo")(demo)


def init(ctx: typer.Context) -> None:
    """Create the database if it does not exist, or check that it is a sound one."""
    from escalation.storage.db import check_schema

    services = state(ctx).services()
    version = check_schema(services.engine)
    url = services.engine.url.render_as_string(hide_password=True)
    typer.echo(f"Database ready: {url} (schema version {version}).")


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
    from escalation.config import default_data_dir
    from escalation.services.demo import run_demo

    path = db or default_data_dir() / "demo.sqlite"
    if db is not None and path.exists():
        typer.echo(
            f"Error: {path} exists; the demo builds a fresh database. Choose another file.",
            err=True,
        )
        raise typer.Exit(1)
    path.unlink(missing_ok=True)
    st = AppState(database_url=f"sqlite:///{path}")
    services = st.services()
    typer.echo(f"Demo database: {path}\n")
    ids = run_demo(
        uow_factory=services.uow,
        catalog=services.catalog,
        calendar=services.calendar,
        now=services.clock.now(),
        report=_print_step,
        renderer=services.renderer,
    )
    _print_epilogue(path, ids)
    services.dispose()
    del ctx


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
            typer.echo(f"      ! {d.warning}")
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
