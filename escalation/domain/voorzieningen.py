"""Voorlopige voorzieningen (Awb 8:81): requested against a besluit, decided by the court.

A request does not suspend a besluit (Awb 6:16), except a besluit tot openbaarmaking: that one
does not work while a request against it is pending (Jeugdwet 9.8 lid 5, Gezondheidswet 44a
lid 5). A toewijzing suspends the besluit until the date of the schorsing, or without an end
date when the uitspraak names none (see docs/decisions.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from escalation.domain.besluiten import (
    Besluit,
    BesluitKind,
    BesluitStatus,
    Voorziening,
    VoorzieningUitkomst,
)
from escalation.domain.errors import InvalidInputError, UnknownBesluitError
from escalation.domain.events import Stamp, stamped
from escalation.domain.model import Case
from escalation.domain.vovo_events import VoorzieningDecided, VoorzieningRequested
from escalation.i18n import _

# Besluiten that a pending request alone suspends (Jeugdwet 9.8 lid 5).
SUSPENDED_BY_REQUEST = frozenset({BesluitKind.OPENBAARMAKINGSBESLUIT})


class UnknownVoorzieningError(UnknownBesluitError):
    """No voorlopige voorziening with this id."""


_LIMITS = {"rechtbank": 300, "zaaknummer": 100}  # the columns of the voorzieningen table


@dataclass(frozen=True, slots=True)
class Suspension:
    """Why a besluit does not work on a day: a pending request, or the court's schorsing."""

    besluit: str
    voorziening: Voorziening
    pending: bool  # the request itself suspends (9.8 lid 5); else a toewijzing does
    tot: date | None = None  # the last day of the schorsing; None: pending, or no end date

    def describe(self) -> str:
        v = self.voorziening
        facts = {"vovo": ref(v), "besluit": self.besluit, "on": v.ingediend.isoformat()}
        if self.pending:
            return _(
                "voorlopige voorziening {vovo} against besluit {besluit}, requested on {on}, is "
                "pending: the besluit tot openbaarmaking does not work until the "
                "voorzieningenrechter decides (Jeugdwet 9.8 lid 5)"
            ).format(**facts)
        facts["uitspraak"] = v.uitspraak_op.isoformat() if v.uitspraak_op else "-"
        if self.tot is None:
            return _(
                "the voorzieningenrechter suspended besluit {besluit} without an end date "
                "(voorlopige voorziening {vovo}, uitspraak {uitspraak})"
            ).format(**facts)
        return _(
            "the voorzieningenrechter suspended besluit {besluit} until {tot} (voorlopige "
            "voorziening {vovo}, uitspraak {uitspraak})"
        ).format(**facts, tot=self.tot.isoformat())


def ref(v: Voorziening) -> str:
    """How messages name a voorziening: its id, and the court's zaaknummer if known."""
    name = str(v.id if v.id is not None else v.number)
    return f"{name} ({v.zaaknummer})" if v.zaaknummer else name


def suspension(besluit: Besluit, on: date) -> Suspension | None:
    """What keeps the besluit from working on `on`, if anything."""
    for v in besluit.voorzieningen:
        if v.is_pending and besluit.kind in SUSPENDED_BY_REQUEST and v.ingediend <= on:
            return Suspension(besluit.kenmerk, v, pending=True)
    for v in besluit.voorzieningen:
        if (
            v.uitkomst is VoorzieningUitkomst.TOEGEWEZEN
            and v.uitspraak_op is not None
            and v.uitspraak_op <= on
            and (v.schorsing_tot is None or on <= v.schorsing_tot)
        ):
            return Suspension(besluit.kenmerk, v, pending=False, tot=v.schorsing_tot)
    return None


def parse_uitkomst(text: str) -> VoorzieningUitkomst:
    try:
        return VoorzieningUitkomst(text.strip().lower())
    except ValueError:
        choices = ", ".join(u.value for u in VoorzieningUitkomst)
        raise InvalidInputError(
            _("'{value}' is not an uitkomst of a voorlopige voorziening: choose {choices}.").format(
                value=text, choices=choices
            )
        ) from None


