"""`escalation letter send | render | edit`: a draft reviewed, edited, and sent once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer

from escalation.cli.letters import OutOption, app, status_label
from escalation.cli.output import echo
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.domain.errors import EscalationError
from escalation.domain.letters import LetterError, LetterFormat, missing_message
from escalation.domain.limits import MAX_ID
from escalation.formatting import long_date
from escalation.i18n import N_, _
from escalation.services.letter_drafts import finish_hint

if TYPE_CHECKING:
    from escalation.domain.letters import TemplateSpec
    from escalation.services.drafting import Composed

LetterArg = Annotated[
    int,
    typer.Argument(
        metavar="LETTER", help=N_("The letter id (see `letter list CASE`)."), min=1, max=MAX_ID
    ),
]
ByOption = Annotated[str | None, typer.Option("--by", help=N_("Who does it (default: you)."))]


@app.command(
    "send",
    help=N_(
        "Send a draft: it is rendered, frozen and recorded in the case history once; it never "
        "changes again."
    ),
)
def send(
    ctx: typer.Context,
    letter: LetterArg,
    on: Annotated[
        str | None,
        typer.Option("--on", help=N_("Dagtekening and day of sending (default: the draft's).")),
    ] = None,
    fmt: Annotated[
        LetterFormat | None,
        typer.Option("--format", help=N_("Format to send (default: the draft's).")),
    ] = None,
    out: OutOption = None,
    by: ByOption = None,
) -> None:
    record, path = get_app(ctx).letters.send(letter, on=parse_day(ctx, on), fmt=fmt, by=by, out=out)
    echo(
        _("Letter {letter} sent: {template} ({format}), dagtekening {day}.").format(
            letter=letter,
            template=record.template,
            format=record.format.value,
            day=long_date(record.on),
        )  # fmt: skip
    )
    if path is not None:
        echo(_("Written to {path}").format(path=path))


@app.command(
    "render",
    help=N_(
        "Write a letter's file in any format; a draft stays one letter, a sent letter does not "
        "change."
    ),
)
def render(
    ctx: typer.Context,
    letter: LetterArg,
    fmt: Annotated[
        LetterFormat, typer.Option("--format", help=N_("Output format."))
    ] = LetterFormat.PDF,
    out: OutOption = None,
) -> None:
    record, path = get_app(ctx).letters.render(letter, fmt=fmt, out=out or Path.cwd())
    echo(
        _("Letter {letter} ({status}): {template} ({format})").format(
            letter=letter, status=status_label(record), template=record.template, format=fmt.value
        )
    )
    echo(_("Written to {path}").format(path=path))


@app.command(
    "edit",
    help=N_(
        "Edit the fields you write in a draft (aanleiding, dictum, ...) in $EDITOR, as a YAML "
        "document with Markdown text; checked when you save."
    ),
)
def edit(ctx: typer.Context, letter: LetterArg, by: ByOption = None) -> None:
    from escalation.bootstrap import letter_fields

    letters = get_app(ctx).letters
    record, spec = letters.fields(letter)
    if record.sent:
        raise LetterError(_("Letter {letter} was sent and never changes.").format(letter=letter))
    heading = _("Letter {letter}: {template}, {title} (draft, case {case}).").format(
        letter=letter, template=spec.name, title=spec.title, case=record.case_id
    )
    fields = [(i.name, i.help, str(record.context.get(i.name, ""))) for i in spec.inputs]
    made = _edit_until_valid(
        ctx, letter, spec, letter_fields.fields_document(heading, fields), by=by
    )
    echo(_("Letter {letter} (draft) stored.").format(letter=letter))
    _echo_next(made, spec, letter)


def _edit_until_valid(
    ctx: typer.Context, letter: int, spec: TemplateSpec, document: str, *, by: str | None
) -> Composed:
    """Open the editor until the document is stored; unchanged or empty: nothing is stored."""
    from escalation.bootstrap import letter_fields

    names = [i.name for i in spec.inputs]
    shown = document
    while True:
        edited = click.edit(shown, extension=".yaml", require_save=False)
        if edited is None or edited == shown:
            _abort(_("The document was not changed"))
        text = letter_fields.without_problem(edited or "")
        origin = _("letter {letter}").format(letter=letter)
        try:
            values = letter_fields.parse_fields(text, names, origin=origin)
            if values is None:
                _abort(_("The document is empty"))
            return get_app(ctx).letters.edit(letter, values or {}, by=by)
        except EscalationError as err:
            problem = _at_line(str(err), text, names, origin)
            echo(problem, err=True)
            shown = letter_fields.with_problem(text, problem)


def _at_line(problem: str, text: str, names: list[str], origin: str) -> str:
    """A fault in a field's value, with the line the field starts on."""
    from escalation.bootstrap import letter_fields

    for name in names:
        if f"'{name}'" in problem and origin not in problem:
            return _("{file}, line {line}: {problem}").format(
                file=origin, line=letter_fields.line_of(text, name), problem=problem
            )
    return problem


def _abort(why: str) -> None:
    echo(_("{why}: nothing was stored.").format(why=why), err=True)
    raise typer.Exit(1)


def _echo_next(made: Composed, spec: TemplateSpec, letter: int) -> None:
    if made.missing:
        echo(missing_message(spec.name, made.missing))
        echo(finish_hint(letter))
        return
    echo(_("Review it, then send it with `escalation letter send {letter}`.").format(
        letter=letter
    ))  # fmt: skip
