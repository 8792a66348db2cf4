"""`besluit vaststellen`: a second person establishes a prepared besluit, in one transaction.

The besluit (with the other besluiten its action prepared: they share one letter) gets its
first status, its letter is sent as the case is that day (the `letter send` path), and its
deadlines start from `verzonden`, computed by the workflow machine as the action would have.
Two users establishing one besluit at once: a conditional UPDATE lets one win; the other is told
who established it and when.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from escalation.domain.besluiten import Besluit
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import ActionTaken, Stamp
from escalation.domain.four_eyes import (
    ESTABLISHED,
    check_establish,
    establish,
    may_establish,
    together,
)
from escalation.domain.letters import ActionFacts, LetterRecord, Signatory
from escalation.domain.model import Case, ParamValue
from escalation.domain.params import parse_params
from escalation.formatting import long_day
from escalation.i18n import _
from escalation.services.besluiten import case_of, find
from escalation.services.cases import besluit_signatory
from escalation.services.definitions import definition_for
from escalation.services.letter_drafts import Drafts, send_draft
from escalation.services.letter_ports import LetterRenderer
from escalation.services.ports import DefinitionCatalog, UnitOfWork


@dataclass(frozen=True, slots=True)
class Establishing:
    """What establishing needs: the database, the workflows, the calendar, the letters."""

    uow: UnitOfWork
    catalog: DefinitionCatalog
    calendar: AtwCalendar
    renderer: LetterRenderer | None
    today: date


@dataclass(frozen=True, slots=True)
class Established:
    """What `besluit vaststellen` did."""

    case_id: int
    besluiten: list[Besluit]
    deadlines: list[Deadline]
    prepared_by: str
    letter: LetterRecord | None = None


def establish_besluit(
    e: Establishing, ref: str, *, stamp: Stamp, verzonden: date | None, role: str | None = None
) -> Established:
    """Establish the concept besluit `ref` (kenmerk or id) and those prepared with it.

    `stamp.by` must differ from who prepared it; `role` (None: no user roles) must hold the
    mandate. Race-safe: of two users establishing at once, one wins, the other is refused.

    Raises:
        InvalidInputError: not a concept, already established, the same person, no mandate, or
            a date before the preparation; nothing is written.
        LetterError: the letter still lacks a field; nothing is written.
    """
    sent_on = _check_days(e, stamp, verzonden)
    try:
        return _establish(e, ref, stamp=stamp, sent_on=sent_on, role=role)
    except _LostRace:
        raise InvalidInputError(_raced(e, ref)) from None


class _LostRace(Exception):
    """Another user established the besluit between our reading and our writing."""


def _establish(
    e: Establishing, ref: str, *, stamp: Stamp, sent_on: date, role: str | None
) -> Established:
    with e.uow as uow:
        case = uow.cases.get(case_of(uow, ref))
        chosen = find(case, ref)
        check_establish(chosen, by=stamp.by)
        definition = definition_for(uow, e.catalog, case.workflow_name, case.workflow_version)
        group, prepared_on = together(case, chosen), chosen.dagtekening
        for each in group:  # one letter, one signature: the mandate for every besluit in it
            _check_mandate(definition, each, role)
        if stamp.on < prepared_on:
            raise InvalidInputError(_before(chosen, stamp.on))
        params = _action_params(uow, definition, case, chosen, verzonden=sent_on)
        establish(case, group, stamp=stamp, verzonden=sent_on)
        plain = replace(stamp, reason=None)  # the reason is the vaststelling's
        started = e.catalog.machine(definition).start_besluit_deadlines(
            case, chosen.action or "", {b.kind.value: b for b in group},
            stamp=plain, params=params, calendar=e.calendar,
        )  # fmt: skip
        kenmerken = [b.kenmerk for b in group]
        if not uow.besluiten.claim_concepts(
            kenmerken, status=ESTABLISHED.value, by=stamp.by, on=stamp.on
        ):
            raise _LostRace
        signer = _signatory(e, definition, case, chosen, by=stamp.by, role=role)
        letter = _send(e, case, chosen, prepared_on, params=params, stamp=plain, sent_on=sent_on,
                       signatory=signer)  # fmt: skip
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return Established(case.id or 0, group, started, chosen.prepared_by or "", letter)


def _check_days(e: Establishing, stamp: Stamp, verzonden: date | None) -> date:
    if stamp.on > e.today:
        raise InvalidInputError(
            _("--on {day} is after today ({today}): establish a besluit on the day it is.").format(
                day=long_day(stamp.on), today=long_day(e.today)
            )
        )
    sent = verzonden or stamp.on
    if sent < stamp.on:
        raise InvalidInputError(
            _("--verzonden {sent} is before the day the besluit is established ({day}).").format(
                sent=long_day(sent), day=long_day(stamp.on)
            )
        )
    return sent


def _check_mandate(definition: WorkflowDefinition, besluit: Besluit, role: str | None) -> None:
    if may_establish(definition, besluit.kind.value, role=role):
        return
    raise InvalidInputError(
        _("Besluit {kenmerk} ({kind}) is established by a {signer}; you are a {role}.").format(
            kenmerk=besluit.kenmerk,
            kind=besluit.kind.value,
            signer=definition.besluit_signer(besluit.kind.value),
            role=role,
        )
    )


def _before(besluit: Besluit, on: date) -> str:
    return _(
        "Besluit {kenmerk} was prepared on {prepared}; it cannot be established on {day}."
    ).format(kenmerk=besluit.kenmerk, prepared=long_day(besluit.dagtekening), day=long_day(on))


def _action_params(
    uow: UnitOfWork,
    definition: WorkflowDefinition,
    case: Case,
    besluit: Besluit,
    *,
    verzonden: date,
) -> dict[str, ParamValue]:
    """The parameters of the action that prepared the besluit, `verzonden` now the day sent."""
    taken = [
        ev
        for ev in uow.cases.history(case.id or 0)
        if isinstance(ev, ActionTaken)
        and ev.action == besluit.action
        and ev.on == besluit.dagtekening
    ]
    if not taken or besluit.action is None:
        raise InvalidInputError(
            _("Besluit {kenmerk} was not prepared by an action of case {case}.").format(
                kenmerk=besluit.kenmerk, case=case.id
            )
        )
    action = definition.action(besluit.action)
    params = dict(parse_params(action, taken[-1].params, on=taken[-1].on))
    if any(p.name == "verzonden" for p in action.parameters):
        params["verzonden"] = verzonden
    return params


def _send(
    e: Establishing,
    case: Case,
    besluit: Besluit,
    prepared_on: date,
    *,
    params: Mapping[str, ParamValue],
    stamp: Stamp,
    sent_on: date,
    signatory: Signatory | None = None,
) -> LetterRecord | None:
    """Send the draft the action made for the besluit (if any), as the case is today, signed by
    `signatory` (the establishing user under the mandate; None: as any letter is signed)."""
    if e.renderer is None or besluit.action is None:
        return None
    drafts = [
        r
        for r in e.uow.letters.for_case(case.id or 0)
        if not r.sent and r.action == besluit.action and r.on >= prepared_on
    ]
    if not drafts:
        return None
    facts = ActionFacts(besluit.action, stamp.on, params)
    d = Drafts(e.uow, e.renderer, e.catalog)
    return send_draft(
        d, case, drafts[-1], day=stamp.on, fmt=None, stamp=stamp, action=facts, sent_on=sent_on,
        signatory=signatory,
        hint=lambda letter: _(
            "Fill them in with `escalation letter edit {letter}`, then establish the besluit "
            "with `escalation besluit vaststellen {kenmerk}`."
        ).format(letter=letter, kenmerk=besluit.kenmerk),
    )  # fmt: skip


def _signatory(
    e: Establishing,
    definition: WorkflowDefinition,
    case: Case,
    besluit: Besluit,
    *,
    by: str,
    role: str | None,
) -> Signatory | None:
    """In a team database the user who establishes signs, under the workflow's mandate."""
    if e.renderer is None or besluit.action is None:
        return None
    spec = definition.action(besluit.action)
    return besluit_signatory(definition, spec, e.renderer, by, role, case=case)


def _raced(e: Establishing, ref: str) -> str:
    """Who established the besluit first, read after the other transaction committed."""
    with e.uow as uow:
        besluit = find(uow.cases.get(case_of(uow, ref)), ref)
    try:
        check_establish(besluit, by="")
    except InvalidInputError as refused:
        return str(refused)
    return _("Someone else changed besluit {kenmerk} at the same time; try again.").format(
        kenmerk=besluit.kenmerk
    )
