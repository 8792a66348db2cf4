"""The Dutch catalog is complete: every message of escalation/ has a Dutch translation that
keeps its {placeholders}, and no message is built before it is translated.

The messages are extracted in-process by Babel with the configuration of pyproject.toml
([tool.babel]), exactly as `pybabel extract -F pyproject.toml` finds them. To fix a failure:
see docs/i18n.md (extract, update, translate).
"""

from __future__ import annotations

import ast
import io
import string
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.pofile import read_po

from escalation import i18n

REPO = Path(__file__).resolve().parents[2]
PO_FILE = REPO / "escalation" / "locale" / "nl" / "LC_MESSAGES" / "escalation.po"
MessageId = str | tuple[str, ...] | list[str]


def _mappings() -> list[dict[str, Any]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["babel"]
    mappings: list[dict[str, Any]] = config["mappings"]
    return mappings


def _keywords(mapping: dict[str, Any]) -> dict[str, Any]:
    # Passed explicitly: Babel merges a mapping's own keywords only from version 2.18 on.
    return {**DEFAULT_KEYWORDS, **parse_keywords(mapping["keywords"])}


@cache
def _extracted() -> dict[MessageId, list[str]]:
    """Every message id of escalation/ with the places it occurs ('path:line')."""
    found: dict[MessageId, list[str]] = {}
    for mapping in _mappings():
        method_map = [(mapping["pattern"], mapping["method"])]
        for path, line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map, keywords=_keywords(mapping)
        ):
            found.setdefault(message, []).append(f"{path}:{line}")
    return found


@cache
def _dutch() -> Catalog:
    with PO_FILE.open("rb") as po_file:
        return read_po(po_file, locale="nl", domain=i18n.DOMAIN)


def _forms(value: MessageId | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _placeholders(text: str) -> set[str]:
    """The {fields} of a format string ('' for a positional {}), with conversion and spec."""
    return {
        f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    }


def test_the_extraction_covers_the_package_and_each_way_a_message_is_marked() -> None:
    (mapping,) = _mappings()
    source = b"""_("now"); N_("constant"); ngettext("one", "many", n); Msg("stored {day}", {})"""

    found = [m for _line, m, _c, _ctx in extract("python", io.BytesIO(source), _keywords(mapping))]

    assert found == ["now", "constant", ("one", "many"), "stored {day}"]
    assert any(p.startswith("escalation/i18n.py:") for ps in _extracted().values() for p in ps)


def test_every_message_has_a_dutch_translation() -> None:
    untranslated = []
    for msgid, places in _extracted().items():
        message = _dutch().get(msgid)
        if message is None or message.fuzzy or not all(_forms(message.string)):
            state = "missing" if message is None else "fuzzy" if message.fuzzy else "empty"
            untranslated.append(f"{msgid!r} ({state}; {', '.join(places)})")

    assert not untranslated, "No Dutch translation (see docs/i18n.md):\n" + "\n".join(untranslated)


def test_every_translation_keeps_the_placeholders_of_its_message() -> None:
    wrong = [f"{m.id!r} -> {m.string!r}: {problem}" for m, problem in _placeholder_problems()]

    assert not wrong, "Translations whose {placeholders} differ:\n" + "\n".join(wrong)


def _placeholder_problems() -> Iterator[tuple[Message, str]]:
    for message in _dutch():
        if not message.id or not any(_forms(message.string)):
            continue
        try:
            wanted = set().union(*map(_placeholders, _forms(message.id)))
            shown = [_placeholders(form) for form in _forms(message.string)]
        except ValueError as err:  # a lone brace: str.format would raise at run time
            yield message, str(err)
            continue
        if isinstance(message.id, str) and shown[0] != wanted:
            yield message, f"{sorted(shown[0])} instead of {sorted(wanted)}"
        elif not all(form <= wanted for form in shown) or set().union(*shown) != wanted:
            yield message, f"plural forms use {shown}, the message {sorted(wanted)}"


def test_no_translation_is_left_without_its_message() -> None:
    stale = [repr(m.id) for m in _dutch() if m.id and m.id not in _extracted()]

    assert not stale, (
        "Translated messages that are no longer in the code; run pybabel update "
        "(docs/i18n.md):\n" + "\n".join(stale)
    )


def test_no_message_is_built_before_it_is_translated() -> None:
    built = [
        f"{path.relative_to(REPO)}:{call.lineno}: {ast.unparse(call)[:80]}"
        for path, call in _marked_calls()
        if call.args and _is_built(call.args[0])
    ]

    assert not built, (
        "Pass the English text itself with named {placeholders} and .format() after "
        "translation:\n" + "\n".join(built)
    )


def _marked_calls() -> Iterator[tuple[Path, ast.Call]]:
    names = {"_", "N_", "ngettext", "Msg"}
    for path in sorted((REPO / "escalation").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in names:
                yield path, node


def _is_built(arg: ast.expr) -> bool:
    """An f-string, a concatenation or %-format, or a str.format() call."""
    if isinstance(arg, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(arg, ast.Call) and getattr(arg.func, "attr", None) == "format"


def test_the_compiled_dutch_catalog_is_current() -> None:
    mo_file = PO_FILE.with_suffix(".mo")
    loaded = i18n.load_catalog("nl", i18n.LOCALE_DIR)
    msgid, dutch = next(
        (m.id, m.string) for m in _dutch() if isinstance(m.id, str) and m.id and m.string
    )

    assert mo_file.stat().st_mtime >= PO_FILE.stat().st_mtime
    assert loaded.gettext(msgid) == dutch
