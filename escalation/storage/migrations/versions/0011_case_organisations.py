"""Organisations of a case: its lead inspectorate and the others of a joint case.

cases gains `organisation` (the lead's code, "IGJ"), NOT NULL with server default 'IGJ': every
existing case was IGJ's, and its letters stay as they were. The new table
case_co_organisations holds the others of a joint case (case_id, code, position: the order in
which the letters name them), one row per case and organisation (unique). The codes name
organisations/*.yaml files, not rows: organisations are data shipped with escalation.

Downgrade drops the table and the column.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "case_co_organisations"


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(
            sa.Column("organisation", sa.String(length=20), nullable=False, server_default="IGJ")
        )
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "code", name="uq_case_co_organisations"),
    )
    op.create_index(f"ix_{TABLE}_case_id", TABLE, ["case_id"])


def downgrade() -> None:
    op.drop_index(f"ix_{TABLE}_case_id", table_name=TABLE)
    op.drop_table(TABLE)
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("organisation")
