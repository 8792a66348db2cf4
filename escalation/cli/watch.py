"""The deadline watch: tick, scheduler, agenda, simulation, reminders and incidents."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli import cases, legal_time
from escalation.cli.output import day, echo_json, table
from escalation.cli.state import AppState, state

if TYPE_CHECKING:
    from escalation.domain.reminders import AgendaItem, ReminderView
    from escalation.services.deadlines import SweepReport, TickReport

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
    cases.app.command("assign")(assign)
    cases.app.command("remind")(remind)
    cases.app.command("move-deadline")(move_deadline)
    legal_time.calendar_app.command("export")(export)


def _tick(st: AppState, today: date) -> TickReport:
    from escalation.services.deadlines import process_due

    s = st.services()
    return process_due(
        uow_factory=s.uow,
        catalog=s.catalog,
        calendar=s.calendar,
        mailer=s.mailer,
        resolve=s.resolve_recipient,
        today=today,
        now=s.clock.now(),
    )


def tick(ctx: typer.Context, today: TodayOption = None, json: JsonOption = False) -> None:
    """Check every deadline once: mark overdue, send due reminders, fire follow-ups."""
    st = state(ctx)
    report = _tick(st, st.today(today))
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
    from zoneinfo import ZoneInfo

    from escalation.scheduler import run_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    st = state(ctx)
    settings = st.services().settings
    log = logging.getLogger("escalation.watch")

    def job() -> None:
        report = _tick(st, st.services().clock.today())
        s, d = report.sweep, report.delivery
        log.info(
            "tick %s: %d overdue, %d reminders, %d follow-ups; mail %d sent, %d failed",
            s.today,
            len(s.overdue),
            len(s.reminders),
            len(s.follow_ups),
            len(d.sent),
            len(d.failed),
        )

    run_scheduler(
        job,
        schedule=settings.schedule,
        zone=ZoneInfo(settings.timezone),
        interval_seconds=interval,
    )


def deadlines(
    ctx: typer.Context,
    until: Annotated[str | None, typer.Option(help="Only deadlines up to this date.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only passed deadlines.")] = False,
    handler: Annotated[str | None, typer.Option(help="Only this handler's cases.")] = None,
    today: TodayOption = None,
    json: JsonOption = False,
) -> None:
    """The agenda across all cases, soonest first, with days left and basis."""
    from escalation.services.deadlines import agenda

    st = state(ctx)
    now = st.today(today)
    limit = st.today(until) if until else None
    items = agenda(
        uow=st.services().uow(), today=now, until=limit, overdue_only=overdue, handler=handler
    )
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
    from escalation.domain.errors import InvalidInputError
    from escalation.services.deadlines import simulate as run_simulation

    st = state(ctx)
    s = st.services()
    start, end = st.today(today), st.today(until)
    if end < start or end - start > timedelta(days=3 * 366):
        raise InvalidInputError("--until must be a date after today, at most three years ahead.")
    reports = run_simulation(
        uow=s.uow(),
        catalog=s.catalog,
        calendar=s.calendar,
        start=start,
        until=end,
        now=s.clock.now(),
    )
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
    from escalation.services.watch_queries import list_reminders

    rows = list_reminders(uow=state(ctx).services().uow(), case_id=case, status=status)
    _print_reminders(rows, json=json)


def incidents(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include resolved incidents.")] = False,
    json: JsonOption = False,
) -> None:
    """Reminders that could not be sent; each is retried on the next run."""
    from escalation.services.watch_queries import list_incidents

    rows = list_incidents(uow=state(ctx).services().uow(), include_resolved=all_)
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


def assign(
    ctx: typer.Context,
    case: Annotated[int, typer.Argument(help="The case id.")],
    handler: Annotated[str, typer.Argument(help="Name or e-mail address of the handler.")],
    by: Annotated[str | None, typer.Option("--by", help="Who assigns (default: you).")] = None,
) -> None:
    """Make someone the handler of a case; reminders go to them from now on."""
    from escalation.services.handling import assign_handler

    st = state(ctx)
    s = st.services()
    previous = assign_handler(
        uow=s.uow(),
        case_id=case,
        handler=handler,
        on=s.clock.today(),
        by=st.by(by),
        now=s.clock.now(),
    )
    typer.echo(f"Case {case}: handler {previous or '-'} → {handler}.")


def remind(
    ctx: typer.Context,
    case: Annotated[int, typer.Argument(help="The case id.")],
    kind: Annotated[str, typer.Argument(help="Deadline kind, e.g. naleving.")],
    ladder: Annotated[
        str | None,
        typer.Option(help="Working days relative to the deadline, e.g. '-10,-5,0,2'."),
    ] = None,
    default: Annotated[bool, typer.Option("--default", help="Back to the workflow's.")] = False,
    by: Annotated[str | None, typer.Option("--by", help="Who changes it (default: you).")] = None,
) -> None:
    """Give one case its own reminder ladder for a deadline kind."""
    from escalation.domain.errors import InvalidInputError
    from escalation.domain.reminders import parse_ladder
    from escalation.services.handling import set_reminder_ladder

    if (ladder is None) == (not default):
        raise InvalidInputError("Give either --ladder STEPS or --default.")
    st = state(ctx)
    s = st.services()
    steps = set_reminder_ladder(
        uow=s.uow(),
        catalog=s.catalog,
        calendar=s.calendar,
        case_id=case,
        kind=kind,
        ladder=parse_ladder(ladder) if ladder else None,
        on=s.clock.today(),
        by=st.by(by),
        now=s.clock.now(),
    )
    typer.echo(f"Case {case}: reminders for {kind} at {', '.join(map(str, steps))} working days.")


def move_deadline(
    ctx: typer.Context,
    case: Annotated[int, typer.Argument(help="The case id.")],
    kind: Annotated[str, typer.Argument(help="Deadline kind, e.g. naleving.")],
    to: Annotated[str, typer.Option("--to", help="New last day, or an extension ('2 weken').")],
    reason: Annotated[str, typer.Option("--reason", help="Why it moves (kept in history).")],
    on: Annotated[str | None, typer.Option("--on", help="Date of the decision.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who moves it (default: you).")] = None,
) -> None:
    """Move an open deadline to a new date or extend it; its reminders are re-armed."""
    from escalation.domain.terms import parse_term_or_date
    from escalation.services.handling import move_deadline as move

    st = state(ctx)
    s = st.services()
    moved = move(
        uow=s.uow(),
        catalog=s.catalog,
        calendar=s.calendar,
        case_id=case,
        kind=kind,
        to=parse_term_or_date(to),
        reason=reason,
        on=st.today(on),
        by=st.by(by),
        now=s.clock.now(),
    )
    cases.echo_deadline(moved, indent="", steps=False)


def export(
    ctx: typer.Context,
    handler: Annotated[str | None, typer.Option(help="Only this handler's cases.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this .ics file.")] = None,
) -> None:
    """Export the open deadlines as an iCalendar (.ics) file for Outlook and others."""
    from escalation.ical import deadlines_calendar
    from escalation.services.deadlines import agenda

    s = state(ctx).services()
    items = agenda(uow=s.uow(), today=s.clock.today(), handler=handler)
    data = deadlines_calendar(items, now=s.clock.now())
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    out.write_bytes(data)
    typer.echo(f"{len(items)} deadlines written to {out}.")
