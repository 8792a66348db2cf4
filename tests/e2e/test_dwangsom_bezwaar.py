"""A bezwaar against the last onder dwangsom lengthens prescription (Awb 5:35 lid 2), through the
CLI: `escalation bezwaar add` and `beslis` against the last, read back by `dwangsom show` and the
verjaring deadlines of the case (docs/dwangsom.md, worked examples).
"""

from __future__ import annotations

from typing import Any

from tests.e2e.helpers import BY, Cli, as_json, history, ok, show
from tests.e2e.test_dwangsom import last_imposed, ledger, verbeurd


def verjaring(cli: Cli, case: int) -> list[str]:
    """The due days of the open verjaring deadlines, in order."""
    return sorted(d["due"] for d in show(cli, case)["deadlines"]
                  if d["kind"] == "verjaring" and d["status"] == "open")  # fmt: skip


def test_a_bezwaar_pending_100_days_extends_prescription_by_those_days(cli: Cli) -> None:
    case = last_imposed(cli)
    booked: Any = as_json(verbeurd(cli, case, "2026-09-30", "2026-10-01", "--json"))
    last = booked["besluit"]
    assert ledger(cli, case, "2026-10-01")["forfeitures"][0]["prescribes_on"] == "2027-08-29"

    ok(cli("bezwaar", "add", last, "--ontvangen", "2026-09-01", "--by", BY))
    recorded = verjaring(cli, case)[0]  # re-projected as the bezwaar is recorded (on 1 Sep)
    pending = ledger(cli, case, "2026-10-01")["forfeitures"][0]["prescribes_on"]
    ok(cli("bezwaar", "beslis", f"{last}/1", "--uitkomst", "ongegrond", "--on", "2026-12-09",
           "--by", BY))  # fmt: skip
    book = ledger(cli, case, "2026-12-10")

    # Pending from 1 Sep: 1 day on 1 Sep, 31 days on 1 Oct; decided 9 Dec: 100 days in all.
    assert (recorded, pending) == ("2027-08-30", "2027-09-29")
    assert book["forfeitures"][0]["prescribes_on"] == "2027-12-07"
    assert verjaring(cli, case)[0] == "2027-12-07"
    moved = [e for e in history(cli, case)
             if e["type"] == "deadline_moved" and e["details"]["kind"] == "verjaring"]  # fmt: skip
    assert moved and "to 7 December 2027" in moved[-1]["reason"]  # --json: in English
