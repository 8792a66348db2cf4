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
from pathlib import Path

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
