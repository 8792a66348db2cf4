"""`escalation letter make | list | show | templates | lint`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import (
    CaseArg,
    JsonOption,
    day,
    echo,
    echo_json,
    fields,
    parse_sets,
    table,
)
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.domain.letters import LetterError, LetterFormat, missing_message
from escalation.domain.limits import MAX_ID
from escalation.i18n import N_, _, ngettext
from escalation.services.letter_drafts import finish_hint

if TYPE_CHECKING:
    from escalation.domain.letters import LetterRecord, TemplateSpec
    from escalation.services.letters import IssuedLetter, Verification

app = typer.Typer(no_args_is_help=True)

OutOption = Annotated[
    Path | None,
    typer.Option("--out", help=N_("Folder to write the file to (created if needed).")),
]


def register(main: typer.Typer) -> None:
    """Add the letter commands to the main app (issue 5)."""
    import escalation.cli.letter_batch  # noqa: F401  (registers batch)
    import escalation.cli.letter_drafts  # noqa: F401  (registers send, render, edit)

    main.add_typer(
        app, name="letter", help=N_("Draft, edit, send and check the letters of a case.")
    )


@app.command(
    "make",
    help=N_(
        "Draft a letter for a case and write its file; the case's draft of the same letter is "
        "made again, not a second one."
    ),
)
def make(
    ctx: typer.Context,
    case: CaseArg,
    template: Annotated[
        str, typer.Argument(metavar="TEMPLATE", help=N_("The letter, e.g. aanwijzing."))
    ],
    fmt: Annotated[
        LetterFormat, typer.Option("--format", help=N_("Output format."))
    ] = LetterFormat.PDF,
    out: OutOption = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help=N_("A field of the letter NAME=VALUE or NAME=@FILE (e.g. dictum=...).")
        ),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help=N_("Dagtekening (default: the action's date)."))
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help=N_("Who issues it (default: you)."))
    ] = None,
) -> None:
    issued = get_app(ctx).letters.make(
        case,
        template,
        fmt=fmt,
        inputs=parse_sets(set_),
        on=parse_day(ctx, on),
        by=by,
        out=out or Path.cwd(),
    )
    _echo_made(issued, template=template, fmt=fmt)


def _echo_made(issued: IssuedLetter, *, template: str, fmt: LetterFormat) -> None:
    made = (
        _("Letter {letter} (draft, made again): {template} ({format}), dagtekening {day}")
        if issued.refreshed
        else _("Letter {letter} (draft): {template} ({format}), dagtekening {day}")
    )
    day = _long(issued.record)
    echo(made.format(letter=issued.id, template=template, format=fmt.value, day=day))
    for name, source in issued.carried.items():
        echo("  " + _("{field}: taken from letter {letter}").format(field=name, letter=source))
    if issued.missing:
        echo(missing_message(template, issued.missing))
        echo(finish_hint(issued.id))
        return
    echo(_("Written to {path}").format(path=issued.path))
    if issued.draft_reason is not None:
        echo(
            _(
                "Warning: {reason}. `escalation letter send {letter}` refuses to send it "
                "before then."
            ).format(reason=issued.draft_reason, letter=issued.id),
            err=True,
        )
    else:
        echo(_("Review it, then send it with `escalation letter send {letter}`.").format(
            letter=issued.id
        ))  # fmt: skip


def _long(record: LetterRecord) -> str:
    from escalation.formatting import long_date

    return long_date(record.on)


@app.command("list", help=N_("The letters of a case, drafts and sent, oldest first."))
def list_(ctx: typer.Context, case: CaseArg, json: JsonOption = False) -> None:
    records = get_app(ctx).letters.list(case)
    if json:
        echo_json([_summary(r) for r in records])
        return
    headers = (N_("ID"), N_("DATE"), N_("TEMPLATE"), N_("STATUS"), N_("FORMAT"), N_("ACTION"))
    table(
        [*map(_, headers), _("BY"), _("AT"), "SHA256"],
        [
            (r.id, day(r.on), r.template, status_label(r), r.format.value, r.action, r.issued_by,
             r.issued_at.isoformat(timespec="seconds"), r.output_sha256[:12])
            for r in records
        ],
    )  # fmt: skip


def status_label(r: LetterRecord) -> str:
    """'draft' or 'sent', in the user's language."""
    return _("sent") if r.sent else _("draft")


