"""WatchRepository contract, the set-based sweep: due rows, claims in bulk, bulk advances."""

from __future__ import annotations

from datetime import date

from escalation.domain.deadline import DeadlineStatus
from escalation.domain.reminders import Claim, ReminderStatus
from tests.contracts.builders import (
    NOW,
    TODAY,
    Backend,
    add_case,
    change,
    deadline,
    load,
    opened,
    stamp,
)

PAST, FUTURE = date(2025, 1, 20), date(2025, 2, 14)


def _claim(
    deadline_id: int, case_id: int, step: int, status: str = ReminderStatus.PENDING
) -> Claim:
    return Claim(deadline_id, case_id, step, TODAY, status, f"stap {step}", "De termijn loopt af.")


def test_due_reminders_are_the_reminded_deadlines_with_a_step_due_and_what_a_claim_needs(
    backend: Backend,
) -> None:
    due_today = add_case(backend, opened(None, deadline("a", FUTURE, next_reminder_on=TODAY)))
    later = add_case(backend, opened(None, deadline("a", FUTURE, next_reminder_on=FUTURE)))
    overdue = add_case(backend, opened(None, deadline("b", PAST, next_reminder_on=PAST)))
    change(backend, overdue, lambda c: c.mark_passed(
        c.deadlines[0], DeadlineStatus.OVERDUE, at=NOW, by="escalation"))  # fmt: skip
    met = add_case(backend, opened(None, deadline("c", PAST, next_reminder_on=PAST)))
    change(backend, met, lambda c: c.close_deadline(
        c.deadlines[0], DeadlineStatus.MET, stamp=stamp(), action=None))  # fmt: skip
    change(backend, due_today, lambda c: c.reminder_ladders.update({"a": (-5, 0)}))

    with backend.uow() as uow:
        rows = uow.watch.due_reminders(TODAY)

    assert [(r.case_id, r.kind, r.status) for r in rows] == [
        (due_today, "a", "open"),
        (overdue, "b", "overdue"),
    ]
    first = rows[0]
    assert first.deadline_id == load(backend, due_today).deadlines[0].id
    assert (first.due, first.next_reminder_on, first.workflow, first.version) == (
        FUTURE, TODAY, "jeugdwet", 3,
    )  # fmt: skip
    assert first.ladders == {"a": (-5, 0)}
    assert first.provider == load(backend, due_today).provider.name
    assert first.dwangsom is False
    assert later not in [r.case_id for r in rows]


def test_claims_in_bulk_are_claimed_once_per_deadline_and_step(backend: Backend) -> None:
    case_id = add_case(backend, opened(None, deadline("a", FUTURE), deadline("b", FUTURE)))
    a, b = (d.id or 0 for d in load(backend, case_id).deadlines)
    with backend.uow() as uow:
        first = uow.watch.claim_many([_claim(a, case_id, -5), _claim(b, case_id, -5)], now=NOW)
        uow.commit()
    with backend.uow() as uow:
        again = uow.watch.claim_many(
            [_claim(a, case_id, -5), _claim(a, case_id, 0, ReminderStatus.SUPERSEDED)], now=NOW
        )
        uow.commit()
    with backend.uow() as uow:
        stored = uow.watch.reminders(case_id=case_id)

    assert first == {(a, -5), (b, -5)}
    assert again == {(a, 0)}
    assert sorted((r.deadline_id, r.step, r.status) for r in stored) == sorted(
        [(a, -5, "pending"), (b, -5, "pending"), (a, 0, "superseded")]
    )


def test_an_uncommitted_bulk_claim_leaves_the_steps_free(backend: Backend) -> None:
    case_id = add_case(backend, opened(None, deadline("a", FUTURE)))
    a = load(backend, case_id).deadlines[0].id or 0
    with backend.uow() as uow:
        uow.watch.claim_many([_claim(a, case_id, -5)], now=NOW)

    with backend.uow() as uow:
        assert uow.watch.claim_many([_claim(a, case_id, -5)], now=NOW) == {(a, -5)}


def test_scheduling_reminders_in_bulk_moves_the_day_and_keeps_the_case_version(
    backend: Backend,
) -> None:
    case_id = add_case(backend, opened(None, deadline("a", FUTURE, next_reminder_on=TODAY),
                                       deadline("b", FUTURE, next_reminder_on=TODAY)))  # fmt: skip
    before = load(backend, case_id)
    a, b = (d.id or 0 for d in before.deadlines)
    with backend.uow() as uow:
        uow.watch.schedule_reminders({a: FUTURE, b: None})
        uow.commit()

    after = load(backend, case_id)
    assert [d.next_reminder_on for d in after.deadlines] == [FUTURE, None]
    assert after.version == before.version
