"""`escalation case open | list | show | history | do`."""

from __future__ import annotations

from typing import Annotated

import typer

from escalation.cli.output import day, echo_json, parse_sets, table
from escalation.cli.state import state
from escalation.domain.events import Event, EventType
from escalation.domain.model import CaseSummary, Deadline

app = typer.Typer(no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
CaseArg = Annotated[int, typer.Argument(help="The case id (see `escalation case list`).")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="Effective date YYYY-MM-DD (default: today).")
]
ByOption = Annotated[str | None, typer.Option("--by", help="Who acts (default: you).")]


@app.command("open")
def open_(
    ctx: typer.Context,
    provider: Annotated[str, typer.Option("--provider", help="KvK number of the provider.")],
    workflow: Annotated[str, typer.Option("--workflow", help="Workflow name.")] = "jeugdwet",
    on: OnOption = None,
    title: Annotated[str | None, typer.Option("--title", help="Subject of the case.")] = None,
    handler: Annotated[str | None, typer.Option("--handler", help="Responsible jurist.")] = None,
    by: ByOption = None,
) -> None:
    """Open a case against a provider; prints the new case id."""
    from escalation.services.cases import open_case

    st = state(ctx)
    services = st.services()
    case_id = open_case(
        uow=services.uow(),
        catalog=services.catalog,
        provider_kvk=provider,
        workflow=workflow,
        on=st.today(on),
        title=title,
        handler=handler,
        by=st.by(by),
        now=services.clock.now(),
    )
    typer.echo(case_id)


@app.command("list")
def list_(
    ctx: typer.Context,
    state_: Annotated[str | None, typer.Option("--state", help="Only cases in this state.")] = None,
    provider: Annotated[str | None, typer.Option("--provider", help="Only this KvK.")] = None,
    json: JsonOption = False,
) -> None:
    """List cases, optionally by state or provider."""
    from escalation.services.queries import list_cases

    rows = list_cases(uow=state(ctx).services().uow(), state=state_, provider_kvk=provider)
    if json:
        echo_json([_summary(c) for c in rows])
        return
    table(
        ["CASE", "PROVIDER", "STATE", "NEXT DEADLINE", "HANDLER", "TITLE"],
        [(c.id, c.provider.name, c.state, day(c.next_due), c.handler, c.title) for c in rows],
    )


def _summary(c: CaseSummary) -> dict[str, object]:
    return {
        "id": c.id,
        "provider": {"name": c.provider.name, "kvk": c.provider.kvk},
        "state": c.state,
        "workflow": c.workflow_name,
        "workflow_version": c.workflow_version,
        "title": c.title,
        "handler": c.handler,
        "opened_on": c.opened_on,
        "next_due": c.next_due,
    }


