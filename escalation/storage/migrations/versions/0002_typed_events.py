"""Typed events: the history keeps each event's own fields as a JSON payload.

case_events loses action, from_state, to_state, params and details; a row keeps its type, when
(at, on), who (by) and why (reason), and moves everything else into `payload` under the names of
the typed event (MOVES below). The old type deadline_overdue becomes deadline_passed with status
'overdue'. Nothing is lost: a value a row carried that MOVES does not name stays in the payload
under its old name. The append-only triggers are lifted for the conversion and put back.
escalation_meta's schema_version row goes: alembic_version is now the one record of the schema.

Downgrade converts back (0.1.0 can then open the database again); the old columns come after
`reason` instead of around it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "case_events"
CHUNK = 5000
OLD_COLUMNS = ("action", "from_state", "to_state", "params")  # and details, a JSON object

# old type -> (new type, {payload key: where 0.1.0 kept it}, constant payload fields).
# A source is a column of the old table, or "details.KEY" for a key of its details object.
_DEADLINE = {"kind": "details.kind", "due": "details.due", "basis": "details.basis"}
MOVES: dict[str, tuple[str, dict[str, str], dict[str, Any]]] = {
    "case_opened": (
        "case_opened",
        {"workflow": "details.workflow", "version": "details.version", "state": "to_state"},
        {},
    ),
    "action_taken": (
        "action_taken",
        {
            "action": "action",
            "from_state": "from_state",
            "to_state": "to_state",
            "params": "params",
        },
        {},
    ),
    "deadline_set": ("deadline_set", {**_DEADLINE, "action": "action"}, {}),
    "deadline_met": ("deadline_met", {**_DEADLINE, "action": "action"}, {}),
    "deadline_cancelled": ("deadline_cancelled", {**_DEADLINE, "action": "action"}, {}),
    "deadline_overdue": (
        "deadline_passed",
        {"kind": "details.kind", "due": "details.due"},
        {"status": "overdue"},
    ),
    "deadline_moved": (
        "deadline_moved",
        {"kind": "details.kind", "from_due": "details.from", "due": "details.due"},
        {},
    ),
    "reminders_changed": (
        "reminders_changed",
        {"kind": "details.kind", "ladder": "details.ladder"},
        {},
    ),
    "letter_issued": (
        "letter_issued",
        {
            "letter": "details.letter",
            "template": "details.template",
            "format": "details.format",
            "action": "action",
        },
        {},
    ),
    "handler_assigned": (
        "handler_assigned",
        {"previous": "details.from", "handler": "details.to"},
        {},
    ),
}

Row = dict[str, Any]


def to_payload(old: Row) -> tuple[str, dict[str, Any]]:
    """The new (type, payload) of a row of 0.1.0 (`old` holds type, the OLD_COLUMNS and details)."""
    new_type, moves, constants = MOVES.get(old["type"], (old["type"], {}, {}))
    sources = {name: old[name] for name in OLD_COLUMNS}
    sources |= {f"details.{key}": value for key, value in (old["details"] or {}).items()}
    payload = {key: sources.pop(source, None) for key, source in moves.items()} | constants
    for source, value in sources.items():  # not named in MOVES: kept under its old name
        if value is not None and value != {}:
            name = source.removeprefix("details.")
            payload[name if name not in payload else f"old_{name}"] = value
    return new_type, payload


def from_payload(new: Row) -> Row:
    """The row of 0.1.0 (type, OLD_COLUMNS, details) that `to_payload` made `new` from."""
    payload = dict(new["payload"] or {})
    old_type, moves = new["type"], {}
    for candidate, (new_type, candidate_moves, constants) in MOVES.items():
        if new_type == new["type"] and all(payload.get(k) == v for k, v in constants.items()):
            old_type, moves = candidate, candidate_moves
            for key in constants:
                payload.pop(key)
            break
    old: Row = {"type": old_type, "action": None, "from_state": None, "to_state": None}
    old |= {"params": {}, "details": {}}
    for key, source in moves.items():
        _put(old, source, payload.pop(key, None))
    for key, value in payload.items():
        _put(old, key if key in OLD_COLUMNS else f"details.{key}", value)
    return old


def _put(old: Row, source: str, value: Any) -> None:
    if source.startswith("details."):
        old["details"][source.removeprefix("details.")] = value
    else:
        old[source] = value


def upgrade() -> None:
    drop_append_only_triggers(TABLE)
    with op.batch_alter_table(TABLE) as batch:
        batch.add_column(sa.Column("payload", sa.JSON(), nullable=True))
    _rewrite(_upgraded_row, ("type", *OLD_COLUMNS, "details"))
    with op.batch_alter_table(TABLE) as batch:
        batch.alter_column("payload", existing_type=sa.JSON(), nullable=False)
        for name in (*OLD_COLUMNS, "details"):
            batch.drop_column(name)
    create_append_only_triggers(TABLE)
    op.execute("DELETE FROM escalation_meta WHERE key = 'schema_version'")


def downgrade() -> None:
    drop_append_only_triggers(TABLE)
    with op.batch_alter_table(TABLE) as batch:
        for name in ("action", "from_state", "to_state"):
            batch.add_column(sa.Column(name, sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("details", sa.JSON(), nullable=True))
    _rewrite(from_payload, ("type", "payload"))
    with op.batch_alter_table(TABLE) as batch:
        batch.alter_column("params", existing_type=sa.JSON(), nullable=False)
        batch.alter_column("details", existing_type=sa.JSON(), nullable=False)
        batch.drop_column("payload")
    create_append_only_triggers(TABLE)
    op.execute("INSERT INTO escalation_meta (key, value) VALUES ('schema_version', '1')")


def _upgraded_row(old: Row) -> Row:
    new_type, payload = to_payload(old)
    return {"type": new_type, "payload": payload}


def _events() -> sa.TableClause:
    strings = ("type", "action", "from_state", "to_state")
    return sa.table(
        TABLE,
        sa.column("id", sa.Integer()),
        *(sa.column(name, sa.String()) for name in strings),
        *(sa.column(name, sa.JSON()) for name in ("params", "details", "payload")),
    )


def _rewrite(convert: Callable[[Row], Row], reads: Sequence[str]) -> None:
    """Convert every row with `convert`, in chunks of CHUNK rows by id (memory stays flat)."""
    events, bind, last = _events(), op.get_bind(), 0
    query = sa.select(events.c.id, *(events.c[name] for name in reads)).order_by(events.c.id)
    while rows := bind.execute(query.where(events.c.id > last).limit(CHUNK)).mappings().all():
        changes = [convert(dict(r)) for r in rows]
        update = events.update().where(events.c.id == sa.bindparam("row_id"))
        update = update.values({name: sa.bindparam(f"new_{name}") for name in changes[0]})
        bind.execute(
            update,
            [
                {"row_id": r["id"], **{f"new_{k}": v for k, v in c.items()}}
                for r, c in zip(rows, changes, strict=True)
            ],
        )
        last = rows[-1]["id"]


def create_append_only_triggers(table: str) -> None:
    """As 0001 made them (a frozen copy: later changes to the triggers are new migrations)."""
    if op.get_context().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        return
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )


def drop_append_only_triggers(table: str) -> None:
    """Lift the triggers of 0001 (PostgreSQL keeps their function, which the new trigger uses)."""
    if op.get_context().dialect.name == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{verb}")
        return
    op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
