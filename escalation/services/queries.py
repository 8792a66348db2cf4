"""Read models for `list` and `show`: plain dataclasses, never rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from escalation.domain.besluiten import Besluit
from escalation.domain.deadline import Deadline
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Event
from escalation.domain.letters import LetterRecord
from escalation.domain.model import CaseSummary, Provider
from escalation.domain.subjects import Location
from escalation.domain.watch_next import WatchStep, next_steps
from escalation.i18n import _
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, UnitOfWork


@dataclass(frozen=True, slots=True)
class CaseDetail:
    id: int
    state: str
    workflow: str
    workflow_version: int
    provider: Provider
    title: str | None
    handler: str | None
    opened_on: date
    allowed_actions: list[str]
    blocked_actions: list[tuple[str, str]]
    deadlines: list[Deadline]
    history: list[Event]
    letters: list[LetterRecord] = field(default_factory=list)
    besluiten: list[Besluit] = field(default_factory=list)
    watch: list[WatchStep] = field(default_factory=list)  # what the deadline watch does next
    location: Location | None = None  # the provider's location the case names
    signal: int | None = None  # the signal the case was opened for
    organisation: str = "IGJ"  # the lead inspectorate
    co_organisations: tuple[str, ...] = ()  # the others of a joint case


def case_detail(
    *, uow: UnitOfWork, catalog: DefinitionCatalog, case_id: int, today: date
) -> CaseDetail:
    with uow:
        case = uow.cases.get(case_id)
        definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
        history = uow.cases.history(case_id)
        letters = uow.letters.for_case(case_id)
        location, signal = uow.subjects.scope(case_id)
    options = catalog.machine(definition).availability(case, on=today)
    return CaseDetail(
        id=case_id,
        state=case.state,
        workflow=case.workflow_name,
        workflow_version=case.workflow_version,
        provider=case.provider,
        title=case.title,
        handler=case.handler,
        opened_on=case.opened_on,
        allowed_actions=[o.action for o in options if o.blocked_by is None],
        blocked_actions=[(o.action, o.blocked_by) for o in options if o.blocked_by],
        deadlines=sorted(case.deadlines, key=lambda d: (d.due, d.id or 0)),
        history=history,
        letters=letters,
        besluiten=list(case.besluiten),
        watch=next_steps(case, definition, today=today),
        location=location,
        signal=signal,
        organisation=case.organisation,
        co_organisations=case.co_organisations,
    )


def list_cases(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    state: str | None = None,
    provider_kvk: str | None = None,
) -> list[CaseSummary]:
    """The cases, optionally in one state or of one provider.

    Raises:
        InvalidInputError: `state` is no state of any installed workflow or stored case.
    """
    with uow:
        if state is not None:
            check_state(state, uow, catalog)
        return uow.cases.summaries(state=state, provider_kvk=provider_kvk)


def check_state(state: str, uow: UnitOfWork, catalog: DefinitionCatalog) -> None:
    known = {s for d in catalog.list() for s in d.state_names} | uow.cases.states()
    if state not in known:
        raise InvalidInputError(
            _("'{state}' is not a state. The states are: {states}.").format(
                state=state, states=", ".join(sorted(known))
            )
        )


def case_history(*, uow: UnitOfWork, case_id: int) -> list[Event]:
    with uow:
        uow.cases.get(case_id)
        return uow.cases.history(case_id)
