"""Who a letter goes to, who signs it, and its reference ("Ons kenmerk").

* `ontvanger`: the provider with its postal address as lines (`adres`); without an address the
  letter prints, in its place, what is missing and the command that fills it.
* `ondertekenaar`: the person who signs (settings signatory_name, signatory_function and
  signatory_mandate), as far as they are set; without them the organisation's lines sign. A
  besluit whose workflow names a signer (version 4 `besluiten:`) signs under that mandate
  (`mandate_signatory`): the signing user's name and role, the workflow's mandate text.
* `zaak.kenmerk`: the besluit's kenmerk when the letter belongs to a besluit its action took,
  else the case's reference made by organisatie.yaml `zaakkenmerk` ("IGJ-ZAAK-000001").

Letters are Dutch, whatever language the program speaks: these texts are not translated.
"""

from __future__ import annotations

from typing import Any

from escalation.domain.besluiten import Besluit
from escalation.domain.letters import MISSING, ActionFacts, LetterError, Organisation, Signatory
from escalation.domain.model import Case, Provider
from escalation.domain.provider import address_lines
from escalation.i18n import _


def ontvanger_fields(provider: Provider) -> dict[str, Any]:
    """The addressee as letters write it; `adres` are the lines of its postal address."""
    adres = address_lines(provider.address) if provider.address else []
    return {
        "naam": provider.name,
        "kort": provider.alias or provider.name,
        "kvk": provider.kvk,
        "soort": provider.kind.value.replace("-", " "),
        "adres": adres
        or [
            f"{MISSING}het postadres van {provider.name}; vul het aan met "
            f'escalation provider edit {provider.kvk} --adres "Straat 1, 1234 AB Plaats"]'
        ],
    }


# The settings that name the signatory, as the settings file and the environment write them.
SIGNATORY_SETTINGS = {
    "naam": "signatory_name",
    "functie": "signatory_function",
    "mandaat": "signatory_mandate",
}


def ondertekenaar_fields(signatory: Signatory) -> dict[str, str]:
    """Name, function and mandate line of the signatory, as far as the settings give them.

    Without them the letter is signed by the organisation's lines alone (organisatie.yaml
    `ondertekening`: "de hoofdinspecteur Jeugd"), as a letter in mandaat may be.
    """
    return {key: value for key in SIGNATORY_SETTINGS if (value := getattr(signatory, key))}


def mandate_signatory(
    base: Signatory, *, role: str | None, mandate: str | None, name: str | None
) -> Signatory:
    """The signatory of a besluit's letter under the workflow's mandate (issue 13).

    `name`: the signing user's, when known (then `role` is their function); else the settings'
    name and function stay. `mandate` (e.g. "namens de Minister ..., de hoofdinspecteur")
    replaces the settings' mandate line.
    """
    if name is not None:
        return Signatory(naam=name, functie=role or base.functie, mandaat=mandate or base.mandaat)
    return Signatory(naam=base.naam, functie=base.functie, mandaat=mandate or base.mandaat)


def zaak_fields(
    case: Case, organisation: Organisation, action: ActionFacts | None, decision: str | None
) -> dict[str, str]:
    """The case's number and the letter's reference ("Ons kenmerk")."""
    number = str(case.id) if case.id is not None else "nieuw"
    reference = case_reference(organisation.zaakkenmerk, case.id)
    besluit = besluit_of(case, action, decision)
    return {
        "nummer": number,
        "kenmerk": besluit.kenmerk if besluit is not None else reference,
        "zaakkenmerk": reference,
    }


def case_reference(pattern: str, case_id: int | None) -> str:
    """'IGJ-ZAAK-000001' for case 1 (organisatie.yaml `zaakkenmerk`); a new case: '...-nieuw'."""
    if case_id is None:
        return f"{pattern.split('{', 1)[0]}nieuw"
    try:
        return pattern.format(nummer=case_id)
    except (KeyError, IndexError, ValueError):
        raise LetterError(
            _(
                "organisatie.yaml: zaakkenmerk '{pattern}' cannot be filled in; write it with "
                "{{nummer}}, e.g. IGJ-ZAAK-{{nummer:06d}}."
            ).format(pattern=pattern)
        ) from None


# A template's `decision:` that names its besluit's kind differently (organisatie.yaml).
_KIND_OF = {"bezwaar": "beslissing_op_bezwaar"}


def besluit_of(case: Case, action: ActionFacts | None, decision: str | None) -> Besluit | None:
    """The besluit the letter's action took on its day: of the template's `decision` kind when
    the action took several (an aanwijzing and its besluit tot openbaarmaking), else the first."""
    if action is None:
        return None
    taken = [b for b in case.besluiten if b.action == action.name and b.dagtekening == action.on]
    kind = _KIND_OF.get(decision or "", decision)
    own = [b for b in taken if b.kind.value == kind]
    if own:
        return own[-1]
    return taken[0] if taken else None
