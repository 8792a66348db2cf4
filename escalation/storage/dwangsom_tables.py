"""The dwangsom tables (issue 11): a last's terms and its append-only ledger (split from tables)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


class DwangsomRow(SQLModel, table=True):
    """The terms of a last onder dwangsom (Awb 5:32b), one row per last's besluit."""

    __tablename__ = "dwangsommen"

    id: int | None = Field(default=None, primary_key=True)
    besluit_id: int = Field(foreign_key="besluiten.id", unique=True)
    bedrag_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    per: str = Field(max_length=20)
    maximum_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    begunstigingstermijn: date
    verbeurt: str = Field(max_length=30)


class LedgerEntryRow(SQLModel, table=True):
    """One entry of a dwangsom ledger: append-only (database triggers refuse UPDATE, DELETE)."""

    __tablename__ = "dwangsom_entries"
    __table_args__ = (UniqueConstraint("dwangsom_id", "number", name="uq_dwangsom_entries_number"),)

    id: int | None = Field(default=None, primary_key=True)
    dwangsom_id: int = Field(foreign_key="dwangsommen.id", index=True)
    number: int
    kind: str = Field(max_length=20)
    on: date
    recorded_on: date
    amount_cents: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    unit: int | None = None
    ref: int | None = None
    until: date | None = None
    detail: str | None = Field(default=None, max_length=100)
    besluit_id: int | None = Field(default=None, foreign_key="besluiten.id")
    reason: str | None = None
