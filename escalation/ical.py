"""RFC 5545 export of deadlines, one all-day event each, with stable UIDs.

The summary and description are for people: they are written in the current language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from escalation.domain.reminders import AgendaItem
from escalation.i18n import N_, _

# The stored values of a deadline's basis and status, as people read them.
_BASES = {
    "statutory": N_("statutory term"),
    "self-set": N_("self-set term"),
    "fixed": N_("fixed date"),
}
_STATUSES = {
    "open": N_("open"),
    "met": N_("met"),
    "overdue": N_("overdue"),
    "cancelled": N_("cancelled"),
}


def deadlines_calendar(items: Sequence[AgendaItem], *, now: datetime) -> bytes:
    """An iCalendar file; re-importing it updates the events (same UID) instead of adding."""
    calendar = Calendar()
    calendar.add("prodid", "-//escalation//deadlines//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Deadlines of supervision cases"))
    for item in items:
        calendar.add_component(_event(item, now=now))
    return bytes(calendar.to_ical())


def _event(item: AgendaItem, *, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"deadline-{item.deadline_id}@escalation")
    event.add("dtstamp", now)
    event.add("dtstart", item.due)
    event.add("dtend", item.due + timedelta(days=1))
    event.add(
        "summary",
        _("{kind}: case {case} ({provider})").format(
            kind=item.kind, case=item.case_id, provider=item.provider
        ),
    )
    event.add("description", _description(item))
    event.add("categories", [item.kind])
    event.add("transp", "TRANSPARENT")
    return event


def _description(item: AgendaItem) -> str:
    legal = f" ({item.legal_basis})" if item.legal_basis else ""
    basis, status = _label(_BASES, item.basis), _label(_STATUSES, item.status)
    deadline = _("Deadline {kind}{legal_basis}, {basis}, status {status}.").format(
        kind=item.kind, legal_basis=legal, basis=basis, status=status
    )
    case = _("Case {case}: {title}, handler {handler}.").format(
        case=item.case_id, title=item.title or item.provider, handler=item.handler or "-"
    )
    return f"{deadline}\n{case}\nescalation case show {item.case_id}"


def _label(labels: dict[str, str], value: str) -> str:
    return _(labels[value]) if value in labels else value
