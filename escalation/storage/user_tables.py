"""The users of a team database (migration 0013): name, e-mail, role, organisation, login."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from escalation.storage.tables import UtcDateTime


class UserRow(SQLModel, table=True):
    """A person of the team; deactivated, never deleted (the history names them)."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True, index=True)
    email: str = Field(max_length=200)
    role: str = Field(max_length=20)
    organisation: str = Field(max_length=40)  # an organisation's code, e.g. IGJ
    login: str = Field(max_length=100, unique=True, index=True)  # the operating-system login
    active: bool = True
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
