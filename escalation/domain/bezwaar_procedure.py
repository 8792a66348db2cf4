"""The bezwaar procedure on the case aggregate: record, judge, suspend, adjourn, withdraw.

Each function checks what the law allows, changes the besluit's bezwaar, records a typed event
(escalation.domain.bezwaar_events) and keeps the bezwaar's beslistermijn deadline (kind
`beslistermijn_bezwaar`, linked to the besluit and the bezwaar) equal to what Awb 7:10 makes of
the recorded facts. The main track (the case's state) is never touched: a bezwaar against the
aanwijzing of a closed case is recorded and decided without reopening it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from escalation.domain.atw import TermBasis, TermResult, compute_term, fixed_date
from escalation.domain.besluiten import (
    Besluit,
    BesluitKind,
    BesluitStatus,
    Bezwaar,
    BezwaarStatus,
    Tijdigheid,
)
from escalation.domain.bezwaar_events import BezwaarReceived
from escalation.domain.bezwaar_terms import (
    POSTAL_WEEK,
    Beslistermijn,
    beslistermijn,
    bezwaartermijn,
    tijdigheid,
)
from escalation.domain.calendar import AtwCalendar
from escalation.domain.deadline import Deadline
from escalation.domain.errors import InvalidActionError, InvalidInputError, UnknownBezwaarError
from escalation.domain.events import Stamp, stamped
from escalation.domain.model import Case
from escalation.domain.reminders import arm
from escalation.domain.terms import Term
from escalation.formatting import long_day
from escalation.i18n import _

BESLISTERMIJN_KIND = "beslistermijn_bezwaar"
BEROEP_KIND = "beroep"


@dataclass(frozen=True, slots=True)
class Rules:
    """What the procedure needs from outside the case: the calendar and the reminder ladders."""

    calendar: AtwCalendar
    ladder: Callable[[str], tuple[int, ...]]  # the case's own ladder of a kind, or the workflow's


@dataclass(frozen=True, slots=True)
class Filing:
    """A bezwaarschrift as it arrived (what `bezwaar add` is told)."""

    ontvangen: date
    ter_post: date | None = None
    indiener: str | None = None
    digitaal: bool = False
    adviescommissie: bool = False


def ref(besluit: Besluit, bezwaar: Bezwaar) -> str:
    """'IGJ-2025-000001/1': a bezwaar by its besluit's kenmerk and its number."""
    return f"{besluit.kenmerk}/{bezwaar.number}"


def locate(case: Case, kenmerk: str, number: int) -> tuple[Besluit, Bezwaar]:
    """The besluit with this kenmerk and its bezwaar with this number."""
    besluit = case.besluit(kenmerk)
    bezwaar = besluit.bezwaar(number) if besluit else None
    if besluit is None or bezwaar is None:
        raise UnknownBezwaarError(
            _("There is no bezwaar '{ref}'. `escalation bezwaar list` shows them.").format(
                ref=f"{kenmerk}/{number}"
            )
        )
    return besluit, bezwaar


def end_of_bezwaartermijn(besluit: Besluit, calendar: AtwCalendar) -> date:
    """The last day of the besluit's own bezwaar term (Awb 6:7, 6:8, Atw)."""
    return bezwaartermijn(besluit.verzonden, calendar=calendar).end


def current_termijn(besluit: Besluit, bezwaar: Bezwaar, calendar: AtwCalendar) -> Beslistermijn:
    """The beslistermijn as the bezwaar's recorded facts make it now."""
    bt_end = end_of_bezwaartermijn(besluit, calendar)
    return beslistermijn(bezwaar, bt_end=bt_end, calendar=calendar)


