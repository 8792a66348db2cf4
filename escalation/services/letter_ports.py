"""Ports for letters: the archive repository and the renderer."""

from __future__ import annotations

from typing import Protocol


class LetterRepository(Protocol):
    """The archive of issued letters."""
