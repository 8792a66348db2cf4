"""`escalation vovo add | uitspraak | list | show`: voorlopige voorzieningen against besluiten."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import CaseOption, JsonOption, day, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.cli.views import deadline_json, echo_deadline, event_json, history_line
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from escalation.services.voorzieningen import VoorzieningView

app = typer.Typer(no_args_is_help=True)

VovoArg = Annotated[
    str, typer.Argument(metavar="VOVO", help=N_("The id of the voorlopige voorziening."))
]
ByOption = Annotated[
    str | None, typer.Option("--by", help=N_("Who records it (default: you)."))
]  # fmt: skip


def register(main: typer.Typer) -> None:
    main.add_typer(
        app,
        name="vovo",
        help=N_("Voorlopige voorzieningen (Awb 8:81) against besluiten, and their uitspraak."),
    )


@app.command("add", help=N_("Record a request for a voorlopige voorziening against a besluit."))
def add(
    ctx: typer.Context,
    besluit: Annotated[
        str, typer.Argument(metavar="BESLUIT", help=N_("The besluit's kenmerk or id."))
    ],
    ingediend: Annotated[
        str, typer.Option("--ingediend", help=N_("The day the request was filed."))
    ],
    rechtbank: Annotated[
        str | None, typer.Option("--rechtbank", help=N_("The court, e.g. Rechtbank Den Haag."))
    ] = None,
    zaaknummer: Annotated[
        str | None, typer.Option("--zaaknummer", help=N_("The court's case number."))
    ] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    filed = parse_day(ctx, ingediend)
    assert filed is not None  # a required option
    view = get_app(ctx).voorzieningen.add(
        besluit, ingediend=filed, rechtbank=rechtbank, zaaknummer=zaaknummer, by=by
    )
    if json:
        echo_json(view_json(view))
        return
    echo(
        _("Voorlopige voorziening {vovo} against besluit {besluit}, requested on {on}.").format(
            vovo=view.voorziening.id, besluit=view.besluit.kenmerk, on=day(filed)
        )
    )
    _echo_suspension(view)
    for warning in view.warnings:
        echo(_("Warning: {warning}").format(warning=warning), err=True)


@app.command("uitspraak", help=N_("Record the uitspraak of the voorzieningenrechter."))
def uitspraak(
    ctx: typer.Context,
    vovo: VovoArg,
    on: Annotated[str, typer.Option("--on", help=N_("The day of the uitspraak."))],
    uitkomst: Annotated[
        str,
        typer.Option("--uitkomst", help=N_("toegewezen, afgewezen or ingetrokken.")),
    ],
    schorsing_tot: Annotated[
        str | None,
        typer.Option(
            "--schorsing-tot", help=N_("A toewijzing suspends the besluit until this day.")
        ),
    ] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    decided = parse_day(ctx, on)
    assert decided is not None  # a required option
    view = get_app(ctx).voorzieningen.uitspraak(
        vovo, on=decided, uitkomst=uitkomst, schorsing_tot=parse_day(ctx, schorsing_tot), by=by
    )
    if json:
        echo_json(view_json(view))
        return
    v = view.voorziening
    echo(
        _("Voorlopige voorziening {vovo} against besluit {besluit}: {uitkomst} on {on}.").format(
            vovo=v.id, besluit=view.besluit.kenmerk, uitkomst=v.uitkomst, on=day(decided)
        )
    )
    _echo_suspension(view)


@app.command(
    "list", help=N_("The voorlopige voorzieningen, of all cases, one case or one besluit.")
)
def list_(
    ctx: typer.Context,
    case: CaseOption = None,
    besluit: Annotated[
        str | None, typer.Option("--besluit", help=N_("Only against this besluit."))
    ] = None,
    json: JsonOption = False,
) -> None:
    views = get_app(ctx).voorzieningen.list(case_id=case, besluit=besluit)
    if json:
        echo_json([view_json(v) for v in views])
        return
    headers = [_("ID"), _("CASE"), _("BESLUIT"), _("REQUESTED"), _("ZAAKNUMMER"), _("UITSPRAAK")]
    table(
        [*headers, _("OUTCOME")],
        [(v.voorziening.id, v.case_id, v.besluit.kenmerk, day(v.voorziening.ingediend),
          v.voorziening.zaaknummer or "-", day(v.voorziening.uitspraak_op), _outcome(v))
         for v in views],
    )  # fmt: skip


@app.command(
    "show", help=N_("One voorlopige voorziening: its besluit, uitspraak, what it suspends.")
)
def show(ctx: typer.Context, vovo: VovoArg, json: JsonOption = False) -> None:
    view = get_app(ctx).voorzieningen.show(vovo)
    if json:
        echo_json(view_json(view, whole=True))
        return
    v, b = view.voorziening, view.besluit
    echo(
        _("Voorlopige voorziening {vovo} against besluit {besluit} ({kind}) of case {case}").format(
            vovo=v.id, besluit=b.kenmerk, kind=b.kind, case=view.case_id
        )
    )
    echo(_("Requested: {on}").format(on=day(v.ingediend)))
    echo(_("Rechtbank: {court}   Zaaknummer: {number}").format(
        court=v.rechtbank or "-", number=v.zaaknummer or "-"
    ))  # fmt: skip
    echo(_("Uitspraak: {on}, {outcome}").format(on=day(v.uitspraak_op), outcome=_outcome(view)))
    _echo_suspension(view)
    echo(_("Deadlines of the besluit:"))
    for d in view.deadlines:
        echo_deadline(d, indent="  ", steps=False)
    echo(_("History:"))
    for e in view.history:
        echo(f"  {history_line(e)}")


def _outcome(view: VoorzieningView) -> str:
    v = view.voorziening
    if v.uitkomst is None:
        return _("pending")
    if v.schorsing_tot is not None:
        return _("{uitkomst}, schorsing until {until}").format(
            uitkomst=v.uitkomst, until=day(v.schorsing_tot)
        )
    return str(v.uitkomst)


def _echo_suspension(view: VoorzieningView) -> None:
    if view.suspension is None:
        return
    echo(_("Suspended today: {why}.").format(why=view.suspension.describe()))
    if view.deadlines:
        echo(
            "  "
            + _(
                "Its deadlines are shown unchanged: the engine does not move them; move a "
                "deadline the uitspraak changes with `case move-deadline`, citing it."
            )
        )


def view_json(view: VoorzieningView, *, whole: bool = False) -> dict[str, object]:
    v, found = view.voorziening, view.suspension
    data: dict[str, object] = {
        "id": v.id,
        "case": view.case_id,
        "besluit": view.besluit.kenmerk,
        "besluit_kind": view.besluit.kind.value,
        "number": v.number,
        "ingediend": v.ingediend,
        "rechtbank": v.rechtbank,
        "zaaknummer": v.zaaknummer,
        "uitspraak_op": v.uitspraak_op,
        "uitkomst": None if v.uitkomst is None else v.uitkomst.value,
        "schorsing_tot": v.schorsing_tot,
        "pending": v.is_pending,
        "suspends": found is not None,
        "suspended_until": None if found is None else found.tot,
        "warnings": view.warnings,
    }
    if whole:
        data["deadlines"] = [deadline_json(d) for d in view.deadlines]
        data["history"] = [event_json(e) for e in view.history]
    return data
