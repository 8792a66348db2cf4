"""WorkflowVersionStore contract: each (workflow, version)'s text, kept once, never replaced."""

from __future__ import annotations

from tests.contracts.builders import NOW, Backend

SOURCE = "name: jeugdwet\nversion: 3\n# ‘Awb’ – §4:8  \n\n"


def test_a_remembered_source_reads_back_exactly(backend: Backend) -> None:
    with backend.uow() as uow:
        uow.workflow_versions.remember("jeugdwet", 3, SOURCE, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        assert uow.workflow_versions.source("jeugdwet", 3) == SOURCE


def test_an_unknown_version_has_no_source(backend: Backend) -> None:
    with backend.uow() as uow:
        uow.workflow_versions.remember("jeugdwet", 3, SOURCE, now=NOW)
        uow.commit()

    with backend.uow() as uow:
        assert uow.workflow_versions.source("jeugdwet", 4) is None
        assert uow.workflow_versions.source("wkkgz", 3) is None


def test_remembering_again_keeps_the_first_source(backend: Backend) -> None:
    with backend.uow() as uow:
        uow.workflow_versions.remember("jeugdwet", 3, SOURCE, now=NOW)
        uow.workflow_versions.remember("jeugdwet", 3, "changed in the same transaction", now=NOW)
        uow.commit()
    with backend.uow() as uow:
        uow.workflow_versions.remember("jeugdwet", 3, "changed in a later one", now=NOW)
        uow.commit()

    with backend.uow() as uow:
        assert uow.workflow_versions.source("jeugdwet", 3) == SOURCE


def test_each_name_and_version_has_its_own_source(backend: Backend) -> None:
    keys = [("jeugdwet", 3), ("jeugdwet", 4), ("wkkgz", 3)]
    with backend.uow() as uow:
        for name, version in keys:
            uow.workflow_versions.remember(name, version, f"{name} {version}", now=NOW)
        uow.commit()

    with backend.uow() as uow:
        sources = [uow.workflow_versions.source(name, version) for name, version in keys]
    assert sources == ["jeugdwet 3", "jeugdwet 4", "wkkgz 3"]
