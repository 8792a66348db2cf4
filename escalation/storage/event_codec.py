"""Typed events to and from (type, JSON payload): the history table's one mapping."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from typing import Any

from escalation.domain.event_types import EVENT_TYPES
from escalation.domain.events import Event

COMMON = frozenset(f.name for f in dataclasses.fields(Event))
# A common field kept in the payload rather than a column of its own: who recorded an entry on
# behalf of its `by` (issue 13). Absent from older entries, so their hashes stay as they were.
RECORDED_BY = "recorded_by"


class UnknownEventTypeError(ValueError):
    """A stored history entry names a kind of event this version does not know."""


def encode(event: Event) -> tuple[str, dict[str, Any]]:
    """The stored type name and the JSON payload of an event's own fields."""
    payload = {
        name: _to_json(getattr(event, name)) for name in _own_fields(type(event))
    }  # fmt: skip
    if event.recorded_by is not None:
        payload[RECORDED_BY] = event.recorded_by
    return event.TYPE, payload


def decode(type_name: str, payload: dict[str, Any], **common: Any) -> Event:
    """The event of `type_name` from its payload and the common columns (at, on, by, reason)."""
    cls = EVENT_TYPES.get(type_name)
    if cls is None:
        raise UnknownEventTypeError(f"unknown event type {type_name!r}")
    hints = _hints(cls)
    own = {name: _from_json(payload.get(name), hints[name]) for name in _own_fields(cls)}
    return cls(**own, **common, recorded_by=payload.get(RECORDED_BY))


_FIELDS: dict[str, tuple[str, ...]] = {}
_HINTS: dict[str, dict[str, Any]] = {}


def _own_fields(cls: type[Event]) -> tuple[str, ...]:
    if cls.TYPE not in _FIELDS:
        _FIELDS[cls.TYPE] = tuple(f.name for f in dataclasses.fields(cls) if f.name not in COMMON)
    return _FIELDS[cls.TYPE]


def _hints(cls: type[Event]) -> dict[str, Any]:
    if cls.TYPE not in _HINTS:
        _HINTS[cls.TYPE] = typing.get_type_hints(cls)
    return _HINTS[cls.TYPE]


def _to_json(value: Any) -> Any:  # JSON values are untyped
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, typing.Mapping):
        return dict(value)
    return value


def _from_json(value: Any, hint: Any) -> Any:  # the field's type hint, read at run time
    if value is None:
        return None
    if _accepts(hint, date):
        return date.fromisoformat(value)
    if typing.get_origin(hint) is tuple:
        return tuple(value)
    return value


def _accepts(hint: Any, kind: type) -> bool:
    return hint is kind or kind in typing.get_args(hint)
