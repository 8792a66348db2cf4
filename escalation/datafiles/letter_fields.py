"""The jurist's fields of a draft letter as a YAML document with Markdown block values.

`escalation letter edit` opens this document in $EDITOR, as `git commit` does; each field is a
block (`aanleiding: |` with the text indented below it), so Markdown is written as is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from escalation.datafiles.safe_yaml import DataFileError, load_yaml, read_text
from escalation.domain.errors import InvalidInputError
from escalation.i18n import _

_PROBLEM = "# ! "  # marks the lines that say why the last save was not stored


def read_text_file(path: Path) -> str:
    """A UTF-8 text file given on the command line (`--set NAME=@FILE`), bounded in size."""
    try:
        return read_text(path)
    except DataFileError as err:
        raise InvalidInputError(str(err)) from None


def fields_document(
    heading: str, fields: Sequence[tuple[str, str, str]], *, problem: str | None = None
) -> str:
    """The document to edit: a heading, then per field (name, help, value) its help and block."""
    lines = [_PROBLEM + line for line in (problem or "").splitlines()]
    lines += [f"# {line}" for line in heading.splitlines()]
    lines.append(
        "# "
        + _(
            "Write each field as Markdown below its name, indented by two spaces. Lines "
            "starting with # are ignored. Save and close to store; an empty or unchanged "
            "document stores nothing."
        )
    )
    for name, about, value in fields:
        lines += ["", *([f"# {about}"] if about else []), f"{name}: |"]
        lines += [f"  {line}" if line.strip() else "" for line in value.splitlines()]
    return "\n".join(lines) + "\n"


def with_problem(text: str, problem: str) -> str:
    """The document again, headed by why its last save was not stored."""
    return "".join(_PROBLEM + line + "\n" for line in problem.splitlines()) + text


def without_problem(text: str) -> str:
    """The document without the lines that said why an earlier save was refused."""
    return "\n".join(line for line in text.split("\n") if not line.startswith(_PROBLEM))


def parse_fields(text: str, names: Sequence[str], *, origin: str) -> dict[str, str] | None:
    """The fields written in the document (None: it is empty).

    Raises:
        InvalidInputError: not YAML, an unknown field, a value that is not text; with its line.
    """
    try:
        data = load_yaml(text, origin=origin)
    except DataFileError as err:
        raise InvalidInputError(str(err)) from None
    if data is None:
        return None
    if not isinstance(data, dict):
        raise InvalidInputError(
            _("{file}: write each field as 'NAME: |' with its text indented below it.").format(
                file=origin
            )
        )
    values: dict[str, str] = {}
    for key, value in data.items():
        where = _("{file}, line {line}").format(file=origin, line=line_of(text, key))
        if key not in names:
            raise InvalidInputError(
                _("{where}: the letter has no field '{field}'. Its fields are: {known}.").format(
                    where=where, field=key, known=", ".join(names)
                )
            )
        if isinstance(value, dict | list | bool):
            raise InvalidInputError(
                _(
                    "{where}: the field '{field}' must be text: write 'NAME: |' and the text "
                    "indented below it."
                ).format(where=where, field=key)  # fmt: skip
            )
        values[key] = "" if value is None else str(value)
    return values


def line_of(text: str, name: str) -> int:
    """The line (from 1) where the field `name` starts in the document; 1 if not found."""
    pattern = re.compile(rf"^{re.escape(name)}\s*:")
    found = (i for i, line in enumerate(text.split("\n"), 1) if pattern.match(line))
    return next(found, 1)
