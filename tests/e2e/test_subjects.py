"""`provider add --code`, `provider location add | list`, `case open --location` and
`signaal open | show | list` as a jurist types them."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.helpers import Cli, add_provider, as_json, field, ok, open_case, refused
from tests.i18n_helpers import tr

NINETEEN = [(f"Aanbieder {i:02}", f"{30000000 + i}", "jeugdhulpaanbieder") for i in range(19)]


def test_a_gemeente_is_registered_by_its_code_and_gets_a_case(cli: Cli) -> None:
    added = ok(
        cli("provider", "add", "Gemeente Amsterdam", "--kind", "gemeente", "--code", "GM0363")
    )
    label = tr("gemeentecode {code}", code="GM0363")
    assert label in added.stdout

    case = open_case(cli, "gm0363")

    shown = ok(cli("case", "show", str(case))).stdout
    assert shown.startswith(
        tr("Case {case}: {provider} ({label}, {kind})", case=case, provider="Gemeente Amsterdam",
           label=label, kind="gemeente")
    )  # fmt: skip
    assert as_json(cli("case", "show", str(case), "--json"))["provider"]["kvk"] == "GM0363"
    refused(cli("provider", "add", "X", "--kind", "gemeente", "--kvk", "12345678"), "--code")
    refused(cli("provider", "add", "X", "--kind", "gemeente"), "--code", code=2)
    both = ("--kvk", "12345678", "--code", "GM0363")
    refused(cli("provider", "add", "X", "--kind", "gemeente", *both), code=2)
    refused(
        cli("provider", "add", "X", "--kind", "jeugdbeschermingsregio", "--code", "JB12"), "JB12"
    )
    assert len(as_json(cli("provider", "list", "--json"))) == 1


def test_a_location_is_registered_named_by_a_case_and_bad_numbers_refused(cli: Cli) -> None:
    kvk = add_provider(cli, NINETEEN[0])
    address = "Bachlaan 1, 5384 AB Heesch"
    location = ["provider", "location", "add", kvk, "--adres", address]
    refused(cli(*location, "--lrk", "12345"), "12345")
    refused(cli(*location, "--agb", "1234567X"), "1234567X")
    assert as_json(cli("provider", "location", "list", kvk, "--json")) == []

    ok(cli(*location, "--name", "Bachlaan", "--lrk", "123456789", "--agb", "01234567"))
    listed = as_json(cli("provider", "location", "list", kvk, "--json"))
    case = int(ok(cli("case", "open", "--provider", kvk, "--location", "1")).stdout)

    assert [(x["id"], x["lrk"], x["agb"]) for x in listed] == [(1, "123456789", "01234567")]
    shown = ok(cli("case", "show", str(case))).stdout
    assert field(shown, "Location") == f"1: Bachlaan ({address})"
    assert as_json(cli("case", "show", str(case), "--json"))["location"]["name"] == "Bachlaan"
    assert as_json(cli("provider", "show", kvk, "--json"))["locations"] == listed
    assert (
        tr("Location {location}: {label}", location=1, label=f"Bachlaan ({address})")
        in ok(cli("provider", "show", kvk)).stdout
    )


def test_a_signal_from_a_csv_opens_a_case_per_subject_and_shows_each(
    cli: Cli, tmp_path: Path
) -> None:
    for provider in NINETEEN:
        add_provider(cli, provider)
    source = tmp_path / "factsheet.csv"
    source.write_text("kvk\n" + "\n".join(kvk for _, kvk, _ in NINETEEN) + "\n", encoding="utf-8")

    opened = ok(cli("signaal", "open", "--title", "Open residentieel", "--from", str(source)))

    assert tr("Signal {signal} opened {count} cases: {first} to {last}.", signal=1, count=19,
              first=1, last=19) in opened.stdout  # fmt: skip
    shown = as_json(cli("signaal", "show", "1", "--json"))
    assert [c["provider"]["id"] for c in shown["cases"]] == [kvk for _, kvk, _ in NINETEEN]
    assert {c["state"] for c in shown["cases"]} == {"signaal"}
    table = ok(cli("signaal", "show", "1")).stdout
    assert all(name in table for name, _, _ in NINETEEN)
    assert as_json(cli("signaal", "list", "--json"))[0]["cases"] == 19
    assert len(as_json(cli("case", "list", "--json"))) == 19


def test_one_bad_subject_refuses_the_signal_and_nothing_is_written(
    cli: Cli, tmp_path: Path
) -> None:
    for provider in NINETEEN[:3]:
        add_provider(cli, provider)
    source = tmp_path / "bron.csv"
    source.write_text("30000000\n30000001\n99999999\n30000002\nabc\n", encoding="utf-8")

    refused(
        cli("signaal", "open", "--title", "T", "--from", str(source)),
        tr("line {line} of {file}", line=3, file="bron.csv"),
        "99999999",
        tr("line {line} of {file}", line=5, file="bron.csv"),
    )
    refused(cli("signaal", "open", "--title", "T", "--subjects", "30000000,30000000"), "30000000")
    refused(cli("signaal", "open", "--title", "T"), "--subjects", code=2)
    refused(cli("signaal", "open", "--title", "T", "--subjects", "1", "--from", "x"), code=2)

    assert as_json(cli("signaal", "list", "--json")) == []
    assert as_json(cli("case", "list", "--json")) == []
