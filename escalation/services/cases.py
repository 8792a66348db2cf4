"""Use cases that change cases: open one, take an action on it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from escalation.domain.calendar import AtwCalendar
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import InvalidActionError, InvalidInputError
from escalation.domain.events import Event, EventType, letter_issued
from escalation.domain.model import Case, Deadline, Provider, ProviderKind, check_kvk
from escalation.services.letter_ports import LetterRenderer
from escalation.services.letters import draft_action_letter, split_letter_inputs
from escalation.services.ports import DefinitionCatalog, UnitOfWork

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What one action did, for the user to read back."""

    case_id: int
    action: str
    from_state: str
    to_state: str
    deadlines_set: list[Deadline]
    deadlines_closed: list[Event]
    letter_id: int | None = None  # the letter the action drafted
    letter_problem: str | None = None  # why the action's letter could not be drafted
    letter_template: str | None = None

    @property
    def warnings(self) -> list[str]:
        return [d.warning for d in self.deadlines_set if d.warning]


def definition_for(
    uow: UnitOfWork, catalog: DefinitionCatalog, name: str, version: int
) -> WorkflowDefinition:
    """The exact definition a case follows: installed, or the copy stored when it was opened."""
    installed = {d.version for d in catalog.list() if d.name == name}
    if version in installed:
        return catalog.get(name, version)
    source = uow.workflow_versions.source(name, version)
    if source is None:
        return catalog.get(name, version)  # raises UnknownWorkflowError naming what is installed
    return catalog.parse(source, origin=f"{name} version {version} (stored in the database)")


def add_provider(
    *, uow: UnitOfWork, name: str, kvk: str, kind: str, alias: str | None, now: datetime
) -> Provider:
    try:
        provider_kind = ProviderKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in ProviderKind)
        raise InvalidInputError(
            f"'{kind}' is not a kind of provider; use one of: {kinds}."
        ) from None
    if not name.strip():
        raise InvalidInputError("A provider needs a name.")
    provider = Provider(kvk=check_kvk(kvk), name=name.strip(), kind=provider_kind, alias=alias)
    with uow:
        uow.providers.add(provider, now=now)
        uow.commit()
    return provider


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
) -> int:
    """Open a case in the workflow's initial state, pinned to its newest installed version."""
    definition = catalog.get(workflow)
    with uow:
        provider = uow.providers.get(check_kvk(provider_kvk))
        uow.workflow_versions.remember(
            definition.name,
            definition.version,
            catalog.source(definition.name, definition.version),
            now=now,
        )
        case = Case(
            provider=provider,
            workflow_name=definition.name,
            workflow_version=definition.version,
            state=definition.initial,
            opened_on=on,
            title=title,
            handler=handler,
        )
        case.events.append(
            Event(
                type=EventType.CASE_OPENED,
                at=now,
                on=on,
                by=by,
                to_state=definition.initial,
                details={"workflow": definition.name, "version": definition.version},
            )
        )
        case_id = uow.cases.add(case, now=now)
        uow.commit()
    logger.info("case %s opened for KvK %s", case_id, provider.kvk)
    return case_id


def apply_action(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    case_id: int,
    action: str,
    on: date,
    params: Mapping[str, str],
    reason: str | None,
    by: str,
    now: datetime,
    renderer: LetterRenderer | None = None,
) -> ActionResult:
    """Take one action on a case, in one transaction: all of it is stored, or nothing.

    With a renderer, the action's letter (`letter:` in the workflow) is drafted in the same
    transaction; `params` may then also carry the letter's own fields (e.g. `dictum`).

    Raises:
        UnknownCaseError, InvalidActionError, InvalidParameterError, ConcurrentChangeError.
    """
    with uow:
        case = uow.cases.get(case_id)
        if on < case.opened_on:
            raise InvalidActionError(
                f"Case {case_id} was opened on {case.opened_on.isoformat()}; an action cannot "
                f"be dated {on.isoformat()}, before that."
            )
        definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
        from_state = case.state
        before = len(case.deadlines)
        spec = definition.action(action)
        action_params, letter_inputs = split_letter_inputs(spec, params, renderer)
        events = catalog.machine(definition).fire(
            case,
            action,
            on=on,
            now=now,
            by=by,
            raw_params=action_params,
            reason=reason,
            calendar=calendar,
        )
        uow.cases.save(case, now=now)
        draft = None
        if renderer is not None:
            draft = draft_action_letter(
                uow=uow,
                renderer=renderer,
                case=case,
                action=spec,
                events=events,
                inputs=letter_inputs,
                now=now,
            )
        if draft is not None and draft.letter_id is not None:
            case.events.append(
                letter_issued(
                    letter_id=draft.letter_id,
                    template=draft.template,
                    fmt="md",
                    on=on,
                    by=by,
                    now=now,
                    action=action,
                )
            )
            uow.cases.save(case, now=now)
        uow.commit()
    logger.info("case %s: %s (%s -> %s)", case_id, action, from_state, case.state)
    closed = {EventType.DEADLINE_MET, EventType.DEADLINE_CANCELLED}
    return ActionResult(
        case_id=case_id,
        action=action,
        from_state=from_state,
        to_state=case.state,
        deadlines_set=case.deadlines[before:],
        deadlines_closed=[e for e in events if e.type in closed],
        letter_id=draft.letter_id if draft else None,
        letter_problem=draft.problem if draft else None,
        letter_template=draft.template if draft else None,
    )
