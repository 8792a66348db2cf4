"""An adapter built when it is first used, not when it is handed over (for the composition root).

A use case receives the letter renderer whether or not its action makes a letter; building it
imports Jinja, Markdown and the templates (~60 ms). `Deferred` stands in until an attribute of
the adapter is asked for, then builds it once and passes every access on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Deferred:
    """Stands in for the object `build()` returns, built on the first attribute asked."""

    __slots__ = ("_build", "_built")

    def __init__(self, build: Callable[[], object]) -> None:
        self._build: Callable[[], object] | None = build
        self._built: object = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.built(), name)

    def built(self) -> Any:
        """The object itself (built now if it was not yet)."""
        if self._build is not None:
            self._built, self._build = self._build(), None
        return self._built


class DeferredRenderer(Deferred):
    """The letter renderer, deferred; its `organisation(case)` too, which every action asks for
    (a besluit's kenmerk is made from it: `KenmerkIssuer`, which only reads its attributes) and
    only an action that issues a besluit uses."""

    __slots__ = ()

    def organisation(self, case: object = None) -> Any:
        """The sender itself once the renderer is built (a letter is being made: its data is
        copied and changed); before that a stand-in, as the kenmerk issuer only reads it."""
        if self._build is None:
            return self.built().organisation(case)
        return Deferred(lambda: self.built().organisation(case))
