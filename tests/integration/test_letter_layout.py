"""The PDF letter read back with pypdf: no page holds only the signature block, one font family,
the addressee in the window of a window envelope (docs/letters.md, "Layout")."""

from __future__ import annotations

import io

import pypdf
import pytest

from escalation.domain.letters import LetterFormat
from escalation.letters import JinjaLetterRenderer
from tests.integration.test_letter_markdown import SIGNER, aanwijzing, case_of

MM = 72 / 25.4  # PDF points per millimetre
A4_HEIGHT = 297
CLOSING = {
    "De Minister van Volksgezondheid, Welzijn en Sport,",
    "namens deze,",
    "de hoofdinspecteur Jeugd van de Inspectie Gezondheidszorg en Jeugd",
    *(SIGNER.naam or "", SIGNER.functie or "", SIGNER.mandaat or ""),
}


@pytest.fixture(scope="module")
def renderer() -> JinjaLetterRenderer:
    return JinjaLetterRenderer(signatory=SIGNER)


def reader(renderer: JinjaLetterRenderer, norms: int) -> pypdf.PdfReader:
    context = aanwijzing(renderer, case_of("Focus-Jeugd & Gezin B.V."), norms=norms)
    return pypdf.PdfReader(io.BytesIO(renderer.render("aanwijzing", context, fmt=LetterFormat.PDF)))


def body_lines(page: pypdf.PageObject) -> list[str]:
    """The page's lines of text without the footer and bare list bullets."""
    lines = (line.strip() for line in page.extract_text().splitlines())
    return [line for line in lines if line and line != "•" and not line.startswith("Pagina ")]


# 8 norms: the aanwijzing. 1 and 11 norms: without the kept-together closing, their
# last page held only the signature block (checked by removing `.slot` from the layout).
@pytest.mark.parametrize(("norms", "pages"), [(8, 3), (1, 3), (11, 4)])
def test_no_page_holds_only_the_closing_and_the_signatory(
    renderer: JinjaLetterRenderer, norms: int, pages: int
) -> None:
    document = reader(renderer, norms)

    assert len(document.pages) == pages
    for number, page in enumerate(document.pages, start=1):
        lines = body_lines(page)
        assert [line for line in lines if line not in CLOSING], f"page {number}: {lines}"
    last = body_lines(document.pages[-1])
    assert last[-3:] == ["mr. A. de Vries", "hoofdinspecteur Jeugd", "Mandaatbesluit VWS 2023"]
    assert len([line for line in last if line not in CLOSING]) >= 2  # the last paragraph


def test_one_font_family_on_every_page_the_footer_included(renderer: JinjaLetterRenderer) -> None:
    document = reader(renderer, 8)

    families = {
        str(font["/BaseFont"]).split("+")[-1].removesuffix("-Bold-Oblique").split("-Bold")[0]
        for page in document.pages
        for font in page["/Resources"]["/Font"].values()
    }

    assert {f.removesuffix("-Oblique") for f in families} == {"DejaVu-Sans"}
    assert "Pagina 3 van 3" in document.pages[-1].extract_text()


def positions(page: pypdf.PageObject) -> dict[str, tuple[float, float]]:
    """Each piece of text and where it starts: millimetres from the left and from the top."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip():
            found.setdefault(text.strip(), (x / MM, A4_HEIGHT - y / MM))

    page.extract_text(visitor_text=visit)
    return found


def test_the_address_is_on_page_one_in_the_window_of_the_envelope(
    renderer: JinjaLetterRenderer,
) -> None:
    document = reader(renderer, 8)
    found = positions(document.pages[0])

    for line in ("Focus-Jeugd & Gezin B.V.", "Stationsstraat 1", "1234 AB Utrecht"):
        left, top = found[line]
        assert 20 <= left <= 25 and 50 <= top <= 90, (line, left, top)
    left, top = found["> Retouradres Postbus 2518 6401 DA Heerlen"]
    assert 20 <= left <= 25 and 50 <= top <= 56
    assert "Stationsstraat 1" not in document.pages[1].extract_text()
