"""What the global options leave for the commands: Services are built only when first used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from escalation.bootstrap import Services


@dataclass
class AppState:
    database_url: str | None = None
    config: Path | None = None
    _services: Services | None = field(default=None, repr=False)

    def services(self) -> Services:
        if self._services is None:
            from escalation.bootstrap import build  # heavy imports only when a command needs them

            self._services = build(self.database_url, self.config)
        return self._services

    def today(self, on: str | None) -> date:
        from escalation.domain.terms import parse_date

        return parse_date(on) if on else self.services().clock.today()

    def by(self, by: str | None) -> str:
        from escalation.bootstrap import current_user

        return by or current_user()


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):
        obj = AppState()
        ctx.find_root().obj = obj
    return obj
