"""The other inspectorates of a joint case (migration 0011); the lead is cases.organisation."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Session, SQLModel, col, delete, select


class CoOrganisationRow(SQLModel, table=True):
    """One other inspectorate of a joint case, in the order its letters name them."""

    __tablename__ = "case_co_organisations"
    __table_args__ = (UniqueConstraint("case_id", "code", name="uq_case_co_organisations"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    code: str = Field(max_length=20)
    position: int


def load_co_organisations(session: Session, case_id: int) -> tuple[str, ...]:
    rows = session.exec(
        select(CoOrganisationRow)
        .where(CoOrganisationRow.case_id == case_id)
        .order_by(col(CoOrganisationRow.position))
    )
    return tuple(row.code for row in rows)


def save_co_organisations(
    session: Session, case_id: int, codes: tuple[str, ...], *, stored: tuple[str, ...]
) -> tuple[str, ...]:
    """Write the case's others when they differ from those `stored` (only `case open` sets
    them today, so a save writes nothing); returns what is stored now."""
    if codes == stored:
        return codes
    session.exec(delete(CoOrganisationRow).where(col(CoOrganisationRow.case_id) == case_id))
    for position, code in enumerate(codes, start=1):
        session.add(CoOrganisationRow(case_id=case_id, code=code, position=position))
    return codes
