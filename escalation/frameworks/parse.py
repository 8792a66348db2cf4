"""Read a framework file, a findings document and a hertoets document: safe YAML, pydantic,
and every fault named with its line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from escalation.datafiles import DataFileError, Labels, describe, load_yaml, report
from escalation.domain.errors import DefinitionError
from escalation.domain.findings import DocumentError, Framework
from escalation.frameworks.lines import line_of
from escalation.frameworks.schema import FrameworkFile
from escalation.i18n import N_, _

LABELS: Labels = {
    "norms": (N_("norm"), ("id",)),
    "themes": (N_("theme"), ("id",)),
    "findings": (N_("finding"), ("norm",)),
}

M = TypeVar("M", bound=BaseModel)


def parse_framework(text: str, *, origin: str) -> Framework:
    """One framework file, checked.

    Raises:
        DefinitionError: malformed YAML or an invalid framework, one line per fault.
    """
    what = _("the framework file")
    try:
        model = read_model(text, FrameworkFile, origin=origin, what=what, top=_("the file"))
    except DocumentError as err:
        raise DefinitionError(str(err)) from None
    faults = [(line_of(text, loc), message) for loc, message in model.faults()]
    if faults:
        raise DefinitionError(located(origin, faults, what=what))
    return model.to_domain(origin=origin)


def read_model(text: str, model: type[M], *, origin: str, what: str, top: str | None = None) -> M:
    """`text` as `model`; each fault says its line.

    Raises:
        DocumentError: not YAML, not a mapping, or not valid as `model`.
    """
    try:
        data = load_yaml(text, origin=origin)
    except DataFileError as err:
        raise DocumentError(str(err)) from None
    if not isinstance(data, dict):
        raise DocumentError(
            _("{file}, line 1: the document must be a mapping of names to values.").format(
                file=origin
            )
        )
    try:
        return model.model_validate(data)
    except ValidationError as err:
        sentences = describe(
            err, model=model, data=data, labels=LABELS, top=top or _("the document")
        )
        lines = [line_of(text, e["loc"]) for e in err.errors()]
        faults = list(zip(lines, sentences, strict=True))
        raise DocumentError(located(origin, faults, what=what)) from None


def located(origin: str, faults: Sequence[tuple[int | None, str]], *, what: str) -> str:
    """The faults as `report` writes them, each preceded by its line."""
    problems = [
        _("line {line}: {fault}").format(line=line, fault=text) if line else text
        for line, text in sorted(faults, key=lambda f: f[0] or 0)
    ]
    return report(origin, problems, what=what, joiner=", ")
