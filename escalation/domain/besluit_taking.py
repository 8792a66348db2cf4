"""What an action does with the besluiten it takes: number them, link its deadlines to them, and
give a last onder dwangsom its ledger (and an invorderingsbeschikking its last)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from escalation.domain.besluiten import Besluit, BesluitIssuer, BesluitKind
from escalation.domain.deadline import Deadline
from escalation.domain.definition import ActionSpec, DeadlineRule
from escalation.domain.dwangsom_case import Arm, last_of, open_ledger, reproject
from escalation.domain.events import Stamp
from escalation.domain.four_eyes import prepare_besluit
from escalation.domain.model import Case, ParamValue

# Besluiten about a last onder dwangsom: their parent is the case's last.
_OF_THE_LAST = (BesluitKind.INVORDERINGSBESCHIKKING, BesluitKind.BESLISSING_OP_VERZOEK)


def take_besluiten(
    case: Case,
    action: ActionSpec,
    params: Mapping[str, ParamValue],
    issuer: BesluitIssuer | None,
    *,
    stamp: Stamp,
    four_eyes: bool = False,
) -> dict[str, Besluit]:
    """The besluiten the action takes, by kind: numbered by the issuer, sent on `verzonden`;
    with `four_eyes` prepared as concepts (sent when a second person establishes them)."""
    if not action.besluiten:
        return {}
    if issuer is None:
        raise ValueError(f"action {action.name} takes besluiten: fire it with an issuer")
    sent = params.get("verzonden")
    verzonden = sent if isinstance(sent, date) else stamp.on
    taken = {}
    for kind in map(BesluitKind, action.besluiten):
        issued = issuer.issue(kind, on=stamp.on)
        parent = last_of(case).kenmerk if kind in _OF_THE_LAST else None
        besluit = Besluit(
            kind=kind, kenmerk=issued.kenmerk, year=issued.year,
            number=issued.number, dagtekening=stamp.on, verzonden=verzonden,
            bestuursorgaan=issued.bestuursorgaan, action=action.name, parent=parent,
        )  # fmt: skip
        taken[kind.value] = (
            prepare_besluit(case, besluit, stamp=stamp)
            if four_eyes
            else case.take_besluit(besluit, stamp=stamp)
        )
    return taken


def linked(deadline: Deadline, rule: DeadlineRule, taken: Mapping[str, Besluit]) -> Deadline:
    """A deadline of the action's besluit (the rule names which; default: the first)."""
    if not taken:
        return deadline
    besluit = taken[rule.besluit] if rule.besluit else next(iter(taken.values()))
    return replace(deadline, besluit=besluit.kenmerk)


def after_taking(
    case: Case,
    taken: Mapping[str, Besluit],
    params: Mapping[str, ParamValue],
    *,
    stamp: Stamp,
    arm: Arm,
) -> None:
    """A last onder dwangsom gets its ledger; an invorderingsbeschikking restarts prescription."""
    open_ledger(case, taken, params)
    if BesluitKind.INVORDERINGSBESCHIKKING.value in taken:
        reproject(case, today=stamp.on, stamp=stamp, arm=arm)
