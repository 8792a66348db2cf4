"""Bad input: a plain refusal with exit 1 (user error) or 2 (misuse), and nothing half-done."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from escalation import i18n
from tests.e2e.helpers import (
    BY,
    FOCUS,
    TO_RAPPORT,
    Cli,
    add_provider,
    describe,
    do,
    error_prefix,
    history,
    isolate,
    make_cli,
    ok,
    only_version_1,
    open_case,
    refused,
    show,
    walk,
)
from tests.i18n_helpers import Tr, tr

AANWIJZING_CASE = 1  # in voornemen_aanwijzing: geef_aanwijzing is next
LAST_CASE = 2  # in voornemen_last: leg_last_onder_dwangsom_op is next


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database with one case before geef_aanwijzing and one before the last onder dwangsom.

    Built once for the module, in Dutch, and used by the tests in both languages: what a test
    compares (JSON) does not depend on the language it was built in.
    """
    folder = tmp_path_factory.mktemp("template")
    path = folder / "cases.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, folder / "xdg-data")
        only_version_1(mp, folder / "workflows-v1")  # the ladder as these cases know it
        mp.setenv(i18n.ENV_VAR, i18n.DEFAULT_LANGUAGE)
        cli = make_cli(path, init=True)
        kvk = add_provider(cli, FOCUS)
        first = open_case(cli, kvk)
        walk(cli, first, TO_RAPPORT)
        ok(do(cli, first, "kondig_aanwijzing_aan", "2024-12-13"))
        second = open_case(cli, kvk)
        walk(cli, second, TO_RAPPORT)
        ok(
            do(
                cli,
                second,
                "stel_verscherpt_toezicht_in",
                "2024-12-06",
                "duur=7 maanden",
                "verbeterplan_uiterlijk=2025-02-03",
            )
        )
        ok(do(cli, second, "kondig_last_aan", "2025-02-10"))
        assert (first, second) == (AANWIJZING_CASE, LAST_CASE)
    i18n.set_language(None)  # the CLI set it from the settings; each test sets its own
    yield path


@pytest.fixture
def prepared(template: Path, db_path: Path, cli: Cli) -> Cli:
    shutil.copyfile(template, db_path)
    return cli


def snapshot(cli: Cli) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    return [(show(cli, c), history(cli, c)) for c in (AANWIJZING_CASE, LAST_CASE)]


def do_args(case: int, action: str, *sets: str, on: str = "2025-01-31") -> list[str]:
    args = ["case", "do", str(case), action, "--on", on, "--by", BY]
    for s in sets:
        args += ["--set", s]
    return args


NALEVING = "nalevingstermijn=3 maanden"
LAST = ("begunstigingstermijn=4 weken", "per=week", "maximum=10.000")
NO_CASE_99 = Tr("No case {case}. `escalation case list` shows the cases.", case=99)


@dataclass(frozen=True)
class Bad:
    args: list[str]
    needles: tuple[object, ...]


