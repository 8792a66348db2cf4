"""The reminder outbox: `reminders` and `incidents`, a page at a time with what was left out."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.labels import reminder_label
from escalation.cli.output import CaseOption, JsonOption, day, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.domain.limits import MAX_ID
from escalation.formatting import count
from escalation.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from escalation.services.watch_queries import ReminderPage

LimitOption = Annotated[
    int, typer.Option("--limit", min=1, max=MAX_ID, help=N_("Show at most this many rows."))
]
DEFAULT_LIMIT = 1000


def register(app: typer.Typer) -> None:
    app.command(
        "reminders", help=N_("The reminder outbox: every reminder claimed, with its mail status.")
    )(reminders)
    app.command(
        "incidents",
        help=N_(
            "Reminders that could not be sent, or whose run stopped while sending; each is "
            "retried on the next run."
        ),
    )(incidents)


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
    limit: LimitOption = DEFAULT_LIMIT,
    all_: Annotated[bool, typer.Option("--all", help=N_("Show every row."))] = False,
    json: JsonOption = False,
) -> None:
    page = get_app(ctx).watch.reminders(case_id=case, status=status, limit=None if all_ else limit)
    _print(page, json=json)
    if page.more:
        _left_out(
            ngettext(
                "{count} more reminder not shown; `--limit N` or `--all` shows more.",
                "{count} more reminders not shown; `--limit N` or `--all` shows more.",
                page.more,
            ).format(count=count(page.more)),
            json=json,
        )


def incidents(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help=N_("Include resolved incidents."))] = False,
    limit: LimitOption = DEFAULT_LIMIT,
    json: JsonOption = False,
) -> None:
    page = get_app(ctx).watch.incidents(include_resolved=all_, limit=limit)
    _print(page, json=json, errors=True)
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


def _print(page: ReminderPage, *, json: bool, errors: bool = False) -> None:
    rows = page.rows
    if json:
        echo_json([asdict(r) for r in rows])
        return
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
