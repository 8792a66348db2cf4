"""Texts kept now and shown later, in the language of whoever reads them then.

The explanation of a computed deadline is stored with the case and copied into decisions long
after it was computed, by readers of either language: it is kept as a `Msg` (an English message
id and its arguments), not as a string. Old rows hold plain strings, so a stored text is a
`Text` (`Msg | str`) and is shown with `render`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeAlias

from escalation import formatting
from escalation.i18n import catalog, resolve_language

Arg: TypeAlias = "str | int | date | Msg"


@dataclass(frozen=True, slots=True)
class Msg:
    """A message kept now and shown later, in the language of whoever reads it then.

    `id` is the English text with named placeholders, `args` their values. Dates are shown as
    long dates of the reader's language ('{day}': 'vrijdag 31 januari 2025'; '{day:date}':
    '31 januari 2025', '{day:month}': 'januari 2025', '{day:weekday}': 'vrijdag'); a nested
    Msg is rendered in the same language. Store it with `to_json`, read it back with `from_json`.

    >>> Msg("Atw art. 1: extended to {day}.", {"day": date(2025, 1, 31)}).render("en")
    'Atw art. 1: extended to Friday 31 January 2025.'
    """

    id: str
    args: Mapping[str, Arg] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, value in self.args.items():
            _check_arg(name, value)
        object.__setattr__(self, "args", dict(self.args))  # a copy: frozen means frozen

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted(self.args.items()))))

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        """The text in `lang` (default: the current language)."""
        lang = resolve_language(lang)
        return _format(catalog(lang).gettext(self.id), self.args, lang, fallback=self.id)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict; dates as {"date": "YYYY-MM-DD"}, nested messages as {"msg": ...}."""
        if not self.args:
            return {"id": self.id}
        return {"id": self.id, "args": {k: _arg_to_json(v) for k, v in self.args.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Msg:
        """The Msg that `to_json` wrote.

        Raises:
            ValueError: `data` is not a stored message.
        """
        msg_id, args = data.get("id"), data.get("args", {})
        if not isinstance(msg_id, str) or not isinstance(args, Mapping):
            raise ValueError(f"not a stored message: {data!r}")
        return cls(msg_id, {str(k): _arg_from_json(v) for k, v in args.items()})


Text: TypeAlias = "Msg | str"


def render(text: Text, lang: str | None = None) -> str:
    """A Msg in `lang` (default: the current language); a plain (old) string as it is."""
    return text.render(lang) if isinstance(text, Msg) else text


def text_to_json(text: Text) -> str | dict[str, object]:
    """What to store for `text`: a plain string stays a string."""
    return text.to_json() if isinstance(text, Msg) else text


def text_from_json(value: object) -> Text:
    """A stored text back: a string (as old rows hold) or a Msg.

    Raises:
        ValueError: `value` is neither.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return Msg.from_json(value)
    raise ValueError(f"not a stored text: {value!r}")


def _check_arg(name: str, value: object) -> None:
    if not name.isidentifier():
        raise TypeError(f"message argument name {name!r} is not an identifier")
    if isinstance(value, bool | datetime) or not isinstance(value, str | int | date | Msg):
        # bool would print as True/False, datetime would lose its time in storage.
        raise TypeError(f"message argument {name}={value!r}: use str, int, date or Msg")


def _render_arg(value: Arg, spec: str, lang: str) -> str:
    if isinstance(value, Msg):
        return format(value.render(lang), spec)
    if isinstance(value, date):
        shown = {
            "": formatting.long_day,
            "date": formatting.long_date,
            "month": formatting.month_year,
            "weekday": formatting.weekday,
        }
        if spec not in shown:
            raise ValueError(f"unknown date format {spec!r}")
        return shown[spec](value, lang)
    return format(value, spec)


def _arg_to_json(value: Arg) -> object:
    if isinstance(value, Msg):
        return {"msg": value.to_json()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _arg_from_json(value: object) -> Arg:
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, Mapping) and isinstance(value.get("date"), str):
        return date.fromisoformat(value["date"])
    if isinstance(value, Mapping) and isinstance(value.get("msg"), Mapping):
        return Msg.from_json(value["msg"])
    raise ValueError(f"not a stored message argument: {value!r}")


class _Shown:
    """An argument that formats itself in one language: `{day}`, `{day:month}`, `{n:>3}`."""

    __slots__ = ("lang", "value")

    def __init__(self, value: Arg, lang: str) -> None:
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        return _render_arg(self.value, spec, self.lang)


class _KeepMissing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, args: Mapping[str, Arg], lang: str, *, fallback: str) -> str:
    """`template` filled in; a stored message must always show, so a bad template never raises."""
    values = _KeepMissing({name: _Shown(value, lang) for name, value in args.items()})
    for text in (template, fallback):
        try:
            return text.format_map(values)
        except (ValueError, IndexError, AttributeError, KeyError, TypeError):
            continue
    return fallback
