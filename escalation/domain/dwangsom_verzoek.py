"""Requests of the overtreder under Awb 5:34, and the besluiten on them.

The overtreder may ask to lift (opheffen), suspend (opschorten) or reduce (verminderen) a last
onder dwangsom (5:34 lid 1); lifting may also be asked once a year has passed without forfeiture
(lid 2: `opheffing_possible_from`). Each request is an entry of the last's ledger; the decision on
it is a besluit of kind `beslissing_op_verzoek` (its parent: the last), with its own bezwaar term,
and its effect is one more entry: `opgeheven` (nothing forfeits from that day), `opgeschort`
(nothing forfeits from that day up to and including `until`), `verminderd` (a lower amount per
unit or a lower maximum for what forfeits after the decision), or `afgewezen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from escalation.domain.atw import TermBasis, compute_term
from escalation.domain.besluiten import Besluit, BesluitIssuer, BesluitKind
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline
from escalation.domain.dwangsom_case import Arm, add_entry, ledger
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Stamp
from escalation.domain.ledger import DECISIONS, Entry, EntryKind, RequestKind
from escalation.domain.model import Case
from escalation.domain.terms import Term, Unit
from escalation.formatting import money
from escalation.i18n import _

BEZWAAR_TERM = Term(6, Unit.WEKEN)
VERZOEK = "verzoek"  # `set_by` of the bezwaar deadline of a beslissing op verzoek


class VerzoekUitkomst(StrEnum):
    TOEGEWEZEN = "toegewezen"
    AFGEWEZEN = "afgewezen"


@dataclass(frozen=True, slots=True)
class Decision:
    """What the jurist decided on a request, and with what content."""

    uitkomst: VerzoekUitkomst
    verzonden: date | None = None  # default: the dagtekening
    bedrag: Decimal | None = None  # vermindering: the new amount per unit
    maximum: Decimal | None = None  # vermindering: the new maximum
    tot: date | None = None  # opschorting: its last day


def record_request(
    case: Case, last: Besluit, soort: RequestKind, *, ontvangen: date, stamp: Stamp
) -> Entry:
    """A request of the overtreder received on `ontvangen` (Awb 5:34)."""
    book = ledger(last)
    if book.opgeheven_op is not None:
        raise InvalidInputError(
            _("The last was lifted (opgeheven) on {day}: there is nothing left to request.").format(
                day=book.opgeheven_op.isoformat()
            )
        )
    if ontvangen < last.verzonden:
        raise InvalidInputError(
            _("{day} lies before the last was sent ({sent}).").format(
                day=ontvangen.isoformat(), sent=last.verzonden.isoformat()
            )
        )
    return add_entry(case, last, EntryKind.VERZOEK, on=ontvangen, stamp=stamp, detail=soort.value)


def decide_request(
    case: Case, last: Besluit, number: int, decision: Decision, *,
    issuer: BesluitIssuer, calendar: AtwCalendar, arm: Arm, stamp: Stamp,
) -> tuple[Besluit, Entry]:  # fmt: skip
    """The beslissing op verzoek, dated `stamp.on`: a besluit, and its effect in the ledger."""
    request = _pending(last, number)
    soort = RequestKind(request.detail or "")
    if stamp.on < request.on:
        raise InvalidInputError(
            _("A decision on request {number} cannot precede its receipt on {day}.").format(
                number=number, day=request.on.isoformat()
            )
        )
    fields = _effect(last, soort, decision, on=stamp.on)
    taken = _take(case, last, decision, issuer=issuer, calendar=calendar, arm=arm, stamp=stamp)
    kind = (
        DECISIONS[soort] if decision.uitkomst is VerzoekUitkomst.TOEGEWEZEN else EntryKind.AFGEWEZEN
    )
    entries = [
        add_entry(
            case, last, kind, on=stamp.on, stamp=stamp, ref=number, besluit=taken.kenmerk, **one
        )  # fmt: skip
        for one in fields
    ]
    return taken, entries[0]


def _pending(last: Besluit, number: int) -> Entry:
    book = ledger(last)
    request = book.entry(number)
    if request is None or request.kind is not EntryKind.VERZOEK:
        raise InvalidInputError(
            _("The ledger has no request {number}; `escalation dwangsom show` lists them.").format(
                number=number
            )
        )
    if request not in book.requests(pending=True):
        raise InvalidInputError(_("Request {number} was decided already.").format(number=number))
    return request


def _effect(
    last: Besluit, soort: RequestKind, decision: Decision, *, on: date
) -> list[dict[str, object]]:
    """The fields of the entries the decision adds (one, or two for a vermindering of both)."""
    extra = [n for n, v in (("--bedrag", decision.bedrag), ("--maximum", decision.maximum),
                            ("--tot", decision.tot)) if v is not None]  # fmt: skip
    wanted = {RequestKind.VERMINDERING: {"--bedrag", "--maximum"},
              RequestKind.OPSCHORTING: {"--tot"}}.get(soort, set())  # fmt: skip
    if decision.uitkomst is VerzoekUitkomst.AFGEWEZEN:
        wanted = set()
    stray = [n for n in extra if n not in wanted]
    if stray:
        raise InvalidInputError(
            _("{options} does not go with a decision that the {soort} is {uitkomst}.").format(
                options=", ".join(stray), soort=soort.value, uitkomst=decision.uitkomst.value
            )
        )
    if decision.uitkomst is VerzoekUitkomst.AFGEWEZEN:
        return [{}]
    if soort is RequestKind.OPHEFFING:
        _no_forfeiture_after(last, on)
        return [{}]
    if soort is RequestKind.OPSCHORTING:
        return [_suspension(last, decision, on)]
    return _reduction(last, decision)


def _no_forfeiture_after(last: Besluit, on: date) -> None:
    later = [e for e in ledger(last).forfeitures if e.on >= on]
    if later:
        raise InvalidInputError(
            _("Forfeiture {number} of {day} lies on or after {on}: correct it first "
              "(`escalation dwangsom corrigeer`).").format(
                number=later[0].number, day=later[0].on.isoformat(), on=on.isoformat()
            )
        )  # fmt: skip


def _suspension(last: Besluit, decision: Decision, on: date) -> dict[str, object]:
    if decision.tot is None or decision.tot < on:
        raise InvalidInputError(
            _("Give --tot DATE, on or after {on}: the last day of the opschorting "
              "(Awb 5:34 lid 1).").format(on=on.isoformat())
        )  # fmt: skip
    _no_forfeiture_after(last, on)
    return {"until": decision.tot}


def _reduction(last: Besluit, decision: Decision) -> list[dict[str, object]]:
    book = ledger(last)
    if decision.bedrag is None and decision.maximum is None:
        raise InvalidInputError(
            _("Give --bedrag, --maximum or both: the reduced dwangsom (Awb 5:34 lid 1).")
        )
    found = []
    for what, new, old in (("bedrag", decision.bedrag, book.bedrag_on(date.max)),
                           ("maximum", decision.maximum, book.maximum)):  # fmt: skip
        if new is None:
            continue
        if not Decimal(0) < new < old:
            raise InvalidInputError(
                _("A reduced {what} is above zero and below the present {old}.").format(
                    what=what, old=money(old)
                )
            )
        found.append({"amount": new, "detail": what})
    return found


def _take(
    case: Case, last: Besluit, decision: Decision, *, issuer: BesluitIssuer,
    calendar: AtwCalendar, arm: Arm, stamp: Stamp,
) -> Besluit:  # fmt: skip
    """The beslissing op verzoek as a besluit of the case, with its bezwaar term (6:7, 6:8)."""
    verzonden = decision.verzonden or stamp.on
    if verzonden < stamp.on:
        raise InvalidInputError(
            _("The decision cannot be sent on {sent}, before its dagtekening {day}.").format(
                sent=verzonden.isoformat(), day=stamp.on.isoformat()
            )
        )
    issued = issuer.issue(BesluitKind.BESLISSING_OP_VERZOEK, on=stamp.on)
    taken = Besluit(
        kind=BesluitKind.BESLISSING_OP_VERZOEK, kenmerk=issued.kenmerk, year=issued.year,
        number=issued.number, dagtekening=stamp.on, verzonden=verzonden,
        bestuursorgaan=issued.bestuursorgaan, parent=last.kenmerk,
    )  # fmt: skip
    plain = Stamp(on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by)
    case.take_besluit(taken, stamp=plain)
    term = compute_term(
        verzonden, BEZWAAR_TERM, basis=TermBasis.STATUTORY, calendar=calendar,
        legal_basis="Awb 6:7, 6:8",
    )  # fmt: skip
    deadline = Deadline(
        kind="bezwaar", due=term.end, basis=term.basis, legal_basis=term.legal_basis,
        start=term.start, term=str(BEZWAAR_TERM), steps=term.steps, set_by=VERZOEK,
        set_on=stamp.on, proposed=term.proposed, warning=term.warning, besluit=taken.kenmerk,
    )  # fmt: skip
    case.add_deadline(arm(deadline), stamp=plain, action=None)
    return taken


def choice(kind: type[StrEnum], text: str, *, option: str) -> StrEnum:
    """`text` as a member of `kind`, or an error naming the choices (a command-line value)."""
    allowed = [k.value for k in kind]
    if text not in allowed:
        raise InvalidInputError(
            _("'{value}' is not a choice of {option}; choose one of: {choices}.").format(
                value=text, option=option, choices=", ".join(allowed)
            )
        )
    return kind(text)
