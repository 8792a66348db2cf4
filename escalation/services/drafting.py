"""Drafting a letter from a case: its context, its carried-over fields, the archive record."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from escalation.domain.definition import ActionSpec
from escalation.domain.events import ActionTaken, Event
from escalation.domain.letter_context import build_context
from escalation.domain.letters import (
    ENGINE_INPUTS,
    ActionFacts,
    LetterError,
    LetterFormat,
    LetterRecord,
    TemplateSpec,
    letter_filename,
)
from escalation.domain.model import Case
from escalation.domain.params import parse_params
from escalation.services.letter_ports import LetterRenderer
from escalation.services.ports import UnitOfWork

# Drafts made by an action are text, so that re-rendering them gives the same bytes.
DRAFT_FORMAT = LetterFormat.MD


@dataclass(frozen=True, slots=True)
class DraftResult:
    """The letter an action drafted, or why it could not be drafted."""

    template: str
    letter_id: int | None = None
    problem: str | None = None


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
    taken = next((e for e in events if isinstance(e, ActionTaken)), None)
    if taken is None:
        return None
    try:
        spec = renderer.spec(action.letter)
        facts = ActionFacts(action.name, taken.on, parse_params(action, taken.params, on=taken.on))
        carried = carried_inputs(uow, renderer, case.id, spec, given=inputs)
        values = {**{k: v for k, (v, _src) in carried.items()}, **inputs}
        context = build_context(
            spec=spec, case=case, organisation=renderer.organisation(), on=taken.on,
            action=facts, inputs=values,
        )  # fmt: skip
        record = issue(
            renderer, spec, case, context, fmt=DRAFT_FORMAT, on=taken.on, by=taken.by, now=now
        )
    except LetterError as err:
        return DraftResult(action.letter, problem=str(err))
    return DraftResult(action.letter, letter_id=uow.letters.add(record))


def carried_inputs(
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
