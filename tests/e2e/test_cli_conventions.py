"""The command line behaves as a jurist expects: exit codes, --version, --json, lookups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from escalation import __version__, i18n
from tests.e2e.helpers import (
    BY,
    FOCUS,
    JBN,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    do,
    ok,
    open_case,
    refused,
    walk,
)
from tests.i18n_helpers import Tr, tr


def test_version_prints_the_package_version(cli: Cli) -> None:
    result = ok(cli("--version", db=None))

    assert result.stdout.strip() == f"escalation {__version__}"


def test_remind_without_a_ladder_or_default_is_command_line_misuse(cli: Cli) -> None:
    case = open_case(cli, add_provider(cli))

    refused(
        cli("case", "remind", str(case), "naleving"),
        Tr("give either --ladder STEPS or --default."),
        code=2,
    )


def test_statutory_and_self_set_together_is_command_line_misuse(cli: Cli) -> None:
    result = cli("term", "2025-11-13", "6 weken", "--statutory", "--self-set")

    refused(result, "--self-set", Tr("a term is either statutory or self-set."), code=2)


def test_listing_an_unknown_state_names_the_known_states(cli: Cli) -> None:
    add_provider(cli)

    message = refused(cli("case", "list", "--state", "onzin"))

    assert "onzin" in message and "voornemen_aanwijzing" in message and "afgesloten" in message


def test_letter_templates_has_json_with_each_template_and_its_fields(cli: Cli) -> None:
    templates = as_json(cli("letter", "templates", "--json"))

    by_name = {t["name"]: t for t in templates}
    assert by_name["aanwijzing"]["action"] == "geef_aanwijzing"
    assert "dictum" in [i["name"] for i in by_name["aanwijzing"]["inputs"]]


def test_deadlines_of_one_case_only(cli: Cli) -> None:
    first = open_case(cli, add_provider(cli, FOCUS))
    second = open_case(cli, add_provider(cli, JBN))
    for case in (first, second):
        walk(cli, case, TO_RAPPORT)
        ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))

    agenda = as_json(cli("deadlines", "--case", str(second), "--json", "--today", "2024-12-13"))

    assert [(d["case"], d["kind"]) for d in agenda] == [(second, "zienswijze")]


def test_deadlines_of_an_unknown_case_is_refused(cli: Cli) -> None:
    refused(cli("deadlines", "--case", "99"), "99")


def test_a_provider_is_found_by_kvk_alias_or_unique_name_prefix(cli: Cli) -> None:
    name, kvk, kind = FOCUS
    ok(cli("provider", "add", name, "--kvk", kvk, "--kind", kind, "--alias", "Focus"))
    add_provider(cli, JBN)

    by_alias = ok(cli("case", "open", "--provider", "focus", "--on", "2024-09-02", "--by", BY))
    by_prefix = as_json(cli("provider", "show", "stichting jeugd", "--json"))
    listed = as_json(cli("case", "list", "--provider", "Focus", "--json"))

    assert by_prefix["kvk"] == JBN[1]
    assert [c["id"] for c in listed] == [int(by_alias.stdout)]


def test_an_ambiguous_provider_lists_the_candidates(cli: Cli) -> None:
    add_provider(cli, ("Stichting Een", "11111111", "jeugdhulpaanbieder"))
    add_provider(cli, ("Stichting Twee", "22222222", "jeugdhulpaanbieder"))

    message = refused(cli("case", "open", "--provider", "Stichting", "--by", BY))

    assert "11111111" in message and "22222222" in message
    assert json.loads(ok(cli("case", "list", "--json")).stdout) == []


def test_the_language_of_the_settings_file_is_spoken_also_when_input_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    other = "en" if language == "nl" else "nl"
    settings = tmp_path / "settings.toml"
    settings.write_text(f'lang = "{other}"\n', encoding="utf-8")
    monkeypatch.delenv("ESCALATION_LANG")
    case = open_case(cli, add_provider(cli))
    i18n.set_language(None)  # the process starts in the default language, as a fresh one does

    dates = cli("--config", settings, "simulate", "--until", "2025-13-01")
    ladder = cli("--config", settings, "case", "remind", str(case), "naleving", "--ladder", "x")

    i18n.set_language(other)
    refused(dates, tr("there is no month {month}", month=13))
    refused(ladder, tr("Error: {message}", message="").strip())
