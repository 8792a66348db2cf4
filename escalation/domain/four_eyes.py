"""Four-eyes on besluiten: one person prepares a besluit, a second one establishes it.

An action whose besluit kind needs four-eyes prepares its besluiten: they are stored as
`concept`, their letter stays a draft and the deadlines tied to them do not start. `besluit
vaststellen` by a second person establishes them: they get their first status of the legal life
(bezwaartermijn), the letter is sent and the deadlines start from `verzonden`.

The besluiten of one action share one letter, so they are prepared and established together.

Whether it applies is the workflow's (version 4: `besluiten:` with `four_eyes` and `signer` per
kind; earlier versions never) and only in a team database (one with users: a single jurist
has no second person, so there the action takes its besluiten at once, as before).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from escalation.domain.besluit_events import BesluitEstablished, BesluitPrepared
from escalation.domain.besluiten import Besluit, BesluitStatus
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Stamp, stamped
from escalation.domain.model import Case
from escalation.formatting import long_day
from escalation.i18n import _

# The first status of an established besluit: its bezwaar term runs (as for one taken at once).
ESTABLISHED = BesluitStatus.BEZWAARTERMIJN


def requires_four_eyes(definition: WorkflowDefinition, kind: str) -> bool:
    """Whether a besluit of this kind is prepared and established by two people: the workflow's
    answer (version 4 `besluiten:`, by default FOUR_EYES_BY_DEFAULT; versions 1-3 never)."""
    return definition.four_eyes(kind)


def may_establish(definition: WorkflowDefinition, kind: str, *, role: str | None) -> bool:
    """Whether someone with `role` may establish a besluit of this kind.

    Without roles (`role` None: a single jurist's database) anyone may; otherwise the role must
    be the signer the workflow names (if it names one).
    """
    if role is None:
        return True
    needed = definition.besluit_signer(kind)
    return needed is None or role == needed


def prepare_besluit(case: Case, besluit: Besluit, *, stamp: Stamp) -> Besluit:
    """Add a besluit the action prepared, as a concept: it counts only once established."""
    if case.besluit(besluit.kenmerk) is not None:
        raise ValueError(f"the case already has a besluit {besluit.kenmerk}")
    concept = replace(besluit, status=BesluitStatus.CONCEPT, prepared_by=stamp.by)
    case.besluiten.append(concept)
    case.record(
        BesluitPrepared(
            besluit=concept.kenmerk,
            kind=concept.kind.value,
            dagtekening=concept.dagtekening,
            action=concept.action,
            **stamped(stamp),
        )
    )
    return concept


def together(case: Case, besluit: Besluit) -> list[Besluit]:
    """The concept besluiten prepared by the same action as this one (one letter), in order."""
    return [
        b
        for b in case.besluiten
        if b.is_concept and b.action == besluit.action and b.dagtekening == besluit.dagtekening
    ]


def same_person(a: str | None, b: str) -> bool:
    return a is not None and a.strip().casefold() == b.strip().casefold()


def check_establish(besluit: Besluit, *, by: str) -> None:
    """Refuse a besluit that is not a concept, or one prepared by the same person."""
    if not besluit.is_concept:
        if besluit.established_by is not None and besluit.established_on is not None:
            raise InvalidInputError(
                _("Besluit {kenmerk} was already established by {by} on {day}.").format(
                    kenmerk=besluit.kenmerk,
                    by=besluit.established_by,
                    day=long_day(besluit.established_on),
                )
            )
        raise InvalidInputError(
            _(
                "Besluit {kenmerk} is not a concept: it was taken on {day} without four-eyes."
            ).format(kenmerk=besluit.kenmerk, day=long_day(besluit.dagtekening))
        )
    if same_person(besluit.prepared_by, by):
        raise InvalidInputError(
            _(
                "Besluit {kenmerk} was prepared by {by}; a second person must establish it "
                "(four-eyes)."
            ).format(kenmerk=besluit.kenmerk, by=besluit.prepared_by)
        )


def establish(case: Case, besluiten: Iterable[Besluit], *, stamp: Stamp, verzonden: date) -> None:
    """Establish the concept besluiten: dated and established today, sent on `verzonden`."""
    for besluit in besluiten:
        prepared_by = besluit.prepared_by or ""
        besluit.status = ESTABLISHED
        besluit.dagtekening = stamp.on
        besluit.verzonden = verzonden
        besluit.established_by = stamp.by
        besluit.established_on = stamp.on
        case.record(
            BesluitEstablished(
                besluit=besluit.kenmerk,
                kind=besluit.kind.value,
                verzonden=verzonden,
                prepared_by=prepared_by,
                **stamped(stamp),
            )
        )


def refuse_concept(besluit: Besluit, *, what: str) -> Besluit:
    """A concept besluit gets no bezwaar, voorlopige voorziening or publication: refused."""
    if besluit.is_concept:
        raise InvalidInputError(
            _(
                "Besluit {kenmerk} is a concept prepared by {by} and has not been established: "
                "{what} is possible only after `escalation besluit vaststellen {kenmerk}`."
            ).format(kenmerk=besluit.kenmerk, by=besluit.prepared_by or "-", what=what)
        )
    return besluit


def awaiting(case: Case, *, action: str | None) -> Besluit | None:
    """The concept besluit `action` prepared last (the first of its besluiten): a draft of that
    action is its letter."""
    found = [b for b in case.besluiten if b.is_concept and action and b.action == action]
    newest = max((b.dagtekening for b in found), default=None)
    return next((b for b in found if b.dagtekening == newest), None)
