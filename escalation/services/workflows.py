"""Use cases around workflow definitions: list, show, validate a file, draw a diagram."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from escalation.domain.definition import WorkflowDefinition
from escalation.domain.diagram import mermaid
from escalation.domain.errors import DatabaseMissingError
from escalation.services.definitions import changed_error, definition_for, differs_from_stored
from escalation.services.ports import DefinitionCatalog, UnitOfWork


@dataclass(frozen=True, slots=True)
class InstalledWorkflow:
    """An installed definition; `refusal` says why it is not used, when its text differs from
    the stored text of its version (new cases refused, running cases keep the stored text)."""

    definition: WorkflowDefinition
    refusal: str | None = None


def list_installed(
    *, catalog: DefinitionCatalog, uow: Callable[[], UnitOfWork]
) -> list[InstalledWorkflow]:
    """Every installed definition, each compared with the stored text of its version."""
    definitions = catalog.list()
    try:
        with uow() as unit:
            changed = {
                (d.name, d.version)
                for d in definitions
                if differs_from_stored(unit, d, catalog.source(d.name, d.version))
            }
    except DatabaseMissingError:  # no database yet: nothing is stored to differ from
        changed = set()
    return [
        InstalledWorkflow(
            d, str(changed_error(catalog, d)) if (d.name, d.version) in changed else None
        )
        for d in definitions
    ]


def validate_file(
    *, catalog: DefinitionCatalog, uow: Callable[[], UnitOfWork], path: Path
) -> WorkflowDefinition:
    """Parse and validate one definition file without installing it; a file whose version is
    stored with another text is refused ("raise the version")."""
    definition, text = catalog.read_file(path)
    try:
        with uow() as unit:
            changed = differs_from_stored(unit, definition, text)
    except DatabaseMissingError:
        changed = False
    if changed:
        raise changed_error(catalog, definition)
    return definition


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
