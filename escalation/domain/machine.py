"""The only place that uses `transitions`: one shared machine per workflow definition."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from transitions import Machine, MachineError

from escalation.domain.besluit_taking import after_taking, linked, take_besluiten
from escalation.domain.besluiten import Besluit, BesluitIssuer
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline
from escalation.domain.deadlines import active_starts, compute_deadline
from escalation.domain.definition import (
    ANY_VALUE,
    ActionSpec,
    DeadlineRule,
    GuardKind,
    GuardSpec,
    WorkflowDefinition,
)
from escalation.domain.errors import InvalidActionError
from escalation.domain.events import Event, Stamp
from escalation.domain.four_eyes import requires_four_eyes
from escalation.domain.model import Case, ParamValue
from escalation.domain.params import parse_params, render_value
from escalation.domain.passing import close_for_action
from escalation.domain.publication import apply_effect
from escalation.domain.reminders import arm
from escalation.domain.voorzieningen import suspension
from escalation.i18n import _


@dataclass(frozen=True, slots=True)
class ActionAvailability:
    """An action leaving the current state, and the guard that blocks it now, if any."""

    action: str
    blocked_by: str | None = None


@dataclass(slots=True)
class _Firing:
    """What one firing carries through the transitions callbacks (no I/O happens there)."""

    action: ActionSpec
    stamp: Stamp
    params: dict[str, ParamValue]
    blocked: list[str] = field(default_factory=list)


class WorkflowMachine:
    """A `transitions` machine built once for a definition and shared by every case.

    Cases are never added as models: each call passes the case to the event directly, so the
    cost of advancing one case does not depend on how many cases exist.
    """

    def __init__(self, definition: WorkflowDefinition) -> None:
        self.definition = definition
        self._machine = Machine(
            model=None,
            states=list(definition.state_names),
            initial=definition.initial,
            transitions=[self._transition(a) for a in definition.actions],
            auto_transitions=False,
            send_event=True,
            model_override=True,
        )

    def _transition(self, action: ActionSpec) -> dict[str, Any]:
        internal = action.dest is None or action.sources == (action.dest,)
        return {
            "trigger": action.name,
            "source": list(action.sources),
            "dest": None if internal else action.dest,
            "conditions": [_guards_pass],
            "after": [_record_transition],
        }

    def availability(self, case: Case, *, on: date) -> list[ActionAvailability]:
        """Every action that leaves the case's state, each with what blocks it now."""
        names = self._machine.get_triggers(case.state)
        return [
            ActionAvailability(a.name, _first_block(a, case, on=on, params={}, reason=None))
            for a in self.definition.actions
            if a.name in names
        ]

    def fire(
        self,
        case: Case,
        action_name: str,
        *,
        stamp: Stamp,
        raw_params: Mapping[str, str],
        calendar: AtwCalendar,
        issuer: BesluitIssuer | None = None,
        team: bool = False,
    ) -> list[Event]:
        """Take one action on the case: check it, move the state, set and close deadlines.

        `team`: the database has users, so a besluit the workflow gives four-eyes is prepared
        as a concept for a second person to establish (a single jurist's database: taken).

        Returns:
            The new events, also appended to `case.events`.

        Raises:
            InvalidActionError: the action is unknown, not allowed in this state, or guarded.
            InvalidParameterError: a parameter is missing or malformed.
        """
        on = stamp.on
        action = self.definition.action(action_name)
        self._check_source(case, action, on=on)
        params = parse_params(action, raw_params, on=on)
        firing = _Firing(action, stamp, params)
        firing.blocked = _blocks(action, case, on=on, params=params, reason=stamp.reason)
        new_deadlines = self._new_deadlines(case, action, on=on, params=params, calendar=calendar)
        first_new = len(case.events)
        self._trigger(case, firing)
        plain = replace(stamp, on=on, reason=None)  # the reason belongs to the action
        close_for_action(case, self.definition, action, stamp=plain)
        four_eyes = team and any(requires_four_eyes(self.definition, k) for k in action.besluiten)
        taken = take_besluiten(case, action, params, issuer, stamp=plain, four_eyes=four_eyes)
        apply_effect(case, action.effect, params, plain)
        if not four_eyes:  # a prepared besluit's deadlines start when it is established
            self._start(case, action, new_deadlines, taken, params, stamp=plain, calendar=calendar)
        return case.events[first_new:]

    def start_besluit_deadlines(
        self,
        case: Case,
        action_name: str,
        taken: Mapping[str, Besluit],
        *,
        stamp: Stamp,
        params: Mapping[str, ParamValue],
        calendar: AtwCalendar,
    ) -> list[Deadline]:
        """Start the deadlines of besluiten just established (four-eyes), computed as the action
        would have computed them on `stamp.on` with these parameters (`verzonden` included)."""
        action = self.definition.action(action_name)
        made = self._new_deadlines(case, action, on=stamp.on, params=params, calendar=calendar)
        before = len(case.deadlines)
        self._start(case, action, made, taken, params, stamp=stamp, calendar=calendar)
        return case.deadlines[before:]

    def _start(
        self,
        case: Case,
        action: ActionSpec,
        made: list[tuple[DeadlineRule, Deadline]],
        taken: Mapping[str, Besluit],
        params: Mapping[str, ParamValue],
        *,
        stamp: Stamp,
        calendar: AtwCalendar,
    ) -> None:
        """Add the action's deadlines, linked to its besluiten; a last gets its ledger."""
        for rule, deadline in made:
            case.add_deadline(linked(deadline, rule, taken), stamp=stamp, action=action.name)
        after_taking(case, taken, params, stamp=stamp, arm=lambda d: self._arm(case, d, calendar))

    def _arm(self, case: Case, deadline: Deadline, calendar: AtwCalendar) -> Deadline:
        ladder = case.reminder_ladders.get(deadline.kind) or self.definition.ladder(deadline.kind)
        return arm(deadline, ladder, calendar)

    def _new_deadlines(
        self,
        case: Case,
        action: ActionSpec,
        *,
        on: date,
        params: Mapping[str, ParamValue],
        calendar: AtwCalendar,
    ) -> list[tuple[DeadlineRule, Deadline]]:
        """The deadlines the action starts, with their first reminder day set; a rule may count
        from a deadline that an earlier rule of the same action starts."""
        computed: list[Deadline] = []
        rules = active_starts(action, params)
        for rule in rules:
            computed.append(compute_deadline(
                rule, definition=self.definition, action=action, case=case, on=on,
                params=params, calendar=calendar, earlier=computed,
            ))  # fmt: skip
        return [(r, self._arm(case, d, calendar)) for r, d in zip(rules, computed, strict=True)]

    def _check_source(self, case: Case, action: ActionSpec, *, on: date) -> None:
        if case.state in action.sources:
            return
        refused = _("Case {case} is in '{state}'; '{action}' is possible only from {states}.")
        refused = refused.format(
            case=case.id, state=case.state, action=action.name, states=_quoted(action.sources)
        )
        raise InvalidActionError(f"{refused} {self.explain_allowed(case, on=on)}")

    def explain_allowed(self, case: Case, *, on: date) -> str:
        """One sentence listing the allowed actions, then each blocked one with its guard."""
        options = self.availability(case, on=on)
        allowed = [o.action for o in options if o.blocked_by is None]
        text = (
            _("Allowed now: {actions}.").format(actions=", ".join(allowed))
            if allowed
            else _("No action is allowed now.")
        )
        blocked = [f"{o.action} ({o.blocked_by})" for o in options if o.blocked_by]
        if not blocked:
            return text
        blocks = _("Blocked: {actions}.").format(actions="; ".join(blocked))
        return f"{text} {blocks}"

    def _trigger(self, case: Case, firing: _Firing) -> None:
        try:
            done = self._machine.events[firing.action.name].trigger(case, firing)
        except MachineError as err:  # the source check above makes this a safety net
            raise InvalidActionError(str(err.value)) from None
        if not done:
            raise InvalidActionError(
                _("'{action}' is blocked for case {case}: {blocks}.").format(
                    action=firing.action.name, case=case.id, blocks="; ".join(firing.blocked)
                )
            )


