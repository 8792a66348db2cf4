"""Every letter in every format, from real cases walked through the workflow on SQLite."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pypdf
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from escalation.domain.calendar import AtwCalendar, format_datum
from escalation.domain.deadline import Deadline
from escalation.domain.events import Stamp
from escalation.domain.letter_context import build_context
from escalation.domain.letters import LetterFormat
from escalation.domain.model import Case
from escalation.letters import JinjaLetterRenderer
from escalation.services.cases import ActionResult, apply_action, open_case
from escalation.services.letter_drafts import Drafts, send_letter
from escalation.services.letters import IssuedLetter, make_letter, verify_letter
from escalation.services.providers import add_provider
from escalation.storage.db import make_engine
from escalation.storage.schema import init_database
from escalation.storage.unit_of_work import SqlUnitOfWork
from escalation.workflows import FileWorkflowCatalog

NOW = datetime(2025, 1, 31, 9, 0, tzinfo=UTC)
FOCUS = "Focus-Jeugd & Gezin B.V."
JBN = "Stichting Jeugdbescherming Noord"
DICTUM = "### Norm 1.1 JIJ-kader\n- Focus legt het gedeelde beeld van de jeugdige vast."
LAST = "- Stel voor iedere jeugdige een persoonlijk plan op."
FORMATS = list(LetterFormat)


@dataclass
class World:
    engine: Engine
    catalog: FileWorkflowCatalog
    renderer: JinjaLetterRenderer
    cases: dict[str, int] = field(default_factory=dict)
    results: dict[str, ActionResult] = field(default_factory=dict)
    letters: dict[tuple[str, LetterFormat], IssuedLetter] = field(default_factory=dict)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    def act(self, case: str, action: str, on: date, **params: str) -> ActionResult:
        result = apply_action(
            uow=self.uow(),
            catalog=self.catalog,
            calendar=AtwCalendar(),
            case_id=self.cases[case],
            action=action,
            params=params,
            renderer=self.renderer,
            stamp=Stamp(on=on, at=NOW, by="jurist"),
        )
        self.results[action] = result
        return result

    def make(self, case: str, template: str, fmt: LetterFormat, **inputs: str) -> IssuedLetter:
        return make_letter(
            uow=self.uow(),
            renderer=self.renderer,
            catalog=self.catalog,
            case_id=self.cases[case],
            template=template,
            fmt=fmt,
            inputs=inputs,
            on=None,
            stamp=Stamp(on=date(2025, 4, 22), at=NOW, by="jurist"),
        )

    def deadlines(self, case: str) -> list[Deadline]:
        with self.uow() as uow:
            return uow.cases.get(self.cases[case]).deadlines


def _open(world: World, key: str, name: str, kvk: str, kind: str, opened: date) -> None:
    add_provider(
        uow=world.uow(),
        name=name,
        kvk=kvk,
        kind=kind,
        alias=None,
        now=NOW,
        address="Stationsplein 1, 3511 ED Utrecht",
    )
    world.cases[key] = open_case(
        uow=world.uow(),
        catalog=world.catalog,
        provider_kvk=kvk,
        workflow="jeugdwet",
        on=opened,
        title=None,
        handler="jurist",
        by="jurist",
        now=NOW,
        version=1,  # the flows of version 1 (ontvang_bezwaar); its cases keep them
    )


def _walk_focus(world: World) -> None:
    """Focus (seed 000): onderzoek → aanwijzing → bezwaar → hertoets → last onder dwangsom."""
    _open(world, "focus", FOCUS, "87654321", "jeugdhulpaanbieder", date(2024, 9, 2))
    world.act("focus", "start_onderzoek", date(2024, 9, 16))
    world.act("focus", "verstuur_conceptrapport", date(2024, 11, 15))
    world.act("focus", "stel_rapport_vast", date(2024, 12, 6))
    world.act(
        "focus",
        "kondig_aanwijzing_aan",
        date(2024, 12, 13),
        zienswijzetermijn="2024-12-30",
        aanleiding="Focus taxeert de risico's van jeugdigen niet.",
        dictum=DICTUM,
    )
    world.act("focus", "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")
    world.act("focus", "ontvang_bezwaar", date(2025, 2, 20))
    world.act("focus", "start_hertoets", date(2025, 5, 1))
    world.act(
        "focus",
        "kondig_last_aan",
        date(2025, 5, 8),
        aanleiding="Bij de hertoets bleek dat Focus niet aan de aanwijzing voldoet.",
        last=LAST,
        begunstigingstermijn="4 weken",
        bedrag="1000",
        per="week",
        maximum="10.000",
    )
    world.act(
        "focus",
        "leg_last_onder_dwangsom_op",
        date(2025, 6, 2),
        begunstigingstermijn="4 weken",
        bedrag="1000",
        per="week",
        maximum="10000",
    )


def _walk_jbn(world: World) -> None:
    """JBN (seed 001): verscherpt toezicht from 9 July 2025 for seven months."""
    _open(world, "jbn", JBN, "04075970", "gecertificeerde-instelling", date(2025, 3, 3))
    world.act("jbn", "start_onderzoek", date(2025, 3, 24))
    world.act("jbn", "verstuur_conceptrapport", date(2025, 6, 2))
    world.act("jbn", "stel_rapport_vast", date(2025, 7, 9))
    world.act(
        "jbn",
        "stel_verscherpt_toezicht_in",
        date(2025, 7, 9),
        duur="7 maanden",
        verbeterplan_uiterlijk="2025-09-08",
        aanleiding="JBN heeft onvoldoende zicht op de veiligheid van jeugdigen.",
    )


# Which case each template is made for, and the fields only `letter make` supplies.
PLAN: dict[str, tuple[str, dict[str, str]]] = {
    "conceptrapport-aanbieding": ("focus", {}),
    "voornemen-aanwijzing": ("focus", {}),
    "aanwijzing": ("focus", {}),
    "zakelijke-weergave": ("focus", {"rechtsmiddel": "Tegen de aanwijzing is bezwaar gemaakt."}),
    "ontvangstbevestiging-bezwaar": ("focus", {}),
    "voornemen-last": ("focus", {}),
    "last-onder-dwangsom": ("focus", {}),
    "herinnering": ("jbn", {"termijnsoort": "verbeterplan"}),
    "verscherpt-toezicht": ("jbn", {}),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Both cases walked once, and every template made once in every format (PDFs are slow)."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('letters') / 'cases.sqlite'}")
    init_database(engine)
    built = World(engine, FileWorkflowCatalog(), JinjaLetterRenderer())
    _walk_focus(built)
    _walk_jbn(built)
    for template, (case, inputs) in PLAN.items():
        for fmt in FORMATS:
            built.letters[template, fmt] = built.make(case, template, fmt, **inputs)
    yield built
    engine.dispose()


def plain_text(fmt: LetterFormat, content: bytes) -> str:
    """The letter's text as a reader sees it, whitespace collapsed."""
    if fmt is LetterFormat.PDF:
        reader = pypdf.PdfReader(io.BytesIO(content))
        raw = "\n".join(page.extract_text() for page in reader.pages)
    elif fmt is LetterFormat.DOCX:
        document = docx.Document(io.BytesIO(content))
        header = document.sections[0].header
        raw = "\n".join(p.text for p in [*header.paragraphs, *document.paragraphs])
    elif fmt is LetterFormat.HTML:
        raw = html.unescape(re.sub(r"<[^>]+>", " ", content.decode("utf-8")))
    else:
        raw = content.decode("utf-8")
    return " ".join(raw.split())


