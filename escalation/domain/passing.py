"""Whose move a deadline awaits, and what passing it (or closing it after it passed) means.

Workflow version 2 declares per deadline kind whom it awaits (`Awaits`) and what passing
without that step makes it (`DeadlineKind.passes_as`): `overdue` (a real alarm) or `lapsed`
(a provider's term or a window ran out, an embargo ended). Kinds of version 1 await nobody in
particular: passing makes them overdue, as it always did. docs/deadline-watch.md has the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from escalation.domain.besluiten import (
    Besluit,
    BesluitKind,
    BesluitStatus,
    Bezwaar,
    BezwaarStatus,
    Tijdigheid,
)
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.definition import ActionSpec, Awaits, DeadlineKind, WorkflowDefinition
from escalation.domain.events import Stamp
from escalation.domain.findings import NALEVING
from escalation.domain.model import Case

# A besluit in one of these has a window running whose unused end makes it final.
_FINAL_AFTER_WINDOW = (BesluitStatus.BEZWAARTERMIJN, BesluitStatus.BEROEPSTERMIJN)


def awaits(kind: DeadlineKind | None) -> Awaits | None:
    """Whose move the kind awaits; None for a kind of before issue 10 (or an unknown one)."""
    return None if kind is None else kind.awaits


def passes_on(deadline: Deadline, kind: DeadlineKind | None) -> date:
    """The first day the deadline counts as passed: after its last day and any grace.

    The grace of a bezwaar or beroep window is the postal week of Awb 6:9 lid 2: a
    bezwaarschrift posted on the last day and received within that week is in time, so only
    after it is the besluit known to be final.
    """
    grace = 0 if kind is None else kind.grace_days
    return deadline.due + timedelta(days=grace + 1)


def passed_as(
    deadline: Deadline, kind: DeadlineKind | None, *, today: date
) -> DeadlineStatus | None:
    """What an open deadline has become by `today`: lapsed or overdue, or None (not passed)."""
    if not deadline.is_open or today < passes_on(deadline, kind):
        return None
    if kind is None:
        return DeadlineStatus.OVERDUE
    return DeadlineStatus(kind.passes_as.value)


def closing_status(
    deadline: Deadline, kind: DeadlineKind | None, *, meets: bool, action: str
) -> DeadlineStatus:
    """What an action that meets or cancels the deadline makes of it.

    - Met: the awaited step happened, in time or late. A lapsed deadline stays lapsed when the
      action is the step its passing called for (the kind's follow-up, e.g. the hertoets after
      naleving): that is the inspectorate's move, not the provider's.
    - Cancelled: it no longer applies; but one that already passed (version 2) is closed as
      lapsed: it ran out, and the case moved past it.
    """
    if meets:
        follow_up = kind is not None and kind.follow_up == action
        if deadline.status is DeadlineStatus.LAPSED and follow_up:
            return DeadlineStatus.LAPSED
        return DeadlineStatus.MET
    if deadline.status is DeadlineStatus.LAPSED:
        return DeadlineStatus.LAPSED
    if deadline.status is DeadlineStatus.OVERDUE and awaits(kind) is not None:
        return DeadlineStatus.LAPSED
    return DeadlineStatus.CANCELLED


def close_for_action(
    case: Case, definition: WorkflowDefinition, action: ActionSpec, *, stamp: Stamp
) -> None:
    """Close the deadlines the action meets and cancels, each as `closing_status` says."""
    for kinds, meets in ((action.meets, True), (action.cancels, False)):
        wanted = set(kinds)
        for old in [d for d in case.deadlines if d.kind in wanted and d.is_reminded]:
            kind = definition.deadline_kind(old.kind)
            met = meets
            if meets and old.kind == NALEVING and _withheld(case):
                # Findings decide it: the hertoets per norm (settle_naleving) closes it; any
                # other action closes it as not met.
                if kind is not None and kind.follow_up == action.name:
                    continue
                met = False
            status = closing_status(old, kind, meets=met, action=action.name)
            case.close_deadline(old, status, stamp=stamp, action=action.name)


def follow_up_taken(case: Case, definition: WorkflowDefinition, action: str) -> bool:
    """The case is already where a deadline's follow-up leads: the jurist took it by hand
    before the watch saw the term pass (a hertoets started the day after the naleving term)."""
    spec = next((a for a in definition.actions if a.name == action), None)
    return spec is not None and spec.dest is not None and case.state == spec.dest


def _withheld(case: Case) -> bool:
    return case.norms is not None and case.norms.withholds_naleving


def settle_naleving(case: Case, *, all_met: bool, stamp: Stamp) -> list[Deadline]:
    """After a hertoets per norm: `naleving` is met only when every norm of the aanwijzing is
    met; otherwise one whose term ran out is closed as lapsed (its follow-up, the hertoets, was
    done), whether or not the watch saw it pass, and one still running stays open."""
    settled = []
    for old in [d for d in case.deadlines if d.kind == NALEVING and d.is_reminded]:
        if all_met:
            settled.append(case.close_deadline(old, DeadlineStatus.MET, stamp=stamp, action=None))
        elif old.status is not DeadlineStatus.OPEN or old.due < stamp.on:
            settled.append(
                case.close_deadline(old, DeadlineStatus.LAPSED, stamp=stamp, action=None)
            )
    return settled


@dataclass(frozen=True, slots=True)
class WindowOutcome:
    """What the end of a bezwaar or beroep window (plus the postal week) means."""

    status: DeadlineStatus  # met: a bezwaar (or beroep) was made; lapsed: none was
    final: Besluit | None  # the besluit that became onherroepelijk, if one did
    since: date  # the day after the window's last day
    # The besluit a beslissing op bezwaar upheld, final with it when no other beroep term runs.
    contested: Besluit | None = None


def window_outcome(case: Case, deadline: Deadline) -> WindowOutcome:
    """A window used is met; one unused lapses and makes its besluit onherroepelijk.

    A bezwaar counts unless it was withdrawn or came late without (yet) being judged
    excusable. A beslissing op bezwaar whose beroep term ran out unused takes the besluit it
    upheld (`contested`, in beroepstermijn) with it. The besluit becomes final only from the status
    of a running window (bezwaartermijn, beroepstermijn): a besluit withdrawn, changed or in
    bezwaar keeps its status.
    """
    since = deadline.due + timedelta(days=1)
    besluit = case.besluit(deadline.besluit) if deadline.besluit else None
    if besluit is None:
        return WindowOutcome(DeadlineStatus.LAPSED, None, since)
    used = any(_counts(b) for b in besluit.bezwaren)
    if used or besluit.beroep_ingesteld is not None:
        return WindowOutcome(DeadlineStatus.MET, None, since)
    final = besluit if besluit.status in _FINAL_AFTER_WINDOW else None
    contested = _contested(case, besluit) if final is not None else None
    return WindowOutcome(DeadlineStatus.LAPSED, final, since, contested)


def _counts(bezwaar: Bezwaar) -> bool:
    """A bezwaar keeps its besluit from becoming final unless withdrawn, or late and not (yet)
    judged excusable (Awb 6:11): until that verdict the term ran out unused."""
    if bezwaar.status is BezwaarStatus.INGETROKKEN:
        return False
    return bezwaar.tijdigheid is not Tijdigheid.TE_LAAT or bezwaar.verschoonbaar is True


def _contested(case: Case, beslissing: Besluit) -> Besluit | None:
    """The besluit a beslissing op bezwaar decided on, if it is final once this beroep term ran
    out unused: still in its beroep term, and every other beslissing on it settled already."""
    if beslissing.kind is not BesluitKind.BESLISSING_OP_BEZWAAR or beslissing.parent is None:
        return None
    contested = case.besluit(beslissing.parent)
    if contested is None or contested.status is not BesluitStatus.BEROEPSTERMIJN:
        return None
    others = [
        b for b in case.besluiten
        if b.parent == contested.kenmerk and b is not beslissing
        and b.kind is BesluitKind.BESLISSING_OP_BEZWAAR
    ]  # fmt: skip
    return contested if all(b.is_settled for b in others) else None


def next_step_pending(deadline: Deadline, kind: DeadlineKind | None) -> bool:
    """A lapsed provider term: the next step is the inspectorate's until it is taken."""
    return deadline.awaits_next_step and awaits(kind) in (Awaits.PROVIDER, None)