def _guards_pass(event_data: Any) -> bool:  # transitions hands over an untyped EventData
    firing: _Firing = event_data.args[0]
    return not firing.blocked


def _record_transition(event_data: Any) -> None:
    firing: _Firing = event_data.args[0]
    case: Case = event_data.model
    case.record_action(
        firing.action.name,
        from_state=event_data.transition.source,
        params={k: render_value(v) for k, v in firing.params.items()},
        stamp=firing.stamp,
    )


def _blocks(
    action: ActionSpec,
    case: Case,
    *,
    on: date,
    params: Mapping[str, ParamValue],
    reason: str | None,
) -> list[str]:
    found = (
        _guard_block(g, action, case, on=on, params=params, reason=reason) for g in action.guards
    )
    return [b for b in found if b]


def _first_block(
    action: ActionSpec,
    case: Case,
    *,
    on: date,
    params: Mapping[str, ParamValue],
    reason: str | None,
) -> str | None:
    blocks = _blocks(action, case, on=on, params=params, reason=reason)
    return blocks[0] if blocks else None


def _guard_block(
    guard: GuardSpec,
    action: ActionSpec,
    case: Case,
    *,
    on: date,
    params: Mapping[str, ParamValue],
    reason: str | None,
) -> str | None:
    if guard.kind is GuardKind.HAS_DEADLINE:
        if case.latest_deadline(guard.deadline) is not None or _lifted(guard, params, reason):
            return None
        return _("the case has no '{kind}' deadline").format(kind=guard.deadline)
    if guard.kind is GuardKind.HAS_BESLUIT:
        return _besluit_block(guard, case, on=on)
    pending = [d for d in case.open_deadlines(guard.deadline) if d.due >= on]
    if not pending:
        return None
    due = max(d.due for d in pending)
    overridden = _overridden(guard, params)
    if _lifted(guard, params, reason):
        return None
    facts = {
        "kind": guard.deadline,
        "action": action.name,
        "due": due.isoformat(),
        "param": guard.unless_param,
        "value": guard.unless_value,
    }
    if overridden:
        return _(
            "--set {param}={value} was given, but the reason is missing: add --reason saying "
            "why '{action}' happens before the '{kind}' deadline ends on {due}"
        ).format(**facts)
    return _running(facts, after=(due + timedelta(days=1)).isoformat(), guard=guard)


