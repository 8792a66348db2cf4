"""Use cases around besluiten: numbering new ones, listing them, showing one whole."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from escalation.domain.beroep import record_beroep
from escalation.domain.besluiten import Besluit, BesluitKind, BesluitSummary, Issued
from escalation.domain.deadline import Deadline
from escalation.domain.errors import InvalidInputError, UnknownBesluitError
from escalation.domain.events import Event, Stamp
from escalation.domain.four_eyes import refuse_concept
from escalation.domain.letters import KENMERK_PATTERN, LetterRecord, Organisation
from escalation.domain.model import Case
from escalation.formatting import long_day
from escalation.i18n import _
from escalation.services.ports import BesluitRepository, UnitOfWork


class KenmerkIssuer:
    """Gives each new besluit the next number of its year, in the caller's transaction.

    Two besluiten numbered at once by two users would get the same kenmerk: the database's
    unique constraint refuses the second, which is told to try again.
    """

    def __init__(self, repository: BesluitRepository, organisation: Organisation | None) -> None:
        self._repository = repository
        self._organisation = organisation
        self._last: dict[int, int] = {}

    def issue(self, kind: BesluitKind, *, on: date) -> Issued:
        year = on.year
        number = self._last.get(year, self._repository.last_number(year)) + 1
        self._last[year] = number
        pattern = self._organisation.kenmerk if self._organisation else KENMERK_PATTERN
        organ = self._organisation.bestuursorgaan(kind.value) if self._organisation else ""
        return Issued(pattern.format(jaar=year, nummer=number), year, number, organ)


@dataclass(frozen=True, slots=True)
class BesluitDetail:
    """`besluit show`: the besluit with its deadlines, letters and history."""

    case_id: int
    besluit: Besluit
    deadlines: list[Deadline]
    letters: list[LetterRecord]
    history: list[Event]


def list_besluiten(
    *, uow: UnitOfWork, case_id: int | None = None, status: str | None = None
) -> list[BesluitSummary]:
    with uow:
        if case_id is not None:
            uow.cases.get(case_id)  # an unknown case is an error, not an empty list
        return uow.besluiten.listing(case_id=case_id, status=status)


def show_besluit(*, uow: UnitOfWork, ref: str) -> BesluitDetail:
    """The besluit with this kenmerk or id, whole.

    Raises:
        UnknownBesluitError: no such besluit.
    """
    with uow:
        case = uow.cases.get(case_of(uow, ref))
        besluit = find(case, ref)
        letters = [r for r in uow.letters.for_case(case.id or 0) if _belongs(r, besluit)]
        history = [e for e in uow.cases.history(case.id or 0) if _about(e, besluit)]
    deadlines = [d for d in case.deadlines if d.besluit == besluit.kenmerk]
    return BesluitDetail(case.id or 0, besluit, deadlines, letters, history)


def beroep(*, uow: UnitOfWork, ref: str, stamp: Stamp, today: date) -> None:
    """Record that beroep was instituted on `stamp.on` against a beslissing op bezwaar."""
    if stamp.on > today:
        raise InvalidInputError(
            _("--ingesteld {day} is after today ({today}): record what has happened.").format(
                day=long_day(stamp.on), today=long_day(today)
            )
        )
    with uow:
        case = uow.cases.get(case_of(uow, ref))
        record_beroep(case, refuse_concept(find(case, ref), what=_("beroep")), stamp=stamp)
        uow.cases.save(case, now=stamp.at)
        uow.commit()


def case_of(uow: UnitOfWork, ref: str) -> int:
    """The case a besluit (kenmerk or id) belongs to, inside the caller's unit of work."""
    text = ref.strip()
    if not text:
        raise InvalidInputError(_("Give the kenmerk or the id of a besluit."))
    case_id = uow.besluiten.case_of(text)
    if case_id is None:
        raise UnknownBesluitError(
            _("There is no besluit '{besluit}'. `escalation besluit list` shows them.").format(
                besluit=text
            )
        )
    return case_id


def find(case: Case, ref: str) -> Besluit:
    """The case's besluit with this kenmerk or id."""
    text = ref.strip()
    found = next((b for b in case.besluiten if text in (b.kenmerk, str(b.id))), None)
    if found is None:
        raise UnknownBesluitError(
            _("Case {case} has no besluit '{besluit}'.").format(case=case.id, besluit=text)
        )
    return found


def _belongs(letter: LetterRecord, besluit: Besluit) -> bool:
    return letter.id == besluit.letter_id or (
        besluit.action is not None
        and letter.action == besluit.action
        and letter.on == besluit.dagtekening
    )


def _about(event: Event, besluit: Besluit) -> bool:
    """An event that names this besluit (taken, changed, bezwaar, ...) or took it."""
    return getattr(event, "besluit", None) == besluit.kenmerk
