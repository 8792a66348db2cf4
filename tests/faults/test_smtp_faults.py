"""A mail server that drops the connection, and one that is down for days, then recovers.

Real processes (`escalation tick` in a subprocess of its own) against a real SMTP server
(aiosmtpd, tests/faults/smtp.py). Before issue 9 a dropped connection made the retry a second
mail with a new Message-ID, and after an outage every queued step went out at once ("due
14 March" arriving on 20 March, three mails per deadline). Now a retry is the same message,
and a run after an outage sends one mail per deadline saying where it stands that day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from escalation.domain.reminders import reminder_message
from escalation.services.deadlines import simulate
from tests.faults.conftest import (
    DAY,
    EXIT_ATTENTION,
    NOW,
    aanwijzing_cases,
    adapters,
    environment,
    incidents,
    mails_due,
    tick,
)
from tests.faults.smtp import Received, Sink
from tests.faults.test_kill_during_send import statuses
from tests.integration.test_watch import free_port

# The aanwijzing cases' deadlines with reminder steps in this window: publicatie_embargo
# (14 February 2025, step 0) and bezwaar (14 March 2025, steps -14, -3, 0 and +1 on 17 March).
OUTAGE = (date(2025, 2, 14), date(2025, 3, 14))
RECOVERY = date(2025, 3, 20)  # after the last step of both, none of them ticked on time


@pytest.mark.parametrize("reply", ["before", "after"])
def test_a_connection_dropped_around_the_reply_loses_no_reminder_and_doubles_no_message_id(
    sqlite_url: str, sink: Sink, reply: str
) -> None:
    setup = adapters(sqlite_url, sink.port)
    aanwijzing_cases(setup, 2)
    expected = mails_due(setup, DAY)
    setup.dispose()
    env = environment(sink.port)
    sink.drop, sink.drop_after_reply = reply == "before", reply == "after"

    first = tick(sqlite_url, env)
    meanwhile = incidents(sqlite_url, env)
    sink.drop = sink.drop_after_reply = False
    second = tick(sqlite_url, env)

    rows = statuses(sqlite_url, env)
    sent = sorted(i for i, row in rows.items() if row["status"] == "sent")
    copies: dict[int, set[str]] = defaultdict(set)
    for mail in sink.received:
        copies[mail.reminder_id].add(mail.message_id)
    assert len(sent) == expected > 0
    assert sorted(copies) == sent and all(len(ids) == 1 for ids in copies.values())
    assert second.returncode == 0, second.stdout + second.stderr
    if reply == "before":  # the server has the mail, the sender never heard "250": sent again
        assert first.returncode == EXIT_ATTENTION, first.stdout + first.stderr
        assert sorted(int(str(i["id"])) for i in meanwhile) == sent
        assert all("failed" in str(i["last_error"]) for i in meanwhile)
        assert len(sink.received) == 2 * expected
        assert {int(str(r["attempts"])) for r in rows.values() if r["status"] == "sent"} == {2}
    else:  # "250" arrived; the lost goodbye is no failure and nothing goes out twice
        assert first.returncode == 0, first.stdout + first.stderr
        assert meanwhile == []
        assert len(sink.received) == expected


def reminder_days(url: str, port: int) -> list[date]:
    """The days within the outage on which a reminder step falls (asked of the simulation)."""
    s = adapters(url, port)
    start, until = OUTAGE
    report = simulate(
        uow=s.uow(), catalog=s.catalog, calendar=s.calendar, start=start, until=until, now=NOW
    )
    s.dispose()
    return [d.today for d in report.days if d.reminders]


@pytest.mark.parametrize("outage", ["down", "refusing"])
def test_after_an_outage_one_current_mail_per_deadline_goes_out(
    sqlite_url: str, sink: Sink, outage: str
) -> None:
    setup = adapters(sqlite_url, sink.port)
    cases = aanwijzing_cases(setup, 2)
    setup.dispose()
    days = reminder_days(sqlite_url, sink.port)
    assert len(days) >= 4  # several steps fall in the outage
    if outage == "down":  # nothing listens on the mail server's port
        env = environment(free_port())
    else:  # the server is there and answers every recipient "try again later"
        env, sink.refuse = environment(sink.port), "451 4.3.0 Try again later"

    runs = [tick(sqlite_url, env, day) for day in days]
    stuck, during = incidents(sqlite_url, env), len(sink.received)
    sink.refuse, env = None, environment(sink.port)
    recovered = tick(sqlite_url, env, RECOVERY)

    for run in runs:  # cron and monitoring see every run of the outage
        assert run.returncode == EXIT_ATTENTION, run.stdout + run.stderr
        assert f"exit code {EXIT_ATTENTION}" in run.stderr
    assert during == 0
    assert recovered.returncode == 0, recovered.stdout + recovered.stderr
    rows = list(statuses(sqlite_url, env).values())
    deadlines = {int(str(r["deadline_id"])) for r in rows}
    assert len(deadlines) == 2 * len(cases)  # publicatie_embargo and bezwaar of each case
    assert {int(str(r["deadline_id"])) for r in stuck} == deadlines  # one incident per deadline
    newest = {d: max(int(str(r["step"])) for r in rows if r["deadline_id"] == d) for d in deadlines}
    for row in rows:  # the newest step of each deadline sent, every earlier one superseded
        last = int(str(row["step"])) == newest[int(str(row["deadline_id"]))]
        assert row["status"] == ("sent" if last else "superseded"), row
    mails = {m.reminder_id: m for m in sink.received}
    assert len(sink.received) == len(mails) == len(deadlines)  # one mail per deadline
    for row in rows:
        if row["status"] == "sent":
            assert_current(mails[int(str(row["id"]))], row)


def assert_current(mail: Received, row: dict[str, object]) -> None:
    """The mail says where its deadline stands on the day it went out, not when its step came."""
    due = date.fromisoformat(str(row["due"]))
    subject, body = reminder_message(
        case_id=int(str(row["case_id"])), provider=f"Aanbieder {int(str(row['case_id'])) - 1}",
        kind=str(row["kind"]), due=due, today=RECOVERY,
    )  # fmt: skip
    assert (mail.subject, mail.body) == (subject, body)
    assert subject.startswith("Overdue:") and "passed on" in body
    assert f"As of 20 March 2025: {(RECOVERY - due).days} days past the deadline." in body
