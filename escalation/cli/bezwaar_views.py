"""How a bezwaar shows: its JSON shape, its lines of text, and its events in a history."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from escalation.cli.output import day, echo
from escalation.cli.views import deadline_json, echo_deadline, event_json
from escalation.domain.bezwaar_events import (
    BezwaarDecided,
    BezwaarEvent,
    BezwaarHearingScheduled,
    BezwaarHersteld,
    BezwaarHerstelRequested,
    BezwaarIngebrekestelling,
    BezwaarLatenessJudged,
    BezwaarReceived,
    BezwaarUitgesteld,
    BezwaarVerdaagd,
    BezwaarWithdrawn,
)
from escalation.domain.events import Event
from escalation.formatting import money
from escalation.i18n import _
from escalation.texts import render

if TYPE_CHECKING:
    from escalation.domain.beslisdwangsom import Exposure
    from escalation.services.bezwaren import BezwaarDetail


def detail_json(d: BezwaarDetail, *, history: bool = True) -> dict[str, object]:
    z = d.bezwaar
    found: dict[str, object] = {
        "id": d.id,
        "ref": d.ref,
        "case": d.case_id,
        "besluit": d.besluit.kenmerk,
        "besluit_kind": d.besluit.kind.value,
        "besluit_status": d.besluit.status.value,
        "ontvangen": z.ontvangen,
        "ter_post": z.ter_post,
        "indiener": z.indiener,
        "digitaal": z.digitaal,
        "adviescommissie": z.adviescommissie,
        "tijdigheid": z.tijdigheid.value,
        "verschoonbaar": z.verschoonbaar,
        "status": z.status.value,
        "bezwaartermijn": d.bezwaartermijn,
        "beslistermijn": d.termijn.end,
        "opschorting": d.termijn.opschorting,
        **_steps_json(d),
        "uitkomst": None if z.uitkomst is None else z.uitkomst.value,
        "beslist_op": z.beslist_op,
        "beslissing": z.beslissing,
        "beroepstermijn": None if d.beroep is None else d.beroep.due,
        "deadline": None if d.deadline is None else deadline_json(d.deadline),
    }
    if history:
        found["history"] = [event_json(e) for e in d.history]
    return found


def _steps_json(d: BezwaarDetail) -> dict[str, object]:
    z = d.bezwaar
    return {
        "herstel": [
            {
                "verzocht_op": h.verzocht_op,
                "termijn_tot": h.termijn_tot,
                "hersteld_op": h.hersteld_op,
            }
            for h in z.herstel
        ],
        "verdaagd": z.verdaagd,
        "uitstel_tot": z.uitstel_tot,
        "uitstel_grond": z.uitstel_grond,
        "hoorzitting_op": z.hoorzitting_op,
        "ingebrekestelling": z.ingebrekestelling,
        "dwangsom": None if d.exposure is None else exposure_json(d.exposure),
    }


def exposure_json(x: Exposure) -> dict[str, object]:
    return {
        "ingebrekestelling": x.ingebrekestelling,
        "eerste_dag": x.eerste_dag,
        "laatste_dag": x.laatste_dag,
        "per_dag": [
            {"van": t.van, "tot": t.tot, "bedrag": t.per_dag, "dagen": t.dagen} for t in x.tiers
        ],
        "maximum": x.maximum,
        "beroep_vanaf": x.beroep_vanaf,
        "vaststelling": x.vaststelling,
        "dagen_verschuldigd": x.dagen_verschuldigd,
        "verschuldigd": x.verschuldigd,
    }


def echo_detail(d: BezwaarDetail) -> None:
    z = d.bezwaar
    echo(
        _("Bezwaar {ref} (id {id}) against {kind} {kenmerk} of case {case}").format(
            ref=d.ref, id=d.id, kind=d.besluit.kind, kenmerk=d.besluit.kenmerk, case=d.case_id
        )
    )
    echo(
        _("Received: {on}   Posted: {posted}   Indiener: {who}").format(
            on=day(z.ontvangen), posted=day(z.ter_post), who=z.indiener or "-"
        )
    )
    echo(
        _("Timeliness: {timeliness} (bezwaar term until {end}, Awb 6:9)").format(
            timeliness=z.tijdigheid, end=day(d.bezwaartermijn)
        )
    )
    if z.verschoonbaar is not None:
        verdict = _("excusable") if z.verschoonbaar else _("not excusable")
        echo(_("Lateness judged: {verdict} (Awb 6:11)").format(verdict=verdict))
    echo(_("Status: {status}").format(status=z.status))
    echo(_("Beslistermijn: {day} (Awb 7:10)").format(day=day(d.termijn.end)))
    for step in d.termijn.result.steps:
        echo(f"    · {render(step)}")
    if d.deadline is not None:
        echo_deadline(d.deadline, indent="  ", steps=False)
    _echo_facts(d)
    if d.exposure is not None:
        echo_exposure(d.exposure)
    echo(_("History:"))
    for e in d.history:
        echo(f"  {day(e.on)} {e.by:<12} {bezwaar_what(e) or e.TYPE}")


def _echo_facts(d: BezwaarDetail) -> None:
    z = d.bezwaar
    if z.hoorzitting_op is not None:
        echo(_("Hoorzitting: {day} (Awb 7:2)").format(day=day(z.hoorzitting_op)))
    if z.uitkomst is not None:
        echo(_("Outcome: {outcome} on {on}").format(outcome=z.uitkomst, on=day(z.beslist_op)))
    if d.beslissing is not None and d.beroep is not None:
        echo(
            _("Beslissing op bezwaar {kenmerk}; beroep until {day} (Awb 6:7, 8:1)").format(
                kenmerk=d.beslissing.kenmerk, day=day(d.beroep.due)
            )
        )


def echo_exposure(x: Exposure) -> None:
    echo(
        _(
            "Ingebrekestelling received {on}: a dwangsom is owed from {first} (Awb 4:17 lid 3)."
        ).format(on=day(x.ingebrekestelling), first=day(x.eerste_dag))
    )
    for t in x.tiers:
        echo(
            _("  {start} – {end}: {amount} per day").format(
                start=day(t.van), end=day(t.tot), amount=_euro(t.per_dag)
            )
        )
    echo(
        _("  At most {maximum} (42 days, no Atw); vaststelling by {day} (Awb 4:18).").format(
            maximum=_euro(x.maximum), day=day(x.vaststelling)
        )
    )
    if x.verschuldigd is not None:
        echo(
            _("  Owed: {amount} for {days} days.").format(
                amount=_euro(x.verschuldigd), days=x.dagen_verschuldigd
            )
        )


def _euro(amount: int) -> str:
    return money(Decimal(amount))


def bezwaar_what(e: Event) -> str | None:
    """What a bezwaar event says in a history line, with its article; None: not one."""
    if not isinstance(e, BezwaarEvent):
        return None
    ref = f"{e.besluit}/{e.bezwaar}"
    match e:
        case BezwaarReceived(tijdigheid=timeliness):
            text = _("bezwaar {ref} received: {timeliness} (Awb 6:9)").format(
                ref=ref, timeliness=timeliness
            )
        case BezwaarLatenessJudged(verschoonbaar=excusable):
            verdict = _("excusable") if excusable else _("not excusable")
            text = _("bezwaar {ref}: lateness judged {verdict} (Awb 6:11)").format(
                ref=ref, verdict=verdict
            )
        case BezwaarHerstelRequested(termijn_tot=until):
            text = _("bezwaar {ref}: herstelverzoek until {day} (Awb 6:6, 7:10 lid 2)").format(
                ref=ref, day=day(until)
            )
        case BezwaarHersteld(opschorting=days):
            text = _("bezwaar {ref}: hersteld, beslistermijn suspended {n} days (Awb 7:10 lid 2)")
            text = text.format(ref=ref, n=days)
        case _:
            text = _later_what(e, ref)
    return text + (f" — {e.reason}" if e.reason else "")


def _later_what(e: Any, ref: str) -> str:
    match e:
        case BezwaarVerdaagd(termijn=term, from_due=old, due=due):
            return _("bezwaar {ref}: verdaagd by {term}, {old} → {due} (Awb 7:10 lid 3)").format(
                ref=ref, term=term, old=day(old), due=day(due)
            )
        case BezwaarUitgesteld(grond=ground, from_due=old, due=due):
            return _("bezwaar {ref}: uitstel ({ground}), {old} → {due} (Awb 7:10 lid 4)").format(
                ref=ref, ground=ground, old=day(old), due=day(due)
            )
        case BezwaarHearingScheduled(op=op):
            return _("bezwaar {ref}: hoorzitting on {day} (Awb 7:2)").format(ref=ref, day=day(op))
        case BezwaarDecided(uitkomst=outcome, beslissing=kenmerk):
            return _("bezwaar {ref}: {outcome}, beslissing op bezwaar {kenmerk} (Awb 7:11)").format(
                ref=ref, outcome=outcome, kenmerk=kenmerk
            )
        case BezwaarWithdrawn():
            return _("bezwaar {ref} withdrawn (Awb 6:21)").format(ref=ref)
        case BezwaarIngebrekestelling(eerste_dag=first):
            return _("bezwaar {ref}: ingebrekestelling, dwangsom from {day} (Awb 4:17)").format(
                ref=ref, day=day(first)
            )
    return str(e.TYPE)
