"""Edit a document in $EDITOR the way `git commit` does: pre-filled, checked on save, reopened
with the faults until it is valid; an empty or unchanged file, or a failing editor, aborts."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from escalation.cli.output import echo
from escalation.domain.errors import InvalidInputError
from escalation.domain.findings import DocumentError
from escalation.i18n import _

T = TypeVar("T")

FAULT_MARK = "# ! "  # the lines that say what was wrong, appended at the end (lines keep place)


def edit_until_valid(initial: str, *, name: str, accept: Callable[[str], T]) -> T:
    """Open `initial` in the editor until `accept` takes the saved text; returns its result.

    Raises:
        InvalidInputError: the editor failed, or the file was left empty, unchanged, or with
            the same faults again; nothing was stored.
    """
    shown, refused = initial, ""
    with tempfile.TemporaryDirectory(prefix="escalation-") as folder:
        path = Path(folder) / name
        while True:
            text = _edit(path, shown)
            if not _content(text):
                raise InvalidInputError(_("The document is empty; nothing was stored."))
            if text == shown:
                raise InvalidInputError(_("The document was not changed; nothing was stored."))
            if _content(text) == refused:
                raise InvalidInputError(
                    _("The document still has the faults shown; nothing was stored.")
                )
            try:
                return accept(text)
            except DocumentError as err:
                echo(_("Error: {message}").format(message=err), err=True)
                refused, shown = _content(text), _with_faults(text, str(err))


def _edit(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        done = subprocess.run([*shlex.split(editor), str(path)], check=False)  # noqa: S603
    except (OSError, ValueError) as err:
        raise InvalidInputError(
            _("The editor '{editor}' could not be started ({problem}); nothing was stored.").format(
                editor=editor, problem=err
            )
        ) from None
    if done.returncode != 0:
        raise InvalidInputError(
            _("The editor '{editor}' failed (exit {code}); nothing was stored.").format(
                editor=editor, code=done.returncode
            )
        )
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInputError(
            _("The edited document cannot be read ({problem}); nothing was stored.").format(
                problem=err
            )
        ) from None


def _content(text: str) -> str:
    """The text without comment lines and blank lines: what counts."""
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line.strip() and not line.lstrip().startswith("#"))


def _with_faults(text: str, faults: str) -> str:
    kept = [line for line in text.splitlines() if not line.startswith(FAULT_MARK)]
    while kept and not kept[-1].strip():
        kept.pop()
    notes = [FAULT_MARK + line for line in faults.splitlines()]
    header = FAULT_MARK + _("Fix these faults, then save; an unchanged file aborts:")
    return "\n".join([*kept, "", header, *notes]) + "\n"
