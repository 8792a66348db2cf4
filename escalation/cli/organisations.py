"""`escalation organisation list | show CODE`: the inspectorates letters speak for."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from escalation.cli.output import JsonOption, echo, echo_json, fields, table
from escalation.cli.state import app as get_app
from escalation.domain.model import ProviderKind
from escalation.domain.organisations import Inspectorate
from escalation.i18n import N_, _

app = typer.Typer(no_args_is_help=True)

CodeArg = Annotated[
    str, typer.Argument(metavar="CODE", help=N_("The organisation's code, e.g. IGJ or JENV."))
]


@app.command("list", help=N_("List the installed organisations (inspectorates)."))
def list_(ctx: typer.Context, json: JsonOption = False) -> None:
    found = get_app(ctx).organisations.list()
    if json:
        echo_json([{"code": o.code, "name": o.naam, "file": o.origin} for o in found])
        return
    table([_("CODE"), _("NAME"), _("FILE")], [(o.code, o.naam, o.origin) for o in found])


@app.command(
    "show",
    help=N_("Show an organisation: letterhead, bestuursorgaan per kind of subject, bezwaar, "
            "signature lines."),
)  # fmt: skip
def show(ctx: typer.Context, code: CodeArg, json: JsonOption = False) -> None:
    found = get_app(ctx).organisations.get(code)
    if json:
        echo_json(_as_json(found))
        return
    head, aanwijzing = found.letters.afzender, found.letters.besluiten.get("aanwijzing", {})
    echo(f"{found.code}: {found.naam}")
    fields([
        (_("File"), found.origin),
        (_("Letterhead"), "; ".join(_lines(head.get(k, "")) for k in _LETTERHEAD if k in head)),
        (_("Bezwaar to"), aanwijzing.get("bezwaar_adres")),
        (_("Bezwaar online"), aanwijzing.get("bezwaar_digitaal")),
        (_("Signature"), " / ".join(map(str, found.letters.ondertekening))),
        (_("Kenmerk"), found.letters.kenmerk),
    ])  # fmt: skip
    echo(_("Bestuursorgaan (aanwijzing) per kind of subject:"))
    fields([(kind, organ) for kind, organ in _organs(found).items()], indent="  ")


_LETTERHEAD = ("naam", "ministerie", "bezoekadres", "postadres", "telefoon", "website")


def _lines(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _organs(found: Inspectorate) -> dict[str, str]:
    return {k.value: found.for_subject(k.value).bestuursorgaan("aanwijzing") for k in ProviderKind}


def _as_json(found: Inspectorate) -> dict[str, object]:
    letters = found.letters
    return {
        "code": found.code,
        "name": found.naam,
        "file": found.origin,
        "letterhead": dict(letters.afzender),
        "signature": list(letters.ondertekening),
        "kenmerk": letters.kenmerk,
        "zaakkenmerk": letters.zaakkenmerk,
        "bestuursorgaan": _organs(found),
        "by_subject_kind": {k: dict(v) for k, v in found.bestuursorganen.items()},
        "besluiten": {k: dict(v) for k, v in letters.besluiten.items()},
    }
