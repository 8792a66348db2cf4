"""Output for people (plain text) and machines (--json); the one place errors become exit codes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import typer
from typer.core import TyperGroup

from escalation.domain.errors import EscalationError

_WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


# Typer vendors its own click, whose UsageError it does not export; BadParameter derives from it.
_USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]


class EscalationGroup(TyperGroup):
    """Turns an EscalationError anywhere below into one plain sentence on stderr, exit code 1.

    Typer's and Click's own words (usage errors, help headings) speak the reader's language.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:  # click's signature, untyped in typer
        from escalation import typer_i18n

        typer_i18n.install()
        return super().main(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:  # typer vendors click; its Context type is private
        try:
            return super().invoke(ctx)
        except EscalationError as err:
            typer.echo(f"Error: {err}", err=True)
            raise typer.Exit(1) from None
        except _USAGE_ERROR as err:
            _explain_missing(err)
            raise


def _explain_missing(err: Exception) -> None:
    """A missing argument's message says what it looks like: its help carries an example."""
    if type(err).__name__ != "MissingParameter":
        return
    example = getattr(getattr(err, "param", None), "help", None)
    if example and not getattr(err, "message", ""):
        err.message = example  # type: ignore[attr-defined]


def echo_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def _default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def day(d: date | None) -> str:
    """A date with its Dutch weekday abbreviation: '2025-04-30 (wo)'."""
    return "-" if d is None else f"{d.isoformat()} ({_WEEKDAYS[d.weekday()]})"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    if not rows:
        typer.echo("(none)")
        return
    cells = [[str(c) if c is not None else "-" for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    typer.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def parse_sets(values: Sequence[str] | None) -> dict[str, str]:
    """NAME=VALUE pairs from repeated --set options; a malformed one is a usage error (exit 2)."""
    pairs: dict[str, str] = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"'{item}' is not NAME=VALUE.", param_hint="--set")
        pairs[name.strip()] = value.strip()
    return pairs
