"""`case list` pages by default (--limit, --after, --all) and streams --json / --jsonl."""

from __future__ import annotations

import json

from tests.e2e.helpers import Cli, add_provider, as_json, ok, open_case
from tests.e2e.test_besluiten import aanwijzing_given
from tests.i18n_helpers import tr


def _cases(cli: Cli, n: int) -> list[int]:
    kvk = add_provider(cli)
    return [open_case(cli, kvk, title=f"zaak {i}") for i in range(n)]


def test_a_page_says_how_many_follow_and_the_cursor_gives_the_next(cli: Cli) -> None:
    cases = _cases(cli, 5)
    first = ok(cli("case", "list", "--limit", "2"))
    assert "zaak 1" in first.stdout and "zaak 2" not in first.stdout
    assert tr("… {count} more cases; next page: --after {cursor}", count=3, cursor=cases[1]) in (
        first.stdout
    )
    page = as_json(cli("case", "list", "--limit", "2", "--after", cases[1], "--json"))
    assert [c["id"] for c in page] == cases[2:4]
    last = cli("case", "list", "--limit", "2", "--after", cases[3], "--json")
    assert [c["id"] for c in as_json(last)] == cases[4:]
    assert "--after" not in last.stderr  # the last page: nothing follows
    every = as_json(cli("case", "list", "--all", "--json"))
    assert [c["id"] for c in every] == cases


def test_json_of_a_page_is_the_document_it_was_and_the_note_goes_to_stderr(cli: Cli) -> None:
    cases = _cases(cli, 3)
    result = ok(cli("case", "list", "--limit", "2", "--json"))
    page = json.loads(result.stdout)  # still one valid array
    assert json.dumps(page, ensure_ascii=False, indent=2) == result.stdout.rstrip("\n")
    assert [c["id"] for c in page] == cases[:2]
    assert set(page[0]) == {"id", "provider", "state", "workflow", "workflow_version", "title",
                            "handler", "opened_on", "next_due"}  # fmt: skip
    assert f"--after {cases[1]}" in result.stderr
    assert as_json(cli("case", "list", "--state", "onderzoek", "--json")) == []


def test_jsonl_gives_one_object_a_line(cli: Cli) -> None:
    cases = _cases(cli, 3)
    result = ok(cli("case", "list", "--all", "--jsonl"))
    lines = result.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == cases
    assert json.loads(lines[0]) == as_json(cli("case", "list", "--json"))[0]


def test_limit_and_all_together_is_a_usage_error(cli: Cli) -> None:
    result = cli("case", "list", "--limit", "5", "--all")
    assert result.exit_code == 2, result.output
    assert "--all" in result.output


def test_besluit_list_pages_and_refuses_an_unknown_case(cli: Cli) -> None:
    aanwijzing_given(cli)  # two besluiten: the aanwijzing and the openbaarmakingsbesluit
    every = as_json(cli("besluit", "list", "--json"))
    first = ok(cli("besluit", "list", "--limit", "1", "--json"))
    assert json.loads(first.stdout) == every[:1]
    assert f"--after {every[0]['id']}" in first.stderr
    rest = ["besluit", "list", "--limit", "1", "--after", every[0]["id"], "--jsonl"]
    assert [json.loads(line) for line in ok(cli(*rest)).stdout.splitlines()] == every[1:]
    result = cli("besluit", "list", "--case", "99")
    assert result.exit_code == 1 and "99" in result.output


def test_case_list_of_a_signal_and_an_unknown_signal_refused(cli: Cli) -> None:
    kvks = [add_provider(cli, (f"Aanbieder {c}", f"5000000{i}", "jeugdhulpaanbieder"))
            for i, c in enumerate("AB")]  # fmt: skip
    ok(cli("signaal", "open", "--title", "Thema", "--subjects", ",".join(kvks)))
    open_case(cli, add_provider(cli))  # case 3: not of the signal

    listed = as_json(cli("case", "list", "--signaal", "1", "--json"))
    page = ok(cli("case", "list", "--signaal", "1", "--limit", "1"))

    assert [c["id"] for c in listed] == [1, 2]
    assert "--after 1" in page.output  # one more of the signal, not two
    assert "1 " in page.output and tr("… {count} more cases; next page: --after {cursor}",
                                      count=1, cursor=1) in page.output  # fmt: skip
    result = cli("case", "list", "--signaal", "7")
    assert result.exit_code == 1 and "7" in result.output and "Traceback" not in result.output
