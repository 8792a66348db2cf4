"""Messages in the reader's language: Dutch by default, English on request (stdlib gettext).

A message id is the English text; the Dutch catalog (``escalation/locale``) translates it, and
English needs no catalog. Placeholders are named:
``_("Case {case} is in '{state}'").format(case=case_id, state=state)``.

- ``_`` and ``ngettext`` translate now, into the current language.
- ``N_`` only marks a module-level constant for extraction; translate it with ``_`` where shown.
- ``Msg`` is a message stored now (in the database) and rendered later, in the language of
  whoever reads it then. Old rows hold plain strings, so everything that takes a ``Msg`` takes
  a ``Text`` (``Msg | str``) and shows it with ``render``.

The language is one setting for the whole process (threads included): ``ESCALATION_LANG`` if it
names a language we speak, else Dutch, until ``set_language`` says otherwise.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TypeAlias

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
SOURCE_LANGUAGE = "en"  # the language of the message ids: needs no catalog
ENV_VAR = "ESCALATION_LANG"
DOMAIN = "escalation"
LOCALE_DIR = Path(__file__).with_name("locale")


class _State:
    """The process's language (None until first asked) and the catalogs loaded so far."""

    __slots__ = ("catalogs", "language")

    def __init__(self) -> None:  # a plain class: a dataclass here costs start-up time
        self.language: str | None = None
        self.catalogs: dict[str, gettext.NullTranslations] = {}


_STATE = _State()


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it (for module-level constants)."""
    return message


def _(message: str) -> str:
    """`message` (its English text is its id) in the current language."""
    return catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language; format `n` in yourself."""
    return catalog().ngettext(singular, plural, n)


def language() -> str:
    """The current language: 'nl' or 'en'."""
    if _STATE.language is None:
        _STATE.language = _language_from_environment()
    return _STATE.language


def set_language(lang: str | None) -> None:
    """Speak `lang` ('nl', 'en'; 'nl_NL' and 'EN' do too) from now on; None: the default again.

    Raises:
        ValueError: `lang` is not a language we speak.
    """
    _STATE.language = None if lang is None else resolve_language(lang)


def resolve_language(lang: str | None = None) -> str:
    """`lang` as 'nl' or 'en', or the current language when None.

    Raises:
        ValueError: `lang` is not a language we speak.
    """
    if lang is None:
        return language()
    found = _normalise(lang)
    if found is None:
        raise ValueError(
            _("Unknown language '{language}'; choose nl (Dutch) or en (English).").format(
                language=lang
            )
        )
    return found


def catalog(lang: str | None = None) -> gettext.NullTranslations:
    """The translations into `lang` (default: the current language), loaded once."""
    lang = resolve_language(lang)
    found = _STATE.catalogs.get(lang)
    if found is None:
        found = load_catalog(lang, LOCALE_DIR)
        _STATE.catalogs[lang] = found
    return found


def load_catalog(lang: str, localedir: Path) -> gettext.NullTranslations:
    """The compiled catalog for `lang` under `localedir`; English when it is missing or broken.

    A missing catalog is logged once as a warning (no traceback): the program still works,
    in English.
    """
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = localedir / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as mo_file:
            return gettext.GNUTranslations(mo_file)
    except (OSError, ValueError) as err:  # missing, unreadable, or not a .mo file
        _warn_no_catalog(lang, path, err)
        return gettext.NullTranslations()


def _warn_no_catalog(lang: str, path: Path, err: Exception) -> None:
    import logging  # only on this rare path: keeps `import escalation.i18n` cheap

    # Necessarily English: it is the Dutch catalog that is missing.
    logging.getLogger(__name__).warning(
        "The messages for language '%s' are not installed (%s: %s); showing English. "
        "Reinstall escalation, or in a checkout run: "
        "pybabel compile -d escalation/locale -D escalation",
        lang,
        path,
        getattr(err, "strerror", None) or err,
    )


def _normalise(lang: str) -> str | None:
    """'nl', 'nl_NL', 'nl-BE', 'NL', 'en_GB.UTF-8' → 'nl' / 'en'; anything else → None."""
    base = lang.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return base if base in LANGUAGES else None


def _language_from_environment() -> str:
    value = os.environ.get(ENV_VAR, "")
    found = _normalise(value) if value.strip() else DEFAULT_LANGUAGE
    if found is not None:
        return found
    _STATE.language = DEFAULT_LANGUAGE  # so that the warning itself is in the default language
    import logging

    logging.getLogger(__name__).warning(
        _("{variable}={value} is not a language escalation speaks (nl, en); using Dutch.").format(
            variable=ENV_VAR, value=value
        )
    )
    return DEFAULT_LANGUAGE


# --- stored messages -------------------------------------------------------------------------

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
        from escalation import formatting  # Babel loads only when a date is shown

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
