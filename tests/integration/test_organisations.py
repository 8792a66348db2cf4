"""Organisations as data (issue 13): the lead and the other inspectorates of a case, and the
letters of a joint case: both letterheads, "de inspecties", signed by both, and the right
bestuursorgaan (for a gecertificeerde instelling the Ministers of JenV and VWS together), read
back from the PDF, on SQLite."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from escalation.domain.model import Case, Provider, ProviderKind
from escalation.domain.organisations import case_sender
from escalation.letters import JinjaLetterRenderer
from escalation.letters.organisations import FileOrganisationCatalog
from escalation.letters.templates import read_organisation
from tests.e2e.helpers import (
    BY,
    FOCUS,
    JBN,
    OPENED_ON,
    TO_RAPPORT,
    Cli,
    add_provider,
    do,
    isolate,
    make_cli,
    ok,
    refused,
    walk,
)
from tests.integration.test_findings_letters import make

REPO = Path(__file__).resolve().parents[2]
BOTH_MINISTERS = (
    "de Minister van Justitie en Veiligheid en de Minister van Volksgezondheid, Welzijn en Sport"
)
BOTH_INSPECTORATES = "Inspectie Gezondheidszorg en Jeugd en de Inspectie Justitie en Veiligheid"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    isolate(monkeypatch, tmp_path / "xdg-data")
    return make_cli(tmp_path / "cases.sqlite", init=True)


def open_joint(cli: Cli, kvk: str, *organisations: str) -> int:
    args = ["case", "open", "--provider", kvk, "--on", OPENED_ON, "--by", BY, *organisations]
    return int(ok(cli(*args)).stdout.strip())


def aanwijzing(cli: Cli, case: int, out: Path, fmt: str = "pdf") -> str:
    walk(cli, case, TO_RAPPORT)
    ok(
        do(
            cli,
            case,
            "kondig_aanwijzing_aan",
            "2024-12-13",
            "dictum=Zorg voor een vaste jeugdbeschermer.",
        )
    )
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    return make(cli, case, "aanwijzing", fmt, out, "dictum=Zorg voor een vaste jeugdbeschermer.")


def test_a_joint_gi_aanwijzing_names_both_inspectorates_and_both_ministers_in_the_pdf(
    cli: Cli, tmp_path: Path
) -> None:
    case = open_joint(cli, add_provider(cli, JBN), "--organisation", "IGJ", "--co", "JENV")

    text = aanwijzing(cli, case, tmp_path)

    assert f"De {BOTH_INSPECTORATES} (hierna: de inspecties) geven namens {BOTH_MINISTERS} " in text
    assert "De inspecties oordelen dat een aanwijzing noodzakelijk is" in text
    assert "Ministerie van Volksgezondheid, Welzijn en Sport" in text  # both letterheads
    assert "Ministerie van Justitie en Veiligheid" in text
    assert text.count("Inspectie Justitie en Veiligheid") >= 3  # head, sentence, signature
    bezwaar = f"U richt uw bezwaarschrift aan {BOTH_MINISTERS}, ter attentie van de Inspectie G"
    assert bezwaar in text
    assert (
        "namens dezen, de hoofdinspecteur Jeugd van de Inspectie Gezondheidszorg en Jeugd en "
        "de hoofdinspecteur van de Inspectie Justitie en Veiligheid"
    ) in text
    assert "(hierna: de inspectie)" not in text
    listed = json.loads(ok(cli("besluit", "list", "--json")).stdout)
    assert listed[0]["bestuursorgaan"] == BOTH_MINISTERS


def test_a_joint_case_against_a_jeugdhulpaanbieder_takes_the_leads_bestuursorgaan(
    cli: Cli, tmp_path: Path
) -> None:
    """The rule: the lead's data for the subject's kind names the bestuursorgaan; IGJ's for a
    jeugdhulpaanbieder is the Minister van VWS, JENV's the Minister van JenV."""
    kvk = add_provider(cli, FOCUS)
    led_by_igj = open_joint(cli, kvk, "--co", "jenv")
    led_by_jenv = open_joint(cli, kvk, "--organisation", "JENV", "--co", "IGJ")

    igj = aanwijzing(cli, led_by_igj, tmp_path / "igj", fmt="md")
    jenv = aanwijzing(cli, led_by_jenv, tmp_path / "jenv", fmt="md")

    by_igj = f"De {BOTH_INSPECTORATES} (hierna: de inspecties) geven namens de Minister van VWS"
    by_jenv = (
        "De Inspectie Justitie en Veiligheid en de Inspectie Gezondheidszorg en Jeugd (hierna: "
        "de inspecties) geven namens de Minister van Justitie en Veiligheid aan"
    )
    assert by_igj.replace("VWS", "Volksgezondheid, Welzijn en Sport aan") in igj
    assert by_jenv in jenv
    assert igj.index("Inspectie Gezondheidszorg en Jeugd") < igj.index("Inspectie Justitie")
    assert jenv.index("Inspectie Justitie en Veiligheid") < jenv.index("Inspectie Gezondheidszorg")
    assert "JENV-2025-" in jenv and "IGJ-2025-" in igj  # each lead's kenmerk


