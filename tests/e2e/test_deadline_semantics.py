"""Whose move a deadline awaits, end to end on workflow version 2: tick, deadlines, moves.

The aanwijzing of Friday 31 January 2025: bezwaar term until Friday 14 March, postal week until
Friday 21 March; embargo until Friday 14 February; reactie_openbaarmaking 14 March.
"""

from __future__ import annotations

from datetime import date

from escalation.formatting import long_date
from tests.e2e.helpers import (
    BY,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    day,
    do,
    ok,
    open_case,
    refused,
    show,
    walk,
)
from tests.e2e.test_besluiten import AANWIJZING, aanwijzing_given
from tests.i18n_helpers import tr


def test_after_the_postal_week_tick_makes_the_besluit_final_and_nothing_is_overdue(
    cli: Cli,
) -> None:
    case = aanwijzing_given(cli)

    week = as_json(cli("tick", "--today", "2025-03-21", "--json"))
    after = as_json(cli("tick", "--today", "2025-03-22", "--json"))
    overdue = as_json(cli("deadlines", "--today", "2025-03-22", "--overdue", "--json"))
    again = as_json(cli("tick", "--today", "2025-03-22", "--json"))

    assert "bezwaar" not in [i["kind"] for i in week["lapsed"]]
    assert week["onherroepelijk"] == []
    assert after["onherroepelijk"] == [
        {"case": case, "besluit": "IGJ-2025-000001", "since": "2025-03-15"},
        {"case": case, "besluit": "IGJ-2025-000002", "since": "2025-03-15"},
    ]
    assert [(i["kind"], i["due"]) for i in after["lapsed"]] == [
        ("bezwaar", "2025-03-14"),
        ("bezwaar", "2025-03-14"),
    ]
    assert after["overdue"] == []
    assert overdue == []
    final = as_json(cli("besluit", "list", "--status", "onherroepelijk", "--json"))
    assert [b["kenmerk"] for b in final] == ["IGJ-2025-000001", "IGJ-2025-000002"]
    statuses = {(d["kind"], d["status"]) for d in show(cli, case)["deadlines"]}
    assert ("bezwaar", "lapsed") in statuses and ("bezwaar", "overdue") not in statuses
    assert again["lapsed"] == again["onherroepelijk"] == again["reminders"] == []
    reminders = as_json(cli("reminders", "--case", str(case), "--json"))
    bezwaar = [r for r in reminders if r["kind"] == "bezwaar"]
    assert len(bezwaar) == 2
    assert all(
        tr("No {kind} received; besluit {besluit} onherroepelijk since {since}: case {case}",
           kind="bezwaar", besluit=b, since=_long("2025-03-15"), case=case) in subjects
        for b in ("IGJ-2025-000001", "IGJ-2025-000002")
        for subjects in [[r["subject"] for r in bezwaar]]
    )  # fmt: skip
    assert not any("erlopen" in r["subject"] or "Overdue" in r["subject"] for r in reminders)


def _long(iso: str) -> str:
    return long_date(date.fromisoformat(iso))


def test_tick_prints_what_lapsed_and_which_besluit_became_final(cli: Cli) -> None:
    case = aanwijzing_given(cli)

    text = ok(cli("tick", "--today", "2025-03-22")).stdout

    assert (
        tr("case {case}: besluit {besluit} onherroepelijk since {day}", case=case,
           besluit="IGJ-2025-000001", day=day("2025-03-15")) in text
    )  # fmt: skip
    assert (
        tr("case {case}: {kind} lapsed (last day {day}): not an alarm", case=case,
           kind="bezwaar", day=day("2025-03-14")) in text
    )  # fmt: skip


def test_the_agenda_shows_a_lapsed_provider_term_as_the_inspectorates_next_step(cli: Cli) -> None:
    case = open_case(cli, add_provider(cli))
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))  # zienswijze until 27 December
    ok(cli("tick", "--today", "2024-12-30"))

    items = as_json(cli("deadlines", "--today", "2024-12-30", "--json"))
    alarms = as_json(cli("deadlines", "--today", "2024-12-30", "--overdue", "--json"))
    table = ok(cli("deadlines", "--today", "2024-12-30")).stdout
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", *AANWIJZING))
    later = as_json(cli("deadlines", "--today", "2025-01-31", "--json"))

    assert [(i["kind"], i["status"], i["next_step"]) for i in items] == [
        ("zienswijze", "lapsed", "inspectorate")
    ]
    assert alarms == []
    label = tr("{status}: next step for the inspectorate", status=tr("lapsed"))
    assert label in table
    assert "zienswijze" not in [i["kind"] for i in later]
    zienswijze = [d["status"] for d in show(cli, case)["deadlines"] if d["kind"] == "zienswijze"]
    assert zienswijze == ["lapsed"]


def test_a_statutory_deadline_is_not_moved_by_hand_and_nothing_is_written(cli: Cli) -> None:
    case = aanwijzing_given(cli)
    before = show(cli, case)

    shortened = cli(
        "case", "move-deadline", str(case), "bezwaar", "--to", "2025-02-14",
        "--reason", "korter", "--by", BY,
    )  # fmt: skip
    embargo = cli(
        "case", "move-deadline", str(case), "publicatie_embargo", "--to", "1 dag",
        "--reason", "sneller", "--by", BY,
    )  # fmt: skip

    for result, kind in ((shortened, "bezwaar"), (embargo, "publicatie_embargo")):
        text = refused(result, f"'{kind}'", "verdaging", "opschorting", "schorsing")
        assert len([line for line in text.splitlines() if line.strip()]) == 1
    assert show(cli, case) == before


def test_a_self_set_deadline_moves_with_its_reason_in_the_explanation(cli: Cli) -> None:
    case = aanwijzing_given(cli)

    ok(
        cli(
            "case", "move-deadline", str(case), "naleving", "--to", "2025-05-30",
            "--reason", "verzoek Focus", "--on", "2025-04-01", "--by", BY,
        )
    )  # fmt: skip

    naleving = [d for d in show(cli, case)["deadlines"] if d["kind"] == "naleving"]
    assert [(d["due"], d["status"]) for d in naleving] == [
        ("2025-04-30", "cancelled"),
        ("2025-05-30", "open"),
    ]
    assert naleving[1]["steps"][-1] == (
        f"moved from Wednesday 30 April 2025 to Friday 30 May 2025 on Tuesday 1 April 2025 by "
        f"{BY}: verzoek Focus"
    )
