"""`app.dwangsom`: the use cases of the dwangsom ledger with their adapters injected."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from escalation.domain.deadline import Deadline
from escalation.domain.dwangsom_verzoek import Decision
from escalation.domain.ledger import Entry, RequestKind
from escalation.services import dwangsom, dwangsom_verzoek, dwangsom_view
from escalation.services.base import UseCases


class Dwangsommen(UseCases):
    def _deps(self) -> dwangsom.LedgerDeps:
        return dwangsom.LedgerDeps(self._a.uow(), self._a.catalog, self._a.calendar)

    def show(self, case_id: int, *, today: date | None = None) -> dwangsom_view.LedgerView:
        return dwangsom_view.show_ledger(
            uow=self._a.uow(), calendar=self._a.calendar, case_id=case_id, today=self._on(today)
        )

    def simulate(self, case_id: int, *, until: date) -> dwangsom_view.Simulation:
        return dwangsom_view.simulate_ledger(uow=self._a.uow(), case_id=case_id, until=until)

    def verbeurd(
        self,
        case_id: int,
        *,
        tot: date | None = None,
        op: date | None = None,
        aantal: int = 1,
        reason: str | None = None,
        on: date | None = None,
        by: str | None = None,
    ) -> dwangsom.Booking:
        return dwangsom.record_forfeiture(
            self._deps(), case_id, tot=tot, op=op, aantal=aantal, stamp=self._stamp(on, by, reason)
        )

    def nageleefd(
        self, case_id: int, *, op: date, reason: str | None = None, on: date | None = None,
        by: str | None = None,
    ) -> None:  # fmt: skip
        dwangsom.record_compliance(self._deps(), case_id, op=op, stamp=self._stamp(on, by, reason))

    def betaald(
        self, case_id: int, *, bedrag: Decimal, op: date, reason: str | None = None,
        on: date | None = None, by: str | None = None,
    ) -> Decimal:  # fmt: skip
        return dwangsom.record_payment(
            self._deps(), case_id, bedrag=bedrag, op=op, stamp=self._stamp(on, by, reason)
        )

    def corrigeer(
        self, case_id: int, number: int, *, reason: str | None, on: date | None = None,
        by: str | None = None,
    ) -> None:  # fmt: skip
        dwangsom.correct_forfeiture(
            self._deps(), case_id, number=number, stamp=self._stamp(on, by, reason)
        )

    def aanmaning(
        self, case_id: int, *, verzonden: date, reason: str | None = None,
        on: date | None = None, by: str | None = None,
    ) -> Deadline:  # fmt: skip
        return dwangsom.record_aanmaning(
            self._deps(), case_id, verzonden=verzonden, stamp=self._stamp(on, by, reason)
        )

    def dwangbevel(
        self, case_id: int, *, op: date, reason: str | None = None, on: date | None = None,
        by: str | None = None,
    ) -> None:  # fmt: skip
        dwangsom.record_dwangbevel(self._deps(), case_id, op=op, stamp=self._stamp(on, by, reason))

    def verzoek(
        self, case_id: int, *, soort: RequestKind, ontvangen: date, reason: str | None = None,
        on: date | None = None, by: str | None = None,
    ) -> Entry:  # fmt: skip
        """A request of the overtreder under Awb 5:34."""
        return dwangsom_verzoek.add_request(
            self._deps(), case_id, soort=soort, ontvangen=ontvangen,
            stamp=self._stamp(on, by, reason),
        )  # fmt: skip

    def beslis(
        self, case_id: int, number: int, decision: Decision, *, reason: str | None = None,
        on: date | None = None, by: str | None = None,
    ) -> dwangsom_verzoek.Decided:  # fmt: skip
        """The beslissing op verzoek (a besluit) on request `number`."""
        return dwangsom_verzoek.decide(
            self._deps(), case_id, number, decision, renderer=self._a.renderer,
            stamp=self._stamp(on, by, reason),
        )  # fmt: skip
