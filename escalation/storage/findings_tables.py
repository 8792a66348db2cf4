"""The table of a case's findings per norm and its hertoetsen (append-only, versioned)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from escalation.storage.tables import UtcDateTime


class CaseFindingsRow(SQLModel, table=True):
    """One version of a case's findings (`kind` findings) or one hertoets (`kind` hertoets).

    `number` counts the versions of each kind within the case, from 1; `document` is the text
    as the jurist entered it and `data` what was read from it. Rows are never changed.
    """

    __tablename__ = "case_findings"
    __table_args__ = (
        UniqueConstraint("case_id", "kind", "number", name="uq_case_findings_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=20)
    number: int
    framework: str = Field(max_length=100)
    framework_version: int
    document: str = Field(sa_column=Column(Text, nullable=False))
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    on: date
    at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    by: str = Field(max_length=100)
