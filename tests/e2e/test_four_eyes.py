"""Four-eyes on besluiten (issue 13): one person prepares, a second establishes.

A team database (it has users): BY, a teamleider, acts; SECOND, a hoofdinspecteur (the
signer of the aanwijzing in workflow version 4), establishes, recorded by BY on SECOND's
behalf (`--by`). A single jurist's database takes its besluiten at once, as before.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import (
    BY,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    do,
    history,
    ok,
    open_case,
    refused,
    show,
    walk,
)
from tests.i18n_helpers import tr

SECOND = "tweede-jurist"
AANLEIDING = "Focus taxeert risico's niet."
DICTUM = "### Norm 2.1 JIJ-kader\n- Focus maakt een **risicotaxatie** per jeugdige."
THURSDAY, TUESDAY = "2025-01-30", "2025-02-04"  # prepared, established (the next Tuesday)
AANWIJZING = ("nalevingstermijn=3 maanden", f"aanleiding={AANLEIDING}", f"dictum={DICTUM}")
NALEVING = "2025-05-04"  # 3 maanden as the action computes it on Tuesday 4 February
TIED = {"naleving", "bezwaar", "publicatie_embargo", "reactie_openbaarmaking"}


@pytest.fixture(autouse=True)
def team(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A team database: BY (teamleider) acts; SECOND (hoofdinspecteur) signs aanwijzingen."""
    ok(cli("user", "add", BY, "--email", "jurist@igj.example", "--role", "teamleider"))
    monkeypatch.setenv("ESCALATION_USER", BY)
    for who in (SECOND, "derde-jurist"):
        ok(cli("user", "add", who, "--email", "hi@igj.example", "--role", "hoofdinspecteur"))


def prepared(cli: Cli, *sets: str) -> int:
    """A case whose aanwijzing was prepared by BY on a Thursday (with `sets`: those only)."""
    case = open_case(cli, add_provider(cli))
    walk(cli, case, TO_RAPPORT)
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))
    ok(do(cli, case, "geef_aanwijzing", THURSDAY, *(sets or AANWIJZING)))
    return case


def besluiten(cli: Cli) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = as_json(cli("besluit", "list", "--json"))
    return data


def vaststellen(cli: Cli, kenmerk: str, by: str = SECOND, *more: str) -> Any:
    return cli("besluit", "vaststellen", kenmerk, "--on", TUESDAY, "--by", by, *more)


def test_the_action_prepares_concepts_its_letter_a_draft_no_deadline_of_theirs(cli: Cli) -> None:
    case = prepared(cli)

    listed = besluiten(cli)
    detail = show(cli, case)
    text = ok(cli("besluit", "list")).stdout
    case_text = ok(cli("case", "show", str(case))).stdout

    assert [(b["kind"], b["status"], b["verzonden"], b["prepared_by"]) for b in listed] == [
        ("aanwijzing", "concept", None, BY),
        ("openbaarmakingsbesluit", "concept", None, BY),
    ]
    assert detail["state"] == "aanwijzing"  # the case is at that step (docs/decisions.md)
    assert not TIED & {d["kind"] for d in detail["deadlines"] if d["status"] == "open"}
    [letter] = [r for r in detail["letters"] if r["template"] == "aanwijzing"]
    assert letter["status"] == "draft"
    assert tr("concept, prepared by {by}", by=BY) in text
    assert tr(" (awaits vaststelling, prepared by {by})", by=BY) in case_text
    assert [s["besluit"] for s in detail["watch"] if s["does"] == "vaststelling"] == [
        b["kenmerk"] for b in listed
    ]
    assert [e["type"] for e in history(cli, case) if e["type"].startswith("besluit_")] == [
        "besluit_prepared",
        "besluit_prepared",
    ]


def test_the_same_person_cannot_establish_what_they_prepared(cli: Cli) -> None:
    case = prepared(cli)
    before = show(cli, case)
    kenmerk = besluiten(cli)[0]["kenmerk"]

    result = vaststellen(cli, kenmerk, BY)

    refused(result, tr("Besluit {kenmerk} was prepared by {by}; a second person must establish "
                       "it (four-eyes).", kenmerk=kenmerk, by=BY))  # fmt: skip
    assert show(cli, case) == before


