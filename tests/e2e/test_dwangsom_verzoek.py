"""Requests of the overtreder under Awb 5:34 through the CLI: opheffing, opschorting,
vermindering, decided as besluiten (docs/dwangsom.md, "Requests under Awb 5:34").

€ 1 000 per week (per begonnen week), maximum € 10 000, begunstigingstermijn ending 2026-08-28.
"""

from __future__ import annotations

from typing import Any

from tests.e2e.helpers import BY, Cli, as_json, history, ok, refused, show
from tests.e2e.test_dwangsom import last_imposed, ledger, verbeurd
from tests.i18n_helpers import tr


def request(cli: Cli, case: int, soort: str, ontvangen: str) -> Any:
    return as_json(cli("dwangsom", "verzoek", case, "--soort", soort, "--ontvangen", ontvangen,
                       "--on", ontvangen, "--by", BY, "--json"))  # fmt: skip


def decide(cli: Cli, case: int, number: int, uitkomst: str, on: str, *extra: str) -> Any:
    return cli("dwangsom", "beslis", case, number, "--uitkomst", uitkomst, "--on", on,
               "--by", BY, *extra)  # fmt: skip


def besluiten(cli: Cli, case: int) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = as_json(cli("besluit", "list", "--case", case, "--json"))
    return data


def test_a_granted_opheffing_lifts_the_last_and_a_later_forfeiture_is_refused(cli: Cli) -> None:
    case = last_imposed(cli)
    ok(verbeurd(cli, case, "2026-09-30", "2026-10-01"))
    # 5:34 lid 2: a year after the latest forfeiture (26 Sep 2026).
    assert ledger(cli, case, "2026-10-01")["opheffing_possible_from"] == "2027-09-26"

    asked = request(cli, case, "opheffing", "2026-10-05")
    done = as_json(decide(cli, case, asked["request"], "toegewezen", "2026-10-15", "--json"))
    before = ledger(cli, case, "2026-10-21")
    count = len(history(cli, case))

    refused(verbeurd(cli, case, "2026-10-20", "2026-10-21"), "2026-10-15")

    assert (asked["request"], done["entry"], done["status"]) == (6, "opgeheven", "opgeheven")
    assert before["status"] == "opgeheven"
    assert ledger(cli, case, "2026-10-21") == before and len(history(cli, case)) == count
    kinds = {b["kenmerk"]: b["kind"] for b in besluiten(cli, case)}
    assert kinds[done["besluit"]] == "beslissing_op_verzoek"
    bezwaar = [d for d in show(cli, case)["deadlines"]
               if d["kind"] == "bezwaar" and d["set_by"] == "verzoek"]  # fmt: skip
    assert [d["due"] for d in bezwaar] == ["2026-11-26"]  # 6:7, 6:8: six weeks after sending


def test_an_opschorting_stops_forfeiture_while_it_runs(cli: Cli) -> None:
    case = last_imposed(cli)
    ok(verbeurd(cli, case, "2026-09-02", "2026-09-02"))  # the week of 29 Aug
    asked = request(cli, case, "opschorting", "2026-09-01")
    ok(decide(cli, case, asked["request"], "toegewezen", "2026-09-03", "--tot", "2026-09-20"))
    assert ledger(cli, case, "2026-09-10")["status"] == "opgeschort"

    refused(verbeurd(cli, case, "2026-09-15", "2026-09-15"), "opgeschort", "2026-09-20")
    ok(verbeurd(cli, case, "2026-09-30", "2026-10-01"))

    book = ledger(cli, case, "2026-10-01")
    assert [f["on"] for f in book["forfeitures"]] == ["2026-08-29", "2026-09-26"]
    assert book["status"] == "lopend"


def test_a_vermindering_lowers_amount_and_maximum_for_later_forfeitures(cli: Cli) -> None:
    case = last_imposed(cli)
    asked = request(cli, case, "vermindering", "2026-09-01")
    ok(decide(cli, case, asked["request"], "toegewezen", "2026-09-10", "--bedrag", "500",
              "--maximum", "6000"))  # fmt: skip

    booked = as_json(verbeurd(cli, case, "2026-12-31", "2027-01-04", "--json"))
    book = ledger(cli, case, "2027-01-04")

    amounts = [f["amount"] for f in booked["booked"]]
    assert amounts == [1000, 1000] + [500] * 8  # 29 Aug, 5 Sep; from 12 Sep € 500
    assert (book["maximum"], book["total"], book["status"]) == (6000, 6000, "uitgeput")


def test_a_refused_request_changes_nothing_and_is_decided_once(cli: Cli) -> None:
    case = last_imposed(cli)
    asked = request(cli, case, "opheffing", "2026-09-01")

    done = as_json(decide(cli, case, asked["request"], "afgewezen", "2026-09-10", "--json"))
    refused(decide(cli, case, asked["request"], "toegewezen", "2026-09-11"),
            tr("Request {number} was decided already.", number=asked["request"]))  # fmt: skip

    assert (done["entry"], done["status"]) == ("afgewezen", "lopend")
    ok(verbeurd(cli, case, "2026-09-30", "2026-10-01"))


def test_bad_requests_and_decisions_are_refused_and_write_nothing(cli: Cli) -> None:
    case = last_imposed(cli)
    asked = request(cli, case, "vermindering", "2026-09-01")
    before, count = ledger(cli, case, "2026-09-10"), len(history(cli, case))
    listed = besluiten(cli, case)

    refused(
        cli(
            "dwangsom",
            "verzoek",
            case,
            "--soort",
            "kwijtschelding",
            "--ontvangen",
            "2026-09-01",
            "--on",
            "2026-09-10",
        ),
        "opheffing, opschorting, vermindering",
    )
    refused(cli("dwangsom", "verzoek", case, "--soort", "opheffing", "--ontvangen",
                "2026-09-11", "--on", "2026-09-10"), "2026-09-11")  # fmt: skip
    refused(decide(cli, case, asked["request"], "misschien", "2026-09-10"), "toegewezen")
    refused(decide(cli, case, asked["request"], "toegewezen", "2026-09-10"), "--bedrag")
    refused(decide(cli, case, asked["request"], "toegewezen", "2026-09-10", "--bedrag", "2000"),
            "bedrag")  # fmt: skip
    refused(decide(cli, case, asked["request"], "toegewezen", "2026-09-10", "--tot",
                   "2026-09-20"), "--tot")  # fmt: skip
    refused(decide(cli, case, 99, "toegewezen", "2026-09-10"), "99")
    refused(decide(cli, case, asked["request"], "afgewezen", "2026-08-31"), "2026-09-01")

    assert ledger(cli, case, "2026-09-10") == before and len(history(cli, case)) == count
    assert besluiten(cli, case) == listed
