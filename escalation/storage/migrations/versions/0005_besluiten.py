"""Besluiten with a legal life of their own: besluiten, bezwaren, voorzieningen.

A case's besluiten (aanwijzing, last, invorderingsbeschikking, besluit tot openbaarmaking,
beslissing op bezwaar) get a table of their own, with their bezwaren and voorlopige
voorzieningen; a deadline may belong to a besluit (its bezwaar term, its embargo) or to one of
its bezwaren (the beslistermijn); a letter may be a draft (it may not go out yet). Nothing
existing changes: earlier cases have no besluiten and keep working as they did.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    _besluiten()
    _bezwaren()
    _voorzieningen()
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(sa.Column("besluit_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("bezwaar_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_deadlines_besluit_id", "besluiten", ["besluit_id"], ["id"])
        batch.create_foreign_key("fk_deadlines_bezwaar_id", "bezwaren", ["bezwaar_id"], ["id"])
        batch.create_index("ix_deadlines_besluit_id", ["besluit_id"])
    # A plain ADD COLUMN (no table copy): the letters table keeps its append-only triggers.
    op.add_column(
        "letters",
        sa.Column("status", sa.String(length=10), nullable=False, server_default="issued"),
    )


def _besluiten() -> None:
    op.create_table(
        "besluiten",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("kenmerk", sa.String(length=60), nullable=False, unique=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("dagtekening", sa.Date(), nullable=False),
        sa.Column("verzonden", sa.Date(), nullable=False),
        sa.Column("bestuursorgaan", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("besluiten.id"), nullable=True),
        sa.Column("letter_id", sa.Integer(), sa.ForeignKey("letters.id"), nullable=True),
        sa.Column("reactie", sa.String(), nullable=True),
        sa.Column("reactie_ontvangen", sa.Date(), nullable=True),
        sa.Column("gepubliceerd_op", sa.Date(), nullable=True),
        sa.Column("beroep_ingesteld", sa.Date(), nullable=True),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.UniqueConstraint("year", "number", name="uq_besluiten_year_number"),
    )
    op.create_index("ix_besluiten_case_id", "besluiten", ["case_id"])


def _bezwaren() -> None:
    op.create_table(
        "bezwaren",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("besluit_id", sa.Integer(), sa.ForeignKey("besluiten.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("ontvangen", sa.Date(), nullable=False),
        sa.Column("tijdigheid", sa.String(length=20), nullable=False),
        sa.Column("ter_post", sa.Date(), nullable=True),
        sa.Column("indiener", sa.String(length=300), nullable=True),
        sa.Column("digitaal", sa.Boolean(), nullable=False),
        sa.Column("adviescommissie", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("verschoonbaar", sa.Boolean(), nullable=True),
        sa.Column("hoorzitting_op", sa.Date(), nullable=True),
        sa.Column("herstel", sa.JSON(), nullable=False),
        sa.Column("verdaagd", sa.String(length=40), nullable=True),
        sa.Column("uitstel_tot", sa.Date(), nullable=True),
        sa.Column("uitstel_grond", sa.String(length=100), nullable=True),
        sa.Column("ingebrekestelling", sa.Date(), nullable=True),
        sa.Column("uitkomst", sa.String(length=30), nullable=True),
        sa.Column("beslist_op", sa.Date(), nullable=True),
        sa.Column("beslissing_id", sa.Integer(), sa.ForeignKey("besluiten.id"), nullable=True),
        sa.UniqueConstraint("besluit_id", "number", name="uq_bezwaren_number"),
    )
    op.create_index("ix_bezwaren_besluit_id", "bezwaren", ["besluit_id"])


def _voorzieningen() -> None:
    op.create_table(
        "voorzieningen",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("besluit_id", sa.Integer(), sa.ForeignKey("besluiten.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("ingediend", sa.Date(), nullable=False),
        sa.Column("rechtbank", sa.String(length=300), nullable=True),
        sa.Column("zaaknummer", sa.String(length=100), nullable=True),
        sa.Column("uitspraak_op", sa.Date(), nullable=True),
        sa.Column("uitkomst", sa.String(length=20), nullable=True),
        sa.Column("schorsing_tot", sa.Date(), nullable=True),
        sa.UniqueConstraint("besluit_id", "number", name="uq_voorzieningen_number"),
    )
    op.create_index("ix_voorzieningen_besluit_id", "voorzieningen", ["besluit_id"])


def downgrade() -> None:
    op.drop_column("letters", "status")
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_index("ix_deadlines_besluit_id")
        batch.drop_constraint("fk_deadlines_bezwaar_id", type_="foreignkey")
        batch.drop_constraint("fk_deadlines_besluit_id", type_="foreignkey")
        batch.drop_column("bezwaar_id")
        batch.drop_column("besluit_id")
    for table in ("voorzieningen", "bezwaren", "besluiten"):
        op.drop_index(f"ix_{table}_besluit_id" if table != "besluiten" else "ix_besluiten_case_id")
        op.drop_table(table)
