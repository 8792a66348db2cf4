"""The deadline watch against a real SQLite file and a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import multiprocessing
import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar

from escalation.bootstrap import Adapters, build
from escalation.config import Settings
from escalation.domain.events import ActionTaken, Stamp
from escalation.domain.terms import parse_term
from escalation.ical import deadlines_calendar
from escalation.mailer import RecipientResolver, SmtpMailer
from escalation.services.cases import apply_action, open_case
from escalation.services.deadlines import agenda, process_due, simulate
from escalation.services.handling import assign_handler, move_deadline, set_reminder_ladder
from escalation.services.providers import add_provider
from escalation.services.queries import case_detail, case_history
from escalation.services.watch_queries import list_incidents, list_reminders
from escalation.texts import render
from tests.i18n_helpers import tr

NOW = datetime(2025, 1, 31, 9, tzinfo=UTC)
KVK = "87654321"


class Inbox:
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append((list(envelope.rcpt_tos), envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


def mail(raw: bytes) -> EmailMessage:
    parsed = message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def inbox(smtp_port: int) -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture
def services(tmp_path: Path, smtp_port: int) -> Iterator[Adapters]:
    built = build(f"sqlite:///{tmp_path / 'watch.sqlite'}", create_missing=True).adapters
    built.settings = Settings(
        database_url=built.settings.database_url,
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        smtp_timeout_seconds=3,
        mail_domain="igj.example",
        mail_from="termijnen@igj.example",
    )
    yield built
    built.dispose()


def do(s: Adapters, case_id: int, action: str, on: date, **params: str) -> None:
    apply_action(
        uow=s.uow(),
        catalog=s.catalog,
        calendar=s.calendar,
        case_id=case_id,
        action=action,
        params=params,
        stamp=Stamp(on=on, at=NOW, by="anna"),
    )


def aanwijzing_case(s: Adapters) -> int:
    """A case whose aanwijzing of 31 January 2025 has naleving on 30 April 2025."""
    add_provider(
        uow=s.uow(),
        name="Focus-Jeugd & Gezin B.V.",
        kvk=KVK,
        kind="jeugdhulpaanbieder",
        alias=None,
        now=NOW,
    )
    case_id = open_case(
        uow=s.uow(),
        catalog=s.catalog,
        provider_kvk=KVK,
        workflow="jeugdwet",
        on=date(2024, 12, 1),
        title=None,
        handler="anna",
        by="anna",
        now=NOW,
        version=1,  # the watch as version 1 knows it (cases keep their version)
    )
    for action, on in (
        ("start_onderzoek", date(2024, 12, 2)),
        ("verstuur_conceptrapport", date(2024, 12, 3)),
        ("stel_rapport_vast", date(2024, 12, 20)),
        ("kondig_aanwijzing_aan", date(2025, 1, 6)),
    ):
        do(s, case_id, action, on)
    do(s, case_id, "geef_aanwijzing", date(2025, 1, 31), nalevingstermijn="3 maanden")
    return case_id


def tick(s: Adapters, today: date, mailer: SmtpMailer | None = None) -> object:
    return process_due(
        uow_factory=s.uow,
        catalog=s.catalog,
        calendar=s.calendar,
        mailer=mailer or SmtpMailer(s.settings),
        resolve=RecipientResolver({}, s.settings.mail_domain),
        today=today,
        clock=lambda: NOW,
    )


def naleving_reminders(s: Adapters, case_id: int) -> list[tuple[int, str]]:
    rows = list_reminders(uow=s.uow(), case_id=case_id).rows
    return [(r.step, r.status) for r in rows if r.kind == "naleving"]


def test_a_due_reminder_arrives_by_mail_with_case_deadline_and_recipient(
    services: Adapters, inbox: Inbox, dutch: None
) -> None:
    case_id = aanwijzing_case(services)

    tick(services, date(2025, 4, 25))  # 3 working days before 30 April (28, 29, 30; 27 = Sunday)

    mails = [(to, mail(raw)) for to, raw in inbox.messages]
    naleving = [(to, m) for to, m in mails if "naleving" in str(m["Subject"])]
    assert len(naleving) == 1
    to, message = naleving[0]
    assert to == ["anna@igj.example"]
    assert f"zaak {case_id}" in str(message["Subject"])
    assert "30 april 2025" in str(message["Subject"])
    assert "2025-04-30" in message.get_content()
    assert naleving_reminders(services, case_id)[-1] == (-3, "sent")


def test_running_twice_in_a_row_sends_each_reminder_once(services: Adapters, inbox: Inbox) -> None:
    case_id = aanwijzing_case(services)

    tick(services, date(2025, 4, 25))
    tick(services, date(2025, 4, 25))

    subjects = [mail(raw)["Subject"] for _, raw in inbox.messages]
    assert sum("naleving" in str(s) for s in subjects) == 1
    assert naleving_reminders(services, case_id).count((-3, "sent")) == 1


def _tick_in_process(url: str, port: int, today: str) -> None:
    s = build(url, create_missing=True).adapters
    s.settings = Settings(
        database_url=url, smtp_host="127.0.0.1", smtp_port=port, mail_domain="igj.example"
    )
    process_due(
        uow_factory=s.uow,
        catalog=s.catalog,
        calendar=s.calendar,
        mailer=SmtpMailer(s.settings),
        resolve=RecipientResolver({}, "igj.example"),
        today=date.fromisoformat(today),
        clock=lambda: NOW,
    )


def test_two_processes_at_once_send_each_reminder_exactly_once(
    services: Adapters, inbox: Inbox, smtp_port: int
) -> None:
    case_id = aanwijzing_case(services)
    url = services.settings.database_url
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_tick_in_process, args=(url, smtp_port, "2025-04-25"))
        for _ in range(2)
    ]

    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)

    assert [w.exitcode for w in workers] == [0, 0]
    subjects = [str(mail(raw)["Subject"]) for _, raw in inbox.messages]
    assert sum("naleving" in s for s in subjects) == 1
    assert naleving_reminders(services, case_id).count((-3, "sent")) == 1


def vt_case(s: Adapters) -> int:
    """Verscherpt toezicht from 9 July 2025 with the verbeterplan due Monday 8 September."""
    add_provider(
        uow=s.uow(),
        name="Stichting Jeugdbescherming Noord",
        kvk="04075970",
        kind="gecertificeerde-instelling",
        alias="JBN",
        now=NOW,
    )
    case_id = open_case(
        uow=s.uow(),
        catalog=s.catalog,
        provider_kvk="04075970",
        workflow="jeugdwet",
        on=date(2025, 3, 3),
        title=None,
        handler="anna",
        by="anna",
        now=NOW,
        version=1,  # the watch as version 1 knows it (cases keep their version)
    )
    for action, on in (
        ("start_onderzoek", date(2025, 3, 24)),
        ("verstuur_conceptrapport", date(2025, 6, 2)),
        ("stel_rapport_vast", date(2025, 7, 9)),
    ):
        do(s, case_id, action, on)
    do(
        s,
        case_id,
        "stel_verscherpt_toezicht_in",
        date(2025, 7, 9),
        duur="7 maanden",
        verbeterplan_uiterlijk="2025-09-08",
    )
    return case_id


def verbeterplan_reminders(s: Adapters, case_id: int) -> list[tuple[int, str]]:
    rows = list_reminders(uow=s.uow(), case_id=case_id).rows
    return [(r.step, r.status) for r in rows if r.kind == "verbeterplan"]


def test_after_ten_days_down_the_run_catches_up_and_reports_what_passed(
    services: Adapters, inbox: Inbox, dutch: None
) -> None:
    case_id = vt_case(services)
    tick(services, date(2025, 9, 3))  # 3 working days before Monday 8 September
    inbox.messages.clear()

    report = tick(services, date(2025, 9, 13))  # ten days later

    assert verbeterplan_reminders(services, case_id) == [
        (-14, "superseded"),
        (-3, "sent"),
        (0, "superseded"),
        (1, "sent"),
    ]
    assert (case_id, "verbeterplan", date(2025, 9, 8)) in report.sweep.overdue  # type: ignore[attr-defined]
    subjects = [str(mail(raw)["Subject"]) for _, raw in inbox.messages]
    assert subjects == [
        f"Verlopen: verbeterplan zaak {case_id} "
        "(Stichting Jeugdbescherming Noord) was uiterlijk 8 september 2025"
    ]


def test_when_naleving_has_passed_the_hertoets_opens_by_itself_the_day_after(
    services: Adapters, inbox: Inbox
) -> None:
    case_id = aanwijzing_case(services)

    report = tick(services, date(2025, 5, 5))

    assert (case_id, "start_hertoets", "hertoets") in report.sweep.follow_ups  # type: ignore[attr-defined]
    detail = case_detail(
        uow=services.uow(), catalog=services.catalog, case_id=case_id, today=date(2025, 5, 5)
    )
    assert detail.state == "hertoets"
    assert next(d for d in detail.deadlines if d.kind == "naleving").status == "met"
    history = case_history(uow=services.uow(), case_id=case_id)
    follow_up = next(
        e for e in history if isinstance(e, ActionTaken) and e.action == "start_hertoets"
    )
    assert (follow_up.on, follow_up.by) == (date(2025, 5, 1), "escalation")
    assert "naleving term ended on 2025-04-30" in (follow_up.reason or "")


def test_a_deadline_that_passed_in_the_weekend_is_reported_on_monday(
    services: Adapters, inbox: Inbox
) -> None:
    case_id = aanwijzing_case(services)
    do(services, case_id, "start_hertoets", date(2025, 5, 1))
    do(
        services, case_id, "kondig_last_aan", date(2025, 5, 2), zienswijzetermijn="2025-05-10"
    )  # a Saturday, chosen explicitly

    report = tick(services, date(2025, 5, 12))  # Monday

    overdue = report.sweep.overdue  # type: ignore[attr-defined]
    assert (case_id, "zienswijze", date(2025, 5, 10)) in overdue


def test_a_server_that_is_down_makes_an_incident_and_the_mail_goes_once_it_is_up(
    services: Adapters, smtp_port: int
) -> None:
    case_id = aanwijzing_case(services)

    down = tick(services, date(2025, 4, 25))

    assert down.delivery.failed  # type: ignore[attr-defined]
    incidents = list_incidents(uow=services.uow(), now=NOW).rows
    assert [(i.case_id, i.kind, i.status) for i in incidents if i.kind == "naleving"] == [
        (case_id, "naleving", "failed")
    ]
    assert "127.0.0.1" in (incidents[0].last_error or "")

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        tick(services, date(2025, 4, 26))
        tick(services, date(2025, 4, 26))
    finally:
        controller.stop()

    subjects = [str(mail(raw)["Subject"]) for _, raw in inbox.messages]
    assert sum("naleving" in s for s in subjects) == 1
    assert list_incidents(uow=services.uow(), now=NOW).rows == []
    resolved = list_incidents(uow=services.uow(), now=NOW, include_resolved=True).rows
    assert any(r.kind == "naleving" and r.status == "sent" and r.attempts == 2 for r in resolved)


def test_a_case_without_a_handler_address_is_an_incident_until_one_is_assigned(
    services: Adapters, inbox: Inbox
) -> None:
    case_id = aanwijzing_case(services)
    services.settings = Settings(
        database_url=services.settings.database_url,
        smtp_host="127.0.0.1",
        smtp_port=services.settings.smtp_port,
    )
    no_domain = SmtpMailer(services.settings)

    process_due(
        uow_factory=services.uow,
        catalog=services.catalog,
        calendar=services.calendar,
        mailer=no_domain,
        resolve=RecipientResolver({}, None),
        today=date(2025, 4, 25),
        clock=lambda: NOW,
    )
    assert any(
        "assign one" in (i.last_error or "")
        for i in list_incidents(uow=services.uow(), now=NOW).rows
    )
    assign_handler(
        uow=services.uow(),
        case_id=case_id,
        handler="anna@igj.example",
        stamp=Stamp(on=date(2025, 4, 25), at=NOW, by="chef"),
    )
    process_due(
        uow_factory=services.uow,
        catalog=services.catalog,
        calendar=services.calendar,
        mailer=no_domain,
        resolve=RecipientResolver({}, None),
        today=date(2025, 4, 25),
        clock=lambda: NOW,
    )

    assert [to for to, _ in inbox.messages].count(["anna@igj.example"]) >= 1
    assert list_incidents(uow=services.uow(), now=NOW).rows == []


def test_moving_a_deadline_re_arms_its_reminders(services: Adapters, inbox: Inbox) -> None:
    case_id = aanwijzing_case(services)
    tick(services, date(2025, 4, 25))

    moved = move_deadline(
        uow=services.uow(),
        catalog=services.catalog,
        calendar=services.calendar,
        case_id=case_id,
        kind="naleving",
        to=parse_term("2 weken"),
        stamp=Stamp(on=date(2025, 4, 25), at=NOW, by="anna", reason="verzoek Focus"),
    )
    tick(services, date(2025, 5, 14))

    assert moved.due == date(2025, 5, 14)
    assert render(moved.steps[-1], "en") == (
        "extended by 2 weken from Wednesday 30 April 2025 to Wednesday 14 May 2025 on "
        "Friday 25 April 2025 by anna: verzoek Focus"
    )
    rows = list_reminders(uow=services.uow(), case_id=case_id).rows
    new = [r for r in rows if r.kind == "naleving" and r.deadline_id == moved.id]
    # -14 falls before the move (23 April) and is skipped; -3 (9 May) was missed: recorded
    assert [(r.step, r.status) for r in new] == [(-3, "superseded"), (0, "sent")]


def test_a_deadline_met_before_its_mail_went_out_drops_the_mail(
    services: Adapters, smtp_port: int
) -> None:
    case_id = vt_case(services)
    tick(services, date(2025, 9, 3))  # no server: the reminder waits as an incident
    do(services, case_id, "ontvang_verbeterplan", date(2025, 9, 4))

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        tick(services, date(2025, 9, 4))
    finally:
        controller.stop()

    assert inbox.messages == []
    assert verbeterplan_reminders(services, case_id)[-1] == (-3, "dropped")


def test_a_cancelled_deadline_gets_no_more_reminders(services: Adapters, inbox: Inbox) -> None:
    case_id = vt_case(services)
    do(services, case_id, "kondig_aanwijzing_aan", date(2025, 8, 1))  # cancels verbeterplan

    tick(services, date(2025, 9, 10))

    assert verbeterplan_reminders(services, case_id) == []
    assert not any("verbeterplan" in str(mail(raw)["Subject"]) for _, raw in inbox.messages)


def test_simulation_shows_what_would_happen_and_changes_nothing(services: Adapters) -> None:
    case_id = aanwijzing_case(services)
    before = case_history(uow=services.uow(), case_id=case_id)

    reports = simulate(
        uow=services.uow(),
        catalog=services.catalog,
        calendar=services.calendar,
        start=date(2025, 4, 1),
        until=date(2025, 5, 5),
        now=NOW,
    ).days

    busy = {r.today: r for r in reports if not r.is_empty}
    assert (case_id, "start_hertoets", "hertoets") in busy[date(2025, 5, 1)].follow_ups
    assert any(k == "naleving" for _, k, _, _ in busy[date(2025, 4, 8)].reminders)
    assert case_history(uow=services.uow(), case_id=case_id) == before
    assert list_reminders(uow=services.uow()).rows == []


def test_the_agenda_is_soonest_first_and_filters_by_handler_and_overdue(
    services: Adapters,
) -> None:
    case_id = aanwijzing_case(services)

    items = agenda(uow=services.uow(), today=date(2025, 3, 1)).items
    overdue = agenda(uow=services.uow(), today=date(2025, 3, 1), overdue_only=True).items
    others = agenda(uow=services.uow(), today=date(2025, 3, 1), handler="bert").items

    assert [(i.case_id, i.kind) for i in items] == [
        (case_id, "publicatie_embargo"),
        (case_id, "bezwaar"),
        (case_id, "naleving"),
    ]
    assert [i.kind for i in overdue] == ["publicatie_embargo"]
    assert others == []


def test_a_case_can_have_its_own_reminder_ladder(services: Adapters, inbox: Inbox) -> None:
    case_id = aanwijzing_case(services)

    set_reminder_ladder(
        uow=services.uow(),
        catalog=services.catalog,
        calendar=services.calendar,
        case_id=case_id,
        kind="naleving",
        ladder=(-1,),
        stamp=Stamp(on=date(2025, 4, 1), at=NOW, by="anna"),
    )
    tick(services, date(2025, 4, 25))
    tick(services, date(2025, 4, 29))

    assert naleving_reminders(services, case_id) == [(-1, "sent")]


def test_the_ics_file_parses_back_with_one_stable_event_per_deadline(
    services: Adapters, lang: str
) -> None:
    case_id = aanwijzing_case(services)
    items = agenda(uow=services.uow(), today=date(2025, 2, 1)).items

    first = Calendar.from_ical(deadlines_calendar(items, now=NOW))
    again = Calendar.from_ical(deadlines_calendar(items, now=datetime(2025, 3, 1, tzinfo=UTC)))

    events = first.walk("VEVENT")
    assert sorted(e.decoded("dtstart") for e in events) == [
        date(2025, 2, 14),
        date(2025, 3, 14),
        date(2025, 4, 30),
    ]
    assert sorted(str(e["summary"]) for e in events) == sorted(
        tr("{kind}: case {case} ({provider})", kind=i.kind, case=case_id, provider=i.provider)
        for i in items
    )
    assert [str(e["uid"]) for e in events] == [str(e["uid"]) for e in again.walk("VEVENT")]


def test_on_postgresql_two_processes_at_once_send_each_reminder_once(
    postgres_db_url: str, inbox: Inbox, smtp_port: int
) -> None:
    shared = build(postgres_db_url, create_missing=True).adapters
    shared.settings = Settings(
        database_url=postgres_db_url,
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        mail_domain="igj.example",
    )
    case_id = aanwijzing_case(shared)
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_tick_in_process, args=(postgres_db_url, smtp_port, "2025-04-25"))
        for _ in range(2)
    ]

    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    tick(shared, date(2025, 4, 25))

    assert [w.exitcode for w in workers] == [0, 0]
    subjects = [str(mail(raw)["Subject"]) for _, raw in inbox.messages]
    assert sum("naleving" in s for s in subjects) == 1
    assert naleving_reminders(shared, case_id) == [(-14, "superseded"), (-3, "sent")]
    shared.dispose()


SMALL_WORKFLOW = """
name: klein
version: 1
initial: open
states:
  - {name: open}
  - {name: wacht}
  - {name: dicht, final: true}
