"""A send lease and a stable Message-ID for reminders; the history refuses REPLACE and TRUNCATE.

- `reminders.lease_until`: a run that takes a reminder to send holds it until then. A run that
  dies while sending leaves the row `sending`; once its lease has expired the next run sends it
  again. Rows left `sending` by an earlier escalation have no lease: they count as expired.
- `escalation_meta.database_id`: a random identity made once per database. With the reminder's
  id it makes the reminder's Message-ID, so that a mail sent again is the same message.
- The append-only tables `case_events` and `letters`: on SQLite an INSERT that reuses an
  existing id (`INSERT OR REPLACE`, `REPLACE INTO`) is refused; SQLite's REPLACE deletes the old
  row without firing the DELETE trigger. On PostgreSQL `TRUNCATE` is refused (it fires no
  row trigger); `INSERT ... ON CONFLICT DO UPDATE` already meets the UPDATE trigger.

Downgrade drops the triggers, the identity and the column (a lease means nothing to 0003).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("case_events", "letters")
IDENTITY_KEY = "database_id"


def upgrade() -> None:
    op.add_column("reminders", sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.get_bind().execute(
        sa.text("INSERT INTO escalation_meta (key, value) VALUES (:key, :value)"),
        {"key": IDENTITY_KEY, "value": uuid.uuid4().hex},
    )
    for table in APPEND_ONLY:
        op.execute(hardening_trigger(table, op.get_context().dialect.name))


def downgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    for table in APPEND_ONLY:
        op.execute(
            f"DROP TRIGGER {table}_no_replace"
            if sqlite
            else f"DROP TRIGGER {table}_no_truncate ON {table}"
        )
    op.get_bind().execute(
        sa.text("DELETE FROM escalation_meta WHERE key = :key"), {"key": IDENTITY_KEY}
    )
    with op.batch_alter_table("reminders") as batch:
        batch.drop_column("lease_until")


def hardening_trigger(table: str, dialect: str) -> str:
    """The trigger this revision adds to `table` (frozen; storage/schema.py makes the same)."""
    if dialect == "sqlite":
        return (
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )
    return (
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
    )
