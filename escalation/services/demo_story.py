"""The demo's two stories, from the seed documents: providers, cases and the steps taken.

Where a seed is silent or redacted, the scenario's notes say what the demo assumes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from escalation.i18n import N_

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

# The seeds redact the addressees' postal addresses: the demo's own examples.
ADDRESSES = {
    "87654321": "Voorbeeldstraat 1, 1234 AB Voorbeeldstad",
    "04075970": "Voorbeeldweg 2, 9401 AA Assen",
}
# Who signs the demo's letters when the settings name nobody (an example, not the seed's).
SIGNATORY = {"signatory_name": "A. Voorbeeld", "signatory_function": "hoofdinspecteur (demo)"}

# Our own summaries of the seed documents, for the letters the actions draft.
AANLEIDING_FOCUS = (
    "Uit het inspectieonderzoek blijkt dat de jeugdhulp van Focus ernstig tekortschiet: er is "
    "geen actueel en gedeeld beeld van de jeugdige, geïnventariseerde risico's worden niet "
    "getaxeerd en er wordt onvoldoende doelmatig gewerkt aan de ontwikkeling van jeugdigen. "
    "Focus handelt daarmee in strijd met de artikelen 4.1.1, 4.1.3 en 7.3.8 van de Jeugdwet."
)
# Focus's findings per norm, as the dictum of its aanwijzing gives them (seed 000, lines ~53-110):
# the three JIJ norms with the measures the dictum attaches to each. The aanwijzing's dictum is
# made from these (framework `jij`), not typed as free text.
FINDINGS_FOCUS = """\
framework: jij
version: 1
findings:
  - norm: "1.1"
    judgement: voldoet_niet
    tekortkomingen: Focus heeft geen actueel en gedeeld beeld van de jeugdige.
    maatregelen:
      - >-
        De medewerkers van Focus hebben een gedeeld en actueel beeld van de context van de
        jeugdige, ouders en het netwerk, en Focus legt gezamenlijke conclusies, beslissingen en
        vervolgafspraken vast in het cliëntdossier.
  - norm: "2.1"
    judgement: voldoet_niet
    tekortkomingen: Focus taxeert geïnventariseerde risico's niet.
    maatregelen:
      - >-
        Focus maakt op basis van de geïnventariseerde risico's afwegingen over de veiligheid van
        jeugdigen middels een risicotaxatie en legt dit vast in het cliëntdossier.
      - >-
        Focus vertaalt de uitkomsten van de risicotaxaties naar het begeleidingstraject, legt dit
        vast in het cliëntdossier en beperkt gesignaleerde (veiligheids)risico's, bijvoorbeeld
        met veiligheids- of signaleringsplannen.
  - norm: "2.3"
    judgement: voldoet_niet
    tekortkomingen: Focus werkt onvoldoende doelmatig aan de ontwikkeling van jeugdigen.
    maatregelen:
      - >-
        Focus stelt voor iedere jeugdige een persoonlijk plan op met doelen die samen met
        jeugdige en ouders zijn opgesteld, legt het vast in het cliëntdossier en rapporteert
        daarin over de voortgang.
