"""`escalation provider add | edit | list | show | location`."""

from __future__ import annotations

from typing import Annotated

import typer

from escalation.cli.locations import app as locations_app
from escalation.cli.locations import location_json
from escalation.cli.output import JsonOption, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.domain.model import Provider
from escalation.domain.subjects import identifier_label
from escalation.i18n import N_, _

app = typer.Typer(no_args_is_help=True)
app.add_typer(locations_app, name="location", help=N_("Register and list a provider's locations."))

AddressOption = Annotated[
    str | None,
    typer.Option(
        "--adres",
        metavar="ADRES",
        help=N_(
            "Postal address for letters, its lines separated by commas: "
            '"Stationsstraat 1, 1234 AB Utrecht".'
        ),
    ),
]

KindOption = Annotated[
    str,
    typer.Option(
        help=N_(
            "jeugdhulpaanbieder, gecertificeerde-instelling, regio, gemeente, "
            "jeugdhulpregio or jeugdbeschermingsregio."
        )
    ),
]
CodeOption = Annotated[
    str | None,
    typer.Option(
        "--code",
        help=N_(
            "Instead of a KvK number: the CBS gemeentecode (GM0363), jeugdzorgregio code "
            "(JZ14) or jeugdbeschermingsregio code (JB01 to JB11)."
        ),
    ),
]


@app.command(
    "add",
    help=N_(
        "Register a provider (a subject of supervision): by its KvK number, or a gemeente or "
        "region without one by its code."
    ),
)
def add(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help=N_("Legal name, e.g. 'Focus-Jeugd & Gezin B.V.'.")),
    ],
    kind: KindOption,
    kvk: Annotated[str | None, typer.Option("--kvk", help=N_("KvK number: 8 digits."))] = None,
    code: CodeOption = None,
    alias: Annotated[
        str | None, typer.Option(help=N_("Short name used in letters (hierna: ...)."))
    ] = None,
    address: AddressOption = None,
) -> None:
    if (kvk is None) == (code is None):
        raise typer.BadParameter(
            _("give either --kvk NUMBER or --code CODE (a gemeente or region)."),
            param_hint="--kvk",
        )
    provider = get_app(ctx).subjects.register(
        name, kvk=kvk, code=code, kind=kind, alias=alias, address=address
    )
    echo(
        _("Registered {provider} ({label}, {kind}).").format(
            provider=provider.name, label=identifier_label(provider.kvk), kind=provider.kind
        )
    )
    if provider.address is None:
        echo(
            _(
                "Letters need its postal address: escalation provider edit {kvk} "
                '--adres "Straat 1, 1234 AB Plaats".'
            ).format(kvk=provider.kvk)
        )


@app.command("edit", help=N_("Change a provider's postal address."))
def edit(
    ctx: typer.Context,
    provider: Annotated[
        str,
        typer.Argument(metavar="PROVIDER", help=N_("KvK number, alias or start of the name.")),
    ],
    address: Annotated[
        str,
        typer.Option(
            "--adres",
            metavar="ADRES",
            help=N_(
                "Postal address for letters, its lines separated by commas: "
                '"Stationsstraat 1, 1234 AB Utrecht".'
            ),
        ),
    ],
) -> None:
    changed = get_app(ctx).providers.edit(provider, address=address)
    echo(
        _("The postal address of {provider} ({label}) is now: {address}.").format(
            provider=changed.name, label=identifier_label(changed.kvk), address=changed.address
        )
    )


@app.command("list", help=N_("List the registered providers."))
def list_(ctx: typer.Context, json: JsonOption = False) -> None:
    providers = get_app(ctx).providers.list()
    if json:
        echo_json([_provider(p) for p in providers])
        return
    table(
        [_("KVK"), _("NAME"), _("KIND"), _("ALIAS")],
        [(p.kvk, p.name, p.kind, p.alias) for p in providers],
    )


@app.command("show", help=N_("Show a provider and its cases."))
def show(
    ctx: typer.Context,
    provider: Annotated[
        str,
        typer.Argument(metavar="PROVIDER", help=N_("KvK number, alias or start of the name.")),
    ],
    json: JsonOption = False,
) -> None:
    found, cases = get_app(ctx).providers.show(provider)
    locations = get_app(ctx).subjects.locations(found.kvk)
    if json:
        echo_json({
            **_provider(found), "cases": [{"id": c.id, "state": c.state} for c in cases],
            "locations": [location_json(loc) for loc in locations],
        })  # fmt: skip
        return
    echo(f"{found.name} ({identifier_label(found.kvk)}, {found.kind})")
    if found.alias:
        echo(_("Alias: {alias}").format(alias=found.alias))
    if found.address:
        echo(_("Postal address: {address}").format(address=found.address))
    for loc in locations:
        echo(_("Location {location}: {label}").format(location=loc.id, label=loc.label))
    table([_("CASE"), _("STATE"), _("TITLE")], [(c.id, c.state, c.title) for c in cases])


def _provider(p: Provider) -> dict[str, object]:
    return {
        "kvk": p.kvk,
        "name": p.name,
        "kind": p.kind.value,
        "alias": p.alias,
        "address": p.address,
    }
