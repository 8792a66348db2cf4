"""Markdown in letters (markdown-it-py, the safe subset): emphasis, lists and headings in HTML,
PDF and DOCX; values from the database stay literal; the signatory, the address, the kenmerk."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest

from escalation.domain.atw import TermBasis
from escalation.domain.deadline import Deadline
from escalation.domain.letter_context import build_context
from escalation.domain.letters import ActionFacts, LetterFormat, MissingFieldsError, Signatory
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.letters import JinjaLetterRenderer
from escalation.letters.markdown import escape, to_html

DAY = date(2025, 1, 31)
SIGNER = Signatory("mr. A. de Vries", "hoofdinspecteur Jeugd", "Mandaatbesluit VWS 2023")
AANLEIDING = "Uit het onderzoek blijkt **vet** en *cursief*:\n\n1. eerste punt\n2. tweede punt"
ADDRESS = "Stationsstraat 1, 1234 AB Utrecht"


def deadline(kind: str) -> Deadline:
    return Deadline(
        kind=kind,
        due=date(2025, 3, 14),
        basis=TermBasis.STATUTORY,
        legal_basis=None,
        start=DAY,
        term="6 weken",
        steps=(),
        set_by="geef_aanwijzing",
        set_on=DAY,
    )


def case_of(name: str, *, address: str | None = ADDRESS, kvk: str = "12345678") -> Case:
    return Case(
        provider=Provider(kvk, name, ProviderKind.JEUGDHULPAANBIEDER, address=address),
        workflow_name="jeugdwet",
        workflow_version=1,
        state="aanwijzing",
        opened_on=DAY,
        id=1,
        deadlines=[deadline(k) for k in ("naleving", "bezwaar", "publicatie_embargo")],
    )


def dictum(norms: int) -> str:
    return "\n\n".join(
        f"### Norm {n}.1 JIJ-kader\n"
        f"- De aanbieder legt het **gedeelde beeld** van iedere jeugdige vast (maatregel {n}a).\n"
        f"- De aanbieder evalueert het plan elke zes weken met de jeugdige (maatregel {n}b).\n"
        f"- De aanbieder zorgt dat de gedragswetenschapper betrokken is (maatregel {n}c)."
        for n in range(1, norms + 1)
    )


def aanwijzing(renderer: JinjaLetterRenderer, case: Case, norms: int = 1) -> dict[str, object]:
    return build_context(
        spec=renderer.spec("aanwijzing"),
        case=case,
        organisation=renderer.organisation(),
        on=DAY,
        action=ActionFacts("geef_aanwijzing", DAY, {}),
        inputs={"aanleiding": AANLEIDING, "dictum": dictum(norms)},
    )


@pytest.fixture(scope="module")
def renderer() -> JinjaLetterRenderer:
    return JinjaLetterRenderer(signatory=SIGNER)


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]


def test_emphasis_lists_and_headings_render_in_html(renderer: JinjaLetterRenderer) -> None:
    context = aanwijzing(renderer, case_of("Focus-Jeugd & Gezin B.V."))

    page = renderer.render("aanwijzing", context, fmt=LetterFormat.HTML).decode()

    assert "<strong>vet</strong>" in page and "<em>cursief</em>" in page
    assert "<ol>" in page and "<li>eerste punt</li>" in page
    assert "<h3>Norm 1.1 JIJ-kader</h3>" in page and "<ul>" in page
    assert "**" not in page


def test_the_md_format_keeps_the_markdown_and_txt_the_plain_text(
    renderer: JinjaLetterRenderer,
) -> None:
    context = aanwijzing(renderer, case_of("Zorg_*Twee* B.V."))

    md = renderer.render("aanwijzing", context, fmt=LetterFormat.MD).decode()
    txt = renderer.render("aanwijzing", context, fmt=LetterFormat.TXT).decode()

    assert "**vet**" in md and "Zorg\\_\\*Twee\\* B.V." in md
    assert "**vet**" in txt and "aan Zorg_*Twee* B.V. (hierna: Zorg_*Twee* B.V.)" in txt


def test_the_docx_has_bold_and_italic_runs_and_list_styles(renderer: JinjaLetterRenderer) -> None:
    context = aanwijzing(renderer, case_of("Focus-Jeugd & Gezin B.V."))

    word = docx.Document(io.BytesIO(renderer.render("aanwijzing", context, fmt=LetterFormat.DOCX)))

    runs = [run for p in word.paragraphs for run in p.runs]
    assert any(r.text == "vet" and r.bold for r in runs)
    assert any(r.text == "cursief" and r.italic for r in runs)
    styles = {p.style.name for p in word.paragraphs}
    assert {"List Number", "List Bullet", "Heading 3"} <= styles
    assert not any("**" in p.text or p.text.startswith("- ") for p in word.paragraphs)


def test_the_pdf_shows_no_markdown_asterisks(renderer: JinjaLetterRenderer) -> None:
    context = aanwijzing(renderer, case_of("Focus-Jeugd & Gezin B.V."))

    text = "\n".join(pdf_pages(renderer.render("aanwijzing", context, fmt=LetterFormat.PDF)))

    assert "vet en cursief" in text.replace("\n", " ") and "**" not in text


@pytest.mark.parametrize(
    "name", ["**x** B.V.", "<b>Zorg</b> B.V.", "# Kop B.V.", "- Lijst B.V.", "1. Een B.V."]
)
def test_a_provider_name_with_markdown_or_html_prints_literally(
    renderer: JinjaLetterRenderer, name: str
) -> None:
    context = aanwijzing(renderer, case_of(name, address="**Straat** 1, # 1234 AB Plaats"))

    page = renderer.render("aanwijzing", context, fmt=LetterFormat.HTML).decode()
    word = docx.Document(io.BytesIO(renderer.render("aanwijzing", context, fmt=LetterFormat.DOCX)))
    pdf = " ".join(pdf_pages(renderer.render("aanwijzing", context, fmt=LetterFormat.PDF)))

    sentence = f"aan {name} (hierna: {name}) een aanwijzing"
    assert sentence.replace("<", "&lt;").replace(">", "&gt;") in page
    assert any(sentence in p.text for p in word.paragraphs)
    assert sentence in pdf.replace("\n", " ")
    assert "<b>Zorg" not in page and "<h1>" not in page
    assert "**Straat** 1" in page and "# 1234 AB Plaats" in page


def test_escape_round_trips_every_markdown_character() -> None:
    text = "**a** _b_ `c` [d](e) <f> \\g\n# h\n- i\n+ j\n12. k\n3) l"

    assert to_html(escape(text)) == (
        "<p>**a** _b_ `c` [d](e) &lt;f&gt; \\g<br />\n# h<br />\n- i<br />\n+ j<br />\n"
        "12. k<br />\n3) l</p>\n"
    )


def test_raw_html_and_links_in_jurist_text_stay_text() -> None:
    page = to_html("<script>x</script> [klik](http://x.example) ![b](http://x.example/b.png)")

    assert "<script>" not in page and "<a " not in page and "<img" not in page


def test_the_letter_is_signed_by_the_signatory_from_the_settings(
    renderer: JinjaLetterRenderer,
) -> None:
    context = aanwijzing(renderer, case_of("Focus-Jeugd & Gezin B.V."))

    txt = renderer.render("aanwijzing", context, fmt=LetterFormat.TXT).decode()

    assert context["ondertekenaar"] == {
        "naam": "mr. A. de Vries",
        "functie": "hoofdinspecteur Jeugd",
        "mandaat": "Mandaatbesluit VWS 2023",
    }
    assert (
        "namens deze,\nde hoofdinspecteur Jeugd van de Inspectie Gezondheidszorg en Jeugd\n\n"
        "mr. A. de Vries\nhoofdinspecteur Jeugd\nMandaatbesluit VWS 2023\n"
    ) in txt


def test_without_a_signatory_setting_the_organisations_lines_sign_alone() -> None:
    renderer = JinjaLetterRenderer()
    context = aanwijzing(renderer, case_of("Focus-Jeugd & Gezin B.V."))

    txt = renderer.render("aanwijzing", context, fmt=LetterFormat.TXT).decode()

    assert context["ondertekenaar"] == {}
    assert (
        "namens deze,\nde hoofdinspecteur Jeugd van de Inspectie Gezondheidszorg en Jeugd\n" in txt
    )
    assert "ontbreekt" not in txt and "signatory" not in txt


def test_the_address_prints_under_the_name_or_names_the_command_that_fills_it(
    renderer: JinjaLetterRenderer,
) -> None:
    with_address = aanwijzing(renderer, case_of("Focus B.V."))
    txt = renderer.render("aanwijzing", with_address, fmt=LetterFormat.TXT).decode()

    with pytest.raises(MissingFieldsError) as missing:
        aanwijzing(renderer, case_of("Focus B.V.", address=None, kvk="87654321"))

    assert "Focus B.V.\nt.a.v. het bestuur\nStationsstraat 1\n1234 AB Utrecht\n" in txt
    assert [gap.name for gap in missing.value.missing] == ["ontvanger.adres"]
    assert 'escalation provider edit 87654321 --adres "Straat 1, 1234 AB Plaats"' in str(
        missing.value
    )


def test_ons_kenmerk_is_the_case_reference_without_a_besluit(
    renderer: JinjaLetterRenderer,
) -> None:
    context = aanwijzing(renderer, case_of("Focus B.V."))

    assert context["zaak"] == {
        "nummer": "1",
        "kenmerk": "IGJ-ZAAK-000001",
        "zaakkenmerk": "IGJ-ZAAK-000001",
    }


def test_the_markdown_filter_marks_an_engine_value_as_the_jurists_markdown(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "notitie.md.j2").write_text(
        "{#---\ntitle: Notitie\nfields: []\n---#}\n{% set betreft = 'Notitie' %}\n"
        "{{ ontvanger.naam }}\n\n{{ ontvanger.naam | markdown }}\n",
        encoding="utf-8",
    )
    renderer = JinjaLetterRenderer(user=folder)
    context = aanwijzing(JinjaLetterRenderer(), case_of("**Vet** B.V."))

    page = renderer.render("notitie", context, fmt=LetterFormat.HTML).decode()

    assert "<p>**Vet** B.V.</p>" in page  # escaped: literal, also in a sandboxed template
    assert "<p><strong>Vet</strong> B.V.</p>" in page  # marked as Markdown


def test_a_letter_to_a_gemeente_keyed_by_its_code_has_no_kvk_line(
    renderer: JinjaLetterRenderer,
) -> None:
    to_gemeente = aanwijzing(renderer, case_of("Gemeente Amsterdam", kvk="GM0363"))
    to_provider = aanwijzing(renderer, case_of("Focus B.V."))

    txt = renderer.render("aanwijzing", to_gemeente, fmt=LetterFormat.TXT).decode()
    word = docx.Document(
        io.BytesIO(renderer.render("aanwijzing", to_gemeente, fmt=LetterFormat.DOCX))
    )
    provider_txt = renderer.render("aanwijzing", to_provider, fmt=LetterFormat.TXT).decode()

    assert "KvK" not in txt and "GM0363" not in txt
    assert all("KvK" not in p.text for p in word.paragraphs)
    assert "1234 AB Utrecht\nKvK 12345678\n" in provider_txt
