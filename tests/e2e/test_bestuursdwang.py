"""The last onder bestuursdwang as deadlines (issue 11): the begunstigingstermijn, the hertoets
after it, the decision to execute, and the costs beschikking within five years (Awb 5:25 lid 6).
"""

from __future__ import annotations

from typing import Any

from tests.e2e.helpers import (
    TO_RAPPORT,
    Cli,
    add_provider,
    do,
    ok,
    open_case,
    refused,
    show,
    walk,
)


def last_onder_bestuursdwang(cli: Cli) -> int:
    """A case whose last onder bestuursdwang (sent 2026-07-31) ends its term on 2026-08-28."""
    case = open_case(cli, add_provider(cli))
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    ok(do(cli, case, "start_hertoets", "2025-05-01"))
    ok(do(cli, case, "kondig_last_aan", "2026-07-01"))
    ok(do(cli, case, "leg_last_onder_bestuursdwang_op", "2026-07-31",
          "begunstigingstermijn=2026-08-28"))  # fmt: skip
    return case


def deadline(cli: Cli, case: int, kind: str) -> dict[str, Any]:
    found = [d for d in show(cli, case)["deadlines"] if d["kind"] == kind]
    assert len(found) == 1, found
    return found[0]


def test_execution_after_the_term_and_the_hertoets_starts_the_five_year_costs_term(
    cli: Cli,
) -> None:
    case = last_onder_bestuursdwang(cli)
    early = do(cli, case, "pas_bestuursdwang_toe", "2026-08-28")
    ok(do(cli, case, "start_hertoets", "2026-08-31"))

    ok(do(cli, case, "pas_bestuursdwang_toe", "2026-09-07", "toegepast=2026-09-04"))
    costs = deadline(cli, case, "kostenbeschikking")
    ok(do(cli, case, "neem_kostenbeschikking", "2026-10-01", "bedrag=2500"))

    refused(early, "begunstigingstermijn")
    assert deadline(cli, case, "begunstigingstermijn")["status"] == "met"
    # 5:25 lid 6: five years after the day it was applied; a term in years, no Atw.
    assert (costs["due"], costs["legal_basis"], costs["status"]) == (
        "2031-09-04", "Awb 5:25 lid 6", "open",
    )  # fmt: skip
    assert deadline(cli, case, "kostenbeschikking")["status"] == "met"
    assert show(cli, case)["state"] == "last_onder_bestuursdwang"


def test_a_costs_beschikking_without_bestuursdwang_applied_is_refused(cli: Cli) -> None:
    case = last_onder_bestuursdwang(cli)

    refused(do(cli, case, "neem_kostenbeschikking", "2026-09-07", "bedrag=2500"),
            "kostenbeschikking")  # fmt: skip

    assert [d for d in show(cli, case)["deadlines"] if d["kind"] == "kostenbeschikking"] == []