def _lifted(guard: GuardSpec, params: Mapping[str, ParamValue], reason: str | None) -> bool:
    """The guard's `unless` parameter was given, with a reason where one is required."""
    return _overridden(guard, params) and bool(reason or not guard.unless_requires_reason)


def _besluit_block(guard: GuardSpec, case: Case, *, on: date) -> str | None:
    """No besluit of the kinds; or, for `in_force`, each of them suspended (Awb 8:81)."""
    found = case.besluiten_of(guard.besluiten)
    if not found:
        return _("the case has no besluit of the kind {kinds}").format(
            kinds=" / ".join(guard.besluiten)
        )
    held = [s for s in (suspension(b, on) for b in found) if s] if guard.in_force else []
    return held[-1].describe() if len(held) == len(found) and held else None


def _overridden(guard: GuardSpec, params: Mapping[str, ParamValue]) -> bool:
    """The parameter that lifts the guard has its value (or any value, for ANY_VALUE)."""
    if guard.unless_param is None or guard.unless_param not in params:
        return False
    given = render_value(params[guard.unless_param])
    return given == guard.unless_value or (guard.unless_value == ANY_VALUE and bool(given))


def _running(facts: dict[str, str | None], *, after: str, guard: GuardSpec) -> str:
    """Why a deadline that still runs blocks an action, and how to act earlier if one may."""
    if not guard.unless_param:
        text = _("the '{kind}' deadline runs until {due}; '{action}' is possible from {after}")
    elif guard.unless_requires_reason:
        text = _(
            "the '{kind}' deadline runs until {due}; '{action}' is possible from {after}, "
            "or earlier with --set {param}={value} with a --reason"
        )
    else:
        text = _(
            "the '{kind}' deadline runs until {due}; '{action}' is possible from {after}, "
            "or earlier with --set {param}={value}"
        )
    return text.format(**facts, after=after)


def _quoted(names: tuple[str, ...]) -> str:
    return ", ".join(f"'{n}'" for n in names)
