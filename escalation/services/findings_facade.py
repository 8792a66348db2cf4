"""`app.findings`: the norm frameworks and a case's findings per norm, and the hertoets."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from escalation.domain.findings import Framework, HertoetsVerdict
from escalation.services import findings
from escalation.services.base import UseCases
from escalation.services.findings import FindingsView
from escalation.services.findings_ports import FrameworkCatalog
from escalation.services.ports import Adapters


class Findings(UseCases):
    def __init__(self, adapters: Adapters, catalog: FrameworkCatalog) -> None:
        super().__init__(adapters)
        self._catalog = catalog

    def frameworks(self) -> list[Framework]:
        """The installed norm frameworks (toetsingskaders)."""
        return self._catalog.list()

    def framework(self, name: str, version: int | None = None) -> Framework:
        return self._catalog.get(name, version)

    def read_document(self, path: Path) -> str:
        """The text of a findings or hertoets document (a UTF-8 file of a few kilobytes)."""
        return self._catalog.read_document(path)

    def template(self, case_id: int, *, framework: str | None = None) -> str:
        """The findings document to edit, pre-filled from the framework and the findings."""
        return findings.findings_template(
            uow=self._a.uow(), frameworks=self._catalog, case_id=case_id, framework=framework
        )

    def record(
        self, case_id: int, text: str, *, origin: str, on: date | None = None,
        by: str | None = None,
    ) -> int:  # fmt: skip
        """Store a findings document as the case's next version; returns its number."""
        return findings.record_findings(
            uow=self._a.uow(), frameworks=self._catalog, case_id=case_id, text=text,
            origin=origin, stamp=self._stamp(on, by),
        )  # fmt: skip

    def show(self, case_id: int, *, version: int | None = None) -> FindingsView:
        return findings.show_findings(uow=self._a.uow(), case_id=case_id, number=version)

    def hertoets_template(self, case_id: int) -> str:
        return findings.hertoets_template(
            uow=self._a.uow(), frameworks=self._catalog, case_id=case_id
        )

    def hertoets(
        self, case_id: int, *, text: str | None = None, origin: str = "",
        norms: Mapping[str, str] | None = None, on: date | None = None, by: str | None = None,
    ) -> HertoetsVerdict:  # fmt: skip
        """Record per norm of the aanwijzing whether it is met."""
        return findings.record_hertoets(
            uow=self._a.uow(), frameworks=self._catalog, case_id=case_id, text=text,
            origin=origin, options=norms or {}, stamp=self._stamp(on, by),
        )  # fmt: skip
