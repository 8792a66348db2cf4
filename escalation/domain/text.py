"""Text people type and escalation stores: no control characters, a sane length.

Two rules (docs/decisions.md, "Input"):

* a name or other one-line text (a provider's name, an alias, a title, a handler, who acts)
  is stripped of surrounding spaces and refused when it holds any control character;
* a longer text (a reason, a text parameter, a letter's field) keeps its line breaks, written
  as \\n (a \\r\\n or \\r from Windows or an old Mac becomes \\n); any other control character,
  a tab included, is refused.

A control character here is one of Unicode's control codes (C0, DEL, C1: line breaks, tabs,
the ESC of ANSI sequences), a line or paragraph separator, a bidirectional formatting mark
(LRM, RLM, ALM, the embeddings, overrides and isolates of U+202A-U+202E, U+2066-U+2069) or a
lone surrogate (what Python makes of bytes that are not UTF-8). Such characters change what a
terminal, a letter or a mail header shows without being visible themselves.
"""

from __future__ import annotations

import unicodedata

from escalation.domain.errors import InvalidInputError
from escalation.i18n import N_, _

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})

# Labels of the fields, with their article: "... is not allowed in {field}".
PROVIDER_NAME = N_("the provider's name")
ALIAS = N_("the alias")
KVK = N_("the KvK number")
ADDRESS = N_("the postal address")
SIGNATORY = N_("the signatory setting")
TITLE = N_("the title")
HANDLER = N_("the handler")
ACTOR = N_("who acts (--by)")
REASON = N_("the reason")
TEXT = N_("the text")


def is_control(char: str) -> bool:
    """Whether `char` is a control character in the sense of this module."""
    return char in _BIDI or unicodedata.category(char) in _CATEGORIES


def codepoint(char: str) -> str:
    """'U+001B': how a message names an invisible character."""
    return f"U+{ord(char):04X}"


def shorten(text: str, limit: int = 40) -> str:
    """`text` as a message echoes it: at most `limit` characters, then '…'."""
    return text if len(text) <= limit else f"{text[:limit]}…"


def one_line(value: str, *, field: str, limit: int) -> str:
    """A name: stripped of surrounding spaces; refused when empty, too long or holding a
    control character (a line break included).

    `field` is a label marked with N_ (e.g. PROVIDER_NAME), translated here.

    Raises:
        InvalidInputError: one sentence naming the field and the fault.
    """
    refuse_controls(value, field=field, allowed="")
    cleaned = value.strip()
    if not cleaned:
        raise InvalidInputError(_("Nothing was given for {field}.").format(field=_(field)))
    return _refuse_long(cleaned, field=field, limit=limit)


def optional_line(value: str | None, *, field: str, limit: int) -> str | None:
    """`one_line` for a field that may be left out: None or blank text is None."""
    if value is None or not value.strip():
        return None
    return one_line(value, field=field, limit=limit)


def multi_line(value: str, *, field: str, limit: int) -> str:
    """A longer text: line breaks become \\n and are kept, surrounding space is stripped;
    any other control character, or more than `limit` characters, is refused.

    Raises:
        InvalidInputError: one sentence naming the field and the fault.
    """
    cleaned = value.replace("\r\n", "\n").replace("\r", "\n")
    refuse_controls(cleaned, field=field, allowed="\n")
    return _refuse_long(cleaned.strip(), field=field, limit=limit)


def refuse_controls(value: str, *, field: str, allowed: str = "") -> None:
    """Refuse `value` when it holds a control character other than those in `allowed`."""
    found = next((c for c in value if is_control(c) and c not in allowed), None)
    if found is None:
        return
    if found in "\n\r":
        message = _("A line break is not allowed in {field}; write it on one line.")
    else:
        message = _(
            "A control character ({char}) is not allowed in {field}; type the text without it."
        )
    raise InvalidInputError(message.format(char=codepoint(found), field=_(field)))


def _refuse_long(value: str, *, field: str, limit: int) -> str:
    if len(value) <= limit:
        return value
    raise InvalidInputError(
        _("Too long: {field} has {length} characters; at most {limit} are kept.").format(
            field=_(field), length=len(value), limit=limit
        )
    )
