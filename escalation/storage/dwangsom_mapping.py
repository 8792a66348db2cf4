"""The dwangsom ledgers of a case's lasten to and from rows: terms once, entries appended."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sqlmodel import Session, col, select

from escalation.domain.besluiten import Besluit
from escalation.domain.dwangsom import LastTerms, Per, Verbeurt
from escalation.domain.ledger import Dwangsom, Entry, EntryKind
from escalation.storage.dwangsom_tables import DwangsomRow, LedgerEntryRow

CENT = Decimal("0.01")


def cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_value())


def euros(value: int) -> Decimal:
    return (Decimal(value) * CENT).quantize(CENT)


class DwangsomStore:
    """Loads and saves the ledgers of one case's besluiten in the caller's session.

    `forfeiture_ids` maps (kenmerk, entry number) to the entry's id: a deadline of a forfeiture
    refers to it.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self.forfeiture_ids: dict[tuple[str, int], int] = {}

    def load(self, besluiten: list[Besluit], kenmerken: dict[int, str]) -> None:
        ids = [b.id for b in besluiten if b.id is not None]
        if not ids:
            return
        rows = self._session.exec(
            select(DwangsomRow).where(col(DwangsomRow.besluit_id).in_(ids))
        ).all()
        by_id = {b.id: b for b in besluiten}
        for row in rows:
            entries = self._session.exec(
                select(LedgerEntryRow)
                .where(LedgerEntryRow.dwangsom_id == row.id)
                .order_by(col(LedgerEntryRow.number))
            ).all()
            besluit = by_id[row.besluit_id]
            besluit.dwangsom = Dwangsom(
                _terms(row), [_entry(e, kenmerken) for e in entries], id=row.id
            )
            self.forfeiture_ids.update({(besluit.kenmerk, e.number): e.id or 0 for e in entries})

    def save(self, besluiten: list[Besluit], besluit_ids: dict[str, int]) -> None:
        """Insert new ledgers and new entries; a stored entry is never written again."""
        for besluit in besluiten:
            ledger = besluit.dwangsom
            if ledger is None or besluit.id is None:
                continue
            if ledger.id is None:
                ledger.id = self._insert(_terms_row(ledger.terms, besluit.id))
            for index, entry in enumerate(ledger.entries):
                if entry.id is None:
                    row = _entry_row(entry, ledger.id, besluit_ids)
                    ledger.entries[index] = replace(entry, id=self._insert(row))
                self.forfeiture_ids[(besluit.kenmerk, entry.number)] = ledger.entries[index].id or 0

    def _insert(self, row: DwangsomRow | LedgerEntryRow) -> int:
        self._session.add(row)
        self._session.flush()
        if row.id is None:
            raise RuntimeError("the database did not assign an id")
        return row.id


def _terms(row: DwangsomRow) -> LastTerms:
    return LastTerms(
        bedrag=euros(row.bedrag_cents),
        per=Per(row.per),
        maximum=euros(row.maximum_cents),
        begunstigingstermijn=row.begunstigingstermijn,
        verbeurt=Verbeurt(row.verbeurt),
    )


def _terms_row(terms: LastTerms, besluit_id: int) -> DwangsomRow:
    return DwangsomRow(
        besluit_id=besluit_id,
        bedrag_cents=cents(terms.bedrag),
        per=terms.per.value,
        maximum_cents=cents(terms.maximum),
        begunstigingstermijn=terms.begunstigingstermijn,
        verbeurt=terms.verbeurt.value,
    )


def _entry(row: LedgerEntryRow, kenmerken: dict[int, str]) -> Entry:
    return Entry(
        number=row.number,
        kind=EntryKind(row.kind),
        on=row.on,
        recorded_on=row.recorded_on,
        amount=euros(row.amount_cents),
        unit=row.unit,
        ref=row.ref,
        until=row.until,
        detail=row.detail,
        besluit=None if row.besluit_id is None else kenmerken.get(row.besluit_id),
        reason=row.reason,
        id=row.id,
    )


def _entry_row(entry: Entry, dwangsom_id: int, besluit_ids: dict[str, int]) -> LedgerEntryRow:
    return LedgerEntryRow(
        dwangsom_id=dwangsom_id,
        number=entry.number,
        kind=entry.kind.value,
        on=entry.on,
        recorded_on=entry.recorded_on,
        amount_cents=cents(entry.amount),
        unit=entry.unit,
        ref=entry.ref,
        until=entry.until,
        detail=entry.detail,
        besluit_id=None if entry.besluit is None else besluit_ids.get(entry.besluit),
        reason=entry.reason,
    )
