"""How cases, deadlines and history entries look: one JSON shape and one line of text each.

Text is in the reader's language; JSON keeps English keys and values and ISO dates, and shows
stored explanations (steps, warnings) in English, so that scripts read the same in any language.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from escalation.cli.labels import deadline_label
from escalation.cli.output import day, echo
from escalation.domain.besluit_events import (
    BeroepIngesteld,
    BesluitEstablished,
    BesluitPrepared,
    BesluitStatusChanged,
    BesluitTaken,
)
from escalation.domain.deadline import Deadline
from escalation.domain.dwangsom_events import LedgerEntryAdded
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
    LetterSent,
    RemindersChanged,
)
from escalation.domain.model import CaseSummary
from escalation.domain.vovo_events import (
    ReactieReceived,
    VoorzieningDecided,
    VoorzieningRequested,
    WeergavePublished,
)
from escalation.i18n import N_, _
from escalation.texts import Msg, render

JSON_LANGUAGE = "en"  # stored texts in --json: the same for every reader


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
        "steps": [render(step, JSON_LANGUAGE) for step in d.steps],
        "proposed": d.proposed,
        "warning": None if d.warning is None else render(d.warning, JSON_LANGUAGE),
        "set_by": d.set_by,
        "set_on": d.set_on,
        "closed_on": d.closed_on,
    }


def basis_text(basis: str, legal_basis: str | None) -> str:
    """'statutory, Awb 6:7' in the reader's language (the legal reference as written)."""
    label = deadline_label(basis)
    return f"{label}, {legal_basis}" if legal_basis else label


def echo_deadline(d: Deadline, *, indent: str, steps: bool = True) -> None:
    if d.term and d.start and d.due < d.start:  # counted back: a term before the end
        term = _("{term} before {start}").format(term=d.term, start=day(d.start))
    elif d.term and d.start:
        term = _("{term} from {start}").format(term=d.term, start=day(d.start))
    else:
        term = _("explicit date")
    status = deadline_label(d.status.value)
    basis = basis_text(d.basis.value, d.legal_basis)
    echo(f"{indent}{d.kind:<26} {day(d.due)}  {status:<11} {basis}; {term}")
    if steps and d.status.value == "open":
        for step in d.steps:
            echo(f"{indent}    · {render(step)}")
    if d.warning and d.status.value == "open":
        echo(f"{indent}    ! {render(d.warning)}")


# Fields that the JSON shape of a history entry shows at its top level (stable keys).
_TOP = {"action": "action", "from_state": "from", "to_state": "to", "params": "params"}
_COMMON = {"at", "on", "by", "reason", "recorded_by"}


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
        "recorded_by": e.recorded_by,  # on behalf of `by` (team use); null: `by` recorded it
        "reason": e.reason
        if e.reason or not isinstance(e, DeadlineMoved)
        else _why(e, JSON_LANGUAGE),
        "details": fields,
    }


def _why(e: DeadlineMoved, lang: str | None = None) -> str | None:
    """A person's reason for the move, else the engine's explanation in the reader's language."""
    if e.reason or e.why is None:
        return e.reason
    return Msg.from_json(e.why).render(lang)


def history_line(e: Event) -> str:
    """One line of `case history`: date, who, and what happened."""
    who = e.by if e.recorded_by is None else _recorded(e.by, e.recorded_by)
    return f"{day(e.on)} {who:<12} {_what(e)}".rstrip()


def _recorded(by: str, recorder: str) -> str:
    return _("{by} (recorded by {recorder})").format(by=by, recorder=recorder)


def event_text(e: Event) -> str:
    """What an entry of the history did, in words (without its date and who)."""
    return _what(e)


