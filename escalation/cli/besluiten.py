"""`escalation besluit list | show`: the besluiten of the cases, each with its legal life."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import CaseOption, JsonOption, day, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.cli.views import deadline_json, echo_deadline, event_json, history_line
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from escalation.domain.besluiten import Besluit, BesluitSummary, Bezwaar, Voorziening
    from escalation.services.besluiten import BesluitDetail

app = typer.Typer(no_args_is_help=True)

BesluitArg = Annotated[
    str, typer.Argument(metavar="BESLUIT", help=N_("The besluit's kenmerk or id."))
]


@app.command("list", help=N_("The besluiten, of all cases or of one, with their status."))
def list_(
    ctx: typer.Context,
    case: CaseOption = None,
    status: Annotated[
        str | None,
        typer.Option("--status", help=N_("Only this status, e.g. bezwaartermijn.")),
    ] = None,
    json: JsonOption = False,
) -> None:
    rows = get_app(ctx).besluiten.list(case_id=case, status=status)
    if json:
        echo_json([summary_json(b) for b in rows])
        return
    headers = [_("ID"), _("CASE"), _("KENMERK"), _("KIND"), _("DAGTEKENING"), _("SENT")]
    table(
        [*headers, _("STATUS")],
        [(b.id, b.case_id, b.kenmerk, b.kind, day(b.dagtekening), day(b.verzonden), b.status)
         for b in rows],
    )  # fmt: skip


def summary_json(b: BesluitSummary) -> dict[str, object]:
    return {
        "id": b.id,
        "case": b.case_id,
        "kind": b.kind.value,
        "kenmerk": b.kenmerk,
        "dagtekening": b.dagtekening,
        "verzonden": b.verzonden,
        "status": b.status.value,
        "bestuursorgaan": b.bestuursorgaan,
    }


@app.command(
    "show", help=N_("One besluit: its deadlines, bezwaren, voorzieningen, letters, history.")
)
def show(ctx: typer.Context, besluit: BesluitArg, json: JsonOption = False) -> None:
    detail = get_app(ctx).besluiten.show(besluit)
    if json:
        echo_json(detail_json(detail))
        return
    b = detail.besluit
    echo(
        _("Besluit {kenmerk}: {kind} of case {case}").format(
            kenmerk=b.kenmerk, kind=b.kind, case=detail.case_id
        )
    )
    echo(_("Dagtekening: {on}   Sent: {sent}").format(on=day(b.dagtekening), sent=day(b.verzonden)))
    echo(_("Bestuursorgaan: {organ}").format(organ=b.bestuursorgaan or "-"))
    echo(_("Status: {status}").format(status=b.status))
    echo(_("Deadlines:"))
    for d in detail.deadlines:
        echo_deadline(d, indent="  ", steps=False)
    for bezwaar in b.bezwaren:
        echo(_("Bezwaar {number}: received {on}, {timeliness}, {status}").format(
            number=bezwaar.number, on=day(bezwaar.ontvangen), timeliness=bezwaar.tijdigheid,
            status=bezwaar.status,
        ))  # fmt: skip
    for v in b.voorzieningen:
        echo(_("Voorlopige voorziening {number}: requested {on}, {outcome}").format(
            number=v.number, on=day(v.ingediend), outcome=v.uitkomst or _("pending"),
        ))  # fmt: skip
    echo(_("History:"))
    for e in detail.history:
        echo(f"  {history_line(e)}")


@app.command("beroep", help=N_("Beroep was instituted against a beslissing op bezwaar (Awb 8:1)."))
def beroep(
    ctx: typer.Context,
    besluit: BesluitArg,
    ingesteld: Annotated[
        str, typer.Option("--ingesteld", help=N_("The day beroep was instituted."))
    ],
    by: Annotated[str | None, typer.Option("--by", help=N_("Who acts (default: you)."))] = None,
    json: JsonOption = False,
) -> None:
    day_ = parse_day(ctx, ingesteld)
    assert day_ is not None  # a required option is never None
    detail = get_app(ctx).besluiten.beroep(besluit, ingesteld=day_, by=by)
    if json:
        echo_json(detail_json(detail))
        return
    b = detail.besluit
    echo(_("Besluit {kenmerk}: in beroep since {on}.").format(kenmerk=b.kenmerk, on=day(day_)))
    if b.parent:
        echo(_("Nothing becomes final while the beroep runs, {parent} included.").format(
            parent=b.parent
        ))  # fmt: skip


def detail_json(detail: BesluitDetail) -> dict[str, object]:
    b = detail.besluit
    return {
        **besluit_json(b, case_id=detail.case_id),
        "deadlines": [deadline_json(d) for d in detail.deadlines],
        "bezwaren": [bezwaar_json(z) for z in b.bezwaren],
        "voorzieningen": [voorziening_json(v) for v in b.voorzieningen],
        "letters": [{"id": r.id, "template": r.template, "on": r.on} for r in detail.letters],
        "history": [event_json(e) for e in detail.history],
    }


def besluit_json(b: Besluit, *, case_id: int) -> dict[str, object]:
    return {
        "id": b.id,
        "case": case_id,
        "kind": b.kind.value,
        "kenmerk": b.kenmerk,
        "dagtekening": b.dagtekening,
        "verzonden": b.verzonden,
        "status": b.status.value,
        "bestuursorgaan": b.bestuursorgaan,
        "action": b.action,
        "parent": b.parent,
        "gepubliceerd_op": b.gepubliceerd_op,
        "reactie_ontvangen": b.reactie_ontvangen,
        "beroep_ingesteld": b.beroep_ingesteld,
    }


def bezwaar_json(z: Bezwaar) -> dict[str, object]:
    return {
        "id": z.id,
        "number": z.number,
        "ontvangen": z.ontvangen,
        "ter_post": z.ter_post,
        "indiener": z.indiener,
        "digitaal": z.digitaal,
        "tijdigheid": z.tijdigheid.value,
        "verschoonbaar": z.verschoonbaar,
        "status": z.status.value,
        "uitkomst": None if z.uitkomst is None else z.uitkomst.value,
    }


def voorziening_json(v: Voorziening) -> dict[str, object]:
    return {
        "id": v.id,
        "number": v.number,
        "ingediend": v.ingediend,
        "rechtbank": v.rechtbank,
        "zaaknummer": v.zaaknummer,
        "uitspraak_op": v.uitspraak_op,
        "uitkomst": None if v.uitkomst is None else v.uitkomst.value,
        "schorsing_tot": v.schorsing_tot,
    }
