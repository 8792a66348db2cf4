"""`escalation init` and `escalation demo`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import day
from escalation.cli.state import app as get_app
from escalation.cli.state import state
from escalation.cli.views import basis_text
from escalation.i18n import N_, _
from escalation.texts import render

if TYPE_CHECKING:
    from escalation.services.demo import DemoReport


def register(app: typer.Typer) -> None:
    app.command(
        "init", help=N_("Create the database if it does not exist, or check that it is sound.")
    )(init)
    app.command(
        "demo", help=N_("Build a fresh demo database and walk two real scenarios step by step.")
    )(demo)


def init(ctx: typer.Context) -> None:
    status = get_app(ctx).database.init()
    typer.echo(
        _("Database ready: {url} (schema version {revision}).").format(
            url=status.url, revision=status.revision
        )
    )


def demo(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help=N_("SQLite file for the demo (default: demo.sqlite in your data folder).")
        ),
    ] = None,
) -> None:
    from escalation.bootstrap import demo_database

    with demo_database(db, config=state(ctx).config) as (path, demo_app):
        typer.echo(_("Demo database: {path}").format(path=path) + "\n")
        ids = demo_app.run_demo(report=_print_step)
    _print_epilogue(path, ids)


def _print_step(report: DemoReport) -> None:
    step = report.step
    head = _("[case {case}] {day} {action}").format(
        case=report.case_id, day=day(step.on), action=step.action
    )
    if report.refusal:
        typer.echo(_("{step}: REFUSED, as the law requires.").format(step=head))
        typer.echo(f"    {render(report.refusal)}")
        return
    typer.echo(f"{head}: {report.from_state} → {report.to_state}")
    if step.note:
        typer.echo(f"    ({_(step.note)})")
    for d in report.deadlines:
        deadline = _("deadline {kind}: {due}").format(kind=d.kind, due=day(d.due))
        typer.echo(f"    {deadline} [{basis_text(d.basis.value, d.legal_basis)}]")
        if d.warning:
            typer.echo(f"      ! {render(d.warning)}")
    if report.letter:
        typer.echo(f"    {render(report.letter)}")


def _print_epilogue(path: Path, ids: dict[str, int]) -> None:
    focus, jbn = ids["focus"], ids["jbn"]
    typer.echo("\n" + _("Done. Look at the result with the other commands, for example:"))
    typer.echo(
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
