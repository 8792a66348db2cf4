"""Besluiten (workflow version 2): taken by actions, numbered, listed, shown; the law's guards."""

from __future__ import annotations

from tests.e2e.helpers import (
    BY,
    FOCUS,
    JBN,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    do,
    ok,
    open_case,
    refused,
    walk,
)
from tests.i18n_helpers import tr

AANWIJZING = ("nalevingstermijn=3 maanden", "verzonden=2025-01-31")


def aanwijzing_given(cli: Cli, provider: tuple[str, str, str] = FOCUS) -> int:
    case = open_case(cli, add_provider(cli, provider))
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", *AANWIJZING))
    return case


def test_geef_aanwijzing_takes_the_aanwijzing_and_the_besluit_tot_openbaarmaking(cli: Cli) -> None:
    case = aanwijzing_given(cli)

    listed = as_json(cli("besluit", "list", "--json"))

    assert [
        (b["case"], b["kind"], b["kenmerk"], b["dagtekening"], b["verzonden"], b["status"])
        for b in listed
    ] == [
        (case, "aanwijzing", "IGJ-2025-000001", "2025-01-31", "2025-01-31", "bezwaartermijn"),
        (case, "openbaarmakingsbesluit", "IGJ-2025-000002", "2025-01-31", "2025-01-31",
         "bezwaartermijn"),
    ]  # fmt: skip
    assert all(isinstance(b["id"], int) for b in listed)
    assert listed[0]["bestuursorgaan"] == "de Minister van Volksgezondheid, Welzijn en Sport"


def test_besluit_show_gives_its_own_deadlines_and_history_by_kenmerk_or_id(cli: Cli) -> None:
    aanwijzing_given(cli)
    [first, second] = as_json(cli("besluit", "list", "--json"))

    by_kenmerk = as_json(cli("besluit", "show", "IGJ-2025-000002", "--json"))
    by_id = as_json(cli("besluit", "show", str(second["id"]), "--json"))
    own = as_json(cli("besluit", "show", first["kenmerk"], "--json"))

    assert by_kenmerk == by_id
    assert sorted(d["kind"] for d in by_kenmerk["deadlines"]) == [
        "bezwaar",
        "publicatie_embargo",
        "reactie_openbaarmaking",
    ]
    assert sorted(d["kind"] for d in own["deadlines"]) == ["bezwaar", "naleving"]
    assert [(e["type"], e["details"]["besluit"]) for e in own["history"]] == [
        ("besluit_taken", "IGJ-2025-000001")
    ]
    assert own["bezwaren"] == [] and own["voorzieningen"] == []
    text = ok(cli("besluit", "show", "IGJ-2025-000001")).stdout
    assert "IGJ-2025-000001" in text and "naleving" in text


def test_kenmerken_are_numbered_on_across_cases_and_filtered_by_case_and_status(cli: Cli) -> None:
    aanwijzing_given(cli)
    second = aanwijzing_given(cli, JBN)

    mine = as_json(cli("besluit", "list", "--case", str(second), "--json"))
    open_ones = as_json(cli("besluit", "list", "--status", "bezwaartermijn", "--json"))
    final = as_json(cli("besluit", "list", "--status", "onherroepelijk", "--json"))

    assert [b["kenmerk"] for b in mine] == ["IGJ-2025-000003", "IGJ-2025-000004"]
    assert len(open_ones) == 4 and final == []


def test_an_unknown_besluit_is_refused_with_how_to_find_them(cli: Cli) -> None:
    aanwijzing_given(cli)

    refused(
        cli("besluit", "show", "IGJ-1999-000001"),
        tr(
            "There is no besluit '{besluit}'. `escalation besluit list` shows them.",
            besluit="IGJ-1999-000001",
        ),
    )
    refused(cli("besluit", "list", "--case", "99"), "99")


def test_a_last_needs_an_aanwijzing_or_bevel_in_the_case(cli: Cli) -> None:
    case = open_case(cli, add_provider(cli))
    walk(cli, case, TO_RAPPORT)
    vt = ("duur=7 maanden", "verbeterplan_uiterlijk=2025-02-03")
    ok(do(cli, case, "stel_verscherpt_toezicht_in", "2024-12-06", *vt))
    before = as_json(cli("case", "show", str(case), "--json"))

    result = do(cli, case, "kondig_last_aan", "2025-02-10")

    refused(result, "kondig_last_aan", tr("the case has no besluit of the kind {kinds}",
                                          kinds="aanwijzing / bevel"))  # fmt: skip
    assert as_json(cli("case", "show", str(case), "--json")) == before


def test_the_aanwijzing_waits_for_the_zienswijze_term_unless_heard_or_skipped(cli: Cli) -> None:
    case = open_case(cli, add_provider(cli))
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))  # zienswijze until 27 December

    early = do(cli, case, "geef_aanwijzing", "2024-12-20", *AANWIJZING)
    skipped_without_reason = do(
        cli, case, "geef_aanwijzing", "2024-12-20", *AANWIJZING, "zonder_zienswijze=spoed"
    )
    heard = ok(do(cli, case, "ontvang_zienswijze", "2024-12-19", "vorm=mondeling"))
    given = ok(do(cli, case, "geef_aanwijzing", "2024-12-20", *AANWIJZING))

    refused(early, "zienswijze", "2024-12-27")
    refused(skipped_without_reason, "zonder_zienswijze", "--reason")
    assert "ontvang_zienswijze" in heard.stdout and "aanwijzing" in given.stdout
    kinds = {d["kind"]: d["status"] for d in as_json(cli("case", "show", str(case), "--json"))[
        "deadlines"]}  # fmt: skip
    assert kinds["zienswijze"] == "met"


def test_a_zienswijze_may_be_skipped_with_a_ground_of_awb_4_11_and_a_reason(cli: Cli) -> None:
    case = open_case(cli, add_provider(cli))
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))

    given = do(
        cli, case, "geef_aanwijzing", "2024-12-20", *AANWIJZING, "zonder_zienswijze=spoed",
        reason="acuut gevaar voor de veiligheid van jeugdigen",
    )  # fmt: skip

    ok(given)
    history = as_json(cli("case", "history", str(case), "--json"))
    taken = [e for e in history if e["action"] == "geef_aanwijzing" and e["type"] == "action_taken"]
    assert taken[0]["params"]["zonder_zienswijze"] == "spoed"
    assert taken[0]["reason"] == "acuut gevaar voor de veiligheid van jeugdigen"
    assert taken[0]["by"] == BY
