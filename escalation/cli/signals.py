"""`escalation signaal open | show | list`: a signal or thematic inspection over many subjects."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from escalation.cli.locations import location_json
from escalation.cli.output import ByOption, JsonOption, OnOption, day, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.domain.errors import InvalidInputError
from escalation.domain.limits import MAX_ID
from escalation.domain.subjects import Signal, SignalCase
from escalation.i18n import N_, _
from escalation.services.signals import SignalSubject, subjects_from_csv, subjects_from_list

app = typer.Typer(no_args_is_help=True)

# A CSV of subjects for a signal of a few thousand lines at most.
MAX_CSV_BYTES = 1_000_000

SignalArg = Annotated[
    int,
    typer.Argument(
        metavar="SIGNAL", help=N_("The signal's number (see `escalation signaal list`)."),
        min=1, max=MAX_ID,
    ),
]  # fmt: skip

SubjectsOption = Annotated[
    str | None,
    typer.Option(
        "--subjects", help=N_("KvK numbers or codes separated by commas: 12345678,GM0363,JB06.")
    ),
]
SourceOption = Annotated[
    Path | None,
    typer.Option(
        "--from",
        metavar="FILE.csv",
        help=N_("A CSV file: per line a KvK number or code and, optionally, a location."),
    ),
]


@app.command(
    "open",
    help=N_(
        "Open a signal or thematic inspection: one linked case per subject, all in one "
        "transaction (one subject that cannot be taken refuses the whole signal)."
    ),
)
def open_(
    ctx: typer.Context,
    title: Annotated[str, typer.Option("--title", help=N_("Title of the signal and its cases."))],
    subjects: SubjectsOption = None,
    source: SourceOption = None,
    workflow: Annotated[str, typer.Option("--workflow", help=N_("Workflow name."))] = "jeugdwet",
    handler: Annotated[
        str | None, typer.Option("--handler", help=N_("Responsible jurist."))
    ] = None,
    on: OnOption = None,
    by: ByOption = None,
) -> None:
    items = _subjects(subjects, source)
    signal_id, cases = get_app(ctx).subjects.open_signal(
        title, items, workflow=workflow, on=parse_day(ctx, on), handler=handler, by=by
    )
    echo(
        _("Signal {signal} opened {count} cases: {first} to {last}.").format(
            signal=signal_id, count=len(cases), first=cases[0], last=cases[-1]
        )
    )


def _subjects(subjects: str | None, source: Path | None) -> list[SignalSubject]:
    if (subjects is None) == (source is None):
        raise typer.BadParameter(
            _("give either --subjects KVK,KVK,... or --from FILE.csv."), param_hint="--subjects"
        )
    if subjects is not None:
        return subjects_from_list(subjects)
    assert source is not None
    try:
        if source.stat().st_size > MAX_CSV_BYTES:
            raise InvalidInputError(
                _("{file} is larger than 1 MB; split the signal's subjects.").format(file=source)
            )
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInputError(
            _("Cannot read {file}: {problem}.").format(file=source, problem=err)
        ) from None
    return subjects_from_csv(text, origin=source.name)


@app.command("show", help=N_("Show a signal and how each of its cases stands."))
def show(ctx: typer.Context, signal: SignalArg, json: JsonOption = False) -> None:
    found = get_app(ctx).subjects.signal(signal)
    if json:
        echo_json(_signal_json(found))
        return
    echo(
        _("Signal {signal}: {title} (opened {on} by {by}, workflow {workflow}).").format(
            signal=found.id, title=found.title, on=day(found.opened_on), by=found.by,
            workflow=found.workflow,
        )
    )  # fmt: skip
    table(
        [_("CASE"), _("SUBJECT"), _("NAME"), _("LOCATION"), _("STATE"), _("LAST ACTION")],
        [
            (c.case_id, c.provider, c.provider_name, c.location.label if c.location else None,
             c.state, _last(c))
            for c in found.cases
        ],
    )  # fmt: skip
    states: dict[str, int] = {}
    for c in found.cases:
        states[c.state] = states.get(c.state, 0) + 1
    echo(
        _("{count} cases; by state: {states}.").format(
            count=len(found.cases), states=", ".join(f"{s} {n}" for s, n in sorted(states.items()))
        )
    )


def _last(case: SignalCase) -> str | None:
    if case.last_action is None:
        return None
    return f"{case.last_action} ({day(case.last_on)})"


def _signal_json(signal: Signal) -> dict[str, object]:
    return {
        "id": signal.id,
        "title": signal.title,
        "workflow": signal.workflow,
        "opened_on": signal.opened_on,
        "by": signal.by,
        "cases": [
            {
                "case": c.case_id,
                "provider": {"id": c.provider, "name": c.provider_name},
                "location": location_json(c.location) if c.location else None,
                "state": c.state,
                "last_action": c.last_action,
                "last_on": c.last_on,
            }
            for c in signal.cases
        ],
    }


@app.command("list", help=N_("List the signals and how many cases each opened."))
def list_(ctx: typer.Context, json: JsonOption = False) -> None:
    found = get_app(ctx).subjects.signals()
    if json:
        echo_json(
            [{"id": s.id, "title": s.title, "opened_on": s.opened_on, "cases": n} for s, n in found]
        )
        return
    table(
        [_("SIGNAL"), _("OPENED"), _("CASES"), _("TITLE")],
        [(s.id, day(s.opened_on), n, s.title) for s, n in found],
    )
