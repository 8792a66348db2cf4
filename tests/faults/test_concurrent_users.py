"""Two users act on one case at the same moment (issue 13), in real processes, on PostgreSQL
and on a SQLite file: one wins; the other is told who changed the case and when, and nothing
of the loser's change is written; the history's hash chain still holds.

Each user's process is held (tests/faults/racer.py) right before it writes the case row, after
it read the case; both are let go together, and the database decides who is first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from escalation.bootstrap import build
from escalation.formatting import long_date
from escalation.services.cases import open_case
from escalation.services.providers import add_provider
from tests.faults.conftest import DEADLINE_S, NOW, cli, environment, wait_until

ROOT = Path(__file__).resolve().parents[2]
KVK = "87654321"
USERS = {"anna": ("case", "do", "{case}", "start_onderzoek", "--on", "2024-09-16"),
         "bram": ("case", "assign", "{case}", "bram")}  # fmt: skip


@pytest.fixture
def url(any_db_url: str) -> str:
    """A SQLite file, then a PostgreSQL database (tests/postgres.py)."""
    return any_db_url


def one_case(url: str) -> int:
    adapters = build(url, create_missing=True).adapters
    try:
        add_provider(
            uow=adapters.uow(), name="Focus-Jeugd & Gezin B.V.", kvk=KVK,
            kind="jeugdhulpaanbieder", alias="Focus", now=NOW,
        )  # fmt: skip
        return open_case(
            uow=adapters.uow(), catalog=adapters.catalog, provider_kvk=KVK, workflow="jeugdwet",
            on=date(2024, 9, 2), title=None, handler="carla", by="carla", now=NOW,
        )  # fmt: skip
    finally:
        adapters.dispose()


def racer(url: str, user: str, case_id: int, tmp_path: Path) -> subprocess.Popen[str]:
    args = [a.format(case=case_id) for a in USERS[user]]
    env = {
        **environment(25, lang="nl"),
        "ESCALATION_USER": user,
        "RACE_READY": str(tmp_path / f"{user}.ready"),
        "RACE_GO": str(tmp_path / "go"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.racer", "--db", url, *args],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def race(url: str, case_id: int, tmp_path: Path) -> dict[str, tuple[int, str]]:
    """Both users' processes, held after reading the case, let go together: exit and stderr."""
    processes = {user: racer(url, user, case_id, tmp_path) for user in USERS}
    try:
        for user in USERS:
            ready = tmp_path / f"{user}.ready"
            wait_until(ready.exists, what=f"{user} to have read the case")
        (tmp_path / "go").touch()
        outcome = {}
        for user, process in processes.items():
            _out, err = process.communicate(timeout=DEADLINE_S)
            outcome[user] = (process.returncode, err)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
    return outcome


def history(url: str, case_id: int) -> list[dict[str, object]]:
    done = cli(url, environment(25), "case", "history", str(case_id), "--json")
    assert done.returncode == 0, done.stderr
    events: list[dict[str, object]] = json.loads(done.stdout)
    return events


def test_two_users_on_one_case_one_wins_the_other_is_told_who_and_when(
    url: str, tmp_path: Path
) -> None:
    case_id = one_case(url)
    before = history(url, case_id)

    outcome = race(url, case_id, tmp_path)

    winners = [user for user, (code, _err) in outcome.items() if code == 0]
    assert len(winners) == 1, outcome
    (winner,) = winners
    (loser,) = set(USERS) - {winner}
    code, said = outcome[loser]
    after = history(url, case_id)
    last = after[-1]
    at = datetime.fromisoformat(str(last["at"])).astimezone(ZoneInfo("Europe/Amsterdam"))
    assert code == 1 and "Traceback" not in said
    assert last["by"] == winner
    assert (
        f"{winner} heeft zaak {case_id} op {long_date(at.date(), 'nl')} om {at:%H:%M} "
        "gewijzigd terwijl u eraan werkte" in said
    ), said
    assert "niets van uw wijziging is opgeslagen" in said
    assert after[: len(before)] == before and len(after) > len(before)
    assert all(e["by"] != loser for e in after)  # nothing of the loser written
    verified = cli(url, environment(25), "audit", "verify", "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["intact"] is True
