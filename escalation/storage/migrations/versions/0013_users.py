"""The users of a team database: name, e-mail, role, organisation, operating-system login.

A database without users keeps working as a single jurist's database; its first user makes it a
team database (`escalation user add`). Users are deactivated, never deleted: the history names
them. Downgrade drops the table.

Revision ID: 0013
Revises: 0010
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "users"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("organisation", sa.String(length=40), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_users_name", TABLE, ["name"], unique=True)
    op.create_index("ix_users_login", TABLE, ["login"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_users_login", table_name=TABLE)
    op.drop_index("ix_users_name", table_name=TABLE)
    op.drop_table(TABLE)
