"""Walking the enforcement ladder with `escalation case do`, with the deadlines each step sets."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.helpers import (
    FOCUS,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    day,
    deadlines_by_kind,
    do,
    history,
    ok,
    open_case,
    refused,
    show,
    walk,
)
from tests.i18n_helpers import tr

AANWIJZING = ("nalevingstermijn=3 maanden", "verzonden=2025-01-31")

# The ladder as version 1 of the jeugdwet workflow walks it: its cases keep these rules.
# Version 2 (besluiten, the zienswijze guard, bezwaar against a besluit): test_besluiten*.py.
pytestmark = pytest.mark.usefixtures("version_1")


def actions_taken(cli: Cli, case: int) -> list[dict[str, Any]]:
    return [e for e in history(cli, case) if e["type"] == "action_taken"]


def case_in_aanwijzing(cli: Cli, *, new_provider: bool = True) -> int:
    case = open_case(cli, add_provider(cli, FOCUS) if new_provider else FOCUS[1])
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", *AANWIJZING))
    return case


def test_geef_aanwijzing_sets_naleving_bezwaar_and_publicatie_embargo_as_the_law_counts(
    cli: Cli,
) -> None:
    case = open_case(cli, add_provider(cli, FOCUS))
    walk(cli, case, TO_RAPPORT)
    announced = ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13")).stdout
    moved = tr(
        "Case {case}: {action}: {source} → {target}",
        case=case,
        action="kondig_aanwijzing_aan",
        source="rapport",
        target="voornemen_aanwijzing",
    )
    assert moved in announced
    assert "zienswijze" in announced and day("2024-12-27") in announced

    given = as_json(do(cli, case, "geef_aanwijzing", "2025-01-31", *AANWIJZING, json_out=True))

    assert (given["from"], given["to"]) == ("voornemen_aanwijzing", "aanwijzing")
    set_now = {d["kind"]: d for d in given["deadlines"]}
    assert set_now["naleving"]["due"] == "2025-04-30"  # 31 Jan + 3 maanden, clamped to 30 April
    assert set_now["naleving"]["basis"] == "self-set"
    assert set_now["bezwaar"]["due"] == "2025-03-14"
    assert set_now["bezwaar"]["basis"] == "statutory"
    assert set_now["publicatie_embargo"]["due"] == "2025-02-14"
    assert set_now["publicatie_embargo"]["basis"] == "statutory"
    assert [c["kind"] for c in given["closed"]] == ["zienswijze"]

    detail = show(cli, case)
    assert detail["state"] == "aanwijzing"
    stored = deadlines_by_kind(detail)
    assert {k: (d["due"], d["status"]) for k, d in stored.items()} == {
        "zienswijze": ("2024-12-27", "met"),
        "reactie_conceptrapport": ("2024-11-29", "met"),
        "naleving": ("2025-04-30", "open"),
        "bezwaar": ("2025-03-14", "open"),
        "publicatie_embargo": ("2025-02-14", "open"),
    }


def test_start_hertoets_before_the_naleving_deadline_is_refused_naming_it_and_the_override(
    cli: Cli,
) -> None:
    case = case_in_aanwijzing(cli)
    before = (show(cli, case), history(cli, case))

    message = refused(do(cli, case, "start_hertoets", "2025-04-14"))

    assert "naleving" in message and "2025-04-30" in message, message
    assert "vervroegd=ja" in message and "--reason" in message, message
    assert (show(cli, case), history(cli, case)) == before


def test_start_hertoets_early_with_vervroegd_but_without_a_reason_is_still_refused(
    cli: Cli,
) -> None:
    case = case_in_aanwijzing(cli)
    before = (show(cli, case), history(cli, case))

    message = refused(do(cli, case, "start_hertoets", "2025-04-14", "vervroegd=ja"))

    # The domain's message (not in the catalog yet) says that the reason is missing: its names.
    assert "naleving" in message and "--reason" in message, message
    assert "--set vervroegd=ja" in message and "'start_hertoets'" in message, message
    assert (show(cli, case), history(cli, case)) == before


def test_start_hertoets_early_with_vervroegd_and_a_reason_is_allowed_and_meets_naleving(
    cli: Cli,
) -> None:
    case = case_in_aanwijzing(cli)

    result = as_json(
        do(
            cli,
            case,
            "start_hertoets",
            "2025-04-14",
            "vervroegd=ja",
            reason="Nieuwe calamiteitenmelding",
            json_out=True,
        )
    )

    assert (result["from"], result["to"]) == ("aanwijzing", "hertoets")
    assert [c["kind"] for c in result["closed"]] == ["naleving"]
    detail = show(cli, case)
    assert detail["state"] == "hertoets"
    assert deadlines_by_kind(detail)["naleving"]["status"] == "met"
    taken = [e for e in actions_taken(cli, case) if e["action"] == "start_hertoets"]
    assert taken[0]["reason"] == "Nieuwe calamiteitenmelding"
    assert taken[0]["params"]["vervroegd"] == "ja"
    assert taken[0]["on"] == "2025-04-14"


def test_start_hertoets_on_the_day_after_the_naleving_term_needs_no_override(cli: Cli) -> None:
    case = case_in_aanwijzing(cli)

    refused(do(cli, case, "start_hertoets", "2025-04-30"))  # the last day still belongs to it
    ok(do(cli, case, "start_hertoets", "2025-05-01"))

    assert show(cli, case)["state"] == "hertoets"


def test_the_way_down_verscherpt_toezicht_is_lifted_to_regulier_toezicht_and_a_new_onderzoek(
    cli: Cli,
) -> None:
    case = open_case(cli, add_provider(cli, FOCUS))
    walk(cli, case, TO_RAPPORT)

    started = as_json(
        do(
            cli,
            case,
            "stel_verscherpt_toezicht_in",
            "2025-07-09",
            "duur=7 maanden",
            "verbeterplan_uiterlijk=2025-09-08",
            json_out=True,
        )
    )
    assert (started["from"], started["to"]) == ("rapport", "verscherpt_toezicht")
    assert {d["kind"]: d["due"] for d in started["deadlines"]} == {
        "verbeterplan": "2025-09-08",
        "einde_verscherpt_toezicht": "2026-02-09",
    }

    lifted = as_json(do(cli, case, "hef_verscherpt_toezicht_op", "2025-10-01", json_out=True))
    assert (lifted["from"], lifted["to"]) == ("verscherpt_toezicht", "regulier_toezicht")
    detail = show(cli, case)
    assert detail["state"] == "regulier_toezicht"
    assert "start_onderzoek" in detail["allowed_actions"]
    statuses = {k: d["status"] for k, d in deadlines_by_kind(detail).items()}
    assert statuses["einde_verscherpt_toezicht"] == "met"
    assert statuses["verbeterplan"] == "cancelled"

    again = as_json(do(cli, case, "start_onderzoek", "2025-11-03", json_out=True))
    assert (again["from"], again["to"]) == ("regulier_toezicht", "onderzoek")
    assert show(cli, case)["state"] == "onderzoek"


def test_last_onder_dwangsom_forfeiture_waits_for_the_begunstigingstermijn_then_starts_collection(
    cli: Cli,
) -> None:
    case = case_in_aanwijzing(cli)
    ok(do(cli, case, "start_hertoets", "2025-05-01"))
    ok(do(cli, case, "kondig_last_aan", "2025-05-06"))

    imposed = as_json(
        do(
            cli,
            case,
            "leg_last_onder_dwangsom_op",
            "2025-05-26",
            "begunstigingstermijn=4 weken",
            "bedrag=1.000",
            "per=week",
            "maximum=10.000",
            json_out=True,
        )
    )
    assert (imposed["from"], imposed["to"]) == ("voornemen_last", "last_onder_dwangsom")
    assert {d["kind"]: d["due"] for d in imposed["deadlines"]} == {
        "begunstigingstermijn": "2025-06-23",
        "bezwaar": "2025-07-07",
    }
    [imposing] = [
        e for e in actions_taken(cli, case) if e["action"] == "leg_last_onder_dwangsom_op"
    ]
    assert imposing["params"]["bedrag"] == "1000.00"  # Dutch thousands separator, not 1 euro
    assert imposing["params"]["maximum"] == "10000.00"
    assert imposing["params"]["per"] == "week"

    before = (show(cli, case), history(cli, case))
    for too_early in ("2025-06-10", "2025-06-23"):
        message = refused(do(cli, case, "stel_verbeurte_vast", too_early, "bedrag=1.000"))
        assert "begunstigingstermijn" in message and "2025-06-23" in message, message
    assert (show(cli, case), history(cli, case)) == before

    forfeited = as_json(
        do(cli, case, "stel_verbeurte_vast", "2025-06-27", "bedrag=1.000", json_out=True)
    )

    assert (forfeited["from"], forfeited["to"]) == ("last_onder_dwangsom", "invordering")
    assert [c["kind"] for c in forfeited["closed"]] == ["begunstigingstermijn"]
    new = {d["kind"]: d for d in forfeited["deadlines"]}
    assert new["betaling"]["due"] == "2025-08-08"  # + 6 weken (Awb 5:33)
    # Awb 5:35: one year after forfeiture; a term in years is not extended (Atw art. 4), so it
    # stays on Saturday 27 June 2026.
    assert new["verjaring"]["due"] == "2026-06-27"
    detail = show(cli, case)
    assert detail["state"] == "invordering"
    assert deadlines_by_kind(detail)["verjaring"]["due"] == "2026-06-27"
    assert deadlines_by_kind(detail)["begunstigingstermijn"]["status"] == "met"


def test_a_bezwaar_starts_the_beslistermijn_from_the_end_of_the_bezwaar_term(cli: Cli) -> None:
    case = case_in_aanwijzing(cli)

    plain = as_json(do(cli, case, "ontvang_bezwaar", "2025-03-01", json_out=True))

    assert (plain["from"], plain["to"]) == ("aanwijzing", "aanwijzing")
    assert [c["kind"] for c in plain["closed"]] == ["bezwaar"]
    [beslistermijn] = plain["deadlines"]
    assert beslistermijn["kind"] == "beslistermijn_bezwaar"
    assert beslistermijn["start"] == "2025-03-14"  # the last day of the bezwaar term
    assert beslistermijn["due"] == "2025-04-25"  # + 6 weken (Awb 7:10 lid 1)

    other = case_in_aanwijzing(cli, new_provider=False)
    advised = as_json(
        do(cli, other, "ontvang_bezwaar", "2025-03-01", "adviescommissie=ja", json_out=True)
    )
    assert advised["deadlines"][0]["due"] == "2025-06-06"  # + 12 weken with an adviescommissie
    assert show(cli, other)["state"] == "aanwijzing"
