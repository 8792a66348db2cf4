"""The installed norm frameworks: every `*.yaml` file of the framework folders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from escalation.datafiles import DataFileError, read_text
from escalation.datafiles.versions import pick
from escalation.domain.errors import DefinitionError, InvalidInputError
from escalation.domain.findings import (
    CaseNorms,
    FindingsVersion,
    Framework,
    Outcome,
    UnknownFrameworkError,
)
from escalation.frameworks.document import (
    findings_template,
    hertoets_template,
    read_findings,
    read_hertoets,
)
from escalation.frameworks.parse import parse_framework
from escalation.i18n import _
from escalation.paths import packaged_dir


class FileFrameworkCatalog:
    """The packaged frameworks, and those of the user's folder (settings: frameworks_dir)."""

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self._folders = [packaged_dir("frameworks"), *(folders or [])]
        self._loaded: dict[tuple[str, int], Framework] | None = None

    def _all(self) -> dict[tuple[str, int], Framework]:
        if self._loaded is None:
            loaded: dict[tuple[str, int], Framework] = {}
            for path in self._files():
                framework = _read(path)
                key = (framework.name, framework.version)
                if key in loaded:
                    raise DefinitionError(
                        _(
                            "{file}: framework {name} version {version} is also defined in {other}."
                        ).format(file=path, name=key[0], version=key[1], other=loaded[key].origin)
                    )
                loaded[key] = framework
            self._loaded = loaded
        return self._loaded

    def _files(self) -> list[Path]:
        for folder in self._folders[1:]:
            if not folder.is_dir():
                raise InvalidInputError(
                    _("The frameworks folder {folder} does not exist.").format(folder=folder)
                )
        return [p for folder in self._folders for p in sorted(folder.glob("*.yaml"))]

    def list(self) -> list[Framework]:
        return sorted(self._all().values(), key=lambda f: (f.name, f.version))

    def get(self, name: str, version: int | None = None) -> Framework:
        return pick(
            self._all(),
            name,
            version,
            no_name=lambda name, names: UnknownFrameworkError(
                _("No framework named '{name}'. Installed: {names}.").format(name=name, names=names)
            ),
            no_version=lambda chosen, versions: UnknownFrameworkError(
                _(
                    "Framework {name} version {version} is not installed (installed: {versions})."
                ).format(name=name, version=chosen, versions=versions)
            ),
        )

    # --- the documents a jurist edits, checked against these frameworks ------------------

    def read_document(self, path: Path) -> str:
        """The text of a document the jurist wrote (bounded, UTF-8)."""
        try:
            return read_text(path)
        except DataFileError as err:
            raise InvalidInputError(str(err)) from None

    def read_findings(self, text: str, *, origin: str) -> FindingsVersion:
        return read_findings(text, origin=origin, framework_of=self.get)

    def read_hertoets(self, text: str, *, origin: str, norms: CaseNorms) -> dict[str, Outcome]:
        return read_hertoets(text, origin=origin, norms=norms)

    def findings_template(
        self, framework: Framework, current: FindingsVersion | None, *, case: str
    ) -> str:
        return findings_template(framework, current, case=case)

    def hertoets_template(self, norms: CaseNorms, *, case: str) -> str:
        return hertoets_template(norms, case=case)


def _read(path: Path) -> Framework:
    try:
        text = read_text(path)
    except DataFileError as err:
        raise DefinitionError(str(err)) from None
    return parse_framework(text, origin=str(path))
