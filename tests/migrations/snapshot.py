"""What the schema and the data of a database are, as plain values tests can compare."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, MetaData, inspect, select, text

Rows = dict[str, list[dict[str, Any]]]


def schema_of(engine: Engine) -> dict[str, Any]:
    """Tables (columns with type and nullability, keys, indexes, unique constraints) and
    triggers, with PostgreSQL's trigger functions and sequences."""
    with engine.connect() as conn:
        inspector = inspect(conn)
        tables = {name: _table(conn, name) for name in sorted(inspector.get_table_names())}
        return {"tables": tables, **_triggers(conn)}


def _table(conn: Connection, name: str) -> dict[str, Any]:
    inspector = inspect(conn)
    return {
        "columns": [
            (c["name"], c["type"].compile(dialect=conn.dialect), c["nullable"], c.get("default"))
            for c in inspector.get_columns(name)
        ],
        "primary_key": inspector.get_pk_constraint(name),
        "foreign_keys": sorted(
            (fk["name"] or "", tuple(fk["constrained_columns"]), fk["referred_table"])
            + (tuple(fk["referred_columns"]),)
            for fk in inspector.get_foreign_keys(name)
        ),
        "indexes": sorted(
            (i["name"] or "", tuple(map(str, i["column_names"])), bool(i["unique"]))
            for i in inspector.get_indexes(name)
        ),
        "unique": sorted(
            (u["name"] or "", tuple(u["column_names"]))
            for u in inspector.get_unique_constraints(name)
        ),
    }


def _triggers(conn: Connection) -> dict[str, Any]:
    if conn.dialect.name == "sqlite":
        query = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1"
        return {"triggers": [tuple(r) for r in conn.execute(text(query))]}
    return {
        "triggers": [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                    "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal ORDER BY 1"
                )
            )
        ],
        "functions": [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p "
                    "JOIN pg_namespace n ON n.oid = p.pronamespace "
                    "WHERE n.nspname = 'public' ORDER BY 1"
                )
            )
        ],
        "sequences": [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT sequencename, data_type::text, increment_by FROM pg_sequences "
                    "WHERE schemaname = 'public' ORDER BY 1"
                )
            )
        ],
    }


def rows_of(engine: Engine) -> Rows:
    """Every row of every table, each as a dict, in primary-key order."""
    metadata = MetaData()
    with engine.connect() as conn:
        metadata.reflect(bind=conn)
        return {
            name: [
                dict(r)
                for r in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            ]
            for name, table in sorted(metadata.tables.items())
        }
