"""Use cases of the bezwaar procedure: record a bezwaarschrift, take its steps, show them.

A bezwaar is known by its id or as KENMERK/N (the N-th bezwaar against that besluit). Every
step loads the case, lets the domain (escalation.domain.bezwaar_*) check and record it, and
saves the case in one transaction; the case's main track is never touched, so a bezwaar
against the aanwijzing of a closed case is recorded and decided as any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from escalation.domain.beslisdwangsom import Exposure, exposure
from escalation.domain.besluiten import Besluit, Bezwaar
from escalation.domain.bezwaar_procedure import (
    BEROEP_KIND,
    BESLISTERMIJN_KIND,
    Filing,
    Rules,
    add_bezwaar,
    current_termijn,
    end_of_bezwaartermijn,
    locate,
)
from escalation.domain.bezwaar_terms import Beslistermijn
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.dwangsom_case import reproject
from escalation.domain.errors import InvalidInputError, UnknownBezwaarError
from escalation.domain.events import Event, Stamp
from escalation.domain.four_eyes import refuse_concept
from escalation.domain.model import Case
from escalation.domain.reminders import arm
from escalation.formatting import long_day
from escalation.i18n import _
from escalation.services.besluiten import case_of, find
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, UnitOfWork


@dataclass(frozen=True, slots=True)
class Target:
    """What a step works on: the loaded case, the besluit, the bezwaar, the rules, the uow."""

    case: Case
    besluit: Besluit
    bezwaar: Bezwaar
    rules: Rules
    uow: UnitOfWork


Step = Callable[[Target], object]


@dataclass(frozen=True, slots=True)
class BezwaarDetail:
    """`bezwaar show`: the bezwaar, its besluit, its terms as they now stand, its history."""

    id: int
    case_id: int
    besluit: Besluit
    bezwaar: Bezwaar
    bezwaartermijn: date  # the last day of the besluit's bezwaar term (6:7, 6:8)
    termijn: Beslistermijn  # the beslistermijn as the recorded facts make it (7:10)
    deadline: Deadline | None  # the beslistermijn deadline (open, met or passed)
    exposure: Exposure | None  # 4:17, once an ingebrekestelling was received
    beslissing: Besluit | None  # the beslissing op bezwaar, once decided
    beroep: Deadline | None  # the beroep term against the beslissing op bezwaar
    history: list[Event]

    @property
    def ref(self) -> str:
        return f"{self.besluit.kenmerk}/{self.bezwaar.number}"


@dataclass(frozen=True, slots=True)
class Context:
    """What every bezwaar use case needs besides the user's input."""

    uow: Callable[[], UnitOfWork]
    catalog: DefinitionCatalog
    calendar: AtwCalendar
    today: date


def add(ctx: Context, besluit_ref: str, filing: Filing, *, stamp: Stamp) -> BezwaarDetail:
    """Record a bezwaarschrift against the besluit (kenmerk or id); judges its timeliness."""
    not_after_today(filing.ontvangen, ctx.today, what="--ontvangen")
    with ctx.uow() as uow:
        case = uow.cases.get(case_of(uow, besluit_ref))
        besluit = refuse_concept(find(case, besluit_ref), what=_("a bezwaar"))
        rules = _rules(uow, ctx, case)
        bezwaar = add_bezwaar(case, besluit, filing, stamp=stamp, rules=rules)
        _prescription(case, rules, stamp)
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return show(ctx, f"{besluit.kenmerk}/{bezwaar.number}")


def change(ctx: Context, ref: str, step: Step, *, stamp: Stamp) -> BezwaarDetail:
    """Take one step on the bezwaar (a domain function of bezwaar_steps or bezwaar_beslissing)."""
    with ctx.uow() as uow:
        case, besluit, bezwaar = _load(uow, ref)
        rules = _rules(uow, ctx, case)
        step(Target(case, besluit, bezwaar, rules, uow))
        _prescription(case, rules, stamp)
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return show(ctx, f"{besluit.kenmerk}/{bezwaar.number}")


def show(ctx: Context, ref: str) -> BezwaarDetail:
    with ctx.uow() as uow:
        case, besluit, bezwaar = _load(uow, ref)
        history = uow.cases.history(case.id or 0)
    return _detail(case, besluit, bezwaar, history, ctx.calendar)


