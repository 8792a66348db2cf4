"""The tables of a provider's locations, signals and what links a case to them (0012)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from escalation.storage.tables import UtcDateTime


class LocationRow(SQLModel, table=True):
    """A location (vestiging) of a provider: its address and its LRK number or AGB-code."""

    __tablename__ = "provider_locations"

    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="providers.id", index=True)
    name: str | None = Field(default=None, max_length=300)
    address: str = Field(max_length=200)
    lrk: str | None = Field(default=None, max_length=9)
    agb: str | None = Field(default=None, max_length=8)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))


class SignalRow(SQLModel, table=True):
    """A signal or thematic inspection that opened one case per subject at once."""

    __tablename__ = "signals"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=300)
    workflow_name: str = Field(max_length=100)
    opened_on: date
    by: str = Field(max_length=100)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))


class CaseScopeRow(SQLModel, table=True):
    """What a case is about beyond its provider: the location it names, the signal it is of.

    One row per case that has either; written when the case is opened.
    """

    __tablename__ = "case_scope"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", unique=True)
    location_id: int | None = Field(default=None, foreign_key="provider_locations.id")
    signal_id: int | None = Field(default=None, foreign_key="signals.id", index=True)
