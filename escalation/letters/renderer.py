"""The Jinja2 letter renderer: one template, rendered to text, HTML, PDF and DOCX."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, TemplateError, UndefinedError
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from escalation.domain.letters import (
    InputType,
    LetterError,
    LetterFormat,
    Organisation,
    Signatory,
    TemplateSpec,
)
from escalation.domain.model import Case
from escalation.domain.organisations import DEFAULT_ORGANISATION, case_sender
from escalation.i18n import _
from escalation.letters import bounds, docx_writer, markdown
from escalation.letters.closing import KEPT_TOGETHER, signatory_lines
from escalation.letters.markdown import MarkdownText
from escalation.letters.organisations import FileOrganisationCatalog
from escalation.letters.templates import (
    ESCAPING,
    LAYOUT,
    SUFFIX,
    TemplateFile,
    make_environment,
    read_template,
)
from escalation.paths import packaged_dir

if TYPE_CHECKING:
    from escalation.letters.pool import RenderMany


class JinjaLetterRenderer:
    """Templates from the packaged `letters/` folder, or a user's folder first (sandboxed)."""

    def __init__(
        self,
        packaged: Path | None = None,
        user: Path | None = None,
        signatory: Signatory | None = None,
        organisations: FileOrganisationCatalog | None = None,
    ) -> None:
        self._packaged = packaged or packaged_dir("letters")
        self._user = user
        self.organisations = organisations or FileOrganisationCatalog(letters=user)
        self._signatory = signatory or Signatory()
        self._files: dict[str, TemplateFile] = {}

    @cached_property
    def _trusted(self) -> Environment:
        return make_environment([self._packaged], sandboxed=False)

    @cached_property
    def _sandbox(self) -> Environment:
        return make_environment([self._user or self._packaged], sandboxed=True)

    @property
    def packaged(self) -> Path:
        return self._packaged

    @property
    def user(self) -> Path | None:
        return self._user

    def batch(self, fmt: LetterFormat) -> AbstractContextManager[RenderMany]:
        """Render many letters of one format: PDF and DOCX on every core (letters.pool)."""
        from escalation.letters.pool import render_pool

        return render_pool(self, fmt)

    def names(self) -> list[str]:
        """Every template name, the user's and the packaged ones."""
        folders = [f for f in (self._user, self._packaged) if f is not None]
        found = {p.name[: -len(SUFFIX)] for f in folders for p in f.glob(f"*{SUFFIX}")}
        return sorted(n for n in found if not n.startswith("_"))

    def spec(self, name: str) -> TemplateSpec:
        return self._file(name).spec

    def organisation(self, case: Case | None = None) -> Organisation:
        """The sender of a case's letters: its lead organisation, with the others of a joint
        case (escalation.domain.organisations); without a case, the default organisation's."""
        catalog = self.organisations
        if case is None:
            found = catalog.get(DEFAULT_ORGANISATION).letters
        else:
            lead, co = catalog.get(case.organisation), catalog.many(case.co_organisations)
            found = case_sender(lead, co, case.provider.kind.value)
        return replace(found, ondertekenaar=self._signatory)

    def _file(self, name: str) -> TemplateFile:
        if name not in self._files:
            own = self._user / f"{name}{SUFFIX}" if self._user else None
            if own is not None and own.is_file():
                self._files[name] = read_template(own, sandboxed=True)
            elif (self._packaged / f"{name}{SUFFIX}").is_file() and not name.startswith("_"):
                self._files[name] = read_template(
                    self._packaged / f"{name}{SUFFIX}", sandboxed=False
                )
            else:
                known = ", ".join(self.names())
                raise LetterError(
                    _("There is no letter template '{name}'. Templates: {known}.").format(
                        name=name, known=known
                    )
                )
        return self._files[name]

    def render_text(self, name: str, context: Mapping[str, Any]) -> tuple[str, str]:
        """The template's subject ('betreft') and its body text (the Markdown subset)."""
        parts = self._parts(name, context)
        return parts.betreft, parts.body

    def _parts(self, name: str, context: Mapping[str, Any], *, markdown: bool = True) -> Parts:
        """The rendered template; `markdown`: engine values are escaped as Markdown."""
        file = self._file(name)
        env = self._sandbox if file.spec.sandboxed else self._trusted
        token = ESCAPING.set(markdown)
        try:
            return render_module(env, file, _jurist_markdown(context, file.spec))
        finally:
            ESCAPING.reset(token)

    def render(self, name: str, context: Mapping[str, Any], *, fmt: LetterFormat) -> bytes:
        """The whole letter, letterhead included, in one format."""
        parts = self._parts(name, context, markdown=fmt is not LetterFormat.TXT)
        if fmt in (LetterFormat.MD, LetterFormat.TXT):
            return text_letter(context, parts).encode("utf-8")
        if fmt is LetterFormat.DOCX:
            return docx_writer.write(
                context, parts.betreft, markdown.blocks(parts.body), addressed=parts.addressed
            )
        page = self.html(context, parts)
        if fmt is LetterFormat.HTML:
            return page.encode("utf-8")
        return pdf(page)

    def html(self, context: Mapping[str, Any], parts: Parts) -> str:
        """The letter as one HTML page; the last paragraph, the closing and the signatory
        stay together (`slot`), so no page holds only the signature."""
        layout = self._trusted.get_template(LAYOUT)
        blocks = markdown.html_blocks(parts.body)  # their text is escaped
        return layout.render(
            {
                **context,
                "betreft": parts.betreft,
                "inhoud": Markup("".join(blocks[:-KEPT_TOGETHER])),
                "slot": Markup("".join(blocks[-KEPT_TOGETHER:])),
                "geadresseerd": parts.addressed,
            }
        )


