"""A sample last onder dwangsom with its ledger, for checking templates that print `dwangsom`:
two weekly forfeitures, each with its payment term, and an aanmaning."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from escalation.domain.atw import TermBasis
from escalation.domain.besluiten import Besluit, BesluitKind
from escalation.domain.deadline import Deadline
from escalation.domain.dwangsom import LastTerms, Per, Verbeurt
from escalation.domain.ledger import Dwangsom, EntryKind
from escalation.domain.model import Case

KENMERK = "IGJ-2025-000001"


def add_sample_ledger(case: Case, *, on: date) -> None:
    """Give `case` a last onder dwangsom of `on` whose term ended four weeks later."""
    end = on + timedelta(weeks=4)
    book = Dwangsom(
        LastTerms(Decimal(1000), Per.WEEK, Decimal(10000), end, Verbeurt.PER_BEGONNEN_EENHEID)
    )
    last = Besluit(
        kind=BesluitKind.LAST_ONDER_DWANGSOM, kenmerk=KENMERK, year=on.year, number=1,
        dagtekening=on, verzonden=on, bestuursorgaan="", dwangsom=book,
    )  # fmt: skip
    case.besluiten.append(last)
    for number, forfeited in ((1, end + timedelta(days=1)), (2, end + timedelta(days=8))):
        book.append(
            EntryKind.VERBEURD,
            on=forfeited,
            recorded_on=forfeited,
            amount=Decimal(1000),
            unit=number,
        )
        case.deadlines.append(_term("betaling", forfeited, 6, number))
    sent = end + timedelta(days=60)
    book.append(EntryKind.AANMANING, on=sent, recorded_on=sent, amount=Decimal(20))
    case.deadlines.append(_term("aanmaning", sent, 2, None))


def _term(kind: str, start: date, weeks: int, number: int | None) -> Deadline:
    return Deadline(
        kind=kind, due=start + timedelta(weeks=weeks), basis=TermBasis.STATUTORY,
        legal_basis=None, start=start, term=f"{weeks} weken", steps=(), set_by="dwangsom",
        set_on=start, besluit=KENMERK, forfeiture=number,
    )  # fmt: skip
