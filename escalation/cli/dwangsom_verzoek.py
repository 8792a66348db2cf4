"""`escalation dwangsom verzoek | beslis`: requests of the overtreder under Awb 5:34 and the
besluiten on them (opheffing, opschorting, vermindering)."""

from __future__ import annotations

from typing import Annotated

import typer

from escalation.cli.dwangsom import ByOption, OnOption, ReasonOption, euro
from escalation.cli.output import CaseArg, JsonOption, day, echo, echo_json
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.domain.dwangsom_verzoek import Decision, VerzoekUitkomst, choice
from escalation.domain.ledger import RequestKind
from escalation.domain.params import parse_money
from escalation.i18n import N_, _


def verzoek(
    ctx: typer.Context,
    case: CaseArg,
    soort: Annotated[
        str, typer.Option("--soort", help=N_("opheffing, opschorting or vermindering."))
    ],
    ontvangen: Annotated[
        str, typer.Option("--ontvangen", help=N_("The day the request was received."))
    ],
    reason: ReasonOption = None,
    on: OnOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    received = parse_day(ctx, ontvangen)
    assert received is not None  # a required option
    kind = RequestKind(choice(RequestKind, soort, option="--soort"))
    entry = get_app(ctx).dwangsom.verzoek(
        case, soort=kind, ontvangen=received, reason=reason, on=parse_day(ctx, on), by=by
    )
    if json:
        echo_json({"case": case, "request": entry.number, "soort": kind.value,
                   "ontvangen": entry.on})  # fmt: skip
        return
    echo(_("Request {number} ({soort}) received on {day}; decide it with `escalation dwangsom "
           "beslis {case} {number}`.").format(number=entry.number, soort=kind.value,
                                               day=day(entry.on), case=case))  # fmt: skip


def beslis(
    ctx: typer.Context,
    case: CaseArg,
    number: Annotated[int, typer.Argument(metavar="VERZOEK", help=N_("The request's number."))],
    uitkomst: Annotated[str, typer.Option("--uitkomst", help=N_("toegewezen or afgewezen."))],
    bedrag: Annotated[
        str | None, typer.Option("--bedrag", help=N_("Vermindering: the new amount per unit."))
    ] = None,
    maximum: Annotated[
        str | None, typer.Option("--maximum", help=N_("Vermindering: the new maximum."))
    ] = None,
    tot: Annotated[str | None, typer.Option("--tot", help=N_("Opschorting: its last day."))] = None,
    verzonden: Annotated[
        str | None, typer.Option("--verzonden", help=N_("The day it is sent (default: --on)."))
    ] = None,
    reason: ReasonOption = None,
    on: OnOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    decision = Decision(
        VerzoekUitkomst(choice(VerzoekUitkomst, uitkomst, option="--uitkomst")),
        verzonden=parse_day(ctx, verzonden),
        bedrag=None if bedrag is None else parse_money(bedrag),
        maximum=None if maximum is None else parse_money(maximum), tot=parse_day(ctx, tot),
    )  # fmt: skip
    done = get_app(ctx).dwangsom.beslis(
        case, number, decision, reason=reason, on=parse_day(ctx, on), by=by
    )
    if json:
        echo_json({"case": done.case_id, "request": number, "besluit": done.besluit.kenmerk,
                   "uitkomst": decision.uitkomst.value, "entry": done.entry.kind.value,
                   "amount": euro(done.entry.amount) if done.entry.amount else None,
                   "until": done.entry.until, "status": done.status})  # fmt: skip
        return
    echo(_("Request {number} {uitkomst} by besluit {kenmerk}; the last is now {status}.").format(
        number=number, uitkomst=decision.uitkomst.value, kenmerk=done.besluit.kenmerk,
        status=done.status))  # fmt: skip


def register(target: typer.Typer) -> None:
    target.command("verzoek", help=N_("Record a request of the overtreder (Awb 5:34)."))(verzoek)
    target.command("beslis", help=N_("Decide a request under Awb 5:34 (a besluit)."))(beslis)
