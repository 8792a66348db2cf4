"""Typer's and Click's own words (usage errors, help headings) in the reader's language.

Typer 0.29 vendors Click (`typer._click`) without Click's gettext calls, so there is no catalog
to point it at. `install()` wraps the few places where those words are made; each wrapper asks
escalation.i18n for the current language when it runs. It translates Typer's own gettext calls
(`typer.core._`), the panel titles and hints of `typer.rich_utils` (set just before each help
page or error; that module loads only then), "Usage: ", the usage errors vendored Click builds
with f-strings (`translate_error` matches them against the English templates below), and every
help text that the catalog holds (the help option's, and `help=N_("...")` of our commands).

Limits: with Typer's rich output off (TYPER_USE_RICH=0), Click's "Error:" prefix and its "Try
'... --help' for help." stay English; so do messages not listed below (most of pydantic's
validation texts, prompts) and a docstring used as help.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

import typer.core
from typer._click import exceptions, formatting  # private: tests/unit/test_typer_i18n.py pins it

from escalation.i18n import N_, _, language

if TYPE_CHECKING:
    from importlib.abc import Loader
else:
    Loader = object  # importlib.abc imports importlib.resources: ~4 ms of start-up for a base

RICH_UTILS = "typer.rich_utils"
USAGE_PREFIX = N_("Usage: ")

# Help texts of the options Typer and Click add themselves (translated like any other help).
OPTION_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

# The messages typer.core passes to gettext (a test checks this list against Typer's source).
TYPER_MESSAGES = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Aborted!"),
)

# typer.rich_utils' module constants and their message ids (Typer's own English text).
RICH_CONSTANTS = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}

# The usage errors vendored Click and Typer build as plain English text. A {field} matches any
# text, which is translated in turn (so "Invalid value for '--n': <pydantic's text>" works).
ERROR_TEMPLATES = (
    N_("Missing argument {name}."),
    N_("Missing argument {name}. {details}"),
    N_("Missing option {name}."),
    N_("Missing option {name}. {details}"),
    N_("Missing parameter {name}."),
    N_("Missing parameter {name}. {details}"),
    N_("Choose from:\n\t{choices}"),
    N_("Invalid value for {name}: {reason}"),
    N_("Invalid value: {reason}"),
    N_("No such option: {option}"),
    N_("No such option: {option} (Possible options: {options})"),
    N_("{message}. Did you mean {suggestions}?"),
    N_("Option {option} does not take a value."),
    N_("Option {option} requires an argument."),
    N_("Option {option} requires {count} arguments."),
    N_("Argument {name} takes {count} values."),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Could not open file {name}: {reason}"),
    N_("{kind} {name} does not exist."),
    N_("{kind} {name} is a file."),
    N_("{kind} {name} is a directory."),
    N_("{kind} {name} is not readable."),
    N_("{kind} {name} is not writable."),
    N_("file"),
    N_("dir"),
    N_("path"),
    N_("Value {value} is not a valid {kind}."),
    N_("Value error, {reason}"),
    N_("{value} is not one of {choices}."),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be less than or equal to {limit}"),
    N_("Input should be greater than or equal to {limit}"),
)

_FIELD = re.compile(r"\{(\w+)(?:![rsa])?\}")


def translate_error(text: str) -> str:
    """A usage error's English text in the current language (unchanged when not known)."""
    if language() == "en":
        return text
    for pattern, template in _error_patterns():
        match = pattern.fullmatch(text)
        if match:
            fields = {name: translate_error(value) for name, value in match.groupdict().items()}
            return _(template).format(**fields)
    return text


