"""`escalation dwangsom show | verbeurd | nageleefd | betaald | corrigeer | aanmaning | dwangbevel |
simulate`: the ledger of a case's last onder dwangsom (Awb 5:31d-5:39)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import CaseArg, JsonOption, day, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.formatting import money
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from escalation.domain.dwangsom import Forfeiture
    from escalation.services.dwangsom_view import ForfeitureLine, LedgerView

app = typer.Typer(no_args_is_help=True)

OnOption = Annotated[
    str | None,
    typer.Option("--on", help=N_("Day it is recorded, 2025-01-31 or 31-01-2025 (default: today).")),
]
ByOption = Annotated[str | None, typer.Option("--by", help=N_("Who records it (default: you)."))]
ReasonOption = Annotated[
    str | None, typer.Option("--reason", help=N_("Why (kept in the ledger and the history)."))
]
DayOption = Annotated[str, typer.Option("--op", help=N_("The day it happened."))]


def euro(amount: Decimal) -> float:
    """An amount in euro as a JSON number."""
    return float(amount)


@app.command("show", help=N_("The ledger: forfeitures, payment and prescription dates, status."))
def show(ctx: typer.Context, case: CaseArg, on: OnOption = None, json: JsonOption = False) -> None:
    view = get_app(ctx).dwangsom.show(case, today=parse_day(ctx, on))
    if json:
        echo_json(ledger_json(view))
        return
    t = view.terms
    echo(_("Last onder dwangsom {kenmerk} of case {case}").format(
        kenmerk=view.kenmerk, case=view.case_id))  # fmt: skip
    echo(_("{amount} per {per} ({verbeurt}), maximum {maximum}; begunstigingstermijn "
                 "until {end}").format(amount=money(t.bedrag), per=t.per, verbeurt=t.verbeurt,
                                       maximum=money(view.maximum),
                                       end=day(t.begunstigingstermijn)))  # fmt: skip
    echo(_("Status: {status}").format(status=view.status))
    table(
        [_("NO"), _("FORFEITED"), _("AMOUNT"), _("PAYABLE BY"), _("PRESCRIBES ON"), _("PAID")],
        [(f.number, day(f.on), money(f.amount), day(f.payable_by),
          day(f.prescribes_on) + (" " + _("(lapsed)") if f.lapsed else ""), money(f.paid))
         for f in view.forfeitures],
    )  # fmt: skip
    sums = {"total": view.total, "remaining": view.remaining, "paid": view.paid,
            "costs": view.costs, "open": view.open}  # fmt: skip
    echo(
        _("Total {total}, remaining {remaining}, paid {paid}, costs {costs}, open {open}").format(
            **{k: money(v) for k, v in sums.items()}
        )
    )
    if view.lapsed:
        echo(_("Lapsed (verjaard, Awb 5:35): {amount} can no longer be collected.").format(
            amount=money(view.lapsed)))  # fmt: skip
    echo(_("Opheffing on request possible from {day} if nothing forfeits before it "
                 "(Awb 5:34 lid 2).").format(day=day(view.opheffing_possible_from)))  # fmt: skip


def ledger_json(view: LedgerView) -> dict[str, object]:
    t = view.terms
    return {
        "case": view.case_id,
        "besluit": view.kenmerk,
        "bedrag": euro(t.bedrag),
        "per": t.per.value,
        "verbeurt": t.verbeurt.value,
        "begunstigingstermijn": t.begunstigingstermijn,
        "maximum": euro(view.maximum),
        "total": euro(view.total),
        "remaining": euro(view.remaining),
        "paid": euro(view.paid),
        "costs": euro(view.costs),
        "open": euro(view.open),
        "lapsed": euro(view.lapsed),
        "status": view.status.value,
        "nageleefd_op": view.nageleefd_op,
        "opheffing_possible_from": view.opheffing_possible_from,
        "forfeitures": [forfeiture_json(f) for f in view.forfeitures],
        "entries": [
            {
                "number": e.number,
                "kind": e.kind.value,
                "on": e.on,
                "recorded_on": e.recorded_on,
                "amount": euro(e.amount),
                "ref": e.ref,
                "detail": e.detail,
                "until": e.until,
                "besluit": e.besluit,
                "reason": e.reason,
            }
            for e in view.entries
        ],  # fmt: skip
    }


def forfeiture_json(f: ForfeitureLine) -> dict[str, object]:
    return {
        "number": f.number,
        "on": f.on,
        "amount": euro(f.amount),
        "unit": f.unit,
        "recorded_on": f.recorded_on,
        "payable_by": f.payable_by,
        "prescribes_on": f.prescribes_on,
        "paid": euro(f.paid),
        "lapsed": f.lapsed,
    }


def _units_json(items: tuple[Forfeiture, ...]) -> list[dict[str, object]]:
    return [{"on": f.on, "amount": euro(f.amount), "unit": f.unit} for f in items]


@app.command("verbeurd", help=N_("Record that the last was not complied with up to a day."))
def verbeurd(
    ctx: typer.Context,
    case: CaseArg,
    tot: Annotated[
        str | None, typer.Option("--tot", help=N_("Last day of non-compliance found."))
    ] = None,
    op: Annotated[
        str | None, typer.Option("--op", help=N_("Day of the violations (per overtreding)."))
    ] = None,
    aantal: Annotated[int, typer.Option("--aantal", help=N_("Number of violations."))] = 1,
    reason: ReasonOption = None,
    on: OnOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    booking = get_app(ctx).dwangsom.verbeurd(
        case, tot=parse_day(ctx, tot), op=parse_day(ctx, op), aantal=aantal, reason=reason,
        on=parse_day(ctx, on), by=by,
    )  # fmt: skip
    if json:
        echo_json({"case": booking.case_id, "besluit": booking.kenmerk,
                   "booked": _units_json(booking.booked),
                   "over_maximum": _units_json(booking.over_maximum)})  # fmt: skip
        return
    for f in booking.booked:
        echo(_("Forfeited on {day}: {amount}").format(day=day(f.on), amount=money(f.amount)))
    if booking.over_maximum:
        over = sum((f.amount for f in booking.over_maximum), Decimal(0))
        echo(_("Not booked: {amount} would pass the maximum (Awb 5:32b lid 2); the ledger "
                     "is uitgeput.").format(amount=money(over)))  # fmt: skip


@app.command("simulate", help=N_("What would forfeit up to a day if nothing changes (not stored)."))
def simulate(
    ctx: typer.Context,
    case: CaseArg,
    until: Annotated[str, typer.Option("--until", help=N_("Last day to look at."))],
    json: JsonOption = False,
) -> None:
    last_day = parse_day(ctx, until)
    assert last_day is not None  # a required option
    sim = get_app(ctx).dwangsom.simulate(case, until=last_day)
    if json:
        echo_json({"case": sim.case_id, "until": sim.until,
                   "would_forfeit": _units_json(sim.accrual.booked),
                   "over_maximum": _units_json(sim.accrual.over_maximum),
                   "total_after": euro(sim.total_after), "maximum": euro(sim.maximum)})  # fmt: skip
        return
    for f in sim.accrual.booked:
        echo(_("Would forfeit on {day}: {amount}").format(
            day=day(f.on), amount=money(f.amount)))  # fmt: skip
    echo(_("Total then {total} of the maximum {maximum}.").format(
        total=money(sim.total_after), maximum=money(sim.maximum)))  # fmt: skip
