"""Team use at the same moment on PostgreSQL (issue 13), in real processes:

- two hoofdinspecteurs establish one concept besluit at once: one establishes it (its letter
  sent once, its deadlines started once); the other is told who did and when, nothing of theirs
  written;
- a signal opens 500 cases in one transaction while a `tick` runs: the tick neither waits for
  the open transaction nor sees its cases; both finish; every reminder is sent once.

Processes are held at a chosen statement (tests/faults/racer.py) and let go by the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from escalation.services.providers import add_provider
from tests.faults.conftest import (
    DAY,
    DEADLINE_S,
    NOW,
    aanwijzing_cases,
    adapters,
    cli,
    environment,
    mails_due,
    tick,
    wait_until,
)
from tests.faults.smtp import Sink

ROOT = Path(__file__).resolve().parents[2]
ADRES = "Stationsplein 1, 3511 ED Utrecht"
TEAM = (("tom", "teamleider"), ("anna", "jurist"), ("hanna", "hoofdinspecteur"),
        ("hein", "hoofdinspecteur"))  # fmt: skip
STEPS = (("start_onderzoek", "2025-01-07"), ("verstuur_conceptrapport", "2025-01-08"),
         ("stel_rapport_vast", "2025-02-03"), ("kondig_aanwijzing_aan", "2025-02-04"))  # fmt: skip


def as_user(url: str, who: str, *args: str) -> subprocess.CompletedProcess[str]:
    done = cli(url, {**environment(25), "ESCALATION_USER": who}, *args)
    assert done.returncode == 0, f"{args}\n{done.stdout}{done.stderr}"
    return done


def held(
    url: str, name: str, tmp_path: Path, env: Mapping[str, str], at: str, *args: str
) -> subprocess.Popen[str]:
    """`escalation ARGS` in a process held at the first statement starting with `at`."""
    run_env = {
        **env,
        "RACE_READY": str(tmp_path / f"{name}.ready"),
        "RACE_GO": str(tmp_path / "go"),
        "RACE_AT": at,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.racer", "--db", url, *args],
        env=run_env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finish(processes: Mapping[str, subprocess.Popen[str]]) -> dict[str, tuple[int, str]]:
    outcome = {}
    try:
        for name, process in processes.items():
            _out, err = process.communicate(timeout=DEADLINE_S)
            outcome[name] = (process.returncode, err)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
    return outcome


def prepared_aanwijzing(url: str) -> str:
    """A team database with a concept aanwijzing prepared by anna; its kenmerk."""
    assert cli(url, environment(25), "init").returncode == 0
    for name, role in TEAM:
        as_user(url, "tom", "user", "add", name, "--email", f"{name}@igj.example", "--role", role)
    as_user(url, "anna", "provider", "add", "Focus-Jeugd B.V.", "--kvk", "87654321",
            "--kind", "jeugdhulpaanbieder", "--adres", ADRES)  # fmt: skip
    case = as_user(url, "anna", "case", "open", "--provider", "87654321", "--on", "2025-01-06")
    case_id = case.stdout.split()[-1].strip(".")
    for action, day in STEPS:
        as_user(url, "anna", "case", "do", case_id, action, "--on", day)
    as_user(url, "anna", "case", "do", case_id, "geef_aanwijzing", "--on", "2025-02-24",
            "--set", "nalevingstermijn=4 weken", "--set", "aanleiding=Geen risicotaxatie.",
            "--set", "dictum=Maak per jeugdige een risicotaxatie.")  # fmt: skip
    listed = json.loads(as_user(url, "anna", "besluit", "list", "--json").stdout)
    return str(next(b["kenmerk"] for b in listed if b["kind"] == "aanwijzing"))


def test_two_users_establishing_one_besluit_one_does_the_other_is_told(
    postgres_db_url: str, tmp_path: Path
) -> None:
    url = postgres_db_url
    kenmerk = prepared_aanwijzing(url)
    env = environment(25, lang="nl")
    args = ("besluit", "vaststellen", kenmerk, "--on", "2025-02-25")
    processes = {
        who: held(url, who, tmp_path, {**env, "ESCALATION_USER": who}, "UPDATE BESLUITEN ", *args)
        for who in ("hanna", "hein")
    }
    for who in processes:
        wait_until((tmp_path / f"{who}.ready").exists, what=f"{who} to have read the besluit")
    (tmp_path / "go").touch()
    outcome = finish(processes)

    winners = [who for who, (code, _err) in outcome.items() if code == 0]
    assert len(winners) == 1, outcome
    (loser,) = set(outcome) - set(winners)
    code, said = outcome[loser]
    assert code == 1 and "Traceback" not in said, said
    assert winners[0] in said and kenmerk in said, said
    listed = json.loads(as_user(url, "anna", "besluit", "list", "--json").stdout)
    assert {(b["status"], b["established_by"]) for b in listed} == {("bezwaartermijn", winners[0])}
    history = json.loads(as_user(url, "anna", "case", "history", "1", "--json").stdout)
    types = [e["type"] for e in history]
    assert types.count("besluit_established") == 2  # the aanwijzing and its openbaarmaking
    assert [e["by"] for e in history if e["type"] == "besluit_established"] == [winners[0]] * 2
    assert sum(1 for e in history if e["type"] == "letter_sent"
               and e["details"]["template"] == "aanwijzing") == 1  # fmt: skip
    assert all(e["by"] != loser for e in history)
    verified = cli(url, environment(25), "audit", "verify", "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["intact"] is True


def test_a_signal_opening_500_cases_while_a_tick_runs(
    postgres_db_url: str, sink: Sink, tmp_path: Path
) -> None:
    url = postgres_db_url
    s = adapters(url, sink.port)
    try:
        aanwijzing_cases(s, 5)
        expected = mails_due(s, DAY)
        subjects = [f"{70000000 + n:08d}" for n in range(500)]
        for kvk in subjects:
            add_provider(uow=s.uow(), name=f"Aanbieder {kvk}", kvk=kvk,
                         kind="jeugdhulpaanbieder", alias=None, now=NOW)  # fmt: skip
    finally:
        s.dispose()
    env = environment(sink.port)
    signal = held(url, "signal", tmp_path, env, "INSERT INTO CASE_SCOPE",
                  "signaal", "open", "--title", "Thematisch onderzoek", "--on", "2025-04-01",
                  "--subjects", ",".join(subjects))  # fmt: skip
    try:
        wait_until((tmp_path / "signal.ready").exists, what="the signal's cases inserted")
        ticked = tick(url, env, DAY)  # runs to its end while the signal's transaction is open
        (tmp_path / "go").touch()
        outcome = finish({"signal": signal})
    finally:
        if signal.poll() is None:
            signal.kill()

    assert ticked.returncode == 0, ticked.stdout + ticked.stderr
    assert outcome["signal"][0] == 0, outcome
    assert expected > 0 and len(sink.received) == expected
    shown = json.loads(cli(url, env, "signaal", "show", "1", "--json").stdout)
    assert len(shown["cases"]) == 500
    again = tick(url, env, DAY)
    assert again.returncode == 0 and len(sink.received) == expected  # each reminder once
    verified = cli(url, env, "audit", "verify", "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["intact"] is True
