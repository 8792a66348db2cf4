"""Use cases for findings per norm: record a version, show one, and the hertoets per norm."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from escalation.domain.errors import EscalationError, InvalidInputError
from escalation.domain.events import Stamp, stamped
from escalation.domain.findings import (
    CaseNorms,
    DocumentError,
    FindingsVersion,
    Framework,
    Hertoets,
    HertoetsVerdict,
    Outcome,
    verdict,
)
from escalation.domain.findings_events import FindingsRecorded, HertoetsRecorded
from escalation.domain.model import Case
from escalation.domain.passing import settle_naleving
from escalation.domain.subjects import Location, check_location_of
from escalation.i18n import _
from escalation.services.findings_ports import FrameworkCatalog
from escalation.services.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class FindingsView:
    """One version of a case's findings, how many there are, and the latest hertoets."""

    case_id: int
    version: FindingsVersion
    versions: int
    norms: CaseNorms
    locations: Mapping[int, Location] = field(default_factory=dict)  # those findings name


def case_label(case: Case) -> str:
    return _("case {case} ({provider})").format(case=case.id, provider=case.provider.name)


def findings_template(
    *, uow: UnitOfWork, frameworks: FrameworkCatalog, case_id: int, framework: str | None
) -> str:
    """The document to edit: the framework's norms with the case's current findings."""
    with uow:
        case = uow.cases.get(case_id)
        current = uow.findings.findings(case_id)
    name = framework or (current.framework if current else None)
    if name is None:
        names = ", ".join(f.name for f in frameworks.list())
        raise InvalidInputError(
            _(
                "Case {case} has no findings yet: choose a framework with --framework NAME "
                "(installed: {names})."
            ).format(case=case_id, names=names)
        )
    chosen: Framework = frameworks.get(name)
    if current is not None and current.framework != chosen.name:
        current = None  # another framework: its norms are not these
    return frameworks.findings_template(chosen, current, case=case_label(case))


def record_findings(
    *, uow: UnitOfWork, frameworks: FrameworkCatalog, case_id: int, text: str, origin: str,
    stamp: Stamp,
) -> int:  # fmt: skip
    """Store the document as the case's next findings version; returns its number.

    Raises:
        DocumentError: the document is malformed (each fault with its line); nothing stored.
    """
    version = frameworks.read_findings(text, origin=origin)
    if not version.findings:
        raise DocumentError(
            _("{file}: the document records no norm; list at least one under findings:.").format(
                file=origin
            )
        )
    with uow:
        case = uow.cases.get(case_id)
        _check_locations(uow, version, case.provider.kvk, origin)
        number = uow.findings.add_findings(case_id, version, stamp=stamp)
        case.record(
            FindingsRecorded(
                version=number,
                framework=version.framework,
                framework_version=version.framework_version,
                aanwijzing=tuple(f.norm for f in version.aanwijzing),
                **stamped(stamp),
            )
        )
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return number


def _check_locations(uow: UnitOfWork, version: FindingsVersion, provider: str, origin: str) -> None:
    """Refuse a finding naming a location that is not one of the case's provider's."""
    faults = []
    for finding in version.findings:
        if finding.location is None:
            continue
        try:
            check_location_of(uow.subjects.location(finding.location), provider)
        except EscalationError as err:
            faults.append(f"{origin}: {finding.norm}: {err}")
    if faults:
        raise DocumentError("\n".join(faults))


def finding_locations(uow: UnitOfWork, version: FindingsVersion) -> dict[int, Location]:
    """The locations the findings name, by number."""
    wanted = {f.location for f in version.findings if f.location is not None}
    return {n: uow.subjects.location(n) for n in sorted(wanted)}


