"""The ledger inside the case: each entry recorded in the history, each forfeiture's deadlines.

A forfeiture has its own `betaling` (Awb 5:33: six weeks, Atw) and `verjaring` (5:35: one year,
no Atw) deadlines, linked to it by its number in the ledger of its last. Prescription depends on
what happens later (a bezwaar against the last, an invorderingsbeschikking), so its date is
re-projected whenever the ledger is used and by the deadline watch before it marks one passed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from escalation.domain.atw import TermBasis
from escalation.domain.besluiten import Besluit, BesluitKind, BesluitStatus
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.dwangsom import (
    Accrual,
    LastTerms,
    Per,
    Period,
    Verbeurt,
    payable_by,
    prescribes_on,
)
from escalation.domain.dwangsom_events import LedgerEntryAdded
from escalation.domain.errors import InvalidInputError, InvalidParameterError
from escalation.domain.events import Stamp
from escalation.domain.ledger import ZERO, Dwangsom, Entry, EntryKind
from escalation.domain.model import Case, ParamValue
from escalation.i18n import N_, _
from escalation.texts import Msg

# `set_by` of the deadlines the ledger sets (not an action of the workflow).
LEDGER = "dwangsom"
Arm = Callable[[Deadline], Deadline]  # sets a new deadline's first reminder (the kind's ladder)


def last_of(case: Case) -> Besluit:
    """The case's newest last onder dwangsom that has a ledger (not withdrawn)."""
    found = [b for b in case.besluiten_of([BesluitKind.LAST_ONDER_DWANGSOM]) if b.dwangsom]
    if not found:
        raise InvalidInputError(
            _("Case {case} has no last onder dwangsom with a ledger.").format(case=case.id)
        )
    return found[-1]


def ledger(last: Besluit) -> Dwangsom:
    if last.dwangsom is None:  # last_of never returns one without
        raise ValueError(f"besluit {last.kenmerk} has no ledger")
    return last.dwangsom


def open_ledger(case: Case, taken: Mapping[str, Besluit], params: Mapping[str, ParamValue]) -> None:
    """A last onder dwangsom just taken carries its terms as data (Awb 5:32b)."""
    last = taken.get(BesluitKind.LAST_ONDER_DWANGSOM.value)
    if last is None:
        return
    end = next(
        (d.due for d in case.deadlines
         if d.kind == "begunstigingstermijn" and d.besluit == last.kenmerk),
        None,
    )  # fmt: skip
    bedrag, maximum = params.get("bedrag"), params.get("maximum")
    if end is None or not isinstance(bedrag, Decimal) or not isinstance(maximum, Decimal):
        return  # a workflow without the terms (version 1): no ledger
    if maximum < bedrag:
        raise InvalidParameterError(
            _("The maximum ({maximum}) is lower than the amount ({bedrag}): nothing could "
              "ever forfeit (Awb 5:32b).").format(maximum=maximum, bedrag=bedrag)
        )  # fmt: skip
    per = Per(str(params["per"]))
    verbeurt = params.get("verbeurt")
    if verbeurt is None and per in (Per.DAG, Per.WEEK, Per.MAAND):
        raise InvalidParameterError(
            _("A dwangsom per {per} needs --set verbeurt=per_begonnen_eenheid or "
              "per_volle_eenheid, as the text of the last says: does a {per} forfeit when it "
              "begins (\"per {per} of gedeelte daarvan\") or only when it is complete?"
              ).format(per=per.value)
        )  # fmt: skip
    default = Verbeurt.PER_BEGONNEN_EENHEID.value
    terms = LastTerms(bedrag, per, maximum, end, Verbeurt(str(verbeurt or default)))
    last.dwangsom = Dwangsom(terms)


def add_entry(case: Case, last: Besluit, kind: EntryKind, *, on: date, stamp: Stamp,
              **fields: object) -> Entry:  # fmt: skip
    """Append an entry to the last's ledger and record it in the case's history."""
    entry = ledger(last).append(kind, on=on, recorded_on=stamp.on, reason=stamp.reason, **fields)
    case.record(
        LedgerEntryAdded(
            besluit=last.kenmerk, entry=entry.number, kind=kind.value, day=on,
            amount=str(entry.amount), unit=entry.unit, ref=entry.ref, until=entry.until,
            detail=entry.detail, decided_by=entry.besluit,
            at=stamp.at, on=stamp.on, by=stamp.by, reason=stamp.reason,
            recorded_by=stamp.recorded_by,
        )
    )  # fmt: skip
    return entry


def book(
    case: Case, last: Besluit, accrual: Accrual, *, stamp: Stamp, calendar: AtwCalendar, arm: Arm
) -> list[Entry]:
    """Book the forfeitures of an accrual, each with its betaling and verjaring deadlines."""
    entries = []
    plain = Stamp(on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by)
    for f in accrual.booked:
        entry = add_entry(
            case, last, EntryKind.VERBEURD, on=f.on, stamp=stamp, amount=f.amount, unit=f.unit
        )
        for deadline in (
            payment_deadline(last, entry, calendar, on=stamp.on),
            prescription_deadline(case, last, entry, today=stamp.on),
        ):
            case.add_deadline(arm(deadline), stamp=plain, action=LEDGER)
        entries.append(entry)
    meet_hertoets(case, last, stamp=plain)
    return entries


def meet_hertoets(case: Case, last: Besluit, *, stamp: Stamp) -> None:
    """A finding on the last (forfeiture or compliance) is the hertoets after the term."""
    case.close_deadlines(
        ["hertoets"], DeadlineStatus.MET, stamp=stamp, action=LEDGER, only=_of(last)
    )


