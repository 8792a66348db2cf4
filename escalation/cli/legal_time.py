"""`escalation term` (the term calculator) and `escalation calendar YEAR`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from escalation.cli.output import day, echo_json
from escalation.cli.state import app as get_app
from escalation.i18n import render

if TYPE_CHECKING:
    from escalation.domain.atw import TermResult


def register(app: typer.Typer) -> None:
    app.command("term")(term)
    app.add_typer(calendar_app, name="calendar", help="The Atw non-working days; export.")


def term(
    ctx: typer.Context,
    start: Annotated[
        str, typer.Argument(metavar="START", help="The event date YYYY-MM-DD (day 0).")
    ],
    term_text: Annotated[str, typer.Argument(metavar="TERM", help="e.g. '6 weken', '3 maanden'.")],
    statutory: Annotated[
        bool, typer.Option("--statutory", help="A term set in a wet: the Atw applies (default).")
    ] = False,
    self_set: Annotated[
        bool, typer.Option("--self-set", help="A term set by the inspectorate: no Atw.")
    ] = False,
    backwards: Annotated[bool, typer.Option(help="Count back from START.")] = False,
    explain: Annotated[bool, typer.Option(help="Show each step of the computation.")] = False,
    json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Compute the last day of a term as Dutch law counts it, and say why."""
    from escalation.domain.terms import parse_date, parse_term

    if statutory and self_set:
        raise typer.BadParameter("a term is either statutory or self-set.", param_hint="--self-set")
    result = get_app(ctx).legal_time.term(
        parse_date(start), parse_term(term_text), statutory=not self_set, backwards=backwards
    )
    if json:
        echo_json(_term_json(result))
        return
    typer.echo(f"{day(result.end)}  {result.end:%A %-d %B %Y}")
    if explain:
        for step in result.steps:
            typer.echo(f"  · {render(step)}")
    if result.warning:
        typer.echo(f"Warning: {render(result.warning)}", err=True)


def _term_json(result: TermResult) -> dict[str, object]:
    return {
        "start": result.start,
        "term": str(result.term),
        "basis": result.basis.value,
        "backwards": result.backwards,
        "raw_end": result.raw_end,
        "end": result.end,
        "proposed": result.proposed,
        "warning": None if result.warning is None else render(result.warning),
        "steps": [render(step) for step in result.steps],
    }


class YearFirstGroup(TyperGroup):
    """`escalation calendar 2026` reads as `escalation calendar year 2026`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # vendored click Context
        if args and args[0].lstrip("-").isdigit():
            args = ["year", *args]
        result: list[str] = super().parse_args(ctx, args)
        return result

    def format_usage(self, ctx: Any, formatter: Any) -> None:  # typer re-types click's Context
        formatter.write_usage(ctx.command_path, "YEAR [--json] | COMMAND [ARGS]...")


calendar_app = typer.Typer(cls=YearFirstGroup, no_args_is_help=True)


@calendar_app.command("year")
def year(
    ctx: typer.Context,
    year_: Annotated[int, typer.Argument(metavar="YEAR", help="e.g. 2026.")],
    json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """List the Atw non-working days of a year (besides Saturdays and Sundays), with sources."""
    days = get_app(ctx).legal_time.year(year_)
    if json:
        echo_json([{"date": d.day, "name": d.name, "source": d.source} for d in days])
        return
    for d in days:
        typer.echo(f"{day(d.day)}  {d.name:<34} {d.source}")


@calendar_app.command("export")
def export(
    ctx: typer.Context,
    handler: Annotated[str | None, typer.Option(help="Only this handler's cases.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this .ics file.")] = None,
) -> None:
    """Export the open deadlines as an iCalendar (.ics) file for Outlook and others."""
    data, count = get_app(ctx).watch.export_calendar(handler=handler)
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    out.write_bytes(data)
    typer.echo(f"{count} deadlines written to {out}.")
