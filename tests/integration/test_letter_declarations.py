"""Template declarations and organisatie.yaml are read by models that name the item at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation.domain.letters import InputType, LetterError
from escalation.letters.lint import lint_path
from escalation.letters.templates import read_organisation, read_template

LETTERS = Path(__file__).parents[2] / "letters"
AANWIJZING = (LETTERS / "aanwijzing.md.j2").read_text(encoding="utf-8")
ORGANISATIE = (LETTERS / "organisatie.yaml").read_text(encoding="utf-8")


def _write(folder: Path, text: str, name: str = "eigen.md.j2") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _refusal_of_template(folder: Path, text: str) -> str:
    with pytest.raises(LetterError) as refused:
        read_template(_write(folder, text), sandboxed=True)
    return str(refused.value)


def test_the_aanwijzing_declares_its_inputs_with_help_and_default() -> None:
    spec = read_template(LETTERS / "aanwijzing.md.j2", sandboxed=False).spec

    aanleiding, zienswijze = spec.input("aanleiding"), spec.input("zienswijze")
    assert spec.title == "Aanwijzing (Jeugdwet art. 9.3 lid 1)"
    assert spec.deadlines == ("naleving", "bezwaar", "publicatie_embargo")
    assert aanleiding is not None and aanleiding.default is None
    assert zienswijze is not None and zienswijze.default is not None
    assert zienswijze.type is InputType.TEXT


def test_an_unknown_key_in_a_declaration_is_refused_listing_the_allowed_keys(
    tmp_path: Path,
) -> None:
    message = _refusal_of_template(tmp_path, AANWIJZING.replace("title:", "titel:", 1))

    assert message == (
        f"{tmp_path / 'eigen.md.j2'}: unknown key 'titel' (allowed: action, deadlines, "
        "decision, fields, inputs, parameters, publication, sample, title)."
    )


def test_an_unknown_key_in_a_declaration_is_refused_in_dutch_by_default(
    tmp_path: Path, dutch: None
) -> None:
    message = _refusal_of_template(tmp_path, AANWIJZING.replace("title:", "titel:", 1))

    assert message == (
        f"{tmp_path / 'eigen.md.j2'}: onbekende sleutel 'titel' (toegestaan: action, deadlines, "
        "decision, fields, inputs, parameters, publication, sample, title)."
    )


def test_an_input_of_an_unknown_type_is_refused_naming_the_input_and_the_types(
    tmp_path: Path,
) -> None:
    text = AANWIJZING.replace(
        "    default: De inspectie", "    type: bedrag\n    default: De inspectie"
    )

    message = _refusal_of_template(tmp_path, text)

    assert message.endswith("input 'zienswijze': type 'bedrag' is not one of text, money, term.")


def test_a_key_given_twice_in_a_declaration_is_refused_with_its_line_in_the_file(
    tmp_path: Path,
) -> None:
    text = AANWIJZING.replace("action: geef_aanwijzing\n", "action: geef_aanwijzing\naction: x\n")

    message = _refusal_of_template(tmp_path, text)

    assert message == f"{tmp_path / 'eigen.md.j2'}, line 4: the key 'action' appears twice."


def test_a_template_that_is_not_utf8_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md.j2"
    path.write_bytes(AANWIJZING.encode("utf-8") + "Met dank, Zoë\n".encode("latin-1"))

    with pytest.raises(LetterError, match="latin1.md.j2 is not UTF-8 text"):
        read_template(path, sandboxed=True)


def test_lint_reports_a_malformed_declaration_as_a_finding(tmp_path: Path) -> None:
    _write(tmp_path, AANWIJZING.replace("title:", "titel:", 1))

    checked, findings = lint_path(tmp_path)

    assert checked == ["eigen.md.j2"]
    assert any("unknown key 'titel'" in finding.message for finding in findings)


def test_the_packaged_organisation_names_the_bestuursorgaan_of_each_besluit() -> None:
    organisation = read_organisation(LETTERS / "organisatie.yaml")

    assert organisation.besluiten["aanwijzing"]["acties"] == ["geef_aanwijzing"]
    assert organisation.afzender["bezoekadres"] == ["Stadsplateau 1", "3521 AZ Utrecht"]
    assert organisation.ondertekening[0] == "Met vriendelijke groet,"
    assert organisation.termijnen["bezwaar"] == "de termijn om bezwaar te maken"


def test_an_organisation_file_without_termijnen_is_refused_naming_every_fault(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, ORGANISATIE.replace("termijnen:", "termijn:"), "organisatie.yaml")

    with pytest.raises(LetterError) as refused:
        read_organisation(path)

    assert str(refused.value).splitlines() == [
        f"{path}: the organisation file is invalid:",
        "  - the organisation file has no 'termijnen'.",
        "  - unknown key 'termijn' (allowed: afzender, besluiten, kenmerk, ondertekening, "
        "termijnen, zaakkenmerk).",
    ]


def test_a_letterhead_value_that_is_a_mapping_is_refused_naming_the_key(tmp_path: Path) -> None:
    text = ORGANISATIE.replace("website: www.igj.nl", "website: {url: www.igj.nl}")
    path = _write(tmp_path, text, "organisatie.yaml")

    with pytest.raises(LetterError) as refused:
        read_organisation(path)

    assert str(refused.value) == (
        f"{path}: 'afzender', key 'website': write a text or a list of lines."
    )
