"""The installed inspectorates: `escalation organisation list|show`."""

from __future__ import annotations

from escalation.domain.organisations import Inspectorate
from escalation.services.base import UseCases


class Organisations(UseCases):
    def list(self) -> list[Inspectorate]:
        return self._a.organisations.list()

    def get(self, code: str) -> Inspectorate:
        """Raises: InvalidInputError: no organisation has this code."""
        return self._a.organisations.get(code)
