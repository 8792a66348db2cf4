"""PDF letters keep one font subset per process (escalation.letters.pdf): each letter's text
still reads back exactly, also when a later letter uses a glyph the subset did not have."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from escalation.letters import pdf


def page(text: str) -> str:
    return (
        "<html><head><style>body { font-family: 'DejaVu Sans'; }</style></head>"
        f"<body><p>{text}</p></body></html>"
    )


def text_of(document: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(document)).pages)


def test_each_letter_reads_back_with_the_subset_kept_and_grown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf, "_subsets", {})  # as in a fresh worker process
    first = pdf.write_pdf(page("Aanwijzing aan Focus-Jeugd & Gezin B.V., € 1.000,00"))
    kept = {key: set(glyphs) for key, (glyphs, _content) in pdf._subsets.items()}
    second = pdf.write_pdf(page("Termijn ≤ 4 weken → uiterlijk 31 januari"))  # ≤ → not common
    grown = {key: set(glyphs) for key, (glyphs, _content) in pdf._subsets.items()}

    assert "Aanwijzing aan Focus-Jeugd & Gezin B.V., € 1.000,00" in text_of(first)
    assert "Termijn ≤ 4 weken → uiterlijk 31 januari" in text_of(second)
    assert kept and any(grown[key] > kept[key] for key in kept)


def test_without_the_cache_the_letter_is_the_same_text() -> None:
    pdf.enabled = False
    try:
        plain = pdf.write_pdf(page("Geachte heer, mevrouw, ëïé"))
    finally:
        pdf.enabled = True
    cached = pdf.write_pdf(page("Geachte heer, mevrouw, ëïé"))

    assert text_of(plain) == text_of(cached)
    assert "ëïé" in text_of(cached)


def test_the_cache_goes_only_in_front_of_the_subset_method_it_was_written_for() -> None:
    from weasyprint.pdf.fonts import Font  # type: ignore[import-untyped]

    def newer(self: object, glyphs: object, hinting: object, options: object) -> None: ...

    assert pdf.fits(Font.subset)  # the installed WeasyPrint's (the cache is in front of it)
    assert not pdf.fits(newer)  # another signature: WeasyPrint's own path
    assert not pdf.fits(None)
