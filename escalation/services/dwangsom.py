"""Use cases that add to a dwangsom ledger: forfeitures found, compliance, payments, corrections,
aanmaning and dwangbevel. Each is one transaction: the entry, its deadlines and its history, or
nothing. None moves the case: the ledger runs beside the main track (issue 11).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from escalation.domain.atw import TermBasis
from escalation.domain.besluiten import Besluit, BesluitKind
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.dwangsom import Forfeiture, aanmaning_costs, aanmaning_due
from escalation.domain.dwangsom_case import (
    LEDGER,
    Arm,
    add_entry,
    book,
    last_of,
    ledger,
    reproject,
    settle,
)
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Stamp
from escalation.domain.ledger import EntryKind
from escalation.domain.model import Case
from escalation.domain.reminders import arm
from escalation.formatting import money
from escalation.i18n import _
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, UnitOfWork

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LedgerDeps:
    """What every ledger use case needs."""

    uow: UnitOfWork
    catalog: DefinitionCatalog
    calendar: AtwCalendar


@dataclass(frozen=True, slots=True)
class Booking:
    """What `dwangsom verbeurd` booked, and what the maximum kept from being booked."""

    case_id: int
    kenmerk: str
    booked: tuple[Forfeiture, ...]
    over_maximum: tuple[Forfeiture, ...]


def _change(
    deps: LedgerDeps, case_id: int, stamp: Stamp, work: Callable[[Case, Besluit, Arm], T]
) -> T:
    """Load the case and its last, do `work`, re-project prescription, save: one transaction."""
    with deps.uow as uow:
        case = uow.cases.get(case_id)
        definition = definition_for(uow, deps.catalog, case.workflow_name, case.workflow_version)

        def armed(d: Deadline) -> Deadline:
            ladder = case.reminder_ladders.get(d.kind) or definition.ladder(d.kind)
            return arm(d, ladder, deps.calendar)

        last = last_of(case)
        result = work(case, last, armed)
        reproject(case, today=stamp.on, stamp=stamp, arm=armed)
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return result


def record_forfeiture(
    deps: LedgerDeps,
    case_id: int,
    *,
    tot: date | None,
    op: date | None,
    aantal: int,
    stamp: Stamp,
) -> Booking:
    """The finding that the last was not complied with up to `tot` (or `aantal` violations on
    `op`): each unit's forfeiture by law, within the maximum (Awb 5:32b lid 2)."""
    _need_reason(stamp.reason)
    found = tot or op
    if found is not None and found > stamp.on:
        raise InvalidInputError(
            _("{day} lies after today ({today}): non-compliance can only be found up to "
              "today.").format(day=found.isoformat(), today=stamp.on.isoformat())
        )  # fmt: skip
    if aantal < 1:
        raise InvalidInputError(_("--aantal must be 1 or more."))

    def work(case: Case, last: Besluit, armed: Arm) -> Booking:
        accrual = ledger(last).accrual(until=tot, on=op, count=aantal)
        if not accrual.booked:
            _refuse_nothing(last, accrual.over_maximum, found)
        book(case, last, accrual, stamp=stamp, calendar=deps.calendar, arm=armed)
        return Booking(case.id or 0, last.kenmerk, accrual.booked, accrual.over_maximum)

    return _change(deps, case_id, stamp, work)


def _refuse_nothing(last: Besluit, over: tuple[Forfeiture, ...], found: date | None) -> None:
    book_ = ledger(last)
    if over:
        raise InvalidInputError(
            _("Nothing more can forfeit: the ledger stands at {total} of the maximum "
              "{maximum} (Awb 5:32b lid 2); {amount} would pass it.").format(
                total=money(book_.total), maximum=money(book_.maximum),
                amount=money(sum((f.amount for f in over), Decimal(0))),
            )
        )  # fmt: skip
    raise InvalidInputError(
        _("Nothing new forfeits up to {day}: every unit up to then is in the ledger already "
          "(`escalation dwangsom show`).").format(day=found.isoformat() if found else "-")
    )  # fmt: skip


def record_compliance(deps: LedgerDeps, case_id: int, *, op: date, stamp: Stamp) -> None:
    """The last was complied with on `op`: nothing forfeits after it."""

    def work(case: Case, last: Besluit, _armed: Arm) -> None:
        book_ = ledger(last)
        later = [e for e in book_.forfeitures if e.on > op]
        if later:
            raise InvalidInputError(
                _("Forfeiture {number} of {day} lies after {op}: correct it first "
                  "(`escalation dwangsom corrigeer`).").format(
                    number=later[0].number, day=later[0].on.isoformat(), op=op.isoformat()
                )
            )  # fmt: skip
        if book_.nageleefd_op is not None:
            raise InvalidInputError(
                _("The ledger records compliance on {day} already.").format(
                    day=book_.nageleefd_op.isoformat()
                )
            )
        add_entry(case, last, EntryKind.NAGELEEFD, on=op, stamp=stamp)
        case.close_deadlines(
            ["begunstigingstermijn"], DeadlineStatus.MET, stamp=_plain(stamp), action=LEDGER,
            only=lambda d: d.besluit == last.kenmerk,
        )  # fmt: skip

    _not_after_today(op, stamp)
    _change(deps, case_id, stamp, work)


