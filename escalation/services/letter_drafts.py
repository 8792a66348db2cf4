"""Use cases for a letter after it is drafted: send it, render it again, edit its fields.

A draft may be rendered in any format, any number of times: it stays one letter. Sending
freezes it (the database refuses any later change) and records it in the history once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from escalation.domain.calendar import AtwCalendar
from escalation.domain.events import Stamp
from escalation.domain.four_eyes import awaiting
from escalation.domain.letters import (
    SENT,
    ActionFacts,
    LetterError,
    LetterFormat,
    LetterRecord,
    Signatory,
    TemplateSpec,
    missing_message,
)
from escalation.domain.model import Case
from escalation.domain.publication import publication_block
from escalation.formatting import long_day
from escalation.i18n import _
from escalation.services.concept_letters import for_draft
from escalation.services.drafting import Composed, compose, issue
from escalation.services.letter_ports import LetterFolder, LetterRenderer
from escalation.services.letters import jurist_fields, latest_action
from escalation.services.ports import DefinitionCatalog, UnitOfWork

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Drafts:
    """What the draft use cases need: the database, the templates, the workflows."""

    uow: UnitOfWork
    renderer: LetterRenderer
    catalog: DefinitionCatalog
    calendar: AtwCalendar | None = None  # to edit a concept besluit's draft (four-eyes)


def send_letter(
    d: Drafts,
    letter_id: int,
    *,
    on: date | None,
    fmt: LetterFormat | None,
    stamp: Stamp,
    folder: LetterFolder | None = None,
) -> tuple[LetterRecord, Path | None]:
    """Freeze a complete draft: render it, store it as sent, record it in the history once.

    `on` is the dagtekening and the day it is sent (default: the draft's). It is made again from
    the case as it is now, with the draft's own fields; a fact still missing is refused.
    """
    with d.uow as uow:
        record = _draft(uow.letters.get(letter_id))
        case = uow.cases.get(record.case_id)
        _refuse_concept(case, record)
        sent = send_draft(d, case, record, day=on or record.on, fmt=fmt, stamp=stamp)
        uow.cases.save(case, now=stamp.at)
        path = _commit(uow, folder, sent)
    logger.info("case %s: letter %s sent (%s)", record.case_id, letter_id, sent.format)
    return sent, path


def send_draft(
    d: Drafts,
    case: Case,
    record: LetterRecord,
    *,
    day: date,
    fmt: LetterFormat | None,
    stamp: Stamp,
    action: ActionFacts | None = None,
    sent_on: date | None = None,
    hint: Callable[[int | None], str] | None = None,
    signatory: Signatory | None = None,
) -> LetterRecord:
    """Send a draft of `case` in the caller's transaction (no commit; the caller saves the case).

    It is made again from the case as it is now, dated `day`, with the draft's own fields (and
    `action`'s facts, if given, instead of the action's as taken); `sent_on` (default `day`) is
    the day it goes out. A fact still missing is refused, with `hint` (default: edit, send).
    """
    letter_id = record.id or 0
    spec = d.renderer.spec(record.template)
    _check_publication(spec, case, day, letter_id)
    fmt = fmt or record.format
    # Sent as the case is now: its address, signatory and findings of the day it goes out.
    fields = jurist_fields(record, spec)
    made = _again(d, case, spec, record, fields, on=day, stamp=stamp, action=action,
                  signatory=signatory)  # fmt: skip
    if made.missing:
        then = (hint or finish_hint)(letter_id)
        raise LetterError(missing_message(spec.name, made.missing) + "\n" + then)
    again = issue(d.renderer, spec, case, made.record.context, fmt=fmt, on=day, by=stamp.by,
                  now=stamp.at, action=made.record.action)  # fmt: skip
    sent = replace(again, id=letter_id, status=SENT)
    d.uow.letters.update(sent)
    case.record_sent(letter_id, template=spec.name, fmt=fmt.value, action=record.action,
                     stamp=replace(stamp, on=sent_on or day, reason=None))  # fmt: skip
    return sent


def render_letter(
    d: Drafts, letter_id: int, *, fmt: LetterFormat, folder: LetterFolder
) -> tuple[LetterRecord, Path]:
    """Write a letter's file in `fmt`: a draft stays one letter (now in this format); a sent
    letter is rendered from its stored context and does not change."""
    with d.uow as uow:
        record = uow.letters.get(letter_id)
        spec = d.renderer.spec(record.template)
        require_complete(record, spec)
        case = uow.cases.get(record.case_id)
        made = issue(d.renderer, spec, case, record.context, fmt=fmt, on=record.on,
                     by=record.issued_by, now=record.issued_at, action=record.action)  # fmt: skip
        folder.check()
        if folder.taken(made.filename):
            raise LetterError(
                _(
                    "{path} already exists and was not overwritten. Write letter {letter} "
                    "elsewhere with --out DIR."
                ).format(path=folder.folder / made.filename, letter=letter_id)
            )
        if record.sent:
            with folder.place(made.filename, made.content) as path:
                return record, path
        updated = replace(made, id=letter_id)
        uow.letters.update(updated)
        written = _commit(uow, folder, updated)
    assert written is not None  # a folder was given
    return updated, written


def edit_letter(d: Drafts, letter_id: int, values: Mapping[str, str], *, stamp: Stamp) -> Composed:
    """Replace the jurist's fields of a draft (an empty one is missing again) and make it anew.

    Raises:
        LetterError: a sent letter, an unknown field or a wrong value; nothing is stored.
    """
    with d.uow as uow:
        record = _draft(uow.letters.get(letter_id))
        spec = d.renderer.spec(record.template)
        case = uow.cases.get(record.case_id)
        if d.calendar is not None:  # a concept besluit's draft names the deadlines it will have
            case = for_draft(uow, d.catalog, d.calendar, case, record)
        given = {k: v for k, v in values.items() if v.strip()}
        made = _again(d, case, spec, record, given, on=record.on, stamp=stamp)
        updated = replace(made.record, id=letter_id)
        uow.letters.update(updated)
        uow.commit()
    return Composed(updated, made.missing)


def letter_fields(d: Drafts, letter_id: int) -> tuple[LetterRecord, TemplateSpec]:
    """A letter with its template's declaration: what `letter edit` shows the jurist."""
    with d.uow as uow:
        record = uow.letters.get(letter_id)
    return record, d.renderer.spec(record.template)


