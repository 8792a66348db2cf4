"""`escalation besluit list | show | vaststellen`: the besluiten of the cases, each with its legal
life; a concept besluit is established by a second person (four-eyes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import CaseOption, JsonOption, day, echo, echo_json, table
from escalation.cli.paging import (
    AfterOption,
    AllOption,
    JsonlOption,
    LimitOption,
    Tracked,
    echo_more,
    page_limit,
    stream_json,
    stream_jsonl,
)
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.cli.views import deadline_json, echo_deadline, event_json, history_line
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from escalation.domain.besluiten import Besluit, BesluitSummary, Bezwaar, Voorziening
    from escalation.services.besluiten import BesluitDetail
    from escalation.services.four_eyes import Established

app = typer.Typer(no_args_is_help=True)

BesluitArg = Annotated[
    str, typer.Argument(metavar="BESLUIT", help=N_("The besluit's kenmerk or id."))
]


# TRANSLATORS: after a page of `besluit list`; {cursor} is the last besluit id shown
MORE = N_("… {count} more besluiten; next page: --after {cursor}")


@app.command(
    "list", help=N_("The besluiten, of all cases or of one, with their status: a page of 50.")
)
def list_(
    ctx: typer.Context,
    case: CaseOption = None,
    status: Annotated[
        str | None,
        typer.Option("--status", help=N_("Only this status, e.g. bezwaartermijn.")),
    ] = None,
    limit: LimitOption = None,
    after: AfterOption = None,
    every: AllOption = False,
    json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    from escalation.services.list_facade import DEFAULT_LIMIT

    shown = page_limit(limit, every, DEFAULT_LIMIT)
    lists = get_app(ctx).lists
    rows = Tracked(lists.besluiten(case_id=case, status=status, after=after, limit=shown))
    if json or jsonl:
        (stream_jsonl if jsonl else stream_json)(summary_json(b) for b in rows)
    else:
        headers = [_("ID"), _("CASE"), _("KENMERK"), _("KIND"), _("DAGTEKENING"), _("SENT")]
        table(
            [*headers, _("STATUS")],
            [(b.id, b.case_id, b.kenmerk, b.kind, day(b.dagtekening),
              "-" if _concept(b) else day(b.verzonden), _status(b)) for b in rows],
        )  # fmt: skip
    last = rows.last.id if rows.last is not None else after
    remaining = lambda: lists.besluiten_after(case_id=case, status=status, after=last)  # noqa: E731
    echo_more(MORE, remaining, (rows.count, shown, last), err=json or jsonl)


def _concept(b: BesluitSummary | Besluit) -> bool:
    return b.status.value == "concept"


def _status(b: BesluitSummary | Besluit) -> str:
    """The status; a concept says who prepared it (four-eyes)."""
    if not _concept(b):
        return b.status.value
    return _("concept, prepared by {by}").format(by=b.prepared_by or "-")


def _echo_four_eyes(b: Besluit) -> None:
    """A concept awaits its vaststelling; an established one says who prepared and established."""
    if _concept(b):
        text = _(
            "Awaits vaststelling by a second person: `escalation besluit vaststellen {kenmerk}`."
        )
        echo(text.format(kenmerk=b.kenmerk))
    elif b.established_by:
        text = _("Prepared by {prepared}, established by {by} on {on}.")
        echo(text.format(prepared=b.prepared_by or "-", by=b.established_by,
                         on=day(b.established_on)))  # fmt: skip


def summary_json(b: BesluitSummary) -> dict[str, object]:
    return {
        "id": b.id,
        "case": b.case_id,
        "kind": b.kind.value,
        "kenmerk": b.kenmerk,
        "dagtekening": b.dagtekening,
        "verzonden": None if _concept(b) else b.verzonden,
        "status": b.status.value,
        "bestuursorgaan": b.bestuursorgaan,
        "prepared_by": b.prepared_by,
        "established_by": b.established_by,
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
    sent = "-" if _concept(b) else day(b.verzonden)
    echo(_("Dagtekening: {on}   Sent: {sent}").format(on=day(b.dagtekening), sent=sent))
    echo(_("Bestuursorgaan: {organ}").format(organ=b.bestuursorgaan or "-"))
    echo(_("Status: {status}").format(status=_status(b)))
    _echo_four_eyes(b)
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
        "verzonden": None if _concept(b) else b.verzonden,
        "status": b.status.value,
        "bestuursorgaan": b.bestuursorgaan,
        "action": b.action,
        "prepared_by": b.prepared_by,
        "established_by": b.established_by,
        "established_on": b.established_on,
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


@app.command(
    "vaststellen",
    help=N_(
        "Establish a concept besluit as the second person (four-eyes): its letter is sent and "
        "its deadlines start from the day it is sent."
    ),
)
def vaststellen(
    ctx: typer.Context,
    besluit: BesluitArg,
    on: Annotated[
        str | None,
        typer.Option("--on", help=N_("The day it is established (default: today).")),
    ] = None,
    verzonden: Annotated[
        str | None,
        typer.Option("--verzonden", help=N_("The day it is sent (default: the day established).")),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help=N_("Why (kept in the history)."))
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help=N_("Who acts (default: you)."))] = None,
    json: JsonOption = False,
) -> None:
    on_, sent = parse_day(ctx, on), parse_day(ctx, verzonden)
    done = get_app(ctx).besluiten.vaststellen(besluit, on=on_, verzonden=sent, by=by, reason=reason)
    if json:
        echo_json(established_json(done))
        return
    for b in done.besluiten:
        text = _("Besluit {kenmerk} ({kind}) established by {by}, prepared by {prepared}; "
                 "sent {sent}.")  # fmt: skip
        echo(text.format(kenmerk=b.kenmerk, kind=b.kind, by=b.established_by,
                         prepared=done.prepared_by, sent=day(b.verzonden)))  # fmt: skip
    if done.letter is not None:
        echo(_("Letter {letter} sent: {template}").format(
            letter=done.letter.id, template=done.letter.template))  # fmt: skip
    for d in done.deadlines:
        echo_deadline(d, indent="  ", steps=False)


def established_json(done: Established) -> dict[str, object]:
    return {
        "case": done.case_id,
        "besluiten": [besluit_json(b, case_id=done.case_id) for b in done.besluiten],
        "prepared_by": done.prepared_by,
        "letter": None if done.letter is None else done.letter.id,
        "deadlines": [deadline_json(d) for d in done.deadlines],
    }
