"""`case do-many`: one action on many cases, a chunk of cases per transaction.

Each case goes through the same two steps as `case do` (services.cases): `fire_action`, every
check and the events in memory, then `store_action`, the same history, hash chain and letter.
A case refused by a check (state, guard, role, date, parameters, an unknown case) is refused
before anything of it is written, so its chunk goes on with the next case. A case that fails
while it is written (rare: a database refusal) rolls its chunk back; the chunk is then done
again without it, so the good cases of the chunk are kept and the bad one is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from escalation.domain.calendar import AtwCalendar
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import ConcurrentChangeError, EscalationError, InvalidInputError
from escalation.domain.events import Stamp
from escalation.i18n import _
from escalation.services.cases import (
    ActionResult,
    Fired,
    fire_action,
    store_action,
)
from escalation.services.letter_ports import LetterRenderer
from escalation.services.ports import DefinitionCatalog, UnitOfWork

CHUNK = 500  # cases per transaction


@dataclass(frozen=True, slots=True)
class Refused:
    """A case the action was not taken on, and why (a sentence for the user)."""

    case_id: int
    reason: str


@dataclass(slots=True)
class BulkResult:
    done: list[ActionResult] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BulkAction:
    """What to do to each case: the action, its parameters, who and when."""

    action: str
    params: Mapping[str, str]
    stamp: Stamp
    role: str | None = None


def check_action(catalog: DefinitionCatalog, action: str) -> None:
    """Refuse an action that no installed workflow has, before any case is read.

    Raises:
        InvalidInputError: the action is unknown, with the actions there are.
    """
    known = {a.name for d in catalog.list() for a in d.actions}
    if action not in known:
        raise InvalidInputError(
            _("'{action}' is not an action of any workflow. The actions are: {known}.").format(
                action=action, known=", ".join(sorted(known))
            )
        )


def apply_many(
    *,
    uow_factory: Callable[[], UnitOfWork],
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    case_ids: Sequence[int],
    what: BulkAction,
    renderer: LetterRenderer | None = None,
    advance: Callable[[int], object] | None = None,
    chunk: int = CHUNK,
) -> BulkResult:
    """Take `what` on each case, `chunk` cases per transaction; `advance(n)` after each chunk.

    Raises:
        ConcurrentChangeError: a chunk could not be committed (the earlier ones are).
    """
    result = BulkResult()
    for start in range(0, len(case_ids), chunk):
        ids = case_ids[start : start + chunk]
        done, refused = _chunk(uow_factory, catalog, calendar, ids, what, renderer)
        result.done += done
        result.refused += refused
        if advance is not None:
            advance(len(ids))
    return result


class _NotInBulk(Exception):
    """Writing the chunk in bulk failed on something else than a concurrent change."""


def _chunk(
    uow_factory: Callable[[], UnitOfWork],
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    ids: Sequence[int],
    what: BulkAction,
    renderer: LetterRenderer | None,
) -> tuple[list[ActionResult], list[Refused]]:
    """One transaction over `ids`; again without a case that failed while it was written,
    and again case by case when the bulk write failed without naming a case."""
    failed: list[Refused] = []
    pending = list(ids)
    bulk = True
    while True:
        with uow_factory() as uow:
            try:
                step = _bulk_pass if bulk else _pass
                done, refused, broken = step(uow, catalog, calendar, pending, what, renderer)
            except _NotInBulk:
                bulk = False
                continue
            if broken is None:
                uow.commit()
                order = {case_id: n for n, case_id in enumerate(ids)}
                return done, sorted(failed + refused, key=lambda r: order[r.case_id])
        failed.append(broken)
        pending.remove(broken.case_id)


def _bulk_pass(
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    ids: Sequence[int],
    what: BulkAction,
    renderer: LetterRenderer | None,
) -> tuple[list[ActionResult], list[Refused], Refused | None]:
    """The chunk read with `get_many`, each case fired, all written with `save_many`."""
    loaded = uow.cases.get_many(ids)
    refused: list[Refused] = []
    fired: list[Fired] = []
    unsaved = 0  # fired[unsaved:] is not written yet
    definitions: dict[tuple[str, int], WorkflowDefinition] = {}
    for case_id in ids:
        try:
            one = fire_action(uow, catalog, calendar, case_id, what.action, what.params,
                              stamp=what.stamp, renderer=renderer, role=what.role,
                              definitions=definitions, case=loaded.get(case_id))  # fmt: skip
        except EscalationError as err:
            refused.append(Refused(case_id, str(err)))
            continue
        fired.append(one)
        if any(b.id is None for b in one.case.besluiten):
            # A new besluit took the next number: written before the next case draws one.
            unsaved = _save(uow, fired, unsaved, what)
    _save(uow, fired, unsaved, what)
    done: list[ActionResult] = []
    for one in fired:
        try:
            done.append(store_action(uow, one, calendar=calendar, renderer=renderer, saved=True))
        except EscalationError as err:
            return done, refused, Refused(one.case.id or 0, str(err))
    return done, refused, None


def _save(uow: UnitOfWork, fired: list[Fired], unsaved: int, what: BulkAction) -> int:
    """Write fired[unsaved:] together; returns the new count of those written."""
    try:
        uow.cases.save_many([f.case for f in fired[unsaved:]], now=what.stamp.at)
    except ConcurrentChangeError:
        raise
    except EscalationError as err:
        raise _NotInBulk from err
    return len(fired)


def _pass(
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    ids: Sequence[int],
    what: BulkAction,
    renderer: LetterRenderer | None,
) -> tuple[list[ActionResult], list[Refused], Refused | None]:
    done: list[ActionResult] = []
    refused: list[Refused] = []
    definitions: dict[tuple[str, int], WorkflowDefinition] = {}  # read once per transaction
    for case_id in ids:
        try:
            fired = fire_action(uow, catalog, calendar, case_id, what.action, what.params,
                                stamp=what.stamp, renderer=renderer, role=what.role,
                                definitions=definitions)  # fmt: skip
        except EscalationError as err:
            refused.append(Refused(case_id, str(err)))
            continue
        try:
            done.append(store_action(uow, fired, calendar=calendar, renderer=renderer))
        except ConcurrentChangeError:
            raise
        except EscalationError as err:
            return done, refused, Refused(case_id, str(err))
    return done, refused, None
