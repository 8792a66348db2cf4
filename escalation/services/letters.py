"""Use cases for letters: make and archive one, list and show them, check a re-render."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from escalation.domain.calendar import AtwCalendar
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import EscalationError
from escalation.domain.events import ActionTaken, Stamp
from escalation.domain.letters import (
    ActionFacts,
    InputSpec,
    LetterError,
    LetterFormat,
    LetterRecord,
    TemplateSpec,
    letter_filename,
)
from escalation.domain.model import Case
from escalation.domain.params import parse_params
from escalation.domain.publication import publication_block
from escalation.i18n import _
from escalation.services.concept_letters import for_draft
from escalation.services.definitions import definition_for
from escalation.services.drafting import carried_inputs, compose
from escalation.services.letter_ports import LetterFolder, LetterRenderer
from escalation.services.ports import DefinitionCatalog, UnitOfWork

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IssuedLetter:
    """A letter just made (a draft); `carried` names inputs taken from earlier letters."""

    id: int
    record: LetterRecord
    carried: dict[str, int]
    path: Path | None = None  # the file written with it, if any
    draft_reason: str | None = None  # why it may not be sent yet (a publication too early)
    missing: tuple[InputSpec, ...] = ()  # fields it still lacks: no file was written
    refreshed: bool = False  # an existing draft of the same template was made again


@dataclass(frozen=True, slots=True)
class Verification:
    """A stored letter re-rendered from its stored context with today's template."""

    record: LetterRecord
    template_unchanged: bool
    same_bytes: bool | None  # None: PDF and DOCX embed their own timestamps


def make_letter(
    *,
    uow: UnitOfWork,
    renderer: LetterRenderer,
    catalog: DefinitionCatalog,
    case_id: int,
    template: str,
    fmt: LetterFormat,
    inputs: Mapping[str, str],
    on: date | None,
    stamp: Stamp,
    folder: LetterFolder | None = None,
    calendar: AtwCalendar | None = None,
) -> IssuedLetter:
    """Draft a letter for a case and write its file into `folder`, in one step (or neither).

    The case's draft of the same template (and action) is made again, keeping its fields unless
    given anew. Dagtekening: `on`, else the action's date, else today. Lacking fields: no file.
    """
    spec = renderer.spec(template)
    with uow:
        case = uow.cases.get(case_id)
        action = latest_action(uow, catalog, case, spec)
        day = on or (action.on if action else stamp.on)
        existing, case = existing_draft(uow, catalog, calendar, case, spec)
        own = {} if existing is None else jurist_fields(existing, spec)
        carried = carried_inputs(uow, renderer, case_id, spec, given={**own, **inputs})
        made = compose(
            renderer, spec, case, inputs={**{k: v for k, (v, _s) in carried.items()}, **own,
            **inputs}, action=action, fmt=fmt, on=day, by=stamp.by, now=stamp.at,
        )  # fmt: skip
        if not made.missing:
            _check_free(folder, case, spec, day=day, fmt=fmt)
        letter_id = store(uow, made.record, existing)
        record = replace(made.record, id=letter_id)
        path = _commit(uow, None if made.missing else folder, record)
    logger.info("case %s: draft letter %s (%s, %s)", case_id, letter_id, template, fmt)
    early = publication_block(case, on or stamp.on) if spec.publication else None
    came = {k: s for k, (_v, s) in carried.items()}
    return IssuedLetter(letter_id, record, came, path, early, made.missing, bool(existing))


def existing_draft(
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar | None,
    case: Case,
    spec: TemplateSpec,
) -> tuple[LetterRecord | None, Case]:
    """The case's draft of this template, and the case to make it from (a concept besluit's
    draft: as if established, with its deadlines; four-eyes)."""
    existing = uow.letters.open_draft(case.id or 0, spec.name, spec.action)
    if existing is not None and calendar is not None:
        case = for_draft(uow, catalog, calendar, case, existing)
    return existing, case


def store(uow: UnitOfWork, record: LetterRecord, existing: LetterRecord | None) -> int:
    if existing is None or existing.id is None:
        return uow.letters.add(record)
    uow.letters.update(replace(record, id=existing.id))
    return existing.id


def jurist_fields(record: LetterRecord, spec: TemplateSpec) -> dict[str, str]:
    """The fields the jurist wrote in a letter, as stored (they read back unchanged)."""
    return {
        i.name: value for i in spec.inputs if isinstance(value := record.context.get(i.name), str)
    }


