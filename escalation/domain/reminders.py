"""Reminder ladders: when, relative to a deadline, its handler is reminded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline
from escalation.domain.errors import InvalidInputError
from escalation.formatting import long_date
from escalation.i18n import _, ngettext


def step_date(due: date, step: int, calendar: AtwCalendar) -> date:
    """The day of a reminder step: `step` working days before (<0) or after (>0) `due`."""
    if step < 0:
        return calendar.subtract_working_days(due, -step)
    if step > 0:
        return calendar.add_working_days(due, step)
    return due


def step_label(step: int) -> str:
    """When a reminder step falls, in the current language: '3 werkdagen voor', 'op de dag'."""
    if step == 0:
        return _("on the day")
    if step < 0:
        label = ngettext("{n} working day before", "{n} working days before", -step)
    else:
        label = ngettext("{n} working day after", "{n} working days after", step)
    return label.format(n=abs(step))


def due_steps(
    due: date, ladder: Sequence[int], *, today: date, calendar: AtwCalendar
) -> list[tuple[int, date]]:
    """The steps whose day has come (on or before `today`), earliest first."""
    dated = sorted((step_date(due, s, calendar), s) for s in set(ladder))
    return [(s, d) for d, s in dated if d <= today]


def next_reminder(
    due: date, ladder: Sequence[int], *, after: date | None, calendar: AtwCalendar
) -> date | None:
    """The first step day later than `after` (any step if `after` is None), or None."""
    days = sorted(step_date(due, s, calendar) for s in set(ladder))
    return next((d for d in days if after is None or d > after), None)


def parse_ladder(text: str) -> tuple[int, ...]:
    """Read a ladder such as "-14,-3,0,1" (working days relative to the deadline)."""
    try:
        steps = tuple(sorted({int(part) for part in text.replace(" ", "").split(",") if part}))
    except ValueError:
        raise InvalidInputError(
            _(
                "'{text}' is not a reminder ladder: give working days relative to the deadline, "
                "e.g. -14,-3,0,1 (14 and 3 before, on the day, 1 after)."
            ).format(text=text)
        ) from None
    if not steps or any(abs(s) > 60 for s in steps):
        raise InvalidInputError(
            _(
                "'{text}' is not a reminder ladder: give 1 or more steps within 60 working days."
            ).format(text=text)
        )
    return steps


def arm(deadline: Deadline, ladder: Sequence[int], calendar: AtwCalendar) -> Deadline:
    """Set the first reminder day of a new deadline; steps before the day it was set are skipped."""
    first = next_reminder(
        deadline.due, ladder, after=deadline.set_on - timedelta(days=1), calendar=calendar
    )
    return replace(deadline, next_reminder_on=first)


class ReminderStatus:
    """Outbox states of a reminder (plain strings: they are stored as text)."""

    PENDING = "pending"  # claimed, waiting to be mailed
    SENDING = "sending"  # a run holds it until its lease ends; after that the next run sends it
    SENT = "sent"
    FAILED = "failed"  # an incident: retried on the next run
    SUPERSEDED = "superseded"  # an earlier step of a deadline whose later step is mailed instead
    DROPPED = "dropped"  # the deadline was met or cancelled before the mail went out


def message_reference(database_id: str, reminder_id: int) -> str:
    """What makes a reminder's Message-ID: the same for every attempt, unique across databases.

    The mailer makes it `<reminder-17.3f2a...@sender's domain>`; a mail sent again after a
    failure or an interrupted run is the same message, so a receiving system can drop it.
    """
    return f"reminder-{reminder_id}.{database_id}"


@dataclass(frozen=True, slots=True)
class ReminderView:
    """One outbox row, for `escalation reminders` and `escalation incidents`."""

    id: int
    case_id: int
    deadline_id: int
    kind: str
    due: date
    step: int
    planned_on: date
    status: str
    handler: str | None
    recipient: str | None
    subject: str
    body: str
    attempts: int
    last_error: str | None
    sent_at: datetime | None
    lease_until: datetime | None = None  # while `sending`: until when the sending run holds it


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One deadline in the agenda across all cases."""

    deadline_id: int
    case_id: int
    provider: str
    kvk: str
    title: str | None
    handler: str | None
    kind: str
    due: date
    status: str
    basis: str
    legal_basis: str | None
    term: str | None


def reminder_message(
    *, case_id: int, provider: str, kind: str, due: date, today: date
) -> tuple[str, str]:
    """Subject and plain-text body of a reminder mail: where the deadline stands on `today`.

    Composed when the mail goes out, in the current language, so a mail sent late (after an
    outage) says what is true when it is read, not what was true when its step came.
    """
    facts = {"case": case_id, "provider": provider, "kind": kind, "date": long_date(due)}
    if due < today:
        subject = _("Overdue: {kind} case {case} ({provider}) was due {date}")
        ends = _("The deadline '{kind}' passed on {date} ({iso}).")
    else:
        subject = _("Reminder: {kind} case {case} ({provider}) due {date}")
        ends = _("The deadline '{kind}' ends on {date} ({iso}).")
    lines = [
        _("Case {case}, {provider}").format(**facts),
        "",
        ends.format(**facts, iso=due.isoformat()),
        standing(due, today),
        "",
        _("See the case with: escalation case show {case}").format(**facts),
    ]
    return subject.format(**facts), "\n".join(lines) + "\n"


def standing(due: date, today: date) -> str:
    """Where a deadline stands on `today`: days left, today, or days past (calendar days)."""
    n, on = abs((due - today).days), long_date(today)
    if due == today:
        return _("As of {today}: the deadline is today.").format(today=on)
    if due > today:
        template = ngettext("As of {today}: {n} day left.", "As of {today}: {n} days left.", n)
    else:
        template = ngettext(
            "As of {today}: {n} day past the deadline.",
            "As of {today}: {n} days past the deadline.",
            n,
        )
    return template.format(today=on, n=n)
