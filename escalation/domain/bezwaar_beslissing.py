"""The beslissing op bezwaar (Awb 7:11, 7:12): itself a besluit, with a beroep term of its own.

Deciding a bezwaar takes a besluit of kind `beslissing_op_bezwaar` (its parent: the contested
besluit), sets its `beroep` deadline (six weeks from the day after it is sent, Awb 6:7, 6:8, 8:1,
with the Atw), meets the bezwaar's beslistermijn and moves the contested besluit on: it stays in
force (ongegrond, niet-ontvankelijk: beslist_op_bezwaar, then beroepstermijn), is revoked
(gegrond: herroepen, status ingetrokken) or changed (gegrond or deels gegrond: gewijzigd; a new
naleving date re-projects that deadline and its reminders).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from escalation.domain.atw import TermBasis, TermResult, compute_term, fixed_date
from escalation.domain.besluiten import (
    Besluit,
    BesluitIssuer,
    BesluitKind,
    BesluitStatus,
    Bezwaar,
    BezwaarStatus,
    Uitkomst,
)
from escalation.domain.bezwaar_events import BezwaarDecided
from escalation.domain.bezwaar_procedure import (
    BEROEP_KIND,
    Rules,
    check_not_before_receipt,
    check_pending,
    is_late_without_verdict,
    ref,
    settle_status,
    termijn_deadline,
)
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.errors import InvalidActionError, InvalidInputError
from escalation.domain.events import Stamp, stamped
from escalation.domain.model import Case
from escalation.domain.reminders import arm
from escalation.domain.terms import Term, Unit
from escalation.formatting import long_day
from escalation.i18n import _

BEROEPSTERMIJN = Term(6, Unit.WEKEN)  # Awb 6:7
BEROEP_BASIS = "Awb 6:7, 6:8, 8:1"
COMPLIANCE_KINDS = ("naleving", "begunstigingstermijn")
_SETTLED = (DeadlineStatus.MET, DeadlineStatus.CANCELLED)


class Gevolg(StrEnum):
    """What the beslissing op bezwaar does to the contested besluit."""

    IN_STAND = "in_stand"  # it stays as it was
    HERROEPEN = "herroepen"  # revoked (Awb 7:11 lid 2): status ingetrokken
    GEWIJZIGD = "gewijzigd"  # changed: e.g. a new naleving date


@dataclass(frozen=True, slots=True)
class Beslissing:
    """What the jurist decided: the outcome, when it is sent, and what it does to the besluit."""

    uitkomst: Uitkomst
    verzonden: date | None = None  # default: its dagtekening
    herroepen: bool = False
    gewijzigd: bool = False
    naleving: Term | date | None = None  # a new compliance term or date

    @property
    def gevolg(self) -> Gevolg:
        if self.herroepen:
            return Gevolg.HERROEPEN
        if self.gewijzigd or self.naleving is not None:
            return Gevolg.GEWIJZIGD
        return Gevolg.IN_STAND


@dataclass(frozen=True, slots=True)
class Decided:
    """The beslissing op bezwaar taken, and the re-projected compliance deadline if any."""

    beslissing: Besluit
    naleving: Deadline | None = None


def decide(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, beslissing: Beslissing, *,
    issuer: BesluitIssuer, stamp: Stamp, rules: Rules,
) -> Decided:  # fmt: skip
    """Decide the bezwaar on `stamp.on` (the dagtekening of the beslissing op bezwaar)."""
    check_pending(besluit, bezwaar)
    _check_outcome(besluit, bezwaar, beslissing)
    check_not_before_receipt(bezwaar, stamp.on, what=_("A beslissing op bezwaar"))
    plain = Stamp(on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by)
    taken = _take(case, besluit, beslissing, issuer=issuer, stamp=plain, rules=rules)
    deadline = termijn_deadline(case, besluit, bezwaar)
    if deadline is not None:
        case.close_deadline(deadline, DeadlineStatus.MET, stamp=plain, action=None)
    bezwaar.status, bezwaar.uitkomst = BezwaarStatus.BESLIST, beslissing.uitkomst
    bezwaar.beslist_op, bezwaar.beslissing = stamp.on, taken.kenmerk
    case.record(
        BezwaarDecided(
            besluit=besluit.kenmerk, bezwaar=bezwaar.number, uitkomst=beslissing.uitkomst.value,
            beslissing=taken.kenmerk, gevolg=beslissing.gevolg.value, **stamped(stamp),
        )
    )  # fmt: skip
    naleving = _apply(case, besluit, beslissing, taken, stamp=plain, rules=rules)
    return Decided(taken, naleving)


def _check_outcome(besluit: Besluit, bezwaar: Bezwaar, beslissing: Beslissing) -> None:
    uitkomst = beslissing.uitkomst
    facts = {"ref": ref(besluit, bezwaar), "uitkomst": uitkomst.value}
    if uitkomst is Uitkomst.INGETROKKEN:
        raise InvalidInputError(
            _("A withdrawn bezwaar is recorded with `escalation bezwaar intrekken`.")
        )
    if is_late_without_verdict(bezwaar):
        raise InvalidActionError(
            _(
                "Bezwaar {ref} came in late: first judge whether that is excusable "
                "(`escalation bezwaar termijn --verschoonbaar ja|nee --reason`, Awb 6:11)."
            ).format(**facts)
        )
    if bezwaar.verschoonbaar is False and uitkomst is not Uitkomst.NIET_ONTVANKELIJK:
        raise InvalidActionError(
            _(
                "The lateness of bezwaar {ref} was judged not excusable: it can only be declared "
                "niet_ontvankelijk (Awb 6:11), not {uitkomst}."
            ).format(**facts)
        )
    _check_gevolg(beslissing, facts)


def _check_gevolg(beslissing: Beslissing, facts: dict[str, str]) -> None:
    uitkomst, gevolg = beslissing.uitkomst, beslissing.gevolg
    if beslissing.herroepen and (beslissing.gewijzigd or beslissing.naleving is not None):
        raise InvalidInputError(_("A besluit is revoked (--herroepen) or changed, not both."))
    if uitkomst in (Uitkomst.ONGEGROND, Uitkomst.NIET_ONTVANKELIJK):
        if gevolg is not Gevolg.IN_STAND:
            raise InvalidInputError(
                _(
                    "A bezwaar that is {uitkomst} leaves the besluit as it is: --herroepen, "
                    "--gewijzigd and --naleving go with gegrond or deels_gegrond."
                ).format(**facts)
            )
        return
    if gevolg is Gevolg.IN_STAND:
        raise InvalidInputError(
            _(
                "A {uitkomst} bezwaar revokes or changes the besluit (Awb 7:11 lid 2): give "
                "--herroepen, --gewijzigd or --naleving DATE."
            ).format(**facts)
        )
    if uitkomst is Uitkomst.DEELS_GEGROND and gevolg is Gevolg.HERROEPEN:
        raise InvalidInputError(
            _(
                "A partly well-founded bezwaar changes the besluit (--gewijzigd or --naleving); "
                "revoking it entirely (--herroepen) goes with gegrond."
            )
        )


def _take(
    case: Case, contested: Besluit, beslissing: Beslissing, *, issuer: BesluitIssuer,
    stamp: Stamp, rules: Rules,
) -> Besluit:  # fmt: skip
    """The beslissing op bezwaar as a besluit of the case, with its beroep deadline."""
    on = stamp.on
    verzonden = beslissing.verzonden or on
    if verzonden < on:
        raise InvalidInputError(
            _("The beslissing cannot be sent on {sent}, before its dagtekening {day}.").format(
                sent=long_day(verzonden), day=long_day(on)
            )
        )
    issued = issuer.issue(BesluitKind.BESLISSING_OP_BEZWAAR, on=on)
    taken = Besluit(
        kind=BesluitKind.BESLISSING_OP_BEZWAAR, kenmerk=issued.kenmerk, year=issued.year,
        number=issued.number, dagtekening=on, verzonden=verzonden,
        bestuursorgaan=issued.bestuursorgaan, status=BesluitStatus.BEROEPSTERMIJN,
        parent=contested.kenmerk,
    )  # fmt: skip
    case.take_besluit(taken, stamp=stamp)
    term = compute_term(
        verzonden, BEROEPSTERMIJN, basis=TermBasis.STATUTORY, calendar=rules.calendar,
        legal_basis=BEROEP_BASIS,
    )  # fmt: skip
    deadline = _deadline(BEROEP_KIND, term, on=on, besluit=taken.kenmerk)
    case.add_deadline(
        arm(deadline, rules.ladder(BEROEP_KIND), rules.calendar), stamp=stamp, action=None
    )
    return taken


def _deadline(kind: str, result: TermResult, *, on: date, besluit: str | None) -> Deadline:
    return Deadline(
        kind=kind, due=result.end, basis=result.basis, legal_basis=result.legal_basis,
        start=result.start, term=str(result.term) if result.term else None, steps=result.steps,
        set_by="bezwaar", set_on=on, proposed=result.proposed, warning=result.warning,
        besluit=besluit,
    )  # fmt: skip


def _apply(
    case: Case, contested: Besluit, beslissing: Beslissing, taken: Besluit, *, stamp: Stamp,
    rules: Rules,
) -> Deadline | None:  # fmt: skip
    """What the beslissing does to the contested besluit; the new compliance deadline, if any."""
    if beslissing.gevolg is Gevolg.HERROEPEN:
        for d in [d for d in case.deadlines if d.besluit == contested.kenmerk and d.is_awaited]:
            if d.bezwaar is None:  # the besluit's own terms; other bezwaren are still decided
                case.close_deadline(d, DeadlineStatus.CANCELLED, stamp=stamp, action=None)
        case.set_besluit_status(contested, BesluitStatus.INGETROKKEN, stamp=stamp)
        return None
    if beslissing.gevolg is Gevolg.GEWIJZIGD:
        case.set_besluit_status(contested, BesluitStatus.GEWIJZIGD, stamp=stamp)
        if beslissing.naleving is None:
            return None
        why = f"{taken.kenmerk}: {beslissing.uitkomst.value} (Awb 7:11)"
        return _new_compliance(case, contested, beslissing.naleving, why=why, stamp=stamp,
                               rules=rules)  # fmt: skip
    settle_status(case, contested, stamp=stamp, calendar=rules.calendar)
    return None


def _new_compliance(
    case: Case, besluit: Besluit, naleving: Term | date, *, why: str, stamp: Stamp, rules: Rules
) -> Deadline:
    """Re-project the besluit's compliance deadline (naleving or begunstigingstermijn)."""
    old = next(
        (d for d in reversed(case.deadlines)
         if d.kind in COMPLIANCE_KINDS and d.besluit == besluit.kenmerk
         and d.status is not DeadlineStatus.CANCELLED),
        None,
    )  # fmt: skip
    if old is None or old.status is DeadlineStatus.MET:
        raise InvalidActionError(
            _(
                "{kenmerk} has no naleving or begunstigingstermijn deadline that still runs; "
                "--naleving cannot change it."
            ).format(kenmerk=besluit.kenmerk)
        )
    if isinstance(naleving, date):
        result = fixed_date(naleving, calendar=rules.calendar, start=stamp.on,
                            legal_basis=old.legal_basis)  # fmt: skip
    else:
        result = compute_term(stamp.on, naleving, basis=TermBasis.SELF_SET,
                              calendar=rules.calendar, legal_basis=old.legal_basis)  # fmt: skip
    new = arm(
        _deadline(old.kind, result, on=stamp.on, besluit=besluit.kenmerk),
        rules.ladder(old.kind),
        rules.calendar,
    )
    if old.is_awaited:
        case.move_deadline(old, new, stamp=Stamp(stamp.on, stamp.at, stamp.by, reason=why))
    else:
        case.add_deadline(new, stamp=stamp, action=None)
    return new
