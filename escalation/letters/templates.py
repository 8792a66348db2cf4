"""Finding letter templates, reading their declarations, and the Jinja2 environments."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment

from escalation.domain.letters import (
    InputSpec,
    InputType,
    LetterError,
    Organisation,
    TemplateSpec,
)

SUFFIX = ".md.j2"
ORGANISATION_FILE = "organisatie.yaml"
LAYOUT = "_layout.html.j2"
_FRONT = re.compile(r"\A\{#---\n(?P<yaml>.*?)\n---#\}\n?", re.DOTALL)


def _finalize(value: Any) -> Any:  # Jinja hands over any value printed by {{ }}
    if value is None:
        raise LetterError("a template printed an empty value (None); every field needs a value.")
    return value


def make_environment(folders: list[Path], *, sandboxed: bool) -> Environment:
    """StrictUndefined always; HTML autoescaped; templates not shipped with us are sandboxed."""
    kind = ImmutableSandboxedEnvironment if sandboxed else Environment
    return kind(
        loader=FileSystemLoader([str(f) for f in folders]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )


@dataclass(frozen=True, slots=True)
class TemplateFile:
    """A template on disk with its declaration (a Jinja comment, so it renders as nothing)."""

    spec: TemplateSpec
    source: str
    path: Path


def read_template(path: Path, *, sandboxed: bool) -> TemplateFile:
    """Read one `<name>.md.j2` file with its `{#--- yaml ---#}` declaration.

    Raises:
        LetterError: no declaration, or a malformed one (naming the file).
    """
    source = path.read_text(encoding="utf-8")
    name = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem
    match = _FRONT.match(source)
    if match is None:
        raise LetterError(f"{path}: the template does not start with its {{#--- ... ---#}} block.")
    try:
        data = yaml.safe_load(match["yaml"]) or {}
    except yaml.YAMLError as err:
        raise LetterError(f"{path}: the declaration is not valid YAML: {err}") from None
    if not isinstance(data, dict):
        raise LetterError(f"{path}: the declaration must be a mapping.")
    spec = _spec(data, name=name, path=path, source=source, sandboxed=sandboxed)
    return TemplateFile(spec=spec, source=source, path=path)


def _spec(
    data: dict[str, Any], *, name: str, path: Path, source: str, sandboxed: bool
) -> TemplateSpec:
    try:
        return TemplateSpec(
            name=name,
            title=str(data.get("title", name)),
            sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(),
            origin=str(path),
            fields=_names(data.get("fields", [])),
            parameters=_names(data.get("parameters", [])),
            inputs=_inputs(data.get("inputs", {})),
            deadlines=_names(data.get("deadlines", [])),
            action=data.get("action"),
            decision=data.get("decision"),
            sample={str(k): str(v) for k, v in (data.get("sample") or {}).items()},
            sandboxed=sandboxed,
        )
    except (TypeError, AttributeError, ValueError) as err:
        raise LetterError(f"{path}: the declaration is malformed: {err}") from None


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of names, got {value!r}")
    return tuple(str(v) for v in value)


def _inputs(value: Any) -> tuple[InputSpec, ...]:
    if not isinstance(value, dict):
        raise ValueError(f"`inputs` must map each name to its help text, got {value!r}")
    found = []
    for key, item in value.items():
        if isinstance(item, dict):
            default = item.get("default")
            found.append(
                InputSpec(
                    str(key),
                    str(item.get("help", "")),
                    None if default is None else str(default),
                    InputType(item.get("type", "text")),
                )
            )
        else:
            found.append(InputSpec(str(key), str(item or "")))
    return tuple(found)


def read_organisation(path: Path) -> Organisation:
    """The letterhead and bestuursorganen data (letters/organisatie.yaml)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Organisation(
            afzender=dict(data["afzender"]),
            ondertekening=tuple(str(line) for line in data["ondertekening"]),
            besluiten={str(k): dict(v) for k, v in data["besluiten"].items()},
            termijnen={str(k): str(v) for k, v in data["termijnen"].items()},
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as err:
        raise LetterError(f"{path}: the organisation data cannot be read: {err!r}") from None
