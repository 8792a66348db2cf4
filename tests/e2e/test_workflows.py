"""`escalation workflow list | show | validate | diagram`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import (
    FOCUS,
    JEUGDWET_YAML,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    describe,
    ok,
    open_case,
    refused,
    trn,
    walk,
)
from tests.i18n_helpers import tr

STATES = [
    "signaal",
    "onderzoek",
    "conceptrapport",
    "rapport",
    "regulier_toezicht",
    "verscherpt_toezicht",
    "voornemen_aanwijzing",
    "aanwijzing",
    "hertoets",
    "voornemen_last",
    "last_onder_dwangsom",
    "last_onder_bestuursdwang",
    "invordering",
    "afgesloten",
]


def test_workflow_list_names_the_installed_jeugdwet_version_1(cli: Cli) -> None:
    table = ok(cli("workflow", "list")).stdout.splitlines()
    assert table[0].split() == [tr("NAME"), tr("VERSION"), tr("TITLE")]
    assert any(line.split()[:2] == ["jeugdwet", "1"] for line in table[1:]), table
    listed = as_json(cli("workflow", "list", "--json"))
    assert {"name": "jeugdwet", "version": 1} in [
        {"name": w["name"], "version": w["version"]} for w in listed
    ]


def test_workflow_show_gives_states_actions_with_parameters_and_deadline_kinds(cli: Cli) -> None:
    text = ok(cli("workflow", "show", "jeugdwet")).stdout
    assert text.startswith(
        tr("{name} version {version}: {title}", name="jeugdwet", version=4, title="")
    )
    assert tr("Initial state: {state}", state="signaal") in text
    assert f"afgesloten {tr('(final)')}" in text
    assert "geef_aanwijzing: voornemen_aanwijzing → aanwijzing" in text
    assert f"--set nalevingstermijn=<term> ({tr('required')})" in text
    assert (
        tr(
            "starts: {kinds}",
            kinds="naleving, bezwaar, bezwaar, publicatie_embargo, reactie_openbaarmaking",
        )
        in text
    )
    assert f"verjaring: {tr('statutory')}, Awb 5:35 lid 1" in text
    assert "      " + tr("roles: {roles}", roles="teamleider, hoofdinspecteur") in text
    assert f"  aanwijzing: hoofdinspecteur, {tr('four-eyes')} (namens de Minister" in text

    data = as_json(cli("workflow", "show", "jeugdwet", "--json"))
    assert (data["name"], data["version"], data["initial"]) == ("jeugdwet", 4, "signaal")
    assert data["besluit_rules"][0]["signer"] == "hoofdinspecteur"
    assert [s["name"] for s in data["states"]] == STATES
    actions = {a["name"]: a for a in data["actions"]}
    # with pas_bestuursdwang_toe, neem_kostenbeschikking; beoordeel_verbeterplan and
    # ontvang_voortgangsrapportage (version 3)
    assert len(actions) == 25
    assert actions["beoordeel_verbeterplan"]["starts"][0]["when"] == {
        "param": "oordeel",
        "equals": "aanvullen",
    }
    assert "stel_verbeurte_vast" not in actions  # the ledger records forfeitures (issue 11)
    assert actions["neem_invorderingsbeschikking"]["besluiten"] == ["invorderingsbeschikking"]
    assert actions["geef_aanwijzing"]["sources"] == ["voornemen_aanwijzing"]
    assert actions["geef_aanwijzing"]["besluiten"] == ["aanwijzing", "openbaarmakingsbesluit"]
    assert {p["name"] for p in actions["geef_aanwijzing"]["parameters"]} == {
        "verzonden",
        "nalevingstermijn",
        "zonder_zienswijze",
    }
    assert {k["name"]: k["basis"] for k in data["deadline_kinds"]}["bezwaar"] == "statutory"


def test_workflow_show_of_an_unknown_workflow_is_refused_naming_the_installed_ones(
    cli: Cli,
) -> None:
    refused(cli("workflow", "show", "wet_xyz"), "wet_xyz", "jeugdwet")
    refused(
        cli("workflow", "show", "jeugdwet", "--version", "9"),
        tr(
            "Workflow {name} version {version} is not installed (installed: {versions}).",
            name="jeugdwet",
            version=9,
            versions="1, 2, 3, 4",
        ),
    )


def test_workflow_validate_accepts_the_shipped_jeugdwet_definition(cli: Cli) -> None:
    out = ok(cli("workflow", "validate", str(JEUGDWET_YAML))).stdout
    assert out.strip() == valid(
        JEUGDWET_YAML, "jeugdwet", states=14, actions=25, kinds=17, version=4
    )
    v3 = JEUGDWET_YAML.with_name("jeugdwet-3.yaml")
    out = ok(cli("workflow", "validate", str(v3))).stdout
    assert out.strip() == valid(v3, "jeugdwet", states=14, actions=25, kinds=17, version=3)
    v2 = JEUGDWET_YAML.with_name("jeugdwet-2.yaml")
    out = ok(cli("workflow", "validate", str(v2))).stdout
    assert out.strip() == valid(v2, "jeugdwet", states=14, actions=23, kinds=16, version=2)
    old = JEUGDWET_YAML.with_name("jeugdwet-1.yaml")
    out = ok(cli("workflow", "validate", str(old))).stdout
    assert out.strip() == valid(old, "jeugdwet", states=14, actions=17, kinds=11)


def valid(path: Path, name: str, *, states: int, actions: int, kinds: int, version: int = 1) -> str:
    """What `workflow validate` says of a valid workflow file."""
    return tr(
        "{path}: valid: workflow {name} version {version}, {states}, {actions}, {kinds}.",
        path=path,
        name=name,
        version=version,
        states=trn("{n} state", "{n} states", states),
        actions=trn("{n} action", "{n} actions", actions),
        kinds=trn("{n} deadline kind", "{n} deadline kinds", kinds),
    )


MINIMAL = """\
name: mini
version: 1
initial: a
states:
  - name: a
  - name: b
  - name: z
    final: true
