"""CaseRepository contract: every kind of event reads back with all its fields, in order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from escalation.domain import publication, voorzieningen
from escalation.domain.atw import TermBasis
from escalation.domain.besluit_events import BeroepIngesteld
from escalation.domain.besluiten import BesluitKind, BesluitStatus, VoorzieningUitkomst
from escalation.domain.bezwaar_events import (
    BezwaarDecided,
    BezwaarHearingScheduled,
    BezwaarHersteld,
    BezwaarHerstelRequested,
    BezwaarIngebrekestelling,
    BezwaarLatenessJudged,
    BezwaarReceived,
    BezwaarUitgesteld,
    BezwaarVerdaagd,
    BezwaarWithdrawn,
)
from escalation.domain.deadline import DeadlineStatus
from escalation.domain.dwangsom import LastTerms, Per
from escalation.domain.dwangsom_case import add_entry
from escalation.domain.event_types import EVENT_TYPES
from escalation.domain.events import Event, LetterIssued, Stamp, stamped
from escalation.domain.findings_events import FindingsRecorded, HertoetsRecorded
from escalation.domain.four_eyes import establish, prepare_besluit
from escalation.domain.ledger import Dwangsom, EntryKind
from escalation.domain.model import Case
from tests.contracts.builders import NOW, Backend, add_case, besluit, deadline, opened, provider

# A time in another zone than UTC, with microseconds: the instant must survive, not the digits.
SUMMER = datetime(2025, 3, 31, 23, 59, 58, 654321, tzinfo=timezone(timedelta(hours=2)))


def first_part(case: Case) -> None:
    """CaseOpened is made by Case.open; these add a deadline, an action, a handler, a ladder."""
    case.add_deadline(deadline("zienswijze", date(2025, 2, 14)), stamp=_at(NOW), action=None)
    case.add_deadline(
        deadline("bezwaar", date(2025, 3, 14), basis=TermBasis.FIXED),
        stamp=_at(SUMMER, reason="termijn uit de aanwijzing"),
        action="geef_aanwijzing",
    )
    case.record_action(
        "geef_aanwijzing",
        from_state="signaal",
        params={"nalevingstermijn": "3 maanden", "toelichting": "zie rapport – §2, ‘kort’"},
        stamp=_at(NOW, reason="ernstige tekortkomingen"),
    )
    case.assign("bram@inspectie.example", stamp=_at(SUMMER))
    case.set_reminder_ladder(
        "bezwaar", (-14, -3, 0, 1), effective=(-14, -3, 0, 1), rearm=lambda _: None, stamp=_at(NOW)
    )


def second_part(case: Case) -> None:
    """A deadline passed, met, moved and cancelled, a letter sent and one issued (before 0008)."""
    zienswijze, bezwaar = case.deadlines
    case.mark_passed(zienswijze, DeadlineStatus.OVERDUE, at=SUMMER, by="escalation")
    case.close_deadlines(["zienswijze"], DeadlineStatus.MET, stamp=_at(NOW), action="ontvang")
    case.move_deadline(
        bezwaar, replace(bezwaar, id=None, due=date(2025, 4, 1)), stamp=_at(NOW, reason="verzoek")
    )
    case.close_deadlines(["bezwaar"], DeadlineStatus.CANCELLED, stamp=_at(NOW), action=None)
    case.record_sent(7, template="aanwijzing", fmt="pdf", stamp=_at(SUMMER), action="geef")
    case.record(LetterIssued(letter=8, template="herinnering", format="md", **stamped(_at(NOW))))
    taken = case.take_besluit(besluit("IGJ-2025-000007"), stamp=_at(SUMMER))
    case.set_besluit_status(taken, BesluitStatus.ONHERROEPELIJK, stamp=_at(NOW))
    case.record(BeroepIngesteld(besluit="IGJ-2025-000008", ingesteld=date(2025, 7, 1),
                                **stamped(_at(SUMMER))))  # fmt: skip
    concept = prepare_besluit(case, besluit("IGJ-2025-000010"), stamp=_at(NOW))  # four-eyes
    establish(case, [concept], stamp=_at(SUMMER), verzonden=date(2025, 2, 4))
    case.record(FindingsRecorded(version=2, framework="jij", framework_version=1,
                                 aanwijzing=("1.1", "2.1"), **stamped(_at(NOW))))  # fmt: skip
    case.record(HertoetsRecorded(number=1, findings_version=2, met=("1.1",), unmet=("2.1",),
                                 **stamped(_at(SUMMER))))  # fmt: skip
    last = case.take_besluit(
        besluit("IGJ-2025-000009", BesluitKind.LAST_ONDER_DWANGSOM), stamp=_at(NOW)
    )
    last.dwangsom = Dwangsom(LastTerms(Decimal(1000), Per.WEEK, Decimal(10000), date(2025, 3, 7)))
    add_entry(case, last, EntryKind.VERBEURD, on=date(2025, 3, 8), stamp=_at(SUMMER, reason="r"),
              amount=Decimal(1000), unit=1)  # fmt: skip
    bezwaar_part(case)
    vovo_part(case)


def bezwaar_part(case: Case) -> None:
    """The steps of a bezwaar (their events are recorded by the domain's bezwaar functions)."""
    on, ref = date(2025, 3, 18), {"besluit": "IGJ-2025-000007", "bezwaar": 1}
    plain, why = _at(SUMMER), _at(NOW, reason="ziekte van de gemachtigde")
    for event in (
        BezwaarReceived(
            **ref,
            ontvangen=on,
            ter_post=date(2025, 3, 14),
            indiener="Focus",
            tijdigheid="tijdig_per_post",
            **stamped(plain),
        ),
        BezwaarLatenessJudged(**ref, verschoonbaar=True, **stamped(why)),
        BezwaarHerstelRequested(
            **ref, verzocht_op=on, termijn_tot=date(2025, 4, 1), **stamped(plain)
        ),
        BezwaarHersteld(**ref, hersteld_op=date(2025, 3, 30), opschorting=9, **stamped(plain)),
        BezwaarVerdaagd(
            **ref,
            termijn="6 weken",
            from_due=date(2025, 4, 25),
            due=date(2025, 6, 6),
            **stamped(plain),
        ),
        BezwaarUitgesteld(
            **ref,
            grond="instemming",
            from_due=date(2025, 6, 6),
            due=date(2025, 7, 1),
            **stamped(plain),
        ),
        BezwaarHearingScheduled(**ref, op=date(2025, 4, 10), **stamped(plain)),
        BezwaarIngebrekestelling(
            **ref, ontvangen=date(2025, 7, 2), eerste_dag=date(2025, 7, 17), **stamped(plain)
        ),
        BezwaarDecided(
            **ref,
            uitkomst="ongegrond",
            beslissing="IGJ-2025-000008",
            gevolg="in_stand",
            **stamped(plain),
        ),
        BezwaarWithdrawn(besluit="IGJ-2025-000007", bezwaar=2, **stamped(plain)),
    ):
        case.record(event)  # fmt: skip


def vovo_part(case: Case) -> None:
    """A voorlopige voorziening requested and decided; a reaction received and published."""
    openbaar = case.take_besluit(
        replace(besluit("IGJ-2025-000008"), kind=BesluitKind.OPENBAARMAKINGSBESLUIT),
        stamp=_at(NOW),
    )
    stamp = _at(SUMMER)
    v, _warnings = voorzieningen.request(
        case, openbaar, ingediend=date(2025, 2, 3), rechtbank="Rechtbank Den Haag",
        zaaknummer="SGR 25/1", today=date(2025, 3, 1), stamp=stamp,
    )  # fmt: skip
    voorzieningen.decide(
        case, openbaar, v, on=date(2025, 2, 20), uitkomst=VoorzieningUitkomst.TOEGEWEZEN,
        schorsing_tot=date(2025, 3, 1), today=date(2025, 3, 1), stamp=stamp,
    )  # fmt: skip
    publication.record_reaction(
        case, openbaar, text="Wij werken aan verbetering.", ontvangen=date(2025, 2, 3), stamp=stamp
    )
    publication.publish(case, openbaar, stamp=_at(NOW))


def _at(at: datetime, *, reason: str | None = None) -> Stamp:
    return Stamp(on=date(2025, 2, 3), at=at, by="anna", reason=reason)


def test_every_kind_of_event_reads_back_with_all_its_fields_in_order(backend: Backend) -> None:
    case = opened(provider())
    first_part(case)
    expected: list[Event] = list(case.events)
    case_id = add_case(backend, case)

    with backend.uow() as uow:
        loaded = uow.cases.get(case_id)
        second_part(loaded)
        expected += loaded.events
        uow.cases.save(loaded, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        history = uow.cases.history(case_id)
    assert {type(e) for e in expected} == set(EVENT_TYPES.values())
    assert history == expected


def test_an_event_time_reads_back_as_the_same_instant_in_utc(backend: Backend) -> None:
    case = Case.open(
        provider=provider(), workflow="jeugdwet", version=3, state="signaal", stamp=_at(SUMMER)
    )
    case_id = add_case(backend, case)

    with backend.uow() as uow:
        (event,) = uow.cases.history(case_id)

    assert event.at == SUMMER
    assert event.at.astimezone(UTC) == datetime(2025, 3, 31, 21, 59, 58, 654321, tzinfo=UTC)
    assert event.at.tzinfo is not None


def test_history_is_per_case_and_empty_for_an_unknown_case(backend: Backend) -> None:
    first = add_case(backend, opened(provider()))
    second = add_case(backend, opened(provider()))

    with backend.uow() as uow:
        histories = [uow.cases.history(i) for i in (first, second, second + 1)]

    assert [len(h) for h in histories] == [1, 1, 0]
