"""The `escalation` command's root: global options, and every top-level command by name.

A command module is imported only when its command runs (or its own --help is asked): the
root's help lists the names and help texts of `COMMANDS` below without importing anything.
To add a top-level command, add one line to `COMMANDS` (its name, the loader that registers
it, its help text: the same text the module gives it; tests/unit/test_cli_lazy.py checks
that they agree). A command inside an existing group (`case do-many`, `letter batch`) needs
nothing here: its module registers it on the group's own Typer app as before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from escalation import __version__
from escalation.cli.lazy import LazyEntry, LazyGroup
from escalation.cli.state import AppState
from escalation.i18n import N_

Loader = Callable[[typer.Typer], None]


def _admin(target: typer.Typer) -> None:
    from escalation.cli import admin

    admin.register(target)


def _legal_time(target: typer.Typer) -> None:
    from escalation.cli import legal_time

    legal_time.register(target)


def _watch(target: typer.Typer) -> None:
    from escalation.cli import watch

    watch.register(target)


def _letters(target: typer.Typer) -> None:
    from escalation.cli import letters

    letters.register(target)


def _vovo(target: typer.Typer) -> None:
    from escalation.cli import vovo

    vovo.register(target)


def _findings(target: typer.Typer) -> None:
    from escalation.cli import findings

    findings.register(target)


def _dwangsom(target: typer.Typer) -> None:
    from escalation.cli import dwangsom, dwangsom_collect, dwangsom_verzoek

    dwangsom_collect.register(dwangsom.app)
    dwangsom_verzoek.register(dwangsom.app)
    target.add_typer(dwangsom.app, name="dwangsom", help=_HELP["dwangsom"])


def _group(name: str, module: str) -> Loader:
    """A loader for a module whose Typer `app` is the group `name` (help from this table)."""

    def load(target: typer.Typer) -> None:
        from importlib import import_module

        target.add_typer(import_module(module).app, name=name, help=_HELP[name])

    return load


# Every top-level command in the order of the help page: commands, then groups.
COMMANDS: tuple[LazyEntry, ...] = (
    LazyEntry(
        "init", _admin, N_("Create the database if it does not exist, or check that it is sound.")
    ),
    LazyEntry(
        "demo", _admin, N_("Build a fresh demo database and walk two real scenarios step by step.")
    ),
    LazyEntry(
        "term",
        _legal_time,
        N_("Compute the last day of a term as Dutch law counts it, and say why."),
    ),
    LazyEntry(
        "tick",
        _watch,
        N_("Check every deadline once: mark overdue, send due reminders, fire follow-ups."),
    ),
    LazyEntry(
        "deadlines",
        _watch,
        N_(
            "The agenda across all cases, soonest first, with days left and basis; a lapsed "
            "provider term shows as the next step for the inspectorate until it is taken. "
            "A page of 50 (--limit, --after), or --all."
        ),
    ),
    LazyEntry(
        "simulate",
        _watch,
        N_("Show day by day what the watch would do until a date, without changing anything."),
    ),
    LazyEntry(
        "reminders",
        _watch,
        N_(
            "The reminder outbox: every reminder claimed, with its mail status; a page of 50 "
            "(--limit, --after), or --all."
        ),
    ),
    LazyEntry(
        "incidents",
        _watch,
        N_(
            "Reminders that could not be sent, or whose run stopped while sending; each is "
            "retried on the next run."
        ),
    ),
    LazyEntry(
        "provider",
        _group("provider", "escalation.cli.providers"),
        N_("Register and look up providers."),
    ),
    LazyEntry(
        "case",
        _group("case", "escalation.cli.cases"),
        N_("Open cases, take actions, read their history."),
    ),
    LazyEntry(
        "signaal",
        _group("signaal", "escalation.cli.signals"),
        N_("Signals and thematic inspections: one linked case per subject, opened at once."),
    ),
    LazyEntry(
        "workflow",
        _group("workflow", "escalation.cli.workflows"),
        N_("Inspect and check workflow definitions."),
    ),
    LazyEntry(
        "organisation",
        _group("organisation", "escalation.cli.organisations"),
        N_("The inspectorates letters speak for: letterhead, bestuursorgaan, signatures."),
    ),
    LazyEntry(
        "besluit",
        _group("besluit", "escalation.cli.besluiten"),
        N_("The besluiten of the cases: kenmerk, status, bezwaar, publication."),
    ),
    LazyEntry(
        "bezwaar",
        _group("bezwaar", "escalation.cli.bezwaar"),
        N_("The bezwaar procedure: timeliness, beslistermijn, hoorzitting, beslissing."),
    ),
    LazyEntry(
        "audit",
        _group("audit", "escalation.cli.audit"),
        N_("Prove the history unaltered: verify its hash chains, anchor them, export a dossier."),
    ),
    LazyEntry(
        "dwangsom",
        _dwangsom,
        N_("The ledger of a last onder dwangsom: forfeitures, payments, prescription."),
    ),
    LazyEntry(
        "user",
        _group("user", "escalation.cli.users"),
        N_("The people of a team database: their roles and mandates."),
    ),
    LazyEntry("db", _admin, N_("The database's schema revision: upgrade, show.")),
    LazyEntry("calendar", _legal_time, N_("The Atw non-working days; export.")),
    LazyEntry("scheduler", _watch, N_("Run the deadline watch continuously.")),
    LazyEntry("letter", _letters, N_("Draft, edit, send and check the letters of a case.")),
    LazyEntry(
        "vovo",
        _vovo,
        N_("Voorlopige voorzieningen (Awb 8:81) against besluiten, and their uitspraak."),
    ),
    LazyEntry(
        "framework",
        _findings,
        N_("The norm frameworks (toetsingskaders): themes, norms, the judgement scale."),
    ),
    LazyEntry(
        "findings",
        _findings,
        N_("A case's findings per norm, their versions, and the hertoets per norm."),
    ),
)
_HELP = {entry.name: entry.help for entry in COMMANDS}


class RootGroup(LazyGroup):
    entries = COMMANDS


app = typer.Typer(
    cls=RootGroup,
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
