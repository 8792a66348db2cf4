"""`escalation dwangsom nageleefd | betaald | corrigeer | aanmaning | dwangbevel`."""

from __future__ import annotations

from typing import Annotated

import typer

from escalation.cli.dwangsom import ByOption, DayOption, OnOption, ReasonOption, euro
from escalation.cli.output import CaseArg, JsonOption, day, echo, echo_json
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.domain.params import parse_money
from escalation.formatting import money
from escalation.i18n import N_, _


def nageleefd(
    ctx: typer.Context,
    case: CaseArg,
    op: DayOption,
    reason: ReasonOption = None,
    on: OnOption = None,
    by: ByOption = None,
) -> None:
    when = parse_day(ctx, op)
    assert when is not None  # a required option
    get_app(ctx).dwangsom.nageleefd(case, op=when, reason=reason, on=parse_day(ctx, on), by=by)
    echo(_("Complied with on {day}: nothing forfeits after it.").format(day=day(when)))


def betaald(
    ctx: typer.Context,
    case: CaseArg,
    bedrag: Annotated[str, typer.Option("--bedrag", help=N_("Amount paid in euro."))],
    op: DayOption,
    reason: ReasonOption = None,
    on: OnOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    when = parse_day(ctx, op)
    assert when is not None
    still = get_app(ctx).dwangsom.betaald(
        case, bedrag=parse_money(bedrag), op=when, reason=reason, on=parse_day(ctx, on), by=by
    )
    if json:
        echo_json({"case": case, "open": euro(still)})
        return
    echo(_("Payment recorded; open: {open}").format(open=money(still)))


def corrigeer(
    ctx: typer.Context,
    case: CaseArg,
    number: Annotated[int, typer.Argument(metavar="NUMBER", help=N_("The forfeiture's number."))],
    reason: ReasonOption = None,
    on: OnOption = None,
    by: ByOption = None,
) -> None:
    get_app(ctx).dwangsom.corrigeer(case, number, reason=reason, on=parse_day(ctx, on), by=by)
    echo(_("Forfeiture {number} corrected (reversed by a new entry).").format(number=number))


def aanmaning(
    ctx: typer.Context,
    case: CaseArg,
    verzonden: Annotated[
        str, typer.Option("--verzonden", help=N_("The day the aanmaning was sent."))
    ],
    reason: ReasonOption = None,
    on: OnOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    sent = parse_day(ctx, verzonden)
    assert sent is not None
    d = get_app(ctx).dwangsom.aanmaning(
        case, verzonden=sent, reason=reason, on=parse_day(ctx, on), by=by
    )
    if json:
        echo_json({"case": case, "kind": d.kind, "due": d.due, "legal_basis": d.legal_basis})
        return
    echo(_("Aanmaning recorded: pay by {day} (Awb 4:112).").format(day=day(d.due)))


def dwangbevel(
    ctx: typer.Context,
    case: CaseArg,
    op: DayOption,
    reason: ReasonOption = None,
    on: OnOption = None,
    by: ByOption = None,
) -> None:
    when = parse_day(ctx, op)
    assert when is not None
    get_app(ctx).dwangsom.dwangbevel(case, op=when, reason=reason, on=parse_day(ctx, on), by=by)
    echo(_("Dwangbevel recorded on {day} (Awb 4:114).").format(day=day(when)))


def register(target: typer.Typer) -> None:
    target.command("nageleefd", help=N_("Record that the last was complied with on a day."))(
        nageleefd
    )
    target.command("betaald", help=N_("Record a payment (partial payments too)."))(betaald)
    target.command("corrigeer", help=N_("Reverse a forfeiture by a new entry, with a reason."))(
        corrigeer
    )
    target.command("aanmaning", help=N_("Record an aanmaning sent (Awb 4:112, 4:113)."))(aanmaning)
    target.command("dwangbevel", help=N_("Record a dwangbevel (Awb 4:114, 4:117)."))(dwangbevel)
