"""The database tables (SQLModel rows); only the repository maps them to domain objects."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel


class UtcDateTime(TypeDecorator[datetime]):
    """A moment, stored in UTC and read back aware of it, on every database.

    SQLite keeps no zone: it would store the wall-clock digits of whatever zone a value has and
    give back a naive datetime. So values go in converted to UTC and come out marked as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# escalation_meta's key for the database's identity: a random hex string made once (by `init` or
# migration 0004). With a reminder's id it makes the reminder's Message-ID.
DATABASE_ID = "database_id"


class MetaRow(SQLModel, table=True):
    """Facts about the database itself; DATABASE_ID is its identity."""

    __tablename__ = "escalation_meta"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


class ProviderRow(SQLModel, table=True):
    __tablename__ = "providers"

    id: int | None = Field(default=None, primary_key=True)
    kvk: str = Field(max_length=8, unique=True, index=True)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=40)
    alias: str | None = Field(default=None, max_length=100)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    address: str | None = Field(default=None, max_length=200)  # 0009; lines separated by ", "


class WorkflowVersionRow(SQLModel, table=True):
    """The exact text of each workflow version a case was opened under (cases stay on it)."""

    __tablename__ = "workflow_versions"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    version: int
    source: str
    sha256: str = Field(max_length=64)
    stored_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))


_CASE_VERSION = Column("version", Integer, nullable=False)
_LEAD = Column("organisation", String(20), nullable=False, server_default="IGJ")  # 0011


class CaseRow(SQLModel, table=True):
    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_state", "state"),)

    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="providers.id", index=True)
    workflow_name: str = Field(max_length=100)
    workflow_version: int
    state: str = Field(max_length=100)
    title: str | None = Field(default=None, max_length=300)
    handler: str | None = Field(default=None, max_length=100, index=True)
    opened_on: date
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    # Incremented by every change: an UPDATE that finds another version fails (optimistic lock).
    version: int = Field(default=1, sa_column=_CASE_VERSION)
    # Per-case reminder ladders by deadline kind, overriding the workflow's.
    reminder_ladders: dict[str, list[int]] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )

    organisation: str = Field(default="IGJ", sa_column=_LEAD)  # the others: case_co_organisations

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _CASE_VERSION}


class DeadlineRow(SQLModel, table=True):
    __tablename__ = "deadlines"
    __table_args__ = (
        Index("ix_deadlines_status_due", "status", "due"),
        Index("ix_deadlines_status_next_reminder", "status", "next_reminder_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=100)
    due: date
    status: str = Field(max_length=20)
    basis: str = Field(max_length=20)
    legal_basis: str | None = Field(default=None, max_length=200)
    start: date | None = None
    term: str | None = Field(default=None, max_length=100)
    # Explanation steps and the warning are escalation.i18n texts: a stored Msg (a JSON object)
    # or, in a deadline stored before issue 8, a plain string.
    steps: list[str | dict[str, object]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    set_by: str = Field(max_length=100)
    set_on: date
    proposed: date | None = None
    warning: str | dict[str, object] | None = Field(
        default=None, sa_column=Column(JSON(none_as_null=True), nullable=True)
    )
    closed_on: date | None = None
    next_reminder_on: date | None = None
    # The besluit (and its bezwaar) a deadline belongs to: the bezwaar term, the embargo, ...
    # Named keys: migration 0005 adds them to an existing table, which needs their names.
    besluit_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("besluiten.id", name="fk_deadlines_besluit_id"), index=True
        ),
    )
    bezwaar_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("bezwaren.id", name="fk_deadlines_bezwaar_id")),
    )
    # The forfeiture of a dwangsom ledger it belongs to (betaling, verjaring): migration 0005.
    forfeiture_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("dwangsom_entries.id", name="fk_deadlines_forfeiture_id")
        ),
    )


