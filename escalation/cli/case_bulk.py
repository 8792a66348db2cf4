"""`escalation case do-many ACTION --cases ...|--from FILE.csv|--state S`: one action, many."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import (
    ByOption,
    JsonOption,
    OnOption,
    SetOption,
    echo,
    echo_json,
    parse_sets,
)
from escalation.cli.selection import (
    CasesOption,
    FromOption,
    SignalOption,
    StateOption,
    selection_from,
)
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from escalation.services.bulk_actions import BulkResult

HELP = N_(
    "Take one action on many cases, each checked as if done alone; prints how many were done "
    "and why each other case was refused."
)


def do_many(
    ctx: typer.Context,
    action: Annotated[
        str, typer.Argument(metavar="ACTION", help=N_("The action, e.g. start_hertoets."))
    ],
    cases: CasesOption = None,
    source: FromOption = None,
    state: StateOption = None,
    signal: SignalOption = None,
    on: OnOption = None,
    set_: SetOption = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help=N_("Why (kept in the history of each case)."))
    ] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    from escalation.cli.progress import progress

    selection = selection_from(
        cases=cases, source=source, state=state, signal=signal,
        options="--cases, --from, --state, --signaal",
    )  # fmt: skip
    params, day = parse_sets(set_), parse_day(ctx, on)
    use_cases = get_app(ctx).cases
    ids = use_cases.selected(selection)
    with progress(len(ids), _("Cases")) as advance:
        result = use_cases.apply_many(
            action, ids, on=day, params=params, reason=reason, by=by, advance=advance
        )
    if json:
        echo_json(_result_json(result))
    else:
        _echo_summary(action, result)
    if result.refused:
        raise typer.Exit(1)


def _echo_summary(action: str, result: BulkResult) -> None:
    echo(
        _("{action}: done on {done} cases, refused on {refused}.").format(
            action=action, done=len(result.done), refused=len(result.refused)
        )
    )
    drafted = [r.letter_id for r in result.done if r.letter_id is not None]
    if drafted:
        echo("  " + _("Letters drafted: {count}.").format(count=len(drafted)))
    for refused in result.refused:
        echo("  " + _("Case {case}: {reason}").format(case=refused.case_id, reason=refused.reason))


def _result_json(result: BulkResult) -> dict[str, object]:
    return {
        "done": [
            {"case": r.case_id, "from": r.from_state, "to": r.to_state, "letter": r.letter_id}
            for r in result.done
        ],
        "refused": [{"case": r.case_id, "reason": r.reason} for r in result.refused],
    }
