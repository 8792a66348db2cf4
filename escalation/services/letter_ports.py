"""Ports for letters: the archive repository and the renderer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from escalation.domain.letters import (
    Finding,
    LetterFormat,
    LetterRecord,
    Organisation,
    TemplateSpec,
)


class LetterRepository(Protocol):
    """The archive of issued letters: append and read, never change."""

    def add(self, record: LetterRecord) -> int: ...
    def get(self, letter_id: int) -> LetterRecord: ...
    def for_case(self, case_id: int) -> list[LetterRecord]: ...


class LetterRenderer(Protocol):
    """Templates with their declarations, rendered from a finished context."""

    def names(self) -> list[str]: ...
    def spec(self, name: str) -> TemplateSpec: ...
    def organisation(self) -> Organisation: ...
    def render_text(self, name: str, context: Mapping[str, Any]) -> tuple[str, str]: ...
    def render(self, name: str, context: Mapping[str, Any], *, fmt: LetterFormat) -> bytes: ...


class TemplateLinter(Protocol):
    """Checks a template file or folder (default: every template in use)."""

    def __call__(self, path: Path | None = None) -> tuple[list[str], list[Finding]]: ...