def require_complete(record: LetterRecord, spec: TemplateSpec) -> None:
    """Refuse a draft that still lacks fields, naming each and how to fill them in."""
    missing = record.missing(spec)
    if missing:
        raise LetterError(missing_message(spec.name, missing) + "\n" + finish_hint(record.id))


def finish_hint(letter_id: int | None) -> str:
    return _(
        "Fill them in with `escalation letter edit {letter}`, then send the letter with "
        "`escalation letter send {letter}`."
    ).format(letter=letter_id)


def _draft(record: LetterRecord) -> LetterRecord:
    if record.sent:
        raise LetterError(
            _(
                "Letter {letter} was sent on {day} and never changes. Make a new letter with "
                "`escalation letter make {case} {template}`."
            ).format(
                letter=record.id,
                day=long_day(record.on),
                case=record.case_id,
                template=record.template,
            )  # fmt: skip
        )
    return record


def _refuse_concept(case: Case, record: LetterRecord) -> None:
    """The letter of a concept besluit goes out only when a second person establishes it."""
    concept = awaiting(case, action=record.action)
    if concept is not None:
        raise LetterError(
            _(
                "Letter {letter} is the letter of besluit {kenmerk}, prepared by {by} and not yet "
                "established; it is sent when a second person establishes it with "
                "`escalation besluit vaststellen {kenmerk}`."
            ).format(letter=record.id, kenmerk=concept.kenmerk, by=concept.prepared_by or "-")
        )


def _check_publication(spec: TemplateSpec, case: Case, day: date, letter_id: int) -> None:
    too_early = publication_block(case, day) if spec.publication else None
    if too_early is not None:
        raise LetterError(
            _("Letter {letter} may not be sent on {day}: {reason}.").format(
                letter=letter_id, day=day.isoformat(), reason=too_early
            )
        )


def _again(
    d: Drafts,
    case: Case,
    spec: TemplateSpec,
    record: LetterRecord,
    inputs: Mapping[str, str],
    *,
    on: date,
    stamp: Stamp,
    action: ActionFacts | None = None,
    signatory: Signatory | None = None,
) -> Composed:
    """The letter made again from the case, with these fields, for the day `on` (signed by
    `signatory`, else as the settings say)."""
    if action is None and record.action:
        action = latest_action(d.uow, d.catalog, case, spec)
    made = compose(
        d.renderer, spec, case, inputs=inputs, action=action, fmt=record.format, on=on,
        by=stamp.by, now=stamp.at, signatory=signatory,
    )  # fmt: skip
    return Composed(replace(made.record, action=record.action), made.missing)


def _commit(uow: UnitOfWork, folder: LetterFolder | None, record: LetterRecord) -> Path | None:
    if folder is None:
        uow.commit()
        return None
    folder.check()
    if folder.taken(record.filename):
        raise LetterError(
            _("{path} already exists and was not overwritten; nothing was changed.").format(
                path=folder.folder / record.filename
            )
        )
    with folder.place(record.filename, record.content) as path:
        uow.commit()
    return path
