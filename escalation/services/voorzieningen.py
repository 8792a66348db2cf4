"""Use cases of voorlopige voorzieningen: request one against a besluit, its uitspraak, list, show.

A besluit's life continues after its case is closed: these never look at the case's state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from escalation.domain import voorzieningen
from escalation.domain.besluiten import Besluit, Voorziening
from escalation.domain.deadline import Deadline
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Event, Stamp
from escalation.domain.four_eyes import refuse_concept
from escalation.domain.model import Case
from escalation.domain.voorzieningen import Suspension, UnknownVoorzieningError
from escalation.domain.vovo_events import VoorzieningDecided, VoorzieningRequested
from escalation.i18n import _
from escalation.services.base import UseCases
from escalation.services.besluiten import case_of, find
from escalation.services.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class VoorzieningView:
    """A voorziening with its besluit and case, and what it suspends on the day asked."""

    case_id: int
    besluit: Besluit
    voorziening: Voorziening
    suspension: Suspension | None  # of the besluit, by this voorziening, on that day
    deadlines: list[Deadline]  # the besluit's deadlines (suspended with it, if it is)
    warnings: list[str]
    history: list[Event]


def add_voorziening(
    *,
    uow: UnitOfWork,
    ref: str,
    ingediend: date,
    rechtbank: str | None,
    zaaknummer: str | None,
    today: date,
    stamp: Stamp,
) -> VoorzieningView:
    """Record a request for a voorlopige voorziening against the besluit `ref` (kenmerk or id)."""
    with uow:
        case = uow.cases.get(case_of(uow, ref))
        besluit = refuse_concept(find(case, ref), what=_("a voorlopige voorziening"))
        voorziening, warnings = voorzieningen.request(
            case, besluit, ingediend=ingediend, rechtbank=rechtbank, zaaknummer=zaaknummer,
            today=today, stamp=stamp,
        )  # fmt: skip
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return _view(case, besluit, voorziening, on=today, warnings=warnings)


def decide_voorziening(
    *,
    uow: UnitOfWork,
    ref: str,
    on: date,
    uitkomst: str,
    schorsing_tot: date | None,
    today: date,
    stamp: Stamp,
) -> VoorzieningView:
    """Record the uitspraak on the voorziening with id `ref`."""
    outcome = voorzieningen.parse_uitkomst(uitkomst)
    with uow:
        case, besluit, voorziening = _find(uow, ref)
        voorzieningen.decide(
            case, besluit, voorziening, on=on, uitkomst=outcome, schorsing_tot=schorsing_tot,
            today=today, stamp=stamp,
        )  # fmt: skip
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return _view(case, besluit, voorziening, on=today)


def show_voorziening(*, uow: UnitOfWork, ref: str, today: date) -> VoorzieningView:
    with uow:
        case, besluit, voorziening = _find(uow, ref)
        history = [e for e in uow.cases.history(case.id or 0) if _about(e, besluit, voorziening)]
    return _view(case, besluit, voorziening, on=today, history=history)


def list_voorzieningen(
    *, uow: UnitOfWork, case_id: int | None, besluit: str | None, today: date
) -> list[VoorzieningView]:
    """The voorzieningen of every case, of one case, or against one besluit, oldest first."""
    with uow:
        if besluit is not None:
            case_ids = [case_of(uow, besluit)]
        else:
            if case_id is not None:
                uow.cases.get(case_id)  # an unknown case is an error, not an empty list
            rows = uow.besluiten.listing(case_id=case_id)
            case_ids = sorted({b.case_id for b in rows})
        cases = [uow.cases.get(i) for i in case_ids]
    wanted = [(c, find(c, besluit)) for c in cases] if besluit else [
        (c, b) for c in cases for b in c.besluiten
    ]  # fmt: skip
    views = [_view(c, b, v, on=today) for c, b in wanted for v in b.voorzieningen]
    return sorted(views, key=lambda view: view.voorziening.id or 0)


def _find(uow: UnitOfWork, ref: str) -> tuple[Case, Besluit, Voorziening]:
    text = ref.strip()
    number = int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
    case_id = None if number is None else uow.besluiten.case_of_voorziening(number)
    if number is None or case_id is None:
        if not text:
            raise InvalidInputError(_("Give the id of a voorlopige voorziening."))
        raise UnknownVoorzieningError(
            _(
                "There is no voorlopige voorziening '{vovo}'. `escalation vovo list` shows them."
            ).format(vovo=text)
        )
    case = uow.cases.get(case_id)
    for besluit in case.besluiten:
        for voorziening in besluit.voorzieningen:
            if voorziening.id == number:
                return case, besluit, voorziening
    raise RuntimeError(f"voorziening {number} is not in case {case_id}")  # storage broke


def _view(
    case: Case,
    besluit: Besluit,
    voorziening: Voorziening,
    *,
    on: date,
    warnings: list[str] | None = None,
    history: list[Event] | None = None,
) -> VoorzieningView:
    found = voorzieningen.suspension(besluit, on)
    own = found if found is not None and found.voorziening is voorziening else None
    deadlines = [d for d in case.deadlines if d.besluit == besluit.kenmerk]
    return VoorzieningView(
        case.id or 0, besluit, voorziening, own, deadlines, warnings or [], history or []
    )


def _about(event: Event, besluit: Besluit, voorziening: Voorziening) -> bool:
    return (
        isinstance(event, VoorzieningRequested | VoorzieningDecided)
        and event.besluit == besluit.kenmerk
        and event.number == voorziening.number
    )


class Voorzieningen(UseCases):
    """`app.voorzieningen`: the façade's use cases of voorlopige voorzieningen."""

    def add(
        self,
        besluit: str,
        *,
        ingediend: date,
        rechtbank: str | None = None,
        zaaknummer: str | None = None,
        by: str | None = None,
    ) -> VoorzieningView:
        return add_voorziening(
            uow=self._a.uow(), ref=besluit, ingediend=ingediend, rechtbank=rechtbank,
            zaaknummer=zaaknummer, today=self._on(None), stamp=self._stamp(ingediend, by),
        )  # fmt: skip

    def uitspraak(
        self,
        voorziening: str,
        *,
        on: date,
        uitkomst: str,
        schorsing_tot: date | None = None,
        by: str | None = None,
    ) -> VoorzieningView:
        return decide_voorziening(
            uow=self._a.uow(), ref=voorziening, on=on, uitkomst=uitkomst,
            schorsing_tot=schorsing_tot, today=self._on(None), stamp=self._stamp(on, by),
        )  # fmt: skip

    def show(self, voorziening: str, *, today: date | None = None) -> VoorzieningView:
        return show_voorziening(uow=self._a.uow(), ref=voorziening, today=self._on(today))

    def list(
        self, *, case_id: int | None = None, besluit: str | None = None, today: date | None = None
    ) -> list[VoorzieningView]:
        return list_voorzieningen(
            uow=self._a.uow(), case_id=case_id, besluit=besluit, today=self._on(today)
        )
