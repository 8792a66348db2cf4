"""`escalation deadlines`: the agenda a page at a time (keyset on due day and deadline id)."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.labels import deadline_label
from escalation.cli.output import CaseOption, JsonOption, day, table
from escalation.cli.paging import (
    AllOption,
    JsonlOption,
    KeyAfterOption,
    LimitOption,
    Tracked,
    day_cursor,
    day_key,
    echo_more,
    page_limit,
    stream_json,
    stream_jsonl,
)
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.cli.views import basis_text
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from datetime import date

    from escalation.domain.reminders import AgendaItem

HELP = N_(
    "The agenda across all cases, soonest first, with days left and basis; a lapsed "
    "provider term shows as the next step for the inspectorate until it is taken. "
    "A page of 50 (--limit, --after), or --all."
)
# TRANSLATORS: after a page of `deadlines`; {cursor} is the last deadline shown (day:id)
MORE = N_("… {count} more deadlines; next page: --after {cursor}")
TodayOption = Annotated[
    str | None, typer.Option("--today", help=N_("Run as if it were this date."))
]


def deadlines(
    ctx: typer.Context,
    until: Annotated[str | None, typer.Option(help=N_("Only deadlines up to this date."))] = None,
    overdue: Annotated[
        bool,
        typer.Option(
            "--overdue",
            help=N_("Only the alarms: passed deadlines that are overdue (not lapsed ones)."),
        ),
    ] = False,
    handler: Annotated[str | None, typer.Option(help=N_("Only the cases of this handler."))] = None,
    case: CaseOption = None,
    today: TodayOption = None,
    limit: LimitOption = None,
    after: KeyAfterOption = None,
    every: AllOption = False,
    json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    from escalation.services.list_facade import DEFAULT_LIMIT

    shown, cursor = page_limit(limit, every, DEFAULT_LIMIT), day_cursor(after)
    lists = get_app(ctx).lists
    where = lists.agenda_filter(
        until=parse_day(ctx, until), overdue_only=overdue, handler=handler, case_id=case,
        today=parse_day(ctx, today),
    )  # fmt: skip
    rows = Tracked(islice(lists.agenda(where, after=cursor), shown))
    _show(rows, where.today, json=json, jsonl=jsonl)
    last = cursor if rows.last is None else (rows.last.due, rows.last.deadline_id)
    text = None if last is None else day_key(*last)
    echo_more(MORE, lambda: lists.agenda_after(where, after=last), (rows.count, shown, text),
              err=json or jsonl)  # fmt: skip


def _show(rows: Tracked[AgendaItem], now: date, *, json: bool, jsonl: bool) -> None:
    if json or jsonl:
        objects = ({**agenda_json(i), "days_left": (i.due - now).days} for i in rows)
        (stream_jsonl if jsonl else stream_json)(objects)
        return
    headers = (N_("DUE"), N_("DAYS"), N_("CASE"), N_("PROVIDER"), N_("KIND"), N_("STATUS"))
    table(
        [*map(_, headers), _("BASIS"), _("HANDLER")],
        [
            (day(i.due), (i.due - now).days, i.case_id, i.provider, i.kind,
             _status(i), basis_text(i.basis, i.legal_basis), i.handler)
            for i in rows
        ],
    )  # fmt: skip


def _status(i: AgendaItem) -> str:
    if not i.next_step:
        return deadline_label(i.status)
    return _("{status}: next step for the inspectorate").format(status=deadline_label(i.status))


def agenda_json(i: AgendaItem) -> dict[str, object]:
    return {
        "case": i.case_id,
        "provider": {"name": i.provider, "kvk": i.kvk},
        "title": i.title,
        "handler": i.handler,
        "kind": i.kind,
        "due": i.due,
        "status": i.status,
        "basis": i.basis,
        "legal_basis": i.legal_basis,
        "term": i.term,
        "next_step": "inspectorate" if i.next_step else None,
    }
