"""The small Markdown subset letters are written in: headings, paragraphs, bullet lists.

Only line-level structure is read; there is no inline markup, so nothing inside a value (a
provider's name, a dictum) can turn into HTML or Word formatting: text stays text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(slots=True)
class Block:
    kind: str  # "heading2", "heading3", "para" or "list"
    lines: list[str] = field(default_factory=list)


def parse(text: str) -> list[Block]:
    """Blocks separated by blank lines; '## ' and '### ' headings; '- ' bullet items."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        heading = _heading(line)
        if heading is not None:
            blocks.append(heading)
            current = None
        elif line.lstrip().startswith(("- ", "* ")):
            if current is None or current.kind != "list":
                current = Block("list")
                blocks.append(current)
            current.lines.append(line.lstrip()[2:].strip())
        elif current is not None and current.kind == "list" and raw.startswith("  "):
            current.lines[-1] += " " + line.strip()
        else:
            if current is None or current.kind != "para":
                current = Block("para")
                blocks.append(current)
            current.lines.append(line.strip())
    return blocks


def _heading(line: str) -> Block | None:
    for marker, kind in (("### ", "heading3"), ("## ", "heading2"), ("# ", "heading2")):
        if line.startswith(marker):
            return Block(kind, [line[len(marker) :].strip()])
    return None


def to_html(blocks: list[Block]) -> str:
    """HTML of the blocks; every piece of text is escaped."""
    out: list[str] = []
    for block in blocks:
        escaped = [html.escape(line) for line in block.lines]
        if block.kind == "heading2":
            out.append(f"<h2>{escaped[0]}</h2>")
        elif block.kind == "heading3":
            out.append(f"<h3>{escaped[0]}</h3>")
        elif block.kind == "list":
            items = "".join(f"<li>{item}</li>" for item in escaped)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append(f"<p>{'<br>'.join(escaped)}</p>")
    return "\n".join(out)