# The messages below are the domain's, not yet in the catalog: the needles are the parts that
# read the same in both languages (names, numbers, dates, the input echoed back).
USER_ERRORS = {
    "unknown case id in case do": Bad(do_args(99, "start_onderzoek"), (NO_CASE_99,)),
    "unknown case id in case show": Bad(["case", "show", "99"], (NO_CASE_99,)),
    "unknown case id in case history": Bad(["case", "history", "99"], (NO_CASE_99,)),
    "action not allowed in the current state": Bad(
        do_args(AANWIJZING_CASE, "start_hertoets"),
        ("'voornemen_aanwijzing'", "start_hertoets", "geef_aanwijzing"),
    ),
    "unknown action name": Bad(
        do_args(AANWIJZING_CASE, "vlieg_weg"), ("vlieg_weg", "geef_aanwijzing", "start_hertoets")
    ),
    "missing required parameter": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing"), ("nalevingstermijn", "--set")
    ),
    "unknown parameter": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing", NALEVING, "boete=500"),
        ("boete", "nalevingstermijn", "verzonden"),
    ),
    "impossible date in --on": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing", NALEVING, on="2025-02-30"),
        ("2025-02-30", "28"),
    ),
    "two-digit year in --on": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing", NALEVING, on="31-01-25"),
        ("31-01-25", "2025-01-31", "31-01-2025"),
    ),
    "impossible date in a date parameter": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing", NALEVING, "verzonden=2025-13-01"),
        ("verzonden", "2025-13-01"),
    ),
    "action dated before the case was opened": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing", NALEVING, on="2024-08-30"),
        ("2024-09-02", "2024-08-30"),
    ),
    "misspelt term unit": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing", "nalevingstermijn=6 wekken"),
        ("nalevingstermijn", "wekken", "'weken'"),
    ),
    "zero term": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing", "nalevingstermijn=0 weken"),
        ("nalevingstermijn", "0 weken"),
    ),
    "explicit compliance date before the dagtekening": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing", "nalevingstermijn=2025-01-15"),
        ("naleving", "2025-01-15"),
    ),
    "malformed money": Bad(
        do_args(LAST_CASE, "leg_last_onder_dwangsom_op", "bedrag=veel", *LAST, on="2025-02-24"),
        ("bedrag", "veel"),
    ),
    "zero money": Bad(
        do_args(LAST_CASE, "leg_last_onder_dwangsom_op", "bedrag=0", *LAST, on="2025-02-24"),
        ("bedrag", "'0'"),
    ),
    "wrong choice value": Bad(
        do_args(
            LAST_CASE,
            "leg_last_onder_dwangsom_op",
            "bedrag=1.000",
            "begunstigingstermijn=4 weken",
            "per=maand",
            "maximum=10.000",
            on="2025-02-24",
        ),
        ("per", "maand", "week, dag, overtreding"),
    ),
}


@pytest.mark.parametrize("bad", USER_ERRORS.values(), ids=USER_ERRORS.keys())
def test_bad_input_is_refused_with_exit_1_and_a_plain_message_and_nothing_changes(
    prepared: Cli, bad: Bad
) -> None:
    before = snapshot(prepared)

    result = prepared(*bad.args)

    refused(result, *bad.needles)
    assert result.stderr.startswith(error_prefix()), describe(result)
    assert result.stdout == "", describe(result)
    assert snapshot(prepared) == before


MISUSE = {
    "--set without '='": Bad(
        do_args(AANWIJZING_CASE, "geef_aanwijzing", "nalevingstermijn"),
        (Tr("'{item}' is not NAME=VALUE.", item="nalevingstermijn"),),
    ),
    "missing action argument": Bad(
        ["case", "do", str(AANWIJZING_CASE), "--on", "2025-01-31", "--by", BY],
        (Tr("Missing argument {name}.", name="'ACTION'"),),
    ),
    "missing case argument": Bad(
        ["case", "show"], (Tr("Missing argument {name}.", name="'CASE'"),)
    ),
    "case id that is not a number": Bad(
        ["case", "show", "een"],
        ("'CASE'", Tr("Input should be a valid integer, unable to parse string as an integer")),
    ),
    "unknown option": Bad(do_args(AANWIJZING_CASE, "geef_aanwijzing") + ["--bogus"], ("--bogus",)),
}


@pytest.mark.parametrize("bad", MISUSE.values(), ids=MISUSE.keys())
def test_command_misuse_exits_2_with_usage_help_and_nothing_changes(
    prepared: Cli, bad: Bad
) -> None:
    before = snapshot(prepared)

    result = prepared(*bad.args)

    refused(result, *bad.needles, code=2)
    assert tr("Usage: ").strip() in result.output, describe(result)
    assert snapshot(prepared) == before


def test_a_refused_action_after_a_successful_one_leaves_only_the_successful_one(
    prepared: Cli,
) -> None:
    ok(prepared(*do_args(AANWIJZING_CASE, "geef_aanwijzing", NALEVING)))
    before = snapshot(prepared)

    refused(prepared(*do_args(AANWIJZING_CASE, "geef_aanwijzing", NALEVING)), "'aanwijzing'")

    assert snapshot(prepared) == before
    assert before[0][0]["state"] == "aanwijzing"
