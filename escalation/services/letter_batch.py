"""Letters in bulk (`letter batch`): one letter per case, each a draft as `letter make` makes it.

The cases are taken a chunk at a time: the chunk's cases are read and their letters composed,
the files rendered together (PDF and DOCX on every core: the renderer's `batch`) while the next
chunk is read, then written into the folder and the chunk's records committed in one
transaction, in the step that keeps its files (a case whose open draft changed meanwhile is
left out). A case whose letter cannot be made (unknown, the action not taken, fields missing,
its file name taken) is left out with its reason: nothing of it is stored or written, and the
other cases go on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from escalation.domain.calendar import AtwCalendar
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import EscalationError
from escalation.domain.events import Stamp
from escalation.domain.letters import (
    LetterError,
    LetterFormat,
    LetterRecord,
    TemplateSpec,
    missing_message,
)
from escalation.domain.model import Case
from escalation.i18n import _
from escalation.services.drafting import carried_inputs, compose, with_content
from escalation.services.letter_ports import LetterFolder, LetterRenderer
from escalation.services.letters import existing_draft, jurist_fields, latest_action, store
from escalation.services.ports import DefinitionCatalog, UnitOfWork
from escalation.services.selection import CaseSelection, case_ids

CHUNK = 100  # cases per transaction

# A progress bar of `total` steps, yielding `advance(n)` (escalation.cli.progress).
Bar = Callable[[int], AbstractContextManager[Callable[[int], object]]]


@dataclass(frozen=True, slots=True)
class Made:
    case_id: int
    letter_id: int
    path: Path


@dataclass
class BatchResult:
    """The letters made (drafts, with their files) and, per case left out, why."""

    selected: int = 0
    made: list[Made] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Batch:
    """What every case of a batch shares."""

    uow: Callable[[], UnitOfWork]
    renderer: LetterRenderer
    catalog: DefinitionCatalog
    calendar: AtwCalendar | None
    spec: TemplateSpec
    fmt: LetterFormat
    inputs: Mapping[str, str]
    on: date | None
    stamp: Stamp
    folder: LetterFolder
    # The workflow definitions read so far, each once per batch.
    definitions: dict[tuple[str, int], WorkflowDefinition] = field(default_factory=dict)


def make_letters(batch: Batch, selection: CaseSelection, *, bar: Bar | None = None) -> BatchResult:
    """One draft letter per selected case, with its file in the folder.

    `bar(total)`: a progress bar, told after each chunk how many cases it took.

    Raises:
        LetterError: the folder cannot take files (before anything is made).
        UnknownSignalError: the signal does not exist.
    """
    _known_fields(batch.spec, batch.inputs)
    batch.folder.check()
    with batch.uow() as uow:
        ids = case_ids(uow, selection)
    result = BatchResult(selected=len(ids))
    with ExitStack() as stack:
        advance = stack.enter_context(bar(len(ids))) if bar is not None else None
        render_many = stack.enter_context(batch.renderer.batch(batch.fmt))
        pending: _Pending | None = None
        for start in range(0, len(ids), CHUNK):
            prepared = _prepare_chunk(batch, ids[start : start + CHUNK], result)
            later = render_many([(batch.spec.name, p.record.context) for p in prepared])
            if pending is not None:  # the previous chunk, rendered while this one was read
                _finish(batch, pending, result, advance)
            pending = _Pending(prepared, later, len(ids[start : start + CHUNK]))
        if pending is not None:
            _finish(batch, pending, result, advance)
    return result


@dataclass(frozen=True, slots=True)
class _Pending:
    """A chunk read and composed, its files being rendered."""

    prepared: list[_Prepared]
    later: Callable[[], list[bytes | LetterError]]
    size: int


def _known_fields(spec: TemplateSpec, inputs: Mapping[str, str]) -> None:
    """A --set the template does not declare is refused before any case is read."""
    unknown = sorted(set(inputs) - {i.name for i in spec.inputs})
    if unknown:
        known = ", ".join(i.name for i in spec.inputs) or _("none")
        raise LetterError(
            _("Letter '{template}' has no field '{field}' to set. Its fields are: {known}.").format(
                template=spec.name, field=unknown[0], known=known
            )
        )


def _write(
    batch: Batch,
    uow: UnitOfWork,
    records: list[tuple[LetterRecord, LetterRecord | None]],
    result: BatchResult,
) -> list[Made]:
    """The chunk's files placed and its records committed in one step (or neither)."""
    try:
        with batch.folder.place_many([(r.filename, r.content) for r, _e in records]) as paths:
            written = []
            for (record, existing), path in zip(records, paths, strict=True):
                if isinstance(path, LetterError):
                    result.failed.append((record.case_id, str(path)))
                else:
                    written.append((record, existing, path))
            made = _store_all(uow, written)
            uow.commit()
    except LetterError as err:  # no file of the chunk could be written
        result.failed.extend((record.case_id, str(err)) for record, _e in records)
        return []
    return made


