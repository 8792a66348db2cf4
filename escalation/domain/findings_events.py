"""Past-tense facts about a case's findings per norm and its hertoets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from escalation.domain.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingsRecorded(Event):
    """A new version of the findings per norm; `aanwijzing` names the norms below `voldoet`."""

    TYPE: ClassVar[str] = "findings_recorded"

    version: int
    framework: str
    framework_version: int
    aanwijzing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class HertoetsRecorded(Event):
    """The hertoets per norm of the aanwijzing: which norms are now met and which are not."""

    TYPE: ClassVar[str] = "hertoets_recorded"

    number: int
    findings_version: int
    met: tuple[str, ...] = ()
    unmet: tuple[str, ...] = ()


FINDINGS_EVENTS: tuple[type[Event], ...] = (FindingsRecorded, HertoetsRecorded)
