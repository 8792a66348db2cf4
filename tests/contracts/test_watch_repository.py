"""WatchRepository contract: due deadlines, reminders claimed once per step, the mail outbox."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.model import Case
from escalation.domain.reminders import AgendaItem, ReminderStatus, ReminderView
from escalation.services.ports import UnitOfWork
from tests.contracts.builders import (
    NOW,
    TODAY,
    Backend,
    add_case,
    change,
    deadline,
    opened,
    provider,
    stamp,
)

LATER = NOW + timedelta(hours=1)


def claim(
    uow: UnitOfWork,
    case: Case,
    step: int = 0,
    *,
    index: int = 0,
    planned_on: date = TODAY,
    status: str = ReminderStatus.PENDING,
) -> bool:
    return uow.watch.claim(
        deadline_id=case.deadlines[index].id or 0,
        case_id=case.id or 0,
        step=step,
        planned_on=planned_on,
        status=status,
        subject=f"Herinnering stap {step}",
        body=f"Zaak {case.id}: de termijn loopt af.",
        now=NOW,
    )


def stored_case(backend: Backend, *dues: date, handler: str | None = "anna") -> Case:
    case = opened(provider(), *(deadline(f"termijn{i}", due) for i, due in enumerate(dues)),
                  handler=handler)  # fmt: skip
    add_case(backend, case)
    return case


def reminders(
    backend: Backend, *, case_id: int | None = None, status: str | None = None, limit: int = 1000
) -> list[ReminderView]:
    with backend.uow() as uow:
        return uow.watch.reminders(case_id=case_id, status=status, limit=limit)


# --- claims --------------------------------------------------------------------------------


def test_a_step_of_a_deadline_is_claimed_once(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14), date(2025, 3, 14))
    with backend.uow() as uow:
        first, again = claim(uow, case, 0), claim(uow, case, 0)
        uow.commit()
    with backend.uow() as uow:
        later = claim(uow, case, 0)
        other_step, other_deadline = claim(uow, case, -3), claim(uow, case, 0, index=1)
        uow.commit()

    assert (first, again, later) == (True, False, False)
    assert (other_step, other_deadline) == (True, True)
    assert len(reminders(backend)) == 3


def test_a_claim_that_is_not_committed_leaves_the_step_free(backend: Backend) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        claim(uow, case)

    with backend.uow() as uow:
        assert claim(uow, case) is True


def test_a_claimed_reminder_shows_its_deadline_and_its_case_as_they_are_now(
    backend: Backend,
) -> None:
    case = stored_case(backend, date(2025, 2, 14))
    with backend.uow() as uow:
        claim(uow, case, -3, planned_on=date(2025, 2, 11))
        uow.commit()
    change(backend, case.id or 0, lambda c: c.assign("bram", stamp=stamp()))

    (view,) = reminders(backend)

    assert view == ReminderView(
        id=view.id,
        case_id=case.id or 0,
        deadline_id=case.deadlines[0].id or 0,
        kind="termijn0",
        due=date(2025, 2, 14),
        step=-3,
        planned_on=date(2025, 2, 11),
        status=ReminderStatus.PENDING,
        handler="bram",
        recipient=None,
        subject="Herinnering stap -3",
        body=f"Zaak {case.id}: de termijn loopt af.",
        attempts=0,
        last_error=None,
        sent_at=None,
    )


# --- what is due ---------------------------------------------------------------------------


def _due_cases(backend: Backend) -> dict[str, int]:
    """Cases whose deadlines are open, passed, met, moved or waiting for a reminder."""
    past, today, future = date(2025, 1, 20), TODAY, date(2025, 2, 14)

    def one(*deadlines: Deadline) -> int:
        return add_case(backend, opened(provider(), *deadlines))

    ids = {
        "open, past": one(deadline("a", past)),
        "open, today": one(deadline("a", today)),
        "two open, past": one(deadline("a", past), deadline("b", past)),
        "overdue": one(deadline("a", past)),
        "met": one(deadline("a", past)),
        "remind today": one(deadline("a", future, next_reminder_on=today)),
        "remind later": one(deadline("a", future, next_reminder_on=future)),
        "overdue, remind": one(deadline("a", past, next_reminder_on=past)),
    }
    change(backend, ids["overdue"], _passed)
    change(backend, ids["overdue, remind"], _passed)
    change(backend, ids["met"], _met)
    return ids


def _met(case: Case) -> None:
    case.close_deadlines(["a"], DeadlineStatus.MET, stamp=stamp(), action=None)


def _passed(case: Case) -> None:
    case.mark_passed(case.deadlines[0], DeadlineStatus.OVERDUE, at=NOW, by="escalation")


def test_cases_with_overdue_have_an_open_deadline_before_today(backend: Backend) -> None:
    ids = _due_cases(backend)

    with backend.uow() as uow:
        found = uow.watch.cases_with_overdue(TODAY)
        a_day_later = uow.watch.cases_with_overdue(TODAY + timedelta(days=1))

    assert found == [ids["open, past"], ids["two open, past"]]
    assert a_day_later == [ids["open, past"], ids["open, today"], ids["two open, past"]]


def test_cases_with_reminders_have_an_awaited_deadline_with_a_reminder_due(
    backend: Backend,
) -> None:
    ids = _due_cases(backend)

    with backend.uow() as uow:
        found = uow.watch.cases_with_reminders(TODAY)

    assert found == [ids["remind today"], ids["overdue, remind"]]


# --- the agenda ----------------------------------------------------------------------------


@pytest.fixture
def agenda_cases(backend: Backend) -> dict[str, Case]:
    cases = {
        "anna": stored_case(backend, date(2025, 3, 14), date(2025, 2, 14), handler="Anna"),
        "bram": stored_case(backend, date(2025, 2, 14), date(2025, 1, 20), handler="bram"),
        "nobody": stored_case(backend, date(2025, 1, 31), date(2025, 1, 10), handler=None),
    }
    change(backend, cases["bram"].id or 0, lambda c: c.mark_passed(
        c.deadlines[1], DeadlineStatus.OVERDUE, at=NOW, by="escalation"))  # fmt: skip
    change(backend, cases["nobody"].id or 0, lambda c: c.close_deadlines(
        ["termijn1"], DeadlineStatus.CANCELLED, stamp=stamp(), action=None))  # fmt: skip
    return cases


def agenda(
    backend: Backend,
    *,
    until: date | None = None,
    overdue_only: bool = False,
    handler: str | None = None,
    case_id: int | None = None,
) -> list[tuple[str | None, int]]:
    """(handler, day of the due date) of each agenda item."""
    with backend.uow() as uow:
        items = uow.watch.agenda(
            until=until, overdue_only=overdue_only, handler=handler, today=TODAY, case_id=case_id
        )
    return [(i.handler, i.due.day) for i in items]


def test_the_agenda_lists_awaited_deadlines_soonest_first(
    backend: Backend, agenda_cases: dict[str, Case]
) -> None:
    assert agenda(backend) == [("bram", 20), (None, 31), ("Anna", 14), ("bram", 14), ("Anna", 14)]


def test_the_agenda_filters_by_date_overdue_handler_and_case(
    backend: Backend, agenda_cases: dict[str, Case]
) -> None:
    until = agenda(backend, until=date(2025, 2, 14))
    overdue = agenda(backend, overdue_only=True)
    anna = agenda(backend, handler="ANNA")
    bram_until = agenda(backend, handler="Bram", until=date(2025, 2, 13))
    one_case = agenda(backend, case_id=agenda_cases["nobody"].id)

    assert until == [("bram", 20), (None, 31), ("Anna", 14), ("bram", 14)]
    assert overdue == [("bram", 20)]
    assert anna == [("Anna", 14), ("Anna", 14)]
    assert bram_until == [("bram", 20)]
    assert one_case == [(None, 31)]


def test_an_agenda_item_has_the_deadline_its_case_and_its_provider(
    backend: Backend, agenda_cases: dict[str, Case]
) -> None:
    case = agenda_cases["bram"]
    with backend.uow() as uow:
        (item,) = uow.watch.agenda(
            until=None, overdue_only=True, handler=None, today=TODAY, case_id=case.id
        )

    passed = case.deadlines[1]
    assert item == AgendaItem(
        deadline_id=passed.id or 0,
        case_id=case.id or 0,
        provider=case.provider.name,
        kvk=case.provider.kvk,
        title=case.title,
        handler="bram",
        kind=passed.kind,
        due=passed.due,
        status="overdue",
        basis=passed.basis.value,
        legal_basis=passed.legal_basis,
        term=passed.term,
        workflow=case.workflow_name,
        version=case.workflow_version,
    )


# --- lapsed deadlines (workflow version 2) ---------------------------------------------------


def _lapsed_cases(backend: Backend) -> dict[str, Case]:
    """Two passed deadlines each: one lapsed and not followed up, one followed up or not."""
    past, passed = (
        date(2025, 1, 20),
        lambda i: (
            lambda c: c.mark_passed(  # noqa: E731
                c.deadlines[i], DeadlineStatus.LAPSED, at=NOW, by="escalation"
            )
        ),
    )
    cases = {
        "pending": stored_case(backend, past, handler="anna"),
        "followed": stored_case(backend, past, handler="bram"),
        "open, past": stored_case(backend, past, handler="cor"),
    }
    change(backend, cases["pending"].id or 0, passed(0))
    change(backend, cases["followed"].id or 0, passed(0))
    change(backend, cases["followed"].id or 0, lambda c: c.close_deadline(
        c.deadlines[0], DeadlineStatus.LAPSED, stamp=stamp(), action="start_hertoets"))  # fmt: skip
    return cases


def test_the_agenda_keeps_a_lapsed_deadline_until_its_next_step_and_no_alarm_of_it(
    backend: Backend,
) -> None:
    _lapsed_cases(backend)

    with backend.uow() as uow:
        everything = uow.watch.agenda(until=None, overdue_only=False, handler=None, today=TODAY)
        alarms = uow.watch.agenda(until=None, overdue_only=True, handler=None, today=TODAY)

    assert [(i.handler, i.status) for i in everything] == [("anna", "lapsed"), ("cor", "open")]
    assert [(i.handler, i.status) for i in alarms] == [("cor", "open")]


def test_a_lapsed_deadline_with_a_reminder_due_is_found_one_followed_up_is_not(
    backend: Backend,
) -> None:
    cases = _lapsed_cases(backend)
    change(backend, cases["pending"].id or 0, lambda c: c.schedule_reminder(c.deadlines[0], TODAY))

    with backend.uow() as uow:
        found = uow.watch.cases_with_reminders(TODAY)

    assert found == [cases["pending"].id]


def test_the_agenda_pages_on_due_and_id_and_counts_what_the_kind_cannot_change(
    backend: Backend, agenda_cases: dict[str, Case]
) -> None:
    asked = {"until": None, "handler": None, "today": TODAY}
    with backend.uow() as uow:
        every = uow.watch.agenda(overdue_only=False, **asked)  # type: ignore[arg-type]
        keys = [(i.due, i.deadline_id) for i in every]
        pages = [uow.watch.agenda(overdue_only=False, after=k, limit=2, **asked) for k in keys]  # type: ignore[arg-type]
        certain = uow.watch.count_agenda(overdue_only=True, after=keys[0], **asked)  # type: ignore[arg-type]
        judged = uow.watch.agenda(overdue_only=True, uncertain_only=True, **asked)  # type: ignore[arg-type]
        awaited = uow.watch.count_agenda(overdue_only=False, **asked)  # type: ignore[arg-type]

    assert [[i.deadline_id for i in page] for page in pages] == [
        [i.deadline_id for i in every[n + 1 : n + 3]] for n in range(len(every))
    ]
    assert (certain, judged, awaited) == (0, [], 5)  # the overdue one is the first
