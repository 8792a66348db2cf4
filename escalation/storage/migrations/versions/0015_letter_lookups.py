"""An index for a case's letters of one template by status and action (issue 14).

`letter make` and `letter batch` look up a case's open draft of a template and the earlier
letters whose fields carry over. Without this index SQLite reads every letter of the case,
their contents too (status and action are stored after them), so the time of `letter make`
grew with the letters a case had. Downgrade drops the index.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_letters_case_template"


def upgrade() -> None:
    op.create_index(INDEX, "letters", ["case_id", "template", "status", "action"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="letters")
