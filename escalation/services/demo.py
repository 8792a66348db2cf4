"""The demo: two real scenarios from the seed documents, walked through the engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from escalation.domain.deadline import Deadline
from escalation.domain.errors import InvalidActionError
from escalation.domain.letters import LetterFormat
from escalation.i18n import _
from escalation.services.demo_story import (
    ADDRESSES,
    PROVIDERS,
    SCENARIOS,
    STEPS,
    DemoScenario,
    DemoStep,
)
from escalation.services.facade import Besluiten, Cases, Letters, Providers, Watch
from escalation.services.findings_facade import Findings

__all__ = ["DemoReport", "DemoScenario", "DemoStep", "DemoTools", "run_demo"]


@dataclass(frozen=True, slots=True)
class DemoReport:
    step: DemoStep
    case_id: int
    from_state: str
    to_state: str
    deadlines: list[Deadline]
    refusal: str | None = None
    letter: str | None = None
    lines: list[str] = field(default_factory=list)  # what else happened, in the reader's words
    provider: str = ""  # the provider's name
    alias: str = ""  # and its short name
    scenario: DemoScenario | None = None  # set on the first step of each case: its heading


@dataclass(frozen=True, slots=True)
class DemoTools:
    """The use cases the demo's letter and tick steps need besides the cases."""

    letters: Letters
    watch: Watch
    besluiten: Besluiten
    findings: Findings


def run_demo(
    *,
    providers: Providers,
    cases: Cases,
    report: Callable[[DemoReport], None],
    tools: DemoTools | None = None,
) -> dict[str, int]:
    """Register the providers, open both cases and walk every step; returns the case ids.

    Without `tools` the letter and tick steps are left out (the 0.1.0 fixture's builder).
    """
    for name, kvk, kind, alias in PROVIDERS:
        providers.add(name, kvk=kvk, kind=kind, alias=alias, address=ADDRESSES.get(kvk))
    ids = {
        key: cases.open(
            s.kvk,
            workflow="jeugdwet",
            on=s.opened,
            title=s.title,
            handler="demo-jurist",
            by="demo",
            co=s.co,
        )  # fmt: skip
        for key, s in SCENARIOS.items()
    }
    versions = {key: cases.detail(case_id).workflow_version for key, case_id in ids.items()}
    names = {key: _provider(s.kvk) for key, s in SCENARIOS.items()}
    introduced: set[str] = set()
    for step in STEPS:
        if (tools is None and (step.tick or step.letter)) or versions[
            step.case
        ] < step.since_version:
            continue
        walked = _step(step, ids[step.case], cases, tools)
        first = step.case not in introduced
        introduced.add(step.case)
        name, alias = names[step.case]
        scenario = SCENARIOS[step.case] if first else None
        report(replace(walked, provider=name, alias=alias, scenario=scenario))
    return ids


def _step(step: DemoStep, case_id: int, cases: Cases, tools: DemoTools | None) -> DemoReport:
    """One step: an action (and the letter made or findings recorded after it), or a tick."""
    if step.tick and tools is not None:
        return _tick(step, case_id, tools)
    walked = _walk(step, case_id, cases)
    if step.letter and tools is not None and not walked.refusal:
        walked = replace(walked, lines=[_letter(step, case_id, tools.letters)])
    if step.findings and tools is not None:
        walked = replace(walked, lines=[_findings(step, case_id, tools.findings)])
    return walked


def _provider(kvk: str) -> tuple[str, str]:
    """The provider's name and short name."""
    return next((name, alias) for name, number, _kind, alias in PROVIDERS if number == kvk)


def _tick(step: DemoStep, case_id: int, tools: DemoTools) -> DemoReport:
    """The deadline watch as on `step.on`; then the state of the case's besluiten."""
    tools.watch.tick(step.on)
    lines = []
    for b in tools.besluiten.list(case_id=case_id):
        for d in tools.besluiten.show(b.kenmerk).deadlines:
            if d.kind == "bezwaar":
                lines.append(_("deadline {kind} of {besluit}: {status}").format(
                    kind=d.kind, besluit=b.kenmerk, status=d.status.value
                ))  # fmt: skip
        lines.append(_("besluit {besluit} ({kind}): {status}").format(
            besluit=b.kenmerk, kind=b.kind.value, status=b.status.value
        ))  # fmt: skip
    return DemoReport(step, case_id, "", "", [], lines=lines)


def _letter(step: DemoStep, case_id: int, letters: Letters) -> str:
    made = letters.make(
        case_id, step.letter or "", fmt=LetterFormat.MD, inputs=step.letter_inputs, on=step.on,
        by="demo",
    )  # fmt: skip
    if made.draft_reason is not None:
        return _("letter {letter} made as a draft: {reason}").format(
            letter=made.id, reason=made.draft_reason
        )
    return _("letter {letter} made: {template}").format(letter=made.id, template=step.letter)


def _findings(step: DemoStep, case_id: int, findings: Findings) -> str:
    number = findings.record(case_id, step.findings or "", origin="demo", on=step.on, by="demo")
    norms = ", ".join(f.norm for f in findings.show(case_id).version.findings)
    return _("findings version {version} recorded: norms {norms}").format(
        version=number, norms=norms
    )


def _walk(step: DemoStep, case_id: int, cases: Cases) -> DemoReport:
    try:
        result = cases.apply_action(
            case_id, step.action, on=step.on, params=step.params, reason=step.reason, by="demo"
        )
    except InvalidActionError as err:
        if not step.expect_refusal:
            raise
        return DemoReport(step, case_id, "", "", [], refusal=str(err))
    if step.expect_refusal:  # the demo would teach the wrong law
        raise RuntimeError(f"demo step {step.action} on {step.on} should have been refused")
    letter = None
    if result.letter_id is not None and result.letter_sent:
        letter = _("letter {letter} sent with the besluit: {template}").format(
            letter=result.letter_id, template=result.letter_template
        )
    elif result.letter_id is not None:
        letter = _("letter {letter} drafted: {template}").format(
            letter=result.letter_id, template=result.letter_template
        )
    elif result.letter_problem:
        letter = _("letter {template} not drafted: {problem}").format(
            template=result.letter_template, problem=result.letter_problem
        )
    return DemoReport(
        step, case_id, result.from_state, result.to_state, result.deadlines_set, letter=letter
    )
