"""`escalation case open | list | show | history | do | assign | remind | move-deadline`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import day, echo_json, parse_sets, table
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.cli.views import (
    deadline_json,
    echo_deadline,
    event_json,
    history_line,
    summary_json,
)
from escalation.i18n import render

if TYPE_CHECKING:
    from escalation.services.cases import ActionResult
    from escalation.services.queries import CaseDetail

app = typer.Typer(no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
CaseArg = Annotated[
    int, typer.Argument(metavar="CASE", help="The case id (see `escalation case list`).")
]
KindArg = Annotated[str, typer.Argument(metavar="KIND", help="Deadline kind, e.g. naleving.")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="Effective date YYYY-MM-DD (default: today).")
]
ByOption = Annotated[str | None, typer.Option("--by", help="Who acts (default: you).")]


@app.command("open")
def open_(
    ctx: typer.Context,
    provider: Annotated[
        str, typer.Option("--provider", help="KvK number, alias or start of the name.")
    ],
    workflow: Annotated[str, typer.Option("--workflow", help="Workflow name.")] = "jeugdwet",
    on: OnOption = None,
    title: Annotated[str | None, typer.Option("--title", help="Subject of the case.")] = None,
    handler: Annotated[str | None, typer.Option("--handler", help="Responsible jurist.")] = None,
    by: ByOption = None,
) -> None:
    """Open a case against a provider; prints the new case id."""
    case_id = get_app(ctx).cases.open(
        provider, workflow=workflow, on=parse_day(on), title=title, handler=handler, by=by
    )
    typer.echo(case_id)


@app.command("list")
def list_(
    ctx: typer.Context,
    state_: Annotated[str | None, typer.Option("--state", help="Only cases in this state.")] = None,
    provider: Annotated[
        str | None, typer.Option("--provider", help="Only this provider (KvK, alias or name).")
    ] = None,
    json: JsonOption = False,
) -> None:
    """List cases, optionally by state or provider."""
    rows = get_app(ctx).cases.list(state=state_, provider=provider)
    if json:
        echo_json([summary_json(c) for c in rows])
        return
    table(
        ["CASE", "PROVIDER", "STATE", "NEXT DEADLINE", "HANDLER", "TITLE"],
        [(c.id, c.provider.name, c.state, day(c.next_due), c.handler, c.title) for c in rows],
    )


@app.command("show")
def show(ctx: typer.Context, case: CaseArg, json: JsonOption = False) -> None:
    """Show a case: state, allowed actions, deadlines with their basis, recent history."""
    detail = get_app(ctx).cases.detail(case)
    if json:
        echo_json(_detail_json(detail))
        return
    p = detail.provider
    typer.echo(f"Case {detail.id}: {p.name} (KvK {p.kvk}, {p.kind})")
    if detail.title:
        typer.echo(f"Title:     {detail.title}")
    typer.echo(f"Workflow:  {detail.workflow} version {detail.workflow_version}")
    typer.echo(f"Opened:    {day(detail.opened_on)}   Handler: {detail.handler or '-'}")
    typer.echo(f"State:     {detail.state}")
    typer.echo(f"Allowed:   {', '.join(detail.allowed_actions) or '(none)'}")
    for action, reason in detail.blocked_actions:
        typer.echo(f"Blocked:   {action}: {reason}")
    typer.echo("Deadlines:")
    for d in detail.deadlines:
        echo_deadline(d, indent="  ")
    typer.echo("Recent history:")
    for e in detail.history[-10:]:
        typer.echo(f"  {history_line(e)}")


def _detail_json(detail: CaseDetail) -> dict[str, object]:
    return {
        "id": detail.id,
        "state": detail.state,
        "workflow": detail.workflow,
        "workflow_version": detail.workflow_version,
        "provider": {"name": detail.provider.name, "kvk": detail.provider.kvk},
        "title": detail.title,
        "handler": detail.handler,
        "opened_on": detail.opened_on,
        "allowed_actions": detail.allowed_actions,
        "blocked_actions": [{"action": a, "reason": r} for a, r in detail.blocked_actions],
        "deadlines": [deadline_json(d) for d in detail.deadlines],
        "history": [event_json(e) for e in detail.history],
    }


@app.command("history")
def history(ctx: typer.Context, case: CaseArg, json: JsonOption = False) -> None:
    """The complete, append-only history of a case."""
    events = get_app(ctx).cases.history(case)
    if json:
        echo_json([event_json(e) for e in events])
        return
    for e in events:
        typer.echo(history_line(e))


@app.command("do")
def do(
    ctx: typer.Context,
    case: CaseArg,
    action: Annotated[
        str, typer.Argument(metavar="ACTION", help="The action, e.g. geef_aanwijzing.")
    ],
    on: OnOption = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Parameter NAME=VALUE; repeat for several."),
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why (kept in history).")] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Take an action on a case; prints the new state and the deadlines it set."""
    result = get_app(ctx).cases.apply_action(
        case, action, on=parse_day(on), params=parse_sets(set_), reason=reason, by=by
    )
    if json:
        echo_json(_result_json(result))
        return
    typer.echo(f"Case {result.case_id}: {result.action}: {result.from_state} → {result.to_state}")
    for e in result.deadlines_closed:
        status = "met" if e.TYPE == "deadline_met" else "cancelled"
        typer.echo(f"  deadline {e.kind} {status}")
    for d in result.deadlines_set:
        echo_deadline(d, indent="  ", steps=False)
    if result.letter_id is not None:
        typer.echo(
            f"Letter {result.letter_id} drafted: {result.letter_template} "
            f"(escalation letter show {result.letter_id})"
        )
    elif result.letter_problem:
        typer.echo(f"Letter {result.letter_template} not drafted: {result.letter_problem}")


