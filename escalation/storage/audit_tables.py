"""The anchors of the history's hash chains (migration 0010): append-only, like the history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from escalation.storage.tables import UtcDateTime


class AuditAnchorRow(SQLModel, table=True):
    """Every chain's head at one moment, and one digest over all of them (`audit anchor`)."""

    __tablename__ = "audit_anchors"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    by: str = Field(max_length=100)
    digest: str = Field(max_length=64)
    heads: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
