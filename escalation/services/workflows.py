"""Use cases around workflow definitions: list, show, validate a file, draw a diagram."""

from __future__ import annotations

from pathlib import Path

from escalation.domain.definition import WorkflowDefinition
from escalation.domain.diagram import mermaid
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, UnitOfWork


def validate_file(*, catalog: DefinitionCatalog, path: Path) -> WorkflowDefinition:
    """Parse and validate one definition file without installing it."""
    return catalog.parse_file(path)


def diagram(
    *, catalog: DefinitionCatalog, uow: UnitOfWork, name: str, case_id: int | None = None
) -> str:
    """The Mermaid diagram of a workflow, or of the version a case follows with its state."""
    if case_id is None:
        return mermaid(catalog.get(name))
    with uow:
        case = uow.cases.get(case_id)
        definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
    return mermaid(definition, current=case.state)