def show_findings(*, uow: UnitOfWork, case_id: int, number: int | None) -> FindingsView:
    with uow:
        uow.cases.get(case_id)
        norms = uow.findings.norms(case_id)
        version = uow.findings.findings(case_id, number) if norms else None
        locations = finding_locations(uow, version) if version else {}
    if norms is None:
        raise InvalidInputError(
            _(
                "Case {case} has no findings. `escalation findings edit {case}` records them."
            ).format(case=case_id)
        )
    if version is None:
        raise InvalidInputError(
            _(
                "Case {case} has findings versions 1 to {last}; there is no version {number}."
            ).format(case=case_id, last=norms.versions, number=number)
        )
    return FindingsView(
        case_id=case_id, version=version, versions=norms.versions, norms=norms,
        locations=locations,
    )  # fmt: skip


def hertoets_template(*, uow: UnitOfWork, frameworks: FrameworkCatalog, case_id: int) -> str:
    with uow:
        case = uow.cases.get(case_id)
    return frameworks.hertoets_template(_aanwijzing_norms(case), case=case_label(case))


def _aanwijzing_norms(case: Case) -> CaseNorms:
    norms = case.norms
    if norms is None or not norms.aanwijzing:
        raise InvalidInputError(
            _(
                "Case {case} has no findings with norms below voldoet, so there is nothing to "
                "hertoets per norm. `escalation findings edit {case}` records the findings."
            ).format(case=case.id)
        )
    return norms


def record_hertoets(
    *, uow: UnitOfWork, frameworks: FrameworkCatalog, case_id: int, text: str | None,
    origin: str, options: Mapping[str, str], stamp: Stamp,
) -> HertoetsVerdict:  # fmt: skip
    """Record per norm of the aanwijzing whether it is met; settle `naleving` accordingly.

    Raises:
        DocumentError: the document is malformed; InvalidInputError: an option names no norm
            of the aanwijzing or no outcome, or a norm has no outcome. Nothing is stored.
    """
    with uow:
        case = uow.cases.get(case_id)
        norms = _aanwijzing_norms(case)
        results = dict(frameworks.read_hertoets(text, origin=origin, norms=norms)) if text else {}
        results.update(_options(options, norms))
        ordered = {f.norm: results[f.norm] for f in norms.aanwijzing if f.norm in results}
        _require_all(ordered, norms)
        hertoets = Hertoets(
            results=ordered,
            findings_version=norms.findings.recorded.number if norms.findings.recorded else 1,
            document=text or _as_document(ordered),
        )
        framework = (norms.findings.framework, norms.findings.framework_version)
        number = uow.findings.add_hertoets(case_id, hertoets, framework, stamp=stamp)
        result = verdict(norms, ordered)
        case.record(
            HertoetsRecorded(
                number=number,
                findings_version=hertoets.findings_version,
                met=result.met,
                unmet=result.unmet,
                **stamped(stamp),
            )
        )
        settle_naleving(case, all_met=not result.unmet, stamp=stamp)
        uow.cases.save(case, now=stamp.at)
        uow.commit()
    return result


def _options(options: Mapping[str, str], norms: CaseNorms) -> dict[str, Outcome]:
    wanted = [f.norm for f in norms.aanwijzing]
    found: dict[str, Outcome] = {}
    for norm, value in options.items():
        if norm not in wanted:
            raise InvalidInputError(
                _("--norm {norm}: not a norm of the aanwijzing (those are: {norms}).").format(
                    norm=norm, norms=", ".join(wanted)
                )
            )
        try:
            found[norm] = Outcome(value.strip())
        except ValueError:
            raise InvalidInputError(
                _("--norm {norm}={value}: write voldaan or niet_voldaan.").format(
                    norm=norm, value=value
                )
            ) from None
    return found


def _require_all(results: Mapping[str, Outcome], norms: CaseNorms) -> None:
    missing = [f.norm for f in norms.aanwijzing if f.norm not in results]
    if missing:  # a document error: in the editor, the document opens again
        raise DocumentError(
            _(
                "The hertoets needs an outcome for every norm of the aanwijzing; missing: "
                "{norms}. Add --norm ID=voldaan or --norm ID=niet_voldaan for each."
            ).format(norms=", ".join(missing))
        )


def _as_document(results: Mapping[str, Outcome]) -> str:
    lines = ["hertoets:", *(f"  {json.dumps(n)}: {o.value}" for n, o in results.items())]
    return "\n".join(lines) + "\n"
