"""The installed workflow definitions: every `*.yaml` file of the workflow folders."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from escalation.datafiles import DataFileError, read_text
from escalation.datafiles.versions import pick
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import DefinitionError, InvalidInputError, UnknownWorkflowError
from escalation.domain.machine import WorkflowMachine
from escalation.i18n import _
from escalation.paths import packaged_dir
from escalation.workflows.parse import parse_definition
from escalation.workflows.schema import workflow_json_schema

# Every text parsed in this process, by its hash and origin: a definition is frozen, and a file
# read again (another catalog, the scheduler's next round, a test) is parsed once.
_PARSED: dict[tuple[str, str], WorkflowDefinition] = {}


def _parsed(text: str, origin: str) -> WorkflowDefinition:
    key = (hashlib.sha256(text.encode("utf-8")).hexdigest(), origin)
    found = _PARSED.get(key)
    if found is None:
        found = _PARSED[key] = parse_definition(text, origin=origin)
    return found


def _read(path: Path) -> str:
    try:
        return read_text(path)
    except DataFileError as err:
        raise DefinitionError(str(err)) from None


class FileWorkflowCatalog:
    """The installed workflow definitions: every `*.yaml` file of the given folders."""

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self._folders = list(folders) if folders else [packaged_dir("workflows")]
        self._loaded: dict[tuple[str, int], tuple[WorkflowDefinition, str]] | None = None
        self._problems: list[str] = []
        self._machines: dict[tuple[str, int, str], WorkflowMachine] = {}

    def _all(self) -> dict[tuple[str, int], tuple[WorkflowDefinition, str]]:
        """Every installed definition; a broken file is skipped and kept in `problems()`, so
        that one bad file does not stop the cases of every other workflow."""
        if self._loaded is None:
            self._loaded, self._problems = {}, []
            for path in self._files():
                try:
                    self._install(path, self._loaded)
                except DefinitionError as err:
                    self._problems.append(str(err))
        return self._loaded

    def _install(
        self, path: Path, loaded: dict[tuple[str, int], tuple[WorkflowDefinition, str]]
    ) -> None:
        text = _read(path)
        definition = _parsed(text, str(path))
        key = (definition.name, definition.version)
        if key in loaded:
            raise DefinitionError(
                _("{file}: workflow {name} version {version} is also defined in {other}.").format(
                    file=path, name=key[0], version=key[1], other=loaded[key][0].origin
                )
            )
        loaded[key] = (definition, text)

    def problems(self) -> list[str]:
        """The files skipped as broken, each in a sentence that names it."""
        self._all()
        return list(self._problems)

    def _files(self) -> list[Path]:
        for folder in self._folders:
            if not folder.is_dir():
                raise InvalidInputError(
                    _("The workflows folder {folder} does not exist.").format(folder=folder)
                )
        return sorted(p for folder in self._folders for p in folder.glob("*.yaml"))

    def list(self) -> list[WorkflowDefinition]:
        return sorted((d for d, _src in self._all().values()), key=lambda d: (d.name, d.version))

    def get(self, name: str, version: int | None = None) -> WorkflowDefinition:
        return self._entry(name, version)[0]

    def source(self, name: str, version: int) -> str:
        return self._entry(name, version)[1]

    def _entry(self, name: str, version: int | None) -> tuple[WorkflowDefinition, str]:
        return pick(
            self._all(),
            name,
            version,
            no_name=lambda name, names: UnknownWorkflowError(
                _("No workflow named '{name}'. Installed: {names}.").format(name=name, names=names)
            ),
            no_version=lambda chosen, versions: UnknownWorkflowError(
                _(
                    "Workflow {name} version {version} is not installed (installed: {versions})."
                ).format(name=name, version=chosen, versions=versions)
            ),
        )

    def parse(self, text: str, *, origin: str) -> WorkflowDefinition:
        """A definition from its text (a stored version), parsed once per text."""
        return _parsed(text, origin)

    def parse_file(self, path: Path) -> WorkflowDefinition:
        """Read and check one workflow file without installing it."""
        return self.read_file(path)[0]

    def read_file(self, path: Path) -> tuple[WorkflowDefinition, str]:
        """One workflow file, checked, with its text (to compare with a stored version)."""
        text = _read(path)
        return parse_definition(text, origin=str(path)), text

    def json_schema(self) -> dict[str, Any]:
        return workflow_json_schema()

    def machine(self, definition: WorkflowDefinition) -> WorkflowMachine:
        # The origin too: a stored text and an edited file can share a name and version.
        key = (definition.name, definition.version, definition.origin)
        if key not in self._machines:
            self._machines[key] = WorkflowMachine(definition)
        return self._machines[key]
