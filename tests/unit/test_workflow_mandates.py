"""Workflow version 4 (issue 13): `roles:` per action, `besluiten:` with signer, mandate and
four-eyes; older versions restrict nobody; bad values refused naming the item."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from escalation.domain.errors import DefinitionError
from escalation.workflows.parse import parse_definition

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"
V4 = (WORKFLOWS / "jeugdwet.yaml").read_text(encoding="utf-8")
# Version 3 as it was shipped: cases opened under it keep reading exactly this text.
V3_SHA256 = "7d1cad8a595df437b033a243ccc9ba3fe1f7fbc907104fca5b84439ea285fd4e"

MINI = """\
name: mini
version: 1
initial: a
states:
  - name: a
  - name: b
    final: true
actions:
  - name: go
    from: a
    to: b
{roles}
{besluiten}
"""


def mini(roles: str = "", besluiten: str = "") -> str:
    return MINI.format(roles=roles, besluiten=besluiten)


def test_version_4_says_who_takes_each_action_and_who_signs_each_besluit() -> None:
    d = parse_definition(V4, origin="jeugdwet.yaml")

    assert d.version == 4
    assert d.action_roles("geef_aanwijzing") == {"jurist", "teamleider", "hoofdinspecteur"}
    assert d.action_roles("sluit_af") == {"teamleider", "hoofdinspecteur"}
    assert d.action_roles("start_onderzoek") == {
        "inspecteur", "jurist", "teamleider", "hoofdinspecteur"
    }  # fmt: skip
    assert all(d.action_roles(a.name) for a in d.actions)
    assert d.action_roles("no_such_action") is None
    for kind in ("aanwijzing", "last_onder_dwangsom", "invorderingsbeschikking",
                 "openbaarmakingsbesluit"):  # fmt: skip
        assert d.besluit_signer(kind) == "hoofdinspecteur"
        assert d.four_eyes(kind) is True
    assert (d.besluit_mandate("aanwijzing") or "").startswith(
        "namens de Minister van Volksgezondheid, Welzijn en Sport, de hoofdinspecteur"
    )
    assert d.besluit_signer("bevel") is None and d.four_eyes("bevel") is False


def test_version_3_stays_installed_byte_for_byte_and_restricts_nobody() -> None:
    v3 = (WORKFLOWS / "jeugdwet-3.yaml").read_bytes()

    assert hashlib.sha256(v3).hexdigest() == V3_SHA256
    d = parse_definition(v3.decode("utf-8"), origin="jeugdwet-3.yaml")
    assert d.version == 3
    assert all(d.action_roles(a.name) is None for a in d.actions)
    assert d.besluit_signer("aanwijzing") is None and d.four_eyes("aanwijzing") is False
    v4 = parse_definition(V4, origin="jeugdwet.yaml")
    assert [a.name for a in d.actions] == [a.name for a in v4.actions]


def test_four_eyes_defaults_per_kind_when_a_besluit_entry_leaves_it_out() -> None:
    d = parse_definition(
        mini(besluiten="besluiten:\n  - {kind: aanwijzing, signer: hoofdinspecteur}\n"
             "  - {kind: bevel}\n  - {kind: last_onder_dwangsom, four_eyes: false}"),
        origin="mini.yaml",
    )  # fmt: skip

    assert d.four_eyes("aanwijzing") is True and d.besluit_signer("aanwijzing") == "hoofdinspecteur"
    assert d.four_eyes("bevel") is False and d.besluit_signer("bevel") is None
    assert d.four_eyes("last_onder_dwangsom") is False
    assert d.four_eyes("invorderingsbeschikking") is False  # not named in the file


@pytest.mark.parametrize(
    ("roles", "besluiten", "expected"),
    [
        ("    roles: [jurist, directeur]", "", ["action 'go'", "roles", "'directeur'", "jurist"]),
        ("    roles: []", "", ["action 'go'", "roles"]),
        ("", "besluiten:\n  - {kind: boete}", ["besluit", "kind", "'boete'", "aanwijzing"]),
        ("", "besluiten:\n  - {kind: aanwijzing, signer: minister}", ["'aanwijzing'", "signer"]),
        ("", "besluiten:\n  - {kind: aanwijzing, four_eyes: misschien}", ["four_eyes"]),
        (
            "",
            "besluiten:\n  - {kind: aanwijzing}\n  - {kind: aanwijzing}",
            ["named more than once: aanwijzing"],
        ),
    ],
)
def test_a_bad_role_or_besluit_rule_is_refused_naming_the_item(
    roles: str, besluiten: str, expected: list[str]
) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(mini(roles, besluiten), origin="mini.yaml")

    message = str(caught.value)
    assert message.startswith("mini.yaml")
    for part in expected:
        assert part in message, message
