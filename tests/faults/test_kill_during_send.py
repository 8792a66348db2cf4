"""`kill -9` while `escalation tick` sends: no reminder is lost, a mail sent twice is the same mail.

Before issue 9 a tick killed while sending left the reminder `sending` for good (27 of 30
kills). Now the row is held under a lease; the next run takes it over once the lease ends and
sends it with the same Message-ID, so that a receiving system can drop the second copy.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
from collections import defaultdict

import pytest

from escalation.services.delivery import interrupted
from tests.faults.conftest import (
    DAY,
    DEADLINE_S,
    aanwijzing_cases,
    adapters,
    environment,
    escalation,
    mails_due,
    tick,
    wait_until,
)
from tests.faults.smtp import Received, Sink

KILLS = 6


def statuses(url: str, env: dict[str, str]) -> dict[int, dict[str, object]]:
    """Every reminder row by id, as `escalation reminders --all --json` shows it."""
    done = subprocess.run(
        escalation(url, "reminders", "--all", "--json"),
        env=env,
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
        check=True,
    )
    return {row["id"]: row for row in json.loads(done.stdout)}


def by_reminder(received: list[Received]) -> dict[int, set[str]]:
    ids: dict[int, set[str]] = defaultdict(set)
    for mail in received:
        ids[mail.reminder_id].add(mail.message_id)
    return ids


def killed_run(url: str, env: dict[str, str], sink: Sink, delay: float) -> bool:
    """Start a tick, let it send one more mail, wait `delay` and kill -9 it.

    Returns whether the process was killed (False: it finished before the kill came).
    """
    before = sink.count
    process = subprocess.Popen(
        escalation(url, "tick", "--today", DAY.isoformat()),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: sink.count > before or process.poll() is not None, what="the first mail")
        try:
            process.wait(timeout=delay)  # the randomised moment of the kill
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=DEADLINE_S)
            return True
        return False
    finally:
        if process.poll() is None:
            process.kill()


def test_repeated_kills_at_random_moments_lose_no_reminder_and_keep_each_message_id(
    sqlite_url: str, sink: Sink
) -> None:
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    setup = adapters(sqlite_url, sink.port)
    aanwijzing_cases(setup, 4)
    expected = mails_due(setup, DAY)
    setup.dispose()
    sink.delay = 0.02  # a slow server: most of a run is spent with a mail on the wire
    env = environment(sink.port)

    kills = sum(killed_run(sqlite_url, env, sink, chance.uniform(0, 0.25)) for _ in range(KILLS))
    final = tick(sqlite_url, env)

    why = f"seed {seed}, {kills} kills; {final.stdout}{final.stderr}"
    assert final.returncode == 0, why
    rows = statuses(sqlite_url, env)
    sent = {i for i, row in rows.items() if row["status"] == "sent"}
    assert len(sent) == expected, why
    assert not [r for r in rows.values() if r["status"] in ("pending", "sending", "failed")], why
    mails = by_reminder(sink.received)
    assert set(mails) == sent, why  # every reminder arrived, and nothing else did
    assert all(len(ids) == 1 for ids in mails.values()), why  # each copy: the same Message-ID
    assert len({next(iter(ids)) for ids in mails.values()}) == len(sent), why
    assert len(sink.received) - len(sent) <= kills, why  # at most one extra copy per kill


@pytest.mark.parametrize("stage", ["RCPT", "DATA"])
def test_a_mail_interrupted_by_kill_9_is_sent_by_the_next_run(
    sqlite_url: str, sink: Sink, stage: str
) -> None:
    setup = adapters(sqlite_url, sink.port)
    aanwijzing_cases(setup, 1)
    expected = mails_due(setup, DAY)
    setup.dispose()
    env = environment(sink.port)
    sink.hold(stage)  # RCPT: the mail never arrives; DATA: it arrives, its "250" never does
    process = subprocess.Popen(escalation(sqlite_url, "tick", "--today", DAY.isoformat()), env=env)
    wait_until(sink.holding.is_set, what=f"the first {stage} at the server")

    process.send_signal(signal.SIGKILL)
    process.wait(timeout=DEADLINE_S)
    sink.release()
    (held,) = [r for r in statuses(sqlite_url, env).values() if r["status"] == "sending"]
    incidents = subprocess.run(
        escalation(sqlite_url, "incidents", "--json"), env=env, capture_output=True, text=True,
        timeout=DEADLINE_S, check=True,
    )  # fmt: skip
    again = tick(sqlite_url, env)

    (incident,) = json.loads(incidents.stdout)  # its lease has ended: the next run sends it
    assert (incident["id"], incident["last_error"]) == (held["id"], interrupted())
    assert again.returncode == 0, again.stderr
    rows = statuses(sqlite_url, env)
    assert [r["status"] for r in rows.values()].count("sent") == expected
    copies = [m for m in sink.received if m.reminder_id == held["id"]]
    assert len(copies) == (1 if stage == "RCPT" else 2)
    assert len({m.message_id for m in copies}) == 1  # however often it came: one Message-ID
    held_id = int(str(held["id"]))
    assert (rows[held_id]["attempts"], rows[held_id]["last_error"]) == (2, interrupted())