def test_a_second_person_establishes_the_letter_is_sent_and_deadlines_run_from_verzonden(
    cli: Cli,
) -> None:
    case = prepared(cli)
    [aanwijzing, openbaar] = besluiten(cli)

    done = as_json(vaststellen(cli, aanwijzing["kenmerk"], SECOND, "--json"))

    # Both besluiten of the action (one letter) are established together.
    assert [(b["kenmerk"], b["status"], b["verzonden"], b["established_by"]) for b in
            done["besluiten"]] == [
        (aanwijzing["kenmerk"], "bezwaartermijn", TUESDAY, SECOND),
        (openbaar["kenmerk"], "bezwaartermijn", TUESDAY, SECOND),
    ]  # fmt: skip
    assert sorted(d["kind"] for d in done["deadlines"]) == sorted([*TIED, "bezwaar"])
    due = {(d["kind"], k): d["due"] for k in (aanwijzing["kenmerk"], openbaar["kenmerk"])
           for d in as_json(cli("besluit", "show", k, "--json"))["deadlines"]}  # fmt: skip
    # Awb 6:8: from the day after verzonden (Wed 5 February), six weeks: Tuesday 18 March.
    assert due[("bezwaar", aanwijzing["kenmerk"])] == "2025-03-18"
    assert due[("bezwaar", openbaar["kenmerk"])] == "2025-03-18"
    assert due[("publicatie_embargo", openbaar["kenmerk"])] == "2025-02-18"
    assert due[("naleving", aanwijzing["kenmerk"])] == NALEVING
    detail = show(cli, case)
    [letter] = [r for r in detail["letters"] if r["template"] == "aanwijzing"]
    assert letter["status"] == "sent" and letter["on"] == TUESDAY
    sent = as_json(cli("letter", "show", letter["id"], "--json"))
    assert sent["context"]["verzonden"] == "4 februari 2025"
    assert sent["context"]["zaak"]["kenmerk"] == aanwijzing["kenmerk"]
    events = [(e["type"], e["by"]) for e in history(cli, case) if e["type"].startswith("besluit_")]
    assert events == [("besluit_prepared", BY)] * 2 + [("besluit_established", SECOND)] * 2
    assert [e["details"]["template"] for e in history(cli, case)
            if e["type"] == "letter_sent"][-1] == "aanwijzing"  # fmt: skip


def test_establishing_twice_is_refused_naming_by_whom_and_when(cli: Cli) -> None:
    prepared(cli)
    [aanwijzing, openbaar] = besluiten(cli)
    ok(vaststellen(cli, aanwijzing["kenmerk"]))

    again = vaststellen(cli, openbaar["kenmerk"], "derde-jurist")

    refused(again, openbaar["kenmerk"], SECOND, tr("Besluit {kenmerk} was already established by "
            "{by} on {day}.", kenmerk=openbaar["kenmerk"], by=SECOND,
            day=_long(date(2025, 2, 4))))  # fmt: skip


def test_a_concept_gets_no_bezwaar_and_its_letter_is_not_sent_by_hand(
    cli: Cli, tmp_path: Path
) -> None:
    case = prepared(cli)
    kenmerk = besluiten(cli)[0]["kenmerk"]
    [letter] = [r for r in show(cli, case)["letters"] if r["template"] == "aanwijzing"]

    bezwaar = cli("bezwaar", "add", kenmerk, "--ontvangen", "2025-02-10", "--by", SECOND)
    send = cli("letter", "send", letter["id"], "--by", SECOND)

    remade = cli("letter", "make", case, "aanwijzing", "--by", SECOND, "--out", tmp_path / "out")

    refused(bezwaar, kenmerk, f"escalation besluit vaststellen {kenmerk}")
    refused(send, kenmerk, f"escalation besluit vaststellen {kenmerk}")
    ok(remade)
    assert besluiten(cli)[0]["status"] == "concept"
    [again] = [r for r in show(cli, case)["letters"] if r["template"] == "aanwijzing"]
    assert (again["id"], again["status"]) == (letter["id"], "draft")


def _long(d: date) -> str:
    from escalation.formatting import long_day

    return long_day(d)


