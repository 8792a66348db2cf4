"""How frameworks, findings and a hertoets are shown: text for people, JSON for scripts."""

from __future__ import annotations

from typing import Any

from escalation.cli.output import day, echo, fields
from escalation.domain.events import Event
from escalation.domain.findings import Framework, HertoetsVerdict
from escalation.domain.findings_events import FindingsRecorded, HertoetsRecorded
from escalation.i18n import _
from escalation.services.findings import FindingsView


def framework_json(f: Framework, *, norms: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": f.name,
        "version": f.version,
        "title": f.title,
        "label": f.label,
        "source": f.source,
        "norms": len(f.norms),
    }
    if norms:
        data["scale"] = dict(f.scale)
        data["themes"] = [{"id": t.id, "title": t.title} for t in f.themes]
        data["norms"] = [
            {
                "id": n.id,
                "title": n.title,
                "theme": n.theme,
                "text": n.text,
                "legal_basis": n.legal_basis,
            }
            for n in f.norms
        ]
    return data


def echo_framework(f: Framework) -> None:
    echo(
        _("{name} version {version}: {title}").format(name=f.name, version=f.version, title=f.title)
    )
    echo(_("Source: {source}").format(source=f.source))
    echo(_("Scale:"))
    for judgement, meaning in f.scale.items():
        echo(f"  {judgement}: {meaning}")
    themes = {t.id: t.title for t in f.themes}
    shown: str | None = None
    for norm in f.norms:
        if norm.theme != shown and norm.theme is not None:
            echo(_("Theme {id}: {title}").format(id=norm.theme, title=themes[norm.theme]))
            shown = norm.theme
        echo(f"  {norm.id}  {norm.title}")
        if norm.legal_basis:
            echo("      " + _("Legal basis: {basis}").format(basis=norm.legal_basis))


def findings_json(view: FindingsView) -> dict[str, Any]:
    version, hertoets = view.version, view.norms.hertoets
    recorded = version.recorded
    return {
        "case": view.case_id,
        "version": recorded.number if recorded else None,
        "versions": view.versions,
        "framework": version.framework,
        "framework_version": version.framework_version,
        "recorded_on": recorded.on if recorded else None,
        "recorded_by": recorded.by if recorded else None,
        "findings": [f.as_json() for f in version.findings],
        "locations": {str(n): location.label for n, location in view.locations.items()},
        "aanwijzing": [f.norm for f in version.aanwijzing],
        "hertoets": None
        if hertoets is None
        else {
            "number": view.norms.hertoetsen,
            "on": hertoets.recorded.on if hertoets.recorded else None,
            "findings_version": hertoets.findings_version,
            "results": {norm: outcome.value for norm, outcome in hertoets.results.items()},
        },
    }


def echo_findings(view: FindingsView) -> None:
    version = view.version
    recorded = version.recorded
    echo(
        _(
            "Case {case}: findings version {number} of {versions}, framework {framework} "
            "version {fv}, recorded {on} by {by}."
        ).format(
            case=view.case_id,
            number=recorded.number if recorded else "-",
            versions=view.versions,
            framework=version.framework,
            fv=version.framework_version,
            on=day(recorded.on) if recorded else "-",
            by=recorded.by if recorded else "-",
        )
    )
    for finding in version.findings:
        echo()
        echo(f"{finding.norm}  {finding.title}")
        fields([(_("Judgement"), finding.judgement.value)], indent="  ")
        if finding.location is not None:
            where = view.locations.get(finding.location)
            label = f"{finding.location}: {where.label}" if where else finding.location
            fields([(_("Location"), label)], indent="  ")
        if finding.tekortkomingen:
            echo("  " + _("Tekortkomingen:"))
            for line in finding.tekortkomingen.splitlines():
                echo(f"    {line}")
        if finding.maatregelen:
            echo("  " + _("Maatregelen:"))
            for measure in finding.maatregelen:
                echo(f"    - {measure}")
    _echo_hertoets(view)


def _echo_hertoets(view: FindingsView) -> None:
    hertoets = view.norms.hertoets
    if hertoets is None:
        return
    echo()
    echo(
        _("Hertoets {number} ({on}): met: {met}; not met: {unmet}.").format(
            number=view.norms.hertoetsen,
            on=day(hertoets.recorded.on) if hertoets.recorded else "-",
            met=", ".join(hertoets.met) or "-",
            unmet=", ".join(hertoets.unmet) or "-",
        )
    )


def echo_verdict(case: int, result: HertoetsVerdict) -> None:
    echo(
        _("Hertoets recorded for case {case}: met: {met}; not met: {unmet}.").format(
            case=case, met=", ".join(result.met) or "-", unmet=", ".join(result.unmet) or "-"
        )
    )
    if result.unmet:
        echo(
            _(
                "Not every norm of the aanwijzing is met; a voornemen last enforces {norms}: "
                "`escalation case do {case} kondig_last_aan`."
            ).format(norms=", ".join(result.unmet), case=case)
        )
        return
    echo(
        _(
            "Every norm of the aanwijzing is met. Close the case "
            "(`escalation case do {case} sluit_af --set reden=...`) or return to regular "
            "supervision (`escalation case do {case} kies_regulier_toezicht`)."
        ).format(case=case)
    )


def findings_what(e: Event) -> str | None:
    """A line of `case history` for the findings' events."""
    match e:
        case FindingsRecorded(version=number, framework=framework, aanwijzing=norms):
            return _(
                "findings version {number} recorded ({framework}); below voldoet: {norms}"
            ).format(number=number, framework=framework, norms=", ".join(norms) or "-")
        case HertoetsRecorded(number=number, met=met, unmet=unmet):
            return _("hertoets {number}: met {met}; not met {unmet}").format(
                number=number, met=", ".join(met) or "-", unmet=", ".join(unmet) or "-"
            )
    return None
