"""CaseRepository contract: of two units of work changing one case, the second is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from escalation.domain.deadline import DeadlineStatus
from escalation.domain.errors import ConcurrentChangeError
from escalation.domain.model import Case
from tests.contracts.builders import (
    NOW,
    TODAY,
    Backend,
    act,
    add_case,
    deadline,
    load,
    opened,
    provider,
    record,
    stamp,
)

EDITS: dict[str, Callable[[Case], object]] = {
    "assign": lambda c: c.assign("bram", stamp=stamp()),
    "act": lambda c: act(c, "start_onderzoek", TODAY),
    "mark passed": lambda c: c.mark_passed(
        c.deadlines[0], DeadlineStatus.OVERDUE, at=NOW, by="escalation"
    ),
    # Bookkeeping on a deadline only: no event, nothing of the case's own row changes.
    "schedule reminder": lambda c: c.schedule_reminder(c.deadlines[0], date(2025, 2, 12)),
}

PAIRS = [
    ("assign", "act"),
    ("act", "mark passed"),
    ("mark passed", "mark passed"),
    ("schedule reminder", "mark passed"),
    ("schedule reminder", "schedule reminder"),
    ("mark passed", "assign"),
]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_the_second_of_two_concurrent_saves_is_refused_and_stores_nothing(
    backend: Backend, first: str, second: str
) -> None:
    case_id = add_case(backend, opened(provider(), deadline("zienswijze", date(2025, 1, 20))))

    with backend.uow() as one, backend.uow() as other:
        mine, theirs = one.cases.get(case_id), other.cases.get(case_id)
        EDITS[first](mine)
        one.cases.save(mine, now=NOW)
        one.commit()
        history_then = one.cases.history(case_id)
        EDITS[second](theirs)
        with pytest.raises(ConcurrentChangeError):
            other.cases.save(theirs, now=NOW)
            other.commit()

    with backend.uow() as uow:
        stored, history = uow.cases.get(case_id), uow.cases.history(case_id)
    assert record(stored) == record(mine)
    assert history == history_then


def test_a_refused_change_can_be_made_again_on_a_fresh_load(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider(), deadline("zienswijze", date(2025, 1, 20))))
    with backend.uow() as one, backend.uow() as other:
        mine, theirs = one.cases.get(case_id), other.cases.get(case_id)
        EDITS["assign"](mine)
        one.cases.save(mine, now=NOW)
        one.commit()
        with pytest.raises(ConcurrentChangeError):
            other.cases.save(theirs, now=NOW)
            other.commit()

    with backend.uow() as uow:
        again = uow.cases.get(case_id)
        EDITS["mark passed"](again)
        uow.cases.save(again, now=NOW)
        uow.commit()

    stored = load(backend, case_id)
    assert (stored.handler, stored.deadlines[0].status) == ("bram", DeadlineStatus.OVERDUE)
    assert record(stored) == record(again)
