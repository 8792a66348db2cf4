"""The letter as an editable Word document (python-docx): A4, letterhead, 'Pagina X van Y'."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from escalation.letters.markup import Block


def write(
    context: Mapping[str, Any], betreft: str, blocks: list[Block], *, addressed: bool = True
) -> bytes:
    from docx import Document  # imported here: only needed for DOCX
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    _letterhead(section, context["afzender"])
    _footer(section)
    _address(document, context, betreft, addressed=addressed)
    for block in blocks:
        _block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _letterhead(section: Any, sender: Mapping[str, Any]) -> None:  # python-docx Section
    header = section.header
    first = header.paragraphs[0]
    first.text = str(sender["naam"])
    first.runs[0].bold = True
    header.add_paragraph(str(sender["ministerie"]))
    visit = ", ".join(sender["bezoekadres"])
    header.add_paragraph(
        f"Bezoekadres {visit} · {sender['postadres']} · T {sender['telefoon']} · "
        f"{sender['website']}"
    )


def _footer(section: Any) -> None:  # python-docx Section
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Pagina ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" van ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _address(document: Any, context: Mapping[str, Any], betreft: str, *, addressed: bool) -> None:
    from docx.shared import Pt

    sender, recipient = context["afzender"], context["ontvanger"]
    if addressed:
        small = document.add_paragraph(f"Retouradres {sender['retouradres']}")
        small.runs[0].font.size = Pt(7)
        document.add_paragraph(f"{recipient['naam']}\nt.a.v. het bestuur\nKvK {recipient['kvk']}")
    for label, value in (
        ("Datum", context["datum"]),
        ("Betreft", betreft),
        ("Ons kenmerk", context["zaak"]["kenmerk"]),
    ):
        line = document.add_paragraph()
        line.add_run(f"{label}\t").bold = True
        line.add_run(str(value))


def _block(document: Any, block: Block) -> None:
    if block.kind == "heading2":
        document.add_heading(block.lines[0], level=2)
    elif block.kind == "heading3":
        document.add_heading(block.lines[0], level=3)
    elif block.kind == "list":
        for item in block.lines:
            document.add_paragraph(item, style="List Bullet")
    else:
        document.add_paragraph("\n".join(block.lines))
