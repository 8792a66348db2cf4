"""The steps of a pending bezwaar: 6:11 verdict, herstel (6:6, 7:10 lid 2), verdaging and
uitstel (7:10 lid 3, 4), hoorzitting (7:2), withdrawal, ingebrekestelling (4:17).

Each step refuses what the law does not allow, records its event and re-projects the
beslistermijn (escalation.domain.bezwaar_procedure.reproject).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import StrEnum

from escalation.domain.atw import TermResult
from escalation.domain.beslisdwangsom import Exposure, check_ingebrekestelling, exposure
from escalation.domain.besluiten import (
    Besluit,
    Bezwaar,
    BezwaarStatus,
    Herstel,
    Tijdigheid,
    Uitkomst,
)
from escalation.domain.bezwaar_events import (
    BezwaarHearingScheduled,
    BezwaarHersteld,
    BezwaarHerstelRequested,
    BezwaarIngebrekestelling,
    BezwaarLatenessJudged,
    BezwaarUitgesteld,
    BezwaarVerdaagd,
    BezwaarWithdrawn,
)
from escalation.domain.bezwaar_procedure import (
    Rules,
    check_not_before_receipt,
    check_pending,
    current_termijn,
    hersteltermijn,
    into_bezwaar,
    ref,
    reproject,
    settle_status,
    termijn_deadline,
)
from escalation.domain.bezwaar_terms import beslistermijn, opschorting
from escalation.domain.deadline import DeadlineStatus
from escalation.domain.errors import InvalidActionError, InvalidInputError
from escalation.domain.events import Stamp, stamped
from escalation.domain.model import Case
from escalation.domain.terms import Term
from escalation.formatting import long_day
from escalation.i18n import _


class Grond(StrEnum):
    """The grounds for further uitstel of Awb 7:10 lid 4."""

    INSTEMMING = "instemming"  # a: all belanghebbenden agree
    GEEN_NADEEL = "geen_nadeel"  # b: the indiener agrees, no other belanghebbende is harmed
    WETTELIJK_VOORSCHRIFT = "wettelijk_voorschrift"  # c: a statutory procedure requires it

    @property
    def onderdeel(self) -> str:
        return {"instemming": "a", "geen_nadeel": "b", "wettelijk_voorschrift": "c"}[self.value]


def judge_lateness(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, *, verschoonbaar: bool, stamp: Stamp
) -> None:
    """A jurist's verdict on a late bezwaarschrift (Awb 6:11), with the reason in the stamp."""
    check_pending(besluit, bezwaar)
    if bezwaar.tijdigheid is not Tijdigheid.TE_LAAT:
        raise InvalidActionError(
            _(
                "Bezwaar {ref} is {timeliness}, not te_laat: there is no late filing to judge "
                "(Awb 6:11)."
            ).format(ref=ref(besluit, bezwaar), timeliness=bezwaar.tijdigheid.value)
        )
    if bezwaar.verschoonbaar is not None:
        raise InvalidActionError(
            _("The lateness of bezwaar {ref} was already judged: {verdict}.").format(
                ref=ref(besluit, bezwaar), verdict="verschoonbaar" if bezwaar.verschoonbaar
                else "niet verschoonbaar",
            )
        )  # fmt: skip
    if not (stamp.reason or "").strip():
        raise InvalidInputError(_("Give the reason for the verdict with --reason (Awb 6:11)."))
    check_not_before_receipt(bezwaar, stamp.on, what=_("A verdict"))
    bezwaar.verschoonbaar = verschoonbaar
    case.record(
        BezwaarLatenessJudged(
            besluit=besluit.kenmerk, bezwaar=bezwaar.number, verschoonbaar=verschoonbaar,
            **stamped(stamp),
        )
    )  # fmt: skip
    if verschoonbaar:  # handled as if in time: the besluit is in bezwaar (again)
        article = Stamp(
            on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by, reason="Awb 6:11"
        )
        into_bezwaar(case, besluit, stamp=article)


