"""The safe Markdown subset letters are written in, read by markdown-it-py (CommonMark).

Only paragraphs (a line break stays a line break), headings, bullet and numbered lists and
emphasis (`**vet**`, `*cursief*`) are read. Raw HTML, links, images, code, quotes, rules,
tables and entities are off: such text stays text. Values the engine fills in (a provider's
name, a KvK number, a date) are escaped before the Markdown pass (`escape`), so only what a
jurist wrote as Markdown (a template's own text, its text inputs such as `aanleiding` and
`dictum`, or a value passed through the `markdown` filter) can become formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

# The rules of markdown-it's CommonMark preset that stay on: nothing that links, fetches or
# passes HTML through.
_BLOCK_OFF = ["code", "fence", "blockquote", "hr", "reference", "html_block", "lheading"]
_INLINE_OFF = ["backticks", "link", "image", "autolink", "html_inline", "entity"]


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    md.disable([*_BLOCK_OFF, *_INLINE_OFF])
    return md


class MarkdownText(str):
    """Text a jurist wrote in Markdown: printed into a letter without escaping."""

    __slots__ = ()


def mark(value: Any) -> MarkdownText:
    """The Jinja filter `markdown`: this value is the jurist's Markdown, not a literal."""
    return MarkdownText("" if value is None else value)


# Characters that start inline markup anywhere, and what starts a block at the start of a line.
_INLINE = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(
    r"^([ \t]*)(#{1,6}(?=[ \t]|$)|[-+](?=[ \t]|$)|\d{1,9}(?=[.)](?:[ \t]|$)))", re.MULTILINE
)


def escape(text: str) -> str:
    """`text` as Markdown that renders as exactly this text (backslash escapes)."""
    escaped = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_start, escaped)


def _escape_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "1." -> "1\." : the dot or parenthesis is what makes the list
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def to_html(text: str) -> str:
    """HTML of the Markdown `text` (escaped where it is text)."""
    return "".join(html_blocks(text))


def html_blocks(text: str) -> list[str]:
    """The HTML of each top-level block (paragraph, heading, list), in order."""
    md = parser()
    return [md.renderer.render(group, md.options, {}) for group in _top_level(md.parse(text))]


def _top_level(tokens: list[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = []
    depth = 0
    for token in tokens:
        if depth == 0:
            groups.append([])
        groups[-1].append(token)
        depth += token.nesting
    return groups


# --- blocks for the Word writer ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with its emphasis; `text` "\\n" is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(slots=True)
class Block:
    """A heading (level 1-6), a paragraph, or a list item (`list` bullet/ordered, `depth`)."""

    kind: str  # "heading", "para" or "item"
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # a heading's level
    ordered: bool = False  # an item of a numbered list
    depth: int = 0  # 0: a top-level list item, 1: nested once, ...


def blocks(text: str) -> list[Block]:
    """The Markdown `text` as headings, paragraphs and list items with emphasised runs."""
    found: list[Block] = []
    lists: list[bool] = []  # the open lists, innermost last: ordered or not
    pending: Block | None = None
    for token in parser().parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.type == "ordered_list_open")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "heading_open":
            pending = Block("heading", level=int(token.tag[1:]))
        elif token.type == "paragraph_open":
            in_list = bool(lists)
            pending = Block(
                "item" if in_list else "para",
                ordered=lists[-1] if in_list else False,
                depth=len(lists) - 1 if in_list else 0,
            )
        elif token.type == "inline" and pending is not None:
            pending.runs = runs(token.children or [])
            found.append(pending)
            pending = None
    return found


def runs(children: list[Token]) -> list[Run]:
    """The inline tokens of one block as runs of text with their emphasis."""
    out: list[Run] = []
    bold = italic = 0
    for child in children:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "em_open":
            italic += 1
        elif child.type == "em_close":
            italic -= 1
        elif child.type in ("softbreak", "hardbreak"):
            out.append(Run("\n"))
        elif child.content:
            out.append(Run(child.content, bold=bold > 0, italic=italic > 0))
    return out
