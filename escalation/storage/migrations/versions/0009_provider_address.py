"""A provider's postal address: letters print it under the name, in the envelope's window.

`providers.address` holds the address as typed (`provider add/edit --adres`), its lines
separated by ", " ("Stationsstraat 1, 1234 AB Utrecht"). Existing providers have none (NULL):
their letters name the command that fills it. Downgrade drops the column.

Revision ID: 0009
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("providers") as batch:
        batch.add_column(sa.Column("address", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("providers") as batch:
        batch.drop_column("address")
