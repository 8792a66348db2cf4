"""The database half of the deadline watch: mark what passed, claim due reminders, follow up."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from escalation.domain.besluiten import BesluitStatus
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.definition import Awaits, WorkflowDefinition
from escalation.domain.dwangsom_case import reproject
from escalation.domain.errors import EscalationError
from escalation.domain.events import Stamp
from escalation.domain.model import Case
from escalation.domain.passing import (
    awaits,
    follow_up_taken,
    passed_as,
    passes_on,
    window_outcome,
)
from escalation.domain.reminders import (
    ReminderStatus,
    arm,
    compose_reminder,
    working_days_after,
)
from escalation.services.ports import DefinitionCatalog, UnitOfWork
from escalation.services.sweep_claims import Definitions, claim_due

logger = logging.getLogger(__name__)


SYSTEM_USER = "escalation"


@dataclass
class SweepReport:
    """What one day's sweep found and did (before any mail is sent)."""

    today: date
    overdue: list[tuple[int, str, date]] = field(default_factory=list)  # real alarms only
    # Provider terms, windows and embargoes that ran out: not alarms (docs/deadline-watch.md).
    lapsed: list[tuple[int, str, date]] = field(default_factory=list)
    # Besluiten whose bezwaar or beroep window ran out unused: (case, kenmerk, final since).
    onherroepelijk: list[tuple[int, str, date]] = field(default_factory=list)
    reminders: list[tuple[int, str, int, date]] = field(default_factory=list)
    superseded: int = 0
    follow_ups: list[tuple[int, str, str]] = field(default_factory=list)
    follow_up_failures: list[tuple[int, str, str]] = field(default_factory=list)
    # Cases whose workflow definition cannot be read (neither installed nor stored): skipped.
    unchecked: list[tuple[int, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.overdue
            or self.lapsed
            or self.onherroepelijk
            or self.reminders
            or self.follow_ups
            or self.follow_up_failures
            or self.unchecked
        )


@dataclass(frozen=True, slots=True)
class _Run:
    """One day's sweep: where it reads and writes, and what it reports."""

    uow: UnitOfWork
    catalog: DefinitionCatalog
    calendar: AtwCalendar
    today: date
    now: datetime
    report: SweepReport
    definitions: Definitions


def sweep(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    today: date,
    now: datetime,
) -> SweepReport:
    """The database half of `process_due`, inside the caller's transaction (never commits).

    Set-based: only the cases whose legal state may change today are loaded whole (a deadline
    passed; a dwangsom whose verjaring is re-projected) and saved under their version; every
    due reminder step is then claimed in bulk from the deadline rows alone
    (services/sweep_claims.py), which leaves the case version alone (docs/deadline-watch.md).
    """
    definitions = Definitions(uow, catalog)
    run = _Run(uow, catalog, calendar, today, now, SweepReport(today), definitions)
    due = uow.watch.due_reminders(today)
    whole = set(uow.watch.cases_with_overdue(today)) | {r.case_id for r in due if r.dwangsom}
    skipped: set[int] = set()
    changed = False
    for case_id in sorted(whole):  # each case is loaded and saved at most once per sweep
        outcome = _sweep_case(case_id, run)
        skipped.update([case_id] if outcome is None else [])
        changed = changed or bool(outcome)
    if changed:  # what the aggregates wrote (moved, passed, new deadlines) as rows
        due = uow.watch.due_reminders(today)
    rows = [r for r in due if r.case_id not in skipped]
    claim_due(uow, definitions, rows, calendar=calendar, today=today, now=now, report=run.report)
    _in_case_order(run.report)
    return run.report


def _sweep_case(case_id: int, run: _Run) -> bool | None:
    """Re-project and mark what passed in one whole case: True if saved, None if unchecked."""
    case = run.uow.cases.get(case_id)
    definition = run.definitions.of(case.workflow_name, case.workflow_version)
    if isinstance(definition, str):  # only this case waits until its definition is mended
        run.report.unchecked.append((case_id, definition))
        logger.warning("case %s not checked: %s", case_id, definition)
        return None
    moved = _reproject(case, definition, run)
    if moved:
        run.uow.cases.save(case, now=run.now)  # the moved deadlines get their ids first
    passed = _mark_passed(case, definition, run)
    if passed:
        run.uow.cases.save(case, now=run.now)
    return moved or passed


def _in_case_order(report: SweepReport) -> None:
    """Each list by case, as when every case was swept in turn (a stable sort)."""
    for found in (
        report.overdue, report.lapsed, report.onherroepelijk, report.reminders,
        report.follow_ups, report.follow_up_failures, report.unchecked,
    ):  # fmt: skip
        found.sort(key=lambda item: item[0])


def _reproject(case: Case, definition: WorkflowDefinition, run: _Run) -> bool:
    """Move each verjaring deadline to its date as the ledger stands today, before it can be
    marked passed or reminded: a bezwaar against the last still pending lengthens it each day
    (Awb 5:35 lid 2). True if one moved."""
    if not any(b.dwangsom is not None for b in case.besluiten):
        return False
    stamp = Stamp(on=run.today, at=run.now, by=SYSTEM_USER)

    def armed(d: Deadline) -> Deadline:
        ladder = case.reminder_ladders.get(d.kind) or definition.ladder(d.kind)
        return arm(d, ladder, run.calendar)

    return bool(reproject(case, today=run.today, stamp=stamp, arm=armed))


def _mark_passed(case: Case, definition: WorkflowDefinition, run: _Run) -> bool:
    """Mark what passed as its kind says (overdue or lapsed); windows settle their besluit.
    True if anything changed."""
    passed, changed = [], False
    for deadline in [d for d in case.deadlines if d.is_open]:
        kind = definition.deadline_kind(deadline.kind)
        status = passed_as(deadline, kind, today=run.today)
        if status is None:
            continue
        changed = True
        if awaits(kind) is Awaits.WINDOW:
            _end_window(case, definition, deadline, run)
            continue
        case.mark_passed(deadline, status, at=run.now, by=SYSTEM_USER)
        found = run.report.overdue if status is DeadlineStatus.OVERDUE else run.report.lapsed
        found.append((case.id or 0, deadline.kind, deadline.due))
        passed.append(deadline)
    for deadline in passed:
        kind = definition.deadline_kind(deadline.kind)
        follow_up = kind.follow_up if kind is not None else None
        if follow_up is not None and not follow_up_taken(case, definition, follow_up):
            _follow_up(case, definition, deadline, follow_up, run)
    return changed


def _end_window(case: Case, definition: WorkflowDefinition, deadline: Deadline, run: _Run) -> None:
    """A bezwaar or beroep window and its postal week are over: met if used, else lapsed.

    Unused, its besluit becomes onherroepelijk from the day after the term, and the handler
    gets one report saying so (no reminder before: the window is the provider's right).
    """
    outcome = window_outcome(case, deadline)
    if outcome.status is DeadlineStatus.MET:
        stamp = Stamp(on=outcome.since, at=run.now, by=SYSTEM_USER)
        case.close_deadline(deadline, DeadlineStatus.MET, stamp=stamp, action=None)
        return
    lapsed = case.mark_passed(deadline, DeadlineStatus.LAPSED, at=run.now, by=SYSTEM_USER)
    lapsed = case.schedule_reminder(lapsed, None)  # a window reminds no one before it ends
    run.report.lapsed.append((case.id or 0, deadline.kind, deadline.due))
    if outcome.final is None:
        return
    reason = (
        f"automatic: no {deadline.kind} received within the term that ended on "
        f"{deadline.due.isoformat()} and the postal week after it (Awb 6:9 lid 2)"
    )
    final_stamp = Stamp(on=outcome.since, at=run.now, by=SYSTEM_USER, reason=reason)
    for final in (outcome.final, outcome.contested):
        if final is not None:
            case.set_besluit_status(final, BesluitStatus.ONHERROEPELIJK, stamp=final_stamp)
            run.report.onherroepelijk.append((case.id or 0, final.kenmerk, outcome.since))
    _report_window(case, lapsed, definition, run)


def _report_window(
    case: Case, deadline: Deadline, definition: WorkflowDefinition, run: _Run
) -> None:
    """Queue the one mail about a window that ran out: sent on the day after the postal week."""
    kind = definition.deadline_kind(deadline.kind)
    planned_on = passes_on(deadline, kind)
    subject, body = compose_reminder(
        case_id=case.id or 0, provider=case.provider.name, deadline=deadline, kind=kind,
        today=run.today,
    )  # fmt: skip
    step = working_days_after(deadline.due, planned_on, run.calendar)
    claimed = run.uow.watch.claim(
        deadline_id=deadline.id or 0, case_id=case.id or 0, step=step, planned_on=planned_on,
        status=ReminderStatus.PENDING, subject=subject, body=body, now=run.now,
    )  # fmt: skip
    if claimed:
        run.report.reminders.append((case.id or 0, deadline.kind, step, deadline.due))


def _follow_up(
    case: Case, definition: WorkflowDefinition, deadline: Deadline, action: str, run: _Run
) -> None:
    """Take the action the workflow names for a passed deadline, dated the day after it."""
    reason = f"automatic: the {deadline.kind} term ended on {deadline.due.isoformat()}"
    stamp = Stamp(on=deadline.due + timedelta(days=1), at=run.now, by=SYSTEM_USER, reason=reason)
    try:
        run.catalog.machine(definition).fire(
            case, action, stamp=stamp, raw_params={}, calendar=run.calendar
        )
    except EscalationError as err:  # the case moved on; a jurist decides
        run.report.follow_up_failures.append((case.id or 0, action, str(err)))
        return
    run.report.follow_ups.append((case.id or 0, action, case.state))
