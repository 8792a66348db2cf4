"""A case keeps the workflow version it was opened under, after a newer one is installed."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.helpers import (
    BY,
    FOCUS,
    JEUGDWET_V1_YAML,
    Cli,
    add_provider,
    as_json,
    describe,
    ok,
    refused,
)
from tests.i18n_helpers import tr


def install(folder: Path, text: str) -> dict[str, str]:
    folder.mkdir()
    (folder / "jeugdwet.yaml").write_text(text, encoding="utf-8")
    return {"ESCALATION_WORKFLOWS_DIR": str(folder)}


def version_2(text: str) -> str:
    bumped, n_version = re.subn(r"^version: 1$", "version: 2", text, flags=re.MULTILINE)
    renamed, n_action = re.subn(
        r"^  - name: start_onderzoek$", "  - name: begin_onderzoek", bumped, flags=re.MULTILINE
    )
    assert (n_version, n_action) == (1, 1)
    return renamed


def open_under(cli: Cli, kvk: str, env: dict[str, str]) -> int:
    result = ok(cli("case", "open", "--provider", kvk, "--on", "2025-03-03", "--by", BY, env=env))
    return int(result.stdout.strip())


def test_a_case_opened_under_version_1_keeps_following_it_after_version_2_is_installed(
    cli: Cli, tmp_path: Path
) -> None:
    source = JEUGDWET_V1_YAML.read_text(encoding="utf-8")
    v1 = install(tmp_path / "workflows-v1", source)
    v2 = install(tmp_path / "workflows-v2", version_2(source))
    kvk = add_provider(cli, FOCUS)
    listed_v1 = as_json(cli("workflow", "list", "--json", env=v1))
    assert [(w["name"], w["version"]) for w in listed_v1] == [("jeugdwet", 1)]
    old = open_under(cli, kvk, v1)

    # Only version 2 is installed from here on; version 1 lives on in the database.
    listed_v2 = as_json(cli("workflow", "list", "--json", env=v2))
    assert [(w["name"], w["version"]) for w in listed_v2] == [("jeugdwet", 2)]
    shown = as_json(cli("case", "show", str(old), "--json", env=v2))
    assert shown["workflow_version"] == 1
    assert shown["allowed_actions"] == ["start_onderzoek"]
    refused(
        cli("case", "do", str(old), "begin_onderzoek", "--on", "2025-03-10", "--by", BY, env=v2),
        "begin_onderzoek",
        "start_onderzoek",
    )
    moved = ok(
        cli("case", "do", str(old), "start_onderzoek", "--on", "2025-03-10", "--by", BY, env=v2)
    )
    assert "signaal → onderzoek" in moved.stdout, describe(moved)
    after = as_json(cli("case", "show", str(old), "--json", env=v2))
    assert (after["state"], after["workflow_version"]) == ("onderzoek", 1)
    diagram = ok(cli("workflow", "diagram", "jeugdwet", "--case", str(old), env=v2)).stdout
    assert "%% jeugdwet version 1" in diagram and ": start_onderzoek" in diagram

    new = open_under(cli, kvk, v2)
    fresh = as_json(cli("case", "show", str(new), "--json", env=v2))
    assert fresh["workflow_version"] == 2
    assert fresh["allowed_actions"] == ["begin_onderzoek"]
    refused(
        cli("case", "do", str(new), "start_onderzoek", "--on", "2025-03-10", "--by", BY, env=v2),
        "start_onderzoek",
        "begin_onderzoek",
    )
    begun = ok(
        cli("case", "do", str(new), "begin_onderzoek", "--on", "2025-03-10", "--by", BY, env=v2)
    )
    assert "signaal → onderzoek" in begun.stdout, describe(begun)
    listed = {row["id"]: row["workflow_version"] for row in as_json(cli("case", "list", "--json"))}
    assert listed == {old: 1, new: 2}


def test_a_workflows_folder_that_does_not_exist_is_refused_naming_it(
    cli: Cli, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder"

    result = cli("workflow", "list", env={"ESCALATION_WORKFLOWS_DIR": str(missing)})

    refused(result, tr("the folder {folder} does not exist", folder=missing))
