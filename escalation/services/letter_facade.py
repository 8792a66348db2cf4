"""The draft use cases of letters (send, render, edit), with their adapters injected."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from escalation.domain.letters import LetterFormat, LetterRecord, TemplateSpec
from escalation.services import letter_batch, letter_drafts
from escalation.services.base import UseCases
from escalation.services.drafting import Composed
from escalation.services.selection import CaseSelection


class LetterDrafting(UseCases):
    def _drafts(self) -> letter_drafts.Drafts:
        return letter_drafts.Drafts(
            self._a.uow(), self._a.renderer, self._a.catalog, self._a.calendar
        )

    def send(
        self,
        letter_id: int,
        *,
        on: date | None = None,
        fmt: LetterFormat | None = None,
        by: str | None = None,
        out: Path | None = None,
    ) -> tuple[LetterRecord, Path | None]:
        """Send a draft: frozen, recorded in the history once; with `out`, its file written."""
        return letter_drafts.send_letter(
            self._drafts(),
            letter_id,
            on=None if on is None else self._on(on),
            fmt=fmt,
            stamp=self._stamp(None, by),
            folder=None if out is None else self._a.letter_folder(out),
        )

    def render(self, letter_id: int, *, fmt: LetterFormat, out: Path) -> tuple[LetterRecord, Path]:
        """Write a letter's file in `fmt` (a draft stays one letter; a sent one never changes)."""
        return letter_drafts.render_letter(
            self._drafts(), letter_id, fmt=fmt, folder=self._a.letter_folder(out)
        )

    def edit(self, letter_id: int, values: Mapping[str, str], *, by: str | None = None) -> Composed:
        """Store a draft's fields anew (an empty one is missing again)."""
        return letter_drafts.edit_letter(
            self._drafts(), letter_id, values, stamp=self._stamp(None, by)
        )

    def fields(self, letter_id: int) -> tuple[LetterRecord, TemplateSpec]:
        return letter_drafts.letter_fields(self._drafts(), letter_id)

    def batch(
        self,
        template: str,
        selection: CaseSelection,
        *,
        fmt: LetterFormat,
        out: Path,
        inputs: Mapping[str, str] | None = None,
        on: date | None = None,
        by: str | None = None,
        bar: letter_batch.Bar | None = None,
    ) -> letter_batch.BatchResult:
        """One draft letter per selected case, its file written to `out` (letter batch)."""
        renderer = self._a.renderer
        batch = letter_batch.Batch(
            uow=self._a.uow, renderer=renderer, catalog=self._a.catalog,
            calendar=self._a.calendar, spec=renderer.spec(template), fmt=fmt,
            inputs=dict(inputs or {}), on=None if on is None else self._on(on),
            stamp=self._stamp(None, by), folder=self._a.letter_folder(out),
        )  # fmt: skip
        return letter_batch.make_letters(batch, selection, bar=bar)
