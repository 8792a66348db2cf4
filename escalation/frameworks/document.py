"""The findings and hertoets documents a jurist edits: their format, checks and pre-filled text."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from pydantic import StrictInt

from escalation.datafiles import DataModel, Listing, Name, Scalar, Text
from escalation.domain.findings import (
    CaseNorms,
    DocumentError,
    Finding,
    FindingsVersion,
    Framework,
    Judgement,
    Norm,
    Outcome,
    UnknownFrameworkError,
)
from escalation.frameworks.lines import line_of
from escalation.frameworks.parse import located, read_model
from escalation.i18n import N_, _

LOCATION_HINT = N_(
    "location: optional, the number of the provider's location the finding is about "
    "(`escalation provider location list`)."
)


class FindingModel(DataModel):
    norm: Scalar
    judgement: Judgement
    tekortkomingen: Text = ""
    maatregelen: Listing[Name] = []
    location: StrictInt | None = None


class FindingsFile(DataModel):
    framework: Name
    version: StrictInt | None = None
    findings: Listing[FindingModel]


class HertoetsFile(DataModel):
    hertoets: dict[Scalar, Outcome]


def read_findings(
    text: str, *, origin: str, framework_of: Callable[[str, int | None], Framework]
) -> FindingsVersion:
    """A findings document, checked against its framework.

    Raises:
        DocumentError: each fault with its line: malformed YAML, an unknown key or judgement,
            a norm the framework does not have or that is given twice, measures for a norm
            judged `voldoet`, a framework that is not installed.
    """
    what = _("the findings document")
    model = read_model(text, FindingsFile, origin=origin, what=what)
    try:
        framework = framework_of(model.framework, model.version)
    except UnknownFrameworkError as err:  # named at its line, so that the editor reopens
        line = line_of(text, ("version" if model.version is not None else "framework",))
        raise DocumentError(located(origin, [(line, str(err))], what=what)) from None
    faults: list[tuple[int | None, str]] = []
    findings: list[Finding] = []
    seen: set[str] = set()
    for i, item in enumerate(model.findings):
        norm = framework.norm(item.norm)
        fault = _finding_fault(item, norm is None, seen, framework)
        if fault is not None:
            key = "maatregelen" if norm is not None and item.norm not in seen else "norm"
            faults.append((line_of(text, ("findings", i, key)), fault))
        elif norm is not None:
            findings.append(_finding(item, norm))
        seen.add(item.norm)
    if faults:
        raise DocumentError(located(origin, faults, what=what))
    return FindingsVersion(
        framework=framework.name,
        framework_version=framework.version,
        label=framework.label,
        findings=tuple(findings),
        document=text,
    )


def _finding(item: FindingModel, norm: Norm) -> Finding:
    return Finding(
        norm=norm.id,
        title=norm.title,
        judgement=item.judgement,
        legal_basis=norm.legal_basis,
        tekortkomingen=item.tekortkomingen,
        maatregelen=tuple(item.maatregelen),
        location=item.location,
    )


def _finding_fault(
    item: FindingModel, unknown: bool, seen: set[str], framework: Framework
) -> str | None:
    if unknown:
        return _("framework {name} has no norm '{norm}' (its norms: {norms}).").format(
            name=framework.name, norm=item.norm, norms=", ".join(n.id for n in framework.norms)
        )
    if item.norm in seen:
        return _("norm '{norm}' is given twice.").format(norm=item.norm)
    if item.maatregelen and not item.judgement.needs_measures:
        return _(
            "norm '{norm}' is judged {judgement}: maatregelen belong to a norm judged below "
            "voldoet; remove them or change the judgement."
        ).format(norm=item.norm, judgement=item.judgement.value)
    return None


def read_hertoets(text: str, *, origin: str, norms: CaseNorms) -> dict[str, Outcome]:
    """A hertoets document: per norm of the aanwijzing, voldaan or niet_voldaan.

    Raises:
        DocumentError: malformed, or a norm that is not one of the aanwijzing's (with its line).
    """
    what = _("the hertoets document")
    model = read_model(text, HertoetsFile, origin=origin, what=what)
    wanted = [f.norm for f in norms.aanwijzing]
    faults = [
        (
            line_of(text, ("hertoets", norm)),
            _("norm '{norm}' is not a norm of the aanwijzing (those are: {norms}).").format(
                norm=norm, norms=", ".join(wanted)
            ),
        )
        for norm in model.hertoets
        if norm not in wanted
    ]
    if faults:
        raise DocumentError(located(origin, faults, what=what))
    return dict(model.hertoets)


def findings_template(framework: Framework, current: FindingsVersion | None, *, case: str) -> str:
    """The findings document to edit: every norm of the framework, with what is recorded."""
    by_norm = {f.norm: f for f in current.findings} if current else {}
    scale = ", ".join(j.value for j in Judgement)
    lines = [
        *_comment(
            _("Findings per norm for {case}: framework {name} version {version} ({title}).").format(
                case=case, name=framework.name, version=framework.version, title=framework.title
            )
        ),
        *_comment(_("judgement: one of {scale}.").format(scale=scale)),
        *_comment(
            _(
                "tekortkomingen: text (Markdown allowed). maatregelen: a list, only for a norm "
                "judged below voldoet. Lines starting with # do not count."
            )
        ),
        *_comment(_(LOCATION_HINT)),
        *_comment(_("An empty or unchanged file aborts: nothing is stored.")),
        f"framework: {_quote(framework.name)}",
        f"version: {framework.version}",
        "findings:",
    ]
    for norm in framework.norms:
        found = by_norm.get(norm.id)
        lines += [f"  - norm: {_quote(norm.id)}", *_comment(norm.title, indent=4)]
        if norm.legal_basis:
            lines += _comment(_("Legal basis: {basis}").format(basis=norm.legal_basis), indent=4)
        judgement = found.judgement.value if found else Judgement.NIET_BEOORDEELD.value
        lines.append(f"    judgement: {judgement}")
        lines.append(f"    tekortkomingen: {_text(found.tekortkomingen if found else '', 6)}")
        measures = found.maatregelen if found else ()
        lines.append("    maatregelen:" + ("" if measures else " []"))
        lines += [f"      - {_quote(m)}" for m in measures]
        if found is not None and found.location is not None:
            lines.append(f"    location: {found.location}")
    return "\n".join(lines) + "\n"


def hertoets_template(norms: CaseNorms, *, case: str) -> str:
    """The hertoets document to edit: every norm of the aanwijzing, with the last outcome."""
    last: Mapping[str, Outcome] = norms.hertoets.results if norms.hertoets else {}
    lines = [
        *_comment(
            _("Hertoets for {case}: per norm of the aanwijzing, voldaan or niet_voldaan.").format(
                case=case
            )
        ),
        *_comment(_("An empty or unchanged file aborts: nothing is stored.")),
        "hertoets:",
    ]
    for finding in norms.aanwijzing:
        outcome = last.get(finding.norm, Outcome.NIET_VOLDAAN).value
        lines += _comment(finding.title, indent=2)
        lines.append(f"  {_quote(finding.norm)}: {outcome}")
    return "\n".join(lines) + "\n"


def _comment(text: str, *, indent: int = 0) -> list[str]:
    return [" " * indent + "# " + line for line in text.splitlines() or [""]]


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _text(text: str, indent: int) -> str:
    """A text value: quoted on one line, or a literal block for several lines."""
    if "\n" not in text.strip() or text.startswith((" ", "\t")):
        return _quote(text.strip())
    body = "\n".join((" " * indent + line) if line else "" for line in text.strip().splitlines())
    return "|-\n" + body
