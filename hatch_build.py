"""Build hook: compile the message catalogs (.po → .mo) for the wheel and for editable installs.

The .mo files are build artefacts (gitignored). They are written next to their .po files, in the
source tree, so that one step serves both kinds of install: an editable install imports the
package from the source tree, and the wheel picks them up through the `artifacts` setting of
its target. tests/i18n_plugin.py uses `compile_catalogs` too, so that editing a .po and running
the tests just works.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE_DIR = Path("escalation") / "locale"
DOMAIN = "escalation"


def compile_catalogs(locale_dir: Path, *, only_stale: bool = False) -> list[Path]:
    """Compile every `<lang>/LC_MESSAGES/escalation.po` under `locale_dir`; return the .mo paths.

    Fuzzy and untranslated entries are left out, so they show in English. With `only_stale`,
    a .mo newer than its .po is kept as it is.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if only_stale and _is_fresh(mo_path, po_path):
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parents[1].name, domain=DOMAIN)
        partial = mo_path.with_suffix(".mo.partial")
        with partial.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        os.replace(partial, mo_path)  # never a half-written catalog, even when interrupted
        written.append(mo_path)
    return written


def _is_fresh(mo_path: Path, po_path: Path) -> bool:
    return mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime


class CatalogBuildHook(BuildHookInterface):
    """Compiles the catalogs before hatchling collects the wheel's files (editable or not)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:  # noqa: ARG002
        if self.target_name == "wheel":
            compile_catalogs(Path(self.root) / LOCALE_DIR)

    def clean(self, versions: list[str]) -> None:  # noqa: ARG002  (hatchling's signature)
        for mo_path in (Path(self.root) / LOCALE_DIR).glob(f"*/LC_MESSAGES/{DOMAIN}.mo"):
            mo_path.unlink()
