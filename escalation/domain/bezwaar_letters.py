"""The engine field `bezwaar` of the bezwaar letters: one bezwaar as a letter writes it.

A template that declares the field names the bezwaar with the input `bezwaarschrift`
(KENMERK/N, or `laatste`: the one received last). Dates are those the engine computed and
stored (the beslistermijn deadline of the bezwaar, the bezwaar term of its besluit, the beroep
term of the beslissing op bezwaar); absent facts are absent keys, never blanks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from escalation.domain.atw import TermBasis
from escalation.domain.besluiten import (
    Besluit,
    BesluitKind,
    Bezwaar,
    Herstel,
    Tijdigheid,
    Uitkomst,
)
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.letter_values import datum
from escalation.domain.letters import LetterError
from escalation.domain.model import Case
from escalation.formatting import long_day
from escalation.i18n import _

LATEST = "laatste"
GRONDEN = {
    "instemming": "alle belanghebbenden hebben ermee ingestemd (artikel 7:10, vierde lid, "
    "onder a, Awb)",
    "geen_nadeel": "u hebt ermee ingestemd en de belangen van derden worden er niet door "
    "geschaad (artikel 7:10, vierde lid, onder b, Awb)",
    "wettelijk_voorschrift": "dit is nodig om te voldoen aan een wettelijk voorschrift "
    "(artikel 7:10, vierde lid, onder c, Awb)",
}


def bezwaar_fields(case: Case, ref: str, *, template: str) -> dict[str, Any]:
    """The bezwaar `ref` (KENMERK/N or 'laatste') of the case, as the letter writes it."""
    besluit, bezwaar = _find(case, ref.strip(), template=template)
    found: dict[str, Any] = {
        "ref": f"{besluit.kenmerk}/{bezwaar.number}",
        "ontvangen": datum(bezwaar.ontvangen),
        "tijdigheid": bezwaar.tijdigheid.value,
        "gewoon_tijdig": bezwaar.tijdigheid is Tijdigheid.TIJDIG,
        "adviescommissie": bezwaar.adviescommissie,
        "besluit": _besluit(besluit),
    }
    optional: dict[str, Any] = {
        "ter_post": bezwaar.ter_post and datum(bezwaar.ter_post),
        "indiener": bezwaar.indiener,
        "bezwaartermijn": _due(case, "bezwaar", besluit.kenmerk, None),
        "beslistermijn": _due(case, "beslistermijn_bezwaar", besluit.kenmerk, bezwaar.number),
        "herstel": _herstel(bezwaar.herstel[-1]) if bezwaar.herstel else None,
        "verdaging": bezwaar.verdaagd,
        "uitstel": _uitstel(bezwaar),
        "hoorzitting": _day(bezwaar.hoorzitting_op),
        "uitkomst": bezwaar.uitkomst and bezwaar.uitkomst.value,
        "beslissing": _beslissing(case, bezwaar),
    }
    if bezwaar.verschoonbaar is not None:
        optional["verschoonbaar"] = "ja" if bezwaar.verschoonbaar else "nee"
    return {**found, **{k: v for k, v in optional.items() if v}}


def _find(case: Case, ref: str, *, template: str) -> tuple[Besluit, Bezwaar]:
    pairs = [(b, z) for b in case.besluiten for z in b.bezwaren]
    if ref == LATEST and pairs:
        return max(pairs, key=lambda p: (p[1].ontvangen, p[1].id or 0))
    for besluit, bezwaar in pairs:
        if ref == f"{besluit.kenmerk}/{bezwaar.number}":
            return besluit, bezwaar
    known = ", ".join(f"{b.kenmerk}/{z.number}" for b, z in pairs) or _("none")
    raise LetterError(
        _(
            "Letter '{template}': case {case} has no bezwaar '{ref}'. Its bezwaren: {known}. "
            "Add --set bezwaarschrift=KENMERK/N."
        ).format(template=template, case=case.id, ref=ref, known=known)
    )


def _besluit(besluit: Besluit) -> dict[str, str]:
    soort = besluit.kind.value.replace("_", " ")
    if besluit.kind is BesluitKind.OPENBAARMAKINGSBESLUIT:
        soort = "besluit tot openbaarmaking"
    return {
        "soort": soort,
        "kenmerk": besluit.kenmerk,
        "dagtekening": datum(besluit.dagtekening),
        "omschrijving": f"de {soort} van {datum(besluit.dagtekening)} (kenmerk {besluit.kenmerk})",
    }


def _due(case: Case, kind: str, kenmerk: str, number: int | None) -> dict[str, str] | None:
    found: Deadline | None = next(
        (
            d
            for d in reversed(case.deadlines)
            if d.kind == kind and d.besluit == kenmerk and d.bezwaar == number
            and d.status is not DeadlineStatus.CANCELLED
        ),
        None,
    )  # fmt: skip
    return None if found is None else _day(found.due)


def _day(day: date | None) -> dict[str, str] | None:
    if day is None:
        return None
    return {"datum": datum(day), "dag": long_day(day, "nl"), "iso": day.isoformat()}


def _herstel(h: Herstel) -> dict[str, Any]:
    return {"verzocht_op": _day(h.verzocht_op), "termijn_tot": _day(h.termijn_tot)}


def _uitstel(bezwaar: Bezwaar) -> dict[str, Any] | None:
    if bezwaar.uitstel_tot is None:
        return None
    grond = GRONDEN.get(bezwaar.uitstel_grond or "", bezwaar.uitstel_grond or "-")
    return {"tot": _day(bezwaar.uitstel_tot), "grond": grond}


def _beslissing(case: Case, bezwaar: Bezwaar) -> dict[str, Any] | None:
    besluit = case.besluit(bezwaar.beslissing) if bezwaar.beslissing else None
    if besluit is None:
        return None
    found = {"kenmerk": besluit.kenmerk, "dagtekening": datum(besluit.dagtekening)}
    beroep = _due(case, "beroep", besluit.kenmerk, None)
    return {**found, "beroepstermijn": beroep} if beroep else found


def sample_bezwaar(day: date, due: date) -> tuple[list[Besluit], list[Deadline]]:
    """An aanwijzing with one decided bezwaar and its deadlines: what `letter lint` renders the
    bezwaar letters with."""
    bezwaar = Bezwaar(
        number=1, ontvangen=day, tijdigheid=Tijdigheid.TIJDIG_PER_POST, ter_post=day,
        indiener="Voorbeeld Jeugdhulp B.V.", hoorzitting_op=day, verdaagd="6 weken",
        herstel=[Herstel(day, day)], uitstel_tot=day, uitstel_grond="instemming",
        uitkomst=Uitkomst.ONGEGROND, beslist_op=day, beslissing="IGJ-2025-000002",
    )  # fmt: skip
    aanwijzing = Besluit(
        BesluitKind.AANWIJZING, "IGJ-2025-000001", day.year, 1, day, day, "de Minister",
        bezwaren=[bezwaar],
    )  # fmt: skip
    beslissing = Besluit(
        BesluitKind.BESLISSING_OP_BEZWAAR, "IGJ-2025-000002", day.year, 2, day, day,
        "de Minister", parent=aanwijzing.kenmerk,
    )  # fmt: skip
    deadlines = [
        Deadline(
            kind=kind,
            due=due,
            basis=TermBasis.STATUTORY,
            legal_basis=None,
            start=day,
            term="6 weken",
            steps=(),
            set_by="bezwaar",
            set_on=day,
            besluit=kenmerk,
            bezwaar=number,
        )  # fmt: skip
        for kind, kenmerk, number in (
            ("bezwaar", aanwijzing.kenmerk, None),
            ("beslistermijn_bezwaar", aanwijzing.kenmerk, 1),
            ("beroep", beslissing.kenmerk, None),
        )
    ]
    return [aanwijzing, beslissing], deadlines
