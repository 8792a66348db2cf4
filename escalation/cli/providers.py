"""`escalation provider add | list | show`."""

from __future__ import annotations

from typing import Annotated

import typer

from escalation.cli.output import echo_json, table
from escalation.cli.state import app as get_app
from escalation.domain.model import Provider

app = typer.Typer(no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Legal name, e.g. 'Focus-Jeugd & Gezin B.V.'.")],
    kvk: Annotated[str, typer.Option("--kvk", help="KvK number: 8 digits.")],
    kind: Annotated[
        str, typer.Option(help="jeugdhulpaanbieder, gecertificeerde-instelling or regio.")
    ],
    alias: Annotated[
        str | None, typer.Option(help="Short name used in letters (hierna: ...).")
    ] = None,
) -> None:
    """Register a provider (a subject of supervision)."""
    provider = get_app(ctx).providers.add(name, kvk=kvk, kind=kind, alias=alias)
    typer.echo(f"Registered {provider.name} (KvK {provider.kvk}, {provider.kind}).")


@app.command("list")
def list_(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the registered providers."""
    providers = get_app(ctx).providers.list()
    if json:
        echo_json([_provider(p) for p in providers])
        return
    table(["KVK", "NAME", "KIND", "ALIAS"], [(p.kvk, p.name, p.kind, p.alias) for p in providers])


@app.command("show")
def show(
    ctx: typer.Context,
    provider: Annotated[str, typer.Argument(help="KvK number, alias or start of the name.")],
    json: JsonOption = False,
) -> None:
    """Show a provider and its cases."""
    found, cases = get_app(ctx).providers.show(provider)
    if json:
        echo_json({**_provider(found), "cases": [{"id": c.id, "state": c.state} for c in cases]})
        return
    typer.echo(f"{found.name} (KvK {found.kvk}, {found.kind})")
    if found.alias:
        typer.echo(f"Alias: {found.alias}")
    table(["CASE", "STATE", "TITLE"], [(c.id, c.state, c.title) for c in cases])


def _provider(p: Provider) -> dict[str, object]:
    return {"kvk": p.kvk, "name": p.name, "kind": p.kind.value, "alias": p.alias}
