"""The sweep's common path, set-based: claim every due reminder step without loading a case.

From the due deadline rows alone (one query), the ladder steps are computed in Python (the
workflow's or the case's own ladder, the Atw calendar), claimed with multi-row INSERTs that
do nothing where a step was claimed before, and each deadline's next reminder day is set in
bulk. None of this bumps the case version: it is bookkeeping, not the case's legal state
(docs/deadline-watch.md, "The case version and the sweep").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import DeadlineStatus
from escalation.domain.definition import Awaits, WorkflowDefinition
from escalation.domain.errors import EscalationError
from escalation.domain.passing import awaits
from escalation.domain.reminders import (
    Claim,
    DueReminder,
    ReminderStatus,
    due_steps,
    next_reminder,
    reminder_message,
)
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, UnitOfWork

if TYPE_CHECKING:
    from escalation.services.sweep import SweepReport

logger = logging.getLogger(__name__)


@dataclass
class _Plan:
    """What one sweep claims and where each deadline's next reminder moves."""

    claims: list[Claim] = field(default_factory=list)
    latest: dict[tuple[int, int], DueReminder] = field(default_factory=dict)
    following: dict[int, date | None] = field(default_factory=dict)


def claim_due(
    uow: UnitOfWork,
    definitions: Definitions,
    rows: list[DueReminder],
    *,
    calendar: AtwCalendar,
    today: date,
    now: datetime,
    report: SweepReport,
) -> None:
    """Claim the due steps of `rows` (earlier ones superseded, the latest pending) and advance
    each deadline's next reminder day; what was claimed goes into `report`."""
    plan = _Plan()
    unchecked: dict[int, str] = {}
    for row in rows:
        definition = definitions.of(row.workflow, row.version)
        if isinstance(definition, str):  # only this case waits until its definition is mended
            unchecked.setdefault(row.case_id, definition)
            continue
        _plan(row, definition, plan, calendar=calendar, today=today)
    claimed = uow.watch.claim_many(plan.claims, now=now) if plan.claims else set()
    uow.watch.schedule_reminders(plan.following)
    for claim in plan.claims:
        if (claim.deadline_id, claim.step) not in claimed:
            continue  # another run claimed it before
        latest = plan.latest.get((claim.deadline_id, claim.step))
        if latest is None:
            report.superseded += 1
        else:
            report.reminders.append((latest.case_id, latest.kind, claim.step, latest.due))
    for case_id, error in unchecked.items():
        report.unchecked.append((case_id, error))
        logger.warning("case %s not checked: %s", case_id, error)


def _plan(
    row: DueReminder, definition: WorkflowDefinition, plan: _Plan, *, calendar: AtwCalendar,
    today: date,
) -> None:  # fmt: skip
    kind = definition.deadline_kind(row.kind)
    if awaits(kind) is Awaits.WINDOW:
        plan.following[row.deadline_id] = None  # a window only reports its end
        return
    ladder = row.ladders.get(row.kind) or definition.ladder(row.kind)
    steps = [
        (step, day)
        for step, day in due_steps(row.due, ladder, today=today, calendar=calendar)
        if day >= row.next_reminder_on
    ]
    if steps:  # as it stands now; composed again when the mail goes out
        subject, body = reminder_message(
            case_id=row.case_id, provider=row.provider, kind=row.kind, due=row.due, today=today,
            awaits=None if kind is None else kind.awaits,
            lapsed=row.status == DeadlineStatus.LAPSED.value,
        )  # fmt: skip
    for n, (step, planned_on) in enumerate(steps):
        latest = n == len(steps) - 1
        status = ReminderStatus.PENDING if latest else ReminderStatus.SUPERSEDED
        plan.claims.append(
            Claim(row.deadline_id, row.case_id, step, planned_on, status, subject, body)
        )
        if latest:
            plan.latest[(row.deadline_id, step)] = row
    plan.following[row.deadline_id] = next_reminder(row.due, ladder, after=today, calendar=calendar)


class Definitions:
    """Each workflow version read once per sweep; an unreadable one as its error text."""

    def __init__(self, uow: UnitOfWork, catalog: DefinitionCatalog) -> None:
        self._uow, self._catalog = uow, catalog
        self._read: dict[tuple[str, int], WorkflowDefinition | str] = {}

    def of(self, workflow: str, version: int) -> WorkflowDefinition | str:
        key = (workflow, version)
        if key not in self._read:
            try:
                self._read[key] = definition_for(self._uow, self._catalog, *key)
            except EscalationError as err:
                self._read[key] = str(err)
        return self._read[key]
