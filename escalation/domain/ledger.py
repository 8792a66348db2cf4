"""The dwangsom ledger: an entity of the last onder dwangsom's besluit, kept as entries.

Every fact about the money of a last is one entry, appended and never changed: a forfeiture
(verbeurd), its correction (a new entry with a reason that reverses it), a payment, the day the
last was complied with, an aanmaning and a dwangbevel, a request of the overtreder under Awb 5:34
and the besluit on it (opgeheven, opgeschort, verminderd). What the ledger stands at (total,
open, status) is computed from the entries. The methods here guard the invariants; the case
(domain/dwangsom_case.py) records each new entry in its history and sets its deadlines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from escalation.domain.dwangsom import (
    Accrual,
    Forfeiture,
    LastTerms,
    LedgerStatus,
    Per,
    accrue,
    capped,
    violations,
)
from escalation.domain.errors import InvalidInputError
from escalation.formatting import money
from escalation.i18n import _

ZERO = Decimal(0)


class EntryKind(StrEnum):
    VERBEURD = "verbeurd"  # a forfeiture by operation of law (Awb 5:31d, 5:32b)
    CORRECTIE = "correctie"  # reverses one forfeiture (`ref`), with a reason
    BETAALD = "betaald"  # a payment, partial or whole
    NAGELEEFD = "nageleefd"  # the last was complied with on this day: accrual closes
    AANMANING = "aanmaning"  # Awb 4:112; `amount` is the vergoeding of 4:113
    DWANGBEVEL = "dwangbevel"  # Awb 4:114
    VERZOEK = "verzoek"  # a request of the overtreder (Awb 5:34); `detail` its kind
    AFGEWEZEN = "afgewezen"  # a request refused (`ref`), by the besluit `besluit`
    OPGEHEVEN = "opgeheven"  # Awb 5:34: lifted from `on`
    OPGESCHORT = "opgeschort"  # Awb 5:34 lid 1: suspended from `on` to `until`
    VERMINDERD = "verminderd"  # Awb 5:34 lid 1: the maximum lowered to `amount`


class RequestKind(StrEnum):
    """What the overtreder asks under Awb 5:34."""

    OPHEFFING = "opheffing"  # lid 1 (impossibility) or lid 2 (a year without forfeiture)
    OPSCHORTING = "opschorting"  # lid 1
    VERMINDERING = "vermindering"  # lid 1


DECISIONS = {
    RequestKind.OPHEFFING: EntryKind.OPGEHEVEN,
    RequestKind.OPSCHORTING: EntryKind.OPGESCHORT,
    RequestKind.VERMINDERING: EntryKind.VERMINDERD,
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the ledger, numbered within it (1, 2, ...)."""

    number: int
    kind: EntryKind
    on: date  # the day it happened in law (forfeited, paid, complied, sent, decided)
    recorded_on: date  # the day it was entered
    amount: Decimal = ZERO
    unit: int | None = None  # a forfeiture's unit in the schedule (or violation count)
    ref: int | None = None  # the entry it concerns: the forfeiture corrected, the request decided
    until: date | None = None  # the last day of an opschorting
    detail: str | None = None  # a request's kind; a correction's or payment's note
    besluit: str | None = None  # the kenmerk of the besluit that decided it (5:34)
    reason: str | None = None
    id: int | None = None


