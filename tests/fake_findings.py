"""The in-memory fake of the findings repository (see tests/fakes.py for the transactions)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from escalation.domain.events import Stamp
from escalation.domain.findings import CaseNorms, FindingsVersion, Hertoets, Recorded

if TYPE_CHECKING:
    from tests.fakes import Transaction

FINDINGS, HERTOETS = "findings", "hertoets"


def fake_norms(tx: Transaction, case_id: int) -> CaseNorms | None:
    return FakeFindingsRepository(tx).norms(case_id)


class FakeFindingsRepository:
    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def _rows(self, case_id: int, kind: str) -> list[Any]:
        rows = [*self._tx.db.findings.get(case_id, []), *self._tx.own.findings.get(case_id, [])]
        return [item for k, item in rows if k == kind]

    def _add(self, case_id: int, kind: str, item: Any) -> None:
        self._tx.own.findings.setdefault(case_id, []).append((kind, item))

    def add_findings(self, case_id: int, version: FindingsVersion, *, stamp: Stamp) -> int:
        number = self.count(case_id) + 1
        self._add(case_id, FINDINGS, replace(version, recorded=_recorded(number, stamp)))
        return number

    def add_hertoets(
        self, case_id: int, hertoets: Hertoets, framework: tuple[str, int], *, stamp: Stamp
    ) -> int:
        number = self.count(case_id, HERTOETS) + 1
        self._add(case_id, HERTOETS, replace(hertoets, recorded=_recorded(number, stamp)))
        return number

    def count(self, case_id: int, kind: str = FINDINGS) -> int:
        return len(self._rows(case_id, kind))

    def findings(self, case_id: int, number: int | None = None) -> FindingsVersion | None:
        return _pick(self._rows(case_id, FINDINGS), number)

    def hertoets(self, case_id: int, number: int | None = None) -> Hertoets | None:
        return _pick(self._rows(case_id, HERTOETS), number)

    def norms(self, case_id: int) -> CaseNorms | None:
        findings = self.findings(case_id)
        if findings is None:
            return None
        return CaseNorms(
            findings=findings,
            hertoets=self.hertoets(case_id),
            versions=self.count(case_id),
            hertoetsen=self.count(case_id, HERTOETS),
        )


def _recorded(number: int, stamp: Stamp) -> Recorded:
    return Recorded(number=number, on=stamp.on, at=stamp.at, by=stamp.by)


def _pick(rows: list[Any], number: int | None) -> Any:
    if not rows:
        return None
    if number is None:
        return rows[-1]
    return rows[number - 1] if 1 <= number <= len(rows) else None
