"""The database half of the deadline watch: mark what passed, claim due reminders, follow up."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import EscalationError
from escalation.domain.events import Stamp
from escalation.domain.model import Case
from escalation.domain.reminders import (
    ReminderStatus,
    due_steps,
    next_reminder,
    reminder_message,
)
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, UnitOfWork

logger = logging.getLogger(__name__)


SYSTEM_USER = "escalation"


@dataclass
class SweepReport:
    """What one day's sweep found and did (before any mail is sent)."""

    today: date
    overdue: list[tuple[int, str, date]] = field(default_factory=list)
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


def sweep(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    today: date,
    now: datetime,
) -> SweepReport:
    """The database half of `process_due`, inside the caller's transaction (never commits)."""
    run = _Run(uow, catalog, calendar, today, now, SweepReport(today))
    overdue = set(uow.watch.cases_with_overdue(today))
    due = overdue | set(uow.watch.cases_with_reminders(today))
    for case_id in sorted(due):  # each case is loaded and saved once per sweep
        case = uow.cases.get(case_id)
        try:
            definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
        except EscalationError as err:  # only this case waits until its definition is mended
            run.report.unchecked.append((case_id, str(err)))
            logger.warning("case %s not checked: %s", case_id, err)
            continue
        if case_id in overdue:
            _mark_overdue(case, definition, run)
        _claim_reminders(case, definition, run)
        uow.cases.save(case, now=now)
    return run.report


def _mark_overdue(case: Case, definition: WorkflowDefinition, run: _Run) -> None:
    passed = [d for d in case.deadlines if d.is_open and d.due < run.today]
    for deadline in passed:
        case.mark_passed(deadline, DeadlineStatus.OVERDUE, at=run.now, by=SYSTEM_USER)
        run.report.overdue.append((case.id or 0, deadline.kind, deadline.due))
    for deadline in passed:
        kind = definition.deadline_kind(deadline.kind)
        if kind is not None and kind.follow_up is not None:
            _follow_up(case, definition, deadline, kind.follow_up, run)


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


def _claim_reminders(case: Case, definition: WorkflowDefinition, run: _Run) -> None:
    for deadline in list(case.deadlines):
        since = deadline.next_reminder_on
        if not deadline.is_awaited or since is None or since > run.today:
            continue
        ladder = case.reminder_ladders.get(deadline.kind) or definition.ladder(deadline.kind)
        steps = [
            (step, day)
            for step, day in due_steps(deadline.due, ladder, today=run.today, calendar=run.calendar)
            if day >= since
        ]
        for n, (step, planned_on) in enumerate(steps):
            _claim(case, deadline, step, planned_on, latest=n == len(steps) - 1, run=run)
        following = next_reminder(deadline.due, ladder, after=run.today, calendar=run.calendar)
        case.schedule_reminder(deadline, following)


def _claim(
    case: Case, deadline: Deadline, step: int, planned_on: date, *, latest: bool, run: _Run
) -> None:
    """Claim one ladder step once; only the latest due step is mailed, earlier ones superseded."""
    subject, body = reminder_message(
        case_id=case.id or 0,
        provider=case.provider.name,
        kind=deadline.kind,
        due=deadline.due,
        today=run.today,
    )  # as it stands now; composed again when the mail goes out
    claimed = run.uow.watch.claim(
        deadline_id=deadline.id or 0,
        case_id=case.id or 0,
        step=step,
        planned_on=planned_on,
        status=ReminderStatus.PENDING if latest else ReminderStatus.SUPERSEDED,
        subject=subject,
        body=body,
        now=run.now,
    )
    if claimed and latest:
        run.report.reminders.append((case.id or 0, deadline.kind, step, deadline.due))
    elif claimed:
        run.report.superseded += 1
