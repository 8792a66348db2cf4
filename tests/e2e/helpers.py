"""Helpers for the end-to-end tests: run `escalation`, check refusals, build cases, and the
text the CLI shows in the current language (the tests run in Dutch and in English)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pytest
from typer.testing import CliRunner, Result

from escalation import i18n
from escalation.cli import app
from escalation.formatting import short_day
from tests.i18n_helpers import tr

REPO = Path(__file__).resolve().parents[2]
JEUGDWET_YAML = REPO / "workflows" / "jeugdwet.yaml"
# Version 1, which its cases keep following (installed beside the newest).
JEUGDWET_V1_YAML = REPO / "workflows" / "jeugdwet-1.yaml"

# Every case command that takes --by gets this one; nothing depends on the logged-in user.
BY = "e2e-jurist"

FOCUS = ("Focus-Jeugd & Gezin B.V.", "87654321", "jeugdhulpaanbieder")
JBN = ("Stichting Jeugdbescherming Noord", "04075970", "gecertificeerde-instelling")

# The steps that bring a case opened on 2024-09-02 to 'rapport' (dates as in the demo).
TO_RAPPORT = (
    ("start_onderzoek", "2024-09-16"),
    ("verstuur_conceptrapport", "2024-11-15"),
    ("stel_rapport_vast", "2024-12-06"),
)
OPENED_ON = "2024-09-02"


class Cli(Protocol):
    def __call__(
        self, *args: object, env: Mapping[str, str] | None = None, db: Path | None = ...
    ) -> Result: ...


def isolate(monkeypatch: pytest.MonkeyPatch, data_home: Path) -> None:
    """Clear the ESCALATION_* settings and point the user data folder at `data_home`."""
    for name in (
        "ESCALATION_DATABASE_URL",
        "ESCALATION_WORKFLOWS_DIR",
        "ESCALATION_HOLIDAYS_FILE",
        "ESCALATION_USER",
        "ESCALATION_TIMEZONE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("COLUMNS", "200")


def only_version_1(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Install only version 1 of the jeugdwet workflow: new cases open under its rules.

    For the tests of version 1's own rules (its cases keep them after version 2 came).
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / JEUGDWET_V1_YAML.name).write_bytes(JEUGDWET_V1_YAML.read_bytes())
    monkeypatch.setenv("ESCALATION_WORKFLOWS_DIR", str(folder))


def make_cli(db_path: Path, *, init: bool = False) -> Cli:
    """A runner for `escalation --db db_path ...`; `init` creates the database first."""
    runner = CliRunner()

    def run(
        *args: object, env: Mapping[str, str] | None = None, db: Path | None = db_path
    ) -> Result:
        argv = ["--db", str(db)] if db is not None else []
        argv += [str(a) for a in args]
        return runner.invoke(app, argv, env=dict(env) if env else None)

    if init:
        ok(run("init"))
    return run


# --- the text the CLI shows in the current language ------------------------------------------


def day(iso: str) -> str:
    """A date as tables and lines show it: 'vr 31-01-2025' / 'Fri 31-01-2025'."""
    return short_day(date.fromisoformat(iso))


def trn(singular: str, plural: str, n: int, **fields: object) -> str:
    """`tr` for a message with a plural: the form for `n`, {n} and the other fields filled in.

    Raises:
        LookupError: the message is not in the Dutch catalog (see tests/i18n_helpers.tr).
    """
    messages: dict[object, str] = getattr(i18n.catalog("nl"), "_catalog", {})
    if (singular, 0) not in messages:
        raise LookupError(f"not a plural message of the Dutch catalog: {singular!r}")
    return i18n.ngettext(singular, plural, n).format(n=n, **fields)


def error_prefix() -> str:
    """'Fout: ' / 'Error: ': how a refusal starts on stderr."""
    return tr("Error: {message}", message="")


def field(text: str, label: str) -> str:
    """The value of the line 'Label:  value' of `case show` (label: its English msgid)."""
    start = tr(label) + ":"
    found = [line[len(start) :].strip() for line in text.splitlines() if line.startswith(start)]
    assert len(found) == 1, f"no single line {start!r} in:\n{text}"
    return found[0]


# --- assertions -----------------------------------------------------------------------------


def describe(result: Result) -> str:
    return (
        f"exit {result.exit_code}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n"
        f"{result.stderr}\n--- exception ---\n{result.exception!r}"
    )


def ok(result: Result) -> Result:
    assert result.exit_code == 0, describe(result)
    return result


def crashed(result: Result) -> bool:
    """An exception other than a deliberate exit escaped the command (a bug, not a refusal)."""
    return result.exception is not None and not isinstance(result.exception, SystemExit)


def refused(result: Result, *needles: object, code: int = 1) -> str:
    """The command stopped with `code`, as a plain message (no traceback) naming every needle."""
    assert result.exit_code == code, describe(result)
    assert not crashed(result), describe(result)
    text = result.output
    assert "Traceback" not in text, describe(result)
    assert text.strip(), describe(result)
    for needle in map(str, needles):  # a needle may be a Tr: the text in the current language
        assert needle in text, f"{needle!r} not in the message.\n{describe(result)}"
    return text


def as_json(result: Result) -> Any:
    ok(result)
    return json.loads(result.stdout)


# --- building cases -------------------------------------------------------------------------


# Every provider the helpers add has a postal address: a letter without one stays a draft.
ADDRESS = "Stationsplein 1, 3511 ED Utrecht"


def add_provider(cli: Cli, provider: tuple[str, str, str] = FOCUS) -> str:
    name, kvk, kind = provider
    ok(cli("provider", "add", name, "--kvk", kvk, "--kind", kind, "--adres", ADDRESS))
    return kvk


def open_case(cli: Cli, kvk: str, *, on: str = OPENED_ON, title: str | None = None) -> int:
    extra: list[str] = ["--title", title] if title else []
    result = ok(cli("case", "open", "--provider", kvk, "--on", on, "--by", BY, *extra))
    return int(result.stdout.strip())


def do(
    cli: Cli,
    case: int,
    action: str,
    on: str,
    *sets: str,
    reason: str | None = None,
    json_out: bool = False,
) -> Result:
    args: list[str] = ["case", "do", str(case), action, "--on", on, "--by", BY]
    for s in sets:
        args += ["--set", s]
    if reason is not None:
        args += ["--reason", reason]
    if json_out:
        args.append("--json")
    return cli(*args)


def walk(cli: Cli, case: int, steps: Iterable[tuple[str, str]]) -> None:
    for action, on in steps:
        ok(do(cli, case, action, on))


def show(cli: Cli, case: int) -> dict[str, Any]:
    data: dict[str, Any] = as_json(cli("case", "show", str(case), "--json"))
    return data


def history(cli: Cli, case: int) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = as_json(cli("case", "history", str(case), "--json"))
    return data


def deadlines_by_kind(detail: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The newest deadline of each kind in `case show --json`."""
    found: dict[str, dict[str, Any]] = {}
    for d in detail["deadlines"]:
        found[d["kind"]] = d
    return found