"""
RECHTSMIDDEL_FOCUS = (
    "Op het moment van openbaarmaking loopt de termijn om bezwaar te maken tegen de aanwijzing "
    "nog (tot en met 14 maart 2025)."
)
AANLEIDING_JBN = (
    "De inspecties stelden bij het toezicht in maart 2025 vast dat JBN onvoldoende zicht heeft "
    "op de veiligheid van jeugdigen: jeugdigen wachten te lang op een vaste jeugdbeschermer en "
    "plannen van aanpak komen niet op tijd tot stand."
)


VOORTGANG_JBN = (
    "Eerste voortgangs- en resultatenrapportage over het verbeterplan: de wachtlijst voor een "
    "vaste jeugdbeschermer is korter geworden; plannen van aanpak komen vaker op tijd tot stand."
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
    findings: str | None = None  # a findings document recorded after the action, on its day
    since_version: int = 1  # left out for a case under an older workflow version


@dataclass(frozen=True, slots=True)
class DemoScenario:
    """One seed's story: the provider, the case's title, the day it opens, and what the demo
    assumes where the seed is silent or redacted (notes marked with N_, translated when shown)."""

    kvk: str
    title: str
    opened: date
    notes: tuple[str, ...] = ()
    co: tuple[str, ...] = ()  # the inspectorates beside the lead (IGJ) of a joint case


# Dates before the aanwijzing of 31 January 2025 (Focus) and before the verscherpt toezicht
# (JBN) are illustrative; the notes say which dates are the seeds' and which are assumed.
SCENARIOS: dict[str, DemoScenario] = {
    "focus": DemoScenario(
        "87654321",
        "Aanwijzing Focus-Jeugd & Gezin (seed 000)",
        date(2024, 9, 2),
        (
            N_(
                'The aanwijzing\'s own date is redacted in the seed ("[datum] 2025"): the demo '
                "assumes 31 January 2025, the date of its zakelijke weergave."
            ),
            N_(
                "The seed's findings per norm (JIJ norms 1.1, 2.1 and 2.3 with their measures) "
                "are recorded with the report; the aanwijzing's dictum is made from them. The "
                "postal addresses and the signatory are the demo's examples, not the seed's."
            ),
        ),
    ),
    "jbn": DemoScenario(
        "04075970",
        "Verscherpt toezicht Jeugdbescherming Noord, JB/JR (seed 001)",
        date(2025, 3, 3),
        (
            N_(
                "Joint supervision by the Inspectie Gezondheidszorg en Jeugd and the Inspectie "
                "Justitie en Veiligheid of the jeugdbescherming and jeugdreclassering (JB/JR) "
                "only, not of the whole stichting (Veilig Thuis Groningen is not part of it)."
            ),
            N_(
                "On 9 July 2025 the inspectorates discussed with the bestuurder and the raad van "
                "toezicht that they were considering verscherpt toezicht; the seed gives no start "
                "date: the demo assumes 16 July 2025. Seven months and the verbeterplan by "
                "8 September 2025 are the seed's."
            ),
        ),
        co=("JENV",),  # "de inspecties": IGJ and Inspectie JenV together (seed 001)
    ),
}
STEPS = (
    DemoStep("focus", "start_onderzoek", date(2024, 9, 16)),
    DemoStep("focus", "verstuur_conceptrapport", date(2024, 11, 15)),
    DemoStep("focus", "stel_rapport_vast", date(2024, 12, 6), findings=FINDINGS_FOCUS),
    DemoStep(
        "focus",
        "kondig_aanwijzing_aan",
        date(2024, 12, 13),
        {
            "zienswijzetermijn": "2024-12-30",
            "aanleiding": AANLEIDING_FOCUS,
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
        note=N_(
            "dagtekening 31 January 2025, assumed (redacted in the seed); the term: 'binnen "
            "drie (3) maanden na dagtekening'"
        ),
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
    DemoStep(
        "jbn",
        "stel_rapport_vast",
        date(2025, 7, 16),
        note=N_(
            "the report includes the talk of 9 July 2025 about considering verscherpt toezicht"
        ),
    ),
    DemoStep(
        "jbn",
        "stel_verscherpt_toezicht_in",
        date(2025, 7, 16),
        {
            "duur": "7 maanden",
            "verbeterplan_uiterlijk": "2025-09-08",
            "aanleiding": AANLEIDING_JBN,
        },
        note=N_(
            "assumed start 16 July 2025; seven months; verbeterplan by 8 September 2025; the "
            "final judgement before the end of the period"
        ),
    ),
    DemoStep("jbn", "ontvang_verbeterplan", date(2025, 9, 5)),
    DemoStep(
        "jbn",
        "beoordeel_verbeterplan",
        date(2025, 9, 26),
        {"oordeel": "aanvullen", "verbeterplan_uiterlijk": "2025-10-17"},
        note=N_(
            "assessed on completeness, ambition and realism (volledigheid, ambitie, realisme): "
            "to be completed by 17 October 2025 (an illustrative date)"
        ),
        since_version=3,
    ),
    DemoStep("jbn", "ontvang_verbeterplan", date(2025, 10, 15), since_version=3),
    DemoStep(
        "jbn",
        "beoordeel_verbeterplan",
        date(2025, 10, 31),
        {"oordeel": "akkoord"},
        since_version=3,
    ),  # fmt: skip
    DemoStep(
        "jbn",
        "ontvang_voortgangsrapportage",
        date(2025, 12, 1),
        {"samenvatting": VOORTGANG_JBN},
        note=N_(
            "progress and results are reported periodically, as the inspectorates tell JBN "
            "separately; not on a fixed monthly schedule"
        ),
        since_version=3,
    ),
)
