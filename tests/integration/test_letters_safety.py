"""Values are data, user templates are sandboxed, missing fields stop the letter, lint finds."""

from __future__ import annotations

import html
import io
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest

from escalation.domain.atw import TermBasis
from escalation.domain.deadline import Deadline
from escalation.domain.letter_context import build_context
from escalation.domain.letters import ActionFacts, LetterError, LetterFormat
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.letters import JinjaLetterRenderer
from escalation.letters.lint import lint_path, sample_context

EVIL = "{{ 7*7 }} <b>x</b>"
HEADER = "{#---\ntitle: Test\nfields: []\n---#}\n{% set betreft = 'Test' %}\n"


def evil_case() -> Case:
    return Case(
        provider=Provider(
            "87654321",
            EVIL,
            ProviderKind.JEUGDHULPAANBIEDER,
            address="Stationsplein 1, 3511 ED Utrecht",
        ),
        workflow_name="jeugdwet",
        workflow_version=1,
        state="signaal",
        opened_on=date(2025, 1, 2),
        id=7,
    )


@pytest.fixture(scope="module")
def renderer() -> JinjaLetterRenderer:
    return JinjaLetterRenderer()


@pytest.fixture(scope="module")
def evil_context(renderer: JinjaLetterRenderer) -> dict[str, object]:
    """The verscherpt-toezicht sample, sent to a provider whose name looks like code."""
    spec = renderer.spec("verscherpt-toezicht")
    recipient = {"naam": EVIL, "kort": EVIL, "kvk": "87654321", "soort": "jeugdhulpaanbieder"}
    return {**sample_context(spec, renderer=renderer), "ontvanger": recipient}


def test_a_provider_name_that_looks_like_template_code_is_printed_literally_everywhere(
    renderer: JinjaLetterRenderer, evil_context: dict[str, object]
) -> None:
    md = renderer.render("verscherpt-toezicht", evil_context, fmt=LetterFormat.MD).decode()
    page = renderer.render("verscherpt-toezicht", evil_context, fmt=LetterFormat.HTML).decode()
    pdf = renderer.render("verscherpt-toezicht", evil_context, fmt=LetterFormat.PDF)
    word = renderer.render("verscherpt-toezicht", evil_context, fmt=LetterFormat.DOCX)

    pdf_text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    word_text = "\n".join(p.text for p in docx.Document(io.BytesIO(word)).paragraphs)

    assert EVIL in md and "49" not in md
    assert html.escape(EVIL) in page and "<b>x</b>" not in page
    assert EVIL in pdf_text
    assert EVIL in word_text


def test_an_input_with_template_syntax_and_html_stays_text(renderer: JinjaLetterRenderer) -> None:
    spec = renderer.spec("conceptrapport-aanbieding")
    case = evil_case()
    case.deadlines.append(
        Deadline(
            kind="reactie_conceptrapport",
            due=date(2025, 2, 14),
            basis=TermBasis.SELF_SET,
            legal_basis=None,
            start=date(2025, 1, 31),
            term="2 weken",
            steps=(),
            set_by="verstuur_conceptrapport",
            set_on=date(2025, 1, 31),
        )
    )
    sneaky = "{% for x in range(3) %}herhaal{% endfor %} <script>alert(1)</script>"
    context = build_context(
        spec=spec,
        case=case,
        organisation=renderer.organisation(),
        on=date(2025, 1, 31),
        action=ActionFacts("verstuur_conceptrapport", date(2025, 1, 31), {}),
        inputs={"onderzoek": sneaky},
    )

    page = renderer.render(spec.name, context, fmt=LetterFormat.HTML).decode()

    assert html.escape(sneaky) in page
    assert "<script>" not in page and "herhaalherhaal" not in page


