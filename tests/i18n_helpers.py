"""Helpers for tests that hold in both languages: expect the text the program shows.

def test_a_missing_term_is_misuse(cli, lang):      # `lang`: tests/i18n_plugin.py
    result = cli("term", "2025-01-31")
    assert tr("Missing argument {name}.", name="'TERM'") in result.output
"""

from __future__ import annotations

from escalation import i18n


def tr(msgid: str, **fields: object) -> str:
    """`msgid` (the English text) in the current language, its {placeholders} filled in.

    Raises:
        LookupError: `msgid` is not in the Dutch catalog (a typo, or a message that is not
            extracted yet): such a test would otherwise expect English in Dutch, and pass
            only by accident.
    """
    if msgid not in _dutch_ids():
        raise LookupError(f"not a message of the Dutch catalog: {msgid!r}")
    text = i18n._(msgid)
    return text.format(**fields) if fields else text


def _dutch_ids() -> set[str]:
    # GNUTranslations keeps its messages in _catalog: the one way to ask "is this a message?"
    messages: dict[object, str] = getattr(i18n.catalog("nl"), "_catalog", {})
    return {key for key in messages if isinstance(key, str) and key}


class Tr:
    """`tr(msgid, **fields)` made when shown: a needle written at import, read in any language."""

    def __init__(self, msgid: str, **fields: object) -> None:
        self.msgid, self.fields = msgid, fields

    def __str__(self) -> str:
        return tr(self.msgid, **self.fields)

    def __repr__(self) -> str:
        return f"Tr({self.msgid!r})"