def _what(e: Event) -> str:
    match e:
        case ActionTaken(action=action, from_state=source, to_state=dest, params=params):
            given = " ".join(f"{k}={v}" for k, v in params.items())
            reason = f" — {e.reason}" if e.reason else ""
            return f"{action}: {source} → {dest} {given}{reason}"
        case CaseOpened(workflow=workflow, version=version, state=state):
            return _("case opened in {state} ({workflow} version {version})").format(
                state=state, workflow=workflow, version=version
            )
        case HandlerAssigned(previous=previous, handler=handler):
            return _("handler {previous} → {handler}").format(
                previous=previous or "-", handler=handler
            )
        case RemindersChanged(kind=kind, ladder=ladder):
            return _("reminders for {kind} at {steps} working days").format(
                kind=kind, steps=", ".join(map(str, ladder))
            )
        case DeadlineMoved(kind=kind, from_due=old, due=due):
            return _("deadline {kind} moved {old} → {due}: {reason}").format(
                kind=kind, old=day(old), due=day(due), reason=_why(e) or "-"
            )
        case LedgerEntryAdded(besluit=last, entry=entry, kind=kind, day=when, amount=amount):
            return _("dwangsom {besluit} entry {entry}: {kind} on {day}, € {amount}").format(
                besluit=last, entry=entry, kind=kind, day=day(when), amount=amount
            ) + (f" — {e.reason}" if e.reason else "")
        case DeadlinePassed(kind=kind, due=due, status=status):
            return "  " + _("deadline {kind} passed (due {due}): {status}").format(
                kind=kind, due=day(due), status=deadline_label(status)
            )
        case DeadlineSet() | DeadlineMet() | DeadlineCancelled():
            return "  " + _(_DEADLINE_EVENTS[type(e)]).format(kind=e.kind, due=day(e.due))
    from escalation.cli.bezwaar_views import bezwaar_what  # its module imports this one
    from escalation.cli.findings_views import findings_what

    describers = (_besluit_what, bezwaar_what, _publication_what, findings_what, _letter_what)
    return next((text for text in (d(e) for d in describers) if text), e.TYPE)


def _letter_what(e: Event) -> str | None:
    if isinstance(e, LetterIssued):
        return _("letter {letter} {template} ({format}) issued").format(
            letter=e.letter, template=e.template, format=e.format
        )
    if isinstance(e, LetterSent):
        return _("letter {letter} {template} ({format}) sent").format(
            letter=e.letter, template=e.template, format=e.format
        )
    return None


def _publication_what(e: Event) -> str | None:
    """Voorlopige voorzieningen and the publication of a zakelijke weergave."""
    match e:
        case VoorzieningRequested(besluit=besluit, number=number):
            return _("voorlopige voorziening {number} against {besluit} requested").format(
                number=number, besluit=besluit
            )
        case VoorzieningDecided(besluit=besluit, number=number, uitkomst=uitkomst):
            until = f" ({day(e.schorsing_tot)})" if e.schorsing_tot else ""
            return (
                _("voorlopige voorziening {number} against {besluit}: {uitkomst}").format(
                    number=number, besluit=besluit, uitkomst=uitkomst
                )
                + until
            )
        case ReactieReceived(besluit=besluit, in_termijn=in_term):
            text = N_("reaction to {besluit} received") if in_term else N_(
                "reaction to {besluit} received after the term"
            )  # fmt: skip
            return _(text).format(besluit=besluit)
        case WeergavePublished(besluit=besluit, met_reactie=with_reaction):
            text = N_("zakelijke weergave of {besluit} published with the reaction") if (
                with_reaction
            ) else N_("zakelijke weergave of {besluit} published")  # fmt: skip
            return _(text).format(besluit=besluit)
    return None


def _besluit_what(e: Event) -> str | None:
    match e:
        case BesluitTaken(besluit=kenmerk, kind=kind, verzonden=sent):
            return _("besluit {kenmerk} taken: {kind}, sent {day}").format(
                kenmerk=kenmerk, kind=kind, day=day(sent)
            )
        case BesluitStatusChanged(besluit=kenmerk, from_status=old, to_status=new):
            return _("besluit {kenmerk}: {old} → {new}").format(
                kenmerk=kenmerk, old=old, new=new
            ) + (f" — {e.reason}" if e.reason else "")
        case BeroepIngesteld(besluit=kenmerk, ingesteld=on):
            return _("beroep instituted against {kenmerk} on {day} (Awb 8:1)").format(
                kenmerk=kenmerk, day=day(on)
            )
        case BesluitPrepared(besluit=kenmerk, kind=kind):
            return _("besluit {kenmerk} prepared: {kind}, a concept awaiting vaststelling").format(
                kenmerk=kenmerk, kind=kind
            )
        case BesluitEstablished(besluit=kenmerk, verzonden=sent, prepared_by=prepared):
            return _("besluit {kenmerk} established (prepared by {prepared}), sent {day}").format(
                kenmerk=kenmerk, prepared=prepared, day=day(sent)
            )
    return None


_DEADLINE_EVENTS: dict[type[Event], str] = {
    DeadlineSet: N_("deadline {kind} set (due {due})"),
    DeadlineMet: N_("deadline {kind} met (due {due})"),
    DeadlineCancelled: N_("deadline {kind} cancelled (due {due})"),
}