def _check_free(
    folder: LetterFolder | None, case: Case, spec: TemplateSpec, *, day: date, fmt: LetterFormat
) -> None:
    """Refuse before the letter is made a folder that cannot take its file, or has its name."""
    if folder is None:
        return
    folder.check()
    filename = letter_filename(
        case_id=case.id or 0, template=spec.name, on=day, provider=case.provider.name, fmt=fmt
    )
    if folder.taken(filename):
        raise LetterError(
            _(
                "A file {file} already exists there; it is not overwritten and the "
                "letter was not issued. Choose another --out folder or move the file."
            ).format(file=filename)
        )


def _commit(uow: UnitOfWork, folder: LetterFolder | None, record: LetterRecord) -> Path | None:
    """Commit the letter; with a folder, inside the step that writes its file."""
    if folder is None:
        uow.commit()
        return None
    try:
        with folder.place(record.filename, record.content) as path:
            uow.commit()
    except LetterError as err:
        raise LetterError(_("{problem} The letter was not issued.").format(problem=err)) from None
    return path


def write_letter(*, uow: UnitOfWork, folder: LetterFolder, letter_id: int) -> Path:
    """Write an archived letter's file again, into `folder`, never over an existing file."""
    record = show_letter(uow=uow, letter_id=letter_id)
    _has_content(record)
    folder.check()
    if folder.taken(record.filename):
        raise LetterError(
            _(
                "{path} already exists and was not overwritten. Letter {letter} is in the "
                "archive: write it elsewhere with `escalation letter show {letter} --out DIR`."
            ).format(path=folder.folder / record.filename, letter=letter_id)
        )
    with folder.place(record.filename, record.content) as path:
        return path


def list_letters(*, uow: UnitOfWork, case_id: int) -> list[LetterRecord]:
    with uow:
        uow.cases.get(case_id)  # an unknown case is an error, not an empty list
        return uow.letters.for_case(case_id)


def show_letter(*, uow: UnitOfWork, letter_id: int) -> LetterRecord:
    with uow:
        return uow.letters.get(letter_id)


def verify_letter(*, uow: UnitOfWork, renderer: LetterRenderer, letter_id: int) -> Verification:
    """Re-render a stored letter from its stored context and compare with what was issued."""
    record = show_letter(uow=uow, letter_id=letter_id)
    _has_content(record)
    spec = renderer.spec(record.template)
    again = renderer.render(record.template, record.context, fmt=record.format)
    same = (
        hashlib.sha256(again).hexdigest() == record.output_sha256 if record.format.is_text else None
    )
    return Verification(record, spec.sha256 == record.template_sha256, same)


def _has_content(record: LetterRecord) -> None:
    """A draft stored without the fields it lacks has no file yet."""
    if not record.content:
        raise LetterError(
            _(
                "Letter {letter} is a draft that still lacks fields the jurist writes; fill "
                "them in with `escalation letter edit {letter}`."
            ).format(letter=record.id)
        )


def latest_action(
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    case: Case,
    spec: TemplateSpec,
    definitions: dict[tuple[str, int], WorkflowDefinition] | None = None,
) -> ActionFacts | None:
    """The facts of the case's latest action of the letter's template (None: no action).

    `definitions`: the workflow definitions read so far (letter batch: each read once; a
    stored version's text never changes).
    """
    if spec.action is None or case.id is None:
        return None
    taken = [
        e
        for e in uow.cases.history(case.id)
        if isinstance(e, ActionTaken) and e.action == spec.action
    ]
    if not taken:
        raise LetterError(
            _(
                "Letter '{name}' belongs to the action '{action}', which case {case} has not taken."
            ).format(name=spec.name, action=spec.action, case=case.id)
        )
    event = taken[-1]
    key = (case.workflow_name, case.workflow_version)
    known = {} if definitions is None else definitions
    definition = known.get(key) or definition_for(uow, catalog, *key)
    known[key] = definition
    try:
        params = parse_params(definition.action(spec.action), event.params, on=event.on)
    except EscalationError as err:
        raise LetterError(
            _("Letter '{name}': {problem}").format(name=spec.name, problem=err)
        ) from None
    return ActionFacts(spec.action, event.on, params)
