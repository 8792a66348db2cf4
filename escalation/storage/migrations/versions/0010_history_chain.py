"""A history that proves itself: a hash chain per case, and anchors over the chains' heads.

case_events gains seq (1, 2, ... per case, in the order of id), prev_hash and hash: hash is
sha256 over the entry's canonical content and prev_hash, the hash of the case's previous entry
(64 zeros for the first). Existing rows are filled in order; the UPDATE trigger is lifted for
that and put back. A unique index on (case_id, seq) refuses a fork of a chain. The new table
audit_anchors keeps `audit anchor`'s records and is append-only like the history.

Downgrade drops audit_anchors, the index and the three columns.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "case_events"
ANCHORS = "audit_anchors"
GENESIS = "0" * 64
CHUNK = 5000


def entry_hash(row: dict[str, Any], seq: int, prev: str) -> str:
    """As escalation.domain.chain.entry_hash (a frozen copy)."""
    at: datetime = row["at"]
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    content = {
        "case": row["case_id"],
        "seq": seq,
        "type": row["type"],
        "payload": row["payload"],
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "on": row["on"].isoformat(),
        "by": row["by"],
        "reason": row["reason"],
        "prev": prev,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def upgrade() -> None:
    op.add_column(TABLE, sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column(TABLE, sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column(TABLE, sa.Column("hash", sa.String(length=64), nullable=True))
    _lift_update_trigger()
    _fill()
    _restore_update_trigger()
    op.create_index("ix_case_events_case_seq", TABLE, ["case_id", "seq"], unique=True)
    op.create_table(
        ANCHORS,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("heads", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for statement in _anchor_triggers(op.get_context().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    op.drop_table(ANCHORS)
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION {ANCHORS}_append_only()")
    op.drop_index("ix_case_events_case_seq", table_name=TABLE)
    sqlite = op.get_context().dialect.name == "sqlite"
    if sqlite:  # SQLite drops a column by copying the table: the triggers go with the old one
        for verb in ("update", "delete", "replace"):
            op.execute(f"DROP TRIGGER {TABLE}_no_{verb}")
    with op.batch_alter_table(TABLE) as batch:
        for name in ("hash", "prev_hash", "seq"):
            batch.drop_column(name)
    if sqlite:
        for statement in _sqlite_triggers(TABLE):
            op.execute(statement)


def _fill() -> None:
    events, bind = _events(), op.get_bind()
    heads: dict[int, tuple[int, str]] = {}
    query = sa.select(events).order_by(events.c.id)
    last = 0
    while rows := bind.execute(query.where(events.c.id > last).limit(CHUNK)).mappings().all():
        changes = []
        for row in rows:
            seq, prev = heads.get(row["case_id"], (0, GENESIS))
            digest = entry_hash(dict(row), seq + 1, prev)
            heads[row["case_id"]] = (seq + 1, digest)
            changes.append({"row_id": row["id"], "s": seq + 1, "p": prev, "h": digest})
        update = events.update().where(events.c.id == sa.bindparam("row_id"))
        update = update.values(
            seq=sa.bindparam("s"), prev_hash=sa.bindparam("p"), hash=sa.bindparam("h")
        )
        bind.execute(update, changes)
        last = rows[-1]["id"]


def _events() -> sa.TableClause:
    return sa.table(
        TABLE,
        sa.column("id", sa.Integer()),
        sa.column("case_id", sa.Integer()),
        sa.column("type", sa.String()),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("on", sa.Date()),
        sa.column("by", sa.String()),
        sa.column("reason", sa.String()),
        sa.column("payload", sa.JSON()),
        sa.column("seq", sa.Integer()),
        sa.column("prev_hash", sa.String()),
        sa.column("hash", sa.String()),
    )


def _lift_update_trigger() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER {TABLE}_no_update")
    else:
        op.execute(f"DROP TRIGGER {TABLE}_append_only ON {TABLE}")


def _restore_update_trigger() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END"
        )
    else:
        op.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()"
        )


def _sqlite_triggers(table: str) -> list[str]:
    message = f"'{table} is append-only'"
    return [
        *(
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, {message}); END"
            for verb in ("UPDATE", "DELETE")
        ),
        f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
        f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
        f"BEGIN SELECT RAISE(ABORT, {message}); END",
    ]


def _anchor_triggers(dialect: str) -> list[str]:
    """As storage/schema.py's append_only_ddl makes them for a new database (frozen here)."""
    if dialect == "sqlite":
        return _sqlite_triggers(ANCHORS)
    message = f"'{ANCHORS} is append-only'"
    return [
        f"CREATE OR REPLACE FUNCTION {ANCHORS}_append_only() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION {message}; END; $$ LANGUAGE plpgsql",
        f"CREATE TRIGGER {ANCHORS}_append_only BEFORE UPDATE OR DELETE ON {ANCHORS} "
        f"FOR EACH ROW EXECUTE FUNCTION {ANCHORS}_append_only()",
        f"CREATE TRIGGER {ANCHORS}_no_truncate BEFORE TRUNCATE ON {ANCHORS} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {ANCHORS}_append_only()",
    ]