def _result_json(result: ActionResult) -> dict[str, object]:
    return {
        "case": result.case_id,
        "action": result.action,
        "from": result.from_state,
        "to": result.to_state,
        "deadlines": [deadline_json(d) for d in result.deadlines_set],
        "closed": [
            {"kind": e.kind, "due": e.due, "basis": e.basis} for e in result.deadlines_closed
        ],
        "warnings": [render(w) for w in result.warnings],
        "letter": result.letter_id,
        "letter_problem": result.letter_problem,
    }


@app.command("assign")
def assign(
    ctx: typer.Context,
    case: CaseArg,
    handler: Annotated[
        str, typer.Argument(metavar="HANDLER", help="Name or e-mail address of the handler.")
    ],
    by: Annotated[str | None, typer.Option("--by", help="Who assigns (default: you).")] = None,
) -> None:
    """Make someone the handler of a case; reminders go to them from now on."""
    previous = get_app(ctx).cases.assign(case, handler, by=by)
    typer.echo(f"Case {case}: handler {previous or '-'} → {handler}.")


@app.command("remind")
def remind(
    ctx: typer.Context,
    case: CaseArg,
    kind: KindArg,
    ladder: Annotated[
        str | None,
        typer.Option(help="Working days relative to the deadline, e.g. '-10,-5,0,2'."),
    ] = None,
    default: Annotated[bool, typer.Option("--default", help="Back to the workflow's.")] = False,
    by: Annotated[str | None, typer.Option("--by", help="Who changes it (default: you).")] = None,
) -> None:
    """Give one case its own reminder ladder for a deadline kind."""
    from escalation.domain.reminders import parse_ladder

    if (ladder is None) == (not default):
        raise typer.BadParameter("give either --ladder STEPS or --default.", param_hint="--ladder")
    steps = parse_ladder(ladder) if ladder is not None else None
    effective = get_app(ctx).cases.set_reminder_ladder(case, kind, steps, by=by)
    typer.echo(
        f"Case {case}: reminders for {kind} at {', '.join(map(str, effective))} working days."
    )


@app.command("move-deadline")
def move_deadline(
    ctx: typer.Context,
    case: CaseArg,
    kind: KindArg,
    to: Annotated[str, typer.Option("--to", help="New last day, or an extension ('2 weken').")],
    reason: Annotated[str, typer.Option("--reason", help="Why it moves (kept in history).")],
    on: Annotated[str | None, typer.Option("--on", help="Date of the decision.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who moves it (default: you).")] = None,
) -> None:
    """Move an open deadline to a new date or extend it; its reminders are re-armed."""
    from escalation.domain.terms import parse_term_or_date

    moved = get_app(ctx).cases.move_deadline(
        case, kind, to=parse_term_or_date(to), reason=reason, on=parse_day(on), by=by
    )
    echo_deadline(moved, indent="", steps=False)
