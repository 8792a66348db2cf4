"""Deadline warnings are stored texts: deadlines.warning becomes JSON, like deadlines.steps.

A deadline's explanation steps and its warning are texts a jurist reads in their own language:
each is a stored message (a JSON object: the English id and its arguments, dates as dates) or,
in a row written before issue 8, a plain string. `steps` is a JSON list already; `warning` was
a plain string column. Upgrade makes it JSON and turns each plain warning into a JSON string,
which reads back as the same text.

Downgrade turns every stored message, in `warning` and in `steps`, into the English text an
earlier escalation wrote ("Atw art. 1: extended to Monday 29 December 2025, ..."), then makes
`warning` a plain string column again: the words stay, the message structure goes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "deadlines"
CHUNK = 5000
# A date argument of a message as escalation showed it in English (a frozen copy of
# escalation.formatting's patterns, so that this migration never changes with the code).
DATE_PATTERNS = {"": "EEEE d MMMM y", "date": "d MMMM y", "month": "MMMM y", "weekday": "EEEE"}

JSON = sa.JSON(none_as_null=True)  # None is SQL NULL, not the JSON text 'null'

Row = dict[str, Any]


def upgrade() -> None:
    _rewrite(
        _quoted_warning,
        reads={"warning": sa.String()},
        writes={"warning": sa.String()},
        only_with="warning",
    )
    with op.batch_alter_table(TABLE) as batch:
        batch.alter_column(
            "warning",
            existing_type=sa.String(),
            type_=sa.JSON(),
            existing_nullable=True,
            postgresql_using="warning::json",
        )


def downgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    # SQLite keeps whatever is written (the plain text, for the VARCHAR column to come);
    # PostgreSQL needs JSON until the ALTER below takes the text out of each JSON string.
    warning_type = sa.String() if sqlite else JSON
    _rewrite(
        _english_row,
        reads={"warning": JSON, "steps": JSON},
        writes={"warning": warning_type, "steps": JSON},
    )
    with op.batch_alter_table(TABLE) as batch:
        batch.alter_column(
            "warning",
            existing_type=sa.JSON(),
            type_=sa.String(),
            existing_nullable=True,
            postgresql_using="warning #>> '{}'",
        )


def _quoted_warning(row: Row) -> Row:
    """A plain warning as the JSON string that reads back as the same text."""
    warning = row["warning"]
    return {"warning": None if warning is None else json.dumps(warning)}


def _english_row(row: Row) -> Row:
    warning = row["warning"]
    return {
        "warning": None if warning is None else english(warning),
        "steps": [english(step) for step in row["steps"] or []],
    }


def english(text: Any) -> str:
    """A stored text as English: a plain string as it is, a message with its arguments filled in.

    Like escalation.texts.Msg.render(lang="en"), frozen here: {"id": ..., "args": {name: value}}
    with a value a string, an int, {"date": ISO} or {"msg": message}; a date shows as
    'Monday 29 December 2025', or with its format spec (`{day:month}`) as in DATE_PATTERNS.
    """
    if isinstance(text, str):
        return text
    args = {name: _Arg(value) for name, value in (text.get("args") or {}).items()}
    try:
        return str(text["id"]).format_map(_KeepMissing(args))
    except (ValueError, IndexError, AttributeError, KeyError, TypeError):
        return str(text["id"])


class _Arg:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        value = self.value
        if isinstance(value, Mapping) and "msg" in value:
            return format(english(value["msg"]), spec)
        if isinstance(value, Mapping) and "date" in value:
            from babel.dates import format_date

            day = date.fromisoformat(value["date"])
            return format_date(day, DATE_PATTERNS[spec], locale="en_GB")
        return format(value, spec)


class _KeepMissing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _rewrite(
    convert: Callable[[Row], Row],
    *,
    reads: Mapping[str, Any],
    writes: Mapping[str, Any],
    only_with: str | None = None,
) -> None:
    """Convert every row (with a value in `only_with`) in chunks of CHUNK rows by id."""
    bind, last = op.get_bind(), 0
    source = sa.table(TABLE, sa.column("id", sa.Integer()), *map(sa.column, reads, reads.values()))
    target = sa.table(
        TABLE, sa.column("id", sa.Integer()), *map(sa.column, writes, writes.values())
    )
    query = sa.select(*source.c).order_by(source.c.id)
    if only_with is not None:
        query = query.where(source.c[only_with].is_not(None))
    update = (
        target.update()
        .where(target.c.id == sa.bindparam("row_id"))
        .values({name: sa.bindparam(f"new_{name}", type_=kind) for name, kind in writes.items()})
    )
    while rows := bind.execute(query.where(source.c.id > last).limit(CHUNK)).mappings().all():
        changes = [
            {"row_id": row["id"], **{f"new_{k}": v for k, v in convert(dict(row)).items()}}
            for row in rows
        ]
        bind.execute(update, changes)
        last = rows[-1]["id"]
