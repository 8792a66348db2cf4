"""`provider add/edit --adres`: the postal address letters print under the provider's name;
the signatory from the settings; bad addresses are refused and nothing is written."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.helpers import FOCUS, Cli, as_json, do, ok, open_case, refused
from tests.e2e.test_letters import aanwijzing_case
from tests.i18n_helpers import tr

ADDRESS = "Stationsstraat 1, 1234 AB Utrecht"


def test_a_provider_is_added_with_its_address_and_letters_print_it(
    cli: Cli, tmp_path: Path
) -> None:
    name, kvk, kind = FOCUS
    ok(cli("provider", "add", name, "--kvk", kvk, "--kind", kind, "--adres", ADDRESS))

    shown = as_json(cli("provider", "show", kvk, "--json"))
    assert shown["address"] == ADDRESS
    assert (
        tr("Postal address: {address}", address=ADDRESS) in ok(cli("provider", "show", kvk)).stdout
    )


def test_provider_edit_sets_the_address_that_the_next_letter_prints(
    cli: Cli, tmp_path: Path
) -> None:
    case = aanwijzing_case(cli)
    out = tmp_path / "out"
    ok(cli("letter", "make", case, "voornemen-aanwijzing", "--format", "txt", "--out", out))
    before = next(out.iterdir()).read_text(encoding="utf-8")

    edited = ok(cli("provider", "edit", FOCUS[1], "--adres", " Postbus 12 ,  1234 AB Utrecht "))
    ok(cli("letter", "make", case, "voornemen-aanwijzing", "--format", "txt", "--out", out / "2"))
    after = next((out / "2").iterdir()).read_text(encoding="utf-8")

    assert f"{FOCUS[0]}\nt.a.v. het bestuur\nStationsplein 1\n3511 ED Utrecht\n" in before
    message = tr(
        "The postal address of {provider} ({label}) is now: {address}.",
        provider=FOCUS[0],
        label=tr("KvK {number}", number=FOCUS[1]),
        address="Postbus 12, 1234 AB Utrecht",
    )
    assert message in edited.stdout
    assert f"{FOCUS[0]}\nt.a.v. het bestuur\nPostbus 12\n1234 AB Utrecht\nKvK 87654321" in after


def test_a_letter_to_a_provider_without_an_address_stays_a_draft_until_it_has_one(
    cli: Cli, tmp_path: Path
) -> None:
    name, kvk, kind = FOCUS
    ok(cli("provider", "add", name, "--kvk", kvk, "--kind", kind))
    case = open_case(cli, kvk)
    ok(do(cli, case, "start_onderzoek", "2024-09-16"))
    made = ok(do(cli, case, "verstuur_conceptrapport", "2024-11-15"))
    letter = as_json(cli("letter", "list", case, "--json"))[0]["id"]
    refusal = cli("letter", "send", letter)

    assert 'escalation provider edit 87654321 --adres "Straat 1, 1234 AB Plaats"' in made.stdout
    assert refusal.exit_code == 1
    assert "ontvanger.adres" in refusal.output
    ok(cli("provider", "edit", kvk, "--adres", "Postbus 12, 1234 AB Utrecht"))
    ok(cli("letter", "send", letter))
    sent = as_json(cli("letter", "list", case, "--json"))[0]
    assert sent["status"] == "sent"
    assert "Postbus 12" in ok(cli("letter", "show", letter)).stdout


def test_edit_of_an_unknown_provider_is_refused(cli: Cli) -> None:
    refused(cli("provider", "edit", "99999999", "--adres", ADDRESS), "99999999")


def test_the_signatory_comes_from_the_settings(cli: Cli, tmp_path: Path) -> None:
    case = aanwijzing_case(cli)
    env = {
        "ESCALATION_SIGNATORY_NAME": "mr. A. de Vries",
        "ESCALATION_SIGNATORY_FUNCTION": "jurist",
    }
    out = tmp_path / "out"

    ok(cli("letter", "make", case, "voornemen-aanwijzing", "--format", "md", "--out", out, env=env))

    text = next(out.iterdir()).read_text(encoding="utf-8")
    assert "\n\nmr. A. de Vries\njurist\n\n---\n" in text
    assert "Ons kenmerk  IGJ-ZAAK-000001" in text


def test_a_signatory_setting_with_a_control_character_is_refused_naming_the_setting(
    cli: Cli,
) -> None:
    env = {"ESCALATION_SIGNATORY_NAME": "mr. A.\x1b[2J de Vries"}

    result = cli("provider", "list", env=env)

    refused(result, "signatory_name", "ESCALATION_SIGNATORY_NAME", "U+001B")


def test_ons_kenmerk_is_the_besluits_kenmerk_when_the_letter_belongs_to_a_besluit(
    cli: Cli, tmp_path: Path
) -> None:
    case = aanwijzing_case(cli)
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    besluit = as_json(cli("besluit", "list", "--case", str(case), "--json"))[0]["kenmerk"]
    out = tmp_path / "out"

    ok(cli("letter", "make", case, "aanwijzing", "--format", "md", "--out", out))

    text = next(out.iterdir()).read_text(encoding="utf-8")
    assert besluit.startswith("IGJ-2025-")
    assert f"Ons kenmerk  {besluit}\n" in text
    assert f"bij voorkeur met het kenmerk {besluit};" in text