@app.command("show")
def show(ctx: typer.Context, case: CaseArg, json: JsonOption = False) -> None:
    """Show a case: state, allowed actions, deadlines with their basis, recent history."""
    from escalation.services.queries import case_detail

    st = state(ctx)
    services = st.services()
    detail = case_detail(
        uow=services.uow(), catalog=services.catalog, case_id=case, today=services.clock.today()
    )
    if json:
        echo_json(
            {
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
        )
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


def deadline_json(d: Deadline) -> dict[str, object]:
    return {
        "kind": d.kind,
        "due": d.due,
        "status": d.status.value,
        "basis": d.basis.value,
        "legal_basis": d.legal_basis,
        "start": d.start,
        "term": d.term,
        "steps": list(d.steps),
        "proposed": d.proposed,
        "warning": d.warning,
        "set_by": d.set_by,
        "set_on": d.set_on,
        "closed_on": d.closed_on,
    }


def echo_deadline(d: Deadline, *, indent: str, steps: bool = True) -> None:
    term = f"{d.term} from {d.start.isoformat()}" if d.term and d.start else "explicit date"
    legal = f", {d.legal_basis}" if d.legal_basis else ""
    typer.echo(f"{indent}{d.kind:<26} {day(d.due)}  {d.status:<9} {d.basis}{legal}; {term}")
    if steps and d.status.value == "open":
        for step in d.steps:
            typer.echo(f"{indent}    · {step}")
    if d.warning and d.status.value == "open":
        typer.echo(f"{indent}    ! {d.warning}")


def event_json(e: Event) -> dict[str, object]:
    return {
        "type": e.type.value,
        "action": e.action,
        "from": e.from_state,
        "to": e.to_state,
        "on": e.on,
        "at": e.at.isoformat(),
        "by": e.by,
        "params": e.params,
        "reason": e.reason,
        "details": e.details,
    }


def history_line(e: Event) -> str:
    when = f"{e.on.isoformat()} {e.by:<12}"
    if e.type is EventType.ACTION_TAKEN:
        params = " ".join(f"{k}={v}" for k, v in e.params.items())
        reason = f" — {e.reason}" if e.reason else ""
        return f"{when} {e.action}: {e.from_state} → {e.to_state} {params}{reason}".rstrip()
    if e.type is EventType.CASE_OPENED:
        workflow = f"{e.details.get('workflow')} v{e.details.get('version')}"
        return f"{when} case opened in {e.to_state} ({workflow})"
    if e.type is EventType.HANDLER_ASSIGNED:
        return f"{when} handler {e.details.get('from') or '-'} → {e.details.get('to')}"
    if e.type is EventType.LETTER_ISSUED:
        d = e.details
        return f"{when} letter {d.get('letter')} {d.get('template')} ({d.get('format')}) issued"
    if e.type is EventType.REMINDERS_CHANGED:
        return f"{when} reminders for {e.details.get('kind')}: {e.details.get('ladder')}"
    kind, due = e.details.get("kind"), e.details.get("due")
    if e.type is EventType.DEADLINE_MOVED:
        return f"{when} deadline {kind} moved {e.details.get('from')} → {due}: {e.reason}"
    verb = {
        "deadline_set": "set",
        "deadline_met": "met",
        "deadline_cancelled": "cancelled",
        "deadline_overdue": "passed",
    }
    return f"{when}   deadline {kind} {verb.get(e.type.value, e.type.value)} (due {due})"


@app.command("history")
def history(ctx: typer.Context, case: CaseArg, json: JsonOption = False) -> None:
    """The complete, append-only history of a case."""
    from escalation.services.queries import case_history

    events = case_history(uow=state(ctx).services().uow(), case_id=case)
    if json:
        echo_json([event_json(e) for e in events])
        return
    for e in events:
        typer.echo(history_line(e))


@app.command("do")
def do(
    ctx: typer.Context,
    case: CaseArg,
    action: Annotated[str, typer.Argument(help="The action, e.g. geef_aanwijzing.")],
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
    from escalation.services.cases import apply_action

    st = state(ctx)
    services = st.services()
    result = apply_action(
        uow=services.uow(),
        catalog=services.catalog,
        calendar=services.calendar,
        case_id=case,
        action=action,
        on=st.today(on),
        params=parse_sets(set_),
        reason=reason,
        by=st.by(by),
        now=services.clock.now(),
        renderer=services.renderer,
    )
    if json:
        echo_json(
            {
                "case": result.case_id,
                "action": result.action,
                "from": result.from_state,
                "to": result.to_state,
                "deadlines": [deadline_json(d) for d in result.deadlines_set],
                "closed": [e.details for e in result.deadlines_closed],
                "warnings": result.warnings,
                "letter": result.letter_id,
                "letter_problem": result.letter_problem,
            }
        )
        return
    typer.echo(f"Case {result.case_id}: {result.action}: {result.from_state} → {result.to_state}")
    for e in result.deadlines_closed:
        status = "met" if e.type is EventType.DEADLINE_MET else "cancelled"
        typer.echo(f"  deadline {e.details.get('kind')} {status}")
    for d in result.deadlines_set:
        echo_deadline(d, indent="  ", steps=False)
    if result.letter_id is not None:
        typer.echo(
            f"Letter {result.letter_id} drafted: {result.letter_template} "
            f"(escalation letter show {result.letter_id})"
        )
    elif result.letter_problem:
        typer.echo(f"Letter {result.letter_template} not drafted: {result.letter_problem}")
