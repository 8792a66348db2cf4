"""The dwangsom ledger through the CLI (issue 11): the worked examples of docs/dwangsom.md.

€ 1 000 per week, maximum € 10 000, begunstigingstermijn ending Friday 2026-08-28.
"""

from __future__ import annotations

from typing import Any

from tests.e2e.helpers import (
    BY,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    do,
    ok,
    open_case,
    refused,
    show,
    walk,
)
from tests.i18n_helpers import tr

TERMS = ("bedrag=1000", "per=week", "maximum=10000")


def last_imposed(
    cli: Cli, verbeurt: str = "per_begonnen_eenheid", *, end: str = "2026-08-28"
) -> int:
    """A case whose last onder dwangsom (sent 2026-07-31, or 2025-07-31) ends its term on `end`."""
    year = end[:4]
    case = open_case(cli, add_provider(cli))
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    ok(do(cli, case, "start_hertoets", "2025-05-01"))
    ok(do(cli, case, "kondig_last_aan", f"{year}-07-01"))
    ok(do(cli, case, "leg_last_onder_dwangsom_op", f"{year}-07-31", *TERMS,
          f"begunstigingstermijn={end}", f"verbeurt={verbeurt}"))  # fmt: skip
    return case


def verbeurd(cli: Cli, case: int, tot: str, on: str, *extra: str) -> Any:
    return cli("dwangsom", "verbeurd", case, "--tot", tot, "--reason", "hertoets", "--on", on,
               "--by", BY, *extra)  # fmt: skip


def ledger(cli: Cli, case: int, on: str) -> dict[str, Any]:
    data: dict[str, Any] = as_json(cli("dwangsom", "show", case, "--on", on, "--json"))
    return data


def test_per_begun_week_non_compliance_to_30_september_forfeits_five_weeks(cli: Cli) -> None:
    case = last_imposed(cli)

    booked = as_json(verbeurd(cli, case, "2026-09-30", "2026-10-01", "--json"))
    book = ledger(cli, case, "2026-10-01")

    days = ["2026-08-29", "2026-09-05", "2026-09-12", "2026-09-19", "2026-09-26"]
    assert [f["on"] for f in booked["booked"]] == days and booked["over_maximum"] == []
    assert [f["on"] for f in book["forfeitures"]] == days
    assert (book["total"], book["remaining"], book["maximum"]) == (5000, 5000, 10000)
    assert book["status"] == "lopend"
    first = book["forfeitures"][0]
    # 5:33: 29 Aug + 6 weeks = Saturday 10 Oct -> Atw -> Monday 12 Oct; 5:35: a year, no Atw.
    assert (first["amount"], first["payable_by"], first["prescribes_on"]) == (
        1000, "2026-10-12", "2027-08-29",
    )  # fmt: skip
    assert show(cli, case)["state"] == "last_onder_dwangsom"  # further forfeitures can follow


def test_per_full_week_the_same_finding_forfeits_four_weeks_at_their_ends(cli: Cli) -> None:
    case = last_imposed(cli, "per_volle_eenheid")

    ok(verbeurd(cli, case, "2026-09-30", "2026-10-01"))

    book = ledger(cli, case, "2026-10-01")
    assert [f["on"] for f in book["forfeitures"]] == [
        "2026-09-04", "2026-09-11", "2026-09-18", "2026-09-25",
    ]  # fmt: skip
    assert book["total"] == 4000


def test_later_findings_add_to_the_ledger_up_to_the_maximum_then_it_is_uitgeput(cli: Cli) -> None:
    case = last_imposed(cli)
    ok(verbeurd(cli, case, "2026-09-30", "2026-10-01"))

    booked = as_json(verbeurd(cli, case, "2026-12-31", "2027-01-04", "--json"))
    book = ledger(cli, case, "2027-01-04")

    assert len(booked["booked"]) == 5 and len(booked["over_maximum"]) == 8
    assert (book["total"], book["remaining"], book["status"]) == (10000, 0, "uitgeput")
    assert book["forfeitures"][-1]["on"] == "2026-10-31"
    text = ok(cli("dwangsom", "show", case, "--on", "2027-01-04")).stdout
    assert tr("Last onder dwangsom {kenmerk} of case {case}", kenmerk="IGJ-2026-000001",
              case=case) in text  # fmt: skip


def test_a_forfeiture_beyond_the_maximum_is_refused_and_nothing_is_written(cli: Cli) -> None:
    case = last_imposed(cli)
    ok(verbeurd(cli, case, "2026-12-31", "2027-01-04"))
    before = ledger(cli, case, "2027-01-04")

    refused(verbeurd(cli, case, "2027-01-31", "2027-02-01"), "Awb 5:32b")

    assert ledger(cli, case, "2027-01-04") == before


