"""Beroep against a beslissing op bezwaar (Awb 8:1, 6:7): recorded, it keeps the besluiten open.

The beroep term against a beslissing op bezwaar is a window (docs/deadline-watch.md): unused,
the sweep makes the beslissing and the besluit it upheld `onherroepelijk`; used, both are
`in_beroep` and nothing becomes final until the rechtbank has spoken.
"""

from __future__ import annotations

from datetime import date

from escalation.domain.besluit_events import BeroepIngesteld
from escalation.domain.besluiten import Besluit, BesluitKind, BesluitStatus
from escalation.domain.bezwaar_procedure import BEROEP_KIND
from escalation.domain.deadline import DeadlineStatus
from escalation.domain.errors import InvalidActionError, InvalidInputError
from escalation.domain.events import Stamp, stamped
from escalation.domain.model import Case
from escalation.formatting import long_day
from escalation.i18n import _

BEROEP_ARTICLE = "Awb 8:1"


def record_beroep(case: Case, beslissing: Besluit, *, stamp: Stamp) -> None:
    """Beroep against the beslissing op bezwaar, instituted on `stamp.on`.

    The beslissing and the besluit it decided on (if still in its beroep term) become
    `in_beroep`; the beroep window is met.

    Raises:
        InvalidActionError: not a beslissing op bezwaar, or its beroep term is not running.
        InvalidInputError: instituted before the beslissing was dated.
    """
    _check(beslissing, stamp.on)
    beslissing.beroep_ingesteld = stamp.on
    case.record(BeroepIngesteld(besluit=beslissing.kenmerk, ingesteld=stamp.on, **stamped(stamp)))
    plain = Stamp(
        on=stamp.on, at=stamp.at, by=stamp.by, recorded_by=stamp.recorded_by, reason=BEROEP_ARTICLE
    )
    case.set_besluit_status(beslissing, BesluitStatus.IN_BEROEP, stamp=plain)
    contested = case.besluit(beslissing.parent) if beslissing.parent else None
    if contested is not None and contested.status is BesluitStatus.BEROEPSTERMIJN:
        contested.beroep_ingesteld = stamp.on
        case.set_besluit_status(contested, BesluitStatus.IN_BEROEP, stamp=plain)
    case.close_deadlines(
        [BEROEP_KIND], DeadlineStatus.MET, stamp=plain, action=None,
        only=lambda d: d.besluit == beslissing.kenmerk,
    )  # fmt: skip


def _check(beslissing: Besluit, on: date) -> None:
    facts = {"kenmerk": beslissing.kenmerk, "status": beslissing.status.value}
    if beslissing.kind is not BesluitKind.BESLISSING_OP_BEZWAAR:
        raise InvalidActionError(
            _(
                "{kenmerk} is not a beslissing op bezwaar: against it bezwaar is made first "
                "(`escalation bezwaar add`, Awb 7:1); beroep is against the beslissing op bezwaar."
            ).format(**facts)
        )
    if beslissing.status is not BesluitStatus.BEROEPSTERMIJN:
        raise InvalidActionError(
            _(
                "The beroep term of {kenmerk} is not running (status {status}); a late beroep is "
                "for the rechtbank to judge (Awb 6:11) and is not recorded here."
            ).format(**facts)
        )
    if on < beslissing.dagtekening:
        raise InvalidInputError(
            _("Beroep instituted on {on} cannot be against {kenmerk}, dated {day}.").format(
                on=long_day(on), day=long_day(beslissing.dagtekening), **facts
            )
        )