def request(
    case: Case,
    besluit: Besluit,
    *,
    ingediend: date,
    rechtbank: str | None,
    zaaknummer: str | None,
    today: date,
    stamp: Stamp,
) -> tuple[Voorziening, list[str]]:
    """Record a request against the besluit; returns it and what the jurist should check."""
    _check_request(besluit, ingediend, today)
    number = max((v.number for v in besluit.voorzieningen), default=0) + 1
    voorziening = Voorziening(
        number=number,
        ingediend=ingediend,
        rechtbank=_text("rechtbank", rechtbank),
        zaaknummer=_text("zaaknummer", zaaknummer),
    )
    besluit.voorzieningen.append(voorziening)
    case.record(
        VoorzieningRequested(
            besluit=besluit.kenmerk, number=number, rechtbank=voorziening.rechtbank,
            zaaknummer=voorziening.zaaknummer, **stamped(replace(stamp, on=ingediend)),
        )
    )  # fmt: skip
    warnings = []
    if not besluit.pending_bezwaren and besluit.status is not BesluitStatus.IN_BEROEP:
        warnings.append(
            _(
                "No pending bezwaar or beroep against besluit {besluit} is recorded: the "
                "voorzieningenrechter needs one (Awb 8:81 lid 1). Record the bezwaar with "
                "`escalation bezwaar add`."
            ).format(besluit=besluit.kenmerk)
        )
    return voorziening, warnings


def _check_request(besluit: Besluit, ingediend: date, today: date) -> None:
    if ingediend > today:
        raise InvalidInputError(
            _(
                "{on} is after today ({today}): record a voorlopige voorziening once it has been "
                "requested."
            ).format(on=ingediend.isoformat(), today=today.isoformat())
        )
    if ingediend < besluit.verzonden:
        raise InvalidInputError(
            _(
                "Besluit {besluit} was sent on {sent}; a voorlopige voorziening against it "
                "cannot have been requested on {on}, before that."
            ).format(
                besluit=besluit.kenmerk,
                sent=besluit.verzonden.isoformat(),
                on=ingediend.isoformat(),
            )  # fmt: skip
        )
    if besluit.is_settled:
        raise InvalidInputError(
            _(
                "Besluit {besluit} is {status}: a voorlopige voorziening needs a bezwaar or "
                "beroep against it that is still pending (Awb 8:81 lid 1)."
            ).format(besluit=besluit.kenmerk, status=besluit.status.value)
        )


def _text(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned or len(cleaned) > _LIMITS[name]:
        raise InvalidInputError(
            _("Give the {field} as a text of 1 to {limit} characters, or leave it out.").format(
                field=name, limit=_LIMITS[name]
            )
        )
    return cleaned


def decide(
    case: Case,
    besluit: Besluit,
    voorziening: Voorziening,
    *,
    on: date,
    uitkomst: VoorzieningUitkomst,
    schorsing_tot: date | None,
    today: date,
    stamp: Stamp,
) -> None:
    """Record the uitspraak of the voorzieningenrechter (or the withdrawal of the request)."""
    _check_decision(voorziening, on, uitkomst, schorsing_tot, today)
    voorziening.uitspraak_op = on
    voorziening.uitkomst = uitkomst
    voorziening.schorsing_tot = schorsing_tot
    case.record(
        VoorzieningDecided(
            besluit=besluit.kenmerk, number=voorziening.number, uitkomst=uitkomst.value,
            schorsing_tot=schorsing_tot, **stamped(replace(stamp, on=on)),
        )
    )  # fmt: skip


def _check_decision(
    v: Voorziening,
    on: date,
    uitkomst: VoorzieningUitkomst,
    schorsing_tot: date | None,
    today: date,
) -> None:
    facts = {"vovo": ref(v), "on": on.isoformat()}
    if not v.is_pending:
        done = v.uitspraak_op.isoformat() if v.uitspraak_op else "-"
        problem = _("Voorlopige voorziening {vovo} was already decided on {done} ({uitkomst}).")
        raise InvalidInputError(problem.format(**facts, done=done, uitkomst=v.uitkomst))
    if on > today:
        problem = _("{on} is after today ({today}): record the uitspraak once it has been given.")
        raise InvalidInputError(problem.format(**facts, today=today.isoformat()))
    if on < v.ingediend:
        problem = _(
            "Voorlopige voorziening {vovo} was requested on {requested}; its uitspraak cannot "
            "be dated {on}, before that."
        )
        raise InvalidInputError(problem.format(**facts, requested=v.ingediend.isoformat()))
    if schorsing_tot is not None and uitkomst is not VoorzieningUitkomst.TOEGEWEZEN:
        problem = _("A schorsing goes with a toegewezen voorziening only, not with {uitkomst}.")
        raise InvalidInputError(problem.format(uitkomst=uitkomst.value))
    if schorsing_tot is not None and schorsing_tot < on:
        problem = _("A schorsing until {tot} would end before the uitspraak of {on}.")
        raise InvalidInputError(problem.format(**facts, tot=schorsing_tot.isoformat()))
