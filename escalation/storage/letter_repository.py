"""SQL repository of letters: drafts change, sent letters never (append-only once sent)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from escalation.domain.letters import (
    DRAFT,
    LetterFormat,
    LetterRecord,
    SentLetterError,
    UnknownLetterError,
)
from escalation.i18n import _
from escalation.storage.tables import LetterRow


def letter_to_row(record: LetterRecord) -> LetterRow:
    return LetterRow(
        case_id=record.case_id,
        template=record.template,
        template_sha256=record.template_sha256,
        format=record.format.value,
        context=record.context,
        content=record.content,
        output_sha256=record.output_sha256,
        filename=record.filename,
        action=record.action,
        on=record.on,
        issued_by=record.issued_by,
        issued_at=record.issued_at,
        status=record.status,
    )


def letter_from_row(row: LetterRow) -> LetterRecord:
    return LetterRecord(
        id=row.id,
        case_id=row.case_id,
        template=row.template,
        template_sha256=row.template_sha256,
        format=LetterFormat(row.format),
        context=dict(row.context),
        content=bytes(row.content),
        output_sha256=row.output_sha256,
        filename=row.filename,
        action=row.action,
        on=row.on,
        issued_by=row.issued_by,
        issued_at=row.issued_at,
        status=row.status,
    )


# What a draft may change; its id, case, template and action stay (the triggers check the first).
MUTABLE = (
    "template_sha256", "format", "context", "content", "output_sha256", "filename", "on",
    "issued_by", "issued_at", "status",
)  # fmt: skip


def sent_letter_error(letter_id: int | None) -> SentLetterError:
    return SentLetterError(
        _(
            "Letter {letter} was sent and never changes. Make a new letter with "
            "`escalation letter make`."
        ).format(letter=letter_id)
    )


class SqlLetterRepository:
    """Letters are added, read, and changed while draft: the table refuses changing a sent one."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, record: LetterRecord) -> int:
        row = letter_to_row(record)
        self._session.add(row)
        self._session.flush()
        if row.id is None:  # the database assigns it on flush
            raise RuntimeError("the database did not assign a letter id")
        return row.id

    def add_many(self, records: Sequence[LetterRecord]) -> list[int]:
        """`add` for many letters in one round trip (letter batch); their ids in order."""
        rows = [letter_to_row(record) for record in records]
        self._session.add_all(rows)
        self._session.flush()
        if any(row.id is None for row in rows):
            raise RuntimeError("the database did not assign a letter id")
        return [row.id or 0 for row in rows]

    def get(self, letter_id: int) -> LetterRecord:
        return letter_from_row(self._row(letter_id))

    def update(self, record: LetterRecord) -> None:
        """Store a draft's new content (or its sending); a sent letter is refused."""
        row = self._row(record.id or 0)
        if row.status != DRAFT:
            raise sent_letter_error(record.id)
        new = letter_to_row(record)
        for name in MUTABLE:
            setattr(row, name, getattr(new, name))
        self._session.add(row)
        self._session.flush()

    def _row(self, letter_id: int) -> LetterRow:
        row = self._session.get(LetterRow, letter_id)
        if row is None:
            raise UnknownLetterError(
                _("There is no letter {letter}. See `escalation letter list CASE`.").format(
                    letter=letter_id
                )
            )
        return row

    def for_case(self, case_id: int) -> list[LetterRecord]:
        rows = self._session.exec(
            select(LetterRow).where(LetterRow.case_id == case_id).order_by(col(LetterRow.id))
        ).all()
        return [letter_from_row(r) for r in rows]

    def open_draft(self, case_id: int, template: str, action: str | None) -> LetterRecord | None:
        """The newest draft of this template (and action) of a case, if any."""
        row = self._session.exec(
            select(LetterRow)
            .where(LetterRow.case_id == case_id, *_drafts_of(template, action))
            .order_by(col(LetterRow.id).desc())
            .limit(1)
        ).first()
        return None if row is None else letter_from_row(row)

    def open_draft_ids(
        self, case_ids: Sequence[int], template: str, action: str | None
    ) -> dict[int, int]:
        newest = func.max(LetterRow.id)
        rows = self._session.exec(
            select(LetterRow.case_id, newest)
            .where(col(LetterRow.case_id).in_(case_ids), *_drafts_of(template, action))
            .group_by(col(LetterRow.case_id))
        )
        return {case_id: letter_id for case_id, letter_id in rows if letter_id is not None}

    def contexts(
        self, case_id: int, templates: Sequence[str]
    ) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """Id, template and context of a case's letters of these templates, newest first
        (their contents are not read); fetched a page at a time (5, then 50), as the caller
        reads on."""
        before: int | None = None
        page = _FIRST_PAGE  # the newest letter mostly has what is wanted
        while templates:
            query = select(LetterRow.id, LetterRow.template, LetterRow.context).where(
                LetterRow.case_id == case_id, col(LetterRow.template).in_(templates)
            )
            if before is not None:
                query = query.where(col(LetterRow.id) < before)
            rows = self._session.exec(query.order_by(col(LetterRow.id).desc()).limit(page)).all()
            for letter_id, template, context in rows:
                yield letter_id or 0, template, dict(context)
            if len(rows) < page:
                return
            before, page = rows[-1][0], _PAGE


_FIRST_PAGE, _PAGE = 5, 50


def _drafts_of(template: str, action: str | None) -> tuple[Any, ...]:
    """The conditions of a draft of this template made for this action (None: without one)."""
    same_action = col(LetterRow.action).is_(None) if action is None else LetterRow.action == action
    return (LetterRow.template == template, LetterRow.status == DRAFT, same_action)
