"""Team use in a workflow file (version 4 on): who may take an action, who signs a besluit.

`roles:` on an action names the roles that may take it in a team database; `besluiten:` says
per kind of besluit which role signs it (the mandate, with its text) and whether a second
person establishes it (four-eyes). A file without them restricts nobody and asks no four-eyes.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field

from escalation.datafiles import DataModel, Name, Text, fault
from escalation.domain.besluiten import BesluitKind
from escalation.domain.definition import FOUR_EYES_BY_DEFAULT, BesluitRule
from escalation.domain.users import Role
from escalation.i18n import _


def _known_roles(value: list[str]) -> list[str]:
    unknown = [r for r in value if r not in {role.value for role in Role}]
    if unknown:
        raise fault(
            _("'{role}' is not a role; the roles are {roles}.").format(
                role=unknown[0], roles=", ".join(r.value for r in Role)
            ),
            name_the_key=True,
        )
    return value


# Who may take an action: one or more of the roles (jurist, inspecteur, teamleider, ...).
Roles = Annotated[
    list[Name],
    Field(min_length=1, json_schema_extra={"items": {"enum": [r.value for r in Role]}}),
    AfterValidator(_known_roles),
]


class BesluitModel(DataModel):
    """Who signs a kind of besluit (the mandate), and whether a second person establishes it."""

    model_config = ConfigDict(title="besluit")

    kind: BesluitKind = Field(description="aanwijzing, last_onder_dwangsom, ...")
    signer: Role | None = Field(
        default=None, description="The role that signs and establishes it, e.g. hoofdinspecteur."
    )
    mandate: Text | None = Field(
        default=None,
        description="The mandate over the signature, e.g. 'namens de Minister van ..., "
        "de hoofdinspecteur ...'.",
    )
    four_eyes: bool | None = Field(
        default=None,
        description="Prepared by one user, established by a second (default: yes for "
        "aanwijzing, last_onder_dwangsom, invorderingsbeschikking, openbaarmakingsbesluit).",
    )

    def to_domain(self) -> BesluitRule:
        four_eyes = self.four_eyes
        if four_eyes is None:
            four_eyes = self.kind.value in FOUR_EYES_BY_DEFAULT
        return BesluitRule(
            kind=self.kind.value,
            signer=None if self.signer is None else self.signer.value,
            mandate=self.mandate or None,
            four_eyes=four_eyes,
        )


def one_rule_per_kind(value: list[BesluitModel]) -> list[BesluitModel]:
    kinds = [b.kind.value for b in value]
    if twice := sorted({k for k in kinds if kinds.count(k) > 1}):
        raise fault(
            _("each kind of besluit is named once; named more than once: {kinds}.").format(
                kinds=", ".join(twice)
            )
        )
    return value
