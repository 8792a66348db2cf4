"""CaseRepository contract: get_many and save_many read and write as get and save per case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
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
    besluit,
    deadline,
    load,
    opened,
    provider,
    record,
    stamp,
)


def _edit(case: Case) -> None:
    """An action, a deadline passed, one rescheduled and a new one: every kind of write."""
    act(case, "start_onderzoek", TODAY)
    case.mark_passed(case.deadlines[0], DeadlineStatus.OVERDUE, at=NOW, by="escalation")
    case.schedule_reminder(case.deadlines[1], date(2025, 2, 12))
    case.add_deadline(deadline("b", date(2025, 3, 1)), stamp=stamp(), action=None)


def _with_besluit(case: Case) -> None:
    number = len(_KENMERKEN) + 1  # a kenmerk is unique across cases
    _KENMERKEN.append(f"IGJ-2025-{number:06d}")
    case.take_besluit(besluit(_KENMERKEN[-1]), stamp=stamp())


_KENMERKEN: list[str] = []


def _pair(backend: Backend, edit: Callable[[Case], object] = _edit) -> tuple[int, int]:
    """Two identical cases; the first changed with get/save, the second left for save_many."""
    ids = []
    for _ in range(2):
        case = opened(
            provider(),
            deadline("zienswijze", date(2025, 1, 20)),
            deadline("bezwaar", date(2025, 3, 14)),
        )
        ids.append(add_case(backend, case))
    with backend.uow() as uow:
        one = uow.cases.get(ids[0])
        edit(one)
        uow.cases.save(one, now=NOW)
        uow.commit()
    return ids[0], ids[1]


def _same(one: Case, other: Case) -> None:
    """The same but for the ids and the besluiten's kenmerk and number."""
    assert _anonymous(one) == _anonymous(other)


def _anonymous(case: Case) -> dict[str, object]:
    values = record(replace(case, id=None, deadlines=[replace(d, id=None) for d in case.deadlines]))
    # A besluit compares by identity: its fields, then.
    values["besluiten"] = [
        asdict(replace(b, id=None, kenmerk="", number=0)) for b in case.besluiten
    ]
    return values


def test_get_many_reads_each_case_as_get_does_and_leaves_out_unknown_ids(
    backend: Backend,
) -> None:
    first, second = _pair(backend)
    add_case(backend, opened(provider()))
    with backend.uow() as uow:
        many = uow.cases.get_many([second, 999, first])
        alone = {i: uow.cases.get(i) for i in (first, second)}
        assert uow.cases.get_many([]) == {}
    assert sorted(many) == [first, second]
    assert {i: record(c) for i, c in many.items()} == {i: record(c) for i, c in alone.items()}


@pytest.mark.parametrize("edit", [_edit, _with_besluit], ids=["deadlines", "besluit"])
def test_save_many_writes_what_save_writes(
    backend: Backend, edit: Callable[[Case], object]
) -> None:
    first, second = _pair(backend, edit)
    with backend.uow() as uow:
        many = uow.cases.get_many([second])
        edit(many[second])
        uow.cases.save_many(list(many.values()), now=NOW)
        uow.commit()
    alone, together = load(backend, first), load(backend, second)
    _same(alone, together)
    assert _anonymous(together) == _anonymous(many[second])
    assert together.version == many[second].version
    assert [d.id for d in together.deadlines] == [d.id for d in many[second].deadlines]
    with backend.uow() as uow:
        histories = [uow.cases.history(i) for i in (first, second)]
    assert [type(e) for e in histories[0]] == [type(e) for e in histories[1]]
    if edit is _edit:
        assert histories[0] == histories[1]


def test_save_many_twice_in_one_unit_of_work_keeps_both_changes(backend: Backend) -> None:
    _, case_id = _pair(backend)
    with backend.uow() as uow:
        case = uow.cases.get_many([case_id])[case_id]
        act(case, "start_onderzoek", TODAY)
        uow.cases.save_many([case], now=NOW)
        case.schedule_reminder(case.deadlines[0], date(2025, 2, 12))
        uow.cases.save_many([case], now=NOW)
        uow.commit()
    stored = load(backend, case_id)
    assert (stored.state, stored.deadlines[0].next_reminder_on) == ("onderzoek", date(2025, 2, 12))
    assert stored.version == case.version


def test_save_many_refuses_a_case_changed_meanwhile_by_name_and_stores_nothing(
    backend: Backend,
) -> None:
    first, second = _pair(backend)
    before = load(backend, first)
    with backend.uow() as one, backend.uow() as other:
        many = other.cases.get_many([first, second])
        mine = one.cases.get(second)
        mine.assign("bram", stamp=stamp())
        one.cases.save(mine, now=NOW)
        one.commit()
        for case in many.values():
            case.assign("carla", stamp=stamp())
        with pytest.raises(ConcurrentChangeError) as refused:
            other.cases.save_many(list(many.values()), now=NOW)
            other.commit()
    if backend.name != "fake":  # the fake's message names no one
        assert f"case show {second}`" in str(refused.value)
    assert (load(backend, first).handler, load(backend, second).handler) == (before.handler, "bram")