def _user_template(folder: Path, name: str, body: str, header: str = HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md.j2"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_a_user_template_is_sandboxed(tmp_path: Path, renderer: JinjaLetterRenderer) -> None:
    _user_template(tmp_path, "boos", "{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    own = JinjaLetterRenderer(user=tmp_path)
    context = sample_context(renderer.spec("herinnering"), renderer=renderer)

    with pytest.raises(LetterError, match="boos"):
        own.render("boos", context, fmt=LetterFormat.MD)
    assert own.spec("boos").sandboxed
    assert not own.spec("aanwijzing").sandboxed


def test_a_missing_field_stops_the_letter_and_names_the_field_and_the_template(
    tmp_path: Path, renderer: JinjaLetterRenderer
) -> None:
    _user_template(tmp_path, "kort", "Beste {{ ontvanger.naam }}, {{ handtekening }}\n")
    own = JinjaLetterRenderer(user=tmp_path)
    context = sample_context(renderer.spec("herinnering"), renderer=renderer)

    with pytest.raises(LetterError) as refused:
        own.render("kort", context, fmt=LetterFormat.HTML)

    assert "'kort'" in str(refused.value) and "'handtekening' is undefined" in str(refused.value)


def test_a_missing_field_is_refused_in_dutch_by_default(
    tmp_path: Path, renderer: JinjaLetterRenderer, dutch: None
) -> None:
    _user_template(tmp_path, "kort", "Beste {{ ontvanger.naam }}, {{ handtekening }}\n")
    own = JinjaLetterRenderer(user=tmp_path)
    context = sample_context(renderer.spec("herinnering"), renderer=renderer)

    with pytest.raises(LetterError) as refused:
        own.render("kort", context, fmt=LetterFormat.HTML)

    assert str(refused.value) == (
        "Brief 'kort' kan niet worden opgemaakt: 'handtekening' is undefined. Elk veld dat het "
        "sjabloon gebruikt, moet gedeclareerd en ingevuld zijn."
    )


def test_a_template_without_a_subject_is_refused_in_dutch_by_default(
    tmp_path: Path, renderer: JinjaLetterRenderer, dutch: None
) -> None:
    _user_template(tmp_path, "zonder", "Geachte heer,\n", header="{#---\ntitle: Z\n---#}\n")
    own = JinjaLetterRenderer(user=tmp_path)
    context = sample_context(renderer.spec("herinnering"), renderer=renderer)

    with pytest.raises(LetterError) as refused:
        own.render("zonder", context, fmt=LetterFormat.MD)

    assert str(refused.value) == (
        "Brief 'zonder' heeft geen onderwerp: voeg {% set betreft = '...' %} toe."
    )


def test_lint_names_what_it_finds_in_dutch_by_default(tmp_path: Path, dutch: None) -> None:
    _user_template(tmp_path, "ongedeclareerd", "{{ geheim }}\n")

    _checked, findings = lint_path(tmp_path)

    assert [f.message for f in findings] == ["gebruikt 'geheim' zonder het te declareren"]


def test_lint_finds_syntax_errors_undeclared_and_unused_fields(tmp_path: Path) -> None:
    _user_template(tmp_path, "kapot", "{% if %}\n")
    _user_template(tmp_path, "ongedeclareerd", "{{ geheim }}\n")
    _user_template(
        tmp_path,
        "overbodig",
        "Geachte heer, mevrouw,\n",
        header="{#---\ntitle: T\nfields: [termijn]\ninputs: {dictum: x}\nsample: {dictum: y}\n"
        "---#}\n{% set betreft = 'T' %}\n",
    )
    _user_template(tmp_path, "goed", "Geachte {{ ontvanger.naam }},\n")

    checked, findings = lint_path(tmp_path)

    text = "\n".join(str(f) for f in findings)
    assert len(checked) == 4
    assert "kapot: error: syntax error on line 6" in text
    assert "ongedeclareerd: error: uses 'geheim', which it does not declare" in text
    assert "overbodig: warning: declares 'dictum' but does not use it" in text
    assert "overbodig: warning: declares 'termijn' but does not use it" in text
    assert "goed" not in text


def test_lint_renders_every_packaged_template_with_its_sample_without_findings() -> None:
    checked, findings = lint_path(None)

    assert len(checked) == 16
    assert findings == []