def test_a_forfeiture_within_the_begunstigingstermijn_is_refused(cli: Cli) -> None:
    case = last_imposed(cli)

    refused(verbeurd(cli, case, "2026-08-28", "2026-08-28"), "2026-08-28", "2026-08-29")

    assert ledger(cli, case, "2026-08-28")["forfeitures"] == []


def test_a_finding_without_a_reason_or_in_the_future_is_refused(cli: Cli) -> None:
    case = last_imposed(cli)

    refused(cli("dwangsom", "verbeurd", case, "--tot", "2026-09-30", "--on", "2026-10-01"),
            "--reason")  # fmt: skip
    refused(verbeurd(cli, case, "2026-09-30", "2026-09-20"), "2026-09-30")

    assert ledger(cli, case, "2026-10-01")["forfeitures"] == []


def test_dates_count_from_the_forfeiture_not_from_the_day_it_was_recorded(cli: Cli) -> None:
    """The issue's example: term ending 2025-08-29, recorded 2025-11-03."""
    case = last_imposed(cli, end="2025-08-29")

    ok(verbeurd(cli, case, "2025-09-01", "2025-11-03"))

    first = ledger(cli, case, "2025-11-03")["forfeitures"][0]
    assert (first["on"], first["recorded_on"]) == ("2025-08-30", "2025-11-03")
    assert (first["payable_by"], first["prescribes_on"]) == ("2025-10-13", "2026-08-30")


def test_a_weekly_last_without_its_forfeiture_convention_is_refused(cli: Cli) -> None:
    other = open_case(cli, add_provider(cli))
    walk(cli, other, TO_RAPPORT)
    ok(do(cli, other, "kondig_aanwijzing_aan", "2024-12-13"))
    ok(do(cli, other, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    ok(do(cli, other, "start_hertoets", "2025-05-01"))
    ok(do(cli, other, "kondig_last_aan", "2026-07-01"))

    refused(do(cli, other, "leg_last_onder_dwangsom_op", "2026-07-31", *TERMS,
               "begunstigingstermijn=2026-08-28"), "verbeurt=per_begonnen_eenheid")  # fmt: skip

    assert show(cli, other)["state"] == "voornemen_last"


def test_an_invorderingsbeschikking_restarts_prescription_and_allows_an_aanmaning(
    cli: Cli,
) -> None:
    case = last_imposed(cli)
    ok(verbeurd(cli, case, "2026-09-30", "2026-10-01"))
    refused(cli("dwangsom", "aanmaning", case, "--verzonden", "2026-10-20", "--on", "2026-10-20"),
            "neem_invorderingsbeschikking")  # fmt: skip
    refused(do(cli, case, "neem_invorderingsbeschikking", "2026-10-30"), "zienswijze_invordering")

    ok(do(cli, case, "neem_invorderingsbeschikking", "2026-10-30", "zonder_zienswijze=financieel",
          "motivering=Niet nageleefd.", reason="Awb 4:12"))  # fmt: skip
    paid = as_json(cli("dwangsom", "betaald", case, "--bedrag", "1500", "--op", "2026-11-02",
                       "--on", "2026-11-02", "--json"))  # fmt: skip
    due = as_json(cli("dwangsom", "aanmaning", case, "--verzonden", "2026-11-02", "--on",
                      "2026-11-02", "--json"))  # fmt: skip
    book = ledger(cli, case, "2026-11-02")

    # 5:37a, 4:110: a new year from the day after the beschikking was sent.
    assert {f["prescribes_on"] for f in book["forfeitures"]} == {"2027-10-30"}
    assert paid["open"] == 3500 and due["due"] == "2026-11-16"
    assert (book["costs"], book["open"]) == (20, 3520)  # Awb 4:113: € 20 from € 454 owed
    assert show(cli, case)["state"] == "last_onder_dwangsom"
    refused(cli("dwangsom", "dwangbevel", case, "--op", "2026-11-16", "--on", "2026-11-16"),
            "2026-11-17")  # fmt: skip


def test_simulate_shows_what_would_forfeit_and_writes_nothing(cli: Cli) -> None:
    case = last_imposed(cli)

    sim = as_json(cli("dwangsom", "simulate", case, "--until", "2026-09-30", "--json"))

    assert len(sim["would_forfeit"]) == 5 and sim["total_after"] == 5000
    assert ledger(cli, case, "2026-10-01")["forfeitures"] == []
