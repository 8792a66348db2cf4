"""The catalog keeps a stored text and an edited file of the same version apart."""

from __future__ import annotations

from pathlib import Path

from escalation.workflows import FileWorkflowCatalog

SOURCE = (Path(__file__).resolve().parents[2] / "workflows" / "jeugdwet.yaml").read_text(
    encoding="utf-8"
)


def test_a_stored_text_and_an_edited_file_of_one_version_each_get_their_own_machine(
    tmp_path: Path,
) -> None:
    (tmp_path / "jeugdwet.yaml").write_text(
        SOURCE.replace("\ntitle: ", "\ntitle: Bewerkt - ", 1), encoding="utf-8"
    )
    catalog = FileWorkflowCatalog([tmp_path])
    installed = catalog.get("jeugdwet", 1)
    stored = catalog.parse(SOURCE, origin="jeugdwet version 1 (stored in the database)")

    assert catalog.machine(installed).definition is installed
    assert catalog.machine(stored).definition is stored
    assert stored.title != installed.title


def test_a_stored_text_is_parsed_once(tmp_path: Path) -> None:
    catalog = FileWorkflowCatalog([tmp_path])

    first = catalog.parse(SOURCE, origin="stored")

    assert catalog.parse(SOURCE, origin="stored") is first
