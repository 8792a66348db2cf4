"""Use cases for letters: make and archive one, list and show them, check a re-render."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from escalation.domain.definition import ActionSpec
from escalation.domain.errors import EscalationError
from escalation.domain.events import Event, EventType, letter_issued
from escalation.domain.letters import (
    ENGINE_INPUTS,
    ActionFacts,
    LetterError,
    LetterFormat,
    LetterRecord,
    TemplateSpec,
    build_context,
    letter_filename,
)
from escalation.domain.model import Case, Deadline
from escalation.domain.params import parse_params
from escalation.services.letter_ports import LetterRenderer
from escalation.services.ports import DefinitionCatalog, UnitOfWork

logger = logging.getLogger(__name__)

# Drafts made by an action are text, so that re-rendering them gives the same bytes.
DRAFT_FORMAT = LetterFormat.MD


@dataclass(frozen=True, slots=True)
class IssuedLetter:
    """A letter just made and archived; `carried` names inputs taken from earlier letters."""

    id: int
    record: LetterRecord
    carried: dict[str, int]


@dataclass(frozen=True, slots=True)
class DraftResult:
    """The letter an action drafted, or why it could not be drafted."""

    template: str
    letter_id: int | None = None
    problem: str | None = None


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
    today: date,
    by: str,
    now: datetime,
    name_free: Callable[[str], bool] = lambda _name: True,
) -> IssuedLetter:
    """Render a letter for a case and archive exactly what was issued, in one transaction.

    The dagtekening is `on`, else the date of the action the letter belongs to, else today.
    `name_free` tells whether the output file name is still free: if not, nothing is stored.

    Raises:
        LetterError: a field is missing or empty, or the template is faulty.
        UnknownCaseError: no such case.
    """
    spec = renderer.spec(template)
    with uow:
        case = uow.cases.get(case_id)
        action = _latest_action(uow, catalog, case, spec)
        carried = _carried_inputs(uow, renderer, case_id, spec, given=inputs)
        values = {**{k: v for k, (v, _) in carried.items()}, **inputs}
        day = on or (action.on if action else today)
        context = build_context(
            spec=spec,
            case=case,
            organisation=renderer.organisation(),
            on=day,
            action=action,
            inputs=values,
        )
        record = issue(renderer, spec, case, context, fmt=fmt, on=day, by=by, now=now)
        if not name_free(record.filename):
            raise LetterError(
                f"A file {record.filename} already exists there; it is not overwritten and the "
                "letter was not issued. Choose another --out folder or move the file."
            )
        letter_id = uow.letters.add(record)
        case.events.append(
            letter_issued(letter_id=letter_id, template=spec.name, fmt=fmt, on=day, by=by, now=now)
        )
        uow.cases.save(case, now=now)
        uow.commit()
    logger.info("case %s: letter %s (%s, %s)", case_id, letter_id, template, fmt)
    return IssuedLetter(letter_id, record, {k: src for k, (_, src) in carried.items()})


def issue(
    renderer: LetterRenderer,
    spec: TemplateSpec,
    case: Case,
    context: dict[str, Any],
    *,
    fmt: LetterFormat,
    on: date,
    by: str,
    now: datetime,
    action: str | None = None,
) -> LetterRecord:
    """Render and describe one letter; the caller stores it."""
    content = renderer.render(spec.name, context, fmt=fmt)
    name = letter_filename(
        case_id=case.id or 0, template=spec.name, on=on, provider=case.provider.name, fmt=fmt
    )
    return LetterRecord(
        case_id=case.id or 0,
        template=spec.name,
        template_sha256=spec.sha256,
        format=fmt,
        context=context,
        content=content,
        output_sha256=hashlib.sha256(content).hexdigest(),
        filename=name,
        on=on,
        issued_by=by,
        issued_at=now,
        action=action or spec.action,
    )


def split_letter_inputs(
    action: ActionSpec, params: Mapping[str, str], renderer: LetterRenderer | None
) -> tuple[dict[str, str], dict[str, str]]:
    """Separate `--set` values meant for the action's letter from the action's parameters."""
    if renderer is None or action.letter is None:
        return dict(params), {}
    try:
        inputs = {i.name for i in renderer.spec(action.letter).inputs}
    except LetterError:
        return dict(params), {}
    own = {p.name for p in action.parameters}
    letter = {k: v for k, v in params.items() if k not in own and k in inputs}
    return {k: v for k, v in params.items() if k not in letter}, letter


def draft_action_letter(
    *,
    uow: UnitOfWork,
    renderer: LetterRenderer,
    case: Case,
    action: ActionSpec,
    events: Sequence[Event],
    inputs: Mapping[str, str],
    now: datetime,
) -> DraftResult | None:
    """Draft the letter of an action inside the action's own transaction (no commit here).

    A letter that cannot be made (a field the jurist must write is missing) is not drafted:
    the result says why, and the action itself still stands.

    Returns:
        None if the action has no letter.
    """
    if action.letter is None or case.id is None:
        return None
    taken = next((e for e in events if e.type is EventType.ACTION_TAKEN), None)
    if taken is None:
        return None
    try:
        spec = renderer.spec(action.letter)
        facts = ActionFacts(action.name, taken.on, parse_params(action, taken.params, on=taken.on))
        carried = _carried_inputs(uow, renderer, case.id, spec, given=inputs)
        values = {**{k: v for k, (v, _) in carried.items()}, **inputs}
        context = build_context(
            spec=spec,
            case=case,
            organisation=renderer.organisation(),
            on=taken.on,
            action=facts,
            inputs=values,
        )
        record = issue(
            renderer, spec, case, context, fmt=DRAFT_FORMAT, on=taken.on, by=taken.by, now=now
        )
    except LetterError as err:
        return DraftResult(action.letter, problem=str(err))
    return DraftResult(action.letter, letter_id=uow.letters.add(record))


def render_reminder_text(
    *, renderer: LetterRenderer, case: Case, deadline: Deadline, on: date
) -> tuple[str, str]:
    """Subject and body of the `herinnering` letter about one deadline, as seen on `on`.

    For the deadline watch's reminder e-mails; nothing is stored.

    Raises:
        LetterError: the template cannot be rendered.
    """
    spec = renderer.spec("herinnering")
    context = build_context(
        spec=spec,
        case=case,
        organisation=renderer.organisation(),
        on=on,
        inputs={},
        reminder=deadline,
    )
    return renderer.render_text(spec.name, context)


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
    from escalation.services.cases import definition_for  # cases imports this module

    taken = [
        e
        for e in uow.cases.history(case.id)
        if e.type is EventType.ACTION_TAKEN and e.action == spec.action
    ]
    if not taken:
        raise LetterError(
            f"Letter '{spec.name}' belongs to the action '{spec.action}', which case {case.id} "
            "has not taken."
        )
    event = taken[-1]
    definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
    try:
        params = parse_params(definition.action(spec.action), event.params, on=event.on)
    except EscalationError as err:
        raise LetterError(f"Letter '{spec.name}': {err}") from None
    return ActionFacts(spec.action, event.on, params)


def _carried_inputs(
    uow: UnitOfWork,
    renderer: LetterRenderer,
    case_id: int,
    spec: TemplateSpec,
    *,
    given: Mapping[str, str],
) -> dict[str, tuple[str, int]]:
    """What the jurist wrote for an earlier letter of the case (newest first), if not given now.

    Stored values are formatted ('€ 1.000,00', '4 weken', '31 januari 2025'); the context
    builder reads them back unchanged.
    """
    wanted = {i.name for i in spec.inputs} - set(given) - ENGINE_INPUTS
    found: dict[str, tuple[str, int]] = {}
    for earlier in reversed(uow.letters.for_case(case_id)):
        try:
            inputs = {i.name for i in renderer.spec(earlier.template).inputs}
        except LetterError:
            continue
        for name in (wanted & inputs) - set(found):
            value = earlier.context.get(name)
            if isinstance(value, str) and earlier.id is not None:
                found[name] = (value, earlier.id)
    return found
