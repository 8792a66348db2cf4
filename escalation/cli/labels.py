"""Stored English values (statuses, bases) as people read them; --json keeps the values."""

from __future__ import annotations

from escalation.i18n import N_, _, ngettext

# Deadline statuses (domain.model.DeadlineStatus) and term bases (domain.atw.TermBasis).
_DEADLINE = {
    "open": N_("open"),
    # TRANSLATORS: a deadline's status: it was met in time
    "met": N_("met"),
    "overdue": N_("overdue"),
    # TRANSLATORS: a deadline's status: a provider's term or a window ran out (not an alarm)
    "lapsed": N_("lapsed"),
    "cancelled": N_("cancelled"),
    "statutory": N_("statutory"),
    "self-set": N_("self-set"),
    "fixed": N_("fixed date"),
}

# The outbox states of a reminder (domain.reminders.ReminderStatus).
_REMINDER = {
    "pending": N_("pending"),
    "sending": N_("sending"),
    "sent": N_("sent"),
    "failed": N_("failed"),
    "superseded": N_("superseded"),
    "dropped": N_("dropped"),
}


def deadline_label(value: str) -> str:
    """A deadline's status or basis in the reader's language (an unknown value as it is)."""
    message = _DEADLINE.get(str(value))
    return _(message) if message else str(value)


def reminder_label(value: str) -> str:
    """A reminder's outbox status in the reader's language (an unknown value as it is)."""
    message = _REMINDER.get(str(value))
    return _(message) if message else str(value)


def step_label(step: int) -> str:
    """A reminder step: 'on the day', '3 working days before', '1 working day after'."""
    if step == 0:
        return _("on the day")
    n = abs(step)
    if step < 0:
        return ngettext("{n} working day before", "{n} working days before", n).format(n=n)
    return ngettext("{n} working day after", "{n} working days after", n).format(n=n)