def _summary(r: LetterRecord) -> dict[str, object]:
    return {
        "id": r.id,
        "case": r.case_id,
        "template": r.template,
        "template_sha256": r.template_sha256,
        "format": r.format.value,
        "on": r.on,
        "action": r.action,
        "filename": r.filename,
        "output_sha256": r.output_sha256,
        "issued_by": r.issued_by,
        "issued_at": r.issued_at.isoformat(),
        "status": r.status,
    }


@app.command(
    "show", help=N_("Show an archived letter: what was issued, by whom, when, from which template.")
)
def show(
    ctx: typer.Context,
    letter: Annotated[
        int,
        typer.Argument(
            metavar="LETTER", help=N_("The letter id (see `letter list CASE`)."), min=1, max=MAX_ID
        ),
    ],
    out: OutOption = None,
    check: Annotated[
        bool,
        typer.Option("--check", help=N_("Render it again from its stored context and compare.")),
    ] = False,
    json: JsonOption = False,
) -> None:
    letters = get_app(ctx).letters
    record = letters.show(letter)
    path = None if out is None else letters.write(letter, out)  # before anything is shown
    if json:
        echo_json({**_summary(record), "context": record.context})
    else:
        _echo_record(record)
    if check:
        _echo_check(letters.verify(letter))
    if path is not None:
        echo(_("Written to {path}").format(path=path))


def _echo_record(r: LetterRecord) -> None:
    echo(
        _("Letter {letter}: {template} ({format}) for case {case}").format(
            letter=r.id, template=r.template, format=r.format.value, case=r.case_id
        )
    )
    issued = _("{by} at {at}").format(by=r.issued_by, at=r.issued_at.isoformat(timespec="seconds"))
    fields(
        [
            (_("Dagtekening"), _long(r)),
            (_("Action"), r.action),
            (_("Status"), _(_STATUS[r.status]) if r.status in _STATUS else r.status),
            (_("Issued by"), issued),
            (_("Template sha256"), r.template_sha256),
            (_("Output sha256"), r.output_sha256),
            (_("File"), r.filename),
        ]
    )
    if r.format in (LetterFormat.MD, LetterFormat.TXT):
        echo("")
        echo(r.content.decode("utf-8"), nl=False)


_STATUS = {"sent": N_("sent"), "draft": N_("draft: may change until it is sent")}


def _echo_check(result: Verification) -> None:
    if result.template_unchanged:
        echo(_("Template: unchanged"))
    else:
        echo(_("Template: CHANGED since the letter was issued"))
    if result.same_bytes is None:
        echo(_("Output: PDF and DOCX carry their own timestamps; compare the text instead."))
    else:
        echo(_("Output: identical") if result.same_bytes else _("Output: DIFFERENT"))


@app.command("templates", help=N_("The letter templates, with the fields you give with --set."))
def templates(ctx: typer.Context, json: JsonOption = False) -> None:
    specs = get_app(ctx).letters.templates()
    if json:
        echo_json([_template_json(spec) for spec in specs])
        return
    for spec in specs:
        action = " " + _("(action {action})").format(action=spec.action) if spec.action else ""
        echo(f"{spec.name}: {spec.title}{action}")
        for item in spec.inputs:
            default = _("; default: {default}").format(default=item.default) if item.default else ""
            echo(f"    --set {item.name}=...  {item.help}{default}")


def _template_json(spec: TemplateSpec) -> dict[str, object]:
    return {
        "name": spec.name,
        "title": spec.title,
        "action": spec.action,
        "decision": spec.decision,
        "deadlines": list(spec.deadlines),
        "inputs": [
            {"name": i.name, "help": i.help, "default": i.default, "type": i.type.value}
            for i in spec.inputs
        ],
        "sandboxed": spec.sandboxed,
        "sha256": spec.sha256,
    }


@app.command(
    "lint",
    help=N_("Check templates: syntax, undeclared and unused fields, a render with sample data."),
)
def lint(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH", help=N_("A template file or folder (default: the packaged letters).")
        ),
    ] = None,
) -> None:
    if path is not None and not path.exists():
        raise LetterError(_("{path} does not exist.").format(path=path))
    checked, findings, errors = get_app(ctx).letters.lint(path)
    for finding in findings:
        echo(finding)
    n_checked, n_warnings = len(checked), len(findings) - errors
    echo(
        # TRANSLATORS: the parts are the three messages below, e.g. "9 templates checked"
        _("{checked}: {errors}, {warnings}.").format(
            checked=ngettext("{n} template checked", "{n} templates checked", n_checked).format(
                n=n_checked
            ),
            errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
            warnings=ngettext("{n} warning", "{n} warnings", n_warnings).format(n=n_warnings),
        )
    )
    if errors:
        raise typer.Exit(1)
