"""Ports for letters: the archive repository and the renderer."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from escalation.domain.letters import (
    Finding,
    LetterError,
    LetterFormat,
    LetterRecord,
    Organisation,
    TemplateSpec,
)
from escalation.domain.model import Case
from escalation.domain.organisations import Inspectorate

# Many letters of one format: (template, context) in; out, at once, a `collect()` that gives
# each one's bytes or its LetterError (rendering goes on meanwhile, on other cores).
RenderMany = Callable[
    [Sequence[tuple[str, Mapping[str, Any]]]], Callable[[], list[bytes | LetterError]]
]


class OrganisationCatalog(Protocol):
    """The installed inspectorates (organisations/*.yaml and the user's folder)."""

    def codes(self) -> list[str]: ...
    def list(self) -> list[Inspectorate]: ...
    def get(self, code: str) -> Inspectorate: ...


class LetterRepository(Protocol):
    """The letters: drafts change (`update`), sent letters never (SentLetterError)."""

    def add(self, record: LetterRecord) -> int: ...
    def add_many(self, records: Sequence[LetterRecord]) -> list[int]:
        """`add` for many letters at once; their ids in order."""
        ...

    def get(self, letter_id: int) -> LetterRecord: ...
    def update(self, record: LetterRecord) -> None: ...
    def for_case(self, case_id: int) -> list[LetterRecord]: ...
    def open_draft(self, case_id: int, template: str, action: str | None) -> LetterRecord | None:
        """The newest draft of this template (and action) of a case, if any."""
        ...

    def open_draft_ids(
        self, case_ids: Sequence[int], template: str, action: str | None
    ) -> dict[int, int]:
        """Per case that has one, the id of its newest draft of this template (and action):
        `open_draft` for many cases in one query (`letter batch`)."""
        ...

    def contexts(
        self, case_id: int, templates: Sequence[str]
    ) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """Id, template and context of the case's letters of these templates, newest first."""
        ...


class LetterRenderer(Protocol):
    """Templates with their declarations, rendered from a finished context."""

    def names(self) -> list[str]: ...
    def spec(self, name: str) -> TemplateSpec: ...
    def organisation(self, case: Case | None = None) -> Organisation: ...
    def render_text(self, name: str, context: Mapping[str, Any]) -> tuple[str, str]: ...
    def render(self, name: str, context: Mapping[str, Any], *, fmt: LetterFormat) -> bytes: ...
    def batch(self, fmt: LetterFormat) -> AbstractContextManager[RenderMany]:
        """`render_many([(template, context), ...])` for the block: started at once, its
        `collect()` gives each letter's bytes or its LetterError (PDF and DOCX on every core)."""
        ...


class TemplateLinter(Protocol):
    """Checks a template file or folder (default: every template in use)."""

    def __call__(self, path: Path | None = None) -> tuple[list[str], list[Finding]]: ...


class LetterFolder(Protocol):
    """A folder letter files are written to (`--out`): checked first, written in one step."""

    @property
    def folder(self) -> Path: ...

    def check(self) -> None:
        """Raises LetterError when the folder cannot take a file (before a letter is made)."""
        ...

    def taken(self, filename: str) -> bool: ...

    def place(self, filename: str, content: bytes) -> AbstractContextManager[Path]:
        """The file under its name while the block runs; removed again if the block fails.

        Raises LetterError when it cannot be written or its name was taken meanwhile.
        """
        ...

    def place_many(
        self, files: Sequence[tuple[str, bytes]]
    ) -> AbstractContextManager[list[Path | LetterError]]:
        """Each file under its name for the block, or why it could not be written; all removed
        again if the block fails (letter batch). Raises LetterError when none can be."""
        ...