def test_a_single_organisation_letter_is_as_before(cli: Cli, tmp_path: Path) -> None:
    case = open_joint(cli, add_provider(cli, FOCUS))

    text = aanwijzing(cli, case, tmp_path, fmt="md")

    assert (
        "De Inspectie Gezondheidszorg en Jeugd (hierna: de inspectie) geeft namens de Minister "
        "van Volksgezondheid, Welzijn en Sport aan"
    ) in text
    assert "inspecties" not in text and "Justitie" not in text
    assert "namens deze, de hoofdinspecteur Jeugd van de Inspectie Gezondheidszorg en Jeugd" in text


def test_igj_for_a_jeugdhulpaanbieder_is_exactly_the_letter_data_of_organisatie_yaml() -> None:
    igj = FileOrganisationCatalog().get("igj")

    assert igj.for_subject("jeugdhulpaanbieder") == read_organisation(
        REPO / "letters" / "organisatie.yaml"
    )


def test_an_unknown_organisation_is_refused_and_nothing_is_written(cli: Cli) -> None:
    kvk = add_provider(cli, JBN)

    message = refused(cli("case", "open", "--provider", kvk, "--co", "JENV,XYZ"), "'XYZ'", "IGJ")
    refused(cli("case", "open", "--provider", kvk, "--organisation", "NVWA"), "'NVWA'")

    assert len(message.strip().splitlines()) == 1
    assert json.loads(ok(cli("case", "list", "--json")).stdout) == []


def test_the_case_shows_its_lead_and_its_other_organisations(cli: Cli) -> None:
    kvk = add_provider(cli, JBN)
    joint = open_joint(cli, kvk, "--co", "jenv", "--co", "IGJ")
    single = open_joint(cli, kvk)

    shown = json.loads(ok(cli("case", "show", joint, "--json")).stdout)
    plain = json.loads(ok(cli("case", "show", single, "--json")).stdout)

    assert (shown["organisation"], shown["co_organisations"]) == ("IGJ", ["JENV"])
    assert (plain["organisation"], plain["co_organisations"]) == ("IGJ", [])
    assert "IGJ + JENV" in ok(cli("case", "show", joint)).stdout


def test_organisation_list_and_show(cli: Cli) -> None:
    listed = json.loads(ok(cli("organisation", "list", "--json")).stdout)
    shown = json.loads(ok(cli("organisation", "show", "jenv", "--json")).stdout)
    text = ok(cli("organisation", "show", "IGJ")).stdout

    assert [(o["code"], o["name"]) for o in listed] == [
        ("IGJ", "Inspectie Gezondheidszorg en Jeugd"),
        ("JENV", "Inspectie Justitie en Veiligheid"),
    ]
    assert shown["bestuursorgaan"] == {
        "jeugdhulpaanbieder": "de Minister van Justitie en Veiligheid",
        "gecertificeerde-instelling": BOTH_MINISTERS,
        "regio": "de Minister van Justitie en Veiligheid",
        # subjects without a KvK number (issue 13): the organisation's own bestuursorgaan
        "gemeente": "de Minister van Justitie en Veiligheid",
        "jeugdhulpregio": "de Minister van Justitie en Veiligheid",
        "jeugdbeschermingsregio": "de Minister van Justitie en Veiligheid",
    }
    assert shown["letterhead"]["ministerie"] == "Ministerie van Justitie en Veiligheid"
    assert "Postbus 2518, 6401 DA Heerlen" in text and BOTH_MINISTERS in text
    refused(cli("organisation", "show", "XYZ"), "'XYZ'")


