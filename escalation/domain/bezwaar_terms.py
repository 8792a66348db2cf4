"""Legal time of the bezwaar procedure: the bezwaar term, timeliness, the beslistermijn.

Pure functions, each pinned by a test to a worked example in docs/bezwaar.md:
- the bezwaar term of a besluit: six weeks from the day after it was sent (Awb 6:7, 6:8), Atw;
- timeliness (6:9, 6:10): voorbarig, tijdig, tijdig_per_post (posted in time and received within
  a week after the term; no Atw on that week), te_laat (awaits a verdict under 6:11);
- the beslistermijn (7:10): six weeks (twelve with an adviescommissie, 7:13) from the end of THAT
  besluit's bezwaar term, plus the days a herstelverzoek suspended it (lid 2), Atw; a verdaging
  (lid 3) adds at most six weeks to the running end, Atw again; an uitstel (lid 4) is a date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from escalation.domain.atw import TermBasis, TermResult, compute_term
from escalation.domain.atw_rules import extend
from escalation.domain.besluiten import Bezwaar, Herstel, Tijdigheid
from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import InvalidInputError
from escalation.domain.terms import Term, Unit, parse_term
from escalation.i18n import _
from escalation.texts import Arg, Msg

ONE_DAY = timedelta(days=1)
POSTAL_WEEK = timedelta(days=7)  # Awb 6:9 lid 2; not a term to act in, so no Atw
BEZWAARTERMIJN = Term(6, Unit.WEKEN)  # Awb 6:7
BESLISTERMIJN = Term(6, Unit.WEKEN)  # Awb 7:10 lid 1
BESLISTERMIJN_COMMISSIE = Term(12, Unit.WEKEN)  # Awb 7:10 lid 1 with a commissie of 7:13
MAX_VERDAGING_DAYS = 42  # Awb 7:10 lid 3: ten hoogste zes weken

BEZWAARTERMIJN_BASIS = "Awb 6:7, 6:8"
BESLISTERMIJN_BASIS = "Awb 7:10 lid 1"
VERDAGING_BASIS = "Awb 7:10 lid 3"
UITSTEL_BASIS = "Awb 7:10 lid 4"


def bezwaartermijn(verzonden: date, *, calendar: AtwCalendar) -> TermResult:
    """The bezwaar term of a besluit sent on `verzonden`: six weeks from the next day, Atw."""
    return compute_term(
        verzonden,
        BEZWAARTERMIJN,
        basis=TermBasis.STATUTORY,
        calendar=calendar,
        legal_basis=BEZWAARTERMIJN_BASIS,
    )


def tijdigheid(
    *, verzonden: date, last_day: date, ontvangen: date, ter_post: date | None = None
) -> Tijdigheid:
    """Whether a bezwaarschrift came in time (Awb 6:9, 6:10); a late one is never rejected here.

    Args:
        verzonden: the day the besluit was sent (the term starts the day after, 6:8).
        last_day: the last day of the bezwaar term (after the Atw).
        ontvangen: the day the inspectorate received it (electronically: 2:20).
        ter_post: the day it was posted, if it came by post.
    """
    if ontvangen <= verzonden:
        return Tijdigheid.VOORBARIG  # 6:10: filed before the term began
    if ontvangen <= last_day:
        return Tijdigheid.TIJDIG  # 6:9 lid 1
    if ter_post is not None and ter_post <= last_day and ontvangen <= last_day + POSTAL_WEEK:
        return Tijdigheid.TIJDIG_PER_POST  # 6:9 lid 2
    return Tijdigheid.TE_LAAT  # 6:11: a jurist judges whether it is excusable


def opschorting(herstel: Herstel, *, bt_end: date) -> int:
    """The days one herstelverzoek suspends the beslistermijn (Awb 7:10 lid 2).

    Suspended from the day after the request until the day of herstel (that day no longer
    suspended): R - H - 1 days; if the hersteltermijn lapses unused (or is still running): up to
    and including its last day T, T - H days. Only days after the end of the bezwaar term
    count: before that the beslistermijn has not begun, so there is nothing to suspend.
    """
    first = max(herstel.verzocht_op, bt_end) + ONE_DAY
    done = herstel.hersteld_op
    last = herstel.termijn_tot if done is None or done > herstel.termijn_tot else done - ONE_DAY
    return max(0, (last - first).days + 1)


@dataclass(frozen=True, slots=True)
class Beslistermijn:
    """The beslistermijn of one bezwaar, as its recorded facts make it, with every step."""

    bt_end: date  # the last day of the besluit's bezwaar term
    term: Term  # six or twelve weeks (7:10 lid 1)
    opschorting: int  # days suspended by herstelverzoeken (lid 2)
    base_end: date  # the end under lid 1 and 2, after the Atw
    result: TermResult  # the end as it now stands (after verdaging, uitstel), all steps

    @property
    def end(self) -> date:
        return self.result.end


def beslistermijn(
    bezwaar: Bezwaar,
    *,
    bt_end: date,
    calendar: AtwCalendar,
    verdaging: Term | None = None,
) -> Beslistermijn:
    """The beslistermijn of a bezwaar from the end of ITS besluit's bezwaar term (Awb 7:10).

    `verdaging` defaults to the bezwaar's own (`bezwaar.verdaagd`); an uitstel to a date
    (`bezwaar.uitstel_tot`, lid 4) replaces the end.
    """
    term = BESLISTERMIJN_COMMISSIE if bezwaar.adviescommissie else BESLISTERMIJN
    base = _base(bezwaar.herstel, bt_end=bt_end, term=term, calendar=calendar)
    days = sum(opschorting(h, bt_end=bt_end) for h in bezwaar.herstel)
    result = base
    adjourned = verdaging or (parse_term(bezwaar.verdaagd) if bezwaar.verdaagd else None)
    if adjourned is not None:
        result = _verdaagd(result, adjourned, calendar=calendar)
    if bezwaar.uitstel_tot is not None:
        result = _uitgesteld(result, bezwaar.uitstel_tot, bezwaar.uitstel_grond)
    return Beslistermijn(bt_end, term, days, base.end, result)


def _base(
    herstel: Sequence[Herstel], *, bt_end: date, term: Term, calendar: AtwCalendar
) -> TermResult:
    raw = bt_end + timedelta(days=7 * term.amount)
    steps = [
        Msg(
            "Awb 7:10 lid 1: the beslistermijn counts from the day after the bezwaar term "
            "ended on {day}.",
            {"day": bt_end},
        ),
        Msg("+ {term} = {day}.", {"term": str(term), "day": raw}),
    ]
    if term.amount == BESLISTERMIJN_COMMISSIE.amount:
        steps.append(Msg("Twelve weeks: an adviescommissie advises on the bezwaar (Awb 7:13)."))
    for h in herstel:
        days = opschorting(h, bt_end=bt_end)
        raw += timedelta(days=days)
        steps.append(_suspension_step(h, days, raw))
    end, rules = extend(bt_end, raw, term, backwards=False, calendar=calendar)
    last = Msg("Last day of the beslistermijn: {day}.", {"day": end})
    return TermResult(
        bt_end, term, TermBasis.STATUTORY, BESLISTERMIJN_BASIS, False, raw, end, None,
        (*steps, *rules, last),
    )  # fmt: skip


def _suspension_step(h: Herstel, days: int, raw: date) -> Msg:
    args: dict[str, Arg] = {"requested": h.verzocht_op, "n": days, "day": raw}
    if h.hersteld_op is not None and h.hersteld_op <= h.termijn_tot:
        return Msg(
            "Awb 7:10 lid 2: herstel requested on {requested} and repaired on {repaired}: "
            "suspended {n} days, + {n} days = {day}.",
            {**args, "repaired": h.hersteld_op},
        )
    return Msg(
        "Awb 7:10 lid 2: herstel requested on {requested}, hersteltermijn until {until} "
        "(unused, or still running): suspended {n} days, + {n} days = {day}.",
        {**args, "until": h.termijn_tot},
    )


def _verdaagd(running: TermResult, term: Term, *, calendar: AtwCalendar) -> TermResult:
    raw = running.end + timedelta(days=verdaging_days(term))
    end, rules = extend(running.end, raw, term, backwards=False, calendar=calendar)
    steps = (
        Msg(
            "Awb 7:10 lid 3: verdaagd by {term} from {from_day} = {day}.",
            {"term": str(term), "from_day": running.end, "day": raw},
        ),
        *rules,
        Msg("Last day of the beslistermijn: {day}.", {"day": end}),
    )
    return TermResult(
        running.end, term, TermBasis.STATUTORY, VERDAGING_BASIS, False, raw, end, None,
        (*running.steps, *steps),
    )  # fmt: skip


def _uitgesteld(running: TermResult, tot: date, grond: str | None) -> TermResult:
    step = Msg(
        "Awb 7:10 lid 4 ({ground}): uitstel from {from_day} to {day}, a date agreed or "
        "required, not extended by the Algemene termijnenwet.",
        {"ground": grond or "-", "from_day": running.end, "day": tot},
    )
    last = Msg("Last day of the beslistermijn: {day}.", {"day": tot})
    return TermResult(
        running.end, None, TermBasis.FIXED, UITSTEL_BASIS, False, tot, tot, None,
        (*running.steps, step, last),
    )  # fmt: skip


def verdaging_days(term: Term) -> int:
    """The length of a verdaging in days; only days and weeks can be compared with six weeks.

    Raises:
        InvalidInputError: a term in another unit, or one longer than six weeks (7:10 lid 3).
    """
    if term.unit not in (Unit.DAGEN, Unit.WEKEN):
        raise InvalidInputError(
            _(
                "A verdaging is written in weeks or days, e.g. '6 weken' (Awb 7:10 lid 3); "
                "got '{term}'."
            ).format(term=term)
        )
    days = term.amount * (7 if term.unit is Unit.WEKEN else 1)
    if days > MAX_VERDAGING_DAYS:
        raise InvalidInputError(
            _(
                "A verdaging is at most six weeks (Awb 7:10 lid 3); '{term}' is longer. Further "
                "uitstel needs a ground of lid 4: `escalation bezwaar uitstel`."
            ).format(term=term)
        )
    return days
