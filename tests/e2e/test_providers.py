"""`escalation provider add | list | show` and the refusals of bad KvK numbers and kinds."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import FOCUS, JBN, Cli, add_provider, as_json, ok, open_case, refused
from tests.i18n_helpers import tr


def test_a_provider_is_added_with_its_kvk_and_kind_and_shows_up_in_list_and_show(
    cli: Cli,
) -> None:
    added = ok(
        cli("provider", "add", FOCUS[0], "--kvk", FOCUS[1], "--kind", FOCUS[2], "--alias", "Focus")
    )
    label = tr("KvK {number}", number=FOCUS[1])
    registered = tr(
        "Registered {provider} ({label}, {kind}).", provider=FOCUS[0], label=label, kind=FOCUS[2]
    )
    assert registered in added.stdout
    add_provider(cli, JBN)

    table = ok(cli("provider", "list")).stdout
    assert table.splitlines()[0].split() == [tr("KVK"), tr("NAME"), tr("KIND"), tr("ALIAS")]
    assert "87654321" in table and FOCUS[0] in table and "jeugdhulpaanbieder" in table
    assert "04075970" in table and "gecertificeerde-instelling" in table

    listed = as_json(cli("provider", "list", "--json"))
    assert {p["kvk"]: p["kind"] for p in listed} == {
        "87654321": "jeugdhulpaanbieder",
        "04075970": "gecertificeerde-instelling",
    }
    focus = next(p for p in listed if p["kvk"] == "87654321")
    assert focus == {
        "kvk": "87654321",
        "name": FOCUS[0],
        "kind": FOCUS[2],
        "alias": "Focus",
        "address": None,
    }

    case_id = open_case(cli, "87654321", title="Aanwijzing Focus")
    shown = ok(cli("provider", "show", "87654321")).stdout
    assert FOCUS[0] in shown and "KvK 87654321" in shown
    assert tr("Alias: {alias}", alias="Focus") in shown
    assert "Aanwijzing Focus" in shown and str(case_id) in shown
    shown_json = as_json(cli("provider", "show", "87654321", "--json"))
    assert shown_json["cases"] == [{"id": case_id, "state": "signaal"}]


def test_a_second_provider_with_the_same_kvk_is_refused_naming_the_kvk(cli: Cli) -> None:
    add_provider(cli, FOCUS)

    result = cli("provider", "add", "Another name B.V.", "--kvk", FOCUS[1], "--kind", "regio")

    refused(result, "87654321")
    assert len(as_json(cli("provider", "list", "--json"))) == 1


@pytest.mark.parametrize("kvk", ["1234567", "12345678a", "123456789", ""])
def test_a_kvk_number_that_is_not_eight_digits_is_refused(cli: Cli, kvk: str) -> None:
    result = cli("provider", "add", "Foo B.V.", "--kvk", kvk, "--kind", "jeugdhulpaanbieder")

    refused(result, "04075970")  # the domain's message (not in the catalog yet): its example
    if kvk:
        assert f"'{kvk}'" in result.output
    assert as_json(cli("provider", "list", "--json")) == []


def test_an_unknown_kind_of_provider_is_refused_listing_the_kinds(cli: Cli) -> None:
    result = cli("provider", "add", "Foo B.V.", "--kvk", "12345678", "--kind", "bakkerij")

    refused(result, "bakkerij", "jeugdhulpaanbieder", "gecertificeerde-instelling", "regio")
    assert as_json(cli("provider", "list", "--json")) == []


def test_showing_an_unregistered_provider_is_refused_with_a_plain_message(cli: Cli) -> None:
    refused(cli("provider", "show", "11112222"), "11112222")
