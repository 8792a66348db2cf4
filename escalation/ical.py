"""RFC 5545 export of deadlines, one all-day event each, with stable UIDs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from escalation.domain.reminders import AgendaItem


def deadlines_calendar(items: Sequence[AgendaItem], *, now: datetime) -> bytes:
    """An iCalendar file; re-importing it updates the events (same UID) instead of adding."""
    calendar = Calendar()
    calendar.add("prodid", "-//escalation//deadlines//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Termijnen toezichtszaken")
    for item in items:
        calendar.add_component(_event(item, now=now))
    return bytes(calendar.to_ical())


def _event(item: AgendaItem, *, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"deadline-{item.deadline_id}@escalation")
    event.add("dtstamp", now)
    event.add("dtstart", item.due)
    event.add("dtend", item.due + timedelta(days=1))
    event.add("summary", f"{item.kind}: zaak {item.case_id} ({item.provider})")
    legal = f" ({item.legal_basis})" if item.legal_basis else ""
    event.add(
        "description",
        f"Termijn {item.kind}{legal}, {item.basis}, status {item.status}.\n"
        f"Zaak {item.case_id}: {item.title or item.provider}, behandelaar {item.handler or '-'}.\n"
        f"escalation case show {item.case_id}",
    )
    event.add("categories", [item.kind])
    event.add("transp", "TRANSPARENT")
    return event