@dataclass(eq=False, slots=True)
class Dwangsom:
    """The ledger of one last onder dwangsom: its terms and its entries."""

    terms: LastTerms
    entries: list[Entry] = field(default_factory=list)
    id: int | None = None

    # --- reading -------------------------------------------------------------------------

    def entry(self, number: int) -> Entry | None:
        return next((e for e in self.entries if e.number == number), None)

    def of(self, kind: EntryKind) -> list[Entry]:
        return [e for e in self.entries if e.kind is kind]

    @property
    def forfeitures(self) -> list[Entry]:
        """The forfeitures that stand: booked and not corrected."""
        corrected = {e.ref for e in self.of(EntryKind.CORRECTIE)}
        return [e for e in self.of(EntryKind.VERBEURD) if e.number not in corrected]

    @property
    def booked(self) -> list[Forfeiture]:
        return [Forfeiture(e.on, e.amount, e.unit or 0) for e in self.forfeitures]

    @property
    def maximum(self) -> Decimal:
        """The maximum in force: the last's, or as lowered under Awb 5:34 lid 1."""
        return min([self.terms.maximum, *(e.amount for e in self._reductions("maximum"))])

    def bedrag_on(self, day: date) -> Decimal:
        """The amount per unit for what forfeits on `day`: the last's, or as reduced before it
        (Awb 5:34 lid 1; a reduction counts for forfeitures from the day it was decided)."""
        return min(
            [self.terms.bedrag, *(e.amount for e in self._reductions("bedrag") if e.on <= day)]
        )

    def _reductions(self, what: str) -> list[Entry]:
        """Reductions of `what` (bedrag or maximum); an entry without detail lowers the maximum."""
        return [e for e in self.of(EntryKind.VERMINDERD) if (e.detail or "maximum") == what]

    @property
    def total(self) -> Decimal:
        return sum((e.amount for e in self.forfeitures), ZERO)

    @property
    def remaining(self) -> Decimal:
        return max(self.maximum - self.total, ZERO)

    @property
    def costs(self) -> Decimal:
        """The aanmaningsvergoedingen (Awb 4:113) charged."""
        return sum((e.amount for e in self.of(EntryKind.AANMANING)), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((e.amount for e in self.of(EntryKind.BETAALD)), ZERO)

    @property
    def open(self) -> Decimal:
        """What is still owed: forfeitures and costs less payments."""
        return self.total + self.costs - self.paid

    @property
    def nageleefd_op(self) -> date | None:
        return max((e.on for e in self.of(EntryKind.NAGELEEFD)), default=None)

    @property
    def opgeheven_op(self) -> date | None:
        return min((e.on for e in self.of(EntryKind.OPGEHEVEN)), default=None)

    def suspended(self, day: date) -> bool:
        return any(e.on <= day <= (e.until or day) for e in self.of(EntryKind.OPGESCHORT))

    def status(self, today: date) -> LedgerStatus:
        if self.opgeheven_op is not None and self.opgeheven_op <= today:
            return LedgerStatus.OPGEHEVEN
        if self.suspended(today):
            return LedgerStatus.OPGESCHORT
        if self.remaining < self.bedrag_on(today):
            return LedgerStatus.UITGEPUT
        return LedgerStatus.LOPEND

    def paid_on(self) -> dict[int, Decimal]:
        """What the payments cover per forfeiture: costs first, then the oldest forfeiture
        first (Awb 4:93, as we read it)."""
        left = max(self.paid - self.costs, ZERO)
        covered = {}
        for e in sorted(self.forfeitures, key=lambda f: (f.on, f.number)):
            covered[e.number] = min(e.amount, left)
            left -= covered[e.number]
        return covered

    def requests(self, *, pending: bool = False) -> list[Entry]:
        decided = {e.ref for e in self.entries if e.kind is not EntryKind.VERZOEK and e.besluit}
        return [e for e in self.of(EntryKind.VERZOEK) if not pending or e.number not in decided]

    # --- what would forfeit ----------------------------------------------------------------

    def accrual(
        self, *, until: date | None = None, on: date | None = None, count: int = 1
    ) -> Accrual:
        """What non-compliance up to `until` (or `count` violations on `on`) forfeits now: each
        unit at the amount in force on its day, not in an opschorting, within the maximum."""
        terms = self._terms_in_force()
        if terms.per is Per.OVERTREDING:
            if on is None:
                raise InvalidInputError(_("A dwangsom per overtreding needs --op DATE."))
            self._check_forfeitable(on)
            found = violations(terms, on=on, count=count, booked_before=self.booked, cap=False)
            return self._priced(found.booked, self.booked, by_unit=False)
        if until is None:
            raise InvalidInputError(
                _("Give --tot DATE: the last day the last was not complied with.")
            )
        self._check_forfeitable(until)
        found = accrue(terms, until=until, booked_before=self._all_units(), cap=False)
        due = [f for f in found.booked if not self.suspended(f.on)]
        if found.booked and not due:
            self._refuse_suspended(found.booked[0].on)
        return self._priced(tuple(due), self._all_units(), by_unit=True)

    def _priced(
        self, due: tuple[Forfeiture, ...], before: list[Forfeiture], *, by_unit: bool
    ) -> Accrual:
        priced = [Forfeiture(f.on, self.bedrag_on(f.on), f.unit) for f in due]
        return capped(self.maximum, priced, before, by_unit=by_unit)

    def _refuse_suspended(self, day: date) -> None:
        span = next(e for e in self.of(EntryKind.OPGESCHORT) if e.on <= day <= (e.until or day))
        raise InvalidInputError(
            _(
                "The last is suspended (opgeschort) from {first} up to and including {last} "
                "(Awb 5:34 lid 1): nothing forfeits in that time."
            ).format(first=span.on.isoformat(), last=(span.until or span.on).isoformat())
        )

    def _terms_in_force(self) -> LastTerms:
        t = self.terms
        return LastTerms(t.bedrag, t.per, self.maximum, t.begunstigingstermijn, t.verbeurt)

    def _all_units(self) -> list[Forfeiture]:
        """Units booked once stay booked, corrected or not (a correction is not undone by
        booking the unit again); the maximum counts only what stands."""
        standing = {e.number for e in self.forfeitures}
        return [
            Forfeiture(e.on, e.amount if e.number in standing else ZERO, e.unit or 0)
            for e in self.of(EntryKind.VERBEURD)
        ]

    def _check_forfeitable(self, day: date) -> None:
        end = self.terms.begunstigingstermijn
        if self.opgeheven_op is not None:
            raise InvalidInputError(
                _("The last was lifted (opgeheven) on {day}: nothing forfeits any more.").format(
                    day=self.opgeheven_op.isoformat()
                )
            )
        if day <= end:
            raise InvalidInputError(
                _(
                    "Nothing forfeits within the begunstigingstermijn, which ends on {end} "
                    "(Awb 5:32a lid 2): a forfeiture is possible from {after}."
                ).format(end=end.isoformat(), after=(end + timedelta(days=1)).isoformat())
            )
        complied = self.nageleefd_op
        if complied is not None and day > complied:
            raise InvalidInputError(
                _(
                    "The ledger records that the last was complied with on {day}; a finding "
                    "of non-compliance after it is not possible."
                ).format(day=complied.isoformat())
            )

    # --- appending (the case records each entry: see dwangsom_case) --------------------------

    def append(self, kind: EntryKind, *, on: date, recorded_on: date, **fields: object) -> Entry:
        number = 1 + max((e.number for e in self.entries), default=0)
        entry = Entry(number, kind, on, recorded_on, **fields)  # type: ignore[arg-type]
        self.entries.append(entry)
        return entry

    def check_correction(self, number: int, reason: str | None) -> Entry:
        target = self.entry(number)
        if target is None or target.kind is not EntryKind.VERBEURD:
            raise InvalidInputError(
                _(
                    "The ledger has no forfeiture {number}; `escalation dwangsom show` lists them."
                ).format(number=number)
            )
        if target not in self.forfeitures:
            raise InvalidInputError(
                _("Forfeiture {number} was corrected already.").format(number=number)
            )
        _need_reason(reason)
        if self.paid > self.total + self.costs - target.amount:
            raise InvalidInputError(
                _(
                    "Forfeiture {number} cannot be corrected: more has been paid ({paid}) than "
                    "would then be owed. Record the refund first."
                ).format(number=number, paid=money(self.paid))
            )
        return target

    def check_payment(self, amount: Decimal) -> None:
        if amount > self.open:
            raise InvalidInputError(
                _("{amount} is more than is open ({open}).").format(
                    amount=money(amount), open=money(self.open)
                )
            )


def _need_reason(reason: str | None) -> None:
    if reason is None or not reason.strip():
        raise InvalidInputError(_("Give --reason: a correction says why."))