# Letters of the dwangsom ledger (workflow version 2): made in tests/e2e/test_dwangsom.py.
LEDGER_LETTERS = {"invorderingsbeschikking", "aanmaning"}
# The letters of one bezwaar (`bezwaar add ...`): made in tests/e2e/test_bezwaar.py.
BEZWAAR_LETTERS = {
    "bezwaar-ontvangstbevestiging",
    "bezwaar-herstelverzoek",
    "bezwaar-verdaging",
    "bezwaar-uitnodiging-hoorzitting",
    "bezwaar-beslissing",
}


def test_the_packaged_templates_cover_every_letter_of_the_issue() -> None:
    assert set(JinjaLetterRenderer().names()) == set(PLAN) | BEZWAAR_LETTERS | LEDGER_LETTERS


@pytest.mark.parametrize("fmt", FORMATS, ids=str)
@pytest.mark.parametrize("template", sorted(PLAN))
def test_every_letter_names_the_provider_the_dagtekening_and_its_deadline_dates(
    world: World, template: str, fmt: LetterFormat
) -> None:
    issued = world.letters[template, fmt]
    case = PLAN[template][0]
    spec = world.renderer.spec(template)

    body = plain_text(fmt, issued.record.content)

    assert (FOCUS if case == "focus" else JBN) in body
    assert format_datum(issued.record.on) in body
    engine_dates = {d.kind: d.due for d in world.deadlines(case)}
    for kind in spec.deadlines:
        shown = issued.record.context["termijn"][kind]["iso"]
        assert any(d.kind == kind and d.due.isoformat() == shown for d in world.deadlines(case))
        assert format_datum(date.fromisoformat(shown)) in body, (kind, engine_dates)
    assert "None" not in body


