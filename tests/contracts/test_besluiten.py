"""Besluiten in the case: with their bezwaren and voorzieningen they round-trip and are found."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from escalation.domain.besluiten import (
    BesluitKind,
    BesluitStatus,
    Bezwaar,
    Herstel,
    Tijdigheid,
    Uitkomst,
    Voorziening,
    VoorzieningUitkomst,
)
from tests.contracts.builders import (
    NOW,
    Backend,
    add_case,
    besluit,
    deadline,
    opened,
    provider,
    stamp,
)


def _with_besluiten(backend: Backend) -> int:
    case = opened(provider())
    aanwijzing = case.take_besluit(besluit("IGJ-2025-000001"), stamp=stamp())
    openbaar = case.take_besluit(
        besluit("IGJ-2025-000002", BesluitKind.OPENBAARMAKINGSBESLUIT), stamp=stamp()
    )
    openbaar.parent = aanwijzing.kenmerk
    case.add_deadline(
        replace(deadline("bezwaar", date(2025, 3, 14)), besluit=aanwijzing.kenmerk),
        stamp=stamp(),
        action="geef_aanwijzing",
    )
    return add_case(backend, case)


def test_besluiten_round_trip_with_their_deadlines(backend: Backend) -> None:
    case_id = _with_besluiten(backend)

    with backend.uow() as uow:
        case = uow.cases.get(case_id)

    first, second = case.besluiten
    assert (first.kenmerk, first.kind, first.status) == (
        "IGJ-2025-000001",
        BesluitKind.AANWIJZING,
        BesluitStatus.BEZWAARTERMIJN,
    )
    assert (second.parent, second.kind) == (first.kenmerk, BesluitKind.OPENBAARMAKINGSBESLUIT)
    assert [(d.kind, d.besluit) for d in case.deadlines] == [("bezwaar", first.kenmerk)]
    assert first.id is not None and second.id is not None


def test_a_bezwaar_and_a_voorziening_round_trip_with_every_field(backend: Backend) -> None:
    case_id = _with_besluiten(backend)
    bezwaar = Bezwaar(
        number=1,
        ontvangen=date(2025, 3, 10),
        tijdigheid=Tijdigheid.TIJDIG_PER_POST,
        ter_post=date(2025, 3, 7),
        indiener="Focus-Jeugd & Gezin B.V.",
        adviescommissie=True,
        verschoonbaar=True,
        hoorzitting_op=date(2025, 4, 2),
        herstel=[Herstel(date(2025, 3, 20), date(2025, 4, 3), date(2025, 3, 30))],
        verdaagd="6 weken",
        uitstel_tot=date(2025, 8, 1),
        uitstel_grond="instemming",
        ingebrekestelling=date(2025, 6, 1),
        uitkomst=Uitkomst.DEELS_GEGROND,
        beslist_op=date(2025, 7, 1),
        beslissing="IGJ-2025-000002",
    )
    voorziening = Voorziening(
        number=1,
        ingediend=date(2025, 3, 12),
        rechtbank="Rechtbank Midden-Nederland",
        zaaknummer="UTR 25/1234",
        uitspraak_op=date(2025, 4, 1),
        uitkomst=VoorzieningUitkomst.TOEGEWEZEN,
        schorsing_tot=date(2025, 6, 1),
    )
    with backend.uow() as uow:
        case = uow.cases.get(case_id)
        case.besluiten[0].bezwaren.append(bezwaar)
        case.besluiten[0].voorzieningen.append(voorziening)
        case.add_deadline(
            replace(deadline("beslistermijn_bezwaar"), besluit="IGJ-2025-000001", bezwaar=1),
            stamp=stamp(),
            action=None,
        )
        uow.cases.save(case, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        again = uow.cases.get(case_id)

    [read] = again.besluiten[0].bezwaren
    [heard] = again.besluiten[0].voorzieningen
    assert {k: getattr(read, k) for k in Bezwaar.__slots__ if k != "id"} == {
        k: getattr(bezwaar, k) for k in Bezwaar.__slots__ if k != "id"
    }
    assert {k: getattr(heard, k) for k in Voorziening.__slots__ if k != "id"} == {
        k: getattr(voorziening, k) for k in Voorziening.__slots__ if k != "id"
    }
    assert [(d.kind, d.besluit, d.bezwaar) for d in again.deadlines][-1] == (
        "beslistermijn_bezwaar",
        "IGJ-2025-000001",
        1,
    )


def test_a_changed_besluit_status_reads_back(backend: Backend) -> None:
    case_id = _with_besluiten(backend)

    with backend.uow() as uow:
        case = uow.cases.get(case_id)
        case.set_besluit_status(case.besluiten[0], BesluitStatus.ONHERROEPELIJK, stamp=stamp())
        uow.cases.save(case, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        statuses = [b.status for b in uow.cases.get(case_id).besluiten]
    assert statuses == [BesluitStatus.ONHERROEPELIJK, BesluitStatus.BEZWAARTERMIJN]


def test_the_besluit_repository_numbers_finds_and_lists(backend: Backend) -> None:
    case_id = _with_besluiten(backend)
    other = opened(provider("12345678", "Andere Aanbieder B.V.", alias=None))
    other.take_besluit(besluit("IGJ-2026-000001", on=date(2026, 1, 5)), stamp=stamp())
    other_id = add_case(backend, other)

    with backend.uow() as uow:
        numbers = (uow.besluiten.last_number(2025), uow.besluiten.last_number(2024))
        found = [uow.besluiten.case_of(ref) for ref in ("IGJ-2026-000001", "IGJ-2025-000002")]
        missing = uow.besluiten.case_of("IGJ-1999-000001")
        listed = uow.besluiten.listing()
        mine = uow.besluiten.listing(case_id=case_id, status="bezwaartermijn")

    assert numbers == (2, 0)
    assert found == [other_id, case_id] and missing is None
    assert [b.kenmerk for b in listed] == ["IGJ-2025-000001", "IGJ-2025-000002", "IGJ-2026-000001"]
    assert [(b.case_id, b.kind) for b in mine] == [
        (case_id, BesluitKind.AANWIJZING),
        (case_id, BesluitKind.OPENBAARMAKINGSBESLUIT),
    ]


def test_a_besluit_is_found_by_its_id_too(backend: Backend) -> None:
    case_id = _with_besluiten(backend)
    with backend.uow() as uow:
        besluit_id = uow.cases.get(case_id).besluiten[1].id

    with backend.uow() as uow:
        assert uow.besluiten.case_of(str(besluit_id)) == case_id


def test_the_bezwaren_are_found_by_id_with_their_case_and_besluit(backend: Backend) -> None:
    case_id = _with_besluiten(backend)
    with backend.uow() as uow:
        case = uow.cases.get(case_id)
        for number, besluit_index in ((1, 1), (1, 0), (2, 0)):
            case.besluiten[besluit_index].bezwaren.append(
                Bezwaar(number=number, ontvangen=date(2025, 3, 1), tijdigheid=Tijdigheid.TIJDIG)
            )
        uow.cases.save(case, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        every = uow.besluiten.bezwaren()
        one = uow.besluiten.bezwaren(every[-1][0])
        none = uow.besluiten.bezwaren(every[-1][0] + 100)

    assert sorted((c, k, n) for _, c, k, n in every) == [
        (case_id, "IGJ-2025-000001", 1),
        (case_id, "IGJ-2025-000001", 2),
        (case_id, "IGJ-2025-000002", 1),
    ]
    assert [i for i, *_ in every] == sorted(i for i, *_ in every)
    assert one == [every[-1]]
    assert none == []
