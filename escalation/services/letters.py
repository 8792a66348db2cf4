"""Use cases for letters: make and archive one, list and show them, check a re-render."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from escalation.domain.errors import EscalationError
from escalation.domain.events import ActionTaken, Stamp
from escalation.domain.letter_context import build_context
from escalation.domain.letters import (
    ActionFacts,
    LetterError,
    LetterFormat,
    LetterRecord,
    TemplateSpec,
)
from escalation.domain.model import Case
from escalation.domain.params import parse_params
from escalation.domain.publication import publication_block
from escalation.i18n import _
from escalation.services.definitions import definition_for
from escalation.services.drafting import carried_inputs, issue
from escalation.services.letter_ports import LetterRenderer
from escalation.services.ports import DefinitionCatalog, UnitOfWork

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IssuedLetter:
    """A letter just made and archived; `carried` names inputs taken from earlier letters."""

    id: int
    record: LetterRecord
    carried: dict[str, int]
    draft_reason: str | None = None  # why it was stored as a draft (a publication too early)


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
    name_free: Callable[[str], bool] = lambda _name: True,
) -> IssuedLetter:
    """Render a letter for a case and archive exactly what was issued, in one transaction.

    The dagtekening is `on`, else the date of the letter's action, else today (`stamp.on`).
    `name_free` says whether the output file name is still free: if not, nothing is stored.
    A publication document made for a day (`on`, else today) it may not be published: a draft.
    """
    spec = renderer.spec(template)
    with uow:
        case = uow.cases.get(case_id)
        action = _latest_action(uow, catalog, case, spec)
        carried = carried_inputs(uow, renderer, case_id, spec, given=inputs)
        day = on or (action.on if action else stamp.on)
        values = {**{k: v for k, (v, _src) in carried.items()}, **inputs}
        context = build_context(
            spec=spec, case=case, organisation=renderer.organisation(), on=day, action=action,
            inputs=values,
        )  # fmt: skip
        record = issue(renderer, spec, case, context, fmt=fmt, on=day, by=stamp.by, now=stamp.at)
        record, too_early = _as_draft_if_early(record, spec, case, on or stamp.on)
        _check_free(record.filename, name_free)
        letter_id = uow.letters.add(record)
        issued = Stamp(on=day, at=stamp.at, by=stamp.by)
        case.record_letter(letter_id, template=spec.name, fmt=fmt.value, stamp=issued)
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    logger.info("case %s: letter %s (%s, %s)", case_id, letter_id, template, fmt)
    return IssuedLetter(letter_id, record, {k: s for k, (_v, s) in carried.items()}, too_early)


def _as_draft_if_early(
    record: LetterRecord, spec: TemplateSpec, case: Case, on: date
) -> tuple[LetterRecord, str | None]:
    """A publication document made for a day it may not be published: a draft, and why."""
    too_early = publication_block(case, on) if spec.publication else None
    return (record if too_early is None else replace(record, status="draft")), too_early


def _check_free(filename: str, name_free: Callable[[str], bool]) -> None:
    if not name_free(filename):
        raise LetterError(
            _(
                "A file {file} already exists there; it is not overwritten and the "
                "letter was not issued. Choose another --out folder or move the file."
            ).format(file=filename)
        )


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
    spec = renderer.spec(record.template)
    again = renderer.render(record.template, record.context, fmt=record.format)
    same = (
        hashlib.sha256(again).hexdigest() == record.output_sha256 if record.format.is_text else None
    )
    return Verification(record, spec.sha256 == record.template_sha256, same)


def _latest_action(
    uow: UnitOfWork, catalog: DefinitionCatalog, case: Case, spec: TemplateSpec
) -> ActionFacts | None:
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
    definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
    try:
        params = parse_params(definition.action(spec.action), event.params, on=event.on)
    except EscalationError as err:
        raise LetterError(
            _("Letter '{name}': {problem}").format(name=spec.name, problem=err)
        ) from None
    return ActionFacts(spec.action, event.on, params)
