"""A case follows the stored text of its workflow version; an edited file that keeps the
version is refused ("raise the version") and changes nothing for running cases (issue 9)."""

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
    deadlines_by_kind,
    do,
    ok,
    refused,
    show,
)
from tests.i18n_helpers import tr

# The default term to react to the draft report: 2 weeks in version 1 as written.
DEFAULT = "- {name: reactietermijn, type: term, default: 2 weken,"


def install(folder: Path, text: str) -> dict[str, str]:
    folder.mkdir(exist_ok=True)
    (folder / "jeugdwet.yaml").write_text(text, encoding="utf-8")
    return {"ESCALATION_WORKFLOWS_DIR": str(folder)}


def edited(text: str, *, version: int = 1) -> str:
    """Version 1 with the default term changed from 2 to 9 weeks (and the given version)."""
    assert text.count(DEFAULT) == 1
    changed = text.replace(DEFAULT, DEFAULT.replace("2 weken", "9 weken"))
    return re.sub(r"^version: 1$", f"version: {version}", changed, count=1, flags=re.MULTILINE)


def open_under(cli: Cli, kvk: str, env: dict[str, str]) -> int:
    result = ok(cli("case", "open", "--provider", kvk, "--on", "2024-09-02", "--by", BY, env=env))
    return int(result.stdout.strip())


def changed_message(folder: Path, *, next_version: int = 2) -> str:
    return tr(
        "{file}: the text of workflow {name} version {version} differs from the text stored "
        "when its first case was opened, which its cases keep following. Raise the version "
        "(version: {next}) to put the change into use.",
        file=folder / "jeugdwet.yaml",
        name="jeugdwet",
        version=1,
        next=next_version,
    )


def test_a_case_keeps_the_stored_rules_when_its_file_is_edited_without_a_new_version(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "workflows"
    env = install(folder, JEUGDWET_V1_YAML.read_text(encoding="utf-8"))
    case = open_under(cli, add_provider(cli, FOCUS), env)
    ok(do(cli, case, "start_onderzoek", "2024-09-16"))
    install(folder, edited(JEUGDWET_V1_YAML.read_text(encoding="utf-8")))

    ok(
        cli(
            "case", "do", case, "verstuur_conceptrapport", "--on", "2024-11-15", "--by", BY, env=env
        )
    )

    reaction = deadlines_by_kind(show(cli, case))["reactie_conceptrapport"]
    assert reaction["due"] == "2024-11-29"  # two weeks, as stored; not nine


def test_a_new_case_under_an_edited_file_with_the_same_version_is_refused(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "workflows"
    env = install(folder, JEUGDWET_V1_YAML.read_text(encoding="utf-8"))
    kvk = add_provider(cli, FOCUS)
    open_under(cli, kvk, env)
    install(folder, edited(JEUGDWET_V1_YAML.read_text(encoding="utf-8")))
    before = as_json(cli("case", "list", "--json"))

    result = cli("case", "open", "--provider", kvk, "--on", "2024-09-02", "--by", BY, env=env)

    refused(result, changed_message(folder))
    assert as_json(cli("case", "list", "--json")) == before


def test_workflow_list_and_validate_name_an_edited_file_as_refused(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "workflows"
    env = install(folder, JEUGDWET_V1_YAML.read_text(encoding="utf-8"))
    open_under(cli, add_provider(cli, FOCUS), env)
    install(folder, edited(JEUGDWET_V1_YAML.read_text(encoding="utf-8")))

    listed = cli("workflow", "list", "--json", env=env)
    table = cli("workflow", "list", env=env)
    checked = cli("workflow", "validate", folder / "jeugdwet.yaml", env=env)

    assert [(w["name"], w["version"], w["refused"]) for w in as_json(listed)] == [
        ("jeugdwet", 1, True)
    ]
    assert tr("(changed without a new version: refused)") in ok(table).stdout
    assert tr("Warning: {warning}", warning=changed_message(folder)) in table.stderr
    refused(checked, changed_message(folder))


def test_raising_the_version_puts_the_change_into_use_for_new_cases_only(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "workflows"
    source = JEUGDWET_V1_YAML.read_text(encoding="utf-8")
    env = install(folder, source)
    kvk = add_provider(cli, FOCUS)
    old = open_under(cli, kvk, env)
    (folder / "jeugdwet-2.yaml").write_text(edited(source, version=2), encoding="utf-8")

    new = open_under(cli, kvk, env)
    for case in (old, new):
        ok(do(cli, case, "start_onderzoek", "2024-09-16"))
        ok(
            cli(
                "case",
                "do",
                case,
                "verstuur_conceptrapport",
                "--on",
                "2024-11-15",
                "--by",
                BY,
                env=env,
            )
        )

    due = {c: deadlines_by_kind(show(cli, c))["reactie_conceptrapport"]["due"] for c in (old, new)}
    assert due == {old: "2024-11-29", new: "2025-01-17"}
    listed = as_json(cli("workflow", "list", "--json", env=env))
    assert [(w["version"], w["refused"]) for w in listed] == [(1, False), (2, False)]
