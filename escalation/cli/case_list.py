"""`escalation case list`: a page of cases (keyset cursor), or all of them streamed."""

from __future__ import annotations

from typing import Annotated

import typer

from escalation.cli.output import JsonOption, day, table
from escalation.cli.paging import (
    AfterOption,
    AllOption,
    JsonlOption,
    LimitOption,
    Tracked,
    echo_more,
    page_limit,
    stream_json,
    stream_jsonl,
)
from escalation.cli.state import app as get_app
from escalation.cli.views import summary_json
from escalation.domain.limits import MAX_ID
from escalation.i18n import N_, _

HELP = N_(
    "List cases, optionally by state, provider or signal: a page of 50 (--limit, --after), or "
    "--all."
)

# TRANSLATORS: after a page of `case list`; {cursor} is the last case number shown
MORE = N_("… {count} more cases; next page: --after {cursor}")

SignalOption = Annotated[
    int | None,
    typer.Option(
        "--signaal", metavar="SIGNAL", min=1, max=MAX_ID, help=N_("Only the cases of this signal.")
    ),
]


def list_(
    ctx: typer.Context,
    state_: Annotated[
        str | None, typer.Option("--state", help=N_("Only cases in this state."))
    ] = None,
    provider: Annotated[
        str | None, typer.Option("--provider", help=N_("Only this provider (KvK, alias or name)."))
    ] = None,
    signal: SignalOption = None,
    limit: LimitOption = None,
    after: AfterOption = None,
    every: AllOption = False,
    json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    from escalation.services.list_facade import DEFAULT_LIMIT

    shown = page_limit(limit, every, DEFAULT_LIMIT)
    lists = get_app(ctx).lists
    where = lists.case_filter(state=state_, provider=provider, signal=signal)
    rows = Tracked(lists.cases(where, after=after, limit=shown))
    if json or jsonl:
        (stream_jsonl if jsonl else stream_json)(summary_json(c) for c in rows)
    else:
        headers = (N_("CASE"), N_("PROVIDER"), N_("STATE"), N_("NEXT DEADLINE"), N_("HANDLER"))
        table(
            [*map(_, headers), _("TITLE")],
            [(c.id, c.provider.name, c.state, day(c.next_due), c.handler, c.title) for c in rows],
        )
    last = rows.last.id if rows.last is not None else after
    echo_more(MORE, lambda: lists.remaining(where, after=last), (rows.count, shown, last),
              err=json or jsonl)  # fmt: skip
