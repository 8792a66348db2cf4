"""Issue 9, "every bad input refused before anything is written": each input that was seen to
crash, hang or write nonsense, run through the real command line.

Each case checks the exit code (1 for a bad value, 2 for a command line that cannot be read),
that the message is one line without a traceback, and that the SQLite file is byte-for-byte
what it was (a hash of the file before and after). The database items (--db, read-only, full
disk, PostgreSQL) are in test_bad_database_issue9.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

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
    isolate,
    make_cli,
    ok,
    only_version_1,
    open_case,
    refused,
    walk,
)

NALEVING_CASE = 1  # in aanwijzing: the naleving deadline is open
LAST_CASE = 2  # in voornemen_last: leg_last_onder_dwangsom_op is next
BIG = str(10**20)
MAX_ID = "2147483647"
LAST = ("begunstigingstermijn=4 weken", "per=week", "maximum=10.000")
TERM_4300 = "9" * 4300 + " weken"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One case with an open naleving deadline, one before the last onder dwangsom."""
    folder = tmp_path_factory.mktemp("issue9")
    path = folder / "cases.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, folder / "xdg-data")
        mp.setenv(i18n.ENV_VAR, i18n.DEFAULT_LANGUAGE)
        only_version_1(mp, folder / "workflows-v1")  # the ladder as version 1 walks it
        cli = make_cli(path, init=True)
        kvk = add_provider(cli, FOCUS)
        first = open_case(cli, kvk)
        walk(cli, first, (*TO_RAPPORT, ("kondig_aanwijzing_aan", "2024-12-13")))
        ok(do(cli, first, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
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
        assert (first, second) == (NALEVING_CASE, LAST_CASE)
    i18n.set_language(None)
    yield path


@pytest.fixture
def prepared(template: Path, db_path: Path, cli: Cli) -> Cli:
    shutil.copyfile(template, db_path)
    return cli


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Bad:
    args: tuple[str, ...]
    needles: tuple[str, ...] = ()
    code: int = 1
    env: Mapping[str, str] = field(default_factory=dict)


def _do(
    case: int, action: str, *sets: str, on: str = "2025-02-24", by: str = BY
) -> tuple[str, ...]:
    args = ["case", "do", str(case), action, "--on", on, "--by", by]
    for s in sets:
        args += ["--set", s]
    return tuple(args)


def _last(amount: str) -> tuple[str, ...]:
    return _do(LAST_CASE, "leg_last_onder_dwangsom_op", f"bedrag={amount}", *LAST)


def _provider(name: str, kvk: str = "11111111", *extra: str) -> tuple[str, ...]:
    return ("provider", "add", name, "--kvk", kvk, "--kind", "jeugdhulpaanbieder", *extra)


def _move(to: str, *extra: str) -> tuple[str, ...]:
    return ("case", "move-deadline", str(NALEVING_CASE), "naleving", "--to", to, *extra)


_REASON = ("--reason", "uitstel gevraagd", "--by", BY)

IDS = {
    "case show": ("case", "show", BIG),
    "case history": ("case", "history", BIG),
    "case do": ("case", "do", BIG, "start_hertoets", "--by", BY),
    "case assign": ("case", "assign", BIG, "anna", "--by", BY),
    "case remind": ("case", "remind", BIG, "naleving", "--default"),
    "case move-deadline": ("case", "move-deadline", BIG, "naleving", "--to", "2 weken"),
    "letter list": ("letter", "list", BIG),
    "letter make": ("letter", "make", BIG, "aanwijzing"),
    "letter show": ("letter", "show", BIG),
    "deadlines --case": ("deadlines", "--case", BIG),
    "reminders --case": ("reminders", "--case", BIG),
    "reminders --limit": ("reminders", "--limit", BIG),
    "workflow show --version": ("workflow", "show", "jeugdwet", "--version", BIG),
    "workflow diagram --case": ("workflow", "diagram", "jeugdwet", "--case", BIG),
    "besluit list --case": ("besluit", "list", "--case", BIG),
    "vovo list --case": ("vovo", "list", "--case", BIG),
    "dwangsom show": ("dwangsom", "show", BIG),
    "dwangsom verbeurd": ("dwangsom", "verbeurd", BIG, "--tot", "2025-03-03", "--reason", "r"),
    "findings show": ("findings", "show", BIG),
    "findings show --version": ("findings", "show", "1", "--version", BIG),
    "findings edit": ("findings", "edit", BIG, "--framework", "jij"),
    "findings import": ("findings", "import", BIG, "bevindingen.yaml"),
    "findings hertoets": ("findings", "hertoets", BIG, "--norm", "1.1=voldaan"),
    "framework show --version": ("framework", "show", "jij", "--version", BIG),
}

BAD: dict[str, Bad] = {
    **{f"id 10^20 in {name}": Bad(args, (MAX_ID,), code=2) for name, args in IDS.items()},
    "calendar 10000": Bad(("calendar", "10000"), ("2014", "2099", "10000")),
    "findings import of a missing file": Bad(
        ("findings", "import", "1", "geen-bevindingen.yaml"), ("geen-bevindingen.yaml",)
    ),
    "findings show of a case without findings": Bad(("findings", "show", "1"), ("findings edit",)),
    "findings hertoets of a case without findings": Bad(
        ("findings", "hertoets", "1", "--norm", "1.1=voldaan"), ("findings edit",)
    ),
    "findings hertoets --norm without =": Bad(
        ("findings", "hertoets", "1", "--norm", "1.1"), ("--norm",), code=2
    ),
    "framework show of an unknown framework": Bad(("framework", "show", "geen"), ("jij", "jbn")),
    "calendar 20255": Bad(("calendar", "20255"), ("2014", "2099", "20255")),
    "move-deadline --to 9999-12-31": Bad(_move("9999-12-31", *_REASON), ("2099-12-31",)),
    "simulate in the year 9999": Bad(
        ("simulate", "--today", "9999-12-20", "--until", "9999-12-31"), ("2099-12-31",)
    ),
    "a term of 4300 digits (term)": Bad(("term", "2025-01-31", TERM_4300), ("9999",)),
    "a term of 4300 digits (move-deadline)": Bad(_move(TERM_4300, *_REASON), ("9999",)),
    "action dated in the year 1": Bad(
        _do(LAST_CASE, "leg_last_onder_dwangsom_op", "bedrag=1.000", *LAST, on="0001-01-01"),
        ("0001-01-01", "2014-01-01", "2099-12-31"),
    ),
    "action dated in the year 9999": Bad(
        _do(LAST_CASE, "leg_last_onder_dwangsom_op", "bedrag=1.000", *LAST, on="9999-01-04"),
        ("9999-01-04", "2099-12-31"),
    ),
    "term counted from the year 1": Bad(("term", "0001-01-01", "6 weken"), ("2014-01-01",)),
    "KvK with a line break": Bad(_provider("Tweede B.V.", "87654321\n"), ("KvK",)),
    "KvK in full-width digits": Bad(_provider("Tweede B.V.", "８７６５４３２１"), ("0-9",)),
    "KvK in Arabic-Indic digits": Bad(_provider("Tweede B.V.", "٨٧٦٥٤٣٢١"), ("0-9",)),
    "amount 0.001": Bad(_last("0.001"), ("0.001",)),
    "amount 1e6": Bad(_last("1e6"), ("1e6",)),
    "amount 1_000": Bad(_last("1_000"), ("1_000",)),
    "amount 1E400": Bad(_last("1E400"), ("1E400",)),
    "amount of 32 digits": Bad(_last("1" * 32), ("999,99",)),
    "--on ''": Bad(_do(NALEVING_CASE, "start_hertoets", on=""), ()),
    "--today '' (tick)": Bad(("tick", "--today", ""), ()),
    "--today '' (deadlines)": Bad(("deadlines", "--today", ""), ()),
    "--until '' (simulate)": Bad(("simulate", "--until", ""), ()),
    "--until '' (deadlines)": Bad(("deadlines", "--until", ""), ()),
    "a repeated --set": Bad(_last("1.000") + ("--set", "bedrag=2.000"), ("bedrag",), code=2),
    "--statutory --self-set": Bad(
        ("term", "2025-01-31", "6 weken", "--statutory", "--self-set"), ("--self-set",), code=2
    ),
    "--ladder ''": Bad(("case", "remind", "1", "naleving", "--ladder", ""), ("''",)),
    "--by '   '": Bad(("case", "assign", "1", "anna", "--by", "   "), ("--by",)),
    "ESCALATION_SMTP_TIMEOUT_SECONDS=0": Bad(
        ("case", "list"),
        ("ESCALATION_SMTP_TIMEOUT_SECONDS",),
        env={"ESCALATION_SMTP_TIMEOUT_SECONDS": "0"},
    ),
    "ESCALATION_SMTP_TIMEOUT_SECONDS=-1": Bad(
        ("case", "list"),
        ("ESCALATION_SMTP_TIMEOUT_SECONDS",),
        env={"ESCALATION_SMTP_TIMEOUT_SECONDS": "-1"},
    ),
    "ANSI escape in a provider name": Bad(_provider("Rood \x1b[31mB.V."), ("U+001B",)),
    "right-to-left override in a provider name": Bad(_provider("Focus\u202eV.B"), ("U+202E",)),
    "line break in a provider name": Bad(_provider("Focus\nBcc: x@evil.example"), ()),
    "bidi isolate in an alias": Bad(
        _provider("Tweede B.V.", "11111111", "--alias", "a\u2067b"), ("U+2067",)
    ),
    "carriage return in a title": Bad(
        ("case", "open", "--provider", FOCUS[1], "--title", "a\rb", "--by", BY), ()
    ),
    "line break in a handler": Bad(("case", "assign", "1", "anna\nx@evil.example", "--by", BY), ()),
    "ANSI escape in --by": Bad(("case", "assign", "1", "anna", "--by", "\x1b[2Jx"), ("U+001B",)),
    "ANSI escape in a reason": Bad(
        _move("2 weken", "--reason", "ok\x1b[8m", "--by", BY), ("U+001B",)
    ),
    "a name longer than its column": Bad(_provider("X" * 301), ("301", "300")),
    "a handler longer than its column": Bad(
        ("case", "assign", "1", "a" * 101, "--by", BY), ("100",)
    ),
}


@pytest.mark.parametrize("bad", BAD.values(), ids=BAD.keys())
def test_issue9_bad_input_is_refused_in_one_line_and_the_database_file_is_unchanged(
    prepared: Cli, db_path: Path, bad: Bad
) -> None:
    before = digest(db_path)

    result = prepared(*bad.args, env=bad.env)

    text = refused(result, *bad.needles, code=bad.code)
    if bad.code == 1:
        assert result.stdout == "", describe(result)
        assert len(result.stderr.strip().splitlines()) == 1, describe(result)
        assert result.stderr.startswith(error_prefix()), describe(result)
    else:
        assert "\n" not in _error_message(text), describe(result)
    assert digest(db_path) == before


def _error_message(text: str) -> str:
    """The message inside click's error box (one line of the box's inside)."""
    inside = [line.strip("│ ") for line in text.splitlines() if line.startswith("│")]
    return " ".join(inside) if inside else text.strip()


def test_config_at_a_folder_is_refused(prepared: Cli, db_path: Path, tmp_path: Path) -> None:
    before = digest(db_path)

    result = prepared("--config", str(tmp_path), "case", "list", db=None)

    refused(result, str(tmp_path))
    assert len(result.stderr.strip().splitlines()) == 1, describe(result)
    assert digest(db_path) == before


def test_a_non_utf8_argument_is_refused_before_anything_runs(
    template: Path, tmp_path: Path, language: str
) -> None:
    db = tmp_path / "copy.sqlite"
    shutil.copyfile(template, db)
    env = {**os.environ, "ESCALATION_LANG": language, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    name = b"Focus \xff B.V."  # Latin-1, not UTF-8
    argv = [sys.executable.encode(), b"-m", b"escalation", b"--db", bytes(db)]
    argv += [name if a == "x" else a.encode() for a in _provider("x")]

    result = subprocess.run(argv, capture_output=True, env=env, timeout=60, check=False)

    message = result.stderr.decode("utf-8")
    assert result.returncode == 2, message
    assert "Traceback" not in message
    assert message.count("\n") == 1 and "UTF-8" in message and "\\xff" in message, message
    assert digest(db) == digest(template)
