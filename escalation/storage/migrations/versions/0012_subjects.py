"""Subjects: a provider's locations, signals, and the link of a case to them.

Three new tables: `provider_locations` (a provider's vestigingen: address, LRK number, AGB-code),
`signals` (a signal or thematic inspection that opened a case per subject in one transaction)
and `case_scope` (per case the location it names and the signal it belongs to). A gemeente or
region without a KvK number is keyed in `providers.kvk` by its code (GM0363, JZ14, JB06): all
such codes fit the column's 8 characters, so nothing existing changes.

Revision ID: 0012
Revises: 0010
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "provider_locations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("provider_id", sa.Integer(), sa.ForeignKey("providers.id"), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("lrk", sa.String(length=9), nullable=True),
        sa.Column("agb", sa.String(length=8), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_provider_locations_provider_id", "provider_locations", ["provider_id"])
    op.create_table(
        "signals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("workflow_name", sa.String(length=100), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "case_scope",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column(
            "location_id", sa.Integer(), sa.ForeignKey("provider_locations.id"), nullable=True
        ),
        sa.Column("signal_id", sa.Integer(), sa.ForeignKey("signals.id"), nullable=True),
        sa.UniqueConstraint("case_id"),
    )
    op.create_index("ix_case_scope_signal_id", "case_scope", ["signal_id"])


def downgrade() -> None:
    op.drop_index("ix_case_scope_signal_id", table_name="case_scope")
    op.drop_table("case_scope")
    op.drop_table("signals")
    op.drop_index("ix_provider_locations_provider_id", table_name="provider_locations")
    op.drop_table("provider_locations")