def _jurist_markdown(context: Mapping[str, Any], spec: TemplateSpec) -> dict[str, Any]:
    """The context with the jurist's text inputs marked as Markdown (printed unescaped)."""
    marked = {
        i.name: MarkdownText(context[i.name])
        for i in spec.inputs
        if i.type is InputType.TEXT and isinstance(context.get(i.name), str)
    }
    return {**context, **marked}


@dataclass(frozen=True, slots=True)
class Parts:
    """A rendered template: subject, body, and whether the letter has an addressee."""

    betreft: str
    body: str
    addressed: bool = True


def render_module(env: Environment, file: TemplateFile, context: Mapping[str, Any]) -> Parts:
    """Render one template file within the bounds. Every failure names the template."""
    name = file.spec.name
    try:
        text, module = _run(env, file, context)
    except bounds.TemplateLimit as err:
        problem = str(err)
    except RecursionError:
        problem = _("the template calls itself without end")
    except UndefinedError as err:
        raise LetterError(
            _(
                "Letter '{name}' cannot be made: {problem}. Every field the template uses must "
                "be declared and given."
            ).format(name=name, problem=err.message)
        ) from None
    except SecurityError as err:
        raise LetterError(
            _("Letter '{name}': the sandbox refused the template: {problem}").format(
                name=name, problem=err
            )
        ) from None
    except (TemplateError, ArithmeticError, TypeError, ValueError) as err:
        raise LetterError(
            _("Letter '{name}' ({file}): {problem}").format(name=name, file=file.path, problem=err)
        ) from None
    else:
        return _parts(name, text, module)
    raise LetterError(
        _("Letter '{name}' cannot be made: {problem}.").format(name=name, problem=problem)
    )


def _run(env: Environment, file: TemplateFile, context: Mapping[str, Any]) -> tuple[str, Any]:
    template = env.get_template(file.path.name)
    with bounds.time_limit():
        scope = template.new_context(dict(context))
        text = bounds.collect(template.root_render_func(scope))
    return text, TemplateModule(template, scope, [text])


def _parts(name: str, text: str, module: Any) -> Parts:
    betreft = getattr(module, "betreft", None)
    if not isinstance(betreft, str) or not betreft.strip():
        raise LetterError(
            _("Letter '{name}' sets no subject: add {{% set betreft = '...' %}}.").format(name=name)
        )
    addressed = bool(getattr(module, "geadresseerd", True))
    return Parts(betreft.strip(), text.strip("\n") + "\n", addressed)


def text_letter(context: Mapping[str, Any], parts: Parts) -> str:
    """The letter as plain text (and Markdown): letterhead, recipient, date, subject, body."""
    sender, recipient, case = context["afzender"], context["ontvanger"], context["zaak"]
    address = [
        f"Retouradres {sender['retouradres']}",
        "",
        str(recipient["naam"]),
        "t.a.v. het bestuur",
        *(str(line) for line in recipient.get("adres", ())),
        *docx_writer.kvk_line(recipient),
    ]
    lines = [
        *(str(o["naam"]) for o in sender.get("organisaties", [sender])),  # joint: each one
        *(address if parts.addressed else []),
        "",
        f"Datum        {context['datum']}",
        f"Betreft      {parts.betreft}",
        f"Ons kenmerk  {case['kenmerk']}",
        "",
        parts.body.rstrip("\n"),
        *signatory_lines(context),
        "",
        "---",
        " · ".join([str(sender["naam"]), *_contact(sender)]),
    ]
    return "\n".join(lines) + "\n"


def _contact(sender: Mapping[str, Any]) -> list[str]:
    visit = ", ".join(sender["bezoekadres"])
    return [
        f"Bezoekadres {visit}",
        str(sender["postadres"]),
        f"T {sender['telefoon']}",
        str(sender["website"]),
    ]


def pdf(page: str) -> bytes:
    """A4 PDF of the letter's HTML; nothing outside the document is fetched."""
    from escalation.letters.pdf import write_pdf  # WeasyPrint: slow to load, only for PDF

    return write_pdf(page)
