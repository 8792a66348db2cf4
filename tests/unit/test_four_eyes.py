"""Four-eyes per the workflow: whether a besluit kind needs a second person; who may establish."""

from __future__ import annotations

import pytest

from escalation.domain.definition import FOUR_EYES_BY_DEFAULT
from escalation.domain.four_eyes import may_establish, requires_four_eyes
from escalation.workflows import FileWorkflowCatalog

KINDS = ("aanwijzing", "bevel", "last_onder_dwangsom", "last_onder_bestuursdwang",
         "invorderingsbeschikking", "openbaarmakingsbesluit", "beslissing_op_bezwaar")  # fmt: skip


V4 = FileWorkflowCatalog().get("jeugdwet", 4)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_the_installed_versions_1_to_3_never_need_four_eyes(version: int) -> None:
    definition = FileWorkflowCatalog().get("jeugdwet", version)

    assert [k for k in KINDS if requires_four_eyes(definition, k)] == []


def test_version_4_gives_four_eyes_to_the_set_of_the_issue_and_both_lasten() -> None:
    needed = {k for k in KINDS if requires_four_eyes(V4, k)}

    default = {"aanwijzing", "last_onder_dwangsom", "invorderingsbeschikking",
               "openbaarmakingsbesluit"}  # fmt: skip
    assert default == FOUR_EYES_BY_DEFAULT  # a kind under `besluiten:` without `four_eyes`
    assert needed == FOUR_EYES_BY_DEFAULT | {"last_onder_bestuursdwang"}


def test_anyone_may_establish_without_roles_else_only_the_signer() -> None:
    assert may_establish(V4, "aanwijzing", role=None)
    assert may_establish(V4, "aanwijzing", role="hoofdinspecteur")
    assert not may_establish(V4, "aanwijzing", role="jurist")
    assert may_establish(V4, "bevel", role="jurist")  # no signer named
    v3 = FileWorkflowCatalog().get("jeugdwet", 3)
    assert may_establish(v3, "aanwijzing", role="jurist")  # a definition without mandates
