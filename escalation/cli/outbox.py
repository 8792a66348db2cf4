"""The reminder outbox: `reminders` and `incidents`, a page at a time with what was left out."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli import paging
from escalation.cli.labels import reminder_label
from escalation.cli.output import CaseOption, JsonOption, day, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.domain.limits import MAX_ID
from escalation.formatting import count
from escalation.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from collections.abc import Iterable

    from escalation.domain.reminders import ReminderView
    from escalation.services.watch_queries import ReminderPage

LimitOption = Annotated[
    int, typer.Option("--limit", min=1, max=MAX_ID, help=N_("Show at most this many rows."))
]
DEFAULT_LIMIT = 1000
# `reminders --limit`: a page (default 50); as large as an id may be, as before paging
PageOption = Annotated[
    int | None,
    typer.Option("--limit", min=1, max=MAX_ID, help=N_("Rows on a page (default 50).")),
]


def register(app: typer.Typer) -> None:
    app.command(
        "reminders",
        help=N_(
            "The reminder outbox: every reminder claimed, with its mail status; a page of 50 "
            "(--limit, --after), or --all."
        ),
    )(reminders)
    app.command(
        "incidents",
        help=N_(
            "Reminders that could not be sent, or whose run stopped while sending; each is "
            "retried on the next run."
        ),
    )(incidents)


# TRANSLATORS: after a page of `reminders`; {cursor} is the last reminder shown (day:id)
MORE = N_("… {count} more reminders; next page: --after {cursor}")


def reminders(
    ctx: typer.Context,
    case: CaseOption = None,
    status: Annotated[
        str | None,
        typer.Option(
            help=N_(
                "Only this status: pending, sending, sent, failed, superseded or dropped "
                "(in English)."
            )
        ),
    ] = None,
    limit: PageOption = None,
    after: paging.KeyAfterOption = None,
    every: paging.AllOption = False,
    json: JsonOption = False,
    jsonl: paging.JsonlOption = False,
) -> None:
    from escalation.services.list_facade import DEFAULT_LIMIT

    shown, cursor = paging.page_limit(limit, every, DEFAULT_LIMIT), paging.day_cursor(after)
    lists = get_app(ctx).lists
    rows = paging.Tracked(lists.reminders(case_id=case, status=status, after=cursor, limit=shown))
    if json or jsonl:
        (paging.stream_jsonl if jsonl else paging.stream_json)(asdict(r) for r in rows)
    else:
        _table(rows)
    last = cursor if rows.last is None else (rows.last.planned_on, rows.last.id)
    remaining = lambda: lists.reminders_after(case_id=case, status=status, after=last)  # noqa: E731
    text = None if last is None else paging.day_key(*last)
    paging.echo_more(MORE, remaining, (rows.count, shown, text), err=json or jsonl)


def incidents(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help=N_("Include resolved incidents."))] = False,
    limit: LimitOption = DEFAULT_LIMIT,
    json: JsonOption = False,
) -> None:
    page = get_app(ctx).watch.incidents(include_resolved=all_, limit=limit)
    _print(page, json=json)
    if page.more:
        _left_out(
            ngettext(
                "{count} more incident not shown; `--limit N` shows more.",
                "{count} more incidents not shown; `--limit N` shows more.",
                page.more,
            ).format(count=count(page.more)),
            json=json,
        )


def _left_out(message: str, *, json: bool) -> None:
    """After a table, a line of its own; after JSON on stderr, so that stdout stays JSON."""
    echo(message, err=json)


def _print(page: ReminderPage, *, json: bool) -> None:
    if json:
        echo_json([asdict(r) for r in page.rows])
    else:
        _table(page.rows, errors=True)


def _table(rows: Iterable[ReminderView], *, errors: bool = False) -> None:
    headers = (N_("ID"), N_("PLANNED"), N_("CASE"), N_("KIND"), N_("DUE"), N_("STATUS"))
    shown = [*map(_, headers), _("TO"), _("TRIES")]
    table(
        [*shown, _("ERROR")] if errors else shown,
        [
            (r.id, day(r.planned_on), r.case_id, r.kind, day(r.due), reminder_label(r.status),
             r.recipient or r.handler, r.attempts, *([r.last_error] if errors else []))
            for r in rows
        ],
    )  # fmt: skip
