"""Use cases around who handles a case and when they are reminded: assign, ladders, moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from escalation.domain.atw import TermBasis, compute_term, fixed_date
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.definition import DeadlineKind
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Stamp
from escalation.domain.model import Case
from escalation.domain.reminders import arm, next_reminder
from escalation.domain.terms import Term
from escalation.i18n import N_, _
from escalation.services.definitions import definition_for
from escalation.services.ports import DefinitionCatalog, UnitOfWork
from escalation.texts import Arg, Msg


def assign_handler(*, uow: UnitOfWork, case_id: int, handler: str, stamp: Stamp) -> str | None:
    """Make `handler` the case's handler; returns the previous one."""
    with uow:
        case = uow.cases.get(case_id)
        previous = case.assign(handler, stamp=stamp)
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return previous


def set_reminder_ladder(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    case_id: int,
    kind: str,
    ladder: tuple[int, ...] | None,
    stamp: Stamp,
) -> tuple[int, ...]:
    """Give this case its own reminder ladder for a deadline kind (None: the workflow's)."""
    with uow:
        case = uow.cases.get(case_id)
        definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
        if definition.deadline_kind(kind) is None:
            kinds = ", ".join(k.name for k in definition.deadline_kinds)
            raise InvalidInputError(
                _("'{kind}' is not a deadline kind; the kinds are: {kinds}.").format(
                    kind=kind, kinds=kinds
                )
            )
        effective = ladder or definition.ladder(kind)
        case.set_reminder_ladder(
            kind,
            ladder,
            effective=effective,
            rearm=lambda d: next_reminder(d.due, effective, after=stamp.on, calendar=calendar),
            stamp=stamp,
        )
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return effective


def move_deadline(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    case_id: int,
    kind: str,
    to: date | Term,
    stamp: Stamp,
) -> Deadline:
    """Move an open deadline to a new date (or extend it by a term); its reminders re-arm.

    The old deadline stays in the record as cancelled; the new one is a fixed date that
    says where it came from.
    """
    if not (stamp.reason or "").strip():
        raise InvalidInputError(
            _("Say why the deadline moves (--reason); it goes into the history.")
        )
    with uow:
        case = uow.cases.get(case_id)
        definition = definition_for(uow, catalog, case.workflow_name, case.workflow_version)
        old = _awaited(case, kind)
        _refuse_statutory(old, definition.deadline_kind(kind))
        moved = _moved(old, to, calendar=calendar, stamp=stamp)
        ladder = case.reminder_ladders.get(kind) or definition.ladder(kind)
        case.move_deadline(old, arm(moved, ladder, calendar), stamp=stamp)
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return case.deadlines[-1]  # with the id the database gave it


def _refuse_statutory(deadline: Deadline, kind: DeadlineKind | None) -> None:
    """A statutory term changes only through its legal route, never by hand."""
    statutory = TermBasis.STATUTORY in (deadline.basis, None if kind is None else kind.basis)
    if not statutory:
        return
    raise InvalidInputError(
        _(
            "'{kind}' is a statutory term ({basis}) and cannot be moved by hand: it changes only "
            "through its legal route, a verdaging, an opschorting or a court's schorsing."
        ).format(kind=deadline.kind, basis=deadline.legal_basis or _("statutory"))
    )


def _awaited(case: Case, kind: str) -> Deadline:
    found = [d for d in case.deadlines if d.kind == kind and d.is_awaited]
    if not found:
        open_kinds = ", ".join(sorted({d.kind for d in case.deadlines if d.is_awaited}))
        raise InvalidInputError(
            _("Case {case} has no open '{kind}' deadline to move. Open deadlines: {kinds}.").format(
                case=case.id, kind=kind, kinds=open_kinds or _("none")
            )
        )
    return max(found, key=lambda d: d.due)


def _moved(old: Deadline, to: date | Term, *, calendar: AtwCalendar, stamp: Stamp) -> Deadline:
    if isinstance(to, Term):
        basis = TermBasis.STATUTORY if old.basis is TermBasis.STATUTORY else TermBasis.SELF_SET
        extension = compute_term(old.due, to, basis=basis, calendar=calendar)
        result = fixed_date(extension.end, calendar=calendar, start=old.start)
        how = N_("extended by {term} from {old} to {new} on {on} by {by}: {reason}")
    else:
        if old.start is not None and to < old.start:
            raise InvalidInputError(
                _("{day} is before the start of the '{kind}' term ({start}).").format(
                    day=to.isoformat(), kind=old.kind, start=old.start.isoformat()
                )
            )
        result = fixed_date(to, calendar=calendar, start=old.start)
        how = N_("moved from {old} to {new} on {on} by {by}: {reason}")
    facts: dict[str, Arg] = {"old": old.due, "new": result.end, "on": stamp.on, "by": stamp.by}
    facts["reason"] = stamp.reason or ""
    if isinstance(to, Term):
        facts["term"] = str(to)
    step = Msg(how, facts)  # the explanation's last step: shown in the reader's language
    return replace(
        old,
        due=result.end,
        basis=result.basis,
        steps=(*old.steps, step),
        proposed=result.proposed,
        warning=result.warning,
        set_by="move_deadline",
        set_on=stamp.on,
        status=DeadlineStatus.OPEN,
        closed_on=None,
        id=None,
    )
