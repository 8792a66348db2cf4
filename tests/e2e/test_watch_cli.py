"""The deadline-watch commands end to end, and `scheduler run` as a real process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar

from tests.e2e.helpers import Cli, day, describe, make_cli, ok
from tests.i18n_helpers import tr
from tests.integration.test_watch import Inbox, free_port


@pytest.fixture
def demo(tmp_path: Path, cli: Cli, version_1: None) -> Cli:
    """The demo database: Focus (aanwijzing 31 January 2025) and JBN (VT from 16 July 2025),
    under version 1 of the workflow (the watch as its cases know it)."""
    path = tmp_path / "demo.sqlite"
    ok(cli("demo", "--db", path, db=None))
    return make_cli(path)


def as_json(result: object) -> object:
    return json.loads(ok(result).stdout)  # type: ignore[arg-type]


def test_tick_marks_passed_deadlines_and_a_second_tick_finds_nothing_new(demo: Cli) -> None:
    first = as_json(demo("tick", "--today", "2025-09-10", "--json"))
    second = as_json(demo("tick", "--today", "2025-09-10", "--json"))

    assert isinstance(first, dict) and isinstance(second, dict)
    assert {(o["case"], o["kind"], o["due"]) for o in first["overdue"]} == {
        (1, "bezwaar", "2025-03-14"),
        (1, "publicatie_embargo", "2025-02-14"),
        # Focus has findings per norm: its naleving waits for the hertoets per norm (issue 12)
        (1, "naleving", "2025-04-30"),
    }
    assert first["waiting"] == 3  # no SMTP server configured: kept in the outbox
    assert second["overdue"] == [] and second["reminders"] == []
    reminders = as_json(demo("reminders", "--json"))
    assert isinstance(reminders, list)
    assert sorted(r["status"] for r in reminders if r["step"] != -14).count("pending") == 3


def test_the_agenda_is_soonest_first_with_days_left_and_filters(demo: Cli) -> None:
    items = as_json(demo("deadlines", "--today", "2025-09-01", "--json"))
    overdue = as_json(demo("deadlines", "--today", "2025-09-01", "--overdue", "--json"))
    until = as_json(demo("deadlines", "--today", "2025-09-01", "--until", "2025-12-31", "--json"))
    nobody = as_json(demo("deadlines", "--today", "2025-09-01", "--handler", "bert", "--json"))

    assert isinstance(items, list)
    assert [(i["kind"], i["due"], i["days_left"]) for i in items] == [
        ("publicatie_embargo", "2025-02-14", -199),
        ("bezwaar", "2025-03-14", -171),
        ("naleving", "2025-04-30", -124),  # awaits Focus's hertoets per norm
        ("einde_verscherpt_toezicht", "2026-02-16", 168),
    ]
    expected = ["publicatie_embargo", "bezwaar", "naleving"]
    assert [i["kind"] for i in overdue] == expected  # type: ignore[union-attr]
    assert [i["kind"] for i in until] == expected  # type: ignore[union-attr]
    assert nobody == []


def test_simulate_shows_the_days_ahead_and_stores_nothing(demo: Cli) -> None:
    before = demo("case", "history", "1", "--json").stdout

    days = as_json(demo("simulate", "--today", "2026-01-01", "--until", "2026-02-19", "--json"))

    assert isinstance(days, list)
    by_day = {d["today"]: d for d in days}
    assert {"case": 2, "kind": "einde_verscherpt_toezicht", "due": "2026-02-16"} in by_day[
        "2026-02-17"
    ]["overdue"]
    assert demo("case", "history", "1", "--json").stdout == before
    assert as_json(demo("reminders", "--json")) == []


def test_the_calendar_export_is_an_ics_file_with_one_event_per_open_deadline(
    demo: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "termijnen.ics"

    ok(demo("calendar", "export", "--out", out))

    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert sorted(str(e.decoded("dtstart")) for e in events) == [
        "2025-02-14",
        "2025-03-14",
        "2025-04-30",
        "2026-02-16",
    ]
    assert len({str(e["uid"]) for e in events}) == 4


def test_assign_remind_and_move_deadline_are_recorded(demo: Cli) -> None:
    ok(demo("case", "assign", "2", "bert@igj.example", "--by", "chef"))
    ok(demo("case", "remind", "2", "einde_verscherpt_toezicht", "--ladder", "-10,0", "--by", "x"))
    moved = ok(
        demo(
            "case",
            "move-deadline",
            "2",
            "einde_verscherpt_toezicht",
            "--to",
            "2026-03-02",
            "--reason",
            "verlenging na voortgangsgesprek",
            "--on",
            "2026-01-15",
            "--by",
            "bert",
        )
    )

    assert moved.stdout.startswith("einde_verscherpt_toezicht"), describe(moved)
    assert day("2026-03-02") in moved.stdout and tr("open") in moved.stdout, describe(moved)
    show = as_json(demo("case", "show", "2", "--json"))
    assert isinstance(show, dict)
    assert show["handler"] == "bert@igj.example"
    einde = [(d["due"], d["status"]) for d in show["deadlines"] if d["kind"].startswith("einde")]
    assert einde == [("2026-02-16", "cancelled"), ("2026-03-02", "open")]
    history = demo("case", "history", "2").stdout
    assert (
        tr("handler {previous} → {handler}", previous="demo-jurist", handler="bert@igj.example")
        in history
    )
    moved_line = tr(
        "deadline {kind} moved {old} → {due}: {reason}",
        kind="einde_verscherpt_toezicht",
        old=day("2026-02-16"),
        due=day("2026-03-02"),
        reason="verlenging na voortgangsgesprek",
    )
    assert moved_line in history
    mine = as_json(demo("deadlines", "--handler", "bert@igj.example", "--json"))
    assert [i["case"] for i in mine] == [2]  # type: ignore[union-attr]


def test_bad_watch_input_is_refused_plainly(demo: Cli) -> None:
    bad_ladder = demo("case", "remind", "2", "verbeterplan", "--ladder", "soon")
    bad_kind = demo("case", "remind", "2", "verbeterplaan", "--ladder", "-3")
    nothing_to_move = demo(
        "case", "move-deadline", "2", "naleving", "--to", "2026-03-02", "--reason", "x"
    )
    backwards = demo("simulate", "--today", "2026-01-01", "--until", "2025-01-01")

    # The messages are the domain's and the services' (not in the catalog yet): the needles are
    # what they name (the input, the examples, the known kinds, the open deadlines).
    for result, words in (
        (bad_ladder, ("'soon'", "-14,-3,0,1")),
        (bad_kind, ("'verbeterplaan'", "reactie_conceptrapport, zienswijze")),
        (nothing_to_move, ("'naleving'", "einde_verscherpt_toezicht")),
        (backwards, ("--until",)),
    ):
        assert result.exit_code == 1, describe(result)
        assert result.stderr.startswith(tr("Error: {message}", message="")), describe(result)
        assert all(w in result.stderr for w in words) and "Traceback" not in result.output


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def test_the_scheduler_runs_cycles_sends_mail_and_stops_cleanly_on_sigterm(
    demo: Cli, tmp_path: Path, smtp: tuple[int, Inbox]
) -> None:
    port, inbox = smtp
    log = tmp_path / "scheduler.log"
    env = {
        **os.environ,
        "ESCALATION_SMTP_HOST": "127.0.0.1",
        "ESCALATION_SMTP_PORT": str(port),
        "ESCALATION_MAIL_DOMAIN": "igj.example",
    }
    command = [
        sys.executable,
        "-m",
        "escalation",
        "--db",
        str(tmp_path / "demo.sqlite"),
        "scheduler",
        "run",
        "--interval",
        "1",
    ]

    with log.open("w") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
        try:
            deadline = time.monotonic() + 60
            while (
                log.read_text().count(" tick ") < 2
                and process.poll() is None
                and time.monotonic() < deadline
            ):
                time.sleep(0.1)  # polling for the process's own progress, not for the clock
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()

    output = log.read_text()
    assert code == 0, output
    assert output.count(" tick ") >= 2
    assert "scheduler stopped" in output and "Traceback" not in output
    recipients = [to for to, _ in inbox.messages]
    assert recipients and all(to == ["demo-jurist@igj.example"] for to in recipients)
    statuses = [
        r["status"]
        for r in as_json(
            make_cli(tmp_path / "demo.sqlite")(  # type: ignore[union-attr]
                "reminders", "--json"
            )
        )
    ]
    assert "sent" in statuses and "pending" not in statuses and "failed" not in statuses
