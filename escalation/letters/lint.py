"""`escalation letter lint`: every template parses, declares what it uses, and renders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import TemplateSyntaxError, meta

from escalation.domain.atw import TermBasis
from escalation.domain.bezwaar_letters import sample_bezwaar
from escalation.domain.deadline import Deadline
from escalation.domain.findings import CaseNorms, FindingsVersion, Judgement
from escalation.domain.findings import Finding as NormFinding
from escalation.domain.letter_context import ENGINE_FIELDS, build_context
from escalation.domain.letters import (
    ENGINE_INPUTS,
    LAYOUT_FIELDS,
    ActionFacts,
    Finding,
    LetterError,
    LetterFormat,
    TemplateSpec,
)
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.i18n import _
from escalation.letters.renderer import JinjaLetterRenderer
from escalation.letters.sample_ledger import add_sample_ledger
from escalation.letters.templates import SUFFIX, make_environment, read_template
from escalation.paths import packaged_dir

SAMPLE_DAY = date(2025, 1, 31)
SAMPLE_DUE = date(2025, 3, 14)


class TemplateLinter:
    """`escalation letter lint`: the packaged templates and the user's own folder, or one path."""

    def __init__(self, user: Path | None = None) -> None:
        self._user = user

    def __call__(self, path: Path | None = None) -> tuple[list[str], list[Finding]]:
        if path is not None:
            return lint_path(path)
        checked, findings = lint_path(None)
        if self._user is not None:
            own_checked, own_findings = lint_path(self._user)
            checked, findings = checked + own_checked, findings + own_findings
        return checked, findings


def lint_path(path: Path | None = None) -> tuple[list[str], list[Finding]]:
    """Lint one template file, or every `*.md.j2` in a folder (default: the packaged one).

    Returns:
        The template names checked and the findings.
    """
    target = path or packaged_dir("letters")
    files = sorted(target.glob(f"*{SUFFIX}")) if target.is_dir() else [target]
    folder = target if target.is_dir() else target.parent
    sandboxed = folder.resolve() != packaged_dir("letters").resolve()
    renderer = JinjaLetterRenderer(user=folder if sandboxed else None)
    checked, findings = [], []
    for file in files:
        if file.name.startswith("_"):
            continue
        checked.append(file.name)
        findings += lint_file(file, renderer=renderer, sandboxed=sandboxed)
    return checked, findings


def lint_file(path: Path, *, renderer: JinjaLetterRenderer, sandboxed: bool) -> list[Finding]:
    try:
        file = read_template(path, sandboxed=sandboxed)
    except LetterError as err:
        return [Finding(path.name, str(err))]
    spec = file.spec
    env = make_environment([path.parent], sandboxed=sandboxed)
    try:
        used = meta.find_undeclared_variables(env.parse(file.source))
    except TemplateSyntaxError as err:
        problem = _("syntax error on line {line}: {problem}").format(
            line=err.lineno, problem=err.message
        )
        return [Finding(spec.name, problem)]
    findings = _declaration_findings(spec, used)
    if not any(f.error for f in findings):
        findings += _render_findings(spec, renderer=renderer)
    return findings


def _declaration_findings(spec: TemplateSpec, used: set[str]) -> list[Finding]:
    declared = spec.declared | set(LAYOUT_FIELDS)
    findings = [
        Finding(spec.name, _("uses '{name}', which it does not declare").format(name=name))
        for name in sorted(used - declared)
    ]
    unused = spec.declared - used - ENGINE_INPUTS - {"betreft", "geadresseerd"}
    findings += [
        Finding(
            spec.name, _("declares '{name}' but does not use it").format(name=name), error=False
        )
        for name in sorted(unused)
    ]
    findings += [
        Finding(
            spec.name,
            _("declares the field '{name}', which the engine does not provide").format(name=name),
        )
        for name in spec.fields
        if name not in ENGINE_FIELDS
    ]
    if spec.deadlines and "termijn" not in spec.fields:
        findings.append(Finding(spec.name, _("lists deadlines but does not declare 'termijn'")))
    missing = [
        n for n in (*spec.parameters, *(i.name for i in spec.inputs)) if n not in spec.sample
    ]
    findings += [
        Finding(spec.name, _("has no sample value for '{name}'").format(name=n)) for n in missing
    ]
    return findings


