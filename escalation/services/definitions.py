"""Which workflow definition a case follows: the installed one, or the copy stored with it."""

from __future__ import annotations

from escalation.domain.definition import WorkflowDefinition
from escalation.i18n import _
from escalation.services.ports import DefinitionCatalog, UnitOfWork


def definition_for(
    uow: UnitOfWork, catalog: DefinitionCatalog, name: str, version: int
) -> WorkflowDefinition:
    """The exact definition a case follows: installed, or the copy stored when it was opened."""
    installed = {d.version for d in catalog.list() if d.name == name}
    if version in installed:
        return catalog.get(name, version)
    source = uow.workflow_versions.source(name, version)
    if source is None:
        return catalog.get(name, version)  # raises UnknownWorkflowError naming what is installed
    origin = _("{name} version {version} (stored in the database)").format(
        name=name, version=version
    )
    return catalog.parse(source, origin=origin)
