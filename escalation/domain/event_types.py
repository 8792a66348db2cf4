"""Every kind of event by its stored name: how the history table's rows become events again."""

from __future__ import annotations

from escalation.domain.besluit_events import (
    BeroepIngesteld,
    BesluitEstablished,
    BesluitPrepared,
    BesluitStatusChanged,
    BesluitTaken,
)
from escalation.domain.bezwaar_events import BEZWAAR_EVENTS
from escalation.domain.dwangsom_events import LedgerEntryAdded
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
    LetterIssued,
    LetterSent,
    RemindersChanged,
)
from escalation.domain.findings_events import FINDINGS_EVENTS
from escalation.domain.vovo_events import (
    ReactieReceived,
    VoorzieningDecided,
    VoorzieningRequested,
    WeergavePublished,
)

_ALL: tuple[type[Event], ...] = (
    CaseOpened,
    ActionTaken,
    DeadlineSet,
    DeadlineMet,
    DeadlineCancelled,
    DeadlinePassed,
    DeadlineMoved,
    RemindersChanged,
    LetterIssued,
    LetterSent,
    HandlerAssigned,
    BesluitTaken,
    BesluitStatusChanged,
    BeroepIngesteld,
    BesluitPrepared,
    BesluitEstablished,
    *BEZWAAR_EVENTS,
    LedgerEntryAdded,
    VoorzieningRequested,
    VoorzieningDecided,
    ReactieReceived,
    WeergavePublished,
    *FINDINGS_EVENTS,
)

EVENT_TYPES: dict[str, type[Event]] = {cls.TYPE: cls for cls in _ALL}
