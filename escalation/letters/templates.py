"""Finding letter templates, reading their declarations, and the Jinja2 environments."""

from __future__ import annotations

import hashlib
import re
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from pydantic import BaseModel, BeforeValidator, Field, ValidationError

from escalation.datafiles import (
    DataFileError,
    DataModel,
    Listing,
    Name,
    Scalar,
    Text,
    describe,
    fault,
    load_yaml,
    read_text,
    report,
)
from escalation.domain.letters import (
    KENMERK_PATTERN,
    ZAAKKENMERK_PATTERN,
    InputSpec,
    InputType,
    LetterError,
    Organisation,
    TemplateSpec,
)
from escalation.i18n import N_, _
from escalation.letters.bounds import BoundedSandbox
from escalation.letters.markdown import MarkdownText, escape, mark

M = TypeVar("M", bound=BaseModel)

SUFFIX = ".md.j2"
ORGANISATION_FILE = "organisatie.yaml"
LAYOUT = "_layout.html.j2"
_FRONT = re.compile(r"\A\{#---\n(?P<yaml>.*?)\n---#\}\n?", re.DOTALL)
# Whether `{{ value }}` is escaped as Markdown: on while a body is rendered for a format that
# reads its Markdown (md, HTML, PDF, DOCX); off for plain text and for the HTML layout.
ESCAPING: ContextVar[bool] = ContextVar("escaping", default=False)


def _finalize(value: Any) -> Any:  # Jinja hands over any value printed by {{ }}
    if value is None:
        raise LetterError(_("a template printed an empty value (None); every field needs a value."))
    if ESCAPING.get() and isinstance(value, str) and not isinstance(value, MarkdownText):
        return escape(value)  # a value from the database prints literally, never as markup
    return value


