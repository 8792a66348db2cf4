"""The letter as an editable Word document (python-docx): A4, letterhead, 'Pagina X van Y'."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from escalation.letters.closing import KEPT_TOGETHER, signatory_lines
from escalation.letters.markdown import Block, Run


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
    paragraphs = [_block(document, block) for block in blocks]
    signer = [line for line in signatory_lines(context) if line]
    if signer:
        closing = document.add_paragraph()
        closing.paragraph_format.space_before = Pt(30)  # room for the handwritten signature
        _runs(closing, [Run("\n".join(signer))])
        paragraphs.append(closing)
    for paragraph in paragraphs[-(KEPT_TOGETHER + 1) : -1]:
        paragraph.paragraph_format.keep_with_next = True  # no page with only the signature
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _letterhead(section: Any, sender: Mapping[str, Any]) -> None:  # python-docx Section
    header = section.header
    first = header.paragraphs[0]
    first.text = str(sender["naam"])
    first.runs[0].bold = True
    header.add_paragraph(str(sender["ministerie"]))
    for other in sender.get("organisaties", [])[1:]:  # a joint case: the others' letterheads
        header.add_paragraph().add_run(str(other["naam"])).bold = True
        header.add_paragraph(str(other["ministerie"]))
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
        lines = [
            str(recipient["naam"]),
            "t.a.v. het bestuur",
            *map(str, recipient.get("adres", ())),
        ]
        document.add_paragraph("\n".join([*lines, *kvk_line(recipient)]))
    for label, value in (
        ("Datum", context["datum"]),
        ("Betreft", betreft),
        ("Ons kenmerk", context["zaak"]["kenmerk"]),
    ):
        line = document.add_paragraph()
        line.add_run(f"{label}\t").bold = True
        line.add_run(str(value))


def _block(document: Any, block: Block) -> Any:  # returns a python-docx Paragraph
    if block.kind == "heading":
        paragraph = document.add_heading("", level=min(max(block.level, 2), 9))
    elif block.kind == "item":
        style = "List Number" if block.ordered else "List Bullet"
        depth = min(block.depth, 2)  # Word's default styles: "List Bullet", "... 2", "... 3"
        paragraph = document.add_paragraph(style=style + (f" {depth + 1}" if depth else ""))
    else:
        paragraph = document.add_paragraph()
    _runs(paragraph, block.runs)
    return paragraph


def _runs(paragraph: Any, runs: list[Run]) -> None:
    """Runs with their bold and italic; a line break inside a paragraph stays a line break."""
    for run in runs:
        if run.text == "\n":
            paragraph.add_run().add_break()
            continue
        added = paragraph.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or None


def kvk_line(recipient: Mapping[str, Any]) -> list[str]:
    """ "KvK 12345678" under the address; none for a gemeente or region keyed by its code."""
    kvk = str(recipient.get("kvk", ""))
    return [f"KvK {kvk}"] if kvk.isdigit() else []
