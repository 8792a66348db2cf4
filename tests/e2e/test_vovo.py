"""`escalation vovo`: voorlopige voorzieningen against besluiten (Awb 8:81, Jeugdwet 9.8 lid 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import Cli, as_json, day, do, ok, refused
from tests.e2e.test_besluiten import aanwijzing_given
from tests.i18n_helpers import tr

AANWIJZING = "IGJ-2025-000001"
OPENBAAR = "IGJ-2025-000002"  # the besluit tot openbaarmaking, sent 2025-01-31


def add(cli: Cli, besluit: str, on: str, *extra: str) -> dict[str, object]:
    data: dict[str, object] = as_json(
        cli("vovo", "add", besluit, "--ingediend", on, *extra, "--json")
    )
    return data


def test_a_request_against_the_openbaarmakingsbesluit_is_recorded_and_suspends_it(
    cli: Cli,
) -> None:
    case = aanwijzing_given(cli)

    added = add(cli, OPENBAAR, "2025-02-10", "--rechtbank", "Rechtbank Den Haag",
                "--zaaknummer", "SGR 25/1234")  # fmt: skip
    shown = as_json(cli("vovo", "show", str(added["id"]), "--json"))

    assert {k: added[k] for k in ("case", "besluit", "besluit_kind", "number", "ingediend")} == {
        "case": case,
        "besluit": OPENBAAR,
        "besluit_kind": "openbaarmakingsbesluit",
        "number": 1,
        "ingediend": "2025-02-10",
    }
    assert (added["pending"], added["suspends"], added["uitkomst"]) == (True, True, None)
    assert added["warnings"], added  # no bezwaar recorded: Awb 8:81 lid 1
    assert shown["rechtbank"] == "Rechtbank Den Haag" and shown["zaaknummer"] == "SGR 25/1234"
    assert [e["type"] for e in shown["history"]] == ["voorziening_requested"]
    assert shown["history"][0]["on"] == "2025-02-10"
    assert sorted(d["kind"] for d in shown["deadlines"]) == [
        "bezwaar", "publicatie_embargo", "reactie_openbaarmaking",
    ]  # fmt: skip
    besluit = as_json(cli("besluit", "show", OPENBAAR, "--json"))
    assert [v["ingediend"] for v in besluit["voorzieningen"]] == ["2025-02-10"]


def test_the_text_output_names_the_new_voorziening_and_warns_without_a_bezwaar(cli: Cli) -> None:
    aanwijzing_given(cli)

    result = ok(cli("vovo", "add", OPENBAAR, "--ingediend", "2025-02-10"))

    assert tr(
        "Voorlopige voorziening {vovo} against besluit {besluit}, requested on {on}.",
        vovo=1, besluit=OPENBAAR, on=day("2025-02-10"),
    ) in result.stdout  # fmt: skip
    assert "Awb 8:81" in result.stderr
    assert "9.8" in result.stdout  # the request itself suspends the besluit tot openbaarmaking


def test_publiceer_is_refused_while_a_vovo_against_the_publication_is_pending(cli: Cli) -> None:
    case = aanwijzing_given(cli)
    vovo = add(cli, OPENBAAR, "2025-02-10", "--zaaknummer", "SGR 25/1234")["id"]

    blocked = do(cli, case, "publiceer", "2025-02-20")
    ok(cli("vovo", "uitspraak", str(vovo), "--on", "2025-03-03", "--uitkomst", "afgewezen"))
    published = do(cli, case, "publiceer", "2025-03-04")

    text = refused(blocked, f"{vovo} (SGR 25/1234)", OPENBAAR, "9.8")
    assert len([s for s in text.strip().split(". ") if s]) <= 2, text
    ok(published)
    besluit = as_json(cli("besluit", "show", OPENBAAR, "--json"))
    assert besluit["gepubliceerd_op"] == "2025-03-04"
    assert [e["type"] for e in besluit["history"]][-1] == "weergave_published"


def test_a_toewijzing_with_schorsing_suspends_the_besluit_until_that_day(cli: Cli) -> None:
    case = aanwijzing_given(cli)
    vovo = add(cli, OPENBAAR, "2025-02-10")["id"]

    decided = as_json(cli("vovo", "uitspraak", str(vovo), "--on", "2025-02-20",
                          "--uitkomst", "toegewezen", "--schorsing-tot", "2025-04-30",
                          "--json"))  # fmt: skip
    during = do(cli, case, "publiceer", "2025-04-30")
    after = do(cli, case, "publiceer", "2025-05-01")

    assert (decided["uitkomst"], decided["schorsing_tot"]) == ("toegewezen", "2025-04-30")
    assert decided["pending"] is False
    refused(during, OPENBAAR, "2025-04-30")
    ok(after)
    assert as_json(cli("besluit", "show", OPENBAAR, "--json"))["gepubliceerd_op"] == "2025-05-01"


def test_a_schorsing_of_the_aanwijzing_is_shown_with_its_deadlines(cli: Cli) -> None:
    aanwijzing_given(cli)
    vovo = add(cli, AANWIJZING, "2025-02-12")

    assert vovo["suspends"] is False  # a request alone does not suspend an aanwijzing (6:16)
    ok(cli("vovo", "uitspraak", str(vovo["id"]), "--on", "2025-02-26", "--uitkomst",
           "toegewezen"))  # fmt: skip
    shown = as_json(cli("vovo", "show", str(vovo["id"]), "--json"))
    text = ok(cli("vovo", "show", str(vovo["id"]))).stdout

    assert shown["suspends"] is True and shown["suspended_until"] is None
    assert [e["type"] for e in shown["history"]] == [
        "voorziening_requested", "voorziening_decided",
    ]  # fmt: skip
    assert sorted(d["kind"] for d in shown["deadlines"]) == ["bezwaar", "naleving"]
    assert AANWIJZING in text and "naleving" in text


def test_list_by_case_and_by_besluit(cli: Cli) -> None:
    first = aanwijzing_given(cli)
    add(cli, OPENBAAR, "2025-02-10")
    add(cli, AANWIJZING, "2025-02-11")

    everything = as_json(cli("vovo", "list", "--json"))
    of_case = as_json(cli("vovo", "list", "--case", str(first), "--json"))
    against = as_json(cli("vovo", "list", "--besluit", AANWIJZING, "--json"))
    table = ok(cli("vovo", "list")).stdout

    assert [(v["besluit"], v["ingediend"]) for v in everything] == [
        (OPENBAAR, "2025-02-10"), (AANWIJZING, "2025-02-11"),
    ]  # fmt: skip
    assert of_case == everything
    assert [v["besluit"] for v in against] == [AANWIJZING]
    assert OPENBAAR in table and AANWIJZING in table


BAD_ADD = {
    "before the besluit was sent": (OPENBAAR, "2025-01-30", ()),
    "after today": (OPENBAAR, "2099-01-05", ()),
    "unknown besluit": ("IGJ-2025-999999", "2025-02-10", ()),
    "blank rechtbank": (OPENBAAR, "2025-02-10", ("--rechtbank", "  ")),
    "not a date": (OPENBAAR, "2025-02-30", ()),
}


@pytest.mark.parametrize("name", sorted(BAD_ADD))
def test_bad_input_to_vovo_add_is_refused_and_nothing_is_written(
    cli: Cli, db_path: Path, name: str
) -> None:
    aanwijzing_given(cli)
    besluit, on, extra = BAD_ADD[name]
    before = db_path.read_bytes()

    result = cli("vovo", "add", besluit, "--ingediend", on, *extra)

    refused(result, code=1)
    assert db_path.read_bytes() == before
    assert as_json(cli("vovo", "list", "--json")) == []


BAD_UITSPRAAK = {
    "unknown uitkomst": ("1", ("--on", "2025-03-01", "--uitkomst", "gegrond")),
    "schorsing with afgewezen": (
        "1", ("--on", "2025-03-01", "--uitkomst", "afgewezen", "--schorsing-tot", "2025-04-01")
    ),
    "schorsing ending before the uitspraak": (
        "1", ("--on", "2025-03-01", "--uitkomst", "toegewezen", "--schorsing-tot", "2025-02-01")
    ),
    "uitspraak before the request": ("1", ("--on", "2025-02-01", "--uitkomst", "afgewezen")),
    "uitspraak after today": ("1", ("--on", "2099-01-05", "--uitkomst", "afgewezen")),
    "unknown voorziening": ("99", ("--on", "2025-03-01", "--uitkomst", "afgewezen")),
    "not an id": ("SGR", ("--on", "2025-03-01", "--uitkomst", "afgewezen")),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BAD_UITSPRAAK))
def test_bad_input_to_vovo_uitspraak_is_refused_and_nothing_is_written(
    cli: Cli, db_path: Path, name: str
) -> None:
    aanwijzing_given(cli)
    add(cli, OPENBAAR, "2025-02-10")
    vovo, args = BAD_UITSPRAAK[name]
    before = db_path.read_bytes()

    result = cli("vovo", "uitspraak", vovo, *args)

    refused(result, code=1)
    assert db_path.read_bytes() == before
    assert as_json(cli("vovo", "show", "1", "--json"))["pending"] is True


def test_a_voorziening_is_decided_once(cli: Cli, db_path: Path) -> None:
    aanwijzing_given(cli)
    add(cli, OPENBAAR, "2025-02-10")
    ok(cli("vovo", "uitspraak", "1", "--on", "2025-03-01", "--uitkomst", "ingetrokken"))
    before = db_path.read_bytes()

    again = cli("vovo", "uitspraak", "1", "--on", "2025-03-02", "--uitkomst", "toegewezen")

    refused(again, "2025-03-01", "ingetrokken")
    assert db_path.read_bytes() == before


def test_a_missing_ingediend_is_misuse(cli: Cli) -> None:
    aanwijzing_given(cli)

    refused(cli("vovo", "add", OPENBAAR), code=2)
