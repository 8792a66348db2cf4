"""The deadline watch per forfeiture (issue 11): `betaling` and `verjaring` of each forfeiture are
reminded and caught up after downtime like every deadline; a lapsed claim is an overdue alarm and
the ledger says so; prescription is re-projected before the sweep marks it passed.

€ 1 000 per begonnen week, begunstigingstermijn ending 2026-08-28; non-compliance to
2026-09-30: five forfeitures, 29 Aug - 26 Sep 2026.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from escalation.formatting import money
from tests.e2e.helpers import BY, Cli, as_json, ok, show
from tests.e2e.test_dwangsom import last_imposed, ledger, verbeurd
from tests.i18n_helpers import tr

KINDS = ("betaling", "verjaring")


def per_forfeiture(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted((i["kind"], i["due"]) for i in items if i["kind"] in KINDS)


def test_one_tick_long_after_catches_up_one_current_mail_per_deadline(cli: Cli) -> None:
    case = last_imposed(cli)
    ok(verbeurd(cli, case, "2026-09-30", "2026-10-01"))
    book = ledger(cli, case, "2026-10-01")
    expected = sorted(
        [("betaling", f["payable_by"]) for f in book["forfeitures"]]
        + [("verjaring", f["prescribes_on"]) for f in book["forfeitures"]]
    )

    first = as_json(cli("tick", "--today", "2027-10-01", "--force", "--json"))
    again = as_json(cli("tick", "--today", "2027-10-01", "--force", "--json"))
    reminders = as_json(cli("reminders", "--case", str(case), "--json"))
    lapsed = ledger(cli, case, "2027-10-01")

    assert (
        per_forfeiture(first["overdue"]) == expected
    )  # ten alarms: paid nothing, collected nothing
    assert per_forfeiture(first["reminders"]) == expected  # one current mail each, not the ladder
    mine = [r for r in reminders if r["kind"] in KINDS]
    current = [r for r in mine if r["status"] != "superseded"]
    claim = tr(
        "The claim has lapsed (verjaard, Awb 5:35) unless it was paid: it can no longer "
        "be collected. `escalation dwangsom show {case}` lists what lapsed.",
        case=case,
    )
    assert all(claim in r["body"] for r in current if r["kind"] == "verjaring")
    assert not any(claim in r["body"] for r in current if r["kind"] == "betaling")
    assert len(current) == len({r["deadline_id"] for r in mine}) == 10
    assert per_forfeiture(again["overdue"]) == per_forfeiture(again["reminders"]) == []
    statuses = {d["status"] for d in show(cli, case)["deadlines"] if d["kind"] in KINDS}
    assert statuses == {"overdue"}
    assert (lapsed["lapsed"], {f["lapsed"] for f in lapsed["forfeitures"]}) == (5000, {True})
    text = ok(cli("dwangsom", "show", case, "--on", "2027-10-01")).stdout
    assert tr("Lapsed (verjaard, Awb 5:35): {amount} can no longer be collected.",
              amount=money(Decimal(5000))) in text  # fmt: skip


def test_the_sweep_re_projects_prescription_while_a_bezwaar_is_pending(cli: Cli) -> None:
    case = last_imposed(cli)
    booked = as_json(verbeurd(cli, case, "2026-09-30", "2026-10-01", "--json"))
    ok(cli("bezwaar", "add", booked["besluit"], "--ontvangen", "2026-10-01", "--by", BY))
    before = sorted(d["due"] for d in show(cli, case)["deadlines"]
                    if d["kind"] == "verjaring" and d["status"] == "open")  # fmt: skip

    report = as_json(cli("tick", "--today", "2027-09-01", "--force", "--json"))

    # Recorded on 1 Oct 2026 the bezwaar counted one day: 29 Aug 2027 + 1 = 30 Aug; still
    # pending on 1 Sep 2027, so the claim has not prescribed: nothing verjaring is overdue.
    assert before[0] == "2027-08-30"
    assert [o for o in report["overdue"] if o["kind"] == "verjaring"] == []
    open_ = sorted(d["due"] for d in show(cli, case)["deadlines"]
                   if d["kind"] == "verjaring" and d["status"] == "open")  # fmt: skip
    assert len(open_) == 5 and open_[0] > "2027-09-01"
    assert ledger(cli, case, "2027-09-01")["lapsed"] == 0
