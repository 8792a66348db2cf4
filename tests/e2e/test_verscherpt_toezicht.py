"""The verscherpt toezicht of workflow version 3 (seed 001 ~988-1015): the verbeterplan
assessed on volledigheid, ambitie en realisme (akkoord, or aanvullen by a new date), progress
reports recorded, and the final judgement due before the end of the period."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.helpers import (
    JBN,
    JEUGDWET_YAML,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    do,
    history,
    ok,
    open_case,
    refused,
    show,
    walk,
)
from tests.i18n_helpers import tr

INSTATE = ("duur=7 maanden", "verbeterplan_uiterlijk=2025-09-08")


def in_verscherpt_toezicht(cli: Cli, *, received: bool = True) -> int:
    """A case under verscherpt toezicht from 9 July 2025; its verbeterplan received 5 September."""
    case = open_case(cli, add_provider(cli, JBN))
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "stel_verscherpt_toezicht_in", "2025-07-09", *INSTATE))
    if received:
        ok(do(cli, case, "ontvang_verbeterplan", "2025-09-05"))
    return case


def plans(detail: dict[str, Any]) -> list[tuple[str, str]]:
    return [(d["due"], d["status"]) for d in detail["deadlines"] if d["kind"] == "verbeterplan"]


def due(detail: dict[str, Any], kind: str) -> list[tuple[str, str]]:
    return [(d["due"], d["status"]) for d in detail["deadlines"] if d["kind"] == kind]


def test_the_final_judgement_is_due_four_weeks_before_the_end_of_the_period(cli: Cli) -> None:
    case = in_verscherpt_toezicht(cli, received=False)

    detail = show(cli, case)

    assert detail["workflow_version"] == 4  # version 4 keeps version 3's steps
    assert due(detail, "einde_verscherpt_toezicht") == [("2026-02-09", "open")]
    assert due(detail, "eindbeoordeling") == [("2026-01-12", "open")]
    listed = ok(cli("case", "show", str(case))).stdout
    assert tr("{term} before {start}", term="4 weken", start="") in listed, listed


def test_an_akkoord_meets_the_verbeterplan_and_starts_nothing_new(cli: Cli) -> None:
    case = in_verscherpt_toezicht(cli)

    result = as_json(
        do(cli, case, "beoordeel_verbeterplan", "2025-09-26", "oordeel=akkoord", json_out=True)
    )

    assert (result["from"], result["to"]) == ("verscherpt_toezicht", "verscherpt_toezicht")
    assert result["deadlines"] == []
    assert plans(show(cli, case)) == [("2025-09-08", "met")]
    [assessed] = [e for e in history(cli, case) if e.get("action") == "beoordeel_verbeterplan"]
    assert assessed["params"] == {"oordeel": "akkoord"}


def test_aanvullen_moves_the_verbeterplan_deadline_to_the_new_date(cli: Cli) -> None:
    case = in_verscherpt_toezicht(cli)

    result = as_json(
        do(
            cli, case, "beoordeel_verbeterplan", "2025-09-26",
            "oordeel=aanvullen", "verbeterplan_uiterlijk=2025-10-17", json_out=True,
        )
    )  # fmt: skip

    assert [(d["kind"], d["due"]) for d in result["deadlines"]] == [("verbeterplan", "2025-10-17")]
    assert plans(show(cli, case)) == [("2025-09-08", "met"), ("2025-10-17", "open")]
    # The completed plan arrives: the new deadline is met; then it is judged akkoord.
    ok(do(cli, case, "ontvang_verbeterplan", "2025-10-15"))
    ok(do(cli, case, "beoordeel_verbeterplan", "2025-10-31", "oordeel=akkoord"))
    assert plans(show(cli, case)) == [("2025-09-08", "met"), ("2025-10-17", "met")]


def test_aanvullen_before_the_plan_was_recorded_replaces_the_open_deadline(cli: Cli) -> None:
    case = in_verscherpt_toezicht(cli, received=False)

    ok(
        do(
            cli, case, "beoordeel_verbeterplan", "2025-09-10",
            "oordeel=aanvullen", "verbeterplan_uiterlijk=2025-10-01",
        )
    )  # fmt: skip

    open_plans = [p for p in plans(show(cli, case)) if p[1] == "open"]
    assert open_plans == [("2025-10-01", "open")]


def test_aanvullen_without_a_new_date_is_refused_and_nothing_is_written(cli: Cli) -> None:
    case = in_verscherpt_toezicht(cli)
    before = (show(cli, case), history(cli, case))

    result = do(cli, case, "beoordeel_verbeterplan", "2025-09-26", "oordeel=aanvullen")

    refused(result, "verbeterplan_uiterlijk", "oordeel=aanvullen", "--set verbeterplan_uiterlijk=")
    assert (show(cli, case), history(cli, case)) == before


def test_a_new_date_with_akkoord_is_refused_and_nothing_is_written(cli: Cli) -> None:
    case = in_verscherpt_toezicht(cli)
    before = (show(cli, case), history(cli, case))

    result = do(
        cli, case, "beoordeel_verbeterplan", "2025-09-26",
        "oordeel=akkoord", "verbeterplan_uiterlijk=2025-10-17",
    )  # fmt: skip

    refused(result, "verbeterplan_uiterlijk", "oordeel=aanvullen")
    assert (show(cli, case), history(cli, case)) == before


def test_an_oordeel_other_than_akkoord_or_aanvullen_is_refused(cli: Cli) -> None:
    case = in_verscherpt_toezicht(cli)
    before = history(cli, case)

    result = do(cli, case, "beoordeel_verbeterplan", "2025-09-26", "oordeel=goed")

    refused(result, "goed", "akkoord", "aanvullen")
    assert history(cli, case) == before


def test_a_progress_report_is_recorded_and_the_case_stays_in_verscherpt_toezicht(
    cli: Cli,
) -> None:
    case = in_verscherpt_toezicht(cli)

    result = as_json(
        do(
            cli, case, "ontvang_voortgangsrapportage", "2025-12-01",
            "samenvatting=Wachtlijst korter", json_out=True,
        )
    )  # fmt: skip

    assert (result["from"], result["to"]) == ("verscherpt_toezicht", "verscherpt_toezicht")
    [report] = [e for e in history(cli, case) if e.get("action") == "ontvang_voortgangsrapportage"]
    assert report["params"] == {"ontvangen": "2025-12-01", "samenvatting": "Wachtlijst korter"}
    assert show(cli, case)["state"] == "verscherpt_toezicht"


def test_lifting_the_verscherpt_toezicht_meets_the_final_judgement(cli: Cli) -> None:
    case = in_verscherpt_toezicht(cli)

    ok(do(cli, case, "hef_verscherpt_toezicht_op", "2026-01-09"))

    detail = show(cli, case)
    assert detail["state"] == "regulier_toezicht"
    assert due(detail, "eindbeoordeling") == [("2026-01-12", "met")]
    assert due(detail, "einde_verscherpt_toezicht") == [("2026-02-09", "met")]


def test_the_final_judgement_passed_is_overdue_an_alarm_for_the_inspectorate(cli: Cli) -> None:
    case = in_verscherpt_toezicht(cli)

    ok(cli("tick", "--today", "2026-01-13"))

    assert due(show(cli, case), "eindbeoordeling") == [("2026-01-12", "overdue")]
    alarms = as_json(cli("deadlines", "--overdue", "--today", "2026-01-13", "--json"))
    assert ("eindbeoordeling", "2026-01-12") in [(a["kind"], a["due"]) for a in alarms]


def test_a_case_on_version_2_keeps_its_verscherpt_toezicht_without_the_new_actions(
    cli: Cli, tmp_path: Path
) -> None:
    only_v2 = tmp_path / "workflows-v2"
    only_v2.mkdir()
    v2_text = JEUGDWET_YAML.with_name("jeugdwet-2.yaml").read_bytes()
    (only_v2 / "jeugdwet-2.yaml").write_bytes(v2_text)
    env = {"ESCALATION_WORKFLOWS_DIR": str(only_v2)}
    kvk = add_provider(cli, JBN)
    opened = ok(cli("case", "open", "--provider", kvk, "--on", "2024-09-02", "--by", "x", env=env))
    case = int(opened.stdout.strip())

    # From here on every version is installed (the packaged folder: 1 to 4).
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "stel_verscherpt_toezicht_in", "2025-07-09", *INSTATE))
    detail = show(cli, case)
    assert detail["workflow_version"] == 2
    assert {d["kind"] for d in detail["deadlines"]} >= {"verbeterplan", "einde_verscherpt_toezicht"}
    assert "eindbeoordeling" not in {d["kind"] for d in detail["deadlines"]}
    assert "beoordeel_verbeterplan" not in detail["allowed_actions"]
    refused(do(cli, case, "beoordeel_verbeterplan", "2025-09-26", "oordeel=akkoord"),
            "beoordeel_verbeterplan")  # fmt: skip
    ok(do(cli, case, "ontvang_verbeterplan", "2025-09-05"))
    ok(do(cli, case, "hef_verscherpt_toezicht_op", "2026-02-02"))
    assert show(cli, case)["state"] == "regulier_toezicht"