def _store_all(
    uow: UnitOfWork, written: list[tuple[LetterRecord, LetterRecord | None, Path]]
) -> list[Made]:
    """New drafts added in one go; a case's existing draft of the letter made again."""
    new = [(record, path) for record, existing, path in written if existing is None]
    ids = uow.letters.add_many([record for record, _p in new])
    made = [Made(record.case_id, i, path) for (record, path), i in zip(new, ids, strict=True)]
    for record, existing, path in written:
        if existing is not None:
            made.append(Made(record.case_id, store(uow, record, existing), path))
    return made


@dataclass(frozen=True, slots=True)
class _Prepared:
    record: LetterRecord  # without content yet
    existing: LetterRecord | None


def _prepare_chunk(batch: Batch, ids: Sequence[int], result: BatchResult) -> list[_Prepared]:
    """The chunk's cases read and their letters composed (a transaction that only reads)."""
    prepared: list[_Prepared] = []
    with batch.uow() as uow:
        cases = uow.cases.get_many(ids)  # a few queries for the chunk, not ten per case
        drafts = uow.letters.open_draft_ids(ids, batch.spec.name, batch.spec.action)
        for case_id in ids:
            try:
                case = cases.get(case_id) or uow.cases.get(case_id)  # unknown: refused by get
                prepared.append(_prepare(batch, uow, case, has_draft=case_id in drafts))
            except EscalationError as err:
                result.failed.append((case_id, str(err)))
    return prepared


def _finish(
    batch: Batch, pending: _Pending, result: BatchResult, advance: Callable[[int], object] | None
) -> None:
    """One transaction: the chunk's rendered letters written and committed, or none of them."""
    records: list[tuple[LetterRecord, LetterRecord | None]] = []
    for item, content in zip(pending.prepared, pending.later(), strict=True):
        if isinstance(content, LetterError):
            result.failed.append((item.record.case_id, str(content)))
        else:
            records.append((with_content(item.record, content), item.existing))
    with batch.uow() as uow:
        made = _write(batch, uow, _unchanged(batch, uow, records, result), result)
    result.made.extend(made)
    if advance is not None:
        advance(pending.size)


def _unchanged(
    batch: Batch,
    uow: UnitOfWork,
    records: list[tuple[LetterRecord, LetterRecord | None]],
    result: BatchResult,
) -> list[tuple[LetterRecord, LetterRecord | None]]:
    """The letters whose case's open draft is still the one read (no one made or sent it
    meanwhile); the others are left out with the reason."""
    kept = []
    ids = [record.case_id for record, _existing in records]
    drafts = uow.letters.open_draft_ids(ids, batch.spec.name, batch.spec.action)
    for record, existing in records:
        if drafts.get(record.case_id) == (existing.id if existing else None):
            kept.append((record, existing))
        else:
            result.failed.append((record.case_id, _changed()))
    return kept


def _changed() -> str:
    return _("the case's draft of this letter changed while the batch ran; run it again for it.")


def _prepare(batch: Batch, uow: UnitOfWork, case: Case, *, has_draft: bool) -> _Prepared:
    """The case's letter composed, not rendered (as `letter make` composes it).

    Raises:
        EscalationError: the case is unknown or its letter cannot be made; why.
    """
    spec, case_id = batch.spec, case.id or 0
    action = latest_action(uow, batch.catalog, case, spec, batch.definitions)
    day = batch.on or (action.on if action else batch.stamp.on)
    existing, case = (
        existing_draft(uow, batch.catalog, batch.calendar, case, spec)
        if has_draft
        else (None, case)
    )
    own = {} if existing is None else jurist_fields(existing, spec)
    given = {**own, **batch.inputs}
    carried = carried_inputs(uow, batch.renderer, case_id, spec, given=given)
    made = compose(
        batch.renderer, spec, case, inputs={**{k: v for k, (v, _s) in carried.items()}, **given},
        action=action, fmt=batch.fmt, on=day, by=batch.stamp.by, now=batch.stamp.at, render=False,
    )  # fmt: skip
    if made.missing:
        raise LetterError(missing_message(spec.name, made.missing))
    name = made.record.filename
    if batch.folder.taken(name):
        raise LetterError(
            _("A file {file} already exists there; it is not overwritten.").format(file=name)
        )
    return _Prepared(made.record, existing)