def _render_findings(spec: TemplateSpec, *, renderer: JinjaLetterRenderer) -> list[Finding]:
    """The template renders with its sample, for a case without and with findings per norm, and
    for a joint case."""
    try:
        for norms, joint in ((None, False), (SAMPLE_NORMS, False), (None, True)):
            context = sample_context(spec, renderer=renderer, norms=norms, joint=joint)
            for fmt in (LetterFormat.MD, LetterFormat.HTML):
                renderer.render(spec.name, context, fmt=fmt)
    except LetterError as err:
        return [
            Finding(spec.name, _("does not render with its sample: {problem}").format(problem=err))
        ]
    return []


# Findings of an example case: one norm below `voldoet` with its measures, one met.
SAMPLE_NORMS = CaseNorms(
    FindingsVersion(
        framework="voorbeeld",
        framework_version=1,
        label="Voorbeeldkader",
        findings=(
            NormFinding(
                "1.1",
                "De hulp is veilig.",
                Judgement.VOLDOET_NIET,
                "Artikel 4.1.1 Jeugdwet",
                "Er is geen **risicotaxatie**.",
                ("Maak een risicotaxatie.", "Leg haar vast."),
            ),  # fmt: skip
            NormFinding("1.2", "Het dossier is op orde.", Judgement.VOLDOET),
        ),
    )
)


def sample_context(
    spec: TemplateSpec,
    *,
    renderer: JinjaLetterRenderer,
    norms: CaseNorms | None = None,
    joint: bool = False,
) -> dict[str, object]:
    """The template's context for an example case with every deadline it needs; `joint`: a
    gecertificeerde instelling under IGJ and Inspectie JenV together."""
    case = _sample_case(spec, norms, joint=joint)
    action = None
    if spec.action:
        params = {p: spec.sample[p] for p in spec.parameters}
        action = ActionFacts(name=spec.action, on=SAMPLE_DAY, params=params)
    inputs = {i.name: spec.sample[i.name] for i in spec.inputs if i.name in spec.sample}
    return build_context(
        spec=spec,
        case=case,
        organisation=renderer.organisation(case),
        on=SAMPLE_DAY,
        action=action,
        inputs=inputs,
    )


def _sample_case(spec: TemplateSpec, norms: CaseNorms | None, *, joint: bool) -> Case:
    kinds = {*spec.deadlines, "bezwaar", spec.sample.get("termijnsoort", "bezwaar")}
    case = Case(
        provider=Provider(
            "12345678",
            "Voorbeeld Jeugdhulp B.V.",
            ProviderKind.GECERTIFICEERDE_INSTELLING if joint else ProviderKind.JEUGDHULPAANBIEDER,
            address="Voorbeeldstraat 1, 1234 AB Voorbeeldstad",
        ),  # fmt: skip
        workflow_name="jeugdwet",
        workflow_version=1,
        state="voorbeeld",
        opened_on=SAMPLE_DAY,
        id=1,
        deadlines=[_sample_deadline(kind, spec.action) for kind in sorted(kinds)],
        norms=norms,
        co_organisations=("JENV",) if joint else (),
    )
    if "bezwaar" in spec.fields:
        case.besluiten, linked = sample_bezwaar(SAMPLE_DAY, SAMPLE_DUE)
        case.deadlines += linked
    if "dwangsom" in spec.fields:
        add_sample_ledger(case, on=SAMPLE_DAY)
    return case


def _sample_deadline(kind: str, action: str | None) -> Deadline:
    return Deadline(
        kind=kind,
        due=SAMPLE_DUE,
        basis=TermBasis.STATUTORY,
        legal_basis=None,
        start=SAMPLE_DAY,
        term="6 weken",
        steps=(),
        set_by=action or "geef_aanwijzing",
        set_on=SAMPLE_DAY,
    )
