"""`escalation case open | list | show | history | do | assign | remind | move-deadline`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli import case_bulk, case_list
from escalation.cli.locations import location_json
from escalation.cli.output import (
    ByOption,
    CaseArg,
    JsonOption,
    OnOption,
    SetOption,
    day,
    echo,
    echo_json,
    fields,
    parse_sets,
)
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.cli.views import (
    JSON_LANGUAGE,
    deadline_json,
    echo_deadline,
    event_json,
    history_line,
)
from escalation.domain.subjects import identifier_label
from escalation.i18n import N_, _
from escalation.texts import render

if TYPE_CHECKING:
    from escalation.services.cases import ActionResult
    from escalation.services.queries import CaseDetail

app = typer.Typer(no_args_is_help=True)

KindArg = Annotated[str, typer.Argument(metavar="KIND", help=N_("Deadline kind, e.g. naleving."))]


@app.command("open", help=N_("Open a case against a provider; prints the new case id."))
def open_(
    ctx: typer.Context,
    provider: Annotated[
        str, typer.Option("--provider", help=N_("KvK number, alias or start of the name."))
    ],
    workflow: Annotated[str, typer.Option("--workflow", help=N_("Workflow name."))] = "jeugdwet",
    on: OnOption = None,
    title: Annotated[str | None, typer.Option("--title", help=N_("Subject of the case."))] = None,
    handler: Annotated[
        str | None, typer.Option("--handler", help=N_("Responsible jurist."))
    ] = None,
    by: ByOption = None,
    location: Annotated[
        int | None,
        typer.Option("--location", min=1, help=N_("One of the provider's locations (its number).")),
    ] = None,
    organisation: Annotated[
        str, typer.Option("--organisation", help=N_("The lead inspectorate's code, e.g. IGJ."))
    ] = "IGJ",
    co: Annotated[
        list[str] | None,
        typer.Option("--co", help=N_("Another inspectorate of a joint case, e.g. JENV; repeat.")),
    ] = None,
) -> None:
    others = [code for item in co or [] for code in item.split(",")]
    case_id = get_app(ctx).cases.open(
        provider, workflow=workflow, on=parse_day(ctx, on), title=title, handler=handler, by=by,
        location=location,
        organisation=organisation, co=others,
    )  # fmt: skip
    echo(case_id)


app.command("list", help=case_list.HELP)(case_list.list_)


@app.command(
    "show",
    help=N_("Show a case: state, allowed actions, deadlines with their basis, recent history."),
)
def show(ctx: typer.Context, case: CaseArg, json: JsonOption = False) -> None:
    detail = get_app(ctx).cases.detail(case)
    if json:
        echo_json(_detail_json(detail))
        return
    p = detail.provider
    echo(
        _("Case {case}: {provider} ({label}, {kind})").format(
            case=detail.id, provider=p.name, label=identifier_label(p.kvk), kind=p.kind
        )
    )
    fields(_detail_fields(detail))
    echo(_("Deadlines:"))
    for d in detail.deadlines:
        echo_deadline(d, indent="  ")
    from escalation.cli.case_views import echo_case_files  # `case show` only: start-up

    echo_case_files(detail)
    echo(_("Recent history:"))
    for e in detail.history[-10:]:
        echo(f"  {history_line(e)}")


def _detail_fields(detail: CaseDetail) -> list[tuple[str, object]]:
    shown: list[tuple[str, object]] = [(_("Title"), detail.title)] if detail.title else []
    shown += [
        (_("Workflow"), _("{workflow} version {version}").format(
            workflow=detail.workflow, version=detail.workflow_version
        )),
        (_("Opened"), day(detail.opened_on)),
        (_("Organisation"), " + ".join((detail.organisation, *detail.co_organisations))),
        (_("Handler"), detail.handler),
        (_("State"), detail.state),
        (_("Allowed"), ", ".join(detail.allowed_actions) or _("(none)")),
    ]  # fmt: skip
    shown += [(_("Blocked"), f"{a}: {render(why)}") for a, why in detail.blocked_actions]
    if detail.location is not None:
        shown.append((_("Location"), f"{detail.location.id}: {detail.location.label}"))
    if detail.signal is not None:
        shown.append((_("Signal"), detail.signal))
    return shown


def _detail_json(detail: CaseDetail) -> dict[str, object]:
    from escalation.cli.case_views import case_files_json  # `case show` only: start-up

    return {
        "id": detail.id,
        "state": detail.state,
        "workflow": detail.workflow,
        "workflow_version": detail.workflow_version,
        "provider": {"name": detail.provider.name, "kvk": detail.provider.kvk},
        "title": detail.title,
        "handler": detail.handler,
        "organisation": detail.organisation,
        "co_organisations": list(detail.co_organisations),
        "opened_on": detail.opened_on,
        "allowed_actions": detail.allowed_actions,
        "blocked_actions": [
            {"action": a, "reason": render(r, JSON_LANGUAGE)} for a, r in detail.blocked_actions
        ],
        "deadlines": [deadline_json(d) for d in detail.deadlines],
        "location": location_json(detail.location) if detail.location else None,
        "signal": detail.signal,
        **case_files_json(detail),
        "history": [event_json(e) for e in detail.history],
    }


@app.command("history", help=N_("The complete, append-only history of a case."))
def history(ctx: typer.Context, case: CaseArg, json: JsonOption = False) -> None:
    events = get_app(ctx).cases.history(case)
    if json:
        echo_json([event_json(e) for e in events])
        return
    for e in events:
        echo(history_line(e))


@app.command(
    "do", help=N_("Take an action on a case; prints the new state and the deadlines it set.")
)
def do(
    ctx: typer.Context,
    case: CaseArg,
    action: Annotated[
        str, typer.Argument(metavar="ACTION", help=N_("The action, e.g. geef_aanwijzing."))
    ],
    on: OnOption = None,
    set_: SetOption = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help=N_("Why (kept in the history)."))
    ] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    result = get_app(ctx).cases.apply_action(
        case, action, on=parse_day(ctx, on), params=parse_sets(set_), reason=reason, by=by
    )
    if json:
        echo_json(_result_json(result))
    else:
        _echo_result(result)


app.command("do-many", help=case_bulk.HELP)(case_bulk.do_many)


def _echo_result(result: ActionResult) -> None:
    echo(
        _("Case {case}: {action}: {source} → {target}").format(
            case=result.case_id, action=result.action, source=result.from_state,
            target=result.to_state,
        )
    )  # fmt: skip
    for e in result.deadlines_closed:
        met = e.TYPE == "deadline_met"
        closed = N_("deadline {kind} met") if met else N_("deadline {kind} cancelled")
        echo("  " + _(closed).format(kind=e.kind))
    for d in result.deadlines_set:
        echo_deadline(d, indent="  ", steps=False)
    for kenmerk in result.prepared:
        echo(_("Besluit {kenmerk} prepared (concept): a second person establishes it with "
               "`escalation besluit vaststellen {kenmerk}`; then its letter is sent and its "
               "deadlines start.").format(kenmerk=kenmerk))  # fmt: skip
    if result.letter_id is not None:
        _echo_letter(result)
    elif result.letter_problem:
        echo(
            _("Letter {template} not drafted: {problem}").format(
                template=result.letter_template, problem=render(result.letter_problem)
            )
        )


def _echo_letter(result: ActionResult) -> None:
    """The action's letter: sent with its besluit, or a draft and how to finish and send it."""
    letter, template = result.letter_id, result.letter_template
    if result.letter_sent:
        echo(_("Letter {letter} sent: {template}").format(letter=letter, template=template))
        return
    echo(_("Letter {letter} drafted: {template}").format(letter=letter, template=template))
    if result.letter_missing:
        echo("  " + _("It lacks: {fields}.").format(fields=", ".join(result.letter_missing)))
        prepared = _("Fill them in with `escalation letter edit {letter}` before the besluit is "
                     "established.").format(letter=letter)  # fmt: skip
        from escalation.services.letter_drafts import finish_hint  # a letter only: start-up

        echo("  " + (prepared if result.prepared else finish_hint(letter)))
    elif not result.prepared:  # four-eyes: sent when a second person establishes the besluit
        echo("  " + _("Review it (`escalation letter show {letter}`), then send it with "
                      "`escalation letter send {letter}`.").format(letter=letter))  # fmt: skip


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
        "warnings": [render(w, JSON_LANGUAGE) for w in result.warnings],
        "letter": result.letter_id,
        "letter_problem": result.letter_problem,
        "prepared": list(result.prepared),
        "letter_missing": list(result.letter_missing),
        "letter_status": None
        if result.letter_id is None
        else ("sent" if result.letter_sent else "draft"),
    }


