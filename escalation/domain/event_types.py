"""Every kind of event by its stored name: how the history table's rows become events again."""

from __future__ import annotations

from escalation.domain.besluit_events import BesluitStatusChanged, BesluitTaken
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
    RemindersChanged,
)
from escalation.domain.vovo_events import (
    ReactieReceived,
    VoorzieningDecided,
    VoorzieningRequested,
    WeergavePublished,
)

EVENT_TYPES: dict[str, type[Event]] = {
    cls.TYPE: cls
    for cls in (
        CaseOpened,
        ActionTaken,
        DeadlineSet,
        DeadlineMet,
        DeadlineCancelled,
        DeadlinePassed,
        DeadlineMoved,
        RemindersChanged,
        LetterIssued,
        HandlerAssigned,
        BesluitTaken,
        BesluitStatusChanged,
        VoorzieningRequested,
        VoorzieningDecided,
        ReactieReceived,
        WeergavePublished,
    )
}
