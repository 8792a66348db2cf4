"""`escalation case do-many`: one action on many cases, each checked as if done alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import Result

from tests.e2e.helpers import BY, Cli, add_provider, as_json, do, history, ok, open_case, refused

ENV = {"ESCALATION_USER": BY}
ON = "2024-09-16"


def _cases(cli: Cli, n: int) -> list[int]:
    kvk = add_provider(cli)
    return [open_case(cli, kvk) for _ in range(n)]


def _shape(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in e.items() if k not in ("at", "id", "seq", "hash")} for e in events]


def test_do_many_takes_the_action_on_each_case_and_refuses_one_as_case_do_would(
    cli: Cli,
) -> None:
    one, two, three, four = _cases(cli, 4)
    ok(do(cli, two, "start_onderzoek", ON))  # already past the action: refused in the batch
    result = cli("case", "do-many", "start_onderzoek", "--cases", f"{one},{two},{three}",
                 "--on", ON, "--reason", "thema", "--json", env=ENV)  # fmt: skip
    assert result.exit_code == 1, result.output  # a refused case: the script notices
    summary = as_json_any(result)
    assert [d["case"] for d in summary["done"]] == [one, three]
    assert {d["to"] for d in summary["done"]} == {"onderzoek"}
    assert [r["case"] for r in summary["refused"]] == [two]
    assert "start_onderzoek" in summary["refused"][0]["reason"]
    ok(do(cli, four, "start_onderzoek", ON, reason="thema"))
    assert _shape(history(cli, one)) == _shape(history(cli, four))  # as `case do` writes it
    assert len(history(cli, two)) == 2  # opened, its own start_onderzoek: nothing added
    ok(cli("audit", "verify"))  # the hash chain of every case holds


def as_json_any(result: Result) -> Any:
    return json.loads(result.stdout)


def test_do_many_from_a_csv_file_and_by_state(cli: Cli, tmp_path: Path) -> None:
    cases = _cases(cli, 3)
    csv = tmp_path / "zaken.csv"
    csv.write_text(f"zaak\n{cases[0]}\n{cases[2]}\n", encoding="utf-8")
    done = as_json(cli("case", "do-many", "start_onderzoek", "--from", csv, "--on", ON, "--json"))
    assert [d["case"] for d in done["done"]] == [cases[0], cases[2]]
    by_state = cli("case", "do-many", "start_onderzoek", "--state", "signaal", "--on", ON, "--json")
    assert as_json(by_state) == {
        "done": [{"case": cases[1], "from": "signaal", "to": "onderzoek", "letter": None}],
        "refused": [],
    }
    text = ok(cli("case", "do-many", "start_onderzoek", "--state", "signaal", "--on", ON))
    assert "0" in text.stdout  # no case left in signaal: done on none
    listed = as_json(cli("case", "list", "--state", "onderzoek", "--json"))
    assert [c["id"] for c in listed] == cases


def test_do_many_refuses_bad_input_and_writes_nothing(cli: Cli) -> None:
    (case,) = _cases(cli, 1)
    before = history(cli, case)
    refused(cli("case", "do-many", "vlieg_weg", "--cases", case, "--on", ON), "vlieg_weg")
    refused(cli("case", "do-many", "start_onderzoek", "--on", ON), "--cases", code=2)
    both = cli("case", "do-many", "start_onderzoek", "--cases", case, "--state", "signaal")
    refused(both, "--cases", code=2)
    refused(cli("case", "do-many", "start_onderzoek", "--state", "nergens"), "nergens")
    refused(cli("case", "do-many", "start_onderzoek", "--cases", "1,x"), "x")
    assert history(cli, case) == before


def test_do_many_drafts_the_letter_case_do_would(cli: Cli) -> None:
    one, two, three = _cases(cli, 3)
    for case in (one, two, three):
        ok(do(cli, case, "start_onderzoek", ON))
    later = "2024-11-15"
    alone = as_json(do(cli, three, "verstuur_conceptrapport", later, json_out=True))
    result = cli("case", "do-many", "verstuur_conceptrapport", "--cases", f"{one},{two}",
                 "--on", later, "--json", env=ENV)  # fmt: skip
    letters = [d["letter"] for d in as_json(result)["done"]]
    assert alone["letter"] is not None and None not in letters
    shown = [as_json(cli("letter", "show", letter, "--json")) for letter in letters]
    mine = as_json(cli("letter", "show", alone["letter"], "--json"))
    assert {s["template"] for s in shown} == {mine["template"]}
    assert [s["case"] for s in shown] == [one, two]


def test_do_many_by_someone_and_for_the_cases_of_a_signal(cli: Cli) -> None:
    kvks = [add_provider(cli, (f"Aanbieder {c}", f"4000000{i}", "jeugdhulpaanbieder"))
            for i, c in enumerate("AB")]  # fmt: skip
    ok(cli("signaal", "open", "--title", "Thema", "--subjects", ",".join(kvks), "--on", ON))
    other = open_case(cli, add_provider(cli))  # not in the signal

    done = as_json(cli("case", "do-many", "start_onderzoek", "--signaal", "1", "--on", ON,
                       "--by", "anna", "--json"))  # fmt: skip

    assert sorted(d["case"] for d in done["done"]) == [1, 2] and done["refused"] == []
    assert [e["by"] for e in history(cli, 1)][-1] == "anna"
    assert len(history(cli, other)) == 1  # only its opening
