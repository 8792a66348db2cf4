"""WatchRepository contract, the outbox: queued reminders, send leases, stale steps, incidents."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from escalation.domain.reminders import ReminderStatus, ReminderView
from escalation.services.ports import UnitOfWork
from tests.contracts.builders import NOW, Backend
from tests.contracts.test_watch_repository import LATER, claim, reminders, stored_case

LEASE_END = NOW + timedelta(minutes=10)
AFTER_LEASE = LEASE_END + timedelta(seconds=1)
AGAIN = AFTER_LEASE + timedelta(minutes=10)


def start(
    uow: UnitOfWork,
    reminder_id: int,
    *,
    now: datetime = NOW,
    lease_until: datetime = LEASE_END,
    note: str | None = None,
) -> bool:
    return uow.watch.start_sending(
        reminder_id,
        now=now,
        lease_until=lease_until,
        subject=f"Onderwerp {reminder_id}",
        body=f"Tekst {reminder_id}",
        note=note,
    )


def queue(backend: Backend, now: datetime = NOW) -> list[tuple[int, str]]:
    """(step, status) of what a run at `now` would send, in its order."""
    with backend.uow() as uow:
        return [(r.step, r.status) for r in uow.watch.to_send(now=now)]


def by_step(backend: Backend) -> dict[int, ReminderView]:
    return {r.step: r for r in reminders(backend)}


def test_to_send_is_pending_and_failed_soonest_first_up_to_the_limit(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14), date(2025, 3, 14))
    with backend.uow() as uow:
        claim(uow, case, 1, planned_on=date(2025, 2, 17))
        claim(uow, case, -14, planned_on=date(2025, 1, 27), status=ReminderStatus.SUPERSEDED)
        claim(uow, case, 0, planned_on=date(2025, 2, 14))
        claim(uow, case, 0, index=1, planned_on=date(2025, 2, 14))
        claim(uow, case, -3, planned_on=date(2025, 2, 11))
        uow.commit()
    failing = reminders(backend)[-1]
    with backend.uow() as uow:
        start(uow, failing.id)
        uow.watch.finish(failing.id, status=ReminderStatus.FAILED, now=NOW, error="refused")
        uow.commit()

    with backend.uow() as uow:
        first_two = [r.id for r in uow.watch.to_send(now=NOW, limit=2)]
        counted = uow.watch.count_to_send(now=NOW)

    assert queue(backend) == [
        (-3, ReminderStatus.PENDING),
        (0, ReminderStatus.PENDING),
        (0, ReminderStatus.PENDING),
        (1, ReminderStatus.FAILED),
    ]
    assert first_two == [r.id for r in reminders(backend)[1:3]]
    assert counted == 4


def test_a_reminder_that_failed_before_waits_behind_those_never_tried(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14), date(2025, 3, 14))
    with backend.uow() as uow:
        claim(uow, case, -3, planned_on=date(2025, 2, 11))
        claim(uow, case, 0, index=1, planned_on=date(2025, 3, 14))
        uow.commit()
    early = reminders(backend)[0]
    with backend.uow() as uow:
        start(uow, early.id)
        uow.watch.finish(early.id, status=ReminderStatus.FAILED, now=NOW, error="refused")
        uow.commit()

    assert queue(backend) == [(0, ReminderStatus.PENDING), (-3, ReminderStatus.FAILED)]


def test_sending_a_reminder_starts_once_and_records_what_is_sent(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        claim(uow, case, 0)
        claim(uow, case, -3, status=ReminderStatus.SUPERSEDED)
        uow.commit()
    pending, superseded = sorted(reminders(backend), key=lambda r: -r.step)

    with backend.uow() as uow:
        started = start(uow, pending.id)
        uow.commit()
    with backend.uow() as uow:
        again = start(uow, pending.id)
        never = start(uow, superseded.id)
        unknown = start(uow, pending.id + superseded.id)

    assert (started, again, never, unknown) == (True, False, False, False)
    assert queue(backend) == []
    (sending,) = reminders(backend, status=ReminderStatus.SENDING)
    assert (sending.id, sending.attempts, sending.lease_until) == (pending.id, 1, LEASE_END)
    assert (sending.subject, sending.body) == (f"Onderwerp {pending.id}", f"Tekst {pending.id}")


def test_a_sending_reminder_whose_lease_ended_is_queued_again(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        claim(uow, case, 0)
        uow.commit()
    (item,) = reminders(backend)
    with backend.uow() as uow:
        start(uow, item.id)
        uow.commit()  # ... and the run dies here

    held = queue(backend, now=LEASE_END - timedelta(seconds=1))
    ended = queue(backend, now=AFTER_LEASE)
    with backend.uow() as uow:
        early = start(uow, item.id, now=LEASE_END - timedelta(seconds=1))
        taken = start(uow, item.id, now=AFTER_LEASE, lease_until=AGAIN, note="stopped")
        twice = start(uow, item.id, now=AFTER_LEASE)
        uow.commit()

    assert held == [] and ended == [(0, ReminderStatus.SENDING)]
    assert (early, taken, twice) == (False, True, False)
    (again,) = reminders(backend)
    assert (again.status, again.attempts, again.last_error) == ("sending", 2, "stopped")
    assert again.lease_until == AGAIN


def test_an_interrupted_send_is_an_incident_until_it_is_sent(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        claim(uow, case, 0)
        (item,) = uow.watch.to_send(now=NOW)
        start(uow, item.id)
        uow.commit()

    with backend.uow() as uow:
        during = uow.watch.incidents(now=NOW)
        after = [(r.id, r.status) for r in uow.watch.incidents(now=AFTER_LEASE)]
        start(uow, item.id, now=AFTER_LEASE, note="stopped")
        uow.watch.finish(item.id, status=ReminderStatus.SENT, now=AFTER_LEASE, recipient="a@b.nl")
        uow.commit()

    with backend.uow() as uow:
        still = uow.watch.incidents(now=AFTER_LEASE)
        resolved = uow.watch.incidents(now=AFTER_LEASE, include_resolved=True)
        counts = (
            uow.watch.count_incidents(now=AFTER_LEASE),
            uow.watch.count_incidents(now=AFTER_LEASE, include_resolved=True),
        )
    assert during == [] and after == [(item.id, ReminderStatus.SENDING)]
    assert still == [] and counts == (0, 1)
    assert [(r.status, r.last_error, r.lease_until) for r in resolved] == [
        ("sent", "stopped", None)
    ]


def test_a_failed_reminder_is_an_incident_until_it_is_sent(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        claim(uow, case)
        (item,) = uow.watch.to_send(now=NOW)
        start(uow, item.id)
        uow.watch.finish(
            item.id, status=ReminderStatus.FAILED, now=NOW, recipient="anna@x.nl", error="down"
        )
        uow.commit()
    with backend.uow() as uow:
        failed = uow.watch.incidents(now=NOW)
        retried = start(uow, item.id)
        uow.watch.finish(item.id, status=ReminderStatus.SENT, now=LATER, recipient="anna@y.nl")
        uow.commit()

    with backend.uow() as uow:
        open_incidents = uow.watch.incidents(now=LATER)
        (resolved,) = uow.watch.incidents(now=LATER, include_resolved=True)
    assert [(r.id, r.status, r.last_error, r.recipient) for r in failed] == [
        (item.id, ReminderStatus.FAILED, "down", "anna@x.nl")
    ]
    assert retried is True
    assert open_incidents == []
    assert (resolved.status, resolved.attempts, resolved.last_error) == ("sent", 2, "down")
    assert (resolved.recipient, resolved.sent_at) == ("anna@y.nl", LATER)
    assert resolved.lease_until is None


def test_incidents_come_up_to_the_limit_and_are_counted(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        for step in (-3, 0, 1):
            claim(uow, case, step)
        for item in uow.watch.to_send(now=NOW):
            uow.watch.finish(item.id, status=ReminderStatus.FAILED, now=NOW, error="down")
        uow.commit()

    with backend.uow() as uow:
        two = uow.watch.incidents(now=NOW, limit=2)
        every = uow.watch.incidents(now=NOW, limit=None)
        counted = uow.watch.count_incidents(now=NOW)

    assert (len(two), len(every), counted) == (2, 3, 3)


def test_finishing_without_a_recipient_leaves_none(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        claim(uow, case)
        (item,) = uow.watch.to_send(now=NOW)
        uow.watch.finish(item.id, status=ReminderStatus.FAILED, now=NOW, recipient="a@b.nl")
        uow.watch.finish(item.id, status=ReminderStatus.DROPPED, now=NOW)
        uow.commit()

    (dropped,) = reminders(backend)
    assert (dropped.status, dropped.recipient, dropped.sent_at) == ("dropped", None, None)
    assert dropped.last_error is None


def test_reminders_filter_by_case_and_status_soonest_first_up_to_the_limit(
    backend: Backend,
) -> None:
    first = stored_case(backend, date(2025, 2, 14))
    second = stored_case(backend, date(2025, 2, 10))
    with backend.uow() as uow:
        claim(uow, first, 0, planned_on=date(2025, 2, 14))
        claim(uow, second, 0, planned_on=date(2025, 2, 10))
        claim(uow, first, -3, planned_on=date(2025, 2, 11), status=ReminderStatus.SUPERSEDED)
        claim(uow, second, 1, planned_on=date(2025, 2, 11))
        uow.commit()

    every = [(r.case_id, r.planned_on.day) for r in reminders(backend)]
    of_first = [r.step for r in reminders(backend, case_id=first.id)]
    pending = [r.step for r in reminders(backend, status=ReminderStatus.PENDING)]
    both = [r.step for r in reminders(backend, case_id=first.id, status="pending")]
    limited = [r.planned_on.day for r in reminders(backend, limit=2)]
    with backend.uow() as uow:
        unlimited = len(uow.watch.reminders(limit=None))
        counts = (
            uow.watch.count_reminders(),
            uow.watch.count_reminders(case_id=first.id),
            uow.watch.count_reminders(status=ReminderStatus.PENDING),
            uow.watch.count_reminders(case_id=first.id, status=ReminderStatus.PENDING),
        )

    assert every == [(second.id, 10), (first.id, 11), (second.id, 11), (first.id, 14)]
    assert of_first == [-3, 0]
    assert pending == [0, 1, 0]
    assert both == [0]
    assert limited == [10, 11]
    assert unlimited == 4 and counts == (4, 2, 3, 1)


def test_a_unit_of_work_sees_its_own_outbox_changes(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14))

    with backend.uow() as uow:
        claim(uow, case)
        (item,) = uow.watch.reminders()
        start(uow, item.id)
        (sending,) = uow.watch.reminders()
        uow.watch.finish(item.id, status=ReminderStatus.SENT, now=NOW, recipient="anna@x.nl")
        (sent,) = uow.watch.reminders()

    assert (item.status, item.attempts) == (ReminderStatus.PENDING, 0)
    assert (sending.status, sending.attempts) == (ReminderStatus.SENDING, 1)
    assert (sent.status, sent.recipient, sent.sent_at) == (ReminderStatus.SENT, "anna@x.nl", NOW)


# --- one mail per deadline: the newest step --------------------------------------------------


def test_earlier_queued_steps_of_a_deadline_with_a_later_one_are_superseded(
    backend: Backend,
) -> None:
    case = stored_case(backend, date(2025, 2, 14), date(2025, 3, 14))
    with backend.uow() as uow:
        for step in (-14, -3, 0):
            claim(uow, case, step)
        claim(uow, case, -3, index=1)  # another deadline: its own newest
        uow.commit()
    with backend.uow() as uow:
        for item in uow.watch.to_send(now=NOW):
            if item.step == -14:
                uow.watch.finish(item.id, status=ReminderStatus.FAILED, now=NOW, error="down")
        uow.commit()

    with backend.uow() as uow:
        replaced = uow.watch.supersede_stale(now=NOW)
        uow.commit()
    with backend.uow() as uow:
        again = uow.watch.supersede_stale(now=NOW)

    assert (replaced, again) == (2, 0)
    steps = [(r.deadline_id, r.step, r.status) for r in reminders(backend)]
    first, second = (d.id for d in case.deadlines)
    assert sorted(steps) == sorted(
        [
            (first, -14, ReminderStatus.SUPERSEDED),
            (first, -3, ReminderStatus.SUPERSEDED),
            (first, 0, ReminderStatus.PENDING),
            (second, -3, ReminderStatus.PENDING),
        ]
    )


def test_an_earlier_step_is_stale_once_a_later_one_went_out_and_not_before_its_lease_ends(
    backend: Backend,
) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        for step in (-14, -3, 0):
            claim(uow, case, step)
        uow.commit()
    steps = by_step(backend)
    with backend.uow() as uow:
        start(uow, steps[-14].id)  # another run is sending it right now
        start(uow, steps[-3].id)
        uow.watch.finish(steps[-3].id, status=ReminderStatus.FAILED, now=NOW, error="down")
        start(uow, steps[0].id)
        uow.watch.finish(steps[0].id, status=ReminderStatus.SENT, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        while_held = uow.watch.supersede_stale(now=NOW)
        after_lease = uow.watch.supersede_stale(now=AFTER_LEASE)
        uow.commit()

    assert (while_held, after_lease) == (1, 1)
    assert {s: r.status for s, r in by_step(backend).items()} == {
        -14: ReminderStatus.SUPERSEDED,
        -3: ReminderStatus.SUPERSEDED,
        0: ReminderStatus.SENT,
    }
    assert by_step(backend)[-14].lease_until is None


def test_a_later_step_that_was_dropped_or_superseded_makes_nothing_stale(
    backend: Backend,
) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        claim(uow, case, -3)
        claim(uow, case, 0, status=ReminderStatus.SUPERSEDED)
        claim(uow, case, 1)
        uow.commit()
    with backend.uow() as uow:
        uow.watch.finish(by_step(backend)[1].id, status=ReminderStatus.DROPPED, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        replaced = uow.watch.supersede_stale(now=NOW)

    assert replaced == 0
    assert by_step(backend)[-3].status == ReminderStatus.PENDING


# --- the database's identity -----------------------------------------------------------------


def test_the_database_has_one_identity_that_every_unit_of_work_reads(backend: Backend) -> None:
    with backend.uow() as uow:
        first = uow.watch.database_id()
        uow.commit()
    with backend.uow() as uow:
        again = uow.watch.database_id()

    assert first == again
    assert len(first) >= 16 and first.isalnum()
