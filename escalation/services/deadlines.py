"""The deadline watch: `process_due` (used by `tick` and the scheduler), agenda, simulation."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import DeadlineStatus
from escalation.domain.definition import Awaits, DeadlineKind, Passing, WorkflowDefinition
from escalation.domain.errors import (
    ConcurrentChangeError,
    EscalationError,
    InvalidInputError,
)
from escalation.domain.passing import awaits
from escalation.domain.reminders import (
    AgendaItem,
)
from escalation.i18n import _
from escalation.services.definitions import definition_for
from escalation.services.delivery import DEFAULT_LEASE, DeliveryReport, deliver
from escalation.services.ports import DefinitionCatalog, Mailer, Resolver, UnitOfWork
from escalation.services.sweep import SweepReport, sweep

logger = logging.getLogger(__name__)


@dataclass
class TickReport:
    sweep: SweepReport
    delivery: DeliveryReport
    workflow_problems: list[str] = field(default_factory=list)  # installed files skipped

    @property
    def needs_attention(self) -> bool:
        """A mail failed or a case could not be checked: cron and monitoring should see it."""
        return bool(self.delivery.failed or self.sweep.unchecked)


def check_run_day(today: date, *, real_today: date, force: bool) -> None:
    """Refuse a run dated after the real today unless forced: what it marks passed stays passed.

    Raises:
        InvalidInputError: `today` is after `real_today` and `force` is False.
    """
    if today > real_today and not force:
        raise InvalidInputError(
            _(
                "--today {day} is after today ({today}): a run in the future marks deadlines as "
                "passed for good and mails reminders early. See what would happen with "
                "`escalation simulate --until {day}`, or add --force."
            ).format(day=today.isoformat(), today=real_today.isoformat())
        )


def process_due(
    *,
    uow_factory: Callable[[], UnitOfWork],
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    mailer: Mailer | None,
    resolve: Resolver,
    today: date,
    clock: Callable[[], datetime],
    lease: timedelta = DEFAULT_LEASE,
) -> TickReport:
    """One idempotent run: mark overdue, claim due reminders, fire follow-ups, send the mail.

    Run twice, late, or from two processes at once: each reminder is claimed once per
    (deadline, step) and taken under a lease, so one run sends it; a run that dies while
    sending leaves it to the next run once the lease ends. Its cost grows with what is due,
    not with the number of cases: only due rows are selected, through an index.
    """
    now = clock()
    for attempt in range(3):
        try:
            with uow_factory() as uow:
                report = sweep(uow=uow, catalog=catalog, calendar=calendar, today=today, now=now)
                uow.commit()
            break
        except ConcurrentChangeError:
            if attempt == 2:
                raise
            logger.info("another run changed a case during the sweep; sweeping again")
    delivery = deliver(
        uow_factory=uow_factory,
        catalog=catalog,
        mailer=mailer,
        resolve=resolve,
        today=today,
        clock=clock,
        lease=lease,
    )
    return TickReport(report, delivery, catalog.problems())


@dataclass(frozen=True, slots=True)
class Simulation:
    """What the watch would do each day from `start` to `until` (nothing stored)."""

    start: date
    until: date
    days: list[SweepReport]


def simulate(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    calendar: AtwCalendar,
    start: date,
    until: date,
    now: datetime,
) -> Simulation:
    """Replay every day from `start` to `until` under a virtual clock; nothing is stored.

    Raises:
        InvalidInputError: `until` before `start`, or more than three years ahead.
    """
    if until < start or until - start > timedelta(days=3 * 366):
        raise InvalidInputError(_("--until must be a date after today, at most three years ahead."))
    reports = []
    with uow:
        day = start
        while day <= until:
            reports.append(sweep(uow=uow, catalog=catalog, calendar=calendar, today=day, now=now))
            day += timedelta(days=1)
        uow.rollback()
    return Simulation(start, until, reports)


@dataclass(frozen=True, slots=True)
class Agenda:
    """The deadlines ahead, as seen on `today` (for the days left)."""

    today: date
    items: list[AgendaItem]


def agenda(
    *,
    uow: UnitOfWork,
    today: date,
    until: date | None = None,
    overdue_only: bool = False,
    handler: str | None = None,
    case_id: int | None = None,
    catalog: DefinitionCatalog | None = None,
) -> Agenda:
    """The deadlines still to watch, soonest first, each as its kind means it.

    Open and overdue deadlines, and lapsed provider terms whose next step (the inspectorate's)
    was not taken yet. `overdue_only`: the real alarms only, overdue ones and open ones that
    passed and will be overdue (a lapsed term, an ended window or embargo is no alarm). Without
    `catalog` every kind is read as before issue 10 (passing is overdue).
    """
    with uow:
        if case_id is not None:
            uow.cases.get(case_id)  # an unknown case is an error, not an empty agenda
        items = uow.watch.agenda(
            until=until, overdue_only=overdue_only, handler=handler, case_id=case_id, today=today
        )
        kinds = _Kinds(uow, catalog)
        seen = [_as_seen(i, kinds.of(i), today=today, overdue_only=overdue_only) for i in items]
    return Agenda(today, [i for i in seen if i is not None])


AGENDA_BATCH = 500  # deadlines read at a time by `agenda_items`


@dataclass(frozen=True, slots=True)
class AgendaFilter:
    """Which deadlines `escalation deadlines` shows, as seen on `today`."""

    today: date
    until: date | None = None
    overdue_only: bool = False
    handler: str | None = None
    case_id: int | None = None


def agenda_items(
    *,
    uow: UnitOfWork,
    where: AgendaFilter,
    after: tuple[date, int] | None = None,
    catalog: DefinitionCatalog | None = None,
    uncertain_only: bool = False,
) -> Iterator[AgendaItem]:
    """The items `agenda` shows, after the deadline `after` (its (due, id)), streamed: read
    AGENDA_BATCH rows at a time, so a page reads a batch, not the whole agenda.
    `uncertain_only`: of the rows judged by their kind only (`agenda_count`)."""
    w = where
    with uow:
        kinds = _Kinds(uow, catalog)
        while True:
            rows = uow.watch.agenda(
                until=w.until, overdue_only=w.overdue_only, handler=w.handler, today=w.today,
                case_id=w.case_id, after=after, limit=AGENDA_BATCH, uncertain_only=uncertain_only,
            )  # fmt: skip
            for row in rows:
                item = _as_seen(row, kinds.of(row), today=w.today, overdue_only=w.overdue_only)
                if item is not None:
                    yield item
            if len(rows) < AGENDA_BATCH:
                return
            after = (rows[-1].due, rows[-1].deadline_id)


def agenda_count(
    *,
    uow_factory: Callable[[], UnitOfWork],
    where: AgendaFilter,
    after: tuple[date, int] | None,
    catalog: DefinitionCatalog | None = None,
) -> int:
    """How many items `agenda_items` gives after `after`: counted in SQL where the kind
    cannot matter, read and judged for the rest (lapsed terms, or passed open ones)."""
    w = where
    with uow_factory() as uow:
        certain = uow.watch.count_agenda(
            until=w.until, overdue_only=w.overdue_only, handler=w.handler, today=w.today,
            case_id=w.case_id, after=after,
        )  # fmt: skip
    rest = agenda_items(
        uow=uow_factory(), where=where, after=after, catalog=catalog, uncertain_only=True
    )
    return certain + sum(1 for _ in rest)


def _as_seen(
    item: AgendaItem, kind: DeadlineKind | None, *, today: date, overdue_only: bool
) -> AgendaItem | None:
    """The item as the agenda shows it, or None when it is not one to show."""
    if item.status == DeadlineStatus.LAPSED:
        pending = not overdue_only and awaits(kind) in (Awaits.PROVIDER, None)
        return replace(item, next_step=True) if pending else None
    if overdue_only and item.status == DeadlineStatus.OPEN:
        passing = Passing.OVERDUE if kind is None else kind.passes_as
        grace = 0 if kind is None else kind.grace_days
        passed = item.due + timedelta(days=grace) < today
        return item if passed and passing is Passing.OVERDUE else None
    return item


class _Kinds:
    """The deadline kinds of the workflows the agenda's cases follow, read once each."""

    def __init__(self, uow: UnitOfWork, catalog: DefinitionCatalog | None) -> None:
        self._uow, self._catalog = uow, catalog
        self._definitions: dict[tuple[str, int], WorkflowDefinition | None] = {}

    def of(self, item: AgendaItem) -> DeadlineKind | None:
        key = (item.workflow, item.version)
        if key not in self._definitions:
            self._definitions[key] = self._read(*key)
        definition = self._definitions[key]
        return None if definition is None else definition.deadline_kind(item.kind)

    def _read(self, name: str, version: int) -> WorkflowDefinition | None:
        if self._catalog is None or not name:
            return None
        try:
            return definition_for(self._uow, self._catalog, name, version)
        except EscalationError:  # unreadable: shown as before issue 10
            return None
