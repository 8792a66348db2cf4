"""The use cases of reference data: the installed workflows and legal time (split from facade)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from escalation.domain.atw import TermBasis, TermResult, compute_term
from escalation.domain.calendar import NonWorkingDay
from escalation.domain.definition import WorkflowDefinition
from escalation.domain.limits import check_year
from escalation.domain.terms import Term
from escalation.services import workflows
from escalation.services.base import UseCases


class Workflows(UseCases):
    def get(self, name: str, version: int | None = None) -> WorkflowDefinition:
        return self._a.catalog.get(name, version)

    def validate_file(self, path: Path) -> WorkflowDefinition:
        return workflows.validate_file(catalog=self._a.catalog, uow=self._a.uow, path=path)

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of a workflow file."""
        return self._a.catalog.json_schema()

    def diagram(self, name: str, *, case_id: int | None = None) -> str:
        return workflows.diagram(
            catalog=self._a.catalog, uow=self._a.uow(), name=name, case_id=case_id
        )

    def installed(self) -> list[workflows.InstalledWorkflow]:
        """The installed definitions, each marked if its text differs from the stored one."""
        return workflows.list_installed(catalog=self._a.catalog, uow=self._a.uow)

    def list(self) -> list[WorkflowDefinition]:
        return self._a.catalog.list()


class LegalTime(UseCases):
    def term(
        self, start: date, term: Term, *, statutory: bool = True, backwards: bool = False
    ) -> TermResult:
        basis = TermBasis.STATUTORY if statutory else TermBasis.SELF_SET
        return compute_term(
            start, term, basis=basis, calendar=self._a.calendar, backwards=backwards
        )

    def year(self, year: int) -> list[NonWorkingDay]:
        return self._a.calendar.feestdagen(check_year(year))
