"""Drafting a letter from a case: its context, its carried-over fields, the stored record.

A letter is a draft until it is sent. A draft that lacks fields the jurist writes is stored
with what could be made (no content yet); `letter edit` fills them in, `letter send` freezes it.
An action that takes a besluit sends its letter at once when the letter is complete, on the
besluit's `verzonden` date, so that the besluit's deadlines and its letter agree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from escalation.domain.besluit_events import BesluitPrepared
from escalation.domain.definition import ActionSpec
from escalation.domain.events import ActionTaken, Event
from escalation.domain.letter_context import build_context
from escalation.domain.letters import (
    ENGINE_INPUTS,
    SENT,
    ActionFacts,
    InputSpec,
    LetterError,
    LetterFormat,
    LetterRecord,
    MissingFieldsError,
    Signatory,
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
    missing: tuple[str, ...] = ()  # fields the draft still lacks
    sent_on: date | None = None  # sent at once (an action that takes a besluit)


@dataclass(frozen=True, slots=True)
class Composed:
    """A letter as far as it can be made: complete (with content), or lacking fields."""

    record: LetterRecord
    missing: tuple[InputSpec, ...] = ()


def compose(
    renderer: LetterRenderer,
    spec: TemplateSpec,
    case: Case,
    *,
    inputs: Mapping[str, str],
    action: ActionFacts | None,
    fmt: LetterFormat,
    on: date,
    by: str,
    now: datetime,
    signatory: Signatory | None = None,
    render: bool = True,
) -> Composed:
    """The letter's record: rendered when complete; else its partial context and no content.

    `signatory`: who signs instead of the settings' signatory (a besluit's mandate, issue 13).
    `render` False: the record without content, rendered later (`with_content`; letter batch).

    Raises:
        LetterError: a fault other than a missing field (a wrong value, a missing deadline).
    """
    organisation = renderer.organisation(case)
    if signatory is not None:
        organisation = replace(organisation, ondertekenaar=signatory)
    try:
        context = build_context(
            spec=spec, case=case, organisation=organisation, on=on, action=action,
            inputs=inputs,
        )  # fmt: skip
    except MissingFieldsError as gap:
        record = issue(renderer, spec, case, gap.context, fmt=fmt, on=on, by=by, now=now, ok=False)
        return Composed(record, gap.missing)
    made = issue(renderer, spec, case, context, fmt=fmt, on=on, by=by, now=now, ok=render)
    return Composed(made)


def with_content(record: LetterRecord, content: bytes) -> LetterRecord:
    """A record composed without rendering (`render=False`), with its file's bytes."""
    return replace(record, content=content, output_sha256=hashlib.sha256(content).hexdigest())


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
    ok: bool = True,
) -> LetterRecord:
    """Render (unless it lacks fields: `ok` False) and describe one letter, a draft."""
    content = renderer.render(spec.name, context, fmt=fmt) if ok else b""
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
    signatory: Signatory | None = None,
) -> DraftResult | None:
    """Draft the letter of an action inside the action's own transaction (no commit here).

    A letter that lacks fields the jurist writes is stored as a draft with what it has; one that
    cannot be made at all (a wrong value, a missing deadline) is not: the result says why. The
    action itself stands either way.

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
        made = compose(
            renderer, spec, case, inputs={**{k: v for k, (v, _src) in carried.items()}, **inputs},
            action=facts, fmt=DRAFT_FORMAT, on=taken.on, by=taken.by, now=now, signatory=signatory,
        )  # fmt: skip
    except LetterError as err:
        return DraftResult(action.letter, problem=str(err))
    prepared = any(isinstance(e, BesluitPrepared) for e in events)  # four-eyes: sent later
    sent_on = _sent_at_once(action, facts, made, prepared=prepared)
    record = made.record if sent_on is None else replace(made.record, status=SENT)
    missing = tuple(i.name if i.fill is None else f"{i.name} ({i.fill})" for i in made.missing)
    return DraftResult(action.letter, uow.letters.add(record), missing=missing, sent_on=sent_on)


def _sent_at_once(
    action: ActionSpec, facts: ActionFacts, made: Composed, *, prepared: bool
) -> date | None:
    """An action that takes a besluit sends its complete letter on the besluit's verzonden;
    one that prepares it (four-eyes) leaves it a draft until the besluit is established."""
    if not action.besluiten or made.missing or prepared:
        return None
    sent = facts.params.get("verzonden")
    return sent if isinstance(sent, date) else facts.on


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
    builder reads them back unchanged. Only the contexts of letters whose template declares a
    wanted field are read, newest first, and only until every wanted field is found.
    """
    wanted = {i.name for i in spec.inputs} - set(given) - ENGINE_INPUTS
    if not wanted:
        return {}
    declaring = {t: names for t in renderer.names() if (names := _inputs_of(renderer, t) & wanted)}
    found: dict[str, tuple[str, int]] = {}
    for letter_id, template, context in uow.letters.contexts(case_id, sorted(declaring)):
        for name in declaring[template] - set(found):
            value = context.get(name)
            if isinstance(value, str):
                found[name] = (value, letter_id)
        if len(found) == len(wanted):
            break
    return found


def _inputs_of(renderer: LetterRenderer, template: str) -> set[str]:
    try:
        return {i.name for i in renderer.spec(template).inputs}
    except LetterError:
        return set()
