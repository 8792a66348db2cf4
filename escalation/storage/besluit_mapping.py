"""The besluiten of a case, with their bezwaren and voorlopige voorzieningen, to and from rows.

Inside the domain a besluit is known by its kenmerk and a bezwaar by its number within the
besluit; in the database by ids. `BesluitRefs` translates between the two for the deadlines
that belong to a besluit or a bezwaar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from escalation.domain.besluiten import (
    Besluit,
    BesluitKind,
    BesluitStatus,
    BesluitSummary,
    Bezwaar,
    BezwaarStatus,
    Herstel,
    Tijdigheid,
    Uitkomst,
    Voorziening,
    VoorzieningUitkomst,
)
from escalation.storage.dwangsom_mapping import DwangsomStore
from escalation.storage.tables import BesluitRow, BezwaarRow, VoorzieningRow

_Child = TypeVar("_Child", BezwaarRow, VoorzieningRow)
_Row = TypeVar("_Row", BesluitRow, BezwaarRow, VoorzieningRow)
_KEEP = frozenset({"id", "case_id", "created_at"})  # a row's identity and birth stay as they are


@dataclass
class BesluitRefs:
    """Ids by domain key and back: kenmerk ↔ besluit id, (kenmerk, number) ↔ bezwaar id."""

    besluit_ids: dict[str, int] = field(default_factory=dict)
    bezwaar_ids: dict[tuple[str, int], int] = field(default_factory=dict)
    # (kenmerk, number) ↔ the id of a forfeiture in that besluit's dwangsom ledger
    forfeiture_ids: dict[tuple[str, int], int] = field(default_factory=dict)

    def kenmerk(self, besluit_id: int | None) -> str | None:
        return next((k for k, i in self.besluit_ids.items() if i == besluit_id), None)

    def bezwaar(self, bezwaar_id: int | None) -> int | None:
        return next((n for (_, n), i in self.bezwaar_ids.items() if i == bezwaar_id), None)

    def forfeiture(self, entry_id: int | None) -> int | None:
        return next((n for (_, n), i in self.forfeiture_ids.items() if i == entry_id), None)


class BesluitStore:
    """Loads and saves the besluiten of one case in the caller's session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def load(self, case_id: int) -> tuple[list[Besluit], BesluitRefs]:
        rows = self._session.exec(
            select(BesluitRow).where(BesluitRow.case_id == case_id).order_by(col(BesluitRow.id))
        ).all()
        refs = BesluitRefs({r.kenmerk: r.id or 0 for r in rows})
        ids = [r.id for r in rows]
        bezwaren = self._children(BezwaarRow, ids)
        voorzieningen = self._children(VoorzieningRow, ids)
        besluiten = []
        for row in rows:
            besluit = _besluit(row, refs)
            besluit.bezwaren = [_bezwaar(b, refs) for b in bezwaren if b.besluit_id == row.id]
            besluit.voorzieningen = [
                _voorziening(v) for v in voorzieningen if v.besluit_id == row.id
            ]
            refs.bezwaar_ids.update({(row.kenmerk, b.number): b.id or 0 for b in besluit.bezwaren})
            besluiten.append(besluit)
        ledgers = DwangsomStore(self._session)
        ledgers.load(besluiten, {i: k for k, i in refs.besluit_ids.items()})
        refs.forfeiture_ids = ledgers.forfeiture_ids
        return besluiten, refs

    def _children(self, table: type[_Child], besluit_ids: list[int | None]) -> list[_Child]:
        if not besluit_ids:
            return []
        query = select(table).where(col(table.besluit_id).in_(besluit_ids)).order_by(col(table.id))
        return list(self._session.exec(query).all())

    def save(self, case_id: int, besluiten: list[Besluit], *, now: datetime) -> BesluitRefs:
        """Insert the new and update the changed besluiten, bezwaren and voorzieningen."""
        refs = BesluitRefs()
        for besluit in besluiten:  # in the order taken: a besluit's parent comes first
            besluit.id = self._put(besluit.id, _besluit_row(besluit, refs, case_id, now))
            refs.besluit_ids[besluit.kenmerk] = besluit.id
        for besluit in besluiten:
            parent = besluit.id or 0
            for bezwaar in besluit.bezwaren:
                bezwaar.id = self._put(bezwaar.id, _bezwaar_row(bezwaar, refs, parent))
                refs.bezwaar_ids[(besluit.kenmerk, bezwaar.number)] = bezwaar.id
            for voorziening in besluit.voorzieningen:
                voorziening.id = self._put(voorziening.id, _voorziening_row(voorziening, parent))
        ledgers = DwangsomStore(self._session)
        ledgers.save(besluiten, refs.besluit_ids)
        refs.forfeiture_ids = ledgers.forfeiture_ids
        return refs

    def _put(self, row_id: int | None, wanted: _Row) -> int:
        """Insert `wanted`, or copy its values onto the stored row `row_id`; returns the id."""
        row = wanted if row_id is None else self._session.get(type(wanted), row_id)
        if row is None:
            raise RuntimeError(f"row {row_id} of {type(wanted).__name__} is gone")
        if row is not wanted:
            for column in type(wanted).model_fields:
                if column not in _KEEP:
                    setattr(row, column, getattr(wanted, column))
        self._session.add(row)
        self._session.flush()
        if row.id is None:  # the database assigns it on flush
            raise RuntimeError("the database did not assign an id")
        return row.id


