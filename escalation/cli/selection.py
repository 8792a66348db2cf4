"""The options by which a bulk command names its cases (escalation.services.selection)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from escalation.domain.errors import InvalidInputError
from escalation.domain.limits import MAX_ID
from escalation.i18n import N_, _
from escalation.services.selection import CaseSelection, ids_from_csv, ids_from_text

# A CSV of case numbers: a hundred thousand lines at most.
MAX_CSV_BYTES = 2_000_000

CasesOption = Annotated[
    str | None,
    typer.Option("--cases", metavar="ID,ID,...", help=N_("Case numbers separated by commas.")),
]
FromOption = Annotated[
    Path | None,
    typer.Option(
        "--from", metavar="FILE.csv", help=N_("A CSV file with a case number on each line.")
    ),
]
StateOption = Annotated[str | None, typer.Option("--state", help=N_("Every case in this state."))]
SignalOption = Annotated[
    int | None,
    typer.Option(
        "--signaal", metavar="SIGNAL", min=1, max=MAX_ID, help=N_("Every case of this signal.")
    ),
]


def selection_from(
    *,
    cases: str | None = None,
    source: Path | None = None,
    state: str | None = None,
    signal: int | None = None,
    options: str = "--cases, --from, --state",
) -> CaseSelection:
    """Exactly one of the options given (else command-line misuse, exit 2), read and checked.

    `options` names the options the command offers, for the message.

    Raises:
        typer.BadParameter: none or more than one given.
        InvalidInputError: an id that is not a case number; a file that cannot be read.
    """
    given = [value for value in (cases, source, state, signal) if value is not None]
    if len(given) != 1:
        raise typer.BadParameter(
            _("name the cases with exactly one of {options}.").format(options=options),
            param_hint=options.split(",")[0],
        )
    if cases is not None:
        return CaseSelection(cases=ids_from_text(cases))
    if source is not None:
        return CaseSelection(cases=ids_from_csv(_read(source), origin=source.name))
    return CaseSelection(state=state, signal=signal)


def _read(source: Path) -> str:
    try:
        if source.stat().st_size > MAX_CSV_BYTES:
            raise InvalidInputError(_("{file} is larger than 2 MB; split it.").format(file=source))
        return source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInputError(
            _("Cannot read {file}: {problem}.").format(file=source, problem=err)
        ) from None
