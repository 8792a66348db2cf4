"""`escalation workflow list | show | validate | diagram`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from escalation.cli.output import echo_json, table
from escalation.cli.state import app as get_app
from escalation.domain.definition import WorkflowDefinition

app = typer.Typer(no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]


@app.command("list")
def list_(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the installed workflow definitions and their versions."""
    definitions = get_app(ctx).workflows.list()
    if json:
        echo_json([{"name": d.name, "version": d.version, "title": d.title} for d in definitions])
        return
    table(["NAME", "VERSION", "TITLE"], [(d.name, d.version, d.title) for d in definitions])


@app.command("show")
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Workflow name, e.g. jeugdwet.")],
    version: Annotated[int | None, typer.Option(help="A specific version.")] = None,
    json: JsonOption = False,
) -> None:
    """Show a workflow: states, actions with parameters and deadlines, deadline kinds."""
    d = get_app(ctx).workflows.get(name, version)
    if json:
        echo_json(_as_json(d))
        return
    typer.echo(f"{d.name} version {d.version}: {d.title}")
    typer.echo(f"Initial state: {d.initial}")
    typer.echo("States:")
    for s in d.states:
        typer.echo(f"  {s.name}{' (final)' if s.final else ''}: {s.description}")
    typer.echo("Actions:")
    for a in d.actions:
        typer.echo(f"  {a.name}: {', '.join(a.sources)} → {a.dest or '(same state)'}")
        for p in a.parameters:
            flags = (
                "required" if p.required else f"default {p.default}" if p.default else "optional"
            )
            typer.echo(f"      --set {p.name}=<{p.type}> ({flags}) {p.help}")
        if a.starts:
            typer.echo(f"      starts: {', '.join(r.kind for r in a.starts)}")
    typer.echo("Deadline kinds:")
    for k in d.deadline_kinds:
        typer.echo(f"  {k.name}: {k.basis}{', ' + k.legal_basis if k.legal_basis else ''}")


def _as_json(d: WorkflowDefinition) -> dict[str, object]:
    data = asdict(d)
    data.pop("_actions_by_name", None)
    return data


@app.command("validate")
def validate(
    ctx: typer.Context, path: Annotated[Path, typer.Argument(help="A workflow YAML file.")]
) -> None:
    """Check a workflow definition file; names every fault found."""
    d = get_app(ctx).workflows.validate_file(path)
    typer.echo(
        f"{path}: valid: workflow {d.name} version {d.version}, {len(d.states)} states, "
        f"{len(d.actions)} actions, {len(d.deadline_kinds)} deadline kinds."
    )


@app.command("diagram")
def diagram(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Workflow name.")],
    case: Annotated[int | None, typer.Option("--case", help="Highlight this case's state.")] = None,
) -> None:
    """Print the workflow as Mermaid stateDiagram-v2 text."""
    typer.echo(get_app(ctx).workflows.diagram(name, case_id=case), nl=False)


@app.command("schema")
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of a workflow file (for editors that check YAML against it)."""
    echo_json(get_app(ctx).workflows.schema())
