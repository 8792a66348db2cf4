"""Frameworks and findings documents: parsing, faults named with their line, the pre-filled
document read back unchanged, and the hertoets rule."""

from __future__ import annotations

import pytest

from escalation.domain.errors import DefinitionError
from escalation.domain.findings import (
    CaseNorms,
    DocumentError,
    Finding,
    FindingsVersion,
    Hertoets,
    Judgement,
    Outcome,
    verdict,
)
from escalation.frameworks import FileFrameworkCatalog
from escalation.frameworks.document import findings_template, read_findings
from escalation.frameworks.parse import parse_framework

CATALOG = FileFrameworkCatalog()

FRAMEWORK = """\
name: proef
version: 2
title: Proefkader
label: proefkader
source: een test
scale:
  voldoet: ja
  voldoet_grotendeels: grotendeels
  voldoet_grotendeels_niet: grotendeels niet
  voldoet_niet: nee
  niet_beoordeeld: niet beoordeeld
themes:
  - {id: a, title: Thema A}
norms:
  - {id: "1", theme: a, title: Eerste norm, legal_basis: Artikel 1}
  - {id: "2", title: Tweede norm}
"""


def fault_of(text: str) -> str:
    with pytest.raises(DocumentError) as caught:
        CATALOG.read_findings(text, origin="doc.yaml")
    return str(caught.value)


def test_a_framework_file_becomes_its_norms_in_order() -> None:
    framework = parse_framework(FRAMEWORK, origin="proef.yaml")

    assert (framework.name, framework.version, framework.label) == ("proef", 2, "proefkader")
    assert [n.id for n in framework.norms] == ["1", "2"]
    assert framework.norm("1") is not None and framework.norm("1").legal_basis == "Artikel 1"  # type: ignore[union-attr]
    assert framework.scale["voldoet_niet"] == "nee"


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (('{id: "2", title', '{id: "1", title'), ["line 16", "'1'", "twice"]),
        (("  niet_beoordeeld: niet beoordeeld\n", ""), ["line 7", "niet_beoordeeld"]),
        (("theme: a,", "theme: b,"), ["'b'"]),
        (("version: 2", "version: twee"), ["line 2", "version"]),
    ],
)
def test_a_faulty_framework_is_refused_naming_line_and_fault(
    change: tuple[str, str], needles: list[str]
) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_framework(FRAMEWORK.replace(*change), origin="proef.yaml")

    message = str(caught.value)
    assert message.startswith("proef.yaml")
    for needle in needles:
        assert needle in message, message


def test_the_shipped_frameworks_hold_the_seeds_norms() -> None:
    jij, jbn = CATALOG.get("jij"), CATALOG.get("jbn")

    assert [n.id for n in jij.norms] == ["1.1", "2.1", "2.3"]
    assert all(n.legal_basis.startswith("Artikel 4.1.1") for n in jij.norms)
    assert len(jbn.norms) == 20 and jbn.norms[0].id == "1a.1" and jbn.norms[-1].id == "5.5"


@pytest.mark.parametrize(
    ("document", "needles"),
    [
        (
            'framework: jij\nfindings:\n  - norm: "1.1"\n    judgement: slecht\n',
            ["line 4", "slecht"],
        ),
        (
            'framework: jij\nfindings:\n  - norm: "7.7"\n    judgement: voldoet\n',
            ["line 3", "7.7", "2.3"],
        ),
        (
            'framework: jij\nfindings:\n  - norm: "1.1"\n    judgement: voldoet\n'
            '  - norm: "1.1"\n    judgement: voldoet\n',
            ["line 5", "twice"],
        ),
        (
            'framework: jij\nfindings:\n  - norm: "1.1"\n    judgement: voldoet\n'
            "    maatregelen: [Doe iets]\n",
            ["line 5", "maatregelen"],
        ),
        (
            'framework: jij\nfindings:\n  - norm: "1.1"\n    oordeel: voldoet\n',
            ["line 4", "oordeel"],
        ),
        ("framework: jij\nfindings:\n  - norm: [1.1\n", ["line", "YAML"]),
        ("- framework\n", ["line 1", "mapping"]),
        ("framework: geen\nfindings: []\n", ["line 1", "'geen'", "jij"]),
        ("framework: jij\nversion: 9\nfindings: []\n", ["line 2", "9"]),
    ],
)
def test_a_faulty_findings_document_names_the_line_and_the_fault(
    document: str, needles: list[str]
) -> None:
    message = fault_of(document)

    assert message.startswith("doc.yaml")
    for needle in needles:
        assert needle in message, message


