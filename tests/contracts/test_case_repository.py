"""CaseRepository contract: a case and its deadlines read back as the aggregate left them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from escalation.domain.atw import TermBasis
from escalation.domain.besluiten import Bezwaar, Tijdigheid
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.dwangsom import LastTerms, Per
from escalation.domain.errors import UnknownCaseError
from escalation.domain.ledger import Dwangsom, EntryKind
from escalation.domain.model import Case, CaseSummary
from tests.contracts.builders import (
    NOW,
    TODAY,
    Backend,
    act,
    add_case,
    besluit,
    change,
    deadline,
    load,
    opened,
    provider,
    record,
    stamp,
)

ZIENSWIJZE = deadline("zienswijze", date(2025, 2, 14), next_reminder_on=date(2025, 2, 10))
BEZWAAR = deadline("bezwaar", date(2025, 3, 14), basis=TermBasis.FIXED)
TERMS = LastTerms(Decimal(1000), Per.WEEK, Decimal(10000), date(2025, 2, 28))


def with_ladder(case: Case) -> Case:
    case.set_reminder_ladder(
        "zienswijze",
        (-10, -3, 0),
        effective=(-10, -3, 0),
        rearm=lambda d: d.next_reminder_on,
        stamp=stamp(),
    )
    return case


def test_an_added_case_reads_back_with_every_field(backend: Backend) -> None:
    case = with_ladder(opened(provider(), ZIENSWIJZE, BEZWAAR))

    case_id = add_case(backend, case)

    assert record(load(backend, case_id)) == record(case)


def test_adding_gives_the_case_and_each_new_deadline_an_id(backend: Backend) -> None:
    case = opened(provider(), ZIENSWIJZE, BEZWAAR)

    case_id = add_case(backend, case)

    ids = [d.id for d in case.deadlines]
    assert case.id == case_id
    assert None not in ids
    assert len(set(ids)) == 2


def test_an_unknown_case_is_refused(backend: Backend) -> None:
    with backend.uow() as uow, pytest.raises(UnknownCaseError, match="42"):
        uow.cases.get(42)


def _first(case: Case) -> Deadline:
    return case.deadlines[0]


def _moved(case: Case) -> None:
    old = _first(case)
    later = replace(
        old,
        id=None,
        due=date(2025, 2, 28),
        basis=TermBasis.SELF_SET,
        steps=("verplaatst op verzoek",),
        set_on=date(2025, 2, 3),
        next_reminder_on=date(2025, 2, 27),
    )
    case.move_deadline(old, later, stamp=stamp(date(2025, 2, 3)))


def _met(status: DeadlineStatus) -> Callable[[Case], object]:
    def close(case: Case) -> object:
        return case.close_deadlines(
            ["zienswijze"], status, stamp=stamp(date(2025, 2, 3)), action="ontvang_zienswijze"
        )

    return close


def _ladder(ladder: tuple[int, ...] | None) -> Callable[[Case], None]:
    def set_ladder(case: Case) -> None:
        case.set_reminder_ladder(
            "zienswijze",
            ladder,
            effective=ladder or (-14, -3, 0, 1),
            rearm=lambda _: date(2025, 2, 13),
            stamp=stamp(),
        )

    return set_ladder


def _with_term(case: Case) -> None:
    act(case, "start_onderzoek", TODAY)
    act(case, "verstuur_conceptrapport", TODAY, reactietermijn="3 weken")


CHANGES: dict[str, Callable[[Case], object]] = {
    "passed": lambda c: c.mark_passed(_first(c), DeadlineStatus.OVERDUE, at=NOW, by="escalation"),
    "met": _met(DeadlineStatus.MET),
    "cancelled": _met(DeadlineStatus.CANCELLED),
    "reminder scheduled": lambda c: c.schedule_reminder(_first(c), date(2025, 2, 11)),
    "reminder cleared": lambda c: c.schedule_reminder(_first(c), None),
    "ladder re-armed": _ladder((-1,)),
    "ladder dropped": _ladder(None),
    "moved": _moved,
    "assigned": lambda c: c.assign("bram@inspectie.example", stamp=stamp()),
    "action taken": lambda c: act(c, "start_onderzoek", TODAY),
    "action with a term": _with_term,
}


@pytest.mark.parametrize("change_name", CHANGES)
def test_a_change_made_through_the_aggregate_reads_back_in_a_new_unit_of_work(
    backend: Backend, change_name: str
) -> None:
    case_id = add_case(backend, with_ladder(opened(provider(), ZIENSWIJZE, BEZWAAR)))
    before = record(load(backend, case_id))

    changed = change(backend, case_id, CHANGES[change_name])

    assert {**record(changed), "version": 0} != {**before, "version": 0}
    assert record(load(backend, case_id)) == record(changed)


def _rewrite(case: Case, **values: Any) -> None:
    """Change columns of a stored deadline that no public method changes yet.

    Storage must write a deadline exactly as the aggregate holds it (issue 8: the SQL
    repository once updated only status, closed_on and next_reminder_on, and lost a changed
    due date and basis). Until the aggregate has a method for such a correction, this goes
    through the aggregate's own replacement of a deadline, never by setting a field.
    """
    old = _first(case)
    case._replace(old, replace(old, **values))


NEW_VALUES: dict[str, Any] = {
    "kind": "zienswijze_verlengd",
    "due": date(2025, 3, 3),
    "basis": TermBasis.SELF_SET,
    "legal_basis": None,
    "start": date(2025, 2, 3),
    "term": "4 weken",
    "steps": ("start 03-02-2025", "+ 4 weken", "= 03-03-2025"),
    "set_by": "bram",
    "set_on": date(2025, 2, 3),
    "status": DeadlineStatus.OVERDUE,
    "proposed": date(2025, 3, 1),
    "warning": None,
    "closed_on": date(2025, 3, 4),
    "next_reminder_on": None,
    "besluit": "IGJ-2025-000009",  # a besluit of the case (see _with_a_bezwaar)
    "bezwaar": 1,  # that besluit's first bezwaar (a bezwaar belongs to the deadline's besluit)
    "forfeiture": 1,  # the first forfeiture in that besluit's dwangsom ledger
}
# A bezwaar or a forfeiture is known by its besluit and its number: it changes with the besluit.
TOGETHER = {"bezwaar": ("besluit", "bezwaar"), "forfeiture": ("besluit", "forfeiture")}


def test_every_column_of_a_deadline_has_a_new_value_to_store() -> None:
    assert set(NEW_VALUES) == {f.name for f in fields(Deadline)} - {"id"}
    assert all(getattr(ZIENSWIJZE, name) != value for name, value in NEW_VALUES.items())


@pytest.mark.parametrize("column", [*NEW_VALUES, "all at once"])
def test_an_existing_deadline_keeps_each_changed_column(backend: Backend, column: str) -> None:
    case_id = add_case(backend, _with_a_bezwaar(opened(provider(), ZIENSWIJZE, BEZWAAR)))
    names = TOGETHER.get(column, (column,))
    values = NEW_VALUES if column == "all at once" else {n: NEW_VALUES[n] for n in names}

    changed = change(backend, case_id, lambda c: _rewrite(c, **values))

    loaded = load(backend, case_id)
    assert loaded.deadlines == changed.deadlines
    assert [getattr(loaded.deadlines[0], name) for name in values] == list(values.values())


def _with_a_bezwaar(case: Case) -> Case:
    taken = case.take_besluit(besluit("IGJ-2025-000009"), stamp=stamp())
    taken.bezwaren.append(Bezwaar(1, date(2025, 2, 20), Tijdigheid.TIJDIG))
    taken.dwangsom = Dwangsom(TERMS)
    taken.dwangsom.append(
        EntryKind.VERBEURD, on=date(2025, 3, 1), recorded_on=TODAY, amount=Decimal(1000), unit=1
    )
    return case


def test_deadlines_come_back_in_the_order_they_were_added_not_by_due(backend: Backend) -> None:
    late, early = deadline("bezwaar", date(2025, 3, 14)), deadline("zienswijze", date(2025, 2, 3))
    case_id = add_case(backend, opened(provider(), late, early))
    change(backend, case_id, lambda c: c.add_deadline(deadline("b", date(2025, 2, 1)),
                                                      stamp=stamp(), action=None))  # fmt: skip
    change(backend, case_id, _moved)

    loaded = load(backend, case_id)

    ids = [d.id or 0 for d in loaded.deadlines]
    assert ids == sorted(ids)
    assert [d.kind for d in loaded.deadlines] == ["bezwaar", "zienswijze", "b", "bezwaar"]
    assert [d.due for d in loaded.deadlines][-1] == date(2025, 2, 28)


def test_a_case_saved_twice_in_one_unit_of_work_keeps_both_changes(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider(), ZIENSWIJZE))

    with backend.uow() as uow:
        case = uow.cases.get(case_id)
        case.mark_passed(_first(case), DeadlineStatus.OVERDUE, at=NOW, by="escalation")
        uow.cases.save(case, now=NOW)
        again = uow.cases.get(case_id)
        again.assign("bram", stamp=stamp())
        uow.cases.save(again, now=NOW)
        uow.commit()

    loaded = load(backend, case_id)
    assert (loaded.handler, _first(loaded).status) == ("bram", DeadlineStatus.OVERDUE)
    assert loaded.version == again.version


def test_the_version_a_save_leaves_on_the_case_is_the_stored_one(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider(), ZIENSWIJZE))
    first = load(backend, case_id).version

    saved = change(backend, case_id, lambda c: c.schedule_reminder(_first(c), TODAY))

    assert saved.version != first
    assert load(backend, case_id).version == saved.version


def summary(case: Case, next_due: date | None) -> CaseSummary:
    return CaseSummary(
        id=case.id or 0,
        provider=case.provider,
        state=case.state,
        workflow_name=case.workflow_name,
        workflow_version=case.workflow_version,
        title=case.title,
        handler=case.handler,
        opened_on=case.opened_on,
        next_due=next_due,
    )


def test_a_summary_shows_the_case_and_its_earliest_open_deadline(backend: Backend) -> None:
    passed, met = deadline("a", date(2025, 1, 10)), deadline("b", date(2025, 1, 20))
    case = opened(provider(), BEZWAAR, ZIENSWIJZE, passed, met)
    case_id = add_case(backend, case)
    changed = change(backend, case_id, lambda c: (
        c.mark_passed(c.deadlines[2], DeadlineStatus.OVERDUE, at=NOW, by="escalation"),
        c.close_deadlines(["b"], DeadlineStatus.MET, stamp=stamp(), action=None),
    ))  # fmt: skip
    bare_id = add_case(backend, opened(provider()))

    with backend.uow() as uow:
        summaries = uow.cases.summaries()

    assert summaries == [summary(changed, ZIENSWIJZE.due), summary(load(backend, bare_id), None)]


def test_states_are_those_some_stored_case_is_in(backend: Backend) -> None:
    first = add_case(backend, opened(provider()))
    add_case(backend, opened(provider()))
    with backend.uow() as uow:
        nothing = uow.cases.states()
    change(backend, first, lambda c: act(c, "start_onderzoek", TODAY))

    with backend.uow() as uow:
        assert uow.cases.states() == {"signaal", "onderzoek"}
    assert nothing == {"signaal"}


def test_ids_are_in_order_and_filter_by_state(backend: Backend) -> None:
    first = add_case(backend, opened(provider()))
    second = add_case(backend, opened(provider()))
    change(backend, second, lambda c: act(c, "start_onderzoek", TODAY))

    with backend.uow() as uow:
        assert uow.cases.ids() == [first, second]
        assert uow.cases.ids(state="onderzoek") == [second]
        assert uow.cases.ids(state="rapport") == []


def test_summaries_are_by_case_id_and_filter_by_state_and_provider(backend: Backend) -> None:
    focus, altra = provider(), provider("11111111", "Altra", alias=None)
    first = add_case(backend, opened(focus))
    second = add_case(backend, opened(altra))
    third = add_case(backend, opened(focus))
    change(backend, second, lambda c: act(c, "start_onderzoek", TODAY))
    change(backend, first, lambda c: act(c, "start_onderzoek", TODAY))

    with backend.uow() as uow:
        every = [s.id for s in uow.cases.summaries()]
        in_onderzoek = [s.id for s in uow.cases.summaries(state="onderzoek")]
        of_focus = [s.id for s in uow.cases.summaries(provider_kvk=focus.kvk)]
        both = [s.id for s in uow.cases.summaries(state="signaal", provider_kvk=focus.kvk)]
        none = uow.cases.summaries(state="gesloten")

    assert every == [first, second, third]
    assert in_onderzoek == [first, second]
    assert of_focus == [first, third]
    assert both == [third]
    assert none == []
