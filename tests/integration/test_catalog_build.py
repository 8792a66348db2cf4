"""The build compiles the message catalogs: into the wheel, and into the tree of an editable
install; the .mo files themselves are never committed (hatch_build.py)."""

from __future__ import annotations

import gettext
import importlib.util
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
PO_FILE = REPO / "escalation" / "locale" / "nl" / "LC_MESSAGES" / "escalation.po"
MO_IN_PACKAGE = "escalation/locale/nl/LC_MESSAGES/escalation.mo"


@pytest.fixture(scope="module")
def translated() -> tuple[str, str]:
    """A message of the Dutch catalog and its translation, as the .po says."""
    with PO_FILE.open("rb") as po_file:
        catalog = read_po(po_file, locale="nl")
    return next(
        (m.id, m.string)
        for m in catalog
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of what a build reads, without any compiled catalog."""
    if importlib.util.find_spec("hatchling") is None:
        if os.environ.get("CI"):
            pytest.fail("hatchling is not installed; .ci/run must install it", pytrace=False)
        pytest.skip("hatchling is not installed (python3 -m pip install hatchling)")
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.mo.partial")
    for name in ("escalation", "workflows", "letters", "frameworks", "organisations"):
        shutil.copytree(REPO / name, root / name, ignore=ignore)
    for name in ("pyproject.toml", "hatch_build.py", "README.md", ".gitignore"):
        shutil.copy2(REPO / name, root / name)
    return root


def _build(root: Path, version: str, *, hooks_only: bool = False) -> list[str]:
    from hatchling.builders.wheel import WheelBuilder

    builder = WheelBuilder(str(root))
    return list(
        builder.build(directory=str(root / "dist"), versions=[version], hooks_only=hooks_only)
    )


def test_the_wheel_carries_the_compiled_dutch_catalog_and_not_its_source(
    project: Path, translated: tuple[str, str]
) -> None:
    (wheel,) = _build(project, "standard")

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        catalog = gettext.GNUTranslations(io.BytesIO(archive.read(MO_IN_PACKAGE)))

    assert catalog.gettext(translated[0]) == translated[1]
    assert not [name for name in names if name.endswith((".po", ".pot", ".partial"))]


def test_an_editable_install_finds_compiled_catalogs_in_the_source_tree(
    project: Path, translated: tuple[str, str]
) -> None:
    # An editable wheel points at the source tree; the hook compiles there before it is built.
    # (hooks_only: building the editable wheel itself needs the `editables` package.)
    _build(project, "editable", hooks_only=True)

    with (project / MO_IN_PACKAGE).open("rb") as mo_file:
        catalog = gettext.GNUTranslations(mo_file)

    assert catalog.gettext(translated[0]) == translated[1]
