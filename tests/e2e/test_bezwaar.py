"""`escalation bezwaar ...`: record a bezwaarschrift, take each step of Awb 6:6-7:11, with --json.

The aanwijzing of these cases is sent on 31 January 2025: its bezwaar term ends on Friday
14 March 2025 and a bezwaar against it is decided by Friday 25 April 2025 (docs/bezwaar.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.helpers import BY, Cli, as_json, do, ok, refused
from tests.e2e.test_besluiten import aanwijzing_given
from tests.i18n_helpers import tr

AANWIJZING = "IGJ-2025-000001"


def bezwaar(cli: Cli, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = as_json(cli("bezwaar", *args, "--by", BY, "--json"))
    return data


def added(cli: Cli, *options: str) -> dict[str, Any]:
    return bezwaar(cli, "add", AANWIJZING, *options)


def status_of(cli: Cli, kenmerk: str) -> str:
    found: str = as_json(cli("besluit", "show", kenmerk, "--json"))["status"]
    return found


def test_a_bezwaar_posted_on_the_last_day_is_tijdig_per_post_with_its_beslistermijn(
    cli: Cli,
) -> None:
    case = aanwijzing_given(cli)

    new = added(cli, "--ontvangen", "2025-03-18", "--ter-post", "2025-03-14", "--indiener", "Focus")
    plain_id = ok(cli("bezwaar", "add", "1", "--ontvangen", "2025-03-10", "--by", BY)).stdout

    assert (new["besluit"], new["ontvangen"], new["ter_post"]) == (
        AANWIJZING, "2025-03-18", "2025-03-14"
    )  # fmt: skip
    assert (new["tijdigheid"], new["beslistermijn"], new["status"]) == (
        "tijdig_per_post", "2025-04-25", "lopend"
    )  # fmt: skip
    assert new["case"] == case and new["bezwaartermijn"] == "2025-03-14"
    assert new["deadline"]["kind"] == "beslistermijn_bezwaar"
    assert int(plain_id.strip()) == new["id"] + 1
    assert status_of(cli, AANWIJZING) == "in_bezwaar"
    shown = as_json(cli("bezwaar", "show", f"{AANWIJZING}/1", "--json"))
    assert shown == as_json(cli("bezwaar", "show", str(new["id"]), "--json"))
    assert [e["type"] for e in shown["history"]] == ["bezwaar_received"]
    listed = as_json(cli("bezwaar", "list", "--json"))
    mine = as_json(cli("bezwaar", "list", "--besluit", AANWIJZING, "--json"))
    other = as_json(cli("bezwaar", "list", "--besluit", "IGJ-2025-000002", "--json"))
    assert (
        [b["ref"] for b in listed]
        == [f"{AANWIJZING}/1", f"{AANWIJZING}/2"]
        == [b["ref"] for b in mine]
    )
    assert other == []
    assert f"{AANWIJZING}/1" in ok(cli("bezwaar", "list")).stdout


def test_a_late_bezwaar_waits_for_the_verdict_of_awb_6_11(cli: Cli) -> None:
    aanwijzing_given(cli)
    late = added(cli, "--ontvangen", "2025-03-22", "--ter-post", "2025-03-14")
    ref = late["ref"]

    undecided = cli("bezwaar", "beslis", ref, "--uitkomst", "ongegrond", "--on", "2025-04-01")
    judged = bezwaar(
        cli, "termijn", ref, "--verschoonbaar", "nee", "--reason", "geen reden", "--on",
        "2025-03-25",
    )  # fmt: skip
    wrong = cli("bezwaar", "beslis", ref, "--uitkomst", "ongegrond", "--on", "2025-04-01")
    decided = bezwaar(cli, "beslis", ref, "--uitkomst", "niet_ontvankelijk", "--on", "2025-04-01")

    assert late["tijdigheid"] == "te_laat" and late["verschoonbaar"] is None
    refused(undecided, "--verschoonbaar")
    assert judged["verschoonbaar"] is False
    assert judged["history"][-1]["reason"] == "geen reden"
    refused(wrong, "niet_ontvankelijk")
    assert decided["uitkomst"] == "niet_ontvankelijk" and decided["status"] == "beslist"


def test_herstel_suspends_and_verdaging_and_uitstel_extend_the_beslistermijn(cli: Cli) -> None:
    aanwijzing_given(cli)
    ref = added(cli, "--ontvangen", "2025-03-10")["ref"]

    asked = bezwaar(cli, "herstel", ref, "--op", "2025-03-20", "--termijn", "2 weken")
    repaired = bezwaar(cli, "hersteld", ref, "--op", "2025-03-30")
    too_long = cli("bezwaar", "verdaag", ref, "--termijn", "7 weken", "--on", "2025-05-01")
    too_late = cli("bezwaar", "verdaag", ref, "--termijn", "6 weken", "--on", "2025-05-07")
    adjourned = bezwaar(cli, "verdaag", ref, "--termijn", "6 weken", "--on", "2025-05-01")
    again = cli("bezwaar", "verdaag", ref, "--termijn", "1 week", "--on", "2025-05-02")
    bad_ground = cli("bezwaar", "uitstel", ref, "--tot", "2025-07-01", "--grond", "haast")
    postponed = bezwaar(
        cli, "uitstel", ref, "--tot", "2025-07-01", "--grond", "instemming", "--on", "2025-06-10"
    )

    assert asked["herstel"][0]["termijn_tot"] == "2025-04-03"
    assert (repaired["opschorting"], repaired["beslistermijn"]) == (9, "2025-05-06")
    refused(too_long, "7:10")
    refused(too_late, "7:10")
    assert adjourned["beslistermijn"] == "2025-06-17" and adjourned["verdaagd"] == "6 weken"
    refused(again, "7:10")
    refused(bad_ground, "instemming")
    assert (postponed["beslistermijn"], postponed["uitstel_grond"]) == ("2025-07-01", "instemming")
    assert [e["type"] for e in postponed["history"]] == [
        "bezwaar_received", "bezwaar_herstel_requested", "bezwaar_hersteld",
        "bezwaar_verdaagd", "bezwaar_uitgesteld",
    ]  # fmt: skip
    assert postponed["deadline"]["due"] == "2025-07-01"


def test_hoorzitting_ingebrekestelling_and_the_beslissing_op_bezwaar(cli: Cli) -> None:
    aanwijzing_given(cli)
    ref = added(cli, "--ontvangen", "2025-03-10")["ref"]

    heard = bezwaar(cli, "hoorzitting", ref, "--op", "2025-04-10", "--on", "2025-03-27")
    premature = cli("bezwaar", "ingebrekestelling", ref, "--ontvangen", "2025-04-25")
    default = bezwaar(cli, "ingebrekestelling", ref, "--ontvangen", "2025-05-01")
    no_effect = cli("bezwaar", "beslis", ref, "--uitkomst", "gegrond", "--on", "2025-06-02")
    decided = bezwaar(cli, "beslis", ref, "--uitkomst", "ongegrond", "--on", "2025-06-02")
    after = cli("bezwaar", "intrekken", ref, "--on", "2025-06-03")

    assert heard["hoorzitting_op"] == "2025-04-10"
    refused(premature, "4:17")
    dwangsom = default["dwangsom"]
    assert (dwangsom["eerste_dag"], dwangsom["laatste_dag"], dwangsom["maximum"]) == (
        "2025-05-16", "2025-06-26", 1442
    )  # fmt: skip
    assert dwangsom["vaststelling"] == "2025-07-10"
    refused(no_effect, "--herroepen")
    assert decided["uitkomst"] == "ongegrond" and decided["beslissing"] == "IGJ-2025-000003"
    assert decided["beroepstermijn"] == "2025-07-14"
    assert decided["dwangsom"]["verschuldigd"] == 14 * 23 + 3 * 35
    assert decided["deadline"]["status"] == "met"
    refused(after, ref)
    assert status_of(cli, AANWIJZING) == "beroepstermijn"
    beslissing = as_json(cli("besluit", "show", "IGJ-2025-000003", "--json"))
    assert (beslissing["kind"], beslissing["parent"]) == ("beslissing_op_bezwaar", AANWIJZING)
    assert [d["kind"] for d in beslissing["deadlines"]] == ["beroep"]
    text = ok(cli("bezwaar", "show", ref)).stdout
    assert "IGJ-2025-000003" in text and "4:17" in text


def test_a_withdrawn_bezwaar_leaves_the_besluit_final_after_the_postal_week(cli: Cli) -> None:
    aanwijzing_given(cli)
    ref = added(cli, "--ontvangen", "2025-03-10")["ref"]

    withdrawn = bezwaar(cli, "intrekken", ref, "--on", "2025-03-24", "--reason", "per brief")

    assert (withdrawn["status"], withdrawn["uitkomst"]) == ("ingetrokken", "ingetrokken")
    assert withdrawn["deadline"] is None  # the beslistermijn was cancelled
    assert status_of(cli, AANWIJZING) == "onherroepelijk"


def test_a_bezwaar_against_the_aanwijzing_of_a_closed_case_is_decided_without_reopening(
    cli: Cli,
) -> None:
    case = aanwijzing_given(cli)
    ok(do(cli, case, "start_hertoets", "2025-05-01"))
    ok(do(cli, case, "sluit_af", "2025-05-02", "reden=voldoet"))

    new = added(cli, "--ontvangen", "2025-03-12")
    decided = bezwaar(cli, "beslis", new["ref"], "--uitkomst", "ongegrond", "--on", "2025-05-10")

    assert decided["status"] == "beslist"
    assert as_json(cli("case", "show", str(case), "--json"))["state"] == "afgesloten"


def test_bad_input_is_refused_and_nothing_is_written(cli: Cli) -> None:
    case = aanwijzing_given(cli)
    ref = added(cli, "--ontvangen", "2025-03-10")["ref"]
    before = (
        as_json(cli("case", "history", str(case), "--json")),
        as_json(cli("bezwaar", "list", "--json")),
    )
    add = ("bezwaar", "add", AANWIJZING)

    for result, needle in (
        (cli("bezwaar", "show", "IGJ-2025-000001/9"), "IGJ-2025-000001/9"),
        (cli("bezwaar", "show", "77"), "77"),
        (cli(*add, "--ontvangen", "2025-13-01"), "2025-13-01"),
        (cli(*add, "--ontvangen", "2099-01-01"), "--ontvangen"),
        (cli(*add, "--ontvangen", "2025-01-20"), AANWIJZING),
        (cli(*add, "--ontvangen", "2025-03-10", "--ter-post", "2025-03-11"), "2025"),
        (cli(*add, "--ontvangen", "2025-03-10", "--ter-post", "2025-03-07", "--digitaal"), "2:20"),
        (cli("bezwaar", "add", "IGJ-1999-000001", "--ontvangen", "2025-03-10"), "IGJ-1999"),
        (cli("bezwaar", "termijn", ref, "--verschoonbaar", "misschien", "--reason", "x"), "ja"),
        (cli("bezwaar", "termijn", ref, "--verschoonbaar", "ja", "--reason", "x"), "te_laat"),
        (cli("bezwaar", "herstel", ref, "--op", "2025-03-20", "--termijn", "twee"), "twee"),
        (cli("bezwaar", "hersteld", ref, "--op", "2025-03-20"), ref),
        (cli("bezwaar", "verdaag", ref, "--termijn", "2 maanden", "--on", "2025-04-01"), "7:10"),
        (cli("bezwaar", "uitstel", ref, "--tot", "2025-04-01", "--grond", "instemming",
             "--on", "2025-03-20"), "2025"),
        (cli("bezwaar", "hoorzitting", ref, "--op", "2025-03-01", "--on", "2025-03-20"), "2025"),
        (cli("bezwaar", "beslis", ref, "--uitkomst", "half", "--on", "2025-04-01"), "half"),
        (cli("bezwaar", "beslis", ref, "--uitkomst", "ongegrond", "--on", "2025-03-01"), "2025"),
        (cli("bezwaar", "intrekken", ref, "--on", "2025-03-01"), "2025"),
        (cli("bezwaar", "ingebrekestelling", ref, "--ontvangen", "2025-04-01"), "4:17"),
    ):  # fmt: skip
        refused(result, needle)
    refused(cli("bezwaar", "show", "IGJ-2025-000001/9"),
            tr("There is no bezwaar '{ref}'. `escalation bezwaar list` shows them.",
               ref="IGJ-2025-000001/9"))  # fmt: skip
    after = (
        as_json(cli("case", "history", str(case), "--json")),
        as_json(cli("bezwaar", "list", "--json")),
    )
    assert after == before


def _letter(cli: Cli, case: int, template: str, on: str, tmp: Path, *sets: str) -> str:
    args = ["letter", "make", str(case), template, "--format", "md", "--out", tmp, "--on", on]
    for s in sets:
        args += ["--set", s]
    ok(cli(*args, "--by", BY))
    [path] = tmp.glob(f"*{template}-{on}*.md")
    return " ".join(path.read_text(encoding="utf-8").split())


def test_the_letters_of_a_bezwaar_carry_its_dates_and_timeliness(cli: Cli, tmp_path: Path) -> None:
    case = aanwijzing_given(cli)
    late = added(cli, "--ontvangen", "2025-03-18", "--ter-post", "2025-03-14")["ref"]
    ref = added(cli, "--ontvangen", "2025-03-10")["ref"]
    pick = f"bezwaarschrift={ref}"

    per_post = _letter(cli, case, "bezwaar-ontvangstbevestiging", "2025-03-19", tmp_path,
                       f"bezwaarschrift={late}")  # fmt: skip
    plain = _letter(cli, case, "bezwaar-ontvangstbevestiging", "2025-03-11", tmp_path, pick)
    bezwaar(cli, "herstel", ref, "--op", "2025-03-20", "--termijn", "2 weken")
    herstel = _letter(cli, case, "bezwaar-herstelverzoek", "2025-03-20", tmp_path, pick,
                      "verzuim=de gronden van het bezwaar")  # fmt: skip
    bezwaar(cli, "hersteld", ref, "--op", "2025-03-30")
    bezwaar(cli, "verdaag", ref, "--termijn", "6 weken", "--on", "2025-05-01")
    verdaging = _letter(cli, case, "bezwaar-verdaging", "2025-05-01", tmp_path, pick)
    bezwaar(cli, "hoorzitting", ref, "--op", "2025-05-20", "--on", "2025-05-02")
    hoorzitting = _letter(cli, case, "bezwaar-uitnodiging-hoorzitting", "2025-05-02", tmp_path,
                          pick)  # fmt: skip
    bezwaar(cli, "beslis", ref, "--uitkomst", "ongegrond", "--on", "2025-06-02")
    beslissing = _letter(cli, case, "bezwaar-beslissing", "2025-06-02", tmp_path, pick,
                         "overwegingen=Geen grond.")  # fmt: skip
    wrong = cli("letter", "make", str(case), "bezwaar-verdaging", "--format", "md", "--out",
                tmp_path, "--set", "bezwaarschrift=IGJ-2025-000001/7")  # fmt: skip

    assert "artikel 6:9, tweede lid" in per_post and "14 maart 2025 ter post" in per_post
    assert "uiterlijk op vrijdag 25 april 2025" in per_post
    assert "6:9" not in plain and "uiterlijk op vrijdag 25 april 2025" in plain
    assert "uiterlijk op donderdag 3 april 2025" in herstel and "de gronden" in herstel
    assert "met 6 weken" in verdaging and "dinsdag 17 juni 2025" in verdaging
    assert "dinsdag 20 mei 2025" in hoorzitting and "7:2" in hoorzitting
    assert "ongegrond" in beslissing and "maandag 14 juli 2025" in beslissing
    assert "IGJ-2025-000003" in beslissing
    refused(wrong, "IGJ-2025-000001/7")