deadline_kinds:
  - {name: antwoord, basis: self-set, follow_up: sluit}
actions:
  - name: vraag
    from: [open]
    to: wacht
    starts: [{kind: antwoord, term: 1 week}]
  - {name: herstel, from: [wacht], to: open}
  - {name: sluit, from: [wacht], to: dicht}
"""


def test_a_follow_up_that_the_case_no_longer_allows_is_reported_and_not_forced(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "workflows"
    folder.mkdir()
    (folder / "klein.yaml").write_text(SMALL_WORKFLOW, encoding="utf-8")
    s = build(f"sqlite:///{tmp_path / 'klein.sqlite'}", create_missing=True).adapters
    s.settings = Settings(database_url=s.settings.database_url, workflows_dir=folder)
    add_provider(uow=s.uow(), name="Klein B.V.", kvk=KVK, kind="regio", alias=None, now=NOW)
    case_id = open_case(
        uow=s.uow(),
        catalog=s.catalog,
        provider_kvk=KVK,
        workflow="klein",
        on=date(2025, 1, 6),
        title=None,
        handler=None,
        by="anna",
        now=NOW,
        version=1,  # the watch as version 1 knows it (cases keep their version)
    )
    do(s, case_id, "vraag", date(2025, 1, 6))
    do(s, case_id, "herstel", date(2025, 1, 8))  # back to 'open': 'sluit' is not allowed there

    report = process_due(
        uow_factory=s.uow,
        catalog=s.catalog,
        calendar=s.calendar,
        mailer=None,
        resolve=lambda _: None,
        today=date(2025, 1, 20),
        clock=lambda: NOW,
    )

    assert report.sweep.overdue == [(case_id, "antwoord", date(2025, 1, 13))]
    assert [(c, a) for c, a, _ in report.sweep.follow_up_failures] == [(case_id, "sluit")]
    assert "is in 'open'" in report.sweep.follow_up_failures[0][2]
    detail = case_detail(uow=s.uow(), catalog=s.catalog, case_id=case_id, today=date(2025, 1, 20))
    assert detail.state == "open"
    assert [d.status for d in detail.deadlines] == ["overdue"]
    s.dispose()