def payment_deadline(last: Besluit, entry: Entry, calendar: AtwCalendar, *, on: date) -> Deadline:
    result = payable_by(entry.on, calendar)
    return Deadline(
        kind="betaling", due=result.end, basis=result.basis, legal_basis=result.legal_basis,
        start=entry.on, term="6 weken", steps=result.steps, set_by=LEDGER, set_on=on,
        proposed=result.proposed, warning=result.warning, besluit=last.kenmerk,
        forfeiture=entry.number,
    )  # fmt: skip


def prescription_deadline(case: Case, last: Besluit, entry: Entry, *, today: date) -> Deadline:
    due, steps = prescription(case, last, entry.on, today=today)
    return Deadline(
        kind="verjaring", due=due, basis=TermBasis.STATUTORY, legal_basis="Awb 5:35",
        start=entry.on, term="1 jaar", steps=steps, set_by=LEDGER, set_on=today,
        besluit=last.kenmerk, forfeiture=entry.number,
    )  # fmt: skip


def pending_periods(last: Besluit) -> list[Period]:
    """Bezwaar and beroep against the last (Awb 5:35 lid 2): from receipt until decided; one
    still pending runs up to today. An end that the case does not know is left out: the
    earlier prescription date is the safe one."""
    periods = [
        Period(b.ontvangen, None if b.is_pending else b.beslist_op)
        for b in last.bezwaren
        if b.is_pending or b.beslist_op is not None
    ]
    if last.beroep_ingesteld is not None and last.status is BesluitStatus.IN_BEROEP:
        periods.append(Period(last.beroep_ingesteld))
    return periods


def interruptions(case: Case, last: Besluit, forfeited_on: date) -> list[date]:
    """The invorderingsbeschikkingen about this forfeiture (taken on or after it): the day each
    was made known (sent) stuit prescription (Awb 5:37a)."""
    return [
        b.verzonden
        for b in case.besluiten_of([BesluitKind.INVORDERINGSBESCHIKKING])
        if b.parent in (None, last.kenmerk) and b.dagtekening >= forfeited_on
    ]


def prescription(
    case: Case, last: Besluit, on: date, *, today: date
) -> tuple[date, tuple[Msg, ...]]:
    """The last day to collect a forfeiture of `on`, and how it was reached."""
    plain = prescribes_on(on)
    steps = [Msg(N_("Awb 5:35 lid 1: one year after the forfeiture on {start}: {day} (no Atw, a "
                    "term in years)."), {"start": on, "day": plain})]  # fmt: skip
    stuit = interruptions(case, last, on)
    restarted = prescribes_on(on, interrupted_on=stuit)
    if restarted != plain:
        text = N_("Awb 5:37a, 4:110: an invorderingsbeschikking interrupted it; a new year runs "
                  "from the next day: {day}.")  # fmt: skip
        steps.append(Msg(text, {"day": restarted}))
    pending = pending_periods(last)
    end = prescribes_on(on, pending=pending, interrupted_on=stuit, today=today)
    if end != restarted:
        steps.append(Msg(N_("Awb 5:35 lid 2: extended by the {days} days a bezwaar or beroep "
                            "against the last was pending: {day}."),
                         {"days": (end - restarted).days, "day": end}))  # fmt: skip
    return end, tuple(steps)


def reproject(case: Case, *, today: date, stamp: Stamp, arm: Arm) -> list[Deadline]:
    """Move every awaited verjaring deadline of the case's ledgers to its date as it stands."""
    moved = []
    for last in (b for b in case.besluiten if b.dwangsom is not None):
        for old in [d for d in case.deadlines if _prescribing(d, last)]:
            entry = ledger(last).entry(old.forfeiture or 0)
            if entry is None:
                continue
            due, steps = prescription(case, last, entry.on, today=today)
            if due == old.due:
                continue
            new = arm(replace(old, id=None, due=due, steps=steps, set_on=stamp.on))
            plain = Stamp(on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by)
            case.move_deadline(old, new, stamp=plain, why=_moved_reason(due, old.due))
            moved.append(new)
    return moved


def _prescribing(d: Deadline, last: Besluit) -> bool:
    return (
        d.kind == "verjaring"
        and d.besluit == last.kenmerk
        and d.forfeiture is not None
        and (d.is_awaited)
    )


def _moved_reason(due: date, old: date) -> Msg:
    text = N_("Awb 5:35, 5:37a: prescription re-projected from {old:date} to {due:date}.")
    return Msg(text, {"old": old, "due": due})


def settle(case: Case, last: Besluit, *, stamp: Stamp) -> None:
    """Close the deadlines of forfeitures paid in full (met) or corrected away (cancelled)."""
    book_ = ledger(last)
    covered = book_.paid_on()
    standing = {e.number: e.amount for e in book_.forfeitures}
    for d in [d for d in case.deadlines if d.besluit == last.kenmerk and d.forfeiture]:
        number = d.forfeiture or 0
        if not d.is_awaited:
            continue
        if number not in standing:
            _close_one(case, d, DeadlineStatus.CANCELLED, stamp)
        elif covered.get(number, ZERO) >= standing[number]:
            _close_one(case, d, DeadlineStatus.MET, stamp)
    if book_.open <= 0:
        case.close_deadlines(
            ["aanmaning"], DeadlineStatus.MET, stamp=stamp, action=LEDGER, only=_of(last)
        )


def _close_one(case: Case, deadline: Deadline, status: DeadlineStatus, stamp: Stamp) -> None:
    case.close_deadlines(
        [deadline.kind], status, stamp=stamp, action=LEDGER, only=lambda d: d is deadline
    )


def _of(last: Besluit) -> Callable[[Deadline], bool]:
    return lambda d: d.besluit == last.kenmerk


def day_after(day: date) -> date:
    return day + timedelta(days=1)
