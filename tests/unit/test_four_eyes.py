"""The four-eyes shims: whether a besluit kind needs a second person, and who may establish."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from escalation.domain.four_eyes import DEFAULT_FOUR_EYES, may_establish, requires_four_eyes
from escalation.workflows import FileWorkflowCatalog

KINDS = ("aanwijzing", "bevel", "last_onder_dwangsom", "last_onder_bestuursdwang",
         "invorderingsbeschikking", "openbaarmakingsbesluit", "beslissing_op_bezwaar")  # fmt: skip


@dataclass
class _Team:
    """A definition of the coming version 4: per kind an answer (None: the default set)."""

    answers: dict[str, bool | None]
    signers: dict[str, str]

    def four_eyes(self, kind: str) -> bool | None:
        return self.answers.get(kind)

    def besluit_signer(self, kind: str) -> str | None:
        return self.signers.get(kind)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_the_installed_versions_1_to_3_never_need_four_eyes(version: int) -> None:
    definition = FileWorkflowCatalog().get("jeugdwet", version)

    assert [k for k in KINDS if requires_four_eyes(definition, k)] == []


def test_a_definition_that_knows_four_eyes_defaults_to_the_set_of_the_issue() -> None:
    team = _Team({"bevel": True, "aanwijzing": False}, {})

    needed = {k for k in KINDS if requires_four_eyes(team, k)}

    default = {"aanwijzing", "last_onder_dwangsom", "invorderingsbeschikking",
               "openbaarmakingsbesluit"}  # fmt: skip
    assert default == DEFAULT_FOUR_EYES
    assert needed == (DEFAULT_FOUR_EYES - {"aanwijzing"}) | {"bevel"}


def test_anyone_may_establish_without_roles_else_only_the_signer() -> None:
    team = _Team({}, {"aanwijzing": "hoofdinspecteur"})

    assert may_establish(team, "aanwijzing", role=None)
    assert may_establish(team, "aanwijzing", role="hoofdinspecteur")
    assert not may_establish(team, "aanwijzing", role="jurist")
    assert may_establish(team, "last_onder_dwangsom", role="jurist")  # no signer named
    assert may_establish(object(), "aanwijzing", role="jurist")  # a definition without mandates
