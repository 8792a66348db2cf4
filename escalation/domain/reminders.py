"""Reminder ladders: when, relative to a deadline, its handler is reminded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.definition import Awaits, DeadlineKind
from escalation.domain.errors import InvalidInputError
from escalation.domain.text import shorten
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
class DueReminder:
    """A deadline with a reminder step due, as the set-based sweep reads it (no aggregate)."""

    deadline_id: int
    case_id: int
    kind: str
    due: date
    status: str
    next_reminder_on: date
    workflow: str
    version: int
    provider: str
    ladders: dict[str, tuple[int, ...]]  # the case's own ladders by kind (else the workflow's)
    dwangsom: bool  # a besluit of the case has a dwangsom: verjaring is re-projected first


@dataclass(frozen=True, slots=True)
class Claim:
    """One ladder step to claim once per (deadline, step)."""

    deadline_id: int
    case_id: int
    step: int
    planned_on: date
    status: str
    subject: str
    body: str


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
    workflow: str = ""  # the case's workflow and version: what the kind means there
    version: int = 0
    next_step: bool = False  # lapsed: the next step is the inspectorate's (agenda)


PRESCRIPTION = "verjaring"  # a forfeiture's claim (Awb 5:35): passed unmet, it has lapsed


def reminder_message(
    *,
    case_id: int,
    provider: str,
    kind: str,
    due: date,
    today: date,
    awaits: Awaits | None = None,
    lapsed: bool = False,
    besluit: str | None = None,
) -> tuple[str, str]:
    """Subject and plain-text body of a reminder mail: where the deadline stands on `today`.

    Composed when the mail goes out, in the current language, so a mail sent late (after an
    outage) says what is true when it is read, not what was true when its step came. The
    wording follows whose move the deadline awaits: an embargo says from when publication is
    allowed, a window that ran out unused says the besluit is final, a provider's term that
    lapsed says the next step is the inspectorate's; only an alarm says "overdue".
    """
    # A name is one line of the mail, whatever an older database holds ("B.V.\r\nBcc: ...").
    facts = {"case": case_id, "provider": one_line(provider), "kind": one_line(kind)}
    facts["date"] = long_date(due)
    # The subject names the provider shortened: it fits its column (reminders.subject).
    named = {**facts, "provider": shorten(str(facts["provider"]), _SUBJECT_PROVIDER)}
    if awaits is Awaits.EMBARGO:
        return _mail(facts, *_embargo(named, due, today))
    if awaits is Awaits.WINDOW:
        return _mail(facts, *_window_report(named, due, besluit))
    if lapsed:
        return _mail(facts, *_lapsed(named, due))
    if due < today:
        subject = _("Overdue: {kind} case {case} ({provider}) was due {date}")
        ends = _("The deadline '{kind}' passed on {date} ({iso}).")
    else:
        subject = _("Reminder: {kind} case {case} ({provider}) due {date}")
        ends = _("The deadline '{kind}' ends on {date} ({iso}).")
    lines = [ends.format(**facts, iso=due.isoformat()), standing(due, today)]
    return _mail(facts, subject.format(**named), lines + _claim_lapsed(kind, case_id, due, today))


def _claim_lapsed(kind: str, case_id: int, due: date, today: date) -> list[str]:
    """A forfeiture's verjaring passed: the alarm says what it means."""
    if kind != PRESCRIPTION or due >= today:
        return []
    return [
        _("The claim has lapsed (verjaard, Awb 5:35) unless it was paid: it can no "
          "longer be collected. `escalation dwangsom show {case}` lists what lapsed."
          ).format(case=case_id)
    ]  # fmt: skip


def _lapsed(facts: dict[str, object], due: date) -> tuple[str, list[str]]:
    """A provider's term ran out: no alarm, the next step is the inspectorate's."""
    subject = _(
        "Term ended: {kind} case {case} ({provider}) ended {date}; next step for the inspectorate"
    )
    ends = _(
        "The provider's term '{kind}' ended on {date} ({iso}) without the awaited step: "
        "the next step is the inspectorate's."
    )
    return subject.format(**facts), [ends.format(**facts, iso=due.isoformat())]


def _embargo(facts: dict[str, object], due: date, today: date) -> tuple[str, list[str]]:
    """An embargo's reminder: from when the act is allowed (never "by" its last day)."""
    after = due + timedelta(days=1)
    subject = _("Publication allowed from {after}: {kind} case {case} ({provider})").format(
        **facts, after=long_date(after)
    )
    lines = [
        _(
            "The embargo '{kind}' ends on {date} ({iso}): publication is allowed from {after} "
            "({after_iso})."
        ).format(**facts, iso=due.isoformat(), after=long_date(after), after_iso=after.isoformat())
    ]
    if due >= today:
        lines.append(standing(due, today))
    return subject, lines


def _window_report(
    facts: dict[str, object], due: date, besluit: str | None
) -> tuple[str, list[str]]:
    """The report after a bezwaar or beroep window and its postal week: the besluit is final."""
    since = due + timedelta(days=1)
    known = {**facts, "besluit": besluit or "-", "since": long_date(since)}
    subject = _("No {kind} received; besluit {besluit} onherroepelijk since {since}: case {case}")
    lines = [
        _("No {kind} received; besluit {besluit} onherroepelijk since {since} ({iso}).").format(
            **known, iso=since.isoformat()
        ),
        _(
            "The term for {kind} ended on {date}; the postal week of Awb 6:9 lid 2 has passed "
            "as well."
        ).format(**known),
    ]
    return subject.format(**known), lines


def _mail(facts: dict[str, object], subject: str, lines: list[str]) -> tuple[str, str]:
    body = [
        _("Case {case}, {provider}").format(**facts),
        "",
        *lines,
        "",
        _("See the case with: escalation case show {case}").format(**facts),
    ]
    return shorten(subject, SUBJECT_LENGTH - 1), "\n".join(body) + "\n"


# A subject fits its column (reminders.subject) whatever the provider's name (up to 300).
SUBJECT_LENGTH = 300
_SUBJECT_PROVIDER = 100


def one_line(text: str) -> str:
    """`text` on one line: line breaks and other control characters become single spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def compose_reminder(
    *, case_id: int, provider: str, deadline: Deadline, kind: DeadlineKind | None, today: date
) -> tuple[str, str]:
    """The reminder about `deadline` (of `kind` in its case's workflow) as of `today`."""
    return reminder_message(
        case_id=case_id,
        provider=provider,
        kind=deadline.kind,
        due=deadline.due,
        today=today,
        awaits=None if kind is None else kind.awaits,
        lapsed=deadline.status is DeadlineStatus.LAPSED,
        besluit=deadline.besluit,
    )


def working_days_after(due: date, day: date, calendar: AtwCalendar) -> int:
    """How many working days after `due` `day` is (the step of a report sent on `day`)."""
    n, current = 0, due
    while current < day:
        current += timedelta(days=1)
        n += calendar.is_working_day(current)
    return n


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
