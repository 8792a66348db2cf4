"""Load the days gelijkgesteld by KB (Atw art. 3 lid 3) from YAML and build the Atw calendar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError

from escalation.datafiles import (
    DataFileError,
    DataModel,
    Name,
    describe,
    fault,
    load_yaml,
    report,
)
from escalation.datafiles import read_text as _read_text
from escalation.domain.calendar import AtwCalendar, NonWorkingDay, gelijkgestelde_dag
from escalation.domain.errors import InvalidDateError, InvalidInputError
from escalation.domain.terms import parse_date
from escalation.i18n import N_, _

PACKAGED_FILE = "gelijkgestelde_dagen.yaml"
_LIST = "gelijkgestelde_dagen"


def _day(value: Any) -> date:  # a YAML scalar: dates are left as text by load_yaml
    if not isinstance(value, str):
        raise fault(
            _("write the date as YYYY-MM-DD or DD-MM-YYYY, e.g. 2029-05-11; got {value}.").format(
                value=repr(value)
            )
        )
    try:
        return parse_date(value)
    except InvalidDateError as error:
        raise fault(str(error)) from None


class _KbDay(DataModel):
    day: Annotated[date, BeforeValidator(_day)] = Field(alias="date")
    name: Name
    besluit: Name


class _KbFile(DataModel):
    gelijkgestelde_dagen: list[_KbDay]


def load_gelijkgestelde(extra_files: Sequence[Path] = ()) -> list[NonWorkingDay]:
    """The packaged KB days plus those in `extra_files` (same format), sorted by date.

    A user file lists a Besluit gelijkstelling published after this release; where it repeats
    a date, the user file wins.

    Raises:
        InvalidInputError: a user file cannot be read, is not valid YAML or has a bad entry;
            the message names the file and the entry.
    """
    packaged = files("escalation.resources").joinpath(PACKAGED_FILE)
    days = {d.day: d for d in _parse(packaged.read_text(encoding="utf-8"), PACKAGED_FILE)}
    for path in extra_files:
        days.update((d.day, d) for d in _parse(_read(path), str(path)))
    return [days[day] for day in sorted(days)]


def build_calendar(extra_files: Sequence[Path] = ()) -> AtwCalendar:
    """The Atw calendar with the packaged and user-supplied KB days."""
    return AtwCalendar(load_gelijkgestelde(extra_files))


def _read(path: Path) -> str:
    try:
        return _read_text(path)
    except DataFileError as error:
        raise InvalidInputError(str(error)) from None


def _parse(text: str, where: str) -> list[NonWorkingDay]:
    try:
        document = load_yaml(text, origin=where)
    except DataFileError as error:
        raise InvalidInputError(str(error)) from None
    if not isinstance(document, dict) or not isinstance(document.get(_LIST), list):
        raise InvalidInputError(
            _(
                "{file} has no list '{list}'. Each entry of '{list}' needs exactly date "
                "(e.g. 2029-05-11), name and besluit."
            ).format(file=where, list=_LIST)
        )
    try:
        entries = _KbFile.model_validate(document).gelijkgestelde_dagen
    except ValidationError as error:
        labels = {_LIST: (N_("entry"), ())}
        problems = describe(error, model=_KbFile, data=document, labels=labels, top=where)
        what = _("the KB file")
        raise InvalidInputError(report(where, problems, what=what, joiner=", ")) from None
    return [gelijkgestelde_dag(day=e.day, name=e.name, besluit=e.besluit) for e in entries]
