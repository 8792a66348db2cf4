"""`escalation workflow list | show | validate | diagram | schema`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from escalation.cli.output import JsonOption, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.cli.views import basis_text
from escalation.domain.definition import ActionSpec, WorkflowDefinition
from escalation.domain.limits import MAX_ID
from escalation.i18n import N_, _, ngettext

app = typer.Typer(no_args_is_help=True)

NameArg = Annotated[str, typer.Argument(metavar="NAME", help=N_("Workflow name, e.g. jeugdwet."))]


@app.command("list", help=N_("List the installed workflow definitions and their versions."))
def list_(ctx: typer.Context, json: JsonOption = False) -> None:
    installed = get_app(ctx).workflows.installed()
    for item in installed:
        if item.refusal:
            typer.echo(_("Warning: {warning}").format(warning=item.refusal), err=True)
    if json:
        echo_json([_listed(w.definition, refused=w.refusal is not None) for w in installed])
        return
    refused = " " + _("(changed without a new version: refused)")
    rows = [(w.definition, refused if w.refusal else "") for w in installed]
    table(
        [_("NAME"), _("VERSION"), _("TITLE")], [(d.name, d.version, d.title + r) for d, r in rows]
    )


def _listed(d: WorkflowDefinition, *, refused: bool) -> dict[str, object]:
    return {"name": d.name, "version": d.version, "title": d.title, "refused": refused}


@app.command(
    "show",
    help=N_("Show a workflow: states, actions with parameters and deadlines, deadline kinds."),
)
def show(
    ctx: typer.Context,
    name: NameArg,
    version: Annotated[
        int | None, typer.Option(help=N_("A specific version."), min=1, max=MAX_ID)
    ] = None,
    json: JsonOption = False,
) -> None:
    d = get_app(ctx).workflows.get(name, version)
    if json:
        echo_json(_as_json(d))
        return
    echo(
        _("{name} version {version}: {title}").format(name=d.name, version=d.version, title=d.title)
    )
    echo(_("Initial state: {state}").format(state=d.initial))
    echo(_("States:"))
    for s in d.states:
        final = " " + _("(final)") if s.final else ""
        echo(f"  {s.name}{final}: {s.description}")
    echo(_("Actions:"))
    for a in d.actions:
        _echo_action(a)
    echo(_("Deadline kinds:"))
    for k in d.deadline_kinds:
        echo(f"  {k.name}: {basis_text(k.basis, k.legal_basis)}")
    if d.besluit_rules:
        echo(_("Besluiten (who signs, four-eyes):"))
    for r in d.besluit_rules:
        signer = r.signer or _("any role")
        four_eyes = _("four-eyes") if r.four_eyes else _("one person")
        echo(f"  {r.kind}: {signer}, {four_eyes}" + (f" ({r.mandate})" if r.mandate else ""))


def _echo_action(a: ActionSpec) -> None:
    echo(f"  {a.name}: {', '.join(a.sources)} → {a.dest or _('(same state)')}")
    for p in a.parameters:
        if p.required:
            flags = _("required")
        elif p.default:
            flags = _("default {default}").format(default=p.default)
        else:
            flags = _("optional")
        echo(f"      --set {p.name}=<{p.type}> ({flags}) {p.help}")
    if a.starts:
        starts = ", ".join(r.kind for r in a.starts)
        echo("      " + _("starts: {kinds}").format(kinds=starts))
    if a.roles:
        echo("      " + _("roles: {roles}").format(roles=", ".join(a.roles)))


def _as_json(d: WorkflowDefinition) -> dict[str, object]:
    data = asdict(d)
    data.pop("_actions_by_name", None)
    return data


@app.command("validate", help=N_("Check a workflow definition file; names every fault found."))
def validate(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE", help=N_("A workflow YAML file."))],
) -> None:
    d = get_app(ctx).workflows.validate_file(path)
    states, actions, kinds = len(d.states), len(d.actions), len(d.deadline_kinds)
    echo(
        _("{path}: valid: workflow {name} version {version}, {states}, {actions}, {kinds}.").format(
            path=path,
            name=d.name,
            version=d.version,
            states=ngettext("{n} state", "{n} states", states).format(n=states),
            actions=ngettext("{n} action", "{n} actions", actions).format(n=actions),
            kinds=ngettext("{n} deadline kind", "{n} deadline kinds", kinds).format(n=kinds),
        )
    )


@app.command("diagram", help=N_("Print the workflow as Mermaid stateDiagram-v2 text."))
def diagram(
    ctx: typer.Context,
    name: NameArg,
    case: Annotated[
        int | None,
        typer.Option("--case", help=N_("Highlight the state of this case."), min=1, max=MAX_ID),
    ] = None,
) -> None:
    echo(get_app(ctx).workflows.diagram(name, case_id=case), nl=False)


@app.command(
    "schema",
    help=N_("Print the JSON Schema of a workflow file (for editors that check YAML against it)."),
)
def schema(ctx: typer.Context) -> None:
    echo_json(get_app(ctx).workflows.schema())
