"""Paging options and streamed JSON for the list commands (`case list`, ...).

A list shows a page (`--limit`, default 50) after a cursor (`--after`: the last id of the
previous page), or every row (`--all`). `--json` writes one JSON array as the rows are read (the
same document `echo_json` would print for the page); `--jsonl` one object a line. How many rows
follow a page goes to standard error in the JSON forms, so the document stays valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Annotated, TypeVar

import typer

from escalation.cli.output import echo, json_text
from escalation.domain.limits import MAX_ID
from escalation.domain.text import is_control
from escalation.i18n import N_, _

T = TypeVar("T")

LimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=1, max=100_000, help=N_("Rows on a page (default 50).")),
]
AfterOption = Annotated[
    int | None,
    typer.Option(
        "--after", min=0, max=MAX_ID, metavar="CURSOR",
        help=N_("Start after this id: the cursor the previous page printed."),
    ),
]  # fmt: skip
KeyAfterOption = Annotated[
    str | None,
    typer.Option(
        "--after", metavar="CURSOR",
        help=N_("Start after this cursor (DAY:ID): the one the previous page printed."),
    ),
]  # fmt: skip
AllOption = Annotated[bool, typer.Option("--all", help=N_("Every row, not one page."))]
JsonlOption = Annotated[
    bool, typer.Option("--jsonl", help=N_("One JSON object a line (for scripts), streamed."))
]


def page_limit(limit: int | None, every: bool, default: int) -> int | None:
    """The number of rows to show (None: all).

    Raises:
        typer.BadParameter: --all and --limit together.
    """
    if every and limit is not None:
        raise typer.BadParameter(_("give --limit or --all, not both."), param_hint="--limit")
    return None if every else (limit or default)


def day_cursor(text: str | None) -> tuple[date, int] | None:
    """The keyset cursor `2025-03-01:1234` (a day and an id) of `--after`, or None.

    Raises:
        typer.BadParameter: not a cursor a page printed.
    """
    if text is None:
        return None
    day_text, _sep, id_text = text.partition(":")
    try:
        cursor = (date.fromisoformat(day_text), int(id_text))
    except ValueError:
        cursor = None
    if cursor is None or not 0 <= cursor[1] <= MAX_ID:
        raise typer.BadParameter(
            _("{cursor} is not a cursor of this list; give the one the previous page printed "
              "(e.g. 2025-03-01:1234).").format(cursor=text),
            param_hint="--after",
        )  # fmt: skip
    return cursor


def day_key(day: date, id_: int) -> str:
    """The cursor `day_cursor` reads back."""
    return f"{day.isoformat()}:{id_}"


class Tracked(Iterator[T]):
    """Rows passed on as they come, remembering how many and the last one."""

    def __init__(self, rows: Iterable[T]) -> None:
        self._rows = iter(rows)
        self.count = 0
        self.last: T | None = None

    def __next__(self) -> T:
        row = next(self._rows)
        self.count += 1
        self.last = row
        return row


def stream_json(objects: Iterable[object]) -> None:
    """The JSON array of `objects` (indented as `echo_json`), written as each one comes."""
    first = True
    for obj in objects:
        body = json_text(obj).replace("\n", "\n  ")
        typer.echo(("[\n  " if first else ",\n  ") + body, nl=False)
        first = False
    typer.echo("[]" if first else "\n]")


def stream_jsonl(objects: Iterable[object]) -> None:
    """One JSON object a line, written as each one comes."""
    for obj in objects:
        text = json.dumps(obj, ensure_ascii=False, default=_default)
        typer.echo("".join(f"\\u{ord(c):04x}" if is_control(c) else c for c in text))


def _default(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def echo_more(
    message: str,
    remaining: Callable[[], int],
    page: tuple[int, int | None, object],
    *,
    err: bool,
) -> None:
    """`message` ('… 99950 more cases; next page: --after 50', not yet translated, with
    {count} and {cursor}) when the page was full and more follow. `page`: how many rows it
    showed, its limit (None: all) and its last cursor."""
    shown, limit, cursor = page
    if limit is None or shown < limit:
        return
    more = remaining()
    if more:
        echo(_(message).format(count=more, cursor=cursor), err=err)
