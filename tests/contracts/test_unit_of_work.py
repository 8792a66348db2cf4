"""UnitOfWork contract: one transaction; a commit stores, anything else leaves no trace."""

from __future__ import annotations

from datetime import date

import pytest

from escalation.domain.deadline import DeadlineStatus
from escalation.domain.reminders import ReminderStatus
from escalation.services.ports import UnitOfWork
from tests.contracts.builders import (
    NOW,
    TODAY,
    Backend,
    add_case,
    add_providers,
    deadline,
    letter,
    load,
    opened,
    provider,
    record,
    stamp,
)

ALTRA = provider("11111111", "Altra", alias=None)


def write_one_of_each(uow: UnitOfWork) -> int:
    """A provider, a case with a deadline, a workflow text, a letter and a claimed reminder."""
    uow.providers.add(provider(), now=NOW)
    case = opened(provider(), deadline())
    case_id = uow.cases.add(case, now=NOW)
    uow.workflow_versions.remember("jeugdwet", 3, "name: jeugdwet\n", now=NOW)
    uow.letters.add(letter(case_id))
    claim(uow, case.deadlines[0].id or 0, case_id)
    return case_id


def claim(uow: UnitOfWork, deadline_id: int, case_id: int, step: int = 0) -> bool:
    return uow.watch.claim(
        deadline_id=deadline_id,
        case_id=case_id,
        step=step,
        planned_on=TODAY,
        status=ReminderStatus.PENDING,
        subject="Herinnering",
        body="De termijn loopt af.",
        now=NOW,
    )


def nothing_stored(backend: Backend, case_id: int) -> bool:
    with backend.uow() as uow:
        return (
            uow.providers.list() == []
            and uow.cases.summaries() == []
            and uow.cases.history(case_id) == []
            and uow.workflow_versions.source("jeugdwet", 3) is None
            and uow.letters.for_case(case_id) == []
            and uow.watch.reminders() == []
        )


def test_a_unit_of_work_reads_its_own_writes_before_the_commit(backend: Backend) -> None:
    with backend.uow() as uow:
        case_id = write_one_of_each(uow)

        assert uow.providers.get(provider().kvk) == provider()
        assert [s.id for s in uow.cases.summaries()] == [case_id]
        assert len(uow.cases.history(case_id)) == 2
        assert uow.workflow_versions.source("jeugdwet", 3) == "name: jeugdwet\n"
        assert [r.case_id for r in uow.letters.for_case(case_id)] == [case_id]
        assert [r.case_id for r in uow.watch.to_send(now=NOW)] == [case_id]


def test_without_a_commit_nothing_is_stored(backend: Backend) -> None:
    with backend.uow() as uow:
        case_id = write_one_of_each(uow)

    assert nothing_stored(backend, case_id)


def test_an_error_inside_the_block_stores_nothing_and_is_raised(backend: Backend) -> None:
    case_id = 0
    with pytest.raises(ZeroDivisionError), backend.uow() as uow:
        case_id = write_one_of_each(uow)
        _ = 1 / 0

    assert nothing_stored(backend, case_id)


def test_a_change_to_a_stored_case_without_a_commit_is_dropped(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider(), deadline(due=date(2025, 1, 20))))
    before = record(load(backend, case_id))

    with backend.uow() as uow:
        case = uow.cases.get(case_id)
        case.assign("bram", stamp=stamp())
        case.mark_passed(case.deadlines[0], DeadlineStatus.OVERDUE, at=NOW, by="escalation")
        case.add_deadline(deadline("bezwaar"), stamp=stamp(), action=None)
        uow.cases.save(case, now=NOW)

    with backend.uow() as uow:
        assert record(uow.cases.get(case_id)) == before
        assert len(uow.cases.history(case_id)) == 2


def test_a_rollback_drops_what_came_before_it_and_the_commit_keeps_what_follows(
    backend: Backend,
) -> None:
    with backend.uow() as uow:
        uow.providers.add(provider(), now=NOW)
        uow.rollback()
        uow.providers.add(ALTRA, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        assert uow.providers.list() == [ALTRA]


def test_a_commit_keeps_what_came_before_it_and_the_block_may_go_on(backend: Backend) -> None:
    with backend.uow() as uow:
        uow.providers.add(provider(), now=NOW)
        uow.commit()
        uow.providers.add(ALTRA, now=NOW)

    with backend.uow() as uow:
        assert uow.providers.list() == [provider()]


def test_another_unit_of_work_sees_only_what_was_committed(backend: Backend) -> None:
    add_providers(backend, ALTRA)
    with backend.uow() as writer:
        writer.providers.add(provider(), now=NOW)
        assert len(writer.providers.list()) == 2
        with backend.uow() as reader:
            seen_before = reader.providers.list()
        writer.commit()

    with backend.uow() as reader:
        assert seen_before == [ALTRA]
        assert reader.providers.list() == [ALTRA, provider()]


def test_a_unit_of_work_refuses_a_commit_outside_its_block(backend: Backend) -> None:
    uow = backend.uow()

    with pytest.raises(RuntimeError, match="outside"):
        uow.commit()