@cache
def _error_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each template as a regular expression, the most specific (most literal text) first."""
    ordered = sorted(ERROR_TEMPLATES, key=lambda t: len(_FIELD.sub("", t)), reverse=True)
    return tuple((_as_pattern(template), template) for template in ordered)


def _as_pattern(template: str) -> re.Pattern[str]:
    parts, end = [], 0
    for field in _FIELD.finditer(template):
        parts += [re.escape(template[end : field.start()]), f"(?P<{field[1]}>.+?)"]
        end = field.end()
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts), re.DOTALL)


# --- installing the wrappers ----------------------------------------------------------------


class _Patch(NamedTuple):
    owner: object
    name: str
    original: object
    inherited: bool = False  # the owner had no attribute of its own: delete ours on uninstall


_PATCHES: list[_Patch] = []  # what install() replaced, so that uninstall() can put it back


def install() -> None:
    """Make Typer and its Click speak the current language of escalation.i18n (idempotent)."""
    if _PATCHES:
        return
    _replace(typer.core, "_", _)
    formatter = formatting.HelpFormatter
    _replace(formatter, "write_usage", _translated_usage(formatter.write_usage))
    for command_class in (typer.core.TyperCommand, typer.core.TyperGroup):
        _replace(command_class, "format_help", _translated_help(command_class.format_help))
    for error_class in _error_classes():
        _replace(error_class, "format_message", _translated(error_class.format_message))
    rich_utils = sys.modules.get(RICH_UTILS)
    if rich_utils is not None:
        _wrap_rich_utils(rich_utils)
    else:
        finder = _RichUtilsFinder()
        sys.meta_path.insert(0, finder)
        _PATCHES.append(_Patch(sys.meta_path, "", finder))


def uninstall() -> None:
    """Put back everything `install()` replaced (Typer speaks English again)."""
    while _PATCHES:
        patch = _PATCHES.pop()
        if patch.owner is sys.meta_path:
            if patch.original in sys.meta_path:
                sys.meta_path.remove(patch.original)
        elif patch.inherited:
            delattr(patch.owner, patch.name)
        else:
            setattr(patch.owner, patch.name, patch.original)
    rich_utils = sys.modules.get(RICH_UTILS)
    if rich_utils is not None:
        for name, message in RICH_CONSTANTS.items():
            setattr(rich_utils, name, message)


def _replace(owner: object, name: str, new: object) -> None:
    inherited = isinstance(owner, type) and name not in vars(owner)
    _PATCHES.append(_Patch(owner, name, getattr(owner, name), inherited))
    setattr(owner, name, new)


def _error_classes() -> tuple[type[exceptions.ClickException], ...]:
    """ClickException (whose format_message Typer's base class defines) and the subclasses that
    define their own."""
    return (
        exceptions.ClickException,
        exceptions.BadParameter,
        exceptions.MissingParameter,
        exceptions.NoSuchOption,
        exceptions.FileError,
    )


def _translated(format_message: Callable[[Any], str]) -> Callable[[Any], str]:
    def translated_message(self: Any) -> str:
        return translate_error(format_message(self))

    return translated_message


def _translated_usage(write_usage: Callable[..., None]) -> Callable[..., None]:
    def write_translated_usage(
        self: Any, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        write_usage(self, prog, args, _(USAGE_PREFIX) if prefix is None else prefix)

    return write_translated_usage


def _translated_help(format_help: Callable[[Any, Any, Any], None]) -> Callable[..., None]:
    def format_translated_help(self: Any, ctx: Any, formatter: Any) -> None:
        with _help_texts_translated(self, ctx):
            format_help(self, ctx, formatter)

    return format_translated_help


@contextmanager
def _help_texts_translated(command: Any, ctx: Any) -> Iterator[None]:
    """Each help text of `command`, its options and subcommands in the current language,
    for as long as one help page is written (then the English ids are back)."""
    saved: list[tuple[object, str, str]] = []
    for owner, name in _help_fields(command, ctx):
        text = getattr(owner, name, None)
        translated = _(text) if isinstance(text, str) and text else text
        if isinstance(text, str) and translated != text:
            saved.append((owner, name, text))
            setattr(owner, name, translated)
    try:
        yield
    finally:
        for owner, name, text in reversed(saved):
            setattr(owner, name, text)


def _help_fields(command: Any, ctx: Any) -> Iterator[tuple[object, str]]:
    yield from ((command, name) for name in ("help", "short_help", "epilog"))
    params: Sequence[Any] = command.get_params(ctx)
    yield from ((param, "help") for param in params)
    for sub in getattr(command, "commands", {}).values():
        yield from ((sub, name) for name in ("help", "short_help"))


# --- typer.rich_utils: loaded on demand, so wrapped when it loads -----------------------------


def _wrap_rich_utils(module: ModuleType) -> None:
    for name in ("rich_format_help", "rich_format_error", "rich_abort_error"):
        _replace(module, name, _speaking(module, getattr(module, name)))


def _speaking(module: ModuleType, function: Callable[..., Any]) -> Callable[..., Any]:
    def in_current_language(*args: Any, **kwargs: Any) -> Any:
        for name, message in RICH_CONSTANTS.items():
            setattr(module, name, _(message))
        return function(*args, **kwargs)

    return in_current_language


class _RichUtilsFinder:
    """Wraps typer.rich_utils as it is imported (importing it early would cost ~60 ms)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != RICH_UTILS:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _WrappingLoader(spec.loader)
        return spec


class _WrappingLoader(Loader):
    def __init__(self, loader: Loader) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        if _PATCHES:  # still installed
            _wrap_rich_utils(module)

    def __getattr__(self, name: str) -> Any:  # get_source, is_package, ... for tracebacks
        return getattr(self._loader, name)
