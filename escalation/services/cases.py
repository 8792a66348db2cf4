"""Use cases that change cases: open one, take an action on it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from escalation.domain.besluit_events import BesluitPrepared
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline
from escalation.domain.definition import ActionSpec, WorkflowDefinition
from escalation.domain.errors import InvalidActionError
from escalation.domain.events import DeadlineCancelled, DeadlineMet, Event, Stamp
from escalation.domain.letter_parties import mandate_signatory
from escalation.domain.letters import Signatory
from escalation.domain.machine import WorkflowMachine
from escalation.domain.model import DEFAULT_ORGANISATION, Case, Provider
from escalation.domain.subjects import check_location_of, check_subject_id
from escalation.domain.users import check_role
from escalation.i18n import _
from escalation.services.besluiten import KenmerkIssuer
from escalation.services.concept_letters import as_if_established
from escalation.services.definitions import check_unchanged, definition_for
from escalation.services.drafting import DraftResult, draft_action_letter, split_letter_inputs
from escalation.services.letter_ports import LetterRenderer
from escalation.services.ports import DefinitionCatalog, UnitOfWork
from escalation.texts import Text

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What one action did, for the user to read back."""

    case_id: int
    action: str
    from_state: str
    to_state: str
    deadlines_set: list[Deadline]
    deadlines_closed: list[DeadlineMet | DeadlineCancelled]
    letter_id: int | None = None  # the letter the action drafted
    letter_problem: str | None = None  # why the action's letter could not be drafted
    letter_template: str | None = None
    letter_missing: tuple[str, ...] = ()  # the fields its draft still lacks
    letter_sent: bool = False  # sent at once with the besluit the action takes
    prepared: tuple[str, ...] = ()  # four-eyes: the concept besluiten (kenmerken) it prepared

    @property
    def warnings(self) -> list[Text]:
        return [d.warning for d in self.deadlines_set if d.warning]


def open_case(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    provider_kvk: str,
    workflow: str,
    on: date,
    title: str | None,
    handler: str | None,
    by: str,
    now: datetime,
    version: int | None = None,
    recorded_by: str | None = None,
    location: int | None = None,
    organisations: tuple[str, tuple[str, ...]] = (DEFAULT_ORGANISATION, ()),
) -> int:
    """Open a case in the workflow's initial state (`version` or the newest) against a subject
    (KvK number or code), naming its `location` and `organisations` (lead, others; checked)."""
    definition = catalog.get(workflow, version)
    with uow:
        provider = uow.providers.get(check_subject_id(provider_kvk))
        if location is not None:
            check_location_of(uow.subjects.location(location), provider.kvk)
        pin_definition(uow, catalog, definition, now=now)
        stamp = Stamp(on=on, at=now, by=by, recorded_by=recorded_by)
        case_id = open_in(
            uow,
            definition,
            provider,
            stamp=stamp,
            title=title,
            handler=handler,
            organisations=organisations,
        )
        uow.subjects.link(case_id, location=location, signal=None)
        uow.commit()
    logger.info("case %s opened for %s", case_id, provider.kvk)
    return case_id


def pin_definition(
    uow: UnitOfWork, catalog: DefinitionCatalog, definition: WorkflowDefinition, *, now: datetime
) -> None:
    """Refuse a changed workflow file; keep the text of the version the new cases are on."""
    check_unchanged(uow, catalog, definition)
    uow.workflow_versions.remember(
        definition.name,
        definition.version,
        catalog.source(definition.name, definition.version),
        now=now,
    )


def open_in(
    uow: UnitOfWork,
    definition: WorkflowDefinition,
    provider: Provider,
    *,
    stamp: Stamp,
    title: str | None,
    handler: str | None,
    organisations: tuple[str, tuple[str, ...]] = (DEFAULT_ORGANISATION, ()),
) -> int:
    """Add one new case inside the caller's transaction; returns its id."""
    case = Case.open(
        provider=provider,
        workflow=definition.name,
        version=definition.version,
        state=definition.initial,
        stamp=stamp,
        title=title,
        handler=handler,
        organisations=organisations,
    )
    return uow.cases.add(case, now=stamp.at)


