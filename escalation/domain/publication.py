"""Publication of the zakelijke weergave (Jeugdwet 9.7, 9.8; Gezondheidswet 44, 44a).

The besluit tot openbaarmaking is taken with the besluit it makes public. Publication waits for
the two-week embargo after its bekendmaking (9.8 lid 1) and for the voorzieningenrechter while a
voorlopige voorziening against it is pending (lid 5). The provider may react within six weeks
after the besluit tot openbaarmaking (IGJ practice, seed 000); a reaction received in that term
is published with the zakelijke weergave (lid 2). See docs/publication.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from escalation.domain.besluiten import Besluit, BesluitKind
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.definition import ActionEffect
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Stamp, stamped
from escalation.domain.letter_values import datum
from escalation.domain.model import Case, ParamValue
from escalation.domain.voorzieningen import suspension
from escalation.domain.vovo_events import ReactieReceived, WeergavePublished
from escalation.i18n import _

EMBARGO = "publicatie_embargo"
REACTIE = "reactie_openbaarmaking"


def openbaarmakingsbesluit(case: Case) -> Besluit | None:
    """The case's latest besluit tot openbaarmaking that was not withdrawn."""
    found = case.besluiten_of([BesluitKind.OPENBAARMAKINGSBESLUIT.value])
    return found[-1] if found else None


def own_deadline(case: Case, kind: str, besluit: Besluit | None) -> Deadline | None:
    """The besluit's latest deadline of this kind (a version-1 case: the case's latest)."""
    live = [
        d
        for d in case.deadlines
        if d.kind == kind
        and d.status is not DeadlineStatus.CANCELLED
        and (besluit is None or d.besluit == besluit.kenmerk)
    ]
    return max(live, key=lambda d: (d.set_on, d.id or 0), default=None)


def publication_block(case: Case, on: date) -> str | None:
    """Why the zakelijke weergave may not be published on `on` (None: it may)."""
    besluit = openbaarmakingsbesluit(case)
    embargo = own_deadline(case, EMBARGO, besluit)
    if embargo is not None and embargo.due >= on:
        return _(
            "the publication embargo runs until {due}: publication is allowed from {after} "
            "(Jeugdwet 9.8 lid 1)"
        ).format(due=embargo.due.isoformat(), after=(embargo.due + timedelta(days=1)).isoformat())
    found = suspension(besluit, on) if besluit is not None else None
    return found.describe() if found is not None else None


def apply_effect(
    case: Case, effect: ActionEffect | None, params: Mapping[str, ParamValue], stamp: Stamp
) -> None:
    """What an action does to the besluit tot openbaarmaking besides moving the case."""
    if effect is None:
        return
    besluit = openbaarmakingsbesluit(case)
    if besluit is None:  # the action's has_besluit guard refuses this first
        raise InvalidInputError(_("Case {case} has no besluit tot openbaarmaking.").format(
            case=case.id
        ))  # fmt: skip
    if effect is ActionEffect.PUBLISH:
        publish(case, besluit, stamp=stamp)
    else:
        received = params.get("ontvangen")
        text = params.get("reactie")
        record_reaction(
            case, besluit, text=str(text or ""),
            ontvangen=received if isinstance(received, date) else stamp.on, stamp=stamp,
        )  # fmt: skip


def publish(case: Case, besluit: Besluit, *, stamp: Stamp) -> None:
    """The zakelijke weergave is published on `stamp.on` (again, with a reaction come since)."""
    if besluit.gepubliceerd_op is None:
        besluit.gepubliceerd_op = stamp.on
    met_reactie = reaction_in_term(case, besluit)
    case.record(
        WeergavePublished(besluit=besluit.kenmerk, met_reactie=met_reactie, **stamped(stamp))
    )


def record_reaction(
    case: Case, besluit: Besluit, *, text: str, ontvangen: date, stamp: Stamp
) -> None:
    """The provider's reaction, received on `ontvangen`; in the term it is published too."""
    if ontvangen < besluit.verzonden:
        raise InvalidInputError(
            _(
                "The besluit tot openbaarmaking {besluit} was sent on {sent}; a reaction to it "
                "cannot have been received on {on}."
            ).format(
                besluit=besluit.kenmerk,
                sent=besluit.verzonden.isoformat(),
                on=ontvangen.isoformat(),
            )  # fmt: skip
        )
    besluit.reactie = text.strip()
    besluit.reactie_ontvangen = ontvangen
    in_term = reaction_in_term(case, besluit)
    case.record(
        ReactieReceived(
            besluit=besluit.kenmerk, in_termijn=in_term, **stamped(replace(stamp, on=ontvangen))
        )
    )


def reaction_term(case: Case, besluit: Besluit) -> date:
    """The last day of the reaction term: the deadline's, else six weeks after sending."""
    deadline = own_deadline(case, REACTIE, besluit)
    return deadline.due if deadline is not None else besluit.verzonden + timedelta(weeks=6)


def reaction_in_term(case: Case, besluit: Besluit) -> bool:
    received = besluit.reactie_ontvangen
    return (
        bool(besluit.reactie) and received is not None and received <= reaction_term(case, besluit)
    )


def reaction_fields(case: Case) -> dict[str, Any]:
    """The letter field `reactie`: whether a reaction is published with the weergave, and it."""
    besluit = openbaarmakingsbesluit(case)
    if besluit is None or not reaction_in_term(case, besluit):
        return {"gegeven": False}
    received = besluit.reactie_ontvangen or besluit.verzonden
    return {"gegeven": True, "tekst": besluit.reactie, "ontvangen": datum(received)}
