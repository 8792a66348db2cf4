"""Inspectorates as data, and the sender of one case's letters: its lead, maybe with others.

An inspectorate (`organisations/<code>.yaml`: IGJ, JENV) carries the letter data that
letters/organisatie.yaml carried before (letterhead, signatures, the bestuursorgaan per besluit)
and, per kind of subject, who takes the besluiten (`bestuursorganen`: for a gecertificeerde
instelling the Ministers of JenV and VWS together).

The sender of a case's letters (`case_sender`):
* one inspectorate: its letter data, the besluiten adjusted to the subject's kind; a case
  against a jeugdhulpaanbieder of IGJ gets exactly the letter data of before;
* a joint case: the lead's letter data and bestuursorgaan (the lead's data for the subject's
  kind decides who takes the besluiten), `afzender` naming every inspectorate (the lead first:
  `organisaties`, and `inspecties`, "Inspectie Gezondheidszorg en Jeugd en de Inspectie Justitie
  en Veiligheid"), and every signature block signed by each of them: the lead's lines, "en",
  then the other's lines without the lines they share at the start ("Met vriendelijke groet,").

Letters are Dutch, whatever language the program speaks: these texts are not translated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from escalation.domain.errors import InvalidInputError
from escalation.domain.letters import Organisation
from escalation.domain.model import DEFAULT_ORGANISATION as DEFAULT_ORGANISATION
from escalation.i18n import _

# The keys of an inspectorate's letterhead that a joint letter repeats for every inspectorate.
_LETTERHEAD_KEYS = ("naam", "ministerie", "postadres", "telefoon", "website")


@dataclass(frozen=True, slots=True)
class Inspectorate:
    """One inspectorate's data (organisations/<code>.yaml)."""

    code: str  # "IGJ", "JENV": upper case
    naam: str  # "Inspectie Gezondheidszorg en Jeugd"
    letters: Organisation
    bestuursorganen: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    origin: str = ""  # the file it was read from

    def for_subject(self, kind: str) -> Organisation:
        """Its letter data for a case against a subject of this kind (`bestuursorganen`)."""
        override = self.bestuursorganen.get(kind)
        if not override:
            return self.letters
        besluiten = {key: {**entry, **override} for key, entry in self.letters.besluiten.items()}
        return replace(self.letters, besluiten=besluiten)


def check_codes(lead: str, co: Iterable[str], known: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The lead's code and the others', upper case, each once, none of them the lead.

    Raises:
        InvalidInputError: a code that names no installed organisation.
    """
    lead = lead.strip().upper()
    others: list[str] = []
    for code in (c.strip().upper() for c in co):
        if code and code != lead and code not in others:
            others.append(code)
    for code in (lead, *others):
        if code not in known:
            raise InvalidInputError(
                _("There is no organisation '{code}'. Organisations: {known}.").format(
                    code=code, known=", ".join(known)
                )
            )
    return lead, tuple(others)


def case_sender(lead: Inspectorate, co: Sequence[Inspectorate], kind: str) -> Organisation:
    """The sender of the letters of a case against a subject of `kind`, led by `lead`."""
    own = lead.for_subject(kind)
    if not co:
        return own
    others = [o.for_subject(kind) for o in co]
    afzender = {
        **own.afzender,
        "organisaties": [_letterhead(o) for o in (own, *others)],
        "inspecties": _named(
            [_name(o, i) for o, i in zip((own, *others), (lead, *co), strict=True)]
        ),
    }
    besluiten = {
        key: {**entry, "ondertekening": _signed_by_all(entry, key, others)}
        for key, entry in own.besluiten.items()
    }
    ondertekening = _joined(own.ondertekening, [o.ondertekening for o in others])
    return replace(own, afzender=afzender, besluiten=besluiten, ondertekening=ondertekening)


def _letterhead(organisation: Organisation) -> dict[str, Any]:
    head = organisation.afzender
    return {key: head[key] for key in _LETTERHEAD_KEYS if key in head}


def _name(letters: Organisation, inspectorate: Inspectorate) -> str:
    """The name its letterhead prints (a user's organisatie.yaml may change it)."""
    return str(letters.afzender.get("naam") or inspectorate.naam)


def _named(names: Sequence[str]) -> str:
    """'Inspectie A en de Inspectie B'; three: 'Inspectie A, de Inspectie B en de Inspectie C'."""
    named = [names[0], *(f"de {name}" for name in names[1:])]
    return ", ".join(named[:-1]) + f" en {named[-1]}"


def _signed_by_all(entry: Mapping[str, Any], key: str, others: Sequence[Organisation]) -> Any:
    own = entry.get("ondertekening")
    if not isinstance(own, list):
        return own
    lines = [o.besluiten[key].get("ondertekening") for o in others if key in o.besluiten]
    return list(_joined(own, [x for x in lines if isinstance(x, list)]))


def _joined(lead: Sequence[Any], others: Sequence[Sequence[Any]]) -> tuple[Any, ...]:
    """The lead's lines, then per other inspectorate "en" and its lines after the shared start."""
    lines = list(lead)
    for other in others:
        shared = 0
        while shared < min(len(lead), len(other)) - 1 and lead[shared] == other[shared]:
            shared += 1
        lines += ["en", *other[shared:]]
    return tuple(lines)
