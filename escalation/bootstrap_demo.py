"""A fresh demo database for `escalation demo` (split from bootstrap: the composition root)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from escalation.bootstrap import Adapters, App
from escalation.config import build_settings, default_data_dir
from escalation.domain.errors import InvalidInputError
from escalation.i18n import _


@contextmanager
def demo_database(path: Path | None, *, config: Path | None) -> Iterator[tuple[Path, App]]:
    """A fresh demo database: the given file (which must not exist) or the default one."""
    from escalation.services import demo_story

    chosen = path or default_data_dir() / "demo.sqlite"
    if path is not None and path.exists():
        raise InvalidInputError(
            _("{file} exists; the demo builds a fresh database. Choose another file.").format(
                file=path
            )
        )
    chosen.unlink(missing_ok=True)
    # The demo never sends mail: its reminders wait in the demo database's outbox.
    settings = build_settings(f"sqlite:///{chosen}", config)
    signatory = {} if settings.signatory_name else demo_story.SIGNATORY
    settings = settings.model_copy(update={"smtp_host": None, **signatory})
    demo = App(Adapters(settings, create_missing=True))
    try:
        yield chosen, demo
    finally:
        demo.close()