def add_bezwaar(
    case: Case, besluit: Besluit, filing: Filing, *, stamp: Stamp, rules: Rules
) -> Bezwaar:
    """Record a bezwaarschrift against the besluit, judge its timeliness, set its beslistermijn.

    Raises:
        InvalidActionError: the besluit is a beslissing op bezwaar (Awb 7:1 lid 1 sub a).
        InvalidInputError: dates that cannot be (before the besluit, posted after received,
            posted although it came electronically).
    """
    _check_filing(besluit, filing)
    last_day = end_of_bezwaartermijn(besluit, rules.calendar)
    bezwaar = Bezwaar(
        number=max((b.number for b in besluit.bezwaren), default=0) + 1,
        ontvangen=filing.ontvangen,
        tijdigheid=tijdigheid(
            verzonden=besluit.verzonden, last_day=last_day, ontvangen=filing.ontvangen,
            ter_post=filing.ter_post,
        ),
        ter_post=filing.ter_post, indiener=filing.indiener, digitaal=filing.digitaal,
        adviescommissie=filing.adviescommissie,
    )  # fmt: skip
    besluit.bezwaren.append(bezwaar)
    case.record(
        BezwaarReceived(
            besluit=besluit.kenmerk, bezwaar=bezwaar.number, ontvangen=bezwaar.ontvangen,
            ter_post=bezwaar.ter_post, indiener=bezwaar.indiener, digitaal=bezwaar.digitaal,
            adviescommissie=bezwaar.adviescommissie, tijdigheid=bezwaar.tijdigheid.value,
            **stamped(stamp),
        )
    )  # fmt: skip
    if bezwaar.tijdigheid is not Tijdigheid.TE_LAAT:  # a late one waits for 6:11 (judge_lateness)
        into_bezwaar(case, besluit, stamp=_plain(stamp))
    termijn = current_termijn(besluit, bezwaar, rules.calendar)
    deadline = beslistermijn_deadline(besluit, bezwaar, termijn.result, stamp=stamp, rules=rules)
    case.add_deadline(deadline, stamp=_plain(stamp), action=None)
    return bezwaar


def into_bezwaar(case: Case, besluit: Besluit, *, stamp: Stamp) -> None:
    """A bezwaar against the besluit is pending: it is in bezwaar, unless it was withdrawn.

    Also from onherroepelijk: a late bezwaar judged excusable is handled as if in time
    (Awb 6:11), so the besluit is no longer final.
    """
    if besluit.status is not BesluitStatus.INGETROKKEN:
        case.set_besluit_status(besluit, BesluitStatus.IN_BEZWAAR, stamp=stamp)


def _check_filing(besluit: Besluit, filing: Filing) -> None:
    if besluit.kind is BesluitKind.BESLISSING_OP_BEZWAAR:
        raise InvalidActionError(
            _(
                "{kenmerk} is a beslissing op bezwaar: against it there is no bezwaar but beroep "
                "with the rechtbank (Awb 7:1 lid 1 sub a, 8:1)."
            ).format(kenmerk=besluit.kenmerk)
        )
    if filing.ontvangen < besluit.dagtekening:
        raise InvalidInputError(
            _(
                "A bezwaar received on {on} cannot be against {kenmerk}, which is dated {day}. "
                "Check --ontvangen and the besluit."
            ).format(
                on=long_day(filing.ontvangen), kenmerk=besluit.kenmerk,
                day=long_day(besluit.dagtekening),
            )
        )  # fmt: skip
    _check_posted(besluit, filing)


def _check_posted(besluit: Besluit, filing: Filing) -> None:
    posted = filing.ter_post
    if posted is None:
        return
    if filing.digitaal:
        raise InvalidInputError(
            _(
                "A bezwaar sent electronically has no day of posting: it counts as received when "
                "it reached the inspectorate (Awb 2:20). Give --ter-post or --digitaal, not both."
            )
        )
    if posted > filing.ontvangen:
        raise InvalidInputError(
            _("It cannot have been posted on {posted}, after it was received on {on}.").format(
                posted=long_day(posted), on=long_day(filing.ontvangen)
            )
        )
    if posted < besluit.dagtekening:
        raise InvalidInputError(
            _("It cannot have been posted on {posted}, before {kenmerk} was dated {day}.").format(
                posted=long_day(posted), kenmerk=besluit.kenmerk, day=long_day(besluit.dagtekening)
            )
        )


def beslistermijn_deadline(
    besluit: Besluit, bezwaar: Bezwaar, result: TermResult, *, stamp: Stamp, rules: Rules
) -> Deadline:
    """The deadline of a bezwaar's beslistermijn, with its first reminder day."""
    deadline = Deadline(
        kind=BESLISTERMIJN_KIND, due=result.end, basis=result.basis,
        legal_basis=result.legal_basis, start=result.start,
        term=str(result.term) if result.term else None, steps=result.steps,
        set_by="bezwaar", set_on=stamp.on, besluit=besluit.kenmerk, bezwaar=bezwaar.number,
    )  # fmt: skip
    return arm(deadline, rules.ladder(BESLISTERMIJN_KIND), rules.calendar)