class SqlBesluitRepository:
    """The besluiten across cases: their numbering, where each belongs, the list."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def last_number(self, year: int) -> int:
        query = select(func.max(BesluitRow.number)).where(BesluitRow.year == year)
        return int(self._session.exec(query).one() or 0)

    def case_of(self, ref: str) -> int | None:
        condition = col(BesluitRow.kenmerk) == ref
        if ref.isascii() and ref.isdigit() and len(ref) < 19:
            condition = condition | (col(BesluitRow.id) == int(ref))
        row = self._session.exec(select(BesluitRow).where(condition)).first()
        return None if row is None else row.case_id

    def listing(
        self, *, case_id: int | None = None, status: str | None = None
    ) -> list[BesluitSummary]:
        query = select(BesluitRow).order_by(col(BesluitRow.id))
        if case_id is not None:
            query = query.where(BesluitRow.case_id == case_id)
        if status is not None:
            query = query.where(BesluitRow.status == status)
        return [_summary(row) for row in self._session.exec(query)]

    def bezwaren(self, bezwaar_id: int | None = None) -> list[tuple[int, int, str, int]]:
        query = (
            select(BezwaarRow.id, BesluitRow.case_id, BesluitRow.kenmerk, BezwaarRow.number)
            .join(BesluitRow, col(BezwaarRow.besluit_id) == col(BesluitRow.id))
            .order_by(col(BezwaarRow.id))
        )
        if bezwaar_id is not None:
            query = query.where(BezwaarRow.id == bezwaar_id)
        return [(i or 0, c, k, n) for i, c, k, n in self._session.exec(query).all()]

    def claim_concepts(self, kenmerken: list[str], *, status: str, by: str, on: date) -> bool:
        """One conditional UPDATE: of two users establishing at once, the second finds none."""
        claim = (
            update(BesluitRow)
            .where(col(BesluitRow.kenmerk).in_(kenmerken), col(BesluitRow.status) == "concept")
            .values(status=status, established_by=by, established_on=on)
            .execution_options(synchronize_session=False)
        )
        done = self._session.connection().execute(claim)
        return done.rowcount == len(kenmerken)

    def case_of_voorziening(self, voorziening_id: int) -> int | None:
        query = (
            select(BesluitRow.case_id)
            .join(VoorzieningRow, col(VoorzieningRow.besluit_id) == col(BesluitRow.id))
            .where(VoorzieningRow.id == voorziening_id)
        )
        return self._session.exec(query).first()


def _summary(row: BesluitRow) -> BesluitSummary:
    return BesluitSummary(
        id=row.id or 0,
        case_id=row.case_id,
        kind=BesluitKind(row.kind),
        kenmerk=row.kenmerk,
        dagtekening=row.dagtekening,
        verzonden=row.verzonden,
        status=BesluitStatus(row.status),
        bestuursorgaan=row.bestuursorgaan,
        prepared_by=row.prepared_by,
        established_by=row.established_by,
    )


def _besluit(row: BesluitRow, refs: BesluitRefs) -> Besluit:
    return Besluit(
        kind=BesluitKind(row.kind),
        kenmerk=row.kenmerk,
        year=row.year,
        number=row.number,
        dagtekening=row.dagtekening,
        verzonden=row.verzonden,
        bestuursorgaan=row.bestuursorgaan,
        action=row.action,
        status=BesluitStatus(row.status),
        parent=refs.kenmerk(row.parent_id),
        letter_id=row.letter_id,
        reactie=row.reactie,
        reactie_ontvangen=row.reactie_ontvangen,
        gepubliceerd_op=row.gepubliceerd_op,
        beroep_ingesteld=row.beroep_ingesteld,
        id=row.id,
        prepared_by=row.prepared_by,
        established_by=row.established_by,
        established_on=row.established_on,
    )


def _besluit_row(b: Besluit, refs: BesluitRefs, case_id: int, now: datetime) -> BesluitRow:
    return BesluitRow(
        case_id=case_id,
        kind=b.kind.value,
        kenmerk=b.kenmerk,
        year=b.year,
        number=b.number,
        dagtekening=b.dagtekening,
        verzonden=b.verzonden,
        bestuursorgaan=b.bestuursorgaan,
        action=b.action,
        status=b.status.value,
        parent_id=None if b.parent is None else refs.besluit_ids.get(b.parent),
        letter_id=b.letter_id,
        reactie=b.reactie,
        reactie_ontvangen=b.reactie_ontvangen,
        gepubliceerd_op=b.gepubliceerd_op,
        beroep_ingesteld=b.beroep_ingesteld,
        created_at=now,
        prepared_by=b.prepared_by,
        established_by=b.established_by,
        established_on=b.established_on,
    )


def _bezwaar(row: BezwaarRow, refs: BesluitRefs) -> Bezwaar:
    return Bezwaar(
        number=row.number,
        ontvangen=row.ontvangen,
        tijdigheid=Tijdigheid(row.tijdigheid),
        ter_post=row.ter_post,
        indiener=row.indiener,
        digitaal=row.digitaal,
        adviescommissie=row.adviescommissie,
        status=BezwaarStatus(row.status),
        verschoonbaar=row.verschoonbaar,
        hoorzitting_op=row.hoorzitting_op,
        herstel=[_herstel(h) for h in row.herstel],
        verdaagd=row.verdaagd,
        uitstel_tot=row.uitstel_tot,
        uitstel_grond=row.uitstel_grond,
        ingebrekestelling=row.ingebrekestelling,
        uitkomst=None if row.uitkomst is None else Uitkomst(row.uitkomst),
        beslist_op=row.beslist_op,
        beslissing=refs.kenmerk(row.beslissing_id),
        id=row.id,
    )


def _bezwaar_row(b: Bezwaar, refs: BesluitRefs, besluit_id: int) -> BezwaarRow:
    return BezwaarRow(
        besluit_id=besluit_id,
        number=b.number,
        ontvangen=b.ontvangen,
        tijdigheid=b.tijdigheid.value,
        ter_post=b.ter_post,
        indiener=b.indiener,
        digitaal=b.digitaal,
        adviescommissie=b.adviescommissie,
        status=b.status.value,
        verschoonbaar=b.verschoonbaar,
        hoorzitting_op=b.hoorzitting_op,
        herstel=[_herstel_json(h) for h in b.herstel],
        verdaagd=b.verdaagd,
        uitstel_tot=b.uitstel_tot,
        uitstel_grond=b.uitstel_grond,
        ingebrekestelling=b.ingebrekestelling,
        uitkomst=None if b.uitkomst is None else b.uitkomst.value,
        beslist_op=b.beslist_op,
        beslissing_id=None if b.beslissing is None else refs.besluit_ids.get(b.beslissing),
    )


def _herstel(data: dict[str, str | None]) -> Herstel:
    done = data.get("hersteld_op")
    return Herstel(
        verzocht_op=date.fromisoformat(str(data["verzocht_op"])),
        termijn_tot=date.fromisoformat(str(data["termijn_tot"])),
        hersteld_op=None if done is None else date.fromisoformat(done),
    )


def _herstel_json(h: Herstel) -> dict[str, str | None]:
    return {
        "verzocht_op": h.verzocht_op.isoformat(),
        "termijn_tot": h.termijn_tot.isoformat(),
        "hersteld_op": None if h.hersteld_op is None else h.hersteld_op.isoformat(),
    }


def _voorziening(row: VoorzieningRow) -> Voorziening:
    return Voorziening(
        number=row.number,
        ingediend=row.ingediend,
        rechtbank=row.rechtbank,
        zaaknummer=row.zaaknummer,
        uitspraak_op=row.uitspraak_op,
        uitkomst=None if row.uitkomst is None else VoorzieningUitkomst(row.uitkomst),
        schorsing_tot=row.schorsing_tot,
        id=row.id,
    )


def _voorziening_row(v: Voorziening, besluit_id: int) -> VoorzieningRow:
    return VoorzieningRow(
        besluit_id=besluit_id,
        number=v.number,
        ingediend=v.ingediend,
        rechtbank=v.rechtbank,
        zaaknummer=v.zaaknummer,
        uitspraak_op=v.uitspraak_op,
        uitkomst=None if v.uitkomst is None else v.uitkomst.value,
        schorsing_tot=v.schorsing_tot,
    )
