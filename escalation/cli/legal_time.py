"""`escalation term` (the term calculator) and `escalation calendar YEAR`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from escalation.cli.output import JsonOption, day, echo, echo_json
from escalation.cli.state import app as get_app
from escalation.cli.views import JSON_LANGUAGE
from escalation.i18n import N_, _, ngettext
from escalation.texts import render

if TYPE_CHECKING:
    from escalation.domain.atw import TermResult


def register(app: typer.Typer) -> None:
    app.command(
        "term", help=N_("Compute the last day of a term as Dutch law counts it, and say why.")
    )(term)
    app.add_typer(calendar_app, name="calendar", help=N_("The Atw non-working days; export."))


def term(
    ctx: typer.Context,
    start: Annotated[
        str,
        typer.Argument(
            metavar="START", help=N_("The event date (day 0), 2025-01-31 or 31-01-2025.")
        ),
    ],
    term_text: Annotated[
        str, typer.Argument(metavar="TERM", help=N_("e.g. '6 weken', '3 maanden'."))
    ],
    statutory: Annotated[
        bool,
        typer.Option("--statutory", help=N_("A term set in a wet: the Atw applies (default).")),
    ] = False,
    self_set: Annotated[
        bool, typer.Option("--self-set", help=N_("A term set by the inspectorate: no Atw."))
    ] = False,
    backwards: Annotated[bool, typer.Option(help=N_("Count back from START."))] = False,
    explain: Annotated[bool, typer.Option(help=N_("Show each step of the computation."))] = False,
    json: JsonOption = False,
) -> None:
    from escalation.domain.terms import parse_date, parse_term

    if statutory and self_set:
        raise typer.BadParameter(
            _("a term is either statutory or self-set."), param_hint="--self-set"
        )
    result = get_app(ctx).legal_time.term(
        parse_date(start), parse_term(term_text), statutory=not self_set, backwards=backwards
    )
    if json:
        echo_json(_term_json(result))
        return
    _echo_term(result, explain=explain)


def _echo_term(result: TermResult, *, explain: bool) -> None:
    from escalation.formatting import iso_day, long_day

    echo(f"{iso_day(result.end)}  {long_day(result.end)}")
    if explain:
        for step in result.steps:
            echo(f"  · {render(step)}")
    if result.warning:
        echo(_("Warning: {warning}").format(warning=render(result.warning)), err=True)


def _term_json(result: TermResult) -> dict[str, object]:
    return {
        "start": result.start,
        "term": str(result.term),
        "basis": result.basis.value,
        "backwards": result.backwards,
        "raw_end": result.raw_end,
        "end": result.end,
        "proposed": result.proposed,
        "warning": None if result.warning is None else render(result.warning, JSON_LANGUAGE),
        "steps": [render(step, JSON_LANGUAGE) for step in result.steps],
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


@calendar_app.command(
    "year",
    help=N_(
        "List the Atw non-working days of a year (besides Saturdays and Sundays), with sources."
    ),
)
def year(
    ctx: typer.Context,
    year_: Annotated[int, typer.Argument(metavar="YEAR", help=N_("e.g. 2026."))],
    json: JsonOption = False,
) -> None:
    days = get_app(ctx).legal_time.year(year_)
    if json:
        echo_json([{"date": d.day, "name": d.name, "source": d.source} for d in days])
        return
    for d in days:
        echo(f"{day(d.day)}  {d.name:<34} {d.source}")


@calendar_app.command(
    "export",
    help=N_("Export the open deadlines as an iCalendar (.ics) file for Outlook and others."),
)
def export(
    ctx: typer.Context,
    handler: Annotated[str | None, typer.Option(help=N_("Only the cases of this handler."))] = None,
    out: Annotated[Path | None, typer.Option("--out", help=N_("Write to this .ics file."))] = None,
) -> None:
    data, count = get_app(ctx).watch.export_calendar(handler=handler)
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)  # iCalendar: CRLF kept
        return
    out.write_bytes(data)
    echo(
        ngettext(
            "{count} deadline written to {path}.", "{count} deadlines written to {path}.", count
        ).format(count=count, path=out)
    )
