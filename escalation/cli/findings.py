"""`escalation framework list | show` and `escalation findings edit | import | show | hertoets`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from escalation.cli.editor import edit_until_valid
from escalation.cli.findings_views import (
    echo_findings,
    echo_framework,
    echo_verdict,
    findings_json,
    framework_json,
)
from escalation.cli.output import (
    ByOption,
    CaseArg,
    JsonOption,
    OnOption,
    echo,
    echo_json,
    parse_sets,
    table,
)
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.domain.limits import MAX_ID
from escalation.i18n import N_, _

frameworks = typer.Typer(no_args_is_help=True)
app = typer.Typer(no_args_is_help=True)

VersionOption = Annotated[
    int | None, typer.Option("--version", help=N_("A specific version."), min=1, max=MAX_ID)
]


def register(main: typer.Typer) -> None:
    main.add_typer(
        frameworks,
        name="framework",
        help=N_("The norm frameworks (toetsingskaders): themes, norms, the judgement scale."),
    )
    main.add_typer(
        app,
        name="findings",
        help=N_("A case's findings per norm, their versions, and the hertoets per norm."),
    )


@frameworks.command("list", help=N_("List the installed norm frameworks and their versions."))
def framework_list(ctx: typer.Context, json: JsonOption = False) -> None:
    installed = get_app(ctx).findings.frameworks()
    if json:
        echo_json([framework_json(f, norms=False) for f in installed])
        return
    table(
        [_("NAME"), _("VERSION"), _("NORMS"), _("TITLE")],
        [(f.name, f.version, len(f.norms), f.title) for f in installed],
    )


@frameworks.command("show", help=N_("Show a norm framework: its themes and norms."))
def framework_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=N_("Framework name, e.g. jij."))],
    version: VersionOption = None,
    json: JsonOption = False,
) -> None:
    framework = get_app(ctx).findings.framework(name, version)
    if json:
        echo_json(framework_json(framework, norms=True))
        return
    echo_framework(framework)


@app.command(
    "edit",
    help=N_(
        "Edit a case's findings in $EDITOR, pre-filled from the framework and the current "
        "findings; stored as a new version when valid."
    ),
)
def edit(
    ctx: typer.Context,
    case: CaseArg,
    framework: Annotated[
        str | None,
        typer.Option("--framework", help=N_("The framework (needed for a case's first findings).")),
    ] = None,
    on: OnOption = None,
    by: ByOption = None,
) -> None:
    day = parse_day(ctx, on)
    findings = get_app(ctx).findings
    initial = findings.template(case, framework=framework)
    name = f"findings-{case}.yaml"
    number = edit_until_valid(
        initial,
        name=name,
        accept=lambda text: findings.record(case, text, origin=name, on=day, by=by),
    )
    _recorded(case, number)


@app.command("import", help=N_("Record a case's findings from a YAML file, as a new version."))
def import_(
    ctx: typer.Context,
    case: CaseArg,
    file: Annotated[Path, typer.Argument(metavar="FILE", help=N_("The findings document."))],
    on: OnOption = None,
    by: ByOption = None,
) -> None:
    day = parse_day(ctx, on)
    findings = get_app(ctx).findings
    text = findings.read_document(file)
    _recorded(case, findings.record(case, text, origin=str(file), on=day, by=by))


def _recorded(case: int, number: int) -> None:
    echo(_("Findings version {number} recorded for case {case}.").format(number=number, case=case))


@app.command("show", help=N_("Show a case's findings per norm (the latest version, or one)."))
def show(
    ctx: typer.Context, case: CaseArg, version: VersionOption = None, json: JsonOption = False
) -> None:
    view = get_app(ctx).findings.show(case, version=version)
    if json:
        echo_json(findings_json(view))
        return
    echo_findings(view)


@app.command(
    "hertoets",
    help=N_(
        "Record per norm of the aanwijzing whether it is now met (voldaan or niet_voldaan): "
        "from --norm options, a --file, or $EDITOR."
    ),
)
def hertoets(
    ctx: typer.Context,
    case: CaseArg,
    norm: Annotated[
        list[str] | None,
        typer.Option("--norm", help=N_("ID=voldaan or ID=niet_voldaan; repeat for several.")),
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help=N_("A hertoets document (YAML)."))
    ] = None,
    on: OnOption = None,
    by: ByOption = None,
) -> None:
    day = parse_day(ctx, on)
    options = parse_sets(norm, option="--norm")
    findings = get_app(ctx).findings
    if file is not None or options:
        text = findings.read_document(file) if file is not None else None
        origin = str(file) if file is not None else ""
        result = findings.hertoets(case, text=text, origin=origin, norms=options, on=day, by=by)
    else:
        name = f"hertoets-{case}.yaml"
        result = edit_until_valid(
            findings.hertoets_template(case),
            name=name,
            accept=lambda text: findings.hertoets(case, text=text, origin=name, on=day, by=by),
        )
    echo_verdict(case, result)