def record_payment(
    deps: LedgerDeps, case_id: int, *, bedrag: Decimal, op: date, stamp: Stamp
) -> Decimal:
    """A payment (partial too): costs first, then the oldest forfeiture. Returns what is open."""
    _not_after_today(op, stamp)
    if bedrag <= 0:
        raise InvalidInputError(_("A payment is an amount above zero."))

    def work(case: Case, last: Besluit, _armed: Arm) -> Decimal:
        ledger(last).check_payment(bedrag)
        add_entry(case, last, EntryKind.BETAALD, on=op, stamp=stamp, amount=bedrag)
        settle(case, last, stamp=_plain(stamp))
        return ledger(last).open

    return _change(deps, case_id, stamp, work)


def correct_forfeiture(deps: LedgerDeps, case_id: int, *, number: int, stamp: Stamp) -> None:
    """Reverse one forfeiture by a new entry with a reason; its deadlines are cancelled."""

    def work(case: Case, last: Besluit, _armed: Arm) -> None:
        target = ledger(last).check_correction(number, stamp.reason)
        add_entry(case, last, EntryKind.CORRECTIE, on=stamp.on, stamp=stamp, ref=target.number,
                  amount=target.amount)  # fmt: skip
        settle(case, last, stamp=_plain(stamp))

    _change(deps, case_id, stamp, work)


def record_aanmaning(deps: LedgerDeps, case_id: int, *, verzonden: date, stamp: Stamp) -> Deadline:
    """An aanmaning sent (Awb 4:112): after the invorderingsbeschikking (5:37 lid 1) and a
    payment term passed unpaid; pay within two weeks, with the vergoeding of 4:113."""
    _not_after_today(verzonden, stamp)

    def work(case: Case, last: Besluit, armed: Arm) -> Deadline:
        book_ = ledger(last)
        _check_aanmaning(case, last, verzonden)
        costs = aanmaning_costs(book_.open)
        add_entry(case, last, EntryKind.AANMANING, on=verzonden, stamp=stamp, amount=costs)
        due = aanmaning_due(verzonden, deps.calendar)
        deadline = Deadline(
            kind="aanmaning", due=due.end, basis=TermBasis.STATUTORY, legal_basis="Awb 4:112",
            start=verzonden, term="2 weken", steps=due.steps, set_by=LEDGER, set_on=stamp.on,
            proposed=due.proposed, warning=due.warning, besluit=last.kenmerk,
        )  # fmt: skip
        case.add_deadline(armed(deadline), stamp=_plain(stamp), action=LEDGER)
        return case.deadlines[-1]

    return _change(deps, case_id, stamp, work)


def _check_aanmaning(case: Case, last: Besluit, verzonden: date) -> None:
    book_ = ledger(last)
    if book_.open <= 0:
        raise InvalidInputError(_("Nothing is open: an aanmaning is for an unpaid debt."))
    if not [
        b
        for b in case.besluiten_of([BesluitKind.INVORDERINGSBESCHIKKING])
        if b.parent in (None, last.kenmerk) and b.verzonden <= verzonden
    ]:
        raise InvalidInputError(
            _("An aanmaning comes after the invorderingsbeschikking (Awb 5:37 lid 1): take "
              "`neem_invorderingsbeschikking` first.")
        )  # fmt: skip
    unpaid = [
        d for d in case.deadlines
        if d.kind == "betaling" and d.besluit == last.kenmerk and d.is_awaited and d.due < verzonden
    ]  # fmt: skip
    if not unpaid:
        raise InvalidInputError(
            _("No payment term of this ledger has passed unpaid before {day}: an aanmaning is "
              "possible only after it (Awb 4:112 lid 1, 5:33).").format(day=verzonden.isoformat())
        )  # fmt: skip


def record_dwangbevel(deps: LedgerDeps, case_id: int, *, op: date, stamp: Stamp) -> None:
    """A dwangbevel issued (Awb 4:114), only after the aanmaning's term passed (4:117)."""
    _not_after_today(op, stamp)

    def work(case: Case, last: Besluit, _armed: Arm) -> None:
        if ledger(last).open <= 0:
            raise InvalidInputError(_("Nothing is open: a dwangbevel is for an unpaid debt."))
        terms = [d for d in case.deadlines if d.kind == "aanmaning" and d.besluit == last.kenmerk]
        if not terms or max(d.due for d in terms) >= op:
            raise InvalidInputError(
                _("A dwangbevel is possible only after the term of an aanmaning has passed "
                  "(Awb 4:117){after}.").format(
                    after="" if not terms else _(": from {day}").format(
                        day=(max(d.due for d in terms) + timedelta(days=1)).isoformat()
                    )
                )
            )  # fmt: skip
        add_entry(case, last, EntryKind.DWANGBEVEL, on=op, stamp=stamp)

    _change(deps, case_id, stamp, work)


def _need_reason(reason: str | None) -> None:
    if reason is None or not reason.strip():
        raise InvalidInputError(
            _("Give --reason: what the finding rests on (the hertoets, the report).")
        )


def _not_after_today(day: date, stamp: Stamp) -> None:
    if day > stamp.on:
        raise InvalidInputError(
            _("{day} lies after today ({today}).").format(
                day=day.isoformat(), today=stamp.on.isoformat()
            )
        )


def _plain(stamp: Stamp) -> Stamp:
    return Stamp(on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by)