deadline_kinds:
  - {name: reactie, basis: self-set}
actions:
  - name: go
    from: [a]
    to: b
    parameters:
      - {name: termijn, type: term, default: 2 weken}
    starts:
      - {kind: reactie, term_param: termijn}
  - name: close
    from: [b]
    to: z
"""

# The faults are named by the domain and the file reader, whose messages are not in the catalog
# yet: the needles are what a fault names (the item, the line, the format), in both languages.
BROKEN = {
    "unknown state": (
        MINIMAL.replace("    to: z\n", "    to: nergens\n"),
        ("'close'", "'nergens'"),
    ),
    "unknown deadline kind": (
        MINIMAL.replace("{kind: reactie,", "{kind: spookkind,"),
        ("'go'", "'spookkind'"),
    ),
    "unreachable state": (
        MINIMAL.replace("  - name: z\n", "  - name: eiland\n  - name: z\n")
        + "  - name: verlaat_eiland\n    from: [eiland]\n    to: z\n",
        ("'eiland'", "'a'"),
    ),
    "non-final state without a way out": (
        MINIMAL.replace("  - name: z\n", "  - name: klem\n  - name: z\n")
        + "  - name: klem_vast\n    from: [a]\n    to: klem\n",
        ("'klem'",),
    ),
    "parameter without a type": (
        MINIMAL.replace("{name: termijn, type: term, default: 2 weken}", "{name: termijn}"),
        ("'termijn'", "date, term"),
    ),
    "duplicate action": (
        MINIMAL + "  - name: go\n    from: [b]\n    to: z\n",
        ("'go'",),
    ),
    "key given twice": (
        MINIMAL.replace("version: 1\n", "version: 1\nversion: 2\n"),
        ("3", "'version'"),
    ),
    "empty file": ("", ()),
    "bad YAML": (
        MINIMAL.replace("states:\n", "states: [unclosed\n", 1),
        ("YAML",),
    ),
}


def test_the_minimal_workflow_used_below_is_itself_valid(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    out = ok(cli("workflow", "validate", str(path))).stdout
    assert out.strip() == valid(path, "mini", states=3, actions=2, kinds=1)


@pytest.mark.parametrize(("text", "needles"), BROKEN.values(), ids=BROKEN.keys())
def test_workflow_validate_refuses_a_broken_file_naming_the_file_and_the_offending_item(
    cli: Cli, tmp_path: Path, text: str, needles: tuple[str, ...]
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")

    result = cli("workflow", "validate", str(path))

    refused(result, str(path), *needles)
    assert result.stdout == "", describe(result)


def test_workflow_validate_of_a_missing_file_is_refused_naming_it(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    refused(cli("workflow", "validate", str(path)), str(path))


def test_workflow_diagram_is_mermaid_and_marks_the_state_of_a_given_case(cli: Cli) -> None:
    plain = ok(cli("workflow", "diagram", "jeugdwet")).stdout
    assert plain.startswith("stateDiagram-v2\n")
    assert "    [*] --> signaal" in plain
    assert "    voornemen_aanwijzing --> aanwijzing: geef_aanwijzing" in plain
    assert "    afgesloten --> [*]" in plain
    assert " current" not in plain

    case = open_case(cli, add_provider(cli, FOCUS))
    walk(cli, case, TO_RAPPORT)
    marked = ok(cli("workflow", "diagram", "jeugdwet", "--case", str(case))).stdout
    assert marked.startswith("stateDiagram-v2\n")
    lines = marked.splitlines()
    assert "class rapport current" in [line.strip() for line in lines], marked
    assert sum(1 for line in lines if line.strip().startswith("class ")) == 1


def test_workflow_diagram_for_an_unknown_case_is_refused(cli: Cli) -> None:
    refused(cli("workflow", "diagram", "jeugdwet", "--case", "42"), "42")


def test_workflow_schema_is_a_json_schema_of_the_file_format(cli: Cli) -> None:
    schema = as_json(cli("workflow", "schema"))

    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"name", "version", "states", "actions"} <= set(schema["properties"])
    assert {"name", "version"} <= set(schema["required"])
