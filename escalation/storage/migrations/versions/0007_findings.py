"""Findings per norm: a case's findings versions and hertoetsen, append-only like the history.

One new table, `case_findings`: each row is a version of the case's findings (judgement,
tekortkomingen and maatregelen per norm of a framework) or a hertoets (per norm of the
aanwijzing: voldaan or niet_voldaan), numbered within the case, with the document as entered.
Nothing existing changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "case_findings"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("framework", sa.String(length=100), nullable=False),
        sa.Column("framework_version", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.UniqueConstraint("case_id", "kind", "number", name="uq_case_findings_number"),
    )
    op.create_index("ix_case_findings_case_id", TABLE, ["case_id"])
    _append_only(TABLE)


def _append_only(table: str) -> None:
    """Findings are evidence: the database refuses UPDATE and DELETE, on SQLite an INSERT that
    reuses an id, on PostgreSQL TRUNCATE (frozen here, as in 0006; escalation/storage/schema.py
    makes the same for a new database)."""
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
    op.drop_index("ix_case_findings_case_id", table_name=TABLE)
    op.drop_table(TABLE)  # its triggers go with it
    if op.get_context().dialect.name != "sqlite":
        op.execute(f"DROP FUNCTION {TABLE}_append_only()")
