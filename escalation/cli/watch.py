"""The deadline watch: tick, scheduler, agenda, simulation, reminders and incidents."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from escalation.cli import agenda_list, outbox
from escalation.cli.labels import step_label
from escalation.cli.output import JsonOption, day, echo, echo_json
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day, state
from escalation.cli.tick_report import print_anchor, print_delivery
from escalation.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from escalation.services.deadlines import TickReport
    from escalation.services.sweep import SweepReport

TodayOption = Annotated[
    str | None, typer.Option("--today", help=N_("Run as if it were this date."))
]
AnchorOption = Annotated[
    bool,
    typer.Option(
        "--anchor",
        help=N_(
            "Then anchor the history (as `audit anchor`) if a case's history grew since the "
            "last anchor."
        ),
    ),
]
scheduler_app = typer.Typer(no_args_is_help=True)

# `tick`'s exit code when a reminder could not be sent or a case could not be checked: the run
# finished (everything else was done), but a person must look (`escalation incidents`).
EXIT_ATTENTION = 3


def register(app: typer.Typer) -> None:
    app.command(
        "tick",
        help=N_("Check every deadline once: mark overdue, send due reminders, fire follow-ups."),
    )(tick)
    app.command("deadlines", help=agenda_list.HELP)(agenda_list.deadlines)
    app.command(
        "simulate",
        help=N_("Show day by day what the watch would do until a date, without changing anything."),
    )(simulate)
    outbox.register(app)
    app.add_typer(scheduler_app, name="scheduler", help=N_("Run the deadline watch continuously."))


def tick(
    ctx: typer.Context,
    today: TodayOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=N_("Allow a --today after today: what it marks passed stays passed."),
        ),
    ] = False,
    anchor: AnchorOption = False,
    json: JsonOption = False,
) -> None:
    app = get_app(ctx)
    report = app.watch.tick(parse_day(ctx, today), force=force)
    made = app.database.anchor_if_changed() if anchor else None
    anchored = None if made is None else {"anchor": made.id, "digest": made.digest}
    if json:
        echo_json({**_tick_json(report), **({"anchored": anchored} if anchor else {})})
    else:
        _print_sweep(report.sweep)
        print_delivery(report.delivery)
        if anchor:
            print_anchor(anchored)
    if report.needs_attention:
        echo(
            _(
                "Not everything went through (exit code {code}): `escalation incidents` lists "
                "the reminders that were not sent."
            ).format(code=EXIT_ATTENTION),
            err=True,
        )
        raise typer.Exit(EXIT_ATTENTION)


def _tick_json(report: TickReport) -> dict[str, object]:
    return {
        **_sweep_json(report.sweep),
        **vars(report.delivery),
        "workflow_problems": report.workflow_problems,
    }


def _sweep_json(r: SweepReport) -> dict[str, object]:
    return {
        "today": r.today,
        "overdue": [{"case": c, "kind": k, "due": d} for c, k, d in r.overdue],
        "lapsed": [{"case": c, "kind": k, "due": d} for c, k, d in r.lapsed],
        "onherroepelijk": [
            {"case": c, "besluit": kenmerk, "since": since}
            for c, kenmerk, since in r.onherroepelijk
        ],
        "reminders": [{"case": c, "kind": k, "step": s, "due": d} for c, k, s, d in r.reminders],
        "superseded": r.superseded,
        "follow_ups": [{"case": c, "action": a, "state": s} for c, a, s in r.follow_ups],
        "follow_up_failures": [
            {"case": c, "action": a, "reason": why} for c, a, why in r.follow_up_failures
        ],
        "unchecked": [{"case": c, "reason": why} for c, why in r.unchecked],
    }


def _print_sweep(r: SweepReport) -> None:
    n = len(r.reminders)
    reminders_text = ngettext("{n} reminder", "{n} reminders", n).format(n=n)
    echo(
        _("{day}: {overdue} overdue, {reminders}").format(
            day=day(r.today), overdue=len(r.overdue), reminders=reminders_text
        )
    )
    for line in _sweep_lines(r):
        echo(f"  {line}")


def _sweep_lines(r: SweepReport) -> list[str]:
    lines = [
        _("case {case}: {kind} passed (last day {day})").format(case=c, kind=k, day=day(d))
        for c, k, d in r.overdue
    ]
    lines += _lapsed_lines(r)
    lines += [
        _("case {case}: reminder {kind} due {due} ({step})").format(
            case=c, kind=k, due=day(d), step=step_label(s)
        )
        for c, k, s, d in r.reminders
    ]
    lines += [
        _("case {case}: {action} done automatically, now {state}").format(
            case=c, action=a, state=new_state
        )
        for c, a, new_state in r.follow_ups
    ]
    lines += [
        _("case {case}: {action} not possible: {reason}").format(case=c, action=a, reason=why)
        for c, a, why in r.follow_up_failures
    ]
    lines += [
        _("case {case} not checked: {reason}").format(case=c, reason=why) for c, why in r.unchecked
    ]
    if r.superseded:
        lines.append(
            ngettext(
                "{count} earlier step missed while not running: recorded",
                "{count} earlier steps missed while not running: recorded",
                r.superseded,
            ).format(count=r.superseded)
        )
    return lines


def _lapsed_lines(r: SweepReport) -> list[str]:
    """Terms that ran out without being an alarm, and the besluiten that became final."""
    lines = [
        _("case {case}: {kind} lapsed (last day {day}): not an alarm").format(
            case=c, kind=k, day=day(d)
        )
        for c, k, d in r.lapsed
    ]
    return lines + [
        _("case {case}: besluit {besluit} onherroepelijk since {day}").format(
            case=c, besluit=kenmerk, day=day(since)
        )
        for c, kenmerk, since in r.onherroepelijk
    ]


@scheduler_app.command(
    "run",
    help=N_("Run the watch until stopped (SIGTERM/Ctrl-C): at start-up, then on the schedule."),
)
def scheduler_run(
    ctx: typer.Context,
    interval: Annotated[
        float | None,
        typer.Option(
            min=1,
            max=86_400,  # scheduler.MAX_INTERVAL_SECONDS
            help=N_("Run every N seconds (1 to 86400) instead of the schedule (for testing)."),
        ),
    ] = None,
    once: Annotated[
        bool,
        typer.Option(
            "--once",
            help=N_(
                "Do not wait when another scheduler holds the database: exit 1 at once "
                "(one scheduler runs per database)."
            ),
        ),
    ] = False,
) -> None:
    get_app(ctx).run_scheduler(
        interval_seconds=interval, wait=not once, say=lambda line: echo(line, err=True)
    )
    state(ctx).close()  # said what it had to say, database closed
    _exit_now()


def _exit_now() -> NoReturn:
    """Stopped (SIGTERM/Ctrl-C) with everything committed: end the process at once.

    Tearing the interpreter down (about 100 000 objects) took up to a second on a busy
    machine, and the promise is to stop within one (tests/faults/test_scheduler_stop.py).
    """
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def simulate(
    ctx: typer.Context,
    until: Annotated[str, typer.Option(help=N_("Last day to simulate."))],
    today: TodayOption = None,
    json: JsonOption = False,
) -> None:
    end = parse_day(ctx, until)
    if end is None:  # typer makes --until required; this keeps mypy honest
        raise typer.BadParameter(_("give the last day to simulate."), param_hint="--until")
    simulation = get_app(ctx).watch.simulate(until=end, today=parse_day(ctx, today))
    start, reports = simulation.start, simulation.days
    busy = [r for r in reports if not r.is_empty]
    if json:
        echo_json([_sweep_json(r) for r in busy])
        return
    if not busy:
        echo(_("Nothing happens from {start} to {end}.").format(start=day(start), end=day(end)))
    for report in busy:
        _print_sweep(report)
    echo(_("(simulation: nothing was stored or sent)"))