@app.command(
    "assign", help=N_("Make someone the handler of a case; reminders go to them from now on.")
)
def assign(
    ctx: typer.Context,
    case: CaseArg,
    handler: Annotated[
        str, typer.Argument(metavar="HANDLER", help=N_("Name or e-mail address of the handler."))
    ],
    by: Annotated[str | None, typer.Option("--by", help=N_("Who assigns (default: you)."))] = None,
) -> None:
    previous = get_app(ctx).cases.assign(case, handler, by=by)
    echo(
        _("Case {case}: handler {previous} → {handler}.").format(
            case=case, previous=previous or "-", handler=handler
        )
    )


@app.command("remind", help=N_("Give one case its own reminder ladder for a deadline kind."))
def remind(
    ctx: typer.Context,
    case: CaseArg,
    kind: KindArg,
    ladder: Annotated[
        str | None,
        typer.Option(help=N_("Working days relative to the deadline, e.g. '-10,-5,0,2'.")),
    ] = None,
    default: Annotated[
        bool, typer.Option("--default", help=N_("Back to the workflow's ladder."))
    ] = False,
    by: Annotated[
        str | None, typer.Option("--by", help=N_("Who changes it (default: you)."))
    ] = None,
) -> None:
    from escalation.domain.reminders import parse_ladder

    if (ladder is None) == (not default):
        raise typer.BadParameter(
            _("give either --ladder STEPS or --default."), param_hint="--ladder"
        )
    cases = get_app(ctx).cases  # first: a refusal of the ladder speaks the settings' language
    steps = parse_ladder(ladder) if ladder is not None else None
    effective = cases.set_reminder_ladder(case, kind, steps, by=by)
    echo(
        _("Case {case}: reminders for {kind} at {steps} working days.").format(
            case=case, kind=kind, steps=", ".join(map(str, effective))
        )
    )


@app.command(
    "move-deadline",
    help=N_("Move an open deadline to a new date or extend it; its reminders are re-armed."),
)
def move_deadline(
    ctx: typer.Context,
    case: CaseArg,
    kind: KindArg,
    to: Annotated[str, typer.Option("--to", help=N_("New last day, or an extension ('2 weken')."))],
    reason: Annotated[
        str, typer.Option("--reason", help=N_("Why it moves (kept in the history)."))
    ],
    on: Annotated[str | None, typer.Option("--on", help=N_("Date of the decision."))] = None,
    by: Annotated[str | None, typer.Option("--by", help=N_("Who moves it (default: you)."))] = None,
) -> None:
    from escalation.domain.terms import parse_term_or_date

    moved = get_app(ctx).cases.move_deadline(
        case, kind, to=parse_term_or_date(to), reason=reason, on=parse_day(ctx, on), by=by
    )
    echo_deadline(moved, indent="", steps=False)
