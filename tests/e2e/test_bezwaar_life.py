"""A besluit's life after bezwaar, end to end: the sweep, beroep, a late bezwaar, what a gegrond
beslissing does, and what the CLI names as the next step.

The aanwijzing IGJ-2025-000001 is sent on Friday 31 January 2025: bezwaar term until Friday
14 March, postal week until Friday 21 March, naleving 30 April. Decided on Monday 2 June 2025,
the beslissing op bezwaar (IGJ-2025-000003) has its beroep term until Monday 14 July, postal
week until Monday 21 July (docs/bezwaar.md, docs/deadline-watch.md).
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from tests.e2e.helpers import BY, Cli, as_json, ok, refused
from tests.e2e.test_besluiten import aanwijzing_given
from tests.e2e.test_bezwaar import AANWIJZING, added, bezwaar, status_of
from tests.i18n_helpers import tr

BESLISSING = "IGJ-2025-000003"


def tick(cli: Cli, today: str) -> dict[str, Any]:
    report: dict[str, Any] = as_json(cli("tick", "--today", today, "--json"))
    return report


def finals(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(o["besluit"], o["since"]) for o in report["onherroepelijk"]]


def deadlines_of(cli: Cli, kenmerk: str) -> list[tuple[str, str, str]]:
    shown = as_json(cli("besluit", "show", kenmerk, "--json"))
    return [(d["kind"], d["due"], d["status"]) for d in shown["deadlines"]]


def decided(cli: Cli, *options: str) -> dict[str, Any]:
    ref = added(cli, "--ontvangen", "2025-03-10")["ref"]
    return bezwaar(cli, "beslis", ref, *options)


# --- 1. the beroep window of a beslissing op bezwaar ------------------------------------------


def test_an_unused_beroep_term_makes_the_beslissing_and_the_upheld_besluit_final(cli: Cli) -> None:
    aanwijzing_given(cli)
    decided(cli, "--uitkomst", "ongegrond", "--on", "2025-06-02")

    week = tick(cli, "2025-07-21")
    after = tick(cli, "2025-07-22")
    overdue = as_json(cli("deadlines", "--today", "2025-07-22", "--overdue", "--json"))
    history = ok(cli("besluit", "show", AANWIJZING)).stdout

    assert (BESLISSING, "2025-07-15") not in finals(week)
    assert finals(after) == [(BESLISSING, "2025-07-15"), (AANWIJZING, "2025-07-15")]
    assert status_of(cli, BESLISSING) == status_of(cli, AANWIJZING) == "onherroepelijk"
    assert ("beroep", "2025-07-14", "lapsed") in deadlines_of(cli, BESLISSING)
    assert "beroep" not in [d["kind"] for d in overdue]
    assert "beroepstermijn → onherroepelijk" in history and "6:9 lid 2" in history
    assert finals(tick(cli, "2025-07-23")) == []


def test_a_recorded_beroep_meets_the_window_and_nothing_becomes_final(cli: Cli) -> None:
    case = aanwijzing_given(cli)
    decided(cli, "--uitkomst", "ongegrond", "--on", "2025-06-02")
    before = as_json(cli("case", "history", str(case), "--json"))
    bad = [
        (cli("besluit", "beroep", AANWIJZING, "--ingesteld", "2025-07-01"), "7:1"),
        (cli("besluit", "beroep", BESLISSING, "--ingesteld", "2025-05-30"), BESLISSING),
        (cli("besluit", "beroep", BESLISSING, "--ingesteld", "2099-01-01"), "--ingesteld"),
        (cli("besluit", "beroep", BESLISSING, "--ingesteld", "2025-02-30"), "2025-02-30"),
        (cli("besluit", "beroep", "IGJ-1999-000001", "--ingesteld", "2025-07-01"), "IGJ-1999"),
    ]
    for result, needle in bad:
        refused(result, needle)
    assert as_json(cli("case", "history", str(case), "--json")) == before

    shown = as_json(
        cli("besluit", "beroep", BESLISSING, "--ingesteld", "2025-07-01", "--by", BY, "--json")
    )
    again = cli("besluit", "beroep", BESLISSING, "--ingesteld", "2025-07-02")
    after = tick(cli, "2025-07-22")

    assert (shown["status"], shown["beroep_ingesteld"]) == ("in_beroep", "2025-07-01")
    assert [e["type"] for e in shown["history"]][-2:] == [
        "beroep_ingesteld", "besluit_status_changed"
    ]  # fmt: skip
    assert status_of(cli, AANWIJZING) == "in_beroep"
    assert ("beroep", "2025-07-14", "met") in deadlines_of(cli, BESLISSING)
    refused(again, "in_beroep")
    assert not {AANWIJZING, BESLISSING} & {kenmerk for kenmerk, _since in finals(after)}
    assert status_of(cli, BESLISSING) == "in_beroep"
    text = ok(cli("case", "history", str(case))).stdout
    assert tr("beroep instituted against {kenmerk} on {day} (Awb 8:1)", kenmerk=BESLISSING,
              day=_short("2025-07-01")) in text  # fmt: skip


# --- 2. a bezwaar in time, and a late one ------------------------------------------------------


def test_a_bezwaar_in_time_keeps_the_besluit_in_bezwaar_after_the_postal_week(cli: Cli) -> None:
    aanwijzing_given(cli)
    added(cli, "--ontvangen", "2025-03-10")

    after = tick(cli, "2025-03-22")
    overdue = as_json(cli("deadlines", "--today", "2025-03-22", "--overdue", "--json"))

    assert status_of(cli, AANWIJZING) == "in_bezwaar"
    assert finals(after) == [("IGJ-2025-000002", "2025-03-15")]  # the openbaarmakingsbesluit
    assert ("bezwaar", "2025-03-14", "met") in deadlines_of(cli, AANWIJZING)
    assert overdue == []


def test_a_late_bezwaar_judged_excusable_takes_the_final_besluit_back_into_bezwaar(
    cli: Cli,
) -> None:
    aanwijzing_given(cli)
    tick(cli, "2025-03-22")

    late = added(cli, "--ontvangen", "2025-03-24")
    judged = bezwaar(
        cli, "termijn", late["ref"], "--verschoonbaar", "ja", "--reason", "postbezorging",
        "--on", "2025-03-25",
    )  # fmt: skip
    history = as_json(cli("besluit", "show", AANWIJZING, "--json"))["history"]

    assert (late["tijdigheid"], late["besluit_status"]) == ("te_laat", "onherroepelijk")
    assert judged["besluit_status"] == "in_bezwaar"
    last = history[-1]
    assert (last["type"], last["reason"]) == ("besluit_status_changed", "Awb 6:11")
    assert (last["details"]["from_status"], last["details"]["to_status"]) == (
        "onherroepelijk", "in_bezwaar"
    )  # fmt: skip
    assert "onherroepelijk → in_bezwaar — Awb 6:11" in ok(cli("besluit", "show", AANWIJZING)).stdout


def test_a_late_bezwaar_not_judged_leaves_the_besluit_to_become_final(cli: Cli) -> None:
    aanwijzing_given(cli)
    late = added(cli, "--ontvangen", "2025-03-22")  # before the sweep ran

    after = tick(cli, "2025-03-22")
    judged = cli(
        "bezwaar", "termijn", late["ref"], "--verschoonbaar", "nee", "--reason", "geen reden",
        "--on", "2025-03-25",
    )  # fmt: skip

    assert late["besluit_status"] == "bezwaartermijn"
    assert (AANWIJZING, "2025-03-15") in finals(after)
    ok(judged)
    assert status_of(cli, AANWIJZING) == "onherroepelijk"
    command = f"escalation bezwaar beslis {late['ref']} --uitkomst niet_ontvankelijk"
    assert tr("Next step: declare it niet-ontvankelijk (Awb 6:11): {command}",
              command=command) in judged.stdout  # fmt: skip


# --- 3. what a gegrond beslissing does to the besluit -----------------------------------------


def test_gegrond_herroepen_revokes_the_besluit_and_cancels_its_naleving(cli: Cli) -> None:
    aanwijzing_given(cli)

    done = decided(cli, "--uitkomst", "gegrond", "--herroepen", "--on", "2025-04-01")
    later = tick(cli, "2025-05-02")

    assert (done["uitkomst"], done["besluit_status"]) == ("gegrond", "ingetrokken")
    assert ("naleving", "2025-04-30", "cancelled") in deadlines_of(cli, AANWIJZING)
    assert "naleving" not in [i["kind"] for i in later["lapsed"] + later["reminders"]]
    assert "start_hertoets" not in [f["action"] for f in later["follow_ups"]]
    assert AANWIJZING not in [kenmerk for kenmerk, _since in finals(later)]


def test_gegrond_gewijzigd_changes_the_besluit_and_keeps_its_naleving(cli: Cli) -> None:
    aanwijzing_given(cli)

    done = decided(cli, "--uitkomst", "deels_gegrond", "--gewijzigd", "--on", "2025-04-01")

    assert (done["uitkomst"], done["besluit_status"]) == ("deels_gegrond", "gewijzigd")
    assert ("naleving", "2025-04-30", "open") in deadlines_of(cli, AANWIJZING)


def test_a_new_naleving_date_re_projects_the_deadline_and_its_reminders(cli: Cli) -> None:
    aanwijzing_given(cli)

    done = decided(cli, "--uitkomst", "gegrond", "--naleving", "2025-06-30", "--on", "2025-04-01")
    old_reminder_day = tick(cli, "2025-04-25")  # 3 working days before 30 April
    new_reminder_day = tick(cli, "2025-06-25")  # 3 working days before 30 June

    assert done["besluit_status"] == "gewijzigd"
    naleving = [d for d in deadlines_of(cli, AANWIJZING) if d[0] == "naleving"]
    assert naleving == [("naleving", "2025-04-30", "cancelled"), ("naleving", "2025-06-30", "open")]
    assert "naleving" not in [r["kind"] for r in old_reminder_day["reminders"]]
    assert ("naleving", -3, "2025-06-30") in [
        (r["kind"], r["step"], r["due"]) for r in new_reminder_day["reminders"]
    ]
    history = ok(cli("besluit", "show", AANWIJZING)).stdout
    assert BESLISSING in history and "2025" in history


def test_an_adviescommissie_gives_twelve_weeks(cli: Cli) -> None:
    aanwijzing_given(cli)

    new = added(cli, "--ontvangen", "2025-03-10", "--adviescommissie")
    shown = as_json(cli("bezwaar", "show", new["ref"], "--json"))

    assert (new["adviescommissie"], new["beslistermijn"]) == (True, "2025-06-06")
    assert (new["deadline"]["term"], new["deadline"]["due"]) == ("12 weken", "2025-06-06")
    assert "7:13" in new["deadline"]["legal_basis"] or "7:10" in new["deadline"]["legal_basis"]
    assert shown["beslistermijn"] == "2025-06-06"


# --- 4. the next step and its letter ----------------------------------------------------------


def test_add_of_a_late_bezwaar_names_the_verdict_it_waits_for(cli: Cli) -> None:
    aanwijzing_given(cli)

    result = ok(cli("bezwaar", "add", AANWIJZING, "--ontvangen", "2025-03-24", "--by", BY))

    ref = f"{AANWIJZING}/1"
    command = f"escalation bezwaar termijn {ref} --verschoonbaar ja|nee --reason TEXT"
    assert result.stdout.strip().isdigit()  # stdout: the id alone
    assert tr("Next step: judge whether the lateness is excusable (Awb 6:11): {command}",
              command=command) in result.stderr  # fmt: skip
    assert "bezwaar-ontvangstbevestiging --set bezwaarschrift=" + ref in result.stderr


def test_herstel_names_its_letter_and_the_named_command_makes_it(cli: Cli, tmp_path: Path) -> None:
    case = aanwijzing_given(cli)
    ref = added(cli, "--ontvangen", "2025-03-10")["ref"]

    shown = ok(cli("bezwaar", "herstel", ref, "--op", "2025-03-20", "--termijn", "2 weken"))
    decided_text = ok(cli("bezwaar", "beslis", ref, "--uitkomst", "ongegrond", "--on",
                          "2025-06-02")).stdout  # fmt: skip

    command = (
        f"escalation letter make {case} bezwaar-herstelverzoek --on 2025-03-20 "
        f"--set bezwaarschrift={ref} --set verzuim=TEXT"
    )
    assert tr("Letter for this step: {command}", command=command) in shown.stdout
    args = [a.replace("TEXT", "de gronden") for a in shlex.split(command)[1:]]
    ok(cli(*args, "--format", "md", "--out", str(tmp_path), "--by", BY))
    assert len(list(tmp_path.glob("*bezwaar-herstelverzoek-2025-03-20*.md"))) == 1
    assert f"bezwaar-beslissing --on 2025-06-02 --set bezwaarschrift={ref}" in decided_text
    assert f"escalation besluit beroep {BESLISSING} --ingesteld DATE" in decided_text


# --- 5. the history says what a passed deadline became ----------------------------------------


def test_the_history_says_a_passed_deadline_lapsed(cli: Cli) -> None:
    case = aanwijzing_given(cli)
    tick(cli, "2025-03-22")

    text = ok(cli("case", "history", str(case))).stdout

    assert tr("deadline {kind} passed (due {due}): {status}", kind="bezwaar",
              due=_short("2025-03-14"), status=tr("lapsed")) in text  # fmt: skip


def _short(iso: str) -> str:
    from datetime import date

    from escalation.cli.output import day

    return day(date.fromisoformat(iso))