def test_an_organisation_in_the_users_folder_replaces_the_packaged_one(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "organisaties"
    folder.mkdir()
    own = (REPO / "organisations" / "jenv.yaml").read_text(encoding="utf-8")
    (folder / "eigen.yaml").write_text(
        own.replace(
            "naam: Inspectie Justitie en Veiligheid\n", "naam: Inspectie JenV (eigen)\n", 1
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("ESCALATION_ORGANISATIONS_DIR", str(folder))

    listed = json.loads(ok(cli("organisation", "list", "--json")).stdout)

    assert {o["code"]: o["name"] for o in listed}["JENV"] == "Inspectie JenV (eigen)"


def test_a_users_organisatie_yaml_still_replaces_igjs_letter_data_also_in_a_joint_case(
    tmp_path: Path,
) -> None:
    own = (REPO / "letters" / "organisatie.yaml").read_text(encoding="utf-8")
    (tmp_path / "organisatie.yaml").write_text(
        own.replace("naam: Inspectie Gezondheidszorg en Jeugd", "naam: Eigen Inspectie", 1),
        encoding="utf-8",
    )
    catalog = FileOrganisationCatalog(letters=tmp_path)
    renderer = JinjaLetterRenderer(user=tmp_path, organisations=catalog)
    case = Case(
        provider=Provider("04075970", "JBN", ProviderKind.GECERTIFICEERDE_INSTELLING),
        workflow_name="jeugdwet", workflow_version=3, state="rapport", opened_on=date(2025, 1, 2),
    )  # fmt: skip

    single = renderer.organisation(case)
    case.co_organisations = ("JENV",)
    joint = renderer.organisation(case)

    assert single.afzender["naam"] == "Eigen Inspectie"
    assert joint.afzender["inspecties"] == "Eigen Inspectie en de Inspectie Justitie en Veiligheid"
    assert [o["naam"] for o in joint.afzender["organisaties"]] == [
        "Eigen Inspectie", "Inspectie Justitie en Veiligheid",
    ]  # fmt: skip
    assert joint.bestuursorgaan("aanwijzing") == BOTH_MINISTERS
    assert joint.ondertekening == (
        "Met vriendelijke groet,", "de Inspectie Gezondheidszorg en Jeugd,",
        "de hoofdinspecteur Jeugd", "en", "de Inspectie Justitie en Veiligheid,",
        "de hoofdinspecteur",
    )  # fmt: skip


def test_three_inspectorates_are_named_in_order_and_each_signs() -> None:
    catalog = FileOrganisationCatalog()
    igj, jenv = catalog.get("IGJ"), catalog.get("JENV")
    head = {**jenv.letters.afzender, "naam": "Nederlandse Zorgautoriteit"}
    third = replace(jenv, code="NZA", letters=replace(jenv.letters, afzender=head))

    sender = case_sender(igj, [jenv, third], "jeugdhulpaanbieder")

    assert sender.afzender["inspecties"] == (
        "Inspectie Gezondheidszorg en Jeugd, de Inspectie Justitie en Veiligheid en de "
        "Nederlandse Zorgautoriteit"
    )
    assert sender.ondertekening.count("en") == 2
    assert sender.besluiten["aanwijzing"]["ondertekening"][:4] == [
        "De Minister van Volksgezondheid, Welzijn en Sport,", "namens deze,",
        "de hoofdinspecteur Jeugd van de Inspectie Gezondheidszorg en Jeugd", "en",
    ]  # fmt: skip
