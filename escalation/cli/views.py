"""How cases, deadlines and history entries look: one JSON shape and one line of text each."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import typer

from escalation.cli.output import day
from escalation.domain.events import (
    ActionTaken,
    CaseOpened,
    DeadlineCancelled,
    DeadlineMet,
    DeadlineMoved,
    DeadlinePassed,
    DeadlineSet,
    Event,
    HandlerAssigned,
    LetterIssued,
    RemindersChanged,
)
from escalation.domain.model import CaseSummary, Deadline
from escalation.i18n import render


def summary_json(c: CaseSummary) -> dict[str, object]:
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


def deadline_json(d: Deadline) -> dict[str, object]:
    return {
        "kind": d.kind,
        "due": d.due,
        "status": d.status.value,
        "basis": d.basis.value,
        "legal_basis": d.legal_basis,
        "start": d.start,
        "term": d.term,
        "steps": [render(step) for step in d.steps],
        "proposed": d.proposed,
        "warning": None if d.warning is None else render(d.warning),
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
            typer.echo(f"{indent}    · {render(step)}")
    if d.warning and d.status.value == "open":
        typer.echo(f"{indent}    ! {render(d.warning)}")


# Fields that the JSON shape of a history entry shows at its top level (stable keys).
_TOP = {"action": "action", "from_state": "from", "to_state": "to", "params": "params"}
_COMMON = {"at", "on", "by", "reason"}


def event_json(e: Event) -> dict[str, Any]:
    """A history entry for scripts: type, when, who, why, and the entry's own fields."""
    fields = {k: v for k, v in asdict(e).items() if k not in _COMMON}
    top = {new: fields.pop(old, None) for old, new in _TOP.items()}
    if isinstance(e, CaseOpened):
        top["to"] = fields.pop("state")
    return {
        "type": e.TYPE,
        **top,
        "params": top["params"] or {},
        "on": e.on,
        "at": e.at.isoformat(),
        "by": e.by,
        "reason": e.reason,
        "details": fields,
    }


def history_line(e: Event) -> str:
    """One line of `case history`: date, who, and what happened."""
    return f"{e.on.isoformat()} {e.by:<12} {_what(e)}".rstrip()


def _what(e: Event) -> str:
    match e:
        case ActionTaken(action=action, from_state=source, to_state=dest, params=params):
            given = " ".join(f"{k}={v}" for k, v in params.items())
            reason = f" — {e.reason}" if e.reason else ""
            return f"{action}: {source} → {dest} {given}{reason}"
        case CaseOpened(workflow=workflow, version=version, state=state):
            return f"case opened in {state} ({workflow} v{version})"
        case HandlerAssigned(previous=previous, handler=handler):
            return f"handler {previous or '-'} → {handler}"
        case LetterIssued(letter=letter, template=template, format=fmt):
            return f"letter {letter} {template} ({fmt}) issued"
        case RemindersChanged(kind=kind, ladder=ladder):
            return f"reminders for {kind}: {list(ladder)}"
        case DeadlineMoved(kind=kind, from_due=old, due=due):
            return f"deadline {kind} moved {old.isoformat()} → {due.isoformat()}: {e.reason}"
        case DeadlineSet() | DeadlineMet() | DeadlineCancelled() | DeadlinePassed():
            return f"  deadline {e.kind} {_VERBS[type(e)]} (due {e.due.isoformat()})"
    return e.TYPE


_VERBS: dict[type[Event], str] = {
    DeadlineSet: "set",
    DeadlineMet: "met",
    DeadlineCancelled: "cancelled",
    DeadlinePassed: "passed",
}