def test_losing_the_race_to_establish_writes_nothing_and_says_so(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from escalation.storage.besluit_mapping import SqlBesluitRepository

    case = prepared(cli)
    before = show(cli, case)
    kenmerk = besluiten(cli)[0]["kenmerk"]
    # Another user's conditional UPDATE came first (the PostgreSQL contract test runs it for real).
    monkeypatch.setattr(SqlBesluitRepository, "claim_concepts", lambda *_a, **_k: False)

    result = vaststellen(cli, kenmerk)

    refused(result, tr("Someone else changed besluit {kenmerk} at the same time; try again.",
                       kenmerk=kenmerk))  # fmt: skip
    assert show(cli, case) == before


def test_a_concept_aanwijzing_does_not_count_for_a_last(cli: Cli) -> None:
    case = prepared(cli)
    ok(do(cli, case, "start_hertoets", "2025-02-03"))  # no naleving runs yet to wait for

    result = do(cli, case, "kondig_last_aan", "2025-02-05")

    refused(result, tr("the case has no besluit of the kind {kinds}", kinds="aanwijzing / bevel"))


def test_a_prepared_last_gets_its_ledger_when_established(cli: Cli) -> None:
    case = prepared(cli)
    ok(vaststellen(cli, besluiten(cli)[0]["kenmerk"]))
    ok(do(cli, case, "start_hertoets", "2025-05-05"))
    ok(do(cli, case, "kondig_last_aan", "2025-07-01"))
    ok(do(cli, case, "leg_last_onder_dwangsom_op", "2025-07-31", "bedrag=1000", "per=week",
          "maximum=10000", "begunstigingstermijn=2025-08-29",
          "verbeurt=per_begonnen_eenheid", "last=Focus maakt een risicotaxatie."))  # fmt: skip
    [last] = [b for b in besluiten(cli) if b["kind"] == "last_onder_dwangsom"]

    before = cli("dwangsom", "show", case, "--on", "2025-08-01")  # no ledger while a concept

    ok(cli("besluit", "vaststellen", last["kenmerk"], "--on", "2025-08-01", "--by", SECOND))

    assert last["status"] == "concept" and before.exit_code == 1
    book = as_json(cli("dwangsom", "show", case, "--on", "2025-08-02", "--json"))
    assert last["kenmerk"] in str(book)
    kinds = [d["kind"] for d in show(cli, case)["deadlines"] if d["status"] == "open"]
    assert "begunstigingstermijn" in kinds


def test_a_letter_lacking_a_field_keeps_the_besluit_a_concept_until_edited(
    cli: Cli, tmp_path: Path
) -> None:
    case = prepared(cli, "nalevingstermijn=3 maanden", f"aanleiding={AANLEIDING}")  # no dictum
    before = show(cli, case)
    kenmerk = besluiten(cli)[0]["kenmerk"]
    [letter] = [r for r in before["letters"] if r["template"] == "aanwijzing"]

    result = vaststellen(cli, kenmerk)
    refused(result, "dictum", f"letter edit {letter['id']}", f"besluit vaststellen {kenmerk}")
    assert show(cli, case) == before
    # The draft of a concept is edited as if established on the day prepared (its deadlines).
    block = "\n".join("  " + line for line in DICTUM.splitlines())
    document = f"aanleiding: |\n  {AANLEIDING}\ndictum: |\n{block}\n"
    ok(cli("letter", "edit", letter["id"], env=_editor(tmp_path / "editor", document)))
    ok(vaststellen(cli, kenmerk))
    sent = as_json(cli("letter", "show", letter["id"], "--json"))
    assert sent["status"] == "sent" and sent["context"]["dictum"] == DICTUM


def _editor(folder: Path, document: str) -> dict[str, str]:
    """An EDITOR that replaces the file it is given by `document`."""
    folder.mkdir()
    (folder / "doc.yaml").write_text(document, encoding="utf-8")
    script = folder / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        f"pathlib.Path(sys.argv[1]).write_text(pathlib.Path({str(folder / 'doc.yaml')!r})"
        ".read_text())\n",
        encoding="utf-8",
    )
    return {"EDITOR": f"{sys.executable} {script}"}


def test_verzonden_later_than_the_day_established_moves_the_terms_not_the_dagtekening(
    cli: Cli,
) -> None:
    case = prepared(cli)
    kenmerk = besluiten(cli)[0]["kenmerk"]

    ok(vaststellen(cli, kenmerk, SECOND, "--verzonden", "2025-02-05", "--reason", "post"))

    shown = as_json(cli("besluit", "show", kenmerk, "--json"))
    assert (shown["dagtekening"], shown["verzonden"]) == (TUESDAY, "2025-02-05")
    assert [d["due"] for d in shown["deadlines"] if d["kind"] == "bezwaar"] == ["2025-03-19"]
    [sent] = [e for e in history(cli, case) if e["type"] == "letter_sent"
              and e["details"]["template"] == "aanwijzing"]  # fmt: skip
    assert sent["on"] == "2025-02-05"
    early = cli("besluit", "vaststellen", besluiten(cli)[1]["kenmerk"], "--on", TUESDAY,
                "--verzonden", "2025-02-03", "--by", "derde-jurist")  # fmt: skip
    refused(early, tr("--verzonden {sent} is before the day the besluit is established ({day}).",
                      sent=_long(date(2025, 2, 3)), day=_long(date(2025, 2, 4))))  # fmt: skip