def listing(ctx: Context, *, besluit: str | None = None) -> list[BezwaarDetail]:
    """Every bezwaar, or those against one besluit (kenmerk or id), in the order received."""
    with ctx.uow() as uow:
        if besluit is not None:
            case = uow.cases.get(case_of(uow, besluit))
            chosen = find(case, besluit)
            refs = [(case.id or 0, chosen.kenmerk, z.number) for z in chosen.bezwaren]
        else:
            refs = [(c, k, n) for _i, c, k, n in uow.besluiten.bezwaren()]
        cases: dict[int, Case] = {}
        found = []
        for case_id, kenmerk, number in refs:
            case = cases.get(case_id) or cases.setdefault(case_id, uow.cases.get(case_id))
            besluit_, bezwaar = locate(case, kenmerk, number)
            found.append(_detail(case, besluit_, bezwaar, [], ctx.calendar))
    return found


def not_after_today(day: date, today: date, *, what: str) -> None:
    """A fact that happened cannot be dated after today."""
    if day > today:
        raise InvalidInputError(
            _("{option} {day} is after today ({today}): record what has happened.").format(
                option=what, day=long_day(day), today=long_day(today)
            )
        )


def resolve(uow: UnitOfWork, ref: str) -> tuple[int, str, int]:
    """(case id, besluit kenmerk or id, number) of the bezwaar `ref`: its id or KENMERK/N."""
    text = ref.strip()
    kenmerk, slash, number = text.rpartition("/")
    if slash and number.isdigit() and kenmerk:
        case_id = uow.besluiten.case_of(kenmerk)
        if case_id is not None:
            return case_id, kenmerk, int(number)
    elif text.isascii() and text.isdigit() and len(text) < 19:
        for _i, case_id, found, n in uow.besluiten.bezwaren(int(text)):
            return case_id, found, n
    raise UnknownBezwaarError(
        _("There is no bezwaar '{ref}'. `escalation bezwaar list` shows them.").format(ref=text)
    )


def _load(uow: UnitOfWork, ref: str) -> tuple[Case, Besluit, Bezwaar]:
    case_id, besluit_ref, number = resolve(uow, ref)
    case = uow.cases.get(case_id)
    besluit, bezwaar = locate(case, find(case, besluit_ref).kenmerk, number)
    return case, besluit, bezwaar


def _prescription(case: Case, rules: Rules, stamp: Stamp) -> None:
    """A bezwaar against a last onder dwangsom lengthens the prescription of its forfeitures
    while it is pending (Awb 5:35 lid 2): their verjaring deadlines move with it."""
    reproject(
        case, today=stamp.on, stamp=stamp,
        arm=lambda d: arm(d, rules.ladder(d.kind), rules.calendar),
    )  # fmt: skip


def _rules(uow: UnitOfWork, ctx: Context, case: Case) -> Rules:
    definition = definition_for(uow, ctx.catalog, case.workflow_name, case.workflow_version)

    def ladder(kind: str) -> tuple[int, ...]:
        return case.reminder_ladders.get(kind) or definition.ladder(kind)

    return Rules(calendar=ctx.calendar, ladder=ladder)


def _detail(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, history: list[Event], calendar: AtwCalendar
) -> BezwaarDetail:
    beslissing = case.besluit(bezwaar.beslissing) if bezwaar.beslissing else None
    own = [
        e
        for e in history
        if getattr(e, "besluit", None) == besluit.kenmerk
        and getattr(e, "bezwaar", None) == bezwaar.number
    ]
    return BezwaarDetail(
        id=bezwaar.id or 0,
        case_id=case.id or 0,
        besluit=besluit,
        bezwaar=bezwaar,
        bezwaartermijn=end_of_bezwaartermijn(besluit, calendar),
        termijn=current_termijn(besluit, bezwaar, calendar),
        deadline=_deadline(case, BESLISTERMIJN_KIND, besluit.kenmerk, bezwaar.number),
        exposure=_exposure(bezwaar, beslissing, calendar),
        beslissing=beslissing,
        beroep=_deadline(case, BEROEP_KIND, beslissing.kenmerk, None) if beslissing else None,
        history=own,
    )


def _deadline(case: Case, kind: str, kenmerk: str, number: int | None) -> Deadline | None:
    """The newest deadline of this kind for the besluit (and bezwaar) that was not cancelled."""
    return next(
        (
            d
            for d in reversed(case.deadlines)
            if d.kind == kind
            and d.besluit == kenmerk
            and d.bezwaar == number
            and d.status is not DeadlineStatus.CANCELLED
        ),
        None,
    )


def _exposure(
    bezwaar: Bezwaar, beslissing: Besluit | None, calendar: AtwCalendar
) -> Exposure | None:
    if bezwaar.ingebrekestelling is None:
        return None
    sent = beslissing.verzonden if beslissing else None
    return exposure(bezwaar.ingebrekestelling, calendar=calendar, bekendgemaakt=sent)
