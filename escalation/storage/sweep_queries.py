"""The set-based half of the deadline sweep: due reminder rows, bulk claims, bulk advances.

Reminder bookkeeping (a claimed step, `next_reminder_on`) is written here with plain
statements, not through the case aggregate: it does not bump the case version
(docs/deadline-watch.md, "The case version and the sweep").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col

from escalation.domain.deadline import DeadlineStatus
from escalation.domain.reminders import Claim, DueReminder
from escalation.storage.dwangsom_tables import DwangsomRow
from escalation.storage.tables import BesluitRow, CaseRow, DeadlineRow, ProviderRow, ReminderRow

# A lapsed deadline may still remind (an embargo: "publicatie toegestaan vanaf").
_REMINDED = (DeadlineStatus.OPEN.value, DeadlineStatus.OVERDUE.value, DeadlineStatus.LAPSED.value)
_IDS_PER_UPDATE = 500


def due_reminders(session: Session, today: date) -> list[DueReminder]:
    """Deadlines with a reminder step due by `today`, with what a claim needs (one query)."""
    dwangsom = exists().where(
        col(BesluitRow.case_id) == col(CaseRow.id),
        col(DwangsomRow.besluit_id) == col(BesluitRow.id),
    )
    query = (
        select(
            col(DeadlineRow.id),
            col(DeadlineRow.case_id),
            col(DeadlineRow.kind),
            col(DeadlineRow.due),
            col(DeadlineRow.status),
            col(DeadlineRow.next_reminder_on),
            col(CaseRow.workflow_name),
            col(CaseRow.workflow_version),
            col(ProviderRow.name),
            col(CaseRow.reminder_ladders),
            dwangsom.label("dwangsom"),
        )  # fmt: skip
        .join(CaseRow, col(CaseRow.id) == col(DeadlineRow.case_id))
        .join(ProviderRow, col(ProviderRow.id) == col(CaseRow.provider_id))
        .where(col(DeadlineRow.status).in_(_REMINDED), col(DeadlineRow.next_reminder_on) <= today)
        .order_by(col(DeadlineRow.case_id), col(DeadlineRow.id))
    )
    return [_due(*row) for row in session.connection().execute(query)]


def _due(*row: Any) -> DueReminder:
    deadline_id, case_id, kind, due, status, since, workflow, version, provider, ladders, d = row
    return DueReminder(
        deadline_id=deadline_id, case_id=case_id, kind=kind, due=due, status=status,
        next_reminder_on=since, workflow=workflow, version=version, provider=provider,
        ladders={k: tuple(v) for k, v in (ladders or {}).items()}, dwangsom=bool(d),
    )  # fmt: skip


def claim_many(session: Session, claims: Sequence[Claim], *, now: datetime) -> set[tuple[int, int]]:
    """Claim each (deadline, step) once: multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING;
    returns the (deadline, step) pairs this run claimed (another run's are left out)."""
    table = ReminderRow.__table__  # type: ignore[attr-defined]
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(table)
        .on_conflict_do_nothing()
        .returning(col(ReminderRow.deadline_id), col(ReminderRow.step))
    )
    # One statement compiled once; SQLAlchemy sends the rows as multi-row VALUES batches
    # ("insertmanyvalues"), each batch within the driver's limit on bound values.
    rows = session.connection().execute(statement, [_values(c, now) for c in claims])
    return {(deadline_id, step) for deadline_id, step in rows}


def _values(claim: Claim, now: datetime) -> dict[str, Any]:
    return {
        "deadline_id": claim.deadline_id, "case_id": claim.case_id, "step": claim.step,
        "planned_on": claim.planned_on, "status": claim.status, "subject": claim.subject,
        "body": claim.body, "attempts": 0, "created_at": now,
    }  # fmt: skip


def schedule_reminders(session: Session, plan: Mapping[int, date | None]) -> None:
    """Set each deadline's next reminder day: one UPDATE per distinct day (a few a sweep)."""
    by_day: dict[date | None, list[int]] = defaultdict(list)
    for deadline_id, day in plan.items():
        by_day[day].append(deadline_id)
    connection = session.connection()
    for day, ids in by_day.items():
        for start in range(0, len(ids), _IDS_PER_UPDATE):
            chunk = ids[start : start + _IDS_PER_UPDATE]
            connection.execute(
                update(DeadlineRow)
                .where(col(DeadlineRow.id).in_(chunk))
                .values(next_reminder_on=day)
            )
    # Deadlines this session already holds (a case loaded earlier in the same transaction, a
    # simulation's earlier day) see the new day, as if read again.
    for held in list(session.identity_map.values()):
        if isinstance(held, DeadlineRow) and held.id is not None and held.id in plan:
            set_committed_value(held, "next_reminder_on", plan[held.id])
