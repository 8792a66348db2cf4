"""Letters as data: template declarations, the organisation, the archive record, file names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from escalation.domain.errors import EscalationError
from escalation.domain.model import ParamValue
from escalation.i18n import _, ngettext

# A letter is a draft until it is sent; a sent letter never changes (migration 0008).
DRAFT = "draft"
SENT = "sent"
# Fields every letter has, used by the letterhead around the template's own text.
LAYOUT_FIELDS = ("afzender", "ontvanger", "datum", "zaak")
# Inputs the engine itself reads (to choose a deadline), so a template need not print them.
ENGINE_INPUTS = frozenset({"termijnsoort", "bezwaarschrift"})


# A besluit's kenmerk: the organisation's prefix, the year of its dagtekening, a number.
KENMERK_PATTERN = "IGJ-{jaar}-{nummer:06d}"
# A case's reference in letters that belong to no besluit: "IGJ-ZAAK-000001".
ZAAKKENMERK_PATTERN = "IGJ-ZAAK-{nummer:06d}"
# The organisation data names the beslissing op bezwaar "bezwaar" (the templates' `decision:`).
_ENTRY_OF = {"beslissing_op_bezwaar": "bezwaar"}


class LetterError(EscalationError):
    """A letter cannot be made: a field is missing or empty, or a template is faulty."""


class UnknownLetterError(LetterError):
    """No letter with this id in the archive."""


class SentLetterError(LetterError):
    """The letter was sent: it never changes again."""


class LetterFormat(StrEnum):
    MD = "md"
    TXT = "txt"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"

    @property
    def is_text(self) -> bool:
        """Text formats re-render to the same bytes; PDF and DOCX carry their own timestamps."""
        return self in (LetterFormat.MD, LetterFormat.TXT, LetterFormat.HTML)


class InputType(StrEnum):
    TEXT = "text"
    MONEY = "money"  # "1000" → "€ 1.000,00"
    TERM = "term"  # "4 weken", or a date → "31 januari 2025"


@dataclass(frozen=True, slots=True)
class InputSpec:
    """A field the jurist writes (aanleiding, dictum); `default` makes it optional."""

    name: str
    help: str
    default: str | None = None
    type: InputType = InputType.TEXT
    fill: str | None = None  # a fact of the case or the settings: how to fill it in


# What a letter's context holds where a fact of the case or the settings is missing (a
# provider's postal address, the signatory): "[ontbreekt: what; how to fill it in]". A letter
# holding one is not complete: it stays a draft, and `letter send` refuses it.
MISSING = "[ontbreekt: "


def missing_facts(value: Any, path: str = "") -> tuple[InputSpec, ...]:
    """The facts a context marks as missing, each named by its place in the context."""
    if isinstance(value, str):
        if value.startswith(MISSING):
            return (InputSpec(path, "", fill=value[len(MISSING) :].rstrip("]")),)
        return ()
    if isinstance(value, Mapping):
        return tuple(
            gap for k, v in value.items() for gap in missing_facts(v, f"{path}.{k}" if path else k)
        )
    if isinstance(value, list | tuple):
        return tuple(gap for i, v in enumerate(value) for gap in missing_facts(v, path))
    return ()


class MissingFieldsError(LetterError):
    """Fields the jurist writes are missing: every one is named, with how to give it.

    `context` is what could be made without them (a draft keeps it until they are filled in).
    """

    def __init__(
        self, template: str, missing: tuple[InputSpec, ...], context: dict[str, Any]
    ) -> None:
        self.template = template
        self.missing = missing
        self.context = context
        super().__init__(missing_message(template, missing))


def missing_message(template: str, missing: tuple[InputSpec, ...]) -> str:
    """'Letter 'x' lacks 2 fields:' and one line per field with the --set that gives it."""
    lines = [
        ngettext(
            "Letter '{template}' lacks {n} field:",
            "Letter '{template}' lacks {n} fields:",
            len(missing),
        ).format(template=template, n=len(missing))
    ]
    for item in missing:
        if item.fill is not None:
            lines.append(f"  {item.name}: {item.fill}")
            continue
        about = f" ({item.help})" if item.help else ""
        lines.append(
            "  "
            + _("{field}{about}: --set {field}=TEXT or --set {field}=@FILE").format(
                field=item.name, about=about
            )
        )
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """What a template declares: its engine fields, action parameters, inputs and deadlines."""

    name: str
    title: str
    sha256: str
    origin: str
    fields: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()
    inputs: tuple[InputSpec, ...] = ()
    deadlines: tuple[str, ...] = ()
    action: str | None = None
    decision: str | None = None
    sample: Mapping[str, str] = field(default_factory=dict)
    sandboxed: bool = False
    publication: bool = False  # made public (Jeugdwet 9.7): inside the embargo only a draft

    @property
    def declared(self) -> frozenset[str]:
        return frozenset((*self.fields, *self.parameters, *(i.name for i in self.inputs)))

    def input(self, name: str) -> InputSpec | None:
        return next((i for i in self.inputs if i.name == name), None)


@dataclass(frozen=True, slots=True)
class Signatory:
    """The person who signs the letters (settings signatory_name, _function, _mandate)."""

    naam: str | None = None
    functie: str | None = None
    mandaat: str | None = None  # e.g. "namens deze, op grond van het Mandaatbesluit VWS"


@dataclass(frozen=True, slots=True)
class Organisation:
    """The sender's data: letterhead, signatures, the bestuursorgaan per besluittype."""

    afzender: Mapping[str, Any]  # parsed YAML: strings and lists of strings
    ondertekening: tuple[str, ...]
    besluiten: Mapping[str, Mapping[str, Any]]
    termijnen: Mapping[str, str]  # Dutch description per deadline kind
    kenmerk: str = KENMERK_PATTERN  # how a besluit's kenmerk is made
    zaakkenmerk: str = ZAAKKENMERK_PATTERN  # a case's reference: "IGJ-ZAAK-000001"
    ondertekenaar: Signatory = field(default_factory=Signatory)  # from the settings

    def bestuursorgaan(self, kind: str) -> str:
        """Who takes a besluit of this kind ('' when the organisation data does not say)."""
        entry = self.besluiten.get(kind) or self.besluiten.get(_ENTRY_OF.get(kind, ""), {})
        return str(entry.get("naam", ""))