def test_the_aanwijzing_gives_the_engines_bezwaar_date_and_the_day_of_sending(
    world: World,
) -> None:
    bezwaar = next(
        d for d in world.deadlines("focus") if d.kind == "bezwaar" and d.set_by == "geef_aanwijzing"
    )

    body = plain_text(
        LetterFormat.PDF, world.letters["aanwijzing", LetterFormat.PDF].record.content
    )

    assert bezwaar.due == date(2025, 3, 14)
    assert "binnen zes weken na de dag van verzending van dit besluit (31 januari 2025)" in body
    assert "De laatste dag om bezwaar te maken is vrijdag 14 maart 2025." in body
    assert "artikel 9.3, eerste lid, van de Jeugdwet" in body
    assert "uiterlijk op woensdag 30 april 2025 (3 maanden na de dagtekening" in body
    assert "Minister van Volksgezondheid, Welzijn en Sport" in body
    assert "voorlopige voorziening" in body


def test_the_last_onder_dwangsom_writes_amounts_in_dutch_notation(world: World) -> None:
    body = plain_text(
        LetterFormat.MD, world.letters["last-onder-dwangsom", LetterFormat.MD].record.content
    )

    assert "€ 1.000,00 per week waarin niet aan de last is voldaan" in body
    assert "tot een maximum van € 10.000,00" in body


def test_the_ontvangstbevestiging_names_the_besluit_under_bezwaar_and_the_beslistermijn(
    world: World,
) -> None:
    beslis = next(d for d in world.deadlines("focus") if d.kind == "beslistermijn_bezwaar")
    letter = world.letters["ontvangstbevestiging-bezwaar", LetterFormat.MD].record

    body = plain_text(LetterFormat.MD, letter.content)

    assert "tegen de aanwijzing van 31 januari 2025" in body
    assert f"uiterlijk op {format_datum(beslis.due)}" in body.replace("vrijdag ", "")
    assert letter.on == date(2025, 2, 20)


def test_the_pdf_is_a4_with_the_letterhead_and_page_numbers(world: World) -> None:
    content = world.letters["aanwijzing", LetterFormat.PDF].record.content
    reader = pypdf.PdfReader(io.BytesIO(content))

    body = plain_text(LetterFormat.PDF, content)

    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    assert f"Pagina 1 van {len(reader.pages)}" in body
    assert "Retouradres Postbus 2518 6401 DA Heerlen" in body
    assert "Stadsplateau 1" in body and "088 120 5000" in body


def test_the_docx_has_the_letterhead_and_word_page_number_fields(world: World) -> None:
    content = world.letters["verscherpt-toezicht", LetterFormat.DOCX].record.content
    document = docx.Document(io.BytesIO(content))

    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    footer_xml = zipfile.ZipFile(io.BytesIO(content)).read("word/footer1.xml").decode()

    assert "Inspectie Gezondheidszorg en Jeugd" in header
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml
    assert any(p.style is not None and p.style.name == "Heading 2" for p in document.paragraphs)


