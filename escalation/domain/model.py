"""The case aggregate, its deadlines and the value types around them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from escalation.domain.besluit_events import BesluitStatusChanged, BesluitTaken
from escalation.domain.besluiten import Besluit, BesluitStatus
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.events import (
    ActionTaken,
    CaseOpened,
    DeadlineCancelled,
    DeadlineMet,
    DeadlineMoved,
    DeadlinePassed,
    DeadlineSet,
    Event,
    HandlerAssigned,
    LetterSent,
    RemindersChanged,
    Stamp,
    stamped,
)
from escalation.domain.findings import CaseNorms
from escalation.domain.handlers import check_handler
from escalation.domain.limits import NAME_LENGTH
from escalation.domain.provider import KVK_PATTERN as KVK_PATTERN
from escalation.domain.provider import Provider as Provider
from escalation.domain.provider import ProviderKind as ProviderKind
from escalation.domain.provider import check_kvk as check_kvk
from escalation.domain.terms import Term
from escalation.domain.text import TITLE, optional_line
from escalation.texts import Msg

# The lead inspectorate of a case that names none: every case opened before organisations.
DEFAULT_ORGANISATION = "IGJ"

ParamValue = date | Term | Decimal | str | bool

# Withdrawn, or prepared and not yet established (four-eyes): such a besluit does not count.
_NOT_COUNTED = frozenset({BesluitStatus.INGETROKKEN, BesluitStatus.CONCEPT})


@dataclass(eq=False, slots=True)
class Case:
    """A toezichtszaak: the one mutable aggregate.

    Its state moves only through `machine.fire`; every other change goes through a method
    below, which checks it, changes the case and appends the event that records it. Storage
    reads the new events with `pull_events` and writes back what the database assigns (`id`,
    `version`, and deadline ids with `deadline_stored`); nothing else sets a field.
    """

    provider: Provider
    workflow_name: str
    workflow_version: int
    state: str
    opened_on: date
    title: str | None = None
    handler: str | None = None
    id: int | None = None
    version: int = 0
    organisation: str = DEFAULT_ORGANISATION  # the lead inspectorate ("IGJ")
    co_organisations: tuple[str, ...] = ()  # the others of a joint case ("JENV")
    reminder_ladders: dict[str, tuple[int, ...]] = field(default_factory=dict)
    deadlines: list[Deadline] = field(default_factory=list)
    besluiten: list[Besluit] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    norms: CaseNorms | None = None  # findings per norm and hertoets (read-only here)

    @classmethod
    def open(
        cls,
        *,
        provider: Provider,
        workflow: str,
        version: int,
        state: str,
        stamp: Stamp,
        title: str | None = None,
        handler: str | None = None,
        organisations: tuple[str, tuple[str, ...]] = (DEFAULT_ORGANISATION, ()),
    ) -> Case:
        """A new case in the workflow's initial state, with its CaseOpened event."""
        title = optional_line(title, field=TITLE, limit=NAME_LENGTH)
        handler = None if handler is None else check_handler(handler)
        case = cls(provider, workflow, version, state, stamp.on, title=title, handler=handler)
        case.organisation, case.co_organisations = organisations
        case.events.append(
            CaseOpened(workflow=workflow, version=version, state=state, **stamped(stamp))
        )
        return case

    # --- reading -------------------------------------------------------------------------

    def open_deadlines(self, kind: str | None = None) -> list[Deadline]:
        return [d for d in self.deadlines if d.is_open and (kind is None or d.kind == kind)]

    def latest_deadline(self, kind: str) -> Deadline | None:
        """The most recently set deadline of this kind that was not cancelled."""
        live = [
            d for d in self.deadlines if d.kind == kind and d.status is not DeadlineStatus.CANCELLED
        ]
        return max(live, key=lambda d: (d.set_on, d.id or 0), default=None)

    def deadline(self, deadline_id: int) -> Deadline | None:
        return next((d for d in self.deadlines if d.id == deadline_id), None)

    def besluit(self, kenmerk: str) -> Besluit | None:
        return next((b for b in self.besluiten if b.kenmerk == kenmerk), None)

    def besluiten_of(self, kinds: Iterable[str]) -> list[Besluit]:
        """The case's besluiten of these kinds that count: not withdrawn, not a concept."""
        wanted = set(kinds)
        return [b for b in self.besluiten if b.kind in wanted and b.status not in _NOT_COUNTED]

    # --- besluiten ---------------------------------------------------------------------------

    def take_besluit(self, besluit: Besluit, *, stamp: Stamp) -> Besluit:
        """A besluit the case's action took; its kenmerk is unique within the case."""
        if self.besluit(besluit.kenmerk) is not None:
            raise ValueError(f"the case already has a besluit {besluit.kenmerk}")
        self.besluiten.append(besluit)
        self.events.append(
            BesluitTaken(
                besluit=besluit.kenmerk,
                kind=besluit.kind.value,
                dagtekening=besluit.dagtekening,
                verzonden=besluit.verzonden,
                action=besluit.action,
                **stamped(stamp),
            )
        )
        return besluit

    def set_besluit_status(self, besluit: Besluit, status: BesluitStatus, *, stamp: Stamp) -> None:
        """Move a besluit along its life (bezwaartermijn → onherroepelijk, ...)."""
        if besluit.status is status:
            return
        previous, besluit.status = besluit.status, status
        self.events.append(
            BesluitStatusChanged(
                besluit=besluit.kenmerk,
                from_status=previous.value,
                to_status=status.value,
                **stamped(stamp),
            )
        )

    def record(self, event: Event) -> None:
        """Append an event made by a domain function that changed this case (domain only)."""
        self.events.append(event)

    # --- the main track (called by the machine) ------------------------------------------

    def record_action(
        self, action: str, *, from_state: str, params: Mapping[str, str], stamp: Stamp
    ) -> None:
        """The action has moved the case from `from_state` to its current state."""
        self.events.append(
            ActionTaken(
                action=action,
                from_state=from_state,
                to_state=self.state,
                params=dict(params),
                **stamped(stamp),
            )
        )

    def add_deadline(self, deadline: Deadline, *, stamp: Stamp, action: str | None) -> None:
        self.deadlines.append(deadline)
        self.events.append(
            DeadlineSet(
                kind=deadline.kind,
                due=deadline.due,
                basis=deadline.basis.value,
                action=action,
                **stamped(stamp),
            )
        )

    def close_deadlines(
        self,
        kinds: Iterable[str],
        status: DeadlineStatus,
        *,
        stamp: Stamp,
        action: str | None,
        only: Callable[[Deadline], bool] = lambda _d: True,
    ) -> list[Deadline]:
        """Meet or cancel every awaited deadline of these kinds (late counts as met), or only
        those `only` picks (one forfeiture's, one besluit's)."""
        wanted = set(kinds)
        return [
            self.close_deadline(d, status, stamp=stamp, action=action)
            for d in [d for d in self.deadlines if d.kind in wanted and d.is_awaited and only(d)]
        ]

    def close_deadline(
        self, old: Deadline, status: DeadlineStatus, *, stamp: Stamp, action: str | None
    ) -> Deadline:
        """Close one deadline: met, cancelled, or lapsed (a passed one the case moved past).

        A lapsed deadline closed as lapsed keeps its status: the step its passing called for
        was taken (the action is in the history); an overdue one closed as lapsed is recorded
        as passed with its new status.
        """
        if not old.is_reminded or status is DeadlineStatus.OPEN:
            raise ValueError(f"deadline {old.id} is {old.status}; it cannot become {status}")
        new = self._replace(old, old.close(status, stamp.on))
        kind, due, basis = new.kind, new.due, new.basis.value
        if status is DeadlineStatus.MET:
            self.events.append(
                DeadlineMet(kind=kind, due=due, basis=basis, action=action, **stamped(stamp))
            )
        elif status is DeadlineStatus.CANCELLED:
            self.events.append(
                DeadlineCancelled(kind=kind, due=due, basis=basis, action=action, **stamped(stamp))
            )
        elif old.status is not status:
            self.events.append(
                DeadlinePassed(kind=kind, due=due, status=status.value, **stamped(stamp))
            )
        return new

    # --- the deadline watch ----------------------------------------------------------------

    def mark_passed(
        self, deadline: Deadline, status: DeadlineStatus, *, at: datetime, by: str
    ) -> Deadline:
        """An open deadline's last day went by without the awaited step."""
        if not deadline.is_open:
            raise ValueError(f"deadline {deadline.id} is {deadline.status}, not open")
        new = self._replace(deadline, replace(deadline, status=status))
        self.events.append(
            DeadlinePassed(
                kind=new.kind,
                due=new.due,
                status=status.value,
                at=at,
                on=new.due + timedelta(days=1),
                by=by,
            )
        )
        return new

    def schedule_reminder(self, deadline: Deadline, next_on: date | None) -> Deadline:
        """When the next reminder about this deadline is due (bookkeeping: no event)."""
        return self._replace(deadline, replace(deadline, next_reminder_on=next_on))

    # --- handling ----------------------------------------------------------------------------

    def assign(self, handler: str, *, stamp: Stamp) -> str | None:
        """Make `handler` the case's handler; returns the previous one."""
        cleaned = check_handler(handler)
        previous, self.handler = self.handler, cleaned
        self.events.append(HandlerAssigned(previous=previous, handler=cleaned, **stamped(stamp)))
        return previous

    def set_reminder_ladder(
        self,
        kind: str,
        ladder: tuple[int, ...] | None,
        *,
        effective: tuple[int, ...],
        rearm: Callable[[Deadline], date | None],
        stamp: Stamp,
    ) -> None:
        """This case's own ladder for a deadline kind (None: the workflow's), re-armed now."""
        if ladder is None:
            self.reminder_ladders.pop(kind, None)
        else:
            self.reminder_ladders[kind] = ladder
        for d in [d for d in self.deadlines if d.kind == kind and d.is_awaited]:
            self._replace(d, replace(d, next_reminder_on=rearm(d)))
        self.events.append(RemindersChanged(kind=kind, ladder=effective, **stamped(stamp)))

    def move_deadline(
        self, old: Deadline, moved: Deadline, *, stamp: Stamp, why: Msg | None = None
    ) -> None:
        """Replace an awaited deadline by a moved one; the old one stays, cancelled. `why`: the
        engine's explanation (a person's is `stamp.reason`)."""
        if not old.is_awaited:
            raise ValueError(f"deadline {old.id} is {old.status}; only an awaited one moves")
        self._replace(old, old.close(DeadlineStatus.CANCELLED, stamp.on))
        self.deadlines.append(moved)
        self.events.append(
            DeadlineMoved(
                kind=old.kind,
                from_due=old.due,
                due=moved.due,
                why=None if why is None else why.to_json(),
                **stamped(stamp),
            )  # fmt: skip
        )

    def record_sent(
        self, letter_id: int, *, template: str, fmt: str, stamp: Stamp, action: str | None = None
    ) -> None:
        """A letter of the case was sent (once per letter; drafts are not in the history)."""
        self.events.append(
            LetterSent(
                letter=letter_id, template=template, format=fmt, action=action, **stamped(stamp)
            )
        )

    # --- storage ---------------------------------------------------------------------------

    def pull_events(self) -> list[Event]:
        """The events not yet stored; storage calls this once per save."""
        pending, self.events = self.events, []
        return pending

    def deadline_stored(self, deadline: Deadline, deadline_id: int) -> Deadline:
        """The database has given a new deadline its id."""
        return self._replace(deadline, replace(deadline, id=deadline_id))

    def _replace(self, old: Deadline, new: Deadline) -> Deadline:
        index = next(i for i, d in enumerate(self.deadlines) if d is old)
        self.deadlines[index] = new
        return new


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One line of `case list`: a read model, not the aggregate."""

    id: int
    provider: Provider
    state: str
    workflow_name: str
    workflow_version: int
    title: str | None
    handler: str | None
    opened_on: date
    next_due: date | None
