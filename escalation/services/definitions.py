"""Which workflow definition a case follows: the text stored for its version.

Opening the first case of a workflow version stores that version's exact text. From then on
the stored text is the rule for every case of the version; an installed file that has the
same name and version but another text (an edit without raising the version) is refused
("raise the version") and never silently changes the rules of running cases (issue 9).
"""

from __future__ import annotations

import hashlib

from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import DefinitionError
from escalation.i18n import _
from escalation.services.ports import DefinitionCatalog, UnitOfWork


def definition_for(
    uow: UnitOfWork, catalog: DefinitionCatalog, name: str, version: int
) -> WorkflowDefinition:
    """The exact definition a case follows: the stored text of its version.

    The installed file stands in for it when it has the same text (it is parsed already), and
    for a version of which no text was stored.
    """
    stored = uow.workflow_versions.source(name, version)
    if stored is None:
        return catalog.get(name, version)  # raises UnknownWorkflowError naming what is installed
    installed = _installed_text(catalog, name, version)
    if installed is not None and text_sha256(installed) == text_sha256(stored):
        return catalog.get(name, version)
    origin = _("{name} version {version} (stored in the database)").format(
        name=name, version=version
    )
    return catalog.parse(stored, origin=origin)


def text_sha256(text: str) -> str:
    """The hash a workflow text is compared by (as stored in `workflow_versions.sha256`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _installed_text(catalog: DefinitionCatalog, name: str, version: int) -> str | None:
    if any(d.name == name and d.version == version for d in catalog.list()):
        return catalog.source(name, version)
    return None


def differs_from_stored(uow: UnitOfWork, definition: WorkflowDefinition, text: str) -> bool:
    """Whether `text` (of `definition`) differs from the stored text of its name and version."""
    stored = uow.workflow_versions.source(definition.name, definition.version)
    return stored is not None and text_sha256(stored) != text_sha256(text)


def changed_error(catalog: DefinitionCatalog, definition: WorkflowDefinition) -> DefinitionError:
    """The refusal of a file whose text differs from the stored text of its version."""
    installed = [d.version for d in catalog.list() if d.name == definition.name]
    return DefinitionError(
        _(
            "{file}: the text of workflow {name} version {version} differs from the text stored "
            "when its first case was opened, which its cases keep following. Raise the version "
            "(version: {next}) to put the change into use."
        ).format(
            file=definition.origin,
            name=definition.name,
            version=definition.version,
            next=max([definition.version, *installed]) + 1,
        )
    )


def check_unchanged(
    uow: UnitOfWork, catalog: DefinitionCatalog, definition: WorkflowDefinition
) -> None:
    """Refuse an installed definition whose text differs from the stored text of its version.

    Raises:
        DefinitionError: "raise the version".
    """
    text = catalog.source(definition.name, definition.version)
    if differs_from_stored(uow, definition, text):
        raise changed_error(catalog, definition)
