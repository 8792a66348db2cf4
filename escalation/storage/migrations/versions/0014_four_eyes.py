"""Four-eyes on besluiten: who prepared a concept besluit, who established it and when.

`besluiten.prepared_by`, `established_by` and `established_on`. A besluit prepared under
four-eyes has status `concept` (the column already takes any status) until a second person
establishes it (`escalation besluit vaststellen`). Existing besluiten were taken at once: all
three stay NULL. Downgrade drops the columns (refused while a concept besluit exists, which
version 0010's escalation would not understand).

Revision ID: 0014
Revises: 0010
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("besluiten") as batch:
        batch.add_column(sa.Column("prepared_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("established_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("established_on", sa.Date(), nullable=True))


def downgrade() -> None:
    concepts = (
        op.get_bind()
        .execute(sa.text("SELECT count(*) FROM besluiten WHERE status = 'concept'"))
        .scalar_one()
    )
    if concepts:
        raise RuntimeError(
            f"{concepts} besluit(en) are concepts awaiting vaststelling: establish them first"
        )
    with op.batch_alter_table("besluiten") as batch:
        batch.drop_column("established_on")
        batch.drop_column("established_by")
        batch.drop_column("prepared_by")
