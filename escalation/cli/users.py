"""`escalation user add | list | deactivate`: the people of a team database (issue 13)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from escalation.cli.output import JsonOption, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.domain.users import Role
from escalation.i18n import N_, _

app = typer.Typer(no_args_is_help=True)


class RoleChoice(StrEnum):
    jurist = "jurist"
    inspecteur = "inspecteur"
    teamleider = "teamleider"
    hoofdinspecteur = "hoofdinspecteur"


@app.command("add", help=N_("Add a user; the first user makes the database a team database."))
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=N_("Full name, as in the history."))],
    email: Annotated[str, typer.Option("--email", help=N_("E-mail address."))],
    role: Annotated[
        RoleChoice,
        typer.Option("--role", help=N_("jurist, inspecteur, teamleider or hoofdinspecteur.")),
    ],
    organisation: Annotated[
        str | None, typer.Option("--organisation", help=N_("Organisation code (default IGJ)."))
    ] = None,
    login: Annotated[
        str | None,
        typer.Option("--login", help=N_("Operating-system login (default: the name).")),
    ] = None,
) -> None:
    users = get_app(ctx).users
    first = not users.team()
    user = users.add(
        name, email=email, role=Role(role.value), organisation=organisation, login=login
    )
    echo(
        _("Added {name} ({role}, {organisation}), login {login}.").format(
            name=user.name, role=user.role, organisation=user.organisation, login=user.os_login
        )
    )
    if first:
        echo(
            _(
                "This is now a team database: every change is made by a known, active user, "
                "identified by the login (or ESCALATION_USER)."
            )
        )


@app.command("list", help=N_("The users of this database, active and deactivated."))
def list_users(ctx: typer.Context, json: JsonOption = False) -> None:
    users = get_app(ctx).users.list()
    if json:
        echo_json(
            [
                {
                    "name": u.name, "email": u.email, "role": u.role.value,
                    "organisation": u.organisation, "login": u.os_login, "active": u.active,
                    "created_at": None if u.created_at is None else u.created_at.isoformat(),
                }
                for u in users
            ]
        )  # fmt: skip
        return
    if not users:
        echo(_("No users: a single jurist's database (escalation user add makes it a team's)."))
        return
    table(
        [_("name"), _("role"), _("organisation"), _("login"), _("e-mail"), _("active")],
        [
            [u.name, u.role, u.organisation, u.os_login, u.email, _("yes") if u.active else _("no")]
            for u in users
        ],
    )


@app.command("deactivate", help=N_("Deactivate a user: they can no longer make changes."))
def deactivate(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=N_("The user's name or login."))],
) -> None:
    user = get_app(ctx).users.deactivate(name)
    echo(_("Deactivated {name}: they can no longer make changes.").format(name=user.name))
