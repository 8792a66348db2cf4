"""The watch on workflow version 2 against a real SQLite file: whose move a deadline awaits.

Focus gets an aanwijzing sent on Friday 31 January 2025: its bezwaar term (and that of the
besluit tot openbaarmaking) ends Friday 14 March, the postal week of Awb 6:9 lid 2 on Friday
21 March; the publication embargo ends Friday 14 February; naleving 30 April.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from escalation.bootstrap import Adapters, build
from escalation.config import Settings
from escalation.domain.besluit_events import BesluitStatusChanged
from escalation.domain.besluiten import BesluitStatus, Bezwaar, Tijdigheid
from escalation.domain.events import Stamp
from escalation.domain.reminders import AgendaItem
from escalation.mailer import RecipientResolver, SmtpMailer
from escalation.services.cases import apply_action, open_case
from escalation.services.deadlines import TickReport, agenda, process_due
from escalation.services.providers import add_provider
from escalation.services.queries import case_history
from escalation.services.watch_queries import list_reminders
from tests.integration.test_watch import KVK, NOW, Inbox, free_port, mail

AANWIJZING, OPENBAARMAKING = "IGJ-2025-000001", "IGJ-2025-000002"


@pytest.fixture
def inbox_port() -> Iterator[tuple[Inbox, int]]:
    port, handler = free_port(), Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def s(tmp_path: Path, inbox_port: tuple[Inbox, int]) -> Iterator[Adapters]:
    built = build(f"sqlite:///{tmp_path / 'v2.sqlite'}", create_missing=True).adapters
    built.settings = Settings(
        database_url=built.settings.database_url,
        smtp_host="127.0.0.1",
        smtp_port=inbox_port[1],
        mail_domain="igj.example",
    )
    yield built
    built.dispose()


def do(
    s: Adapters, case_id: int, action: str, on: date, reason: str | None = None, **p: str
) -> None:
    stamp = Stamp(on=on, at=NOW, by="anna", reason=reason)
    apply_action(
        uow=s.uow(), catalog=s.catalog, calendar=s.calendar, case_id=case_id, action=action,
        params=p, stamp=stamp,
    )  # fmt: skip


def tick(s: Adapters, today: date) -> TickReport:
    return process_due(
        uow_factory=s.uow, catalog=s.catalog, calendar=s.calendar,
        mailer=SmtpMailer(s.settings), resolve=RecipientResolver({}, "igj.example"),
        today=today, clock=lambda: NOW,
    )  # fmt: skip


def voornemen(s: Adapters) -> int:
    """A version 2 case with the voornemen sent on 6 January: zienswijze until 20 January."""
    add_provider(
        uow=s.uow(), name="Focus-Jeugd & Gezin B.V.", kvk=KVK, kind="jeugdhulpaanbieder",
        alias=None, now=NOW,
    )  # fmt: skip
    case_id = open_case(
        uow=s.uow(), catalog=s.catalog, provider_kvk=KVK, workflow="jeugdwet",
        on=date(2024, 12, 1), title=None, handler="anna", by="anna", now=NOW,
    )  # fmt: skip
    for action, on in (
        ("start_onderzoek", date(2024, 12, 2)),
        ("verstuur_conceptrapport", date(2024, 12, 3)),
        ("stel_rapport_vast", date(2024, 12, 20)),
        ("kondig_aanwijzing_aan", date(2025, 1, 6)),
    ):
        do(s, case_id, action, on)
    return case_id


def aanwijzing(s: Adapters) -> int:
    case_id = voornemen(s)
    do(s, case_id, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")
    return case_id


def statuses(s: Adapters, case_id: int) -> dict[str, list[str]]:
    with s.uow() as uow:
        case = uow.cases.get(case_id)
    found: dict[str, list[str]] = {}
    for d in case.deadlines:
        found.setdefault(d.kind, []).append(d.status.value)
    found.update({b.kenmerk: [b.status.value] for b in case.besluiten})
    return found


def shown(items: list[AgendaItem]) -> list[tuple[str, str, bool]]:
    return [(i.kind, i.status, i.next_step) for i in items]


def test_an_unused_bezwaar_term_makes_the_besluit_final_after_the_postal_week(
    s: Adapters, inbox_port: tuple[Inbox, int]
) -> None:
    inbox, _port = inbox_port
    case_id = aanwijzing(s)

    in_the_week = tick(s, date(2025, 3, 21))
    before = statuses(s, case_id)
    after = tick(s, date(2025, 3, 22))

    assert before["bezwaar"] == ["open", "open"]
    assert before[AANWIJZING] == ["bezwaartermijn"]
    assert all(kind != "bezwaar" for _c, kind, _d in in_the_week.sweep.lapsed)
    now = statuses(s, case_id)
    assert now["bezwaar"] == ["lapsed", "lapsed"]
    assert now[AANWIJZING] == now[OPENBAARMAKING] == ["onherroepelijk"]
    assert sorted(after.sweep.onherroepelijk) == [
        (case_id, AANWIJZING, date(2025, 3, 15)),
        (case_id, OPENBAARMAKING, date(2025, 3, 15)),
    ]
    assert after.sweep.overdue == []
    final = [
        e for e in case_history(uow=s.uow(), case_id=case_id) if isinstance(e, BesluitStatusChanged)
    ]
    assert [(e.besluit, e.to_status, e.on) for e in final] == [
        (AANWIJZING, "onherroepelijk", date(2025, 3, 15)),
        (OPENBAARMAKING, "onherroepelijk", date(2025, 3, 15)),
    ]
    subjects = [str(mail(raw)["Subject"]) for _to, raw in inbox.messages]
    assert (
        f"No bezwaar received; besluit {AANWIJZING} onherroepelijk since 15 March 2025: "
        f"case {case_id}" in subjects
    )
    assert not any("Overdue" in subject for subject in subjects), subjects
    alarms = agenda(uow=s.uow(), today=date(2025, 3, 22), overdue_only=True, catalog=s.catalog)
    assert alarms.items == []


def test_a_bezwaar_made_keeps_the_besluit_open_and_meets_the_window(s: Adapters) -> None:
    case_id = aanwijzing(s)
    with s.uow() as uow:
        case = uow.cases.get(case_id)
        besluit = case.besluit(AANWIJZING)
        assert besluit is not None
        besluit.bezwaren.append(
            Bezwaar(number=1, ontvangen=date(2025, 3, 18), ter_post=date(2025, 3, 14),
                    tijdigheid=Tijdigheid.TIJDIG_PER_POST)
        )  # fmt: skip
        besluit.status = BesluitStatus.IN_BEZWAAR
        uow.cases.save(case, now=NOW)
        uow.commit()

    report = tick(s, date(2025, 3, 24))

    now = statuses(s, case_id)
    assert now[AANWIJZING] == ["in_bezwaar"] and now[OPENBAARMAKING] == ["onherroepelijk"]
    assert sorted(now["bezwaar"]) == ["lapsed", "met"]
    assert [kenmerk for _c, kenmerk, _d in report.sweep.onherroepelijk] == [OPENBAARMAKING]


def test_a_besluit_of_a_closed_case_still_becomes_final(s: Adapters) -> None:
    case_id = aanwijzing(s)
    do(s, case_id, "start_hertoets", date(2025, 2, 10), reason="vroeg", vervroegd="ja")
    do(s, case_id, "sluit_af", date(2025, 2, 11), reden="aanwijzing nageleefd")

    tick(s, date(2025, 3, 22))

    now = statuses(s, case_id)
    assert now[AANWIJZING] == ["onherroepelijk"] and now["bezwaar"] == ["lapsed", "lapsed"]


def test_the_embargo_reminds_from_when_publication_is_allowed(
    s: Adapters, inbox_port: tuple[Inbox, int], dutch: None
) -> None:
    inbox, _port = inbox_port
    case_id = aanwijzing(s)

    passed = tick(s, date(2025, 2, 15))
    monday = tick(s, date(2025, 2, 17))

    assert (case_id, "publicatie_embargo", date(2025, 2, 14)) in passed.sweep.lapsed
    assert [(k, step) for _c, k, step, _d in monday.sweep.reminders] == [("publicatie_embargo", 1)]
    subjects = [str(mail(raw)["Subject"]) for _to, raw in inbox.messages]
    assert subjects == [
        f"Publicatie toegestaan vanaf 15 februari 2025: publicatie_embargo zaak {case_id} "
        "(Focus-Jeugd & Gezin B.V.)"
    ]
    assert not any(w in subjects[0] for w in ("uiterlijk", "Verlopen", "verlopen"))


def test_a_lapsed_zienswijze_is_the_inspectorates_next_step_until_the_besluit_is_taken(
    s: Adapters,
) -> None:
    case_id = voornemen(s)
    report = tick(s, date(2025, 1, 21))

    lapsed = agenda(uow=s.uow(), today=date(2025, 1, 21), catalog=s.catalog).items
    alarms = agenda(uow=s.uow(), today=date(2025, 1, 21), overdue_only=True, catalog=s.catalog)
    do(s, case_id, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")
    after = agenda(uow=s.uow(), today=date(2025, 1, 31), catalog=s.catalog).items

    assert report.sweep.lapsed == [(case_id, "zienswijze", date(2025, 1, 20))]
    assert report.sweep.overdue == []
    assert shown(lapsed) == [("zienswijze", "lapsed", True)]
    assert alarms.items == []
    assert "zienswijze" not in [i.kind for i in after]
    assert statuses(s, case_id)["zienswijze"] == ["lapsed"]  # closed as lapsed, not cancelled


def test_naleving_lapses_and_the_hertoets_follows_without_calling_it_met(s: Adapters) -> None:
    case_id = aanwijzing(s)

    report = tick(s, date(2025, 5, 1))

    assert (case_id, "naleving", date(2025, 4, 30)) in report.sweep.lapsed
    assert (case_id, "start_hertoets", "hertoets") in report.sweep.follow_ups
    assert statuses(s, case_id)["naleving"] == ["lapsed"]
    items = agenda(uow=s.uow(), today=date(2025, 5, 1), catalog=s.catalog).items
    assert "naleving" not in [i.kind for i in items]  # its next step, the hertoets, was taken


def test_an_overdue_verbeterplan_is_an_alarm_until_the_case_moves_past_it(s: Adapters) -> None:
    case_id = voornemen(s)
    do(s, case_id, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="1 maand")
    tick(s, date(2025, 3, 3))  # naleving lapsed 28 February: the hertoets follows
    do(s, case_id, "stel_verscherpt_toezicht_in", date(2025, 3, 3), duur="7 maanden",
       verbeterplan_uiterlijk="2025-04-01")  # fmt: skip

    report = tick(s, date(2025, 4, 2))
    alarms = agenda(uow=s.uow(), today=date(2025, 4, 2), overdue_only=True, catalog=s.catalog)
    do(s, case_id, "kondig_aanwijzing_aan", date(2025, 4, 3))

    assert (case_id, "verbeterplan", date(2025, 4, 1)) in report.sweep.overdue
    assert [i.kind for i in alarms.items] == ["verbeterplan"]
    assert statuses(s, case_id)["verbeterplan"] == ["lapsed"]  # not cancelled: it ran out
    still = agenda(uow=s.uow(), today=date(2025, 4, 3), overdue_only=True, catalog=s.catalog)
    assert still.items == []


def test_the_window_report_is_one_mail_once(s: Adapters, inbox_port: tuple[Inbox, int]) -> None:
    inbox, _port = inbox_port
    case_id = aanwijzing(s)

    tick(s, date(2025, 3, 22))
    tick(s, date(2025, 3, 23))

    rows = list_reminders(uow=s.uow(), case_id=case_id).rows
    assert sorted((r.kind, r.step, r.status) for r in rows if r.kind == "bezwaar") == [
        ("bezwaar", 5, "sent"),
        ("bezwaar", 5, "sent"),
    ]
    assert sum("bezwaar" in str(mail(raw)["Subject"]) for _to, raw in inbox.messages) == 2
