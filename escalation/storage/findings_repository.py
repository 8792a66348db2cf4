"""SQL repository of a case's findings versions and hertoetsen."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from escalation.domain.events import Stamp
from escalation.domain.findings import (
    CaseNorms,
    Finding,
    FindingsVersion,
    Hertoets,
    Judgement,
    Outcome,
    Recorded,
)
from escalation.storage.findings_tables import CaseFindingsRow

FINDINGS, HERTOETS = "findings", "hertoets"


class SqlFindingsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_findings(self, case_id: int, version: FindingsVersion, *, stamp: Stamp) -> int:
        """Store a new version of the case's findings; returns its number."""
        data = {
            "label": version.label,
            "findings": [f.as_json() for f in version.findings],
        }
        return self._add(
            case_id, FINDINGS, (version.framework, version.framework_version),
            document=version.document, data=data, stamp=stamp,
        )  # fmt: skip

    def add_hertoets(
        self, case_id: int, hertoets: Hertoets, framework: tuple[str, int], *, stamp: Stamp
    ) -> int:
        data = {
            "findings_version": hertoets.findings_version,
            "results": {norm: outcome.value for norm, outcome in hertoets.results.items()},
        }
        return self._add(
            case_id, HERTOETS, framework, document=hertoets.document, data=data, stamp=stamp
        )

    def _add(
        self,
        case_id: int,
        kind: str,
        framework: tuple[str, int],
        *,
        document: str,
        data: dict[str, Any],
        stamp: Stamp,
    ) -> int:
        number = self.count(case_id, kind) + 1
        self._session.add(
            CaseFindingsRow(
                case_id=case_id, kind=kind, number=number, framework=framework[0],
                framework_version=framework[1], document=document, data=data,
                on=stamp.on, at=stamp.at, by=stamp.by,
            )
        )  # fmt: skip
        self._session.flush()
        return number

    def count(self, case_id: int, kind: str = FINDINGS) -> int:
        query = select(func.count()).where(
            CaseFindingsRow.case_id == case_id, CaseFindingsRow.kind == kind
        )
        return int(self._session.exec(query).one())

    def findings(self, case_id: int, number: int | None = None) -> FindingsVersion | None:
        """Version `number` of the case's findings (the latest when None); None if none."""
        row = self._row(case_id, FINDINGS, number)
        return None if row is None else _findings_from_row(row)

    def hertoets(self, case_id: int, number: int | None = None) -> Hertoets | None:
        row = self._row(case_id, HERTOETS, number)
        return None if row is None else _hertoets_from_row(row)

    def norms(self, case_id: int) -> CaseNorms | None:
        """The latest findings and hertoets of the case (None: no findings recorded)."""
        findings = self.findings(case_id)
        if findings is None:
            return None
        hertoetsen = self.count(case_id, HERTOETS)
        return CaseNorms(
            findings=findings,
            hertoets=self.hertoets(case_id),
            versions=(findings.recorded.number if findings.recorded else 1),
            hertoetsen=hertoetsen,
        )

    def _row(self, case_id: int, kind: str, number: int | None) -> CaseFindingsRow | None:
        query = select(CaseFindingsRow).where(
            CaseFindingsRow.case_id == case_id, CaseFindingsRow.kind == kind
        )
        if number is not None:
            query = query.where(CaseFindingsRow.number == number)
        return self._session.exec(query.order_by(col(CaseFindingsRow.number).desc())).first()


def _recorded(row: CaseFindingsRow) -> Recorded:
    return Recorded(number=row.number, on=row.on, at=row.at, by=row.by)


def _findings_from_row(row: CaseFindingsRow) -> FindingsVersion:
    return FindingsVersion(
        framework=row.framework,
        framework_version=row.framework_version,
        label=str(row.data.get("label", "")),
        findings=tuple(
            Finding(
                norm=f["norm"],
                title=f["title"],
                judgement=Judgement(f["judgement"]),
                legal_basis=f.get("legal_basis", ""),
                tekortkomingen=f.get("tekortkomingen", ""),
                maatregelen=tuple(f.get("maatregelen", ())),
                location=f.get("location"),
            )
            for f in row.data.get("findings", [])
        ),
        recorded=_recorded(row),
        document=row.document,
    )


def _hertoets_from_row(row: CaseFindingsRow) -> Hertoets:
    results = row.data.get("results", {})
    return Hertoets(
        results={norm: Outcome(outcome) for norm, outcome in results.items()},
        findings_version=int(row.data.get("findings_version", 0)),
        recorded=_recorded(row),
        document=row.document,
    )
