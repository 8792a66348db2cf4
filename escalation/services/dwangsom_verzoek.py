"""Use cases for requests of the overtreder under Awb 5:34: record one, decide one (a besluit).

Each is one transaction, like the other ledger use cases: the entry, the besluit with its
bezwaar term, the history, or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from escalation.domain.besluiten import Besluit
from escalation.domain.dwangsom_case import Arm, ledger
from escalation.domain.dwangsom_verzoek import Decision, decide_request, record_request
from escalation.domain.events import Stamp
from escalation.domain.ledger import Entry, RequestKind
from escalation.domain.model import Case
from escalation.services.besluiten import KenmerkIssuer
from escalation.services.dwangsom import LedgerDeps, _change, _not_after_today
from escalation.services.letter_ports import LetterRenderer


@dataclass(frozen=True, slots=True)
class Decided:
    """The beslissing op verzoek and the ledger entry it added."""

    case_id: int
    request: int
    besluit: Besluit
    entry: Entry
    status: str  # the ledger's status on the day of the decision


def add_request(
    deps: LedgerDeps, case_id: int, *, soort: RequestKind, ontvangen: date, stamp: Stamp
) -> Entry:
    """A request received on `ontvangen` (Awb 5:34)."""
    _not_after_today(ontvangen, stamp)

    def work(case: Case, last: Besluit, _armed: Arm) -> Entry:
        return record_request(case, last, soort, ontvangen=ontvangen, stamp=stamp)

    return _change(deps, case_id, stamp, work)


def decide(
    deps: LedgerDeps, case_id: int, number: int, decision: Decision, *,
    renderer: LetterRenderer | None, stamp: Stamp,
) -> Decided:  # fmt: skip
    """The beslissing op verzoek on request `number`, dated `stamp.on`; `renderer` gives the
    case's sender (its bestuursorgaan and kenmerk)."""

    def work(case: Case, last: Besluit, armed: Arm) -> Decided:
        organisation = renderer.organisation(case) if renderer else None
        issuer = KenmerkIssuer(deps.uow.besluiten, organisation)
        taken, entry = decide_request(
            case, last, number, decision, issuer=issuer, calendar=deps.calendar, arm=armed,
            stamp=stamp,
        )  # fmt: skip
        status = ledger(last).status(stamp.on).value
        return Decided(case.id or 0, number, taken, entry, status)

    return _change(deps, case_id, stamp, work)
