"""Output for people (plain text) and machines (--json); the one place errors become exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from escalation.domain.errors import EscalationError, InvalidInputError
from escalation.domain.limits import MAX_ID, TEXT_LENGTH
from escalation.domain.text import is_control
from escalation.formatting import short_day
from escalation.i18n import N_, _

JsonOption = Annotated[
    bool,
    typer.Option("--json", help=N_("Print one JSON document (for scripts: English, ISO dates).")),
]

OnOption = Annotated[
    str | None,
    typer.Option("--on", help=N_("Effective date, 2025-01-31 or 31-01-2025 (default: today).")),
]
ByOption = Annotated[str | None, typer.Option("--by", help=N_("Who acts (default: you)."))]
SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", help=N_("Parameter NAME=VALUE; repeat for several.")),
]

# A case id as an argument and as a filter: bounded, so that 10**20 is a usage error (exit 2)
# before any query, not an OverflowError from the database driver.
CaseArg = Annotated[
    int,
    typer.Argument(
        metavar="CASE", help=N_("The case id (see `escalation case list`)."), min=1, max=MAX_ID
    ),
]
CaseOption = Annotated[
    int | None, typer.Option("--case", help=N_("Only this case."), min=1, max=MAX_ID)
]


# Typer vendors its own click, whose UsageError it does not export; BadParameter derives from it.
_USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]


class EscalationGroup(TyperGroup):
    """Turns an EscalationError anywhere below into one plain sentence on stderr, exit code 1.

    Typer's and Click's own words (usage errors, help headings) speak the reader's language.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:  # click's signature, untyped in typer
        from escalation import typer_i18n

        typer_i18n.install()
        given = kwargs.get("args", args[0] if args else None)
        _refuse_undecodable(sys.argv[1:] if given is None else list(given))
        return super().main(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:  # typer vendors click; its Context type is private
        try:
            return super().invoke(ctx)
        except EscalationError as err:
            echo(_("Error: {message}").format(message=err), err=True)
            raise typer.Exit(1) from None
        except _USAGE_ERROR as err:
            _explain_missing(err)
            raise


def _refuse_undecodable(argv: Sequence[str]) -> None:
    """An argument that is not UTF-8 text (Python keeps its bytes as lone surrogates) is
    refused before anything runs: exit 2, as for any command line that cannot be read."""
    for arg in argv:
        if any("\udc80" <= c <= "\udcff" for c in arg):
            problem = _(
                "The argument {arg} is not UTF-8 text; set the terminal to UTF-8 and type it again."
            ).format(
                arg=visible(
                    arg.encode("utf-8", "surrogateescape").decode(errors="backslashreplace")
                )
            )
            typer.echo(_("Error: {message}").format(message=problem), err=True)
            raise SystemExit(2)


def _explain_missing(err: Exception) -> None:
    """A missing argument's message says what it looks like: its help carries an example."""
    if type(err).__name__ != "MissingParameter":
        return
    example = getattr(getattr(err, "param", None), "help", None)
    if example and not getattr(err, "message", ""):
        err.message = _(example)  # type: ignore[attr-defined]


def visible(text: str, *, keep: str = "\n\t") -> str:
    """`text` with every control character but those in `keep` written out ('\\x1b',
    '\\u202e'), so that stored text cannot colour, move or reverse what the terminal shows."""
    if not any(is_control(c) and c not in keep for c in text):
        return text
    return "".join(_escaped(c) if is_control(c) and c not in keep else c for c in text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """typer.echo for everything the commands print: control characters made visible."""
    typer.echo(visible(str(message)), err=err, nl=nl)


def echo_json(data: object) -> None:
    """One JSON document; control characters (bidi marks too) as \\u escapes."""
    typer.echo(json_text(data))


def json_text(data: object) -> str:
    """The JSON document echo_json prints."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_default)
    return "".join(f"\\u{ord(c):04x}" if is_control(c) and c != "\n" else c for c in text)


def _default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def day(d: date | None) -> str:
    """A date in a table or a line of text: 'wo 30-04-2025' ('Wed 30-04-2025' in English)."""
    return "-" if d is None else short_day(d)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Columns under `headers` (already translated); '(none)' when there are no rows."""
    if not rows:
        echo(_("(none)"))
        return
    cells = [[visible(str(c), keep="") if c is not None else "-" for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    typer.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def fields(pairs: Sequence[tuple[str, object]], *, indent: str = "") -> None:
    """'Label:  value' lines, the values aligned (labels already translated)."""
    width = max(len(label) for label, _value in pairs) + 2
    for label, value in pairs:
        shown = "-" if value is None else visible(str(value), keep="")
        typer.echo(f"{indent}{label + ':':<{width}}{shown}".rstrip())


def parse_sets(values: Sequence[str] | None, *, option: str = "--set") -> dict[str, str]:
    """NAME=VALUE pairs from repeated --set options; a malformed one is a usage error (exit 2)."""
    pairs: dict[str, str] = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(
                _("'{item}' is not NAME=VALUE.").format(item=visible(item)), param_hint=option
            )
        if name.strip() in pairs:
            raise typer.BadParameter(
                _("{name} is given twice; give each value once.").format(name=visible(name)),
                param_hint=option,
            )
        pairs[name.strip()] = set_value(name.strip(), value)
    return pairs


def set_value(name: str, value: str) -> str:
    """The value of --set NAME=VALUE; NAME=@FILE reads it from a UTF-8 text file (@@ is '@')."""
    if value.startswith("@@") or not value.startswith("@"):
        return (value[1:] if value.startswith("@@") else value).strip()
    path = Path(value[1:]).expanduser()
    from escalation.bootstrap import letter_fields  # an adapter, reached through bootstrap

    try:
        text = letter_fields.read_text_file(path)
    except InvalidInputError as err:
        raise InvalidInputError(
            _("--set {name}=@{path}: {problem}").format(name=name, path=path, problem=err)
        ) from None
    if len(text) > TEXT_LENGTH:
        raise InvalidInputError(
            _(
                "--set {name}=@{path}: the file has {n} characters; a field holds at most "
                "{limit}. Shorten it."
            ).format(name=name, path=path, n=len(text), limit=TEXT_LENGTH)
        )
    return text.strip()