def termijn_deadline(case: Case, besluit: Besluit, bezwaar: Bezwaar) -> Deadline | None:
    """The bezwaar's beslistermijn deadline that is still awaited, if any."""
    return next(
        (
            d
            for d in reversed(case.deadlines)
            if d.kind == BESLISTERMIJN_KIND
            and d.besluit == besluit.kenmerk
            and d.bezwaar == bezwaar.number
            and d.is_awaited
        ),
        None,
    )


def reproject(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, *, why: str, stamp: Stamp, rules: Rules
) -> Deadline | None:
    """Make the beslistermijn deadline what the recorded facts now make it (moved, with `why`)."""
    old = termijn_deadline(case, besluit, bezwaar)
    if old is None:
        return None
    termijn = current_termijn(besluit, bezwaar, rules.calendar)
    if termijn.end == old.due and termijn.result.steps == old.steps:
        return old
    new = beslistermijn_deadline(besluit, bezwaar, termijn.result, stamp=stamp, rules=rules)
    moved = Stamp(on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by, reason=why)
    case.move_deadline(old, new, stamp=moved)
    return new


def check_pending(besluit: Besluit, bezwaar: Bezwaar) -> None:
    """Refuse a step on a bezwaar that was decided or withdrawn."""
    if bezwaar.is_pending:
        return
    if bezwaar.uitkomst is not None and bezwaar.uitkomst.value == "ingetrokken":
        text = _("Bezwaar {ref} was withdrawn on {day}; nothing more can be recorded on it.")
    else:
        text = _("Bezwaar {ref} was decided on {day}; nothing more can be recorded on it.")
    raise InvalidActionError(
        text.format(ref=ref(besluit, bezwaar), day=long_day(bezwaar.beslist_op or date.min))
    )


def check_not_before_receipt(bezwaar: Bezwaar, on: date, *, what: str) -> None:
    """`what` (already translated) cannot happen before the bezwaar was received."""
    if on < bezwaar.ontvangen:
        raise InvalidInputError(
            _("{what} on {day} is before the bezwaar was received on {received}.").format(
                what=what, day=long_day(on), received=long_day(bezwaar.ontvangen)
            )
        )


def hersteltermijn(on: date, termijn: Term | date, *, calendar: AtwCalendar) -> TermResult:
    """The last day of a hersteltermijn (Awb 6:6): set by the inspectorate, so no Atw."""
    if isinstance(termijn, date):
        if termijn <= on:
            raise InvalidInputError(
                _("The hersteltermijn must end after the request of {day}; got {end}.").format(
                    day=long_day(on), end=long_day(termijn)
                )
            )
        return fixed_date(termijn, calendar=calendar, start=on, legal_basis="Awb 6:6")
    return compute_term(
        on, termijn, basis=TermBasis.SELF_SET, calendar=calendar, legal_basis="Awb 6:6"
    )


def after_postal_week(besluit: Besluit, on: date, calendar: AtwCalendar) -> bool:
    """Whether `on` lies after the bezwaar term and the postal week of Awb 6:9 lid 2."""
    return on > end_of_bezwaartermijn(besluit, calendar) + POSTAL_WEEK


def settle_status(case: Case, besluit: Besluit, *, stamp: Stamp, calendar: AtwCalendar) -> None:
    """The besluit's status once its last pending bezwaar is decided or withdrawn.

    Decided: beslist_op_bezwaar, and at once beroepstermijn (the beroep term against the
    beslissing op bezwaar runs). Only withdrawn: back to its bezwaar term, or onherroepelijk once
    that term and its postal week (Awb 6:9 lid 2) are over.
    """
    if besluit.status is not BesluitStatus.IN_BEZWAAR or besluit.pending_bezwaren:
        return
    plain = _plain(stamp)
    if any(b.status is BezwaarStatus.BESLIST for b in besluit.bezwaren):
        case.set_besluit_status(besluit, BesluitStatus.BESLIST_OP_BEZWAAR, stamp=plain)
        case.set_besluit_status(besluit, BesluitStatus.BEROEPSTERMIJN, stamp=plain)
        return
    final = after_postal_week(besluit, stamp.on, calendar)
    status = BesluitStatus.ONHERROEPELIJK if final else BesluitStatus.BEZWAARTERMIJN
    case.set_besluit_status(besluit, status, stamp=plain)


def is_late_without_verdict(bezwaar: Bezwaar) -> bool:
    return bezwaar.tijdigheid is Tijdigheid.TE_LAAT and bezwaar.verschoonbaar is None


def _plain(stamp: Stamp) -> Stamp:
    """The stamp without the reason: the reason belongs to the step, not to its side effects."""
    return Stamp(on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by)
