"""`escalation letter batch TEMPLATE --cases ...|--signaal ...|--state ... --out DIR`.

One draft letter per case, its file written to the folder; a summary at the end: how many were
made, and per case left out, why. Exit 0 when every selected case got its letter, 1 when one
or more did not (the others are made all the same: a script sees the failure, a jurist reads
which cases to look at).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.letters import app
from escalation.cli.output import echo, parse_sets
from escalation.cli.progress import progress
from escalation.cli.selection import CasesOption, SignalOption, StateOption, selection_from
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.domain.letters import LetterFormat
from escalation.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from escalation.services.letter_batch import BatchResult

OPTIONS = "--cases, --signaal, --state"


@app.command(
    "batch",
    help=N_(
        "Draft one letter per case and write the files to a folder: the cases given, those of a "
        "signal, or those in a state. A case whose letter cannot be made is named in the "
        "summary; the others are made."
    ),
)
def batch(
    ctx: typer.Context,
    template: Annotated[
        str, typer.Argument(metavar="TEMPLATE", help=N_("The letter, e.g. aanwijzing."))
    ],
    out: Annotated[
        Path, typer.Option("--out", help=N_("Folder to write the files to (created if needed)."))
    ],
    cases: CasesOption = None,
    signal: SignalOption = None,
    state: StateOption = None,
    fmt: Annotated[
        LetterFormat, typer.Option("--format", help=N_("Output format."))
    ] = LetterFormat.PDF,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help=N_("A field of every letter NAME=VALUE or NAME=@FILE (e.g. aanleiding=...)."),
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help=N_("Dagtekening (default: each action's date).")),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help=N_("Who issues them (default: you)."))
    ] = None,
) -> None:
    selection = selection_from(cases=cases, signal=signal, state=state, options=OPTIONS)
    letters = get_app(ctx).letters
    inputs, day = parse_sets(set_), parse_day(ctx, on)
    result = letters.batch(
        template, selection, fmt=fmt, out=out, inputs=inputs, on=day, by=by,
        bar=lambda total: progress(total, _("Letters")),
    )  # fmt: skip
    _summary(result, template=template, out=out)
    if result.failed:
        raise typer.Exit(1)


def _summary(result: BatchResult, *, template: str, out: Path) -> None:
    made = len(result.made)
    echo(
        ngettext(
            "{made} of {n} letters '{template}' made (drafts) in {out}.",
            "{made} of {n} letters '{template}' made (drafts) in {out}.",
            result.selected,
        ).format(made=made, n=result.selected, template=template, out=out)
    )
    if result.failed:
        n = len(result.failed)
        not_made = ngettext("Not made for {n} case:", "Not made for {n} cases:", n)
        echo(not_made.format(n=n), err=True)
        for case_id, reason in result.failed:
            echo("  " + _("case {case}: {reason}").format(case=case_id, reason=reason), err=True)
    if made:
        echo(
            _(
                "Review them (`escalation letter list CASE`), then send each with "
                "`escalation letter send LETTER`."
            )
        )
