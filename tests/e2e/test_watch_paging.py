"""`deadlines` and `reminders` page like `case list`: --limit, a (day:id) cursor, --all, --jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks.data import TODAY, build
from tests.e2e.helpers import Cli, as_json, make_cli, ok
from tests.i18n_helpers import tr

MORE_DEADLINES = "… {count} more deadlines; next page: --after {cursor}"
MORE_REMINDERS = "… {count} more reminders; next page: --after {cursor}"


@pytest.fixture
def agenda(tmp_path: Path) -> Cli:
    """7 cases with one naleving deadline each (ids 1..7): 1-3 due on one day (10 March),
    4-5 passed (2 March), 6-7 later; so the order is (due, id): 4 5 1 2 3 6 7."""
    path = tmp_path / "agenda.sqlite"
    build(path, 8, due=3, passed=2, today=TODAY).dispose()
    return make_cli(path)


@pytest.fixture
def outbox(tmp_path: Path, cli: Cli) -> Cli:
    """The demo after a tick in September: a dozen reminders, two planned on one day."""
    path = tmp_path / "demo.sqlite"
    ok(cli("demo", "--db", path, db=None))
    demo = make_cli(path)
    ok(demo("tick", "--today", "2025-09-01", "--force"))
    return demo


def _walk(cli: Cli, *args: str, limit: int) -> tuple[list[Any], list[str]]:
    """Every page of `limit` rows, following the cursor each page prints; and the cursors."""
    found: list[Any] = []
    after: list[str] = []
    cursors: list[str] = []
    while True:
        result = ok(cli(*args, "--limit", limit, *after, "--json"))
        found += json.loads(result.stdout)
        more = re.search(r"--after (\S+)", result.stderr)
        if more is None:
            return found, cursors
        cursors.append(more.group(1))
        after = ["--after", more.group(1)]


def test_deadlines_page_by_due_day_and_id_without_overlap(agenda: Cli) -> None:
    args = ("deadlines", "--today", TODAY.isoformat())
    every = as_json(agenda(*args, "--all", "--json"))
    assert [d["case"] for d in every] == [5, 6, 2, 3, 4, 7, 8]
    assert [d["due"] for d in every] == sorted(d["due"] for d in every)
    first = ok(agenda(*args, "--limit", "3"))
    note = tr(MORE_DEADLINES, count=4, cursor=f"{every[2]['due']}:1")
    assert note in first.stdout
    pages, cursors = _walk(agenda, *args, limit=2)
    assert pages == every  # no row twice, none left out, ties on one day kept apart by id
    assert len(cursors) == 3 and cursors[0].startswith(every[1]["due"])
    jsonl = ok(agenda(*args, "--jsonl")).stdout.splitlines()
    assert [json.loads(line) for line in jsonl] == every  # 7 rows: one default page of 50


def test_deadlines_json_page_is_one_document_and_filters_still_apply(agenda: Cli) -> None:
    args = ("deadlines", "--today", TODAY.isoformat())
    result = ok(agenda(*args, "--limit", "2", "--json"))
    page = json.loads(result.stdout)
    assert json.dumps(page, ensure_ascii=False, indent=2) == result.stdout.rstrip("\n")
    assert "days_left" in page[0] and "--after" in result.stderr
    one = as_json(agenda(*args, "--case", "4", "--json"))
    assert [d["case"] for d in one] == [4]
    until = as_json(agenda(*args, "--until", "2025-03-09", "--limit", "1", "--json"))
    assert len(until) == 1 and until[0]["due"] == "2025-03-02"


@pytest.mark.parametrize("cursor", ["12", "2025-13-01:1", "2025-03-10:x", "2025-03-10:-1"])
def test_a_bad_cursor_is_a_usage_error(agenda: Cli, cursor: str) -> None:
    for command in ("deadlines", "reminders"):
        result = agenda(command, "--after", cursor)
        assert result.exit_code == 2, result.output
        assert "--after" in result.output and "2025-03-01:1234" in result.output


def test_limit_and_all_together_is_a_usage_error(agenda: Cli) -> None:
    for command in ("deadlines", "reminders"):
        result = agenda(command, "--limit", "5", "--all")
        assert result.exit_code == 2, result.output


def test_reminders_page_by_planned_day_and_id(outbox: Cli) -> None:
    every = as_json(outbox("reminders", "--all", "--json"))
    assert len(every) >= 5
    keys = [(r["planned_on"], r["id"]) for r in every]
    assert keys == sorted(keys)
    first = ok(outbox("reminders", "--limit", "2"))
    cursor = f"{every[1]['planned_on']}:{every[1]['id']}"
    assert tr(MORE_REMINDERS, count=len(every) - 2, cursor=cursor) in first.stdout
    pages, cursors = _walk(outbox, "reminders", limit=2)
    assert pages == every and cursors[0] == cursor
    jsonl = ok(outbox("reminders", "--all", "--jsonl")).stdout.splitlines()
    assert [json.loads(line) for line in jsonl] == every
    default = ok(outbox("reminders"))
    assert "--after" not in default.stdout  # fewer than a page of 50: no note


def test_reminders_filters_page_too(outbox: Cli) -> None:
    every = as_json(outbox("reminders", "--all", "--json"))
    superseded = [r for r in every if r["status"] == "superseded"]
    assert len(superseded) >= 2
    pages, _cursors = _walk(outbox, "reminders", "--status", "superseded", limit=1)
    assert pages == superseded
    assert as_json(outbox("reminders", "--case", "2", "--json")) == [
        r for r in every if r["case_id"] == 2
    ]
