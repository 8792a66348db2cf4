"""`escalation init` and `escalation demo`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import JsonOption, day, echo, echo_json
from escalation.cli.state import app as get_app
from escalation.cli.state import state
from escalation.cli.views import basis_text
from escalation.i18n import N_, _
from escalation.texts import render

if TYPE_CHECKING:
    from escalation.services.demo import DemoReport, DemoScenario


db_app = typer.Typer(no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command(
        "init", help=N_("Create the database if it does not exist, or check that it is sound.")
    )(init)
    app.add_typer(db_app, name="db", help=N_("The database's schema revision: upgrade, show."))
    app.command(
        "demo", help=N_("Build a fresh demo database and walk two real scenarios step by step.")
    )(demo)


def init(ctx: typer.Context) -> None:
    database = get_app(ctx).database
    result = database.init()
    echo(
        _("Database ready: {url} (schema version {revision}).").format(
            url=database.where(), revision=result.revision
        )
    )
    if not get_app(ctx).users.team():
        echo(
            _(
                "No users yet: a single jurist's database. To make it a team database, add its "
                "teamleider: escalation user add NAME --email ... --role teamleider --login LOGIN."
            )
        )


@db_app.command(
    "upgrade",
    help=N_("Bring a database made by an earlier release to the newest revision (copy it first)."),
)
def db_upgrade(ctx: typer.Context) -> None:
    database = get_app(ctx).database
    result = database.upgrade()
    if not result.changed:
        echo(
            _("{url} is already at the newest revision, {revision}.").format(
                url=database.where(), revision=result.after
            )
        )
        return
    echo(
        _("{url} upgraded from revision {before} to {after}.").format(
            url=database.where(), before=result.before, after=result.after
        )
    )


@db_app.command("current", help=N_("The database's schema revision and the newest one known."))
def db_current(ctx: typer.Context, json: JsonOption = False) -> None:
    database = get_app(ctx).database
    revision, head = database.current()
    if json:
        echo_json({"url": database.where(), "revision": revision, "head": head})
        return
    text = (
        _("{url}: revision {revision}, the newest.")
        if revision == head
        else _("{url}: revision {revision}; the newest is {head}: run `escalation db upgrade`.")
    )
    echo(text.format(url=database.where(), revision=revision, head=head))


@db_app.command("history", help=N_("The schema revisions, oldest first."))
def db_history(ctx: typer.Context, json: JsonOption = False) -> None:
    revisions = get_app(ctx).database.history()
    if json:
        echo_json([{"revision": r.revision, "down_revision": r.down_revision,
                    "message": r.message} for r in revisions])  # fmt: skip
        return
    for r in revisions:
        echo(f"{r.revision}  {r.message}")


def demo(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help=N_("SQLite file for the demo (default: demo.sqlite in your data folder).")
        ),
    ] = None,
) -> None:
    from escalation.bootstrap_demo import demo_database

    with demo_database(db, config=state(ctx).config) as (path, demo_app):
        echo(_("Demo database: {path}").format(path=path))
        ids = demo_app.run_demo(report=_print_step)
    _print_epilogue(path, ids)


def _print_step(report: DemoReport) -> None:
    step = report.step
    if report.scenario is not None:
        _print_heading(report, report.scenario)
    head = _("[case {case}, {provider}] {day} {action}").format(
        case=report.case_id, provider=report.alias, day=day(step.on), action=step.action
    )
    if report.refusal:
        echo(_("{step}: REFUSED, as the law requires.").format(step=head))
        echo(f"    {render(report.refusal)}")
        return
    echo(head if step.tick else f"{head}: {report.from_state} → {report.to_state}")
    if step.note:
        echo(f"    ({_(step.note)})")
    for line in report.lines:
        echo(f"    {render(line)}")
    for d in report.deadlines:
        deadline = _("deadline {kind}: {due}").format(kind=d.kind, due=day(d.due))
        echo(f"    {deadline} [{basis_text(d.basis.value, d.legal_basis)}]")
        if d.warning:
            echo(f"      ! {render(d.warning)}")
    if report.letter:
        echo(f"    {render(report.letter)}")


def _print_heading(report: DemoReport, scenario: DemoScenario) -> None:
    """The case's provider and title, and what the demo assumes where the seed is silent."""
    echo(
        "\n"
        + _("Case {case}: {provider} (KvK {kvk}): {title}").format(
            case=report.case_id,
            provider=report.provider,
            kvk=scenario.kvk,
            title=scenario.title,
        )
    )
    for note in scenario.notes:
        echo(f"  {_(note)}")


def _print_epilogue(path: Path, ids: dict[str, int]) -> None:
    focus, jbn = ids["focus"], ids["jbn"]
    echo("\n" + _("Done. Look at the result with the other commands, for example:"))
    echo(
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
