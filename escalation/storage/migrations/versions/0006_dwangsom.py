"""The dwangsom ledger: the terms of a last onder dwangsom and its append-only entries.

A last onder dwangsom keeps its terms as data (amount, unit, maximum, the end of the
begunstigingstermijn, whether a begun or only a full unit forfeits) in `dwangsommen`, and every
fact about its money as an entry of `dwangsom_entries`, which the database keeps append-only like
the history. A deadline may belong to one forfeiture (its betaling and verjaring). Nothing
existing changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENTRIES = "dwangsom_entries"


def upgrade() -> None:
    op.create_table(
        "dwangsommen",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("besluit_id", sa.Integer(), sa.ForeignKey("besluiten.id"), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("per", sa.String(length=20), nullable=False),
        sa.Column("maximum_cents", sa.BigInteger(), nullable=False),
        sa.Column("begunstigingstermijn", sa.Date(), nullable=False),
        sa.Column("verbeurt", sa.String(length=30), nullable=False),
        sa.UniqueConstraint("besluit_id"),
    )
    op.create_table(
        ENTRIES,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dwangsom_id", sa.Integer(), sa.ForeignKey("dwangsommen.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.Integer(), nullable=True),
        sa.Column("ref", sa.Integer(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("detail", sa.String(length=100), nullable=True),
        sa.Column("besluit_id", sa.Integer(), sa.ForeignKey("besluiten.id"), nullable=True),
        sa.Column("reason", sa.String(), nullable=True),
        sa.UniqueConstraint("dwangsom_id", "number", name="uq_dwangsom_entries_number"),
    )
    op.create_index("ix_dwangsom_entries_dwangsom_id", ENTRIES, ["dwangsom_id"])
    _append_only(ENTRIES)
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(sa.Column("forfeiture_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_deadlines_forfeiture_id", ENTRIES, ["forfeiture_id"], ["id"])


def _append_only(table: str) -> None:
    """The entries are evidence: the database refuses UPDATE and DELETE, on SQLite an INSERT that
    reuses an id (REPLACE), on PostgreSQL TRUNCATE (as 0001 and 0004 for the history; frozen here,
    escalation/storage/schema.py makes the same for a new database)."""
    message = f"'{table} is append-only'"
    if op.get_context().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, {message}); END"
            )
        op.execute(
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, {message}); END"
        )
        return
    op.execute(
        f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION {message}; END; $$ LANGUAGE plpgsql"
    )
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
    )


def downgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_constraint("fk_deadlines_forfeiture_id", type_="foreignkey")
        batch.drop_column("forfeiture_id")
    op.drop_index("ix_dwangsom_entries_dwangsom_id", table_name=ENTRIES)
    op.drop_table(ENTRIES)  # its triggers go with it
    if op.get_context().dialect.name != "sqlite":
        op.execute(f"DROP FUNCTION {ENTRIES}_append_only()")
    op.drop_table("dwangsommen")