def request_herstel(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, *, termijn: Term | date, stamp: Stamp,
    rules: Rules,
) -> TermResult:  # fmt: skip
    """A herstelverzoek on `stamp.on` (Awb 6:6): the beslistermijn is suspended from the next day.

    Returns:
        The hersteltermijn (self-set: not extended by the Atw; a warning if not a working day).
    """
    check_pending(besluit, bezwaar)
    on = stamp.on
    check_not_before_receipt(bezwaar, on, what=_("A herstelverzoek"))
    open_one = next(
        (h for h in bezwaar.herstel if h.hersteld_op is None and h.termijn_tot >= on), None
    )
    if open_one is not None:
        raise InvalidActionError(
            _(
                "The herstelverzoek of {day} still runs until {end}; record its herstel first "
                "(`escalation bezwaar hersteld`)."
            ).format(day=long_day(open_one.verzocht_op), end=long_day(open_one.termijn_tot))
        )
    if bezwaar.uitstel_tot is not None:
        raise InvalidActionError(
            _(
                "An uitstel to {day} was agreed (Awb 7:10 lid 4); a herstelverzoek after it does "
                "not change that date here: agree a new uitstel instead."
            ).format(day=long_day(bezwaar.uitstel_tot))
        )
    _check_running(besluit, bezwaar, on, rules=rules, what=_("A herstelverzoek"))
    result = hersteltermijn(on, termijn, calendar=rules.calendar)
    bezwaar.herstel.append(Herstel(verzocht_op=on, termijn_tot=result.end))
    case.record(
        BezwaarHerstelRequested(
            besluit=besluit.kenmerk, bezwaar=bezwaar.number, verzocht_op=on,
            termijn_tot=result.end, **stamped(stamp),
        )
    )  # fmt: skip
    reproject(case, besluit, bezwaar, why=_herstel_why(on), stamp=stamp, rules=rules)
    return result


def _herstel_why(on: date) -> str:
    return f"Awb 7:10 lid 2: herstelverzoek {on.isoformat()}"


def record_herstel(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, *, stamp: Stamp, rules: Rules
) -> int:
    """The defect was repaired on `stamp.on`; returns the days the beslistermijn was suspended."""
    check_pending(besluit, bezwaar)
    on = stamp.on
    waiting = [h for h in bezwaar.herstel if h.hersteld_op is None]
    if not waiting:
        raise InvalidActionError(
            _("Bezwaar {ref} has no herstelverzoek waiting for herstel.").format(
                ref=ref(besluit, bezwaar)
            )
        )
    request = waiting[-1]
    if on < request.verzocht_op:
        raise InvalidInputError(
            _("Herstel on {day} is before the herstelverzoek of {requested}.").format(
                day=long_day(on), requested=long_day(request.verzocht_op)
            )
        )
    done = replace(request, hersteld_op=on)
    bezwaar.herstel[bezwaar.herstel.index(request)] = done
    bt_end = current_termijn(besluit, bezwaar, rules.calendar).bt_end
    days = opschorting(done, bt_end=bt_end)
    case.record(
        BezwaarHersteld(
            besluit=besluit.kenmerk, bezwaar=bezwaar.number, hersteld_op=on, opschorting=days,
            **stamped(stamp),
        )
    )  # fmt: skip
    why = f"Awb 7:10 lid 2: hersteld {on.isoformat()}"
    reproject(case, besluit, bezwaar, why=why, stamp=stamp, rules=rules)
    return days


def adjourn(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, *, term: Term, stamp: Stamp, rules: Rules
) -> date:
    """Verdaging (Awb 7:10 lid 3): once, at most six weeks, decided before the term ends."""
    check_pending(besluit, bezwaar)
    if bezwaar.verdaagd is not None:
        raise InvalidActionError(
            _(
                "The decision on bezwaar {ref} was already verdaagd ({term}); the law allows it "
                "once (Awb 7:10 lid 3). Further uitstel needs a ground of lid 4: "
                "`escalation bezwaar uitstel`."
            ).format(ref=ref(besluit, bezwaar), term=bezwaar.verdaagd)
        )
    if bezwaar.uitstel_tot is not None:
        raise InvalidActionError(
            _("An uitstel under Awb 7:10 lid 4 was already agreed; a verdaging comes before it.")
        )
    check_not_before_receipt(bezwaar, stamp.on, what=_("A verdaging"))
    before = current_termijn(besluit, bezwaar, rules.calendar)
    _check_running(besluit, bezwaar, stamp.on, rules=rules, what=_("A verdaging"))
    after = beslistermijn(bezwaar, bt_end=before.bt_end, calendar=rules.calendar, verdaging=term)
    bezwaar.verdaagd = str(term)
    case.record(
        BezwaarVerdaagd(
            besluit=besluit.kenmerk, bezwaar=bezwaar.number, termijn=str(term),
            from_due=before.end, due=after.end, **stamped(stamp),
        )
    )  # fmt: skip
    why = f"Awb 7:10 lid 3: verdaagd {term}"
    reproject(case, besluit, bezwaar, why=why, stamp=stamp, rules=rules)
    return after.end


