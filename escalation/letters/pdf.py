"""PDF from a letter's HTML (WeasyPrint), made fast for many letters in one process.

WeasyPrint spends most of a letter's time subsetting its fonts (fontTools: the used glyphs cut
out of each font file, per letter). Letters use nearly the same glyphs, so each process keeps,
per font file, one subset holding the common Latin glyphs and every glyph used so far; a letter
whose glyphs are all in it embeds that subset without cutting again. The PDF is as correct as
before (glyph ids are kept, so its text and widths are the letter's own) and somewhat larger
(the embedded font holds glyphs the letter does not use). A font with glyphs missing, or a
WeasyPrint without `Font.subset`, takes WeasyPrint's own path.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import re
import warnings
from collections.abc import Callable
from functools import cache
from typing import Any

# The characters of Dutch letters: ASCII, Latin-1 and Latin Extended-A, dashes, quotes,
# bullets, ellipsis, euro, paragraph and trademark signs.
COMMON = (
    *range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2028), 0x2030, 0x2039, 0x203A,
    0x20AC, 0x2122,
)  # fmt: skip

_subsets: dict[bytes, tuple[frozenset[int], bytes]] = {}
enabled = True  # False: every letter subsets its fonts anew (the benchmark's baseline)


def write_pdf(page: str) -> bytes:
    """A4 PDF of the letter's HTML; nothing outside the document is fetched.

    The page's `<style>` is parsed once per process (every letter has the layout's), and
    given to WeasyPrint as a parsed stylesheet instead.
    """
    HTML, URLFetcher, fonts = _weasyprint()  # noqa: N806 - WeasyPrint's class names
    page, sheets = _stylesheets(page, fonts)
    result: bytes = HTML(
        string=page, url_fetcher=URLFetcher(allowed_protocols=("data",))
    ).write_pdf(font_config=fonts, stylesheets=sheets)
    return result


_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_parsed: dict[str, Any] = {}


def _stylesheets(page: str, fonts: Any) -> tuple[str, list[Any]]:
    """The page without its one `<style>` block, and that block parsed (kept per text)."""
    found = list(_STYLE.finditer(page))
    if len(found) != 1:
        return page, []
    text = found[0].group(1)
    if text not in _parsed:
        from weasyprint import CSS  # type: ignore[import-untyped]

        if len(_parsed) >= _KEEP:
            _parsed.clear()
        _parsed[text] = CSS(string=text, font_config=fonts)
    return page[: found[0].start()] + page[found[0].end() :], [_parsed[text]]


_KEEP = 8  # stylesheets kept: the layout's, and a few of a user's


@cache
def _weasyprint() -> tuple[Any, Any, Any]:
    """WeasyPrint's classes and one font configuration for every letter of the process."""
    # Imported here: slow to load and only needed for PDF. WeasyPrint ships no type hints, and
    # warns at import on machines without libharfbuzz-subset.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
        from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]
    _install()
    return HTML, URLFetcher, FontConfiguration()


def _install() -> None:
    """Put the subset cache in front of WeasyPrint's `Font.subset` (once: `_weasyprint`)."""
    try:
        from weasyprint.pdf.fonts import Font  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - another WeasyPrint layout: its own path
        return
    original = getattr(Font, "subset", None)
    if original is not None and fits(original):
        Font.subset = _cached(original)


def fits(original: Any) -> bool:
    """Whether `Font.subset` is the method the cache was written for (WeasyPrint 62-70:
    `subset(self, to_unicode, hinting)`, the glyph ids as `to_unicode`'s keys); another
    WeasyPrint's is left alone and each letter takes its own path."""
    if not callable(original):
        return False
    try:
        names = list(inspect.signature(original).parameters)
    except (TypeError, ValueError):
        return False
    return names == ["self", "to_unicode", "hinting"]


def _cached(original: Callable[..., None]) -> Callable[..., None]:
    def subset(self: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
        font = self  # the WeasyPrint Font whose subset is asked (the method's own signature)
        if not to_unicode or font.missing or not enabled:
            original(font, to_unicode, hinting)
            return
        key = hashlib.blake2b(font.file_content, digest_size=16).digest() + bytes([hinting])
        kept, content = _subsets.get(key, (frozenset(), b""))
        used = frozenset(to_unicode)
        if not used <= kept:
            kept = used | kept | _common_glyphs(font)
            original(font, dict.fromkeys(kept, ""), hinting)
            _subsets[key] = (kept, font.file_content)
            return
        font.file_content = content

    return subset


def _common_glyphs(font: Any) -> frozenset[int]:
    """The glyph ids of the COMMON characters in the font (those it has)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
    cmap = ttfont.getBestCmap() or {}
    names = [cmap[c] for c in COMMON if c in cmap]
    return frozenset(ttfont.getGlyphID(name) for name in names)
