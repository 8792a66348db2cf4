"""Load the days gelijkgesteld by KB (Atw art. 3 lid 3) from YAML and build the Atw calendar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from importlib.resources import files
from pathlib import Path

import yaml

from escalation.domain.calendar import AtwCalendar, NonWorkingDay, gelijkgestelde_dag
from escalation.domain.errors import InvalidDateError, InvalidInputError
from escalation.domain.terms import parse_date

PACKAGED_FILE = "gelijkgestelde_dagen.yaml"
_KEYS = ("date", "name", "besluit")
_Fault = Callable[[str], InvalidInputError]
_FORMAT = "Each entry of 'gelijkgestelde_dagen' needs exactly date (YYYY-MM-DD), name and besluit."


class _TextDatesLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is reported with its entry."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


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
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInputError(f"Cannot read {path}: {error.strerror or error}.") from None
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path} is not a UTF-8 text file.") from None


def _parse(text: str, where: str) -> list[NonWorkingDay]:
    try:
        document = yaml.load(text, Loader=_TextDatesLoader)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        at = "" if line is None else f" (line {line + 1})"
        raise InvalidInputError(f"{where} is not valid YAML{at}. {_FORMAT}") from None
    entries = document.get("gelijkgestelde_dagen") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise InvalidInputError(f"{where} has no list 'gelijkgestelde_dagen'. {_FORMAT}")
    return [_entry(entry, where=where, number=n) for n, entry in enumerate(entries, start=1)]


def _entry(entry: object, *, where: str, number: int) -> NonWorkingDay:
    def fault(problem: str) -> InvalidInputError:
        return InvalidInputError(f"{where}, entry {number}: {problem}")

    if not isinstance(entry, dict):
        raise fault(f"not a mapping. {_FORMAT}")
    unknown = sorted(str(key) for key in entry if key not in _KEYS)
    missing = [key for key in _KEYS if key not in entry]
    if unknown or missing:
        problems = [f"unknown key '{k}'" for k in unknown] + [f"no '{k}'" for k in missing]
        raise fault(f"{', '.join(problems)}. {_FORMAT}")
    texts = {key: entry[key] for key in ("name", "besluit")}
    for key, value in texts.items():
        if not isinstance(value, str) or not value.strip():
            raise fault(f"'{key}' must be a non-empty text.")
    day = _day(entry["date"], fault)
    return gelijkgestelde_dag(day=day, name=texts["name"].strip(), besluit=texts["besluit"].strip())


def _day(value: object, fault: _Fault) -> date:
    if not isinstance(value, str):
        raise fault(f"write the date as YYYY-MM-DD, e.g. 2029-05-11; got {value!r}.")
    try:
        return parse_date(value)
    except InvalidDateError as error:
        raise fault(str(error)) from None
