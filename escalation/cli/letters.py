"""`escalation letter make | list | show | templates | lint`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import echo_json, parse_sets, table
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.domain.letters import LetterError, LetterFormat

if TYPE_CHECKING:
    from escalation.domain.letters import LetterRecord, TemplateSpec
    from escalation.services.letters import Verification

app = typer.Typer(no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="Folder to write the file to (created if needed).")
]


def register(main: typer.Typer) -> None:
    """Add the letter commands to the main app (issue 5)."""
    main.add_typer(app, name="letter", help="Make, archive and check the letters of a case.")


@app.command("make")
def make(
    ctx: typer.Context,
    case: Annotated[int, typer.Argument(help="The case id.")],
    template: Annotated[str, typer.Argument(help="The letter, e.g. aanwijzing.")],
    fmt: Annotated[
        LetterFormat, typer.Option("--format", help="Output format.")
    ] = LetterFormat.PDF,
    out: OutOption = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="A field of the letter NAME=VALUE (e.g. dictum=...)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Dagtekening (default: the action's date).")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who issues it (default: you).")] = None,
) -> None:
    """Render a letter for a case, archive it unchanged, and write the file."""
    folder = out or Path.cwd()
    issued = get_app(ctx).letters.make(
        case,
        template,
        fmt=fmt,
        inputs=parse_sets(set_),
        on=parse_day(on),
        by=by,
        name_free=lambda name: not (folder / name).exists(),
    )
    path = write_file(folder, issued.record, letter_id=issued.id)
    typer.echo(f"Letter {issued.id}: {template} ({fmt.value}), dagtekening {issued.record.on}")
    for name, source in issued.carried.items():
        typer.echo(f"  {name}: taken from letter {source}")
    typer.echo(f"Written to {path}")


def write_file(folder: Path, record: LetterRecord, *, letter_id: int | None) -> Path:
    """Write the letter inside `folder`; never outside it, never over an existing file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / record.filename
    if target.resolve().parent != folder.resolve():
        raise LetterError(f"The file name {record.filename!r} would leave {folder}; not written.")
    try:
        with target.open("xb") as handle:
            handle.write(record.content)
    except FileExistsError:
        raise LetterError(
            f"{target} already exists and was not overwritten. Letter {letter_id} is in the "
            f"archive: write it elsewhere with `escalation letter show {letter_id} --out DIR`."
        ) from None
    return target


@app.command("list")
def list_(
    ctx: typer.Context,
    case: Annotated[int, typer.Argument(help="The case id.")],
    json: JsonOption = False,
) -> None:
    """The letters issued or drafted for a case, oldest first."""
    records = get_app(ctx).letters.list(case)
    if json:
        echo_json([_summary(r) for r in records])
        return
    table(
        ["ID", "DATUM", "TEMPLATE", "FORMAT", "ACTION", "ISSUED BY", "ISSUED AT", "SHA256"],
        [
            (r.id, r.on, r.template, r.format.value, r.action, r.issued_by,
             r.issued_at.isoformat(timespec="seconds"), r.output_sha256[:12])
            for r in records
        ],
    )  # fmt: skip


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
    }


@app.command("show")
def show(
    ctx: typer.Context,
    letter: Annotated[int, typer.Argument(help="The letter id (see `letter list CASE`).")],
    out: OutOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Re-render it from its stored context and compare.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """Show an archived letter: what was issued, by whom, when, from which template."""
    letters = get_app(ctx).letters
    record = letters.show(letter)
    if json:
        echo_json({**_summary(record), "context": record.context})
    else:
        _echo_record(record)
    if check:
        _echo_check(letters.verify(letter))
    if out is not None:
        typer.echo(f"Written to {write_file(out, record, letter_id=record.id)}")


def _echo_record(r: LetterRecord) -> None:
    typer.echo(f"Letter {r.id}: {r.template} ({r.format.value}) for case {r.case_id}")
    typer.echo(f"Dagtekening: {r.on}   Action: {r.action or '-'}")
    typer.echo(f"Issued by {r.issued_by} at {r.issued_at.isoformat(timespec='seconds')}")
    typer.echo(f"Template sha256: {r.template_sha256}")
    typer.echo(f"Output sha256:   {r.output_sha256}   File: {r.filename}")
    if r.format in (LetterFormat.MD, LetterFormat.TXT):
        typer.echo("")
        typer.echo(r.content.decode("utf-8"), nl=False)


def _echo_check(result: Verification) -> None:
    template = "unchanged" if result.template_unchanged else "CHANGED since the letter was issued"
    typer.echo(f"Template: {template}")
    if result.same_bytes is None:
        typer.echo("Output: PDF and DOCX carry their own timestamps; compare the text instead.")
    else:
        typer.echo("Output: identical" if result.same_bytes else "Output: DIFFERENT")


@app.command("templates")
def templates(ctx: typer.Context, json: JsonOption = False) -> None:
    """The letter templates, with the fields you give with --set."""
    specs = get_app(ctx).letters.templates()
    if json:
        echo_json([_template_json(spec) for spec in specs])
        return
    for spec in specs:
        typer.echo(
            f"{spec.name}: {spec.title}" + (f" (action {spec.action})" if spec.action else "")
        )
        for item in spec.inputs:
            optional = f"; default: {item.default}" if item.default else ""
            typer.echo(f"    --set {item.name}=...  {item.help}{optional}")


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


@app.command("lint")
def lint(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(help="A template file or folder (default: the packaged letters)."),
    ] = None,
) -> None:
    """Check templates: syntax, undeclared and unused fields, a render with sample data."""
    if path is not None and not path.exists():
        raise LetterError(f"{path} does not exist.")
    checked, findings, errors = get_app(ctx).letters.lint(path)
    for finding in findings:
        typer.echo(finding)
    typer.echo(
        f"{len(checked)} templates checked: {errors} errors, {len(findings) - errors} warnings."
    )
    if errors:
        raise typer.Exit(1)
