"""Reading a dwangsom ledger: what stands, per forfeiture when it is payable and when it lapses.

Dates are computed by law each time they are shown (Awb 5:33 with the Atw; 5:35 with its
extension and 5:37a's restart), from the day each unit was forfeited, never from the day it was
recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from escalation.domain.besluiten import Besluit
from escalation.domain.calendar import AtwCalendar
from escalation.domain.dwangsom import (
    Accrual,
    LastTerms,
    LedgerStatus,
    opheffing_possible_from,
    payable_by,
)
from escalation.domain.dwangsom_case import last_of, ledger, prescription
from escalation.domain.ledger import ZERO, Entry
from escalation.domain.model import Case
from escalation.services.ports import UnitOfWork
from escalation.texts import Msg


@dataclass(frozen=True, slots=True)
class ForfeitureLine:
    """One forfeiture that stands, with its dates by law and what payments cover of it."""

    number: int
    on: date  # forfeited by operation of law
    amount: Decimal
    unit: int | None
    recorded_on: date
    payable_by: date  # Awb 5:33, Atw
    prescribes_on: date  # Awb 5:35 (5:37a, 4:110): the last day it can be collected
    prescription_steps: tuple[Msg, ...]
    paid: Decimal
    lapsed: bool  # verjaard: prescribed before today and not paid in full


@dataclass(frozen=True, slots=True)
class LedgerView:
    """`dwangsom show`: the ledger of a case's last onder dwangsom on `today`."""

    case_id: int
    kenmerk: str
    terms: LastTerms
    maximum: Decimal  # in force: the last's, or as lowered (Awb 5:34 lid 1)
    total: Decimal
    remaining: Decimal
    paid: Decimal
    costs: Decimal
    open: Decimal
    status: LedgerStatus
    forfeitures: tuple[ForfeitureLine, ...]
    entries: tuple[Entry, ...]
    opheffing_possible_from: date  # Awb 5:34 lid 2
    nageleefd_op: date | None
    today: date

    @property
    def lapsed(self) -> Decimal:
        """What can no longer be collected: the unpaid part of prescribed forfeitures."""
        return sum((f.amount - f.paid for f in self.forfeitures if f.lapsed), ZERO)


def show_ledger(*, uow: UnitOfWork, calendar: AtwCalendar, case_id: int, today: date) -> LedgerView:
    with uow:
        case = uow.cases.get(case_id)
    return ledger_view(case, last_of(case), calendar=calendar, today=today)


def ledger_view(case: Case, last: Besluit, *, calendar: AtwCalendar, today: date) -> LedgerView:
    book = ledger(last)
    covered = book.paid_on()
    lines = []
    for e in book.forfeitures:
        end, steps = prescription(case, last, e.on, today=today)
        paid = covered.get(e.number, ZERO)
        lines.append(
            ForfeitureLine(
                e.number, e.on, e.amount, e.unit, e.recorded_on, payable_by(e.on, calendar).end,
                end, steps, paid, end < today and paid < e.amount,
            )
        )  # fmt: skip
    return LedgerView(
        case_id=case.id or 0, kenmerk=last.kenmerk, terms=book.terms, maximum=book.maximum,
        total=book.total, remaining=book.remaining, paid=book.paid, costs=book.costs,
        open=book.open, status=book.status(today), forfeitures=tuple(lines),
        entries=tuple(book.entries),
        opheffing_possible_from=opheffing_possible_from(last.verzonden, book.booked),
        nageleefd_op=book.nageleefd_op, today=today,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Simulation:
    """`dwangsom simulate`: what non-compliance up to `until` would forfeit; nothing is written."""

    case_id: int
    kenmerk: str
    until: date
    accrual: Accrual
    total_after: Decimal
    maximum: Decimal


def simulate_ledger(*, uow: UnitOfWork, case_id: int, until: date) -> Simulation:
    with uow:
        case = uow.cases.get(case_id)
    last = last_of(case)
    book = ledger(last)
    found = book.accrual(until=until)
    return Simulation(
        case.id or 0, last.kenmerk, until, found, book.total + found.total, book.maximum
    )
