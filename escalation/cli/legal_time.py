"""`escalation term` (the term calculator) and `escalation calendar YEAR`."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from escalation.cli.output import day, echo_json
from escalation.cli.state import state


def register(app: typer.Typer) -> None:
    app.command("term")(term)
    app.add_typer(calendar_app, name="calendar", help="The Atw non-working days; export.")


def term(
    ctx: typer.Context,
    start: Annotated[str, typer.Argument(help="The event date YYYY-MM-DD (day 0).")],
    term_text: Annotated[
        str | None, typer.Argument(metavar="TERM", help="e.g. '6 weken', '3 maanden'.")
    ] = None,
    statutory: Annotated[
        bool,
        typer.Option(
            "--statutory/--self-set",
            help="A term set in a wet (Atw applies; the default) or set by the inspectorate.",
        ),
    ] = True,
    backwards: Annotated[bool, typer.Option(help="Count back from START.")] = False,
    explain: Annotated[bool, typer.Option(help="Show each step of the computation.")] = False,
    json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Compute the last day of a term as Dutch law counts it, and say why."""
    from escalation.domain.atw import TermBasis, compute_term
    from escalation.domain.errors import InvalidInputError
    from escalation.domain.terms import parse_date, parse_term

    if term_text is None:
        raise InvalidInputError(
            "Give the start date and the term, e.g. escalation term 2025-11-13 '6 weken'. "
            "A term counted backwards needs the date it counts back from."
        )
    basis = TermBasis.STATUTORY if statutory else TermBasis.SELF_SET
    result = compute_term(
        parse_date(start),
        parse_term(term_text),
        basis=basis,
        calendar=state(ctx).services().calendar,
        backwards=backwards,
    )
    if json:
        echo_json(
            {
                "start": result.start,
                "term": str(result.term),
                "basis": result.basis.value,
                "backwards": result.backwards,
                "raw_end": result.raw_end,
                "end": result.end,
                "proposed": result.proposed,
                "warning": result.warning,
                "steps": list(result.steps),
            }
        )
        return
    typer.echo(f"{day(result.end)}  {result.end:%A %-d %B %Y}")
    if explain:
        for step in result.steps:
            typer.echo(f"  · {step}")
    if result.warning:
        typer.echo(f"Warning: {result.warning}", err=True)


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
    days = state(ctx).services().calendar.feestdagen(year_)
    if json:
        echo_json([{"date": d.day, "name": d.name, "source": d.source} for d in days])
        return
    for d in days:
        typer.echo(f"{day(d.day)}  {d.name:<34} {d.source}")