class CaseEventRow(SQLModel, table=True):
    """The audit trail: append-only (database triggers refuse UPDATE and DELETE).

    Each row is one typed event: `type` names its class in domain.events and `payload` holds its
    own fields as JSON; when, who and why are columns of their own.
    """

    __tablename__ = "case_events"
    # The hash chain per case (migration 0010, escalation.domain.chain): seq counts from 1.
    __table_args__ = (Index("ix_case_events_case_seq", "case_id", "seq", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    type: str = Field(max_length=40)
    at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    on: date
    by: str = Field(max_length=100)
    reason: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    seq: int | None = None
    prev_hash: str | None = Field(default=None, max_length=64)
    hash: str | None = Field(default=None, max_length=64)


class LetterRow(SQLModel, table=True):
    """A letter: a draft that may change, or a sent one kept exactly as it was sent."""

    __tablename__ = "letters"
    # A case's letters of one template by status and action, without reading their contents
    # (`letter make`, `letter batch`: the open draft, the fields carried over; migration 0015).
    __table_args__ = (Index("ix_letters_case_template", "case_id", "template", "status", "action"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    template: str = Field(max_length=100)
    template_sha256: str = Field(max_length=64)
    format: str = Field(max_length=10)
    context: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    output_sha256: str = Field(max_length=64)
    filename: str = Field(max_length=255)
    action: str | None = Field(default=None, max_length=100)
    on: date
    issued_by: str = Field(max_length=100)
    issued_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    # "draft" (may change, migration 0008) or "sent" (frozen); the server default of 0005 stays.
    status: str = Field(
        default="draft", sa_column=Column(String(10), nullable=False, server_default="issued")
    )


class ReminderRow(SQLModel, table=True):
    """The outbox: one row per (deadline, ladder step), claimed once; unique by construction."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("deadline_id", "step", name="uq_reminders_deadline_step"),
        Index("ix_reminders_status", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="deadlines.id")
    case_id: int = Field(foreign_key="cases.id", index=True)
    step: int
    planned_on: date
    status: str = Field(max_length=20)
    recipient: str | None = Field(default=None, max_length=200)
    subject: str = Field(default="", max_length=300)
    body: str = ""
    attempts: int = 0
    last_error: str | None = None
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime(), nullable=True))
    failed_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime(), nullable=True))
    # While `sending`: until when the run that took it holds it. A run that dies leaves the row
    # `sending`; once the lease has expired, the next run sends it again (same Message-ID).
    lease_until: datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime(), nullable=True)
    )


class BesluitRow(SQLModel, table=True):
    """A besluit of a case: its kenmerk, kind, dates and where it stands in its legal life."""

    __tablename__ = "besluiten"
    __table_args__ = (UniqueConstraint("year", "number", name="uq_besluiten_year_number"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=40)
    kenmerk: str = Field(max_length=60, unique=True)
    year: int
    number: int
    dagtekening: date
    verzonden: date
    bestuursorgaan: str = Field(max_length=300)
    action: str | None = Field(default=None, max_length=100)
    status: str = Field(max_length=30)
    parent_id: int | None = Field(default=None, foreign_key="besluiten.id")
    letter_id: int | None = Field(default=None, foreign_key="letters.id")
    reactie: str | None = None
    reactie_ontvangen: date | None = None
    gepubliceerd_op: date | None = None
    beroep_ingesteld: date | None = None
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    prepared_by: str | None = Field(default=None, max_length=100)  # four-eyes (issue 13)
    established_by: str | None = Field(default=None, max_length=100)
    established_on: date | None = None


class BezwaarRow(SQLModel, table=True):
    """A bezwaarschrift against a besluit (numbered within it) and how it is handled."""

    __tablename__ = "bezwaren"
    __table_args__ = (UniqueConstraint("besluit_id", "number", name="uq_bezwaren_number"),)

    id: int | None = Field(default=None, primary_key=True)
    besluit_id: int = Field(foreign_key="besluiten.id", index=True)
    number: int
    ontvangen: date
    tijdigheid: str = Field(max_length=20)
    ter_post: date | None = None
    indiener: str | None = Field(default=None, max_length=300)
    digitaal: bool = False
    adviescommissie: bool = False
    status: str = Field(max_length=20)
    verschoonbaar: bool | None = None
    hoorzitting_op: date | None = None
    # Herstelverzoeken (Awb 6:6): [{"verzocht_op": ISO, "termijn_tot": ISO, "hersteld_op": ISO}]
    herstel: list[dict[str, str | None]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    verdaagd: str | None = Field(default=None, max_length=40)
    uitstel_tot: date | None = None
    uitstel_grond: str | None = Field(default=None, max_length=100)
    ingebrekestelling: date | None = None
    uitkomst: str | None = Field(default=None, max_length=30)
    beslist_op: date | None = None
    beslissing_id: int | None = Field(default=None, foreign_key="besluiten.id")


class VoorzieningRow(SQLModel, table=True):
    """A request for a voorlopige voorziening against a besluit, and the court's answer."""

    __tablename__ = "voorzieningen"
    __table_args__ = (UniqueConstraint("besluit_id", "number", name="uq_voorzieningen_number"),)

    id: int | None = Field(default=None, primary_key=True)
    besluit_id: int = Field(foreign_key="besluiten.id", index=True)
    number: int
    ingediend: date
    rechtbank: str | None = Field(default=None, max_length=300)
    zaaknummer: str | None = Field(default=None, max_length=100)
    uitspraak_op: date | None = None
    uitkomst: str | None = Field(default=None, max_length=20)
    schorsing_tot: date | None = None
