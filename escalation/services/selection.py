"""Which cases a bulk command works on: ids given, a CSV of ids, every case in a state, a signal.

A bulk command (`case do-many`, `letter batch`) takes exactly one of these; explicit ids keep
their order (each given once), the others come in id order. An id that names no case stays in
the list: the bulk command reports it per case, as it reports any other case it cannot take.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from escalation.domain.errors import InvalidInputError
from escalation.domain.limits import MAX_ID
from escalation.i18n import _
from escalation.services.csv_input import csv_lines
from escalation.services.ports import UnitOfWork

_HEADERS = frozenset({"case", "zaak", "case_id", "id"})


@dataclass(frozen=True, slots=True)
class CaseSelection:
    """Exactly one of: `cases` (given ids), `state`, `signal`."""

    cases: tuple[int, ...] = ()
    state: str | None = None
    signal: int | None = None


def ids_from_text(text: str) -> tuple[int, ...]:
    """`--cases 12,13,14`: case numbers separated by commas (each kept once, in order).

    Raises:
        InvalidInputError: a part that is not a case number, named.
    """
    return _unique(_number(part.strip(), _("--cases")) for part in text.split(",") if part.strip())


def ids_from_csv(text: str, *, origin: str) -> tuple[int, ...]:
    """A CSV file whose first column holds case numbers (a header `case`/`zaak` is skipped;
    blank lines and lines starting with # too; comma or semicolon separated).

    Raises:
        InvalidInputError: a line whose first cell is not a case number, with its line.
    """
    found = []
    for number, cells in csv_lines(text, headers=_HEADERS):
        where = _("line {line} of {file}").format(line=number, file=origin)
        found.append(_number(cells[0], where))
    return _unique(found)


def case_ids(uow: UnitOfWork, selection: CaseSelection) -> list[int]:
    """The selected cases' ids, inside the caller's unit of work.

    Raises:
        UnknownSignalError: the signal does not exist.
    """
    if selection.signal is not None:
        return [case.case_id for case in uow.subjects.signal(selection.signal).cases]
    if selection.state is not None:
        return uow.cases.ids(state=selection.state)
    return list(selection.cases)


def _number(text: str, where: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_ID:
        raise InvalidInputError(
            _("{where}: '{text}' is not a case number.").format(where=where, text=text)
        )
    return int(text)


def _unique(ids: Iterable[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(ids))
