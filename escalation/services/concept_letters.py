"""The draft of a concept besluit's letter, made as if the besluit were established.

A prepared besluit (four-eyes) has no deadlines yet, but its letter names them (the naleving
date, the end of the bezwaar term). Its draft is made, and edited, from a copy of the case with
the deadlines it would have if established on the day it was prepared; the letter is made again
from the case itself when it is sent (`besluit vaststellen`).
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from dataclasses import replace

from escalation.domain.besluit_events import BesluitPrepared
from escalation.domain.calendar import AtwCalendar
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.events import ActionTaken, Event, Stamp
from escalation.domain.four_eyes import awaiting, together
from escalation.domain.letters import LetterRecord
from escalation.domain.machine import WorkflowMachine
from escalation.domain.model import Case
from escalation.domain.params import parse_params
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, UnitOfWork


def as_if_established(
    definition: WorkflowDefinition,
    machine: WorkflowMachine,
    case: Case,
    events: Sequence[Event],
    *,
    calendar: AtwCalendar,
) -> Case:
    """The case for drafting the letter of the action just taken: with the deadlines of the
    besluiten it prepared (if any), else the case itself."""
    prepared = {ev.besluit for ev in events if isinstance(ev, BesluitPrepared)}
    taken = next((ev for ev in events if isinstance(ev, ActionTaken)), None)
    if not prepared or taken is None:
        return case
    return _provisional(definition, machine, case, prepared, taken, calendar=calendar)


def for_draft(
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    case: Case,
    record: LetterRecord,
) -> Case:
    """The case a draft is made again from (`letter edit`): for a concept besluit's letter, as
    if established on the day prepared; any other letter, the case itself."""
    concept = awaiting(case, action=record.action)
    if concept is None or case.id is None:
        return case
    taken = [
        ev
        for ev in uow.cases.history(case.id)
        if isinstance(ev, ActionTaken)
        and ev.action == concept.action
        and ev.on == concept.dagtekening
    ]
    if not taken:
        return case
    definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
    machine = catalog.machine(definition)
    prepared = {b.kenmerk for b in together(case, concept)}
    return _provisional(definition, machine, case, prepared, taken[-1], calendar=calendar)


def _provisional(
    definition: WorkflowDefinition,
    machine: WorkflowMachine,
    case: Case,
    prepared: set[str],
    taken: ActionTaken,
    *,
    calendar: AtwCalendar,
) -> Case:
    """A copy of the case with the prepared besluiten's deadlines (the case is not changed)."""
    shadow = replace(case, deadlines=list(case.deadlines), events=[])
    shadow.besluiten = deepcopy(case.besluiten)
    group = {b.kind.value: b for b in shadow.besluiten if b.kenmerk in prepared}
    params = parse_params(definition.action(taken.action), taken.params, on=taken.on)
    stamp = Stamp(on=taken.on, at=taken.at, by=taken.by)
    machine.start_besluit_deadlines(
        shadow, taken.action, group, stamp=stamp, params=params, calendar=calendar
    )
    return shadow
