"""Past-tense facts about a dwangsom ledger: an entry was added to it (never changed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from escalation.domain.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerEntryAdded(Event):
    """An entry of the ledger of the last `besluit`: a forfeiture, correction, payment, ...

    `on` (common) is the day it was recorded; `day` the day it happened in law. The amount is
    text ("1000.00"), as action parameters keep money.
    """

    TYPE: ClassVar[str] = "ledger_entry_added"

    besluit: str  # the kenmerk of the last onder dwangsom
    entry: int
    kind: str
    day: date
    amount: str = "0"
    unit: int | None = None
    ref: int | None = None
    until: date | None = None
    detail: str | None = None
    decided_by: str | None = None  # the kenmerk of the besluit that decided it
