"""Literal providers, cases, deadlines and letters for the port contracts, and short-hands."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from escalation.domain.atw import TermBasis
from escalation.domain.besluiten import Besluit, BesluitKind
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline
from escalation.domain.errors import UnknownProviderError
from escalation.domain.events import Stamp
from escalation.domain.letters import LetterFormat, LetterRecord
from escalation.domain.machine import WorkflowMachine
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.services.ports import UnitOfWork
from escalation.workflows import FileWorkflowCatalog

NOW = datetime(2025, 1, 31, 9, 0, 0, 123456, tzinfo=UTC)
TODAY = date(2025, 1, 31)
OPENED = date(2024, 9, 2)


@dataclass(frozen=True)
class Backend:
    name: str
    uow: Callable[[], UnitOfWork]


def stamp(on: date = TODAY, *, by: str = "anna", reason: str | None = None) -> Stamp:
    return Stamp(on=on, at=NOW, by=by, reason=reason)


def provider(
    kvk: str = "87654321",
    name: str = "Focus-Jeugd & Gezin B.V.",
    *,
    alias: str | None = "Focus",
    kind: ProviderKind = ProviderKind.JEUGDHULPAANBIEDER,
) -> Provider:
    return Provider(kvk=kvk, name=name, kind=kind, alias=alias)


def deadline(
    kind: str = "zienswijze",
    due: date = date(2025, 2, 14),
    *,
    basis: TermBasis = TermBasis.STATUTORY,
    next_reminder_on: date | None = None,
    set_on: date = TODAY,
) -> Deadline:
    return Deadline(
        kind=kind,
        due=due,
        basis=basis,
        legal_basis="artikel 4:8 Awb",
        start=set_on,
        term="2 weken",
        steps=("start 31-01-2025", "+ 2 weken = 14-02-2025"),
        set_by="anna",
        set_on=set_on,
        warning="valt in de kerstvakantie",
        next_reminder_on=next_reminder_on,
    )


def besluit(
    kenmerk: str = "IGJ-2025-000001",
    kind: BesluitKind = BesluitKind.AANWIJZING,
    *,
    on: date = TODAY,
    number: int | None = None,
) -> Besluit:
    """A besluit as an action takes it: numbered in its year, sent on its dagtekening."""
    return Besluit(
        kind=kind,
        kenmerk=kenmerk,
        year=on.year,
        number=number if number is not None else int(kenmerk.rsplit("-", 1)[-1]),
        dagtekening=on,
        verzonden=on,
        bestuursorgaan="de Minister van Volksgezondheid, Welzijn en Sport",
        action="geef_aanwijzing",
    )


def opened(
    owner: Provider | None = None,
    *deadlines: Deadline,
    handler: str | None = "anna",
    state: str = "signaal",
) -> Case:
    """A new case, opened through the aggregate, with these deadlines set."""
    case = Case.open(
        provider=owner or provider(),
        workflow="jeugdwet",
        version=3,
        state=state,
        stamp=stamp(OPENED, reason="melding van de gemeente"),
        title="Signaal over Focus",
        handler=handler,
    )
    for d in deadlines:
        case.add_deadline(d, stamp=stamp(d.set_on), action="stel_termijn")
    return case


@functools.cache
def jeugdwet() -> WorkflowMachine:
    catalog = FileWorkflowCatalog()
    return catalog.machine(catalog.get("jeugdwet"))


def act(case: Case, action: str, on: date, **params: str) -> None:
    """Take an action through the real jeugdwet machine: the one way a case changes state."""
    jeugdwet().fire(case, action, stamp=stamp(on), raw_params=params, calendar=AtwCalendar())


def letter(case_id: int, template: str = "aanwijzing", **changes: Any) -> LetterRecord:
    values: dict[str, Any] = {
        "case_id": case_id,
        "template": template,
        "template_sha256": "a" * 64,
        "format": LetterFormat.PDF,
        "context": {"zaak": {"id": case_id, "titel": "Signaal – Focus"}, "bedragen": [1.5, 2]},
        "content": b"%PDF-1.7\x00\xff\xfe binary",
        "output_sha256": "b" * 64,
        "filename": f"{case_id}-{template}.pdf",
        "on": TODAY,
        "issued_by": "anna",
        "issued_at": NOW,
        "action": "geef_aanwijzing",
    }
    return LetterRecord(**{**values, **changes})


def add_providers(backend: Backend, *providers: Provider) -> None:
    with backend.uow() as uow:
        for p in providers:
            uow.providers.add(p, now=NOW)
        uow.commit()


def add_case(backend: Backend, case: Case) -> int:
    """Store a case (and its provider, when new) in a unit of work of its own."""
    with backend.uow() as uow:
        try:
            uow.providers.get(case.provider.kvk)
        except UnknownProviderError:
            uow.providers.add(case.provider, now=NOW)
        case_id = uow.cases.add(case, now=NOW)
        uow.commit()
    return case_id


def change(backend: Backend, case_id: int, edit: Callable[[Case], object]) -> Case:
    """Load the case, change it through `edit`, save and commit; the saved case."""
    with backend.uow() as uow:
        case = uow.cases.get(case_id)
        edit(case)
        uow.cases.save(case, now=NOW)
        uow.commit()
    return case


def load(backend: Backend, case_id: int) -> Case:
    with backend.uow() as uow:
        return uow.cases.get(case_id)


def record(case: Case) -> dict[str, Any]:
    """Every field of a case except its unsaved events: what storage must keep."""
    return {f.name: getattr(case, f.name) for f in fields(case) if f.name != "events"}