def test_actions_draft_their_letter_in_the_same_transaction(world: World) -> None:
    result = world.results["geef_aanwijzing"]

    with world.uow() as uow:
        draft = uow.letters.get(result.letter_id or 0)

    assert result.letter_problem is None
    # Version 1 takes no besluit: the draft waits for `letter send`; `letter make` in every
    # format made the same draft again (its format is the last one made).
    assert (draft.template, draft.action, draft.status) == (
        "aanwijzing",
        "geef_aanwijzing",
        "draft",
    )
    assert draft.on == date(2025, 1, 31)
    assert "Norm 1.1 JIJ-kader" in draft.context["dictum"]  # carried from the voornemen
    assert {world.letters["aanwijzing", fmt].id for fmt in FORMATS} == {result.letter_id}


def _send(world: World, template: str, fmt: LetterFormat) -> int:
    letter_id = world.letters[template, fmt].id
    drafts = Drafts(world.uow(), world.renderer, world.catalog)
    send_letter(drafts, letter_id, on=None, fmt=fmt, stamp=Stamp(on=date(2025, 4, 22), at=NOW,
                by="jurist"))  # fmt: skip
    return letter_id


def test_a_sent_text_letter_re_renders_to_the_same_bytes(world: World) -> None:
    for template, fmt in (("conceptrapport-aanbieding", LetterFormat.MD),
                          ("voornemen-aanwijzing", LetterFormat.HTML)):  # fmt: skip
        letter_id = _send(world, template, fmt)

        check = verify_letter(uow=world.uow(), renderer=world.renderer, letter_id=letter_id)

        assert check.record.status == "sent" and check.record.format is fmt
        assert check.template_unchanged
        assert check.same_bytes is True


def test_the_letter_archive_refuses_to_change_a_sent_letter(world: World) -> None:
    letter_id = _send(world, "voornemen-last", LetterFormat.MD)

    with pytest.raises(DBAPIError), world.engine.begin() as conn:
        conn.execute(text("UPDATE letters SET filename = 'x' WHERE id = :i"), {"i": letter_id})


def test_an_action_whose_letter_lacks_a_field_is_taken_and_says_what_is_missing(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'cases.sqlite'}")
    init_database(engine)
    world = World(engine, FileWorkflowCatalog(), JinjaLetterRenderer())
    _open(world, "focus", FOCUS, "87654321", "jeugdhulpaanbieder", date(2024, 9, 2))
    for action, on in (("start_onderzoek", 16), ("verstuur_conceptrapport", 17)):
        world.act("focus", action, date(2024, 9, on))
    world.act("focus", "stel_rapport_vast", date(2024, 10, 1))

    result = world.act("focus", "kondig_aanwijzing_aan", date(2024, 10, 2))

    assert result.to_state == "voornemen_aanwijzing"
    assert (result.letter_problem, result.letter_missing) == (None, ("aanleiding", "dictum"))
    made = world.make("focus", "voornemen-aanwijzing", LetterFormat.MD)
    assert (made.id, made.refreshed, made.record.content) == (result.letter_id, True, b"")
    assert [i.name for i in made.missing] == ["aanleiding", "dictum"]
    engine.dispose()


def reminder_text(
    renderer: JinjaLetterRenderer, case: Case, deadline: Deadline, on: date
) -> tuple[str, str]:
    """Subject and body of the `herinnering` letter about one deadline, as seen on `on`."""
    spec = renderer.spec("herinnering")
    context = build_context(
        spec=spec, case=case, organisation=renderer.organisation(), on=on, reminder=deadline
    )
    return renderer.render_text(spec.name, context)


def test_the_reminder_letter_names_the_deadline_and_whether_it_passed(
    world: World,
) -> None:
    with world.uow() as uow:
        case = uow.cases.get(world.cases["focus"])
    naleving = next(d for d in case.deadlines if d.kind == "naleving")

    before = reminder_text(world.renderer, case, naleving, date(2025, 4, 23))
    after = reminder_text(world.renderer, case, naleving, date(2025, 5, 2))

    assert before[0] == "Herinnering: de termijn om aan de aanwijzing te voldoen (30 april 2025)"
    assert "op woensdag 30 april 2025 afloopt" in before[1] and "over 7 dagen" in before[1]
    assert "op woensdag 30 april 2025 is verstreken" in after[1]