def apply_action(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    case_id: int,
    action: str,
    params: Mapping[str, str],
    stamp: Stamp,
    renderer: LetterRenderer | None = None,
    role: str | None = None,
) -> ActionResult:
    """Take one action on a case, in one transaction: all of it is stored, or nothing.

    With a renderer the action's letter is drafted in the same transaction; `params` may then
    carry the letter's own fields too (e.g. `dictum`). `role`: the acting user's in a team
    database (the action's `roles` are checked), None without users."""
    with uow:
        fired = fire_action(uow, catalog, calendar, case_id, action, params, stamp=stamp,
                            renderer=renderer, role=role)  # fmt: skip
        result = store_action(uow, fired, calendar=calendar, renderer=renderer)
        uow.commit()
    logger.info("case %s: %s (%s -> %s)", case_id, action, result.from_state, result.to_state)
    return result


@dataclass(slots=True)
class Fired:
    """An action fired on a case in memory, not yet stored (`store_action`)."""

    case: Case
    spec: ActionSpec
    machine: WorkflowMachine
    events: list[Event]
    letter_inputs: Mapping[str, str]
    from_state: str
    before: int  # the number of deadlines before the action
    stamp: Stamp
    role: str | None


def fire_action(
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    case_id: int,
    action: str,
    params: Mapping[str, str],
    *,
    stamp: Stamp,
    renderer: LetterRenderer | None,
    role: str | None,
    definitions: dict[tuple[str, int], WorkflowDefinition] | None = None,
    case: Case | None = None,
) -> Fired:
    """Every check of the action (date, role, guards, parameters) and its events, in memory:
    a refusal raises before anything is written (`case do-many` counts on that).
    `definitions`: the workflow versions read in this transaction so far (filled in);
    `case`: the case already read (`get_many`), else it is read here."""
    case = uow.cases.get(case_id) if case is None else case
    _check_date(case, stamp.on)
    known = {} if definitions is None else definitions
    key = (case.workflow_name, case.workflow_version)
    if key not in known:
        known[key] = definition_for(uow, catalog, *key)
    definition = known[key]
    from_state, before = case.state, len(case.deadlines)
    spec = definition.action(action)
    check_role(definition.action_roles(action), role)
    action_params, letter_inputs = split_letter_inputs(spec, params, renderer)
    issuer = KenmerkIssuer(uow.besluiten, renderer.organisation(case) if renderer else None)
    machine = catalog.machine(definition)
    # A user's role means a team database, where four-eyes applies.
    events = machine.fire(case, action, stamp=stamp, raw_params=action_params,
                          calendar=calendar, issuer=issuer, team=role is not None)  # fmt: skip
    return Fired(case, spec, machine, events, letter_inputs, from_state, before, stamp, role)


def store_action(
    uow: UnitOfWork,
    fired: Fired,
    *,
    calendar: AtwCalendar,
    renderer: LetterRenderer | None,
    saved: bool = False,
) -> ActionResult:
    """Write a fired action and draft its letter, in the caller's transaction (not committed);
    `saved`: the case is written already (`save_many`), only the letter and the result remain."""
    if not saved:
        uow.cases.save(fired.case, now=fired.stamp.at)
    return finish_action(uow, fired, calendar=calendar, renderer=renderer)


def finish_action(
    uow: UnitOfWork, fired: Fired, *, calendar: AtwCalendar, renderer: LetterRenderer | None
) -> ActionResult:
    """After the case of a fired action is saved: its letter drafted, the result."""
    case, stamp, events = fired.case, fired.stamp, fired.events
    draft = _action_letter(uow, renderer, case, fired.spec, events, fired.letter_inputs, stamp,
                           machine=fired.machine, calendar=calendar, role=fired.role)  # fmt: skip
    result = ActionResult(
        case.id or 0, fired.spec.name, fired.from_state, case.state,
        case.deadlines[fired.before:], _closed(events),
        prepared=tuple(e.besluit for e in events if isinstance(e, BesluitPrepared)),
    )  # fmt: skip
    return result if draft is None else _with_letter(result, draft)