@dataclass(frozen=True, slots=True)
class LetterRecord:
    """One letter: a draft (may change, may lack fields) until it is sent, then unchanged.

    A draft that lacks fields has no content yet (b""); its context holds what could be made.
    """

    case_id: int
    template: str
    template_sha256: str
    format: LetterFormat
    context: dict[str, Any]  # JSON: exactly what the template received
    content: bytes
    output_sha256: str
    filename: str
    on: date
    issued_by: str
    issued_at: datetime
    action: str | None = None
    id: int | None = None
    status: str = DRAFT  # or SENT: frozen, recorded in the history

    @property
    def sent(self) -> bool:
        return self.status == SENT

    def missing(self, spec: TemplateSpec) -> tuple[InputSpec, ...]:
        """The fields the jurist must still write (a draft stored without them)."""
        inputs = tuple(i for i in spec.inputs if i.name not in self.context)
        return inputs + missing_facts(self.context)


@dataclass(frozen=True, slots=True)
class ActionFacts:
    """The action a letter belongs to: its name, date and typed parameters."""

    name: str
    on: date
    params: Mapping[str, ParamValue]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a template check found; `error` findings make the check fail."""

    template: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        if self.error:
            return _("{template}: error: {message}").format(
                template=self.template, message=self.message
            )
        return _("{template}: warning: {message}").format(
            template=self.template, message=self.message
        )


# --- file names -----------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, limit: int = 40) -> str:
    """Lower-case ASCII letters, digits and single hyphens: nothing a path can be made of."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("-", ascii_text.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "x"


def letter_filename(
    *, case_id: int, template: str, on: date, provider: str, fmt: LetterFormat
) -> str:
    """'zaak-3-aanwijzing-2025-01-31-focus-jeugd-gezin-b-v.pdf': a bare name, never a path."""
    return f"zaak-{case_id}-{slug(template)}-{on.isoformat()}-{slug(provider)}.{fmt.value}"
