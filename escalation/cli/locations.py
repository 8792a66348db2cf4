"""`escalation provider location add | list`: a provider's locations (vestigingen)."""

from __future__ import annotations

from typing import Annotated

import typer

from escalation.cli.output import JsonOption, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.domain.subjects import Location
from escalation.i18n import N_, _

app = typer.Typer(no_args_is_help=True)

ProviderArg = Annotated[
    str,
    typer.Argument(metavar="PROVIDER", help=N_("KvK number or code, alias or start of the name.")),
]


@app.command("add", help=N_("Register a location of a provider; prints its number."))
def add(
    ctx: typer.Context,
    provider: ProviderArg,
    address: Annotated[
        str,
        typer.Option(
            "--adres",
            metavar="ADRES",
            help=N_(
                'The location\'s address, lines separated by commas: "Bachlaan 1, 5384 AB Heesch".'
            ),
        ),
    ],
    name: Annotated[
        str | None, typer.Option("--name", help=N_("Name of the location, e.g. 'Groene Allee'."))
    ] = None,
    lrk: Annotated[
        str | None,
        typer.Option("--lrk", help=N_("Number in the Landelijk Register Kinderopvang: 9 digits.")),
    ] = None,
    agb: Annotated[str | None, typer.Option("--agb", help=N_("AGB-code: 8 digits."))] = None,
) -> None:
    location = get_app(ctx).subjects.add_location(
        provider, address=address, name=name, lrk=lrk, agb=agb
    )
    echo(
        _("Registered location {location} of {provider}: {label}.").format(
            location=location.id, provider=location.provider, label=location.label
        )
    )


@app.command("list", help=N_("List a provider's locations."))
def list_(ctx: typer.Context, provider: ProviderArg, json: JsonOption = False) -> None:
    locations = get_app(ctx).subjects.locations(provider)
    if json:
        echo_json([location_json(loc) for loc in locations])
        return
    table(
        [_("LOCATION"), _("NAME"), _("ADDRESS"), _("LRK"), _("AGB")],
        [(loc.id, loc.name, loc.address, loc.lrk, loc.agb) for loc in locations],
    )


def location_json(location: Location) -> dict[str, object]:
    return {
        "id": location.id,
        "provider": location.provider,
        "name": location.name,
        "address": location.address,
        "lrk": location.lrk,
        "agb": location.agb,
    }
