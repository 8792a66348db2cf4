"""The installed inspectorates: every `*.yaml` of the packaged `organisations/` folder and the
user's folder (settings `organisations_dir`), one file per organisation, its code unique.

A user's file with the code of a packaged one replaces it. A user's letters folder with an
`organisatie.yaml` (the format of before organisations were data) replaces the letter data of
the default organisation, IGJ: so a folder made for an earlier version keeps working.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator

from escalation.datafiles import Name
from escalation.domain.errors import InvalidInputError
from escalation.domain.letters import LetterError, Organisation
from escalation.domain.organisations import DEFAULT_ORGANISATION, Inspectorate
from escalation.domain.provider import ProviderKind
from escalation.i18n import N_, _
from escalation.letters.templates import (
    ORGANISATION_FILE,
    OrganisationFile,
    TextOrLines,
    letter_data,
    load,
    read,
    read_organisation,
    validated,
)
from escalation.paths import packaged_dir


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


class _InspectorateFile(OrganisationFile):
    """organisations/<code>.yaml: organisatie.yaml's keys, with the code, the name and the
    bestuursorgaan per kind of subject."""

    code: Annotated[Name, BeforeValidator(_upper)]
    naam: Name
    bestuursorganen: dict[ProviderKind, dict[str, TextOrLines]] = {}


def read_inspectorate(path: Path) -> Inspectorate:
    """One organisation file.

    Raises:
        LetterError: the file cannot be read or is malformed (naming the item and the fault).
    """
    text = read(path)
    key = (str(path), hashlib.sha256(text.encode("utf-8")).hexdigest())
    if key not in _READ:
        _READ[key] = _inspectorate(load(text, path), path)
    return _READ[key]


# Every organisation file read in this process, by its path and the hash of its text: a file
# is validated once however many letters are made (an Inspectorate is frozen).
_READ: dict[tuple[str, str], Inspectorate] = {}
_OWN: dict[tuple[str, str], Organisation] = {}


def _inspectorate(data: object, path: Path) -> Inspectorate:
    found = validated(_InspectorateFile, data, path, what=N_("the organisation file"))
    return Inspectorate(
        code=found.code,
        naam=found.naam,
        letters=letter_data(found),
        bestuursorganen={kind.value: dict(e) for kind, e in found.bestuursorganen.items()},
        origin=str(path),
    )


def _own(path: Path) -> Organisation:
    """A user's organisatie.yaml, read once per text in this process."""
    key = (str(path), hashlib.sha256(read(path).encode("utf-8")).hexdigest())
    if key not in _OWN:
        _OWN[key] = read_organisation(path)
    return _OWN[key]


class FileOrganisationCatalog:
    """The packaged organisations, those of the user's folder, and a user's organisatie.yaml."""

    def __init__(self, folder: Path | None = None, letters: Path | None = None) -> None:
        self._folders = [packaged_dir("organisations"), *([folder] if folder else [])]
        self._letters = letters
        self._loaded: dict[str, Inspectorate] | None = None

    def _all(self) -> dict[str, Inspectorate]:
        if self._loaded is None:
            self._loaded = self._read()
        return self._loaded

    def _read(self) -> dict[str, Inspectorate]:
        found: dict[str, Inspectorate] = {}
        for folder in self._folders:
            if not folder.is_dir():
                raise InvalidInputError(
                    _("The organisations folder {folder} does not exist.").format(folder=folder)
                )
            mine: dict[str, Path] = {}
            for path in sorted(folder.glob("*.yaml")):
                organisation = read_inspectorate(path)
                if organisation.code in mine:
                    raise LetterError(
                        _("{file}: organisation {code} is also defined in {other}.").format(
                            file=path, code=organisation.code, other=mine[organisation.code]
                        )
                    )
                mine[organisation.code] = path
                found[organisation.code] = organisation
        own = self._letters / ORGANISATION_FILE if self._letters else None
        if own is not None and own.is_file() and DEFAULT_ORGANISATION in found:
            default = found[DEFAULT_ORGANISATION]
            found[DEFAULT_ORGANISATION] = replace(default, letters=_own(own))
        return found

    def codes(self) -> list[str]:
        return sorted(self._all())

    def list(self) -> list[Inspectorate]:
        return [self._all()[code] for code in self.codes()]

    def get(self, code: str) -> Inspectorate:
        """Raises: InvalidInputError: no organisation has this code."""
        found = self._all().get(code.strip().upper())
        if found is None:
            raise InvalidInputError(
                _("There is no organisation '{code}'. Organisations: {known}.").format(
                    code=code, known=", ".join(self.codes())
                )
            )
        return found

    def many(self, codes: Sequence[str]) -> tuple[Inspectorate, ...]:
        return tuple(self.get(code) for code in codes)
