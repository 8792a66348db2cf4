"""The `dwangsom` field of a letter: the terms and the ledger of the case's last onder dwangsom,
as the last, the invorderingsbeschikking and the aanmaning write them (amounts and dates in
Dutch, computed by the engine, never typed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from escalation.domain.besluiten import Besluit, BesluitKind
from escalation.domain.ledger import EntryKind
from escalation.domain.letter_values import datum
from escalation.domain.letters import ActionFacts, LetterError
from escalation.domain.model import Case
from escalation.formatting import money
from escalation.i18n import _

# How the last says when a unit forfeits; a last of workflow version 1 did not record it.
NOT_RECORDED = "niet_vastgelegd"


def dwangsom_fields(case: Case, action: ActionFacts | None, *, template: str) -> dict[str, Any]:
    lasts = [b for b in case.besluiten_of([BesluitKind.LAST_ONDER_DWANGSOM]) if b.dwangsom]
    if lasts:
        return _from_ledger(case, lasts[-1])
    params = action.params if action is not None else {}
    if all(isinstance(params.get(k), Decimal) for k in ("bedrag", "maximum")) and "per" in params:
        return {  # a last of version 1: its terms are the action's parameters, no ledger
            "bedrag": _euro(params["bedrag"]), "per": str(params["per"]),
            "maximum": _euro(params["maximum"]), "verbeurt": NOT_RECORDED,
        }  # fmt: skip
    raise LetterError(
        _("Letter '{template}' needs the ledger of a last onder dwangsom, which case {case} "
          "does not have.").format(template=template, case=case.id)
    )  # fmt: skip


def _from_ledger(case: Case, last: Besluit) -> dict[str, Any]:
    book = last.dwangsom
    assert book is not None  # chosen for having one
    t = book.terms
    fields: dict[str, Any] = {
        "kenmerk": last.kenmerk,
        "besluit_datum": datum(last.dagtekening),
        "bedrag": _euro(t.bedrag),
        "per": t.per.value,
        "maximum": _euro(book.maximum),
        "verbeurt": t.verbeurt.value,
        "begunstigingstermijn": datum(t.begunstigingstermijn),
        "verbeurten": [_line(case, last, e.number, e.on, e.amount) for e in book.forfeitures],
        "totaal": _euro(book.total),
        "betaald": _euro(book.paid),
        "kosten": _euro(book.costs),
        "open": _euro(book.open),
    }
    aanmaningen = book.of(EntryKind.AANMANING)
    fields["aanmaning"] = False  # a template asks `{% if dwangsom.aanmaning %}`
    if aanmaningen:
        latest = aanmaningen[-1]
        due = _due(case, last, "aanmaning", None, after=latest.on)
        fields["aanmaning"] = {
            "verzonden": datum(latest.on), "kosten": _euro(latest.amount), "uiterlijk": due,
        }  # fmt: skip
    return fields


def _line(case: Case, last: Besluit, number: int, on: date, amount: Decimal) -> dict[str, str]:
    return {
        "nummer": str(number),
        "datum": datum(on),
        "bedrag": _euro(amount),
        "betalen_uiterlijk": _due(case, last, "betaling", number, after=on),
    }


def _due(case: Case, last: Besluit, kind: str, number: int | None, *, after: date) -> str:
    found = [
        d
        for d in case.deadlines
        if d.kind == kind and d.besluit == last.kenmerk and d.forfeiture == number
        and d.start is not None and d.start >= after
    ]  # fmt: skip
    return datum(found[-1].due) if found else "-"


def _euro(amount: object) -> str:
    return money(amount if isinstance(amount, Decimal) else Decimal(str(amount)), "nl")
