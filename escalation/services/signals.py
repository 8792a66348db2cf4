"""Signals and thematic inspections: one linked case per subject, opened all at once.

`open_signal` checks every subject first and names each one it cannot take (unknown,
malformed, a location of another provider, given twice); only when all are good does it open
the signal and its cases, in one transaction: all of them are stored, or none.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from escalation.domain.errors import EscalationError, InvalidInputError, UnknownProviderError
from escalation.domain.events import Stamp
from escalation.domain.limits import NAME_LENGTH
from escalation.domain.model import Provider
from escalation.domain.subjects import (
    Signal,
    check_location_of,
    check_subject_id,
    identifier_label,
)
from escalation.domain.text import TITLE, one_line
from escalation.i18n import _
from escalation.services.cases import open_in, pin_definition
from escalation.services.csv_input import csv_lines
from escalation.services.ports import DefinitionCatalog, UnitOfWork

logger = logging.getLogger(__name__)

# How many faults a refusal lists before it says how many more there are.
SHOWN_FAULTS = 25
_HEADERS = frozenset({"kvk", "code", "subject", "identifier", "id", "subject_id"})


@dataclass(frozen=True, slots=True)
class SignalSubject:
    """One subject as given: its identifier, the location its case names, where it was given."""

    ref: str
    location: int | None = None
    where: str = ""  # "line 4 of bron.csv" or "subject 2": how a refusal names it


def subjects_from_list(text: str) -> list[SignalSubject]:
    """`--subjects 12345678,GM0363,...`: identifiers separated by commas."""
    refs = [part.strip() for part in text.split(",")]
    return [
        SignalSubject(ref, where=_("subject {number}").format(number=i))
        for i, ref in enumerate(refs, start=1)
        if ref
    ]


def subjects_from_csv(text: str, *, origin: str) -> list[SignalSubject]:
    """A CSV file: per line a subject's identifier and, optionally, a location id.

    A first line naming the columns (kvk, code, subject, ...), blank lines and lines starting
    with # are skipped. Comma or semicolon separated (Excel writes either).

    Raises:
        InvalidInputError: a location that is not a number, with its line.
    """
    found, faults = [], []
    for number, cells in csv_lines(text, headers=_HEADERS):
        where = _("line {line} of {file}").format(line=number, file=origin)
        location = cells[1] if len(cells) > 1 and cells[1] else None
        if location is not None and not (location.isascii() and location.isdigit()):
            faults.append(
                _("{where}: location '{location}' is not a location number.").format(
                    where=where, location=location
                )
            )
            continue
        found.append(SignalSubject(cells[0], None if location is None else int(location), where))
    _refuse(faults, len(found) + len(faults))
    return found


def open_signal(
    *,
    uow: UnitOfWork,
    catalog: DefinitionCatalog,
    title: str,
    subjects: Sequence[SignalSubject],
    workflow: str,
    on: date,
    handler: str | None,
    by: str,
    now: datetime,
    version: int | None = None,
) -> tuple[int, list[int]]:
    """Open the signal and one case per subject in one transaction; its id and the cases'.

    Raises:
        InvalidInputError: no subjects, or subjects it cannot take, each named; nothing stored.
    """
    title = one_line(title, field=TITLE, limit=NAME_LENGTH)
    if not subjects:
        raise InvalidInputError(_("A signal needs at least one subject."))
    definition = catalog.get(workflow, version)
    stamp = Stamp(on=on, at=now, by=by)
    with uow:
        providers = _resolve(uow, subjects)
        pin_definition(uow, catalog, definition, now=now)
        signal_id = uow.subjects.add_signal(
            title=title, workflow=definition.name, on=on, by=by, now=now
        )
        case_ids = []
        for subject, provider in zip(subjects, providers, strict=True):
            case_id = open_in(uow, definition, provider, stamp=stamp, title=title, handler=handler)
            uow.subjects.link(case_id, location=subject.location, signal=signal_id)
            case_ids.append(case_id)
        uow.commit()
    logger.info("signal %s opened %s cases", signal_id, len(case_ids))
    return signal_id, case_ids


def _resolve(uow: UnitOfWork, subjects: Sequence[SignalSubject]) -> list[Provider]:
    """Every subject's provider, or one refusal naming every subject that is not good."""
    providers: list[Provider] = []
    faults: list[str] = []
    seen: dict[tuple[str, int | None], str] = {}
    registered = {p.kvk: p for p in uow.providers.list()}  # one query, not one per subject
    for subject in subjects:
        try:
            provider = _registered(registered, check_subject_id(subject.ref))
            if subject.location is not None:
                check_location_of(uow.subjects.location(subject.location), provider.kvk)
        except EscalationError as err:
            faults.append(f"{subject.where}: {err}")
            continue
        key = (provider.kvk, subject.location)
        if key in seen:
            faults.append(
                _("{where}: {subject} is given twice (also as {first}).").format(
                    where=subject.where, subject=provider.kvk, first=seen[key]
                )
            )
        seen.setdefault(key, subject.where)
        providers.append(provider)
    _refuse(faults, len(subjects))
    return providers


def _registered(registered: dict[str, Provider], identifier: str) -> Provider:
    if identifier not in registered:
        raise UnknownProviderError(
            _("No provider with {label}. Register it with `escalation provider add`.").format(
                label=identifier_label(identifier)
            )
        )
    return registered[identifier]


def _refuse(faults: list[str], total: int) -> None:
    if not faults:
        return
    shown = "\n".join(f"  {fault}" for fault in faults[:SHOWN_FAULTS])
    more = len(faults) - SHOWN_FAULTS
    if more > 0:
        shown += "\n  " + _("... and {count} more.").format(count=more)
    raise InvalidInputError(
        _(
            "The signal is not opened: {bad} of its {total} subjects cannot be taken; "
            "nothing was stored. Correct these and try again:\n{faults}"
        ).format(bad=len(faults), total=total, faults=shown)
    )


def show_signal(*, uow: UnitOfWork, signal_id: int) -> Signal:
    with uow:
        return uow.subjects.signal(signal_id)


def list_signals(*, uow: UnitOfWork) -> list[tuple[Signal, int]]:
    with uow:
        return uow.subjects.signals()