def _action_letter(
    uow: UnitOfWork,
    renderer: LetterRenderer | None,
    case: Case,
    spec: ActionSpec,
    events: list[Event],
    inputs: Mapping[str, str],
    stamp: Stamp,
    *,
    machine: WorkflowMachine,
    calendar: AtwCalendar,
    role: str | None,
) -> DraftResult | None:
    """The action's letter, drafted from the case as its besluiten will be once established,
    signed under the mandate by the acting user when they hold the signer's role."""
    if renderer is None:
        return None
    definition = machine.definition
    signer = besluit_signatory(definition, spec, renderer, stamp.by, role, case=case)
    drafted = as_if_established(definition, machine, case, events, calendar=calendar)
    return _draft(uow, renderer, case, spec, events, inputs, stamp, drafted, signer)


def _with_letter(result: ActionResult, draft: DraftResult) -> ActionResult:
    return replace(
        result, letter_id=draft.letter_id, letter_problem=draft.problem,
        letter_template=draft.template, letter_missing=draft.missing,
        letter_sent=draft.sent_on is not None,
    )  # fmt: skip


def _draft(
    uow: UnitOfWork,
    renderer: LetterRenderer,
    case: Case,
    action: ActionSpec,
    events: list[Event],
    inputs: Mapping[str, str],
    stamp: Stamp,
    drafted: Case,
    signatory: Signatory | None = None,
) -> DraftResult | None:
    """Draft the action's letter in its transaction; a letter sent at once goes in the history.
    `drafted`: the case it is made from (a prepared besluit's, with the deadlines it will have)."""
    draft = draft_action_letter(
        uow=uow, renderer=renderer, case=drafted, action=action, events=events, inputs=inputs,
        now=stamp.at, signatory=signatory,
    )  # fmt: skip
    if draft is not None and draft.letter_id is not None and draft.sent_on is not None:
        sent = Stamp(on=draft.sent_on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by)
        case.record_sent(
            draft.letter_id, template=draft.template, fmt="md", stamp=sent, action=action.name
        )
        uow.cases.save(case, now=stamp.at)
    return draft


def _check_date(case: Case, on: date) -> None:
    if on < case.opened_on:
        raise InvalidActionError(
            _(
                "Case {case} was opened on {opened}; an action cannot be dated {on}, before that."
            ).format(case=case.id, opened=case.opened_on.isoformat(), on=on.isoformat())
        )


def _closed(events: list[Event]) -> list[DeadlineMet | DeadlineCancelled]:
    return [e for e in events if isinstance(e, DeadlineMet | DeadlineCancelled)]


def besluit_signatory(
    definition: WorkflowDefinition,
    action: ActionSpec,
    renderer: LetterRenderer,
    name: str,
    role: str | None,
    *,
    case: Case,
) -> Signatory | None:
    """Who signs the letter of an action that takes a besluit with a signer in the workflow
    (version 4): the acting user when they hold the signer's role, under the mandate's text;
    None (no such besluit, or a database without users): the settings' signatory, as before.

    The workflow's mandate text speaks for the default organisation (IGJ, for the Minister of
    VWS); a case led by another inspectorate, or a joint one, signs under its organisations'
    own lines (the letter's closing) and the settings' mandate line, never the IGJ text."""
    kind = next((k for k in action.besluiten if definition.besluit_signer(k)), None)
    if kind is None or role is None:
        return None
    signer = definition.besluit_signer(kind)
    own = case.organisation == DEFAULT_ORGANISATION and not case.co_organisations
    return mandate_signatory(
        renderer.organisation(case).ondertekenaar,
        role=signer,
        mandate=definition.besluit_mandate(kind) if own else None,
        name=name if role == signer else None,
    )
