"""What the deadline watch will do next for a case: per open deadline, on which day and what.

Derived from the same rules the sweep follows (domain/passing.py, docs/deadline-watch.md): an
open deadline passes on the day after its last day plus its grace; then its kind's follow-up
action is taken automatically, a window unused makes its besluit onherroepelijk, and otherwise
it becomes overdue (an alarm) or lapses. Reminders are sent on their ladder days before that.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from escalation.domain.besluiten import BesluitStatus
from escalation.domain.definition import Awaits, WorkflowDefinition
from escalation.domain.model import Case
from escalation.domain.passing import follow_up_taken, passes_on

_RUNNING = (BesluitStatus.BEZWAARTERMIJN, BesluitStatus.BEROEPSTERMIJN)


class WatchDoes(StrEnum):
    REMINDER = "reminder"  # a reminder of the deadline is sent
    FOLLOW_UP = "follow_up"  # the kind's follow-up action is taken (naleving → start_hertoets)
    FINAL = "final"  # unless a bezwaar/beroep comes, the besluit becomes onherroepelijk
    OVERDUE = "overdue"  # the deadline becomes overdue: an alarm
    LAPSED = "lapsed"  # the deadline lapses (a provider's term ran out, an embargo ended)
    VASTSTELLING = "vaststelling"  # a concept besluit awaits a second person (not the watch)


@dataclass(frozen=True, slots=True)
class WatchStep:
    on: date
    does: WatchDoes
    deadline: str  # its kind
    action: str | None = None  # the follow-up action
    besluit: str | None = None  # the kenmerk of the besluit that becomes final
    due: bool = False  # its day has come: the next run of the watch does it
    prepared_by: str | None = None  # a concept besluit: who prepared it


def next_steps(case: Case, definition: WorkflowDefinition, *, today: date) -> list[WatchStep]:
    """What the watch will do for the case's open deadlines, by day (`due`: by `today`)."""
    steps: list[WatchStep] = []
    for d in case.deadlines:
        if not d.is_open:
            continue
        kind = definition.deadline_kind(d.kind)
        if d.next_reminder_on is not None and d.next_reminder_on < passes_on(d, kind):
            steps.append(WatchStep(d.next_reminder_on, WatchDoes.REMINDER, d.kind))
        day = passes_on(d, kind)
        besluit = case.besluit(d.besluit) if d.besluit else None
        if (
            kind is not None
            and kind.follow_up
            and not follow_up_taken(case, definition, kind.follow_up)
        ):
            steps.append(WatchStep(day, WatchDoes.FOLLOW_UP, d.kind, action=kind.follow_up))
        elif kind is not None and kind.awaits is Awaits.WINDOW and besluit is not None:
            if besluit.status in _RUNNING:
                steps.append(WatchStep(day, WatchDoes.FINAL, d.kind, besluit=besluit.kenmerk))
        else:
            lapses = kind is not None and kind.passes_as.value == "lapsed"
            steps.append(WatchStep(day, WatchDoes.LAPSED if lapses else WatchDoes.OVERDUE, d.kind))
    ordered = sorted(
        (replace(s, due=s.on <= today) for s in steps), key=lambda s: (s.on, s.deadline)
    )
    return _awaiting_vaststelling(case) + ordered


def _awaiting_vaststelling(case: Case) -> list[WatchStep]:
    """Concept besluiten: no deadline runs until a second person establishes them (four-eyes);
    the watch does nothing for them, it names them."""
    return [
        WatchStep(b.dagtekening, WatchDoes.VASTSTELLING, "", besluit=b.kenmerk,
                  prepared_by=b.prepared_by)
        for b in case.besluiten
        if b.is_concept
    ]  # fmt: skip
