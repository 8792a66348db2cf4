"""The `escalation` command: a thin layer that parses, calls one use case and prints."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from escalation import __version__
from escalation.cli import (
    admin,
    audit,
    besluiten,
    bezwaar,
    cases,
    dwangsom,
    dwangsom_collect,
    dwangsom_verzoek,
    findings,
    legal_time,
    letters,
    organisations,
    providers,
    signals,
    users,
    vovo,
    watch,
    workflows,
)
from escalation.cli.output import EscalationGroup
from escalation.cli.state import AppState
from escalation.i18n import N_

app = typer.Typer(
    cls=EscalationGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help=N_(
        "Enforcement cases of the Dutch youth-care inspectorate: workflow, deadlines, history."
    ),
)


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="ESCALATION_DATABASE_URL",
            help=N_(
                "Database URL or SQLite file (default: escalation.sqlite in your data folder)."
            ),
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            envvar="ESCALATION_CONFIG",
            help=N_("Settings file (TOML); default: escalation.toml in your data folder."),
        ),
    ] = None,
    _version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=_print_version,
            help=N_("Print the version and exit."),
        ),
    ] = False,
) -> None:
    ctx.obj = AppState(database_url=_as_url(db), config=config)
    ctx.call_on_close(ctx.obj.close)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"escalation {__version__}")
        raise typer.Exit()


def _as_url(db: str | None) -> str | None:
    """A bare file path means an SQLite file; anything with '://' is a URL."""
    if db is None or "://" in db:
        return db
    return f"sqlite:///{db}"


app.add_typer(providers.app, name="provider", help=N_("Register and look up providers."))
app.add_typer(cases.app, name="case", help=N_("Open cases, take actions, read their history."))
app.add_typer(
    signals.app,
    name="signaal",
    help=N_("Signals and thematic inspections: one linked case per subject, opened at once."),
)
app.add_typer(workflows.app, name="workflow", help=N_("Inspect and check workflow definitions."))
app.add_typer(
    organisations.app,
    name="organisation",
    help=N_("The inspectorates letters speak for: letterhead, bestuursorgaan, signatures."),
)
app.add_typer(
    besluiten.app,
    name="besluit",
    help=N_("The besluiten of the cases: kenmerk, status, bezwaar, publication."),
)
app.add_typer(
    bezwaar.app,
    name="bezwaar",
    help=N_("The bezwaar procedure: timeliness, beslistermijn, hoorzitting, beslissing."),
)
dwangsom_collect.register(dwangsom.app)
dwangsom_verzoek.register(dwangsom.app)
app.add_typer(
    audit.app,
    name="audit",
    help=N_("Prove the history unaltered: verify its hash chains, anchor them, export a dossier."),
)
app.add_typer(
    dwangsom.app,
    name="dwangsom",
    help=N_("The ledger of a last onder dwangsom: forfeitures, payments, prescription."),
)
app.add_typer(
    users.app, name="user", help=N_("The people of a team database: their roles and mandates.")
)
admin.register(app)
legal_time.register(app)
watch.register(app)
letters.register(app)
vovo.register(app)
findings.register(app)


def main() -> None:
    app()
