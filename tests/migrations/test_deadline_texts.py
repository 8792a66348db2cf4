"""Migration 0003: a deadline's steps and warning are stored texts (a Msg, or an old plain string).

On SQLite and PostgreSQL: what the repository stores reads back as it was; a plain warning of
revision 0002 reads back as the same text after the upgrade; a downgrade writes each stored
message as the English text an earlier escalation showed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, text

from escalation.domain.atw import TermBasis
from escalation.domain.deadline import Deadline
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.services.providers import add_provider
from escalation.storage.migrate import migrate, upgrade
from escalation.storage.schema import HEAD
from escalation.storage.unit_of_work import SqlUnitOfWork
from escalation.texts import Msg, Text, render

NOW = datetime(2025, 12, 11, 9, 0, tzinfo=UTC)
FOCUS = Provider("87654321", "Focus-Jeugd & Gezin B.V.", ProviderKind.JEUGDHULPAANBIEDER)
CHRISTMAS = date(2025, 12, 25)
STEPS: tuple[Text, ...] = (
    "an old step, stored as plain text before issue 8",
    Msg("Start: {day} (the term runs from the next day).", {"day": date(2025, 12, 11)}),
    Msg(
        "{sign} {term} = {day} ({note}).",
        {
            "sign": "+",
            "term": "2 weken",
            "day": CHRISTMAS,
            "note": Msg("counted clock to clock: {days} x 24 uur", {"days": 14}),
        },
    ),
    Msg(
        "{end:month} has no day {day_number}, so the term ends on the last day of that month",
        {"end": date(2026, 2, 28), "day_number": 31},
    ),
)
WARNING = Msg(
    "ends on {day} ({reason}); a self-set term is not extended by the Algemene termijnenwet; "
    "choose an explicit working day such as {proposed} with --set.",
    {
        "day": CHRISTMAS,
        "reason": "Eerste Kerstdag (Atw art. 3 lid 1)",
        "proposed": date(2025, 12, 29),
    },
)


def zienswijze(*, steps: tuple[Text, ...], warning: Text | None) -> Deadline:
    return Deadline(
        kind="zienswijze",
        due=CHRISTMAS,
        basis=TermBasis.SELF_SET,
        legal_basis="Awb 4:8",
        start=date(2025, 12, 11),
        term="2 weken",
        steps=steps,
        set_by="kondig_aanwijzing_aan",
        set_on=date(2025, 12, 11),
        proposed=date(2025, 12, 29),
        warning=warning,
    )


def store_case(engine: Engine, *deadlines: Deadline) -> int:
    """A case with these deadlines, written by the repository of this escalation (at HEAD)."""
    add_provider(
        uow=SqlUnitOfWork(engine), name=FOCUS.name, kvk=FOCUS.kvk, kind=FOCUS.kind, alias=None,
        now=NOW,
    )  # fmt: skip
    case = Case(FOCUS, "jeugdwet", 1, "voornemen_aanwijzing", date(2024, 9, 2))
    case.deadlines.extend(deadlines)
    with SqlUnitOfWork(engine) as uow:
        case_id = uow.cases.add(case, now=NOW)
        uow.commit()
    return case_id


def read_deadlines(engine: Engine, case_id: int) -> list[Deadline]:
    with SqlUnitOfWork(engine) as uow:
        return uow.cases.get(case_id).deadlines


def raw_warnings(engine: Engine) -> list[str | None]:
    """What the warning column holds, as text (a JSON document from 0003 on)."""
    with engine.connect() as conn:
        query = "SELECT CAST(warning AS TEXT) FROM deadlines ORDER BY id"
        return [row[0] for row in conn.execute(text(query))]


def test_messages_and_old_plain_texts_read_back_as_they_were_stored(engine: Engine) -> None:
    migrate(engine, to=HEAD)
    stored = [
        zienswijze(steps=STEPS, warning=WARNING),
        zienswijze(steps=STEPS[:1], warning="a plain warning of an old row"),
        zienswijze(steps=(), warning=None),
    ]

    case_id = store_case(engine, *stored)

    back = read_deadlines(engine, case_id)
    assert [(d.steps, d.warning) for d in back] == [(d.steps, d.warning) for d in stored]
    assert raw_warnings(engine)[1:] == ['"a plain warning of an old row"', None]


def test_a_stored_explanation_is_shown_in_the_language_of_whoever_reads_it(
    engine: Engine,
) -> None:
    migrate(engine, to=HEAD)
    case_id = store_case(engine, zienswijze(steps=STEPS, warning=WARNING))

    (back,) = read_deadlines(engine, case_id)

    assert back.warning is not None
    assert render(back.warning, "en").startswith("ends on Thursday 25 December 2025 (Eerste")
    assert render(back.warning, "nl").startswith("eindigt op donderdag 25 december 2025 (Eerste")
    assert render(back.steps[3], "nl").startswith("februari 2026 heeft geen 31e dag")


def test_a_plain_warning_of_revision_0002_reads_back_as_the_same_text(engine: Engine) -> None:
    migrate(engine, to=HEAD)
    case_id = store_case(engine, zienswijze(steps=STEPS[:1], warning=None))
    migrate(engine, to="0002")
    with engine.begin() as conn:
        conn.execute(text("UPDATE deadlines SET warning = 'ends on a Thursday (Kerst) ‘quoted’'"))

    result = upgrade(engine)

    (back,) = read_deadlines(engine, case_id)
    assert (result.before, result.after) == ("0002", HEAD)
    assert back.warning == "ends on a Thursday (Kerst) ‘quoted’"
    assert back.steps == STEPS[:1]


def test_a_downgrade_writes_each_stored_message_as_its_english_text(engine: Engine) -> None:
    migrate(engine, to=HEAD)
    store_case(engine, zienswijze(steps=STEPS, warning=WARNING), zienswijze(steps=(), warning=None))

    migrate(engine, to="0002")

    deadlines = sa.table(
        "deadlines",
        sa.column("id", sa.Integer()),
        sa.column("warning", sa.String()),
        sa.column("steps", sa.JSON()),
    )
    query = sa.select(deadlines.c.warning, deadlines.c.steps).order_by(deadlines.c.id)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    assert [tuple(row) for row in rows] == [
        (render(WARNING, "en"), [render(step, "en") for step in STEPS]),
        (None, []),
    ]


@pytest.mark.parametrize("spec", ["", ":date", ":month", ":weekday"])
def test_the_downgrade_shows_dates_as_escalation_showed_them_in_english(spec: str) -> None:
    from tests.migrations.test_upgrade_from_0_1_0 import _load_migration

    migration = _load_migration("0003_deadline_texts.py")
    msg = Msg("on {day" + spec + "}", {"day": CHRISTMAS})

    assert migration.english(msg.to_json()) == render(msg, "en")
