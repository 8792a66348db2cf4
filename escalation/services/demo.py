"""The demo: two real scenarios from the seed documents, walked through the engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from escalation.domain.deadline import Deadline
from escalation.domain.errors import InvalidActionError
from escalation.domain.letters import LetterFormat
from escalation.i18n import N_, _
from escalation.services.facade import Besluiten, Cases, Letters, Providers, Watch

# Focus's KvK number is not in the seed letter: 87654321 is a demo value.
PROVIDERS = (
    ("Focus-Jeugd & Gezin B.V.", "87654321", "jeugdhulpaanbieder", "Focus"),
    (
        "Stichting Jeugdbescherming Noord en Veilig Thuis Groningen",
        "04075970",
        "gecertificeerde-instelling",
        "JBN",
    ),
)


# Our own summaries of the seed documents, for the letters the actions draft.
AANLEIDING_FOCUS = (
    "Uit het inspectieonderzoek blijkt dat de jeugdhulp van Focus ernstig tekortschiet: er is "
    "geen actueel en gedeeld beeld van de jeugdige, geïnventariseerde risico's worden niet "
    "getaxeerd en er wordt onvoldoende doelmatig gewerkt aan de ontwikkeling van jeugdigen. "
    "Focus handelt daarmee in strijd met de artikelen 4.1.1, 4.1.3 en 7.3.8 van de Jeugdwet."
)
DICTUM_FOCUS = (
    "### Norm 1.1 JIJ-kader\n"
    "- Hulpverleners kennen de wensen, behoeften en mogelijkheden van jeugdige, ouders en "
    "netwerk en leggen die vast in het cliëntdossier.\n\n"
    "### Norm 2.3 JIJ-kader\n"
    "- Focus stelt voor iedere jeugdige een persoonlijk plan op met doelen die samen met "
    "jeugdige en ouders zijn opgesteld, en rapporteert over de voortgang."
)
RECHTSMIDDEL_FOCUS = (
    "Op het moment van openbaarmaking loopt de termijn om bezwaar te maken tegen de aanwijzing "
    "nog (tot en met 14 maart 2025)."
)
AANLEIDING_JBN = (
    "De inspecties stelden bij het toezicht in maart 2025 vast dat JBN onvoldoende zicht heeft "
    "op de veiligheid van jeugdigen: jeugdigen wachten te lang op een vaste jeugdbeschermer en "
    "plannen van aanpak komen niet op tijd tot stand."
)


@dataclass(frozen=True, slots=True)
class DemoStep:
    case: str
    action: str
    on: date
    params: dict[str, str] = field(default_factory=dict)
    reason: str | None = None
    note: str = ""  # marked with N_ here, translated where it is shown
    expect_refusal: bool = False
    letter: str | None = None  # a letter made after the action (`letter make`), on its day
    letter_inputs: dict[str, str] = field(default_factory=dict)
    tick: bool = False  # not an action: the deadline watch runs as on that day
    since_version: int = 1  # left out for a case under an older workflow version


# Dates before the dagtekening of 31 January 2025 (Focus) and the start of verscherpt toezicht
# on 9 July 2025 (JBN) are illustrative; those two and their terms come from the seeds.
SCENARIOS: dict[str, tuple[str, str, date]] = {
    "focus": ("87654321", "Aanwijzing Focus-Jeugd & Gezin (seed 000)", date(2024, 9, 2)),
    "jbn": ("04075970", "Toezicht Jeugdbescherming Noord (seed 001)", date(2025, 3, 3)),
}
STEPS = (
    DemoStep("focus", "start_onderzoek", date(2024, 9, 16)),
    DemoStep("focus", "verstuur_conceptrapport", date(2024, 11, 15)),
    DemoStep("focus", "stel_rapport_vast", date(2024, 12, 6)),
    DemoStep(
        "focus",
        "kondig_aanwijzing_aan",
        date(2024, 12, 13),
        {
            "zienswijzetermijn": "2024-12-30",
            "aanleiding": AANLEIDING_FOCUS,
            "dictum": DICTUM_FOCUS,
        },
        note=N_(
            "two weeks would end on Friday 27 December 2024, a KB day: a working day is chosen"
        ),
    ),
    DemoStep(
        "focus",
        "geef_aanwijzing",
        date(2025, 1, 31),
        {"verzonden": "2025-01-31", "nalevingstermijn": "3 maanden"},
        note=N_("dagtekening 31 January 2025; the term: 'binnen drie (3) maanden na dagtekening'"),
    ),
    DemoStep(
        "focus",
        "publiceer",
        date(2025, 2, 10),
        note=N_("refused: the publication embargo runs until 14 February 2025"),
        expect_refusal=True,
        since_version=2,
    ),
    DemoStep(
        "focus",
        "publiceer",
        date(2025, 2, 17),
        note=N_("the zakelijke weergave is published after the embargo"),
        letter="zakelijke-weergave",
        letter_inputs={"rechtsmiddel": RECHTSMIDDEL_FOCUS},
        since_version=2,
    ),
    DemoStep(
        "focus",
        "tick",
        date(2025, 3, 24),
        note=N_(
            "the bezwaar term ended on 14 March 2025 and the postal week on 21 March: no "
            "bezwaar came, so the aanwijzing is final"
        ),
        tick=True,
        since_version=2,
    ),
    DemoStep(
        "focus",
        "start_hertoets",
        date(2025, 4, 14),
        note=N_("refused: the compliance term has not ended"),
        expect_refusal=True,
    ),
    DemoStep("focus", "start_hertoets", date(2025, 5, 1), note=N_("the day after the term")),
    DemoStep("jbn", "start_onderzoek", date(2025, 3, 24), note=N_("visit in Assen, 24-25 March")),
    DemoStep("jbn", "verstuur_conceptrapport", date(2025, 6, 2)),
    DemoStep("jbn", "stel_rapport_vast", date(2025, 7, 9)),
    DemoStep(
        "jbn",
        "stel_verscherpt_toezicht_in",
        date(2025, 7, 9),
        {
            "duur": "7 maanden",
            "verbeterplan_uiterlijk": "2025-09-08",
            "aanleiding": AANLEIDING_JBN,
        },
        note=N_("seven months of verscherpt toezicht; verbeterplan by 8 September 2025"),
    ),
    DemoStep("jbn", "ontvang_verbeterplan", date(2025, 9, 5)),
)


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


@dataclass(frozen=True, slots=True)
class DemoTools:
    """The use cases the demo's letter and tick steps need besides the cases."""

    letters: Letters
    watch: Watch
    besluiten: Besluiten


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
        providers.add(name, kvk=kvk, kind=kind, alias=alias)
    ids = {
        key: cases.open(
            kvk, workflow="jeugdwet", on=opened, title=title, handler="demo-jurist", by="demo"
        )
        for key, (kvk, title, opened) in SCENARIOS.items()
    }
    versions = {key: cases.detail(case_id).workflow_version for key, case_id in ids.items()}
    for step in STEPS:
        if (tools is None and (step.tick or step.letter)) or versions[
            step.case
        ] < step.since_version:
            continue
        if step.tick and tools is not None:
            report(_tick(step, ids[step.case], tools))
            continue
        walked = _walk(step, ids[step.case], cases)
        if step.letter and tools is not None and not walked.refusal:
            walked = replace(walked, lines=[_letter(step, ids[step.case], tools.letters)])
        report(walked)
    return ids


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
    if result.letter_id is not None:
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