def make_environment(folders: list[Path], *, sandboxed: bool) -> Environment:
    """StrictUndefined always; HTML autoescaped; templates not shipped with us are sandboxed.

    The sandbox is bounded (escalation.letters.bounds): output size, ranges, widths, time.
    """
    kind = BoundedSandbox if sandboxed else Environment
    env = kind(
        loader=FileSystemLoader([str(f) for f in folders]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters["markdown"] = mark  # `{{ tekst | markdown }}`: the jurist's Markdown
    return env


@dataclass(frozen=True, slots=True)
class TemplateFile:
    """A template on disk with its declaration (a Jinja comment, so it renders as nothing)."""

    spec: TemplateSpec
    source: str
    path: Path


def _empty_if_none(value: Any) -> Any:  # "sample:" with nothing after it
    return {} if value is None else value


def _input_entry(value: Any) -> Any:  # "aanleiding: help text" is short for {help: ...}
    if value is None or isinstance(value, str):
        return {"help": value or ""}
    return value


class _Input(DataModel):
    help: Text = ""
    default: Scalar | None = None
    type: InputType = InputType.TEXT


class _Declaration(DataModel):
    """The `{#--- ... ---#}` block at the top of a template."""

    title: Name | None = None
    fields: Listing[Name] = []
    parameters: Listing[Name] = []
    inputs: Annotated[
        dict[str, Annotated[_Input, BeforeValidator(_input_entry)]],
        BeforeValidator(_empty_if_none),
    ] = {}
    deadlines: Listing[Name] = []
    action: Name | None = None
    decision: Name | None = None
    sample: Annotated[dict[str, Scalar], BeforeValidator(_empty_if_none)] = {}
    publication: bool = False


def _text_or_lines(value: Any) -> Any:  # organisatie.yaml: a text, or a list of lines
    if isinstance(value, list):
        return [str(v) if isinstance(v, bool | int | float) else v for v in value]
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, str):
        return value
    raise fault(_("write a text or a list of lines."), name_the_key=True)


TextOrLines = Annotated[str | list[str], BeforeValidator(_text_or_lines)]


class OrganisationFile(DataModel):
    """letters/organisatie.yaml: the letterhead, signatures and bestuursorganen."""

    afzender: dict[str, TextOrLines]
    ondertekening: list[Scalar]
    besluiten: dict[str, dict[str, TextOrLines]]
    termijnen: dict[str, Scalar]
    kenmerk: Scalar = Field(
        default=KENMERK_PATTERN,
        description="How a besluit's kenmerk is made from {jaar} and {nummer}.",
    )
    zaakkenmerk: Scalar = Field(
        default=ZAAKKENMERK_PATTERN,
        description="A case's reference in letters of no besluit, made from {nummer}.",
    )


def read_template(path: Path, *, sandboxed: bool) -> TemplateFile:
    """Read one `<name>.md.j2` file with its `{#--- yaml ---#}` declaration.

    Raises:
        LetterError: no declaration, or a malformed one (naming the file, the item, the fault).
    """
    source = read(path)
    name = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem
    match = _FRONT.match(source)
    if match is None:
        raise LetterError(
            _("{file}: the template does not start with its {{#--- ... ---#}} block.").format(
                file=path
            )
        )
    data = load(match["yaml"], path, first_line=2) or {}
    declaration = validated(_Declaration, data, path, what=N_("the template declaration"))
    spec = _spec(declaration, name=name, path=path, source=source, sandboxed=sandboxed)
    return TemplateFile(spec=spec, source=source, path=path)


def _spec(d: _Declaration, *, name: str, path: Path, source: str, sandboxed: bool) -> TemplateSpec:
    return TemplateSpec(
        name=name,
        title=d.title or name,
        sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(),
        origin=str(path),
        fields=tuple(d.fields),
        parameters=tuple(d.parameters),
        inputs=_inputs(d.inputs),
        deadlines=tuple(d.deadlines),
        action=d.action,
        decision=d.decision,
        sample=dict(d.sample),
        sandboxed=sandboxed,
        publication=d.publication,
    )


def _inputs(inputs: dict[str, _Input]) -> tuple[InputSpec, ...]:
    return tuple(InputSpec(key, i.help, i.default, i.type) for key, i in inputs.items())


def read_organisation(path: Path) -> Organisation:
    """The letterhead and bestuursorganen data (letters/organisatie.yaml).

    Raises:
        LetterError: the file cannot be read or is malformed (naming the item and the fault).
    """
    data = load(read(path), path)
    org = validated(OrganisationFile, data, path, what=N_("the organisation file"))
    return letter_data(org)


def letter_data(org: OrganisationFile) -> Organisation:
    """The letter data of an organisation file (organisatie.yaml, organisations/<code>.yaml)."""
    return Organisation(
        afzender=dict(org.afzender),
        ondertekening=tuple(org.ondertekening),
        besluiten={key: dict(besluit) for key, besluit in org.besluiten.items()},
        termijnen=dict(org.termijnen),
        kenmerk=org.kenmerk,
        zaakkenmerk=org.zaakkenmerk,
    )


def read(path: Path) -> str:
    try:
        return read_text(path)
    except DataFileError as err:
        raise LetterError(str(err)) from None


def load(text: str, path: Path, *, first_line: int = 1) -> object:
    try:
        return load_yaml(text, origin=str(path), first_line=first_line)
    except DataFileError as err:
        raise LetterError(str(err)) from None


# "besluit" is a Dutch legal term: it stays Dutch in English too.
_LABELS = {"inputs": (N_("input"), ()), "besluiten": ("besluit", ())}


def validated(model: type[M], data: object, path: Path, *, what: str) -> M:
    """`data` as `model`; `what` names the file (marked with N_), e.g. "the organisation file"."""
    what = _(what)
    if not isinstance(data, dict):
        raise LetterError(
            _("{file}: {what} must be a mapping of names to values.").format(file=path, what=what)
        )
    try:
        return model.model_validate(data)
    except ValidationError as err:
        problems = describe(err, model=model, data=data, labels=_LABELS, top=what)
        raise LetterError(report(str(path), problems, what=what)) from None
