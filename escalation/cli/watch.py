"""The deadline watch: tick, scheduler, agenda, simulation, reminders and incidents."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.output import day, echo_json, table
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day

if TYPE_CHECKING:
    from escalation.domain.reminders import AgendaItem, ReminderView
    from escalation.services.sweep import SweepReport

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
TodayOption = Annotated[
    str | None, typer.Option("--today", help="Run as if it were this date (YYYY-MM-DD).")
]
scheduler_app = typer.Typer(no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("tick")(tick)
    app.command("deadlines")(deadlines)
    app.command("simulate")(simulate)
    app.command("reminders")(reminders)
    app.command("incidents")(incidents)
    app.add_typer(scheduler_app, name="scheduler", help="Run the deadline watch continuously.")


def tick(ctx: typer.Context, today: TodayOption = None, json: JsonOption = False) -> None:
    """Check every deadline once: mark overdue, send due reminders, fire follow-ups."""
    report = get_app(ctx).watch.tick(parse_day(today))
    if json:
        echo_json({**_sweep_json(report.sweep), **vars(report.delivery)})
        return
    _print_sweep(report.sweep)
    d = report.delivery
    typer.echo(f"Mail: {len(d.sent)} sent, {len(d.failed)} failed, {d.dropped} dropped.")
    for reminder_id, error in d.failed:
        typer.echo(f"  reminder {reminder_id} not sent: {error}")
    if d.waiting:
        typer.echo(
            f"{d.waiting} reminder(s) wait in the outbox: no SMTP server is configured "
            "(set ESCALATION_SMTP_HOST). `escalation reminders` lists them."
        )


def _sweep_json(r: SweepReport) -> dict[str, object]:
    return {
        "today": r.today,
        "overdue": [{"case": c, "kind": k, "due": d} for c, k, d in r.overdue],
        "reminders": [{"case": c, "kind": k, "step": s, "due": d} for c, k, s, d in r.reminders],
        "superseded": r.superseded,
        "follow_ups": [{"case": c, "action": a, "state": s} for c, a, s in r.follow_ups],
        "follow_up_failures": [
            {"case": c, "action": a, "reason": why} for c, a, why in r.follow_up_failures
        ],
    }


def _print_sweep(r: SweepReport, prefix: str = "") -> None:
    from escalation.domain.reminders import step_label

    typer.echo(f"{prefix}{day(r.today)}: {len(r.overdue)} overdue, {len(r.reminders)} reminders")
    for c, k, d in r.overdue:
        typer.echo(f"{prefix}  case {c}: {k} passed (last day {day(d)})")
    for c, k, s, d in r.reminders:
        typer.echo(f"{prefix}  case {c}: reminder {k} due {day(d)} ({step_label(s)})")
    for c, a, new_state in r.follow_ups:
        typer.echo(f"{prefix}  case {c}: {a} done automatically, now {new_state}")
    for c, a, why in r.follow_up_failures:
        typer.echo(f"{prefix}  case {c}: {a} not possible: {why}")
    if r.superseded:
        typer.echo(f"{prefix}  {r.superseded} earlier step(s) missed while not running: recorded")


@scheduler_app.command("run")
def scheduler_run(
    ctx: typer.Context,
    interval: Annotated[
        float | None,
        typer.Option(help="Run every N seconds instead of the schedule (for testing)."),
    ] = None,
) -> None:
    """Run the watch until stopped (SIGTERM/Ctrl-C): at start-up and then on the schedule."""
    get_app(ctx).run_scheduler(interval_seconds=interval)


def deadlines(
    ctx: typer.Context,
    until: Annotated[str | None, typer.Option(help="Only deadlines up to this date.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only passed deadlines.")] = False,
    handler: Annotated[str | None, typer.Option(help="Only this handler's cases.")] = None,
    case: Annotated[int | None, typer.Option("--case", help="Only this case.")] = None,
    today: TodayOption = None,
    json: JsonOption = False,
) -> None:
    """The agenda across all cases, soonest first, with days left and basis."""
    found = get_app(ctx).watch.agenda(
        until=parse_day(until),
        overdue_only=overdue,
        handler=handler,
        case_id=case,
        today=parse_day(today),
    )
    now, items = found.today, found.items
    if json:
        echo_json([{**_agenda_json(i), "days_left": (i.due - now).days} for i in items])
        return
    table(
        ["DUE", "DAYS", "CASE", "PROVIDER", "KIND", "STATUS", "BASIS", "HANDLER"],
        [
            (
                day(i.due),
                (i.due - now).days,
                i.case_id,
                i.provider,
                i.kind,
                i.status,
                f"{i.basis}{', ' + i.legal_basis if i.legal_basis else ''}",
                i.handler,
            )
            for i in items
        ],
    )


def _agenda_json(i: AgendaItem) -> dict[str, object]:
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
    }


def simulate(
    ctx: typer.Context,
    until: Annotated[str, typer.Option(help="Last day to simulate (YYYY-MM-DD).")],
    today: TodayOption = None,
    json: JsonOption = False,
) -> None:
    """Show day by day what the watch would do until a date, without changing anything."""
    end = parse_day(until)
    if end is None:  # typer makes --until required; this keeps mypy honest
        raise typer.BadParameter("give the last day to simulate.", param_hint="--until")
    simulation = get_app(ctx).watch.simulate(until=end, today=parse_day(today))
    start, reports = simulation.start, simulation.days
    busy = [r for r in reports if not r.is_empty]
    if json:
        echo_json([_sweep_json(r) for r in busy])
        return
    if not busy:
        typer.echo(f"Nothing happens from {start.isoformat()} to {end.isoformat()}.")
    for report in busy:
        _print_sweep(report)
    typer.echo("(simulation: nothing was stored or sent)")


def reminders(
    ctx: typer.Context,
    case: Annotated[int | None, typer.Option("--case", help="Only this case.")] = None,
    status: Annotated[str | None, typer.Option(help="pending, sent, failed, ...")] = None,
    json: JsonOption = False,
) -> None:
    """The reminder outbox: every reminder claimed, with its mail status."""
    rows = get_app(ctx).watch.reminders(case_id=case, status=status)
    _print_reminders(rows, json=json)


def incidents(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include resolved incidents.")] = False,
    json: JsonOption = False,
) -> None:
    """Reminders that could not be sent; each is retried on the next run."""
    rows = get_app(ctx).watch.incidents(include_resolved=all_)
    _print_reminders(rows, json=json, errors=True)


def _print_reminders(rows: list[ReminderView], *, json: bool, errors: bool = False) -> None:
    if json:
        echo_json([asdict(r) for r in rows])
        return
    headers = ["ID", "PLANNED", "CASE", "KIND", "DUE", "STATUS", "TO", "TRIES"]
    table(
        [*headers, "ERROR"] if errors else headers,
        [
            (
                r.id,
                day(r.planned_on),
                r.case_id,
                r.kind,
                day(r.due),
                r.status,
                r.recipient or r.handler,
                r.attempts,
                *([r.last_error] if errors else []),
            )
            for r in rows
        ],
    )
