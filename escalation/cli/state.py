"""What the global options leave for the commands: the App, built only when first used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from escalation.bootstrap import App


@dataclass
class AppState:
    database_url: str | None = None
    config: Path | None = None
    _app: App | None = field(default=None, repr=False)

    def app(self) -> App:
        if self._app is None:
            from escalation.bootstrap import build  # heavy imports only when a command needs them
            from escalation.i18n import set_language

            self._app = build(self.database_url, self.config)
            set_language(self._app.settings.lang)
        return self._app

    def close(self) -> None:
        if self._app is not None:
            for warning in self._app.warnings():
                typer.echo(warning, err=True)
            self._app.close()
            self._app = None


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):
        obj = AppState()
        ctx.find_root().obj = obj
    return obj


def app(ctx: typer.Context) -> App:
    """The application for this invocation (built from --db and --config on first use)."""
    return state(ctx).app()


def parse_day(ctx: typer.Context, text: str | None) -> date | None:
    """A date the user typed (None stays None: the use case takes today).

    The App is built first, so that a refusal speaks the language of the settings.
    """
    app(ctx)
    if text is None:
        return None
    from escalation.domain.terms import parse_date

    return parse_date(text)