def test_several_faults_are_named_each_with_its_line_in_order() -> None:
    message = fault_of(
        'framework: jij\nfindings:\n  - norm: "9"\n    judgement: voldoet\n'
        '  - norm: "1.1"\n    judgement: voldoet\n    maatregelen: [x]\n'
    )

    assert message.index("line 3") < message.index("line 7")


def test_the_prefilled_document_reads_back_as_the_findings_it_shows() -> None:
    framework = CATALOG.get("jij")
    current = FindingsVersion(
        framework="jij",
        framework_version=1,
        label="JIJ-kader",
        findings=(
            Finding(
                norm="2.1",
                title=framework.norms[1].title,
                judgement=Judgement.VOLDOET_NIET,
                legal_basis=framework.norms[1].legal_basis,
                tekortkomingen='Geen **risicotaxatie**: "nooit".\n\n- dossier 1\n- dossier 2',
                maatregelen=("Maak een risicotaxatie: altijd.", "# geen commentaar"),
            ),
        ),
    )

    text = findings_template(framework, current, case="zaak 1 (Focus)")
    back = read_findings(text, origin="doc.yaml", framework_of=CATALOG.get)

    assert text.startswith("#") and "zaak 1 (Focus)" in text
    assert [f.norm for f in back.findings] == ["1.1", "2.1", "2.3"]
    assert back.findings[1] == current.findings[0]
    assert back.findings[0].judgement is Judgement.NIET_BEOORDEELD


def norms(*judgements: Judgement, hertoets: dict[str, Outcome] | None = None) -> CaseNorms:
    findings = tuple(
        Finding(norm=str(i), title=f"n{i}", judgement=j) for i, j in enumerate(judgements, 1)
    )
    version = FindingsVersion("jij", 1, "JIJ-kader", findings)
    return CaseNorms(
        findings=version,
        hertoets=None if hertoets is None else Hertoets(results=hertoets, findings_version=1),
    )


def test_the_aanwijzing_holds_the_norms_judged_below_voldoet() -> None:
    case = norms(
        Judgement.VOLDOET,
        Judgement.VOLDOET_GROTENDEELS,
        Judgement.VOLDOET_GROTENDEELS_NIET,
        Judgement.VOLDOET_NIET,
        Judgement.NIET_BEOORDEELD,
    )

    assert [f.norm for f in case.aanwijzing] == ["2", "3", "4"]
    assert [f.norm for f in case.unmet()] == ["2", "3", "4"]  # no hertoets: none known met
    assert case.withholds_naleving


def test_the_hertoets_rule_all_met_proposes_closing_otherwise_a_last_for_the_unmet() -> None:
    case = norms(Judgement.VOLDOET_NIET, Judgement.VOLDOET_NIET, Judgement.VOLDOET_NIET)
    two = {"1": Outcome.VOLDAAN, "2": Outcome.VOLDAAN, "3": Outcome.NIET_VOLDAAN}
    all_met = dict.fromkeys(("1", "2", "3"), Outcome.VOLDAAN)

    partly, fully = verdict(case, two), verdict(case, all_met)

    assert (partly.met, partly.unmet, partly.proposals) == (
        ("1", "2"),
        ("3",),
        ("kondig_last_aan",),
    )
    assert fully.unmet == () and fully.proposals == ("sluit_af", "kies_regulier_toezicht")
    after = norms(*[Judgement.VOLDOET_NIET] * 3, hertoets=two)
    assert [f.norm for f in after.unmet()] == ["3"] and after.withholds_naleving
    assert not norms(*[Judgement.VOLDOET_NIET] * 3, hertoets=all_met).withholds_naleving
    assert not norms(Judgement.VOLDOET).withholds_naleving
