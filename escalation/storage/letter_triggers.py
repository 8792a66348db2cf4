"""The triggers that keep `letters` append-only once sent (migration 0008; the same statements).

A draft may change (its fields, context, content, hashes, format, date) and be deleted; it may
never change its id, case or template. A sent letter refuses every UPDATE and DELETE.
"""

from __future__ import annotations

_MESSAGE = "'letters is append-only: a sent letter never changes'"
_FIXED = ("id", "case_id", "template")


def letters_ddl(dialect: str) -> list[str]:
    """The UPDATE and DELETE triggers of `letters` (and on PostgreSQL their function)."""
    if dialect == "sqlite":
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _FIXED)
        return [
            "CREATE TRIGGER letters_no_update BEFORE UPDATE ON letters "
            f"WHEN OLD.status <> 'draft' OR NEW.status NOT IN ('draft', 'sent') OR {changed} "
            f"BEGIN SELECT RAISE(ABORT, {_MESSAGE}); END",
            "CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters "
            f"WHEN OLD.status <> 'draft' BEGIN SELECT RAISE(ABORT, {_MESSAGE}); END",
        ]
    kept = " AND ".join(f"NEW.{c} = OLD.{c}" for c in _FIXED)
    return [
        "CREATE OR REPLACE FUNCTION letters_append_only() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP = 'UPDATE' THEN "
        f"IF OLD.status = 'draft' AND NEW.status IN ('draft', 'sent') AND {kept} "
        "THEN RETURN NEW; END IF; "
        "ELSIF TG_OP = 'DELETE' THEN IF OLD.status = 'draft' THEN RETURN OLD; END IF; "
        f"END IF; RAISE EXCEPTION {_MESSAGE}; END; $$ LANGUAGE plpgsql",
        "CREATE TRIGGER letters_append_only BEFORE UPDATE OR DELETE ON letters "
        "FOR EACH ROW EXECUTE FUNCTION letters_append_only()",
    ]