def postpone(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, *, tot: date, grond: Grond, stamp: Stamp,
    rules: Rules,
) -> date:  # fmt: skip
    """Further uitstel (Awb 7:10 lid 4) to a date after the running end, on ground a, b or c."""
    check_pending(besluit, bezwaar)
    check_not_before_receipt(bezwaar, stamp.on, what=_("An uitstel"))
    before = _check_running(besluit, bezwaar, stamp.on, rules=rules, what=_("An uitstel"))
    if tot <= before:
        raise InvalidInputError(
            _(
                "An uitstel must end after the beslistermijn as it runs now, {end}; got {day}."
            ).format(end=long_day(before), day=long_day(tot))
        )
    bezwaar.uitstel_tot, bezwaar.uitstel_grond = tot, grond.value
    case.record(
        BezwaarUitgesteld(
            besluit=besluit.kenmerk, bezwaar=bezwaar.number, grond=grond.value, from_due=before,
            due=tot, **stamped(stamp),
        )
    )  # fmt: skip
    why = f"Awb 7:10 lid 4 sub {grond.onderdeel}: uitstel tot {tot.isoformat()}"
    reproject(case, besluit, bezwaar, why=why, stamp=stamp, rules=rules)
    return tot


def _check_running(
    besluit: Besluit, bezwaar: Bezwaar, on: date, *, rules: Rules, what: str
) -> date:
    """The running end of the beslistermijn; refused once it has ended before `on`."""
    end = current_termijn(besluit, bezwaar, rules.calendar).end
    if on > end:
        raise InvalidActionError(
            _(
                "{what} on {day} comes too late: the beslistermijn of bezwaar {ref} ended on "
                "{end} (Awb 7:10). It can no longer be extended."
            ).format(what=what, day=long_day(on), ref=ref(besluit, bezwaar), end=long_day(end))
        )
    return end


def schedule_hearing(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, *, op: date, stamp: Stamp
) -> None:
    """Invite the indiener to be heard on `op` (Awb 7:2); the invitation is dated `stamp.on`."""
    check_pending(besluit, bezwaar)
    check_not_before_receipt(bezwaar, stamp.on, what=_("An invitation"))
    if op < stamp.on:
        raise InvalidInputError(
            _("The hoorzitting on {day} would be before the invitation of {on}.").format(
                day=long_day(op), on=long_day(stamp.on)
            )
        )
    bezwaar.hoorzitting_op = op
    case.record(
        BezwaarHearingScheduled(
            besluit=besluit.kenmerk, bezwaar=bezwaar.number, op=op, **stamped(stamp)
        )
    )


def withdraw(case: Case, besluit: Besluit, bezwaar: Bezwaar, *, stamp: Stamp, rules: Rules) -> None:
    """The indiener withdrew the bezwaar: its beslistermijn is cancelled; the besluit's status
    goes back to its bezwaar term, or to onherroepelijk after it and its postal week."""
    check_pending(besluit, bezwaar)
    check_not_before_receipt(bezwaar, stamp.on, what=_("A withdrawal"))
    bezwaar.status, bezwaar.uitkomst, bezwaar.beslist_op = (
        BezwaarStatus.INGETROKKEN, Uitkomst.INGETROKKEN, stamp.on,
    )  # fmt: skip
    case.record(BezwaarWithdrawn(besluit=besluit.kenmerk, bezwaar=bezwaar.number, **stamped(stamp)))
    deadline = termijn_deadline(case, besluit, bezwaar)
    plain = Stamp(on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by)
    if deadline is not None:
        case.close_deadline(deadline, DeadlineStatus.CANCELLED, stamp=plain, action=None)
    settle_status(case, besluit, stamp=plain, calendar=rules.calendar)


def record_ingebrekestelling(
    case: Case, besluit: Besluit, bezwaar: Bezwaar, *, stamp: Stamp, rules: Rules
) -> Exposure:
    """A written ingebrekestelling received on `stamp.on`, after the beslistermijn (Awb 4:17)."""
    check_pending(besluit, bezwaar)
    if bezwaar.ingebrekestelling is not None:
        raise InvalidActionError(
            _("An ingebrekestelling for bezwaar {ref} was already received on {day}.").format(
                ref=ref(besluit, bezwaar), day=long_day(bezwaar.ingebrekestelling)
            )
        )
    end = current_termijn(besluit, bezwaar, rules.calendar).end
    check_ingebrekestelling(stamp.on, beslistermijn_end=end)
    bezwaar.ingebrekestelling = stamp.on
    found = exposure(stamp.on, calendar=rules.calendar)
    case.record(
        BezwaarIngebrekestelling(
            besluit=besluit.kenmerk, bezwaar=bezwaar.number, ontvangen=stamp.on,
            eerste_dag=found.eerste_dag, **stamped(stamp),
        )
    )  # fmt: skip
    return found
