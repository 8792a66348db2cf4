"""Letters are drafts until they are sent: a draft may change, a sent letter never.

`letters.status` is `draft` or `sent`; letters issued before this revision (`issued`) become
`sent`. The append-only triggers of `letters` now let an UPDATE through only while the row is a
draft (its fields, context, content, hashes, format and date; never its id, case or template),
so that a draft can be edited and rendered again and then frozen by setting it `sent`. A sent
row refuses every UPDATE and DELETE; a draft may be deleted. On SQLite the REPLACE trigger of
0004 stays; on PostgreSQL the TRUNCATE trigger of 0004 stays and calls the new function.

Downgrade restores the strict triggers of 0001 and names sent letters `issued` again.

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MESSAGE = "'letters is append-only: a sent letter never changes'"
# What a draft may not change; every other column may change while the row is a draft.
_FIXED = ("id", "case_id", "template")


def upgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER letters_no_update")
        op.execute("DROP TRIGGER letters_no_delete")
    else:
        op.execute("DROP TRIGGER letters_append_only ON letters")
    op.execute("UPDATE letters SET status = 'sent' WHERE status = 'issued'")
    for statement in letters_ddl("sqlite" if sqlite else "postgresql"):
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER letters_no_update")
        op.execute("DROP TRIGGER letters_no_delete")
    else:
        op.execute("DROP TRIGGER letters_append_only ON letters")
    op.execute("UPDATE letters SET status = 'issued' WHERE status = 'sent'")
    if sqlite:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER letters_no_{verb.lower()} BEFORE {verb} ON letters "
                "BEGIN SELECT RAISE(ABORT, 'letters is append-only'); END"
            )
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION letters_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'letters is append-only'; END; $$ LANGUAGE plpgsql"
    )
    op.execute(
        "CREATE TRIGGER letters_append_only BEFORE UPDATE OR DELETE ON letters "
        "FOR EACH ROW EXECUTE FUNCTION letters_append_only()"
    )


def letters_ddl(dialect: str) -> list[str]:
    """The triggers this revision gives `letters` (frozen; storage/schema.py makes the same)."""
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
