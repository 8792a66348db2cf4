"""Four-eyes in storage: a concept besluit round-trips with who prepared it, and of two units
of work establishing it, one wins (a conditional UPDATE ... WHERE status = 'concept')."""

from __future__ import annotations

from datetime import date

import pytest

from escalation.domain.besluiten import BesluitKind, BesluitStatus
from escalation.domain.four_eyes import ESTABLISHED, establish, prepare_besluit, together
from escalation.domain.model import Case
from escalation.services.ports import UnitOfWork
from tests.contracts.builders import NOW, Backend, add_case, besluit, opened, provider, stamp

ESTABLISHED_ON = date(2025, 2, 4)


def _prepared(backend: Backend) -> int:
    case = opened(provider())
    prepare_besluit(case, besluit("IGJ-2025-000001"), stamp=stamp(by="anna"))
    prepare_besluit(
        case, besluit("IGJ-2025-000002", BesluitKind.OPENBAARMAKINGSBESLUIT), stamp=stamp(by="anna")
    )
    return add_case(backend, case)


def _establish(case: Case, by: str) -> list[str]:
    group = together(case, case.besluiten[0])
    establish(case, group, stamp=stamp(ESTABLISHED_ON, by=by), verzonden=ESTABLISHED_ON)
    return [b.kenmerk for b in group]


def _claim(uow: UnitOfWork, kenmerken: list[str], by: str) -> bool:
    return uow.besluiten.claim_concepts(
        kenmerken, status=ESTABLISHED.value, by=by, on=ESTABLISHED_ON
    )


def test_a_concept_round_trips_with_who_prepared_it_and_is_listed_so(backend: Backend) -> None:
    case_id = _prepared(backend)

    with backend.uow() as uow:
        case = uow.cases.get(case_id)
        listed = uow.besluiten.listing(status="concept")

    assert [(b.status, b.prepared_by, b.established_by) for b in case.besluiten] == [
        (BesluitStatus.CONCEPT, "anna", None),
        (BesluitStatus.CONCEPT, "anna", None),
    ]
    assert [(s.kenmerk, s.prepared_by) for s in listed] == [
        ("IGJ-2025-000001", "anna"),
        ("IGJ-2025-000002", "anna"),
    ]
    assert case.besluiten_of([BesluitKind.AANWIJZING]) == []  # a concept does not count


def test_a_concept_is_established_once(backend: Backend) -> None:
    case_id = _prepared(backend)
    with backend.uow() as uow:
        case = uow.cases.get(case_id)
        kenmerken = _establish(case, "bert")
        won = _claim(uow, kenmerken, "bert")
        uow.cases.save(case, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        again = _claim(uow, kenmerken, "carla")
        stored = uow.cases.get(case_id).besluiten

    assert won and not again
    assert [(b.status, b.prepared_by, b.established_by, b.established_on, b.verzonden)
            for b in stored] == [
        (ESTABLISHED, "anna", "bert", ESTABLISHED_ON, ESTABLISHED_ON)
    ] * 2  # fmt: skip


def test_of_two_establishing_at_once_the_one_who_claims_second_loses(backend: Backend) -> None:
    if backend.name == "sqlite":
        pytest.skip("SQLite serialises writers: the second waits for the lock, then is refused")
    case_id = _prepared(backend)
    with backend.uow() as second:
        late = second.cases.get(case_id)  # read while still a concept
        with backend.uow() as first:
            case = first.cases.get(case_id)
            assert _claim(first, _establish(case, "bert"), "bert")
            first.cases.save(case, now=NOW)
            first.commit()

        lost = _claim(second, _establish(late, "carla"), "carla")

    assert not lost
