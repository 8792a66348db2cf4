"""`app.bezwaren`: the bezwaar procedure's use cases with their adapters injected.

Each method is one use case and one transaction (escalation.services.bezwaren); `on=None` is
today and `by=None` the current user, as everywhere on the façade.
"""

from __future__ import annotations

from datetime import date

from escalation.domain import bezwaar_beslissing as beslissing
from escalation.domain import bezwaar_steps as steps
from escalation.domain.besluiten import Uitkomst
from escalation.domain.bezwaar_procedure import Filing
from escalation.domain.errors import InvalidInputError
from escalation.domain.params import NO, YES
from escalation.domain.terms import Term
from escalation.i18n import _
from escalation.services import bezwaren
from escalation.services.base import UseCases
from escalation.services.besluiten import KenmerkIssuer
from escalation.services.bezwaren import BezwaarDetail, Target


class Bezwaren(UseCases):
    def _ctx(self) -> bezwaren.Context:
        return bezwaren.Context(self._a.uow, self._a.catalog, self._a.calendar, self._on(None))

    def add(self, besluit: str, filing: Filing, *, by: str | None = None) -> BezwaarDetail:
        """Record a bezwaarschrift received on `filing.ontvangen` (the event's date)."""
        stamp = self._stamp(filing.ontvangen, by)
        return bezwaren.add(self._ctx(), besluit, filing, stamp=stamp)

    def show(self, ref: str) -> BezwaarDetail:
        return bezwaren.show(self._ctx(), ref)

    def list(self, *, besluit: str | None = None) -> list[BezwaarDetail]:
        return bezwaren.listing(self._ctx(), besluit=besluit)

    def judge(
        self, ref: str, *, verschoonbaar: bool, reason: str, on: date | None = None,
        by: str | None = None,
    ) -> BezwaarDetail:  # fmt: skip
        """The verdict on a late bezwaarschrift (Awb 6:11)."""
        stamp = self._stamp(on, by, reason)
        return bezwaren.change(
            self._ctx(), ref,
            lambda t: steps.judge_lateness(
                t.case, t.besluit, t.bezwaar, verschoonbaar=verschoonbaar, stamp=stamp
            ),
            stamp=stamp,
        )  # fmt: skip

    def herstel(
        self, ref: str, *, op: date, termijn: Term | date, by: str | None = None
    ) -> BezwaarDetail:
        """A herstelverzoek on `op` (Awb 6:6), suspending the beslistermijn (7:10 lid 2)."""
        stamp = self._stamp(op, by)
        return bezwaren.change(
            self._ctx(), ref,
            lambda t: steps.request_herstel(
                t.case, t.besluit, t.bezwaar, termijn=termijn, stamp=stamp, rules=t.rules
            ),
            stamp=stamp,
        )  # fmt: skip

    def hersteld(self, ref: str, *, op: date, by: str | None = None) -> BezwaarDetail:
        bezwaren.not_after_today(op, self._on(None), what="--op")
        stamp = self._stamp(op, by)
        return bezwaren.change(
            self._ctx(), ref,
            lambda t: steps.record_herstel(t.case, t.besluit, t.bezwaar, stamp=stamp,
                                           rules=t.rules),
            stamp=stamp,
        )  # fmt: skip

    def verdaag(
        self, ref: str, *, termijn: Term, on: date | None = None, by: str | None = None
    ) -> BezwaarDetail:
        """Verdaging (Awb 7:10 lid 3), decided on `on`."""
        stamp = self._stamp(on, by)
        return bezwaren.change(
            self._ctx(), ref,
            lambda t: steps.adjourn(t.case, t.besluit, t.bezwaar, term=termijn, stamp=stamp,
                                    rules=t.rules),
            stamp=stamp,
        )  # fmt: skip

    def uitstel(
        self, ref: str, *, tot: date, grond: str, on: date | None = None, by: str | None = None
    ) -> BezwaarDetail:
        """Further uitstel (Awb 7:10 lid 4) on ground a, b or c."""
        ground = _grond(grond)
        stamp = self._stamp(on, by)
        return bezwaren.change(
            self._ctx(), ref,
            lambda t: steps.postpone(t.case, t.besluit, t.bezwaar, tot=tot, grond=ground,
                                     stamp=stamp, rules=t.rules),
            stamp=stamp,
        )  # fmt: skip

    def hoorzitting(
        self, ref: str, *, op: date, on: date | None = None, by: str | None = None
    ) -> BezwaarDetail:
        """Invite the indiener to be heard on `op` (Awb 7:2); the invitation is dated `on`."""
        stamp = self._stamp(on, by)
        return bezwaren.change(
            self._ctx(), ref,
            lambda t: steps.schedule_hearing(t.case, t.besluit, t.bezwaar, op=op, stamp=stamp),
            stamp=stamp,
        )  # fmt: skip

    def beslis(
        self, ref: str, decision: beslissing.Beslissing, *, on: date | None = None,
        by: str | None = None, reason: str | None = None,
    ) -> BezwaarDetail:  # fmt: skip
        """The beslissing op bezwaar, dated `on`: a besluit with its own beroep term."""
        stamp = self._stamp(on, by, reason)
        renderer = self._a.renderer

        def step(t: Target) -> object:
            organisation = renderer.organisation(t.case) if renderer else None
            issuer = KenmerkIssuer(t.uow.besluiten, organisation)
            return beslissing.decide(
                t.case, t.besluit, t.bezwaar, decision, issuer=issuer, stamp=stamp, rules=t.rules
            )

        return bezwaren.change(self._ctx(), ref, step, stamp=stamp)

    def intrekken(
        self, ref: str, *, on: date | None = None, by: str | None = None, reason: str | None = None
    ) -> BezwaarDetail:
        """The indiener withdrew the bezwaar (Awb 6:21)."""
        stamp = self._stamp(on, by, reason)
        return bezwaren.change(
            self._ctx(), ref,
            lambda t: steps.withdraw(t.case, t.besluit, t.bezwaar, stamp=stamp, rules=t.rules),
            stamp=stamp,
        )  # fmt: skip

    def ingebrekestelling(
        self, ref: str, *, ontvangen: date, by: str | None = None
    ) -> BezwaarDetail:
        """A written ingebrekestelling received on `ontvangen` (Awb 4:17)."""
        bezwaren.not_after_today(ontvangen, self._on(None), what="--ontvangen")
        stamp = self._stamp(ontvangen, by)
        return bezwaren.change(
            self._ctx(), ref,
            lambda t: steps.record_ingebrekestelling(t.case, t.besluit, t.bezwaar, stamp=stamp,
                                                     rules=t.rules),
            stamp=stamp,
        )  # fmt: skip


def ja_nee(text: str, *, option: str) -> bool:
    """'ja' or 'nee' (also yes/no)."""
    answer = text.strip().lower()
    if answer in YES or answer in NO:
        return answer in YES
    raise InvalidInputError(
        _("{option} is ja or nee, not '{value}'.").format(option=option, value=text)
    )


def uitkomst(text: str) -> Uitkomst:
    """The outcome of `bezwaar beslis` (ingetrokken is `bezwaar intrekken`)."""
    allowed = [u.value for u in Uitkomst if u is not Uitkomst.INGETROKKEN]
    if text not in allowed:
        raise InvalidInputError(
            _("'{value}' is not an outcome of a bezwaar; choose one of: {choices}.").format(
                value=text, choices=", ".join(allowed)
            )
        )
    return Uitkomst(text)


def _grond(text: str) -> steps.Grond:
    allowed = [g.value for g in steps.Grond]
    if text not in allowed:
        raise InvalidInputError(
            _(
                "'{value}' is not a ground for uitstel of Awb 7:10 lid 4; choose one of: {choices}."
            ).format(value=text, choices=", ".join(allowed))
        )
    return steps.Grond(text)
