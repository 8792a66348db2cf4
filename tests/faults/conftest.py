"""Fault injection (issue 9): real SMTP servers that misbehave, real processes killed mid-send.

The tests read the English texts unless they ask for a language. Nothing waits for time to
pass: the send lease is a setting (ESCALATION_SEND_LEASE_SECONDS), made tiny where a test
needs an interrupted send to be retried at once; processes are waited for with a deadline.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from escalation.bootstrap import Adapters, build
from escalation.config import Settings
from escalation.domain.events import Stamp
from escalation.services.cases import apply_action, open_case
from escalation.services.deadlines import simulate
from escalation.services.providers import add_provider
from tests.faults.smtp import Sink
from tests.i18n_plugin import english_unless_asked
from tests.integration.test_watch import free_port

NOW = datetime(2025, 1, 31, 9, tzinfo=UTC)
DAY = date(2025, 4, 25)  # three working days before the naleving deadline of 30 April 2025
TINY_LEASE = "0.001"  # an interrupted send is free for the next run at once
DEADLINE_S = 60  # how long a test waits for a process at most
EXIT_ATTENTION = 3  # README: `tick` exits 3 when a reminder was not sent


@pytest.fixture(autouse=True)
def _in_english(request: pytest.FixtureRequest) -> Iterator[None]:
    yield from english_unless_asked(request)


@pytest.fixture
def sink() -> Iterator[Sink]:
    """A real SMTP server (aiosmtpd) on a free port that keeps what it accepts."""
    handler = Sink(free_port())
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    handler.release()
    controller.stop()


def smtp_settings(url: str, port: int) -> Settings:
    return Settings(
        database_url=url,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_timeout_seconds=5,
        mail_domain="igj.example",
        mail_from="termijnen@igj.example",
    )


def adapters(url: str, port: int) -> Adapters:
    """The real adapters on `url`, mailing to 127.0.0.1:`port` (the database is made)."""
    built = build(url, create_missing=True).adapters
    built.settings = smtp_settings(url, port)
    return built


def aanwijzing_cases(s: Adapters, count: int) -> list[int]:
    """`count` cases with an aanwijzing of 31 January 2025 (naleving due 30 April 2025).

    Opened under workflow version 1, whose deadlines all remind as alarms: these tests are
    about delivery (leases, outages, headers), not about whose move a deadline awaits."""
    ids = []
    for n in range(count):
        kvk = f"{87654300 + n:08d}"
        add_provider(
            uow=s.uow(), name=f"Aanbieder {n}", kvk=kvk, kind="jeugdhulpaanbieder", alias=None,
            now=NOW, address="Stationsplein 1, 3511 ED Utrecht",
        )  # fmt: skip
        case_id = open_case(
            uow=s.uow(), catalog=s.catalog, provider_kvk=kvk, workflow="jeugdwet",
            on=date(2024, 12, 1), title=None, handler=f"jurist{n}", by="anna", now=NOW,
            version=1,  # delivery under faults, with version 1's plain deadlines (all alarms)
        )  # fmt: skip
        for action, on, params in (
            ("start_onderzoek", date(2024, 12, 2), {}),
            ("verstuur_conceptrapport", date(2024, 12, 3), {}),
            ("stel_rapport_vast", date(2024, 12, 20), {}),
            ("kondig_aanwijzing_aan", date(2025, 1, 6), {}),
            ("geef_aanwijzing", date(2025, 1, 31), {"nalevingstermijn": "3 maanden"}),
        ):
            do(s, case_id, action, on, params)
        ids.append(case_id)
    return ids


def do(s: Adapters, case_id: int, action: str, on: date, params: Mapping[str, str]) -> None:
    apply_action(
        uow=s.uow(), catalog=s.catalog, calendar=s.calendar, case_id=case_id, action=action,
        params=params, stamp=Stamp(on=on, at=NOW, by="anna"),
    )  # fmt: skip


def mails_due(s: Adapters, day: date) -> int:
    """How many mails a run on `day` sends (the simulation's reminders: one per deadline)."""
    (report,) = simulate(
        uow=s.uow(), catalog=s.catalog, calendar=s.calendar, start=day, until=day, now=NOW
    ).days
    return len(report.reminders)


def environment(port: int, *, lease: str = TINY_LEASE, lang: str = "en") -> dict[str, str]:
    return {
        **os.environ,
        "ESCALATION_SMTP_HOST": "127.0.0.1",
        "ESCALATION_SMTP_PORT": str(port),
        "ESCALATION_SMTP_TIMEOUT_SECONDS": "5",
        "ESCALATION_MAIL_DOMAIN": "igj.example",
        "ESCALATION_MAIL_FROM": "termijnen@igj.example",
        "ESCALATION_SEND_LEASE_SECONDS": lease,
        "ESCALATION_LANG": lang,
    }


def escalation(url: str, *args: str) -> list[str]:
    """The command line of `python -m escalation --db URL ARGS...`."""
    return [sys.executable, "-m", "escalation", "--db", url, *args]


def tick(url: str, env: Mapping[str, str], day: date = DAY) -> subprocess.CompletedProcess[str]:
    """One `escalation tick` in a process of its own, to its end."""
    return subprocess.run(
        escalation(url, "tick", "--today", day.isoformat()),
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
        check=False,
    )


def cli(url: str, env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`escalation --db URL ARGS...` in a process of its own, to its end."""
    return subprocess.run(
        escalation(url, *args), env=dict(env), capture_output=True, text=True,
        timeout=DEADLINE_S, check=False,
    )  # fmt: skip


def incidents(url: str, env: Mapping[str, str]) -> list[dict[str, object]]:
    """The current incidents, as `escalation incidents --json` shows them."""
    done = cli(url, env, "incidents", "--json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def wait_until(condition: Callable[[], bool], *, what: str) -> None:
    """Poll for a condition of the system under test (never for the clock) with a deadline."""
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.005)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'faults.sqlite'}"
