"""`escalation demo`: the two seed scenarios, then the database they leave behind."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.helpers import as_json, day, deadlines_by_kind, describe, make_cli, ok, refused
from tests.i18n_helpers import tr


def deadline_line(kind: str, due: str) -> str:
    return tr("deadline {kind}: {due}", kind=kind, due=day(due))


def test_demo_walks_both_scenarios_and_leaves_a_database_the_other_commands_read(
    tmp_path: Path,
) -> None:
    demo_db = tmp_path / "demo.sqlite"
    run = make_cli(demo_db)

    out = ok(run("demo", "--db", str(demo_db), db=None)).stdout

    assert deadline_line("naleving", "2025-04-30") in out, out
    assert deadline_line("bezwaar", "2025-03-14") in out, out
    assert deadline_line("verbeterplan", "2025-09-08") in out, out
    assert deadline_line("einde_verscherpt_toezicht", "2026-02-09") in out, out
    lines = out.splitlines()
    step = tr(
        "[case {case}] {day} {action}", case=1, day=day("2025-04-14"), action="start_hertoets"
    )
    refused_at = lines.index(tr("{step}: REFUSED, as the law requires.", step=step))
    # The reason is the domain's message (not in the catalog yet): its names and dates.
    reason = lines[refused_at + 1]
    assert "'naleving'" in reason and "2025-04-30" in reason, out
    assert demo_db.is_file()

    focus = as_json(run("case", "show", "1", "--json"))
    assert focus["id"] == 1
    assert focus["provider"]["kvk"] == "87654321"
    assert focus["state"] == "hertoets"
    focus_due = {k: d["due"] for k, d in deadlines_by_kind(focus).items()}
    assert focus_due["naleving"] == "2025-04-30"
    assert focus_due["bezwaar"] == "2025-03-14"
    assert focus_due["publicatie_embargo"] == "2025-02-14"

    jbn = as_json(run("case", "show", "2", "--json"))
    assert jbn["state"] == "verscherpt_toezicht"
    for deadline in jbn["deadlines"]:
        assert {"kind", "due", "status", "basis", "steps"} <= set(deadline), deadline
    jbn_deadlines = deadlines_by_kind(jbn)
    assert jbn_deadlines["verbeterplan"]["due"] == "2025-09-08"
    assert jbn_deadlines["verbeterplan"]["status"] == "met"  # ontvang_verbeterplan on 2025-09-05
    assert jbn_deadlines["verbeterplan"]["basis"] == "fixed"
    assert jbn_deadlines["einde_verscherpt_toezicht"]["due"] == "2026-02-09"
    assert jbn_deadlines["einde_verscherpt_toezicht"]["basis"] == "self-set"
    assert jbn_deadlines["einde_verscherpt_toezicht"]["steps"]


def test_a_second_demo_on_the_same_explicit_file_is_refused_and_leaves_the_file_untouched(
    tmp_path: Path,
) -> None:
    demo_db = tmp_path / "demo.sqlite"
    run = make_cli(demo_db)
    ok(run("demo", "--db", str(demo_db), db=None))
    before = demo_db.read_bytes()
    mtime = demo_db.stat().st_mtime_ns

    again = run("demo", "--db", str(demo_db), db=None)

    refused(
        again,
        str(demo_db),
        tr("{file} exists; the demo builds a fresh database. Choose another file.", file=demo_db),
    )
    assert tr("Demo database: {path}", path=demo_db) not in again.output, describe(again)
    assert again.stdout == "", describe(again)
    assert demo_db.read_bytes() == before
    assert demo_db.stat().st_mtime_ns == mtime
    assert len(as_json(run("case", "list", "--json"))) == 2


def test_the_demo_publishes_the_zakelijke_weergave_after_the_embargo_and_ticks_past_bezwaar(
    tmp_path: Path,
) -> None:
    demo_db = tmp_path / "demo.sqlite"
    run = make_cli(demo_db)

    out = ok(run("demo", "--db", str(demo_db), db=None)).stdout

    lines = out.splitlines()
    early = tr("[case {case}] {day} {action}", case=1, day=day("2025-02-10"), action="publiceer")
    refused_at = lines.index(tr("{step}: REFUSED, as the law requires.", step=early))
    assert "2025-02-14" in lines[refused_at + 1], out
    openbaar = as_json(run("besluit", "show", "IGJ-2025-000002", "--json"))
    assert openbaar["kind"] == "openbaarmakingsbesluit"
    assert openbaar["gepubliceerd_op"] == "2025-02-17"
    letters = as_json(run("letter", "list", "1", "--json"))
    [weergave] = [x for x in letters if x["template"] == "zakelijke-weergave"]
    # `letter make` drafts it (issue 12); the demo does not send it.
    assert (weergave["on"], weergave["status"]) == ("2025-02-17", "draft")
    assert tr("[case {case}] {day} {action}", case=1, day=day("2025-03-24"), action="tick") in out
    # The tick on 2025-03-24 (bezwaar term to 2025-03-14 + the postal week, Awb 6:9 lid 2)
    # finds no bezwaar: the aanwijzing is onherroepelijk and its bezwaar term lapsed.
    aanwijzing = as_json(run("besluit", "show", "IGJ-2025-000001", "--json"))
    assert aanwijzing["status"] == "onherroepelijk"
    line = tr("besluit {besluit} ({kind}): {status}", besluit="IGJ-2025-000001",
              kind="aanwijzing", status="onherroepelijk")  # fmt: skip
    assert line in out, out
    focus = as_json(run("case", "show", "1", "--json"))
    bezwaar = [d for d in focus["deadlines"] if d["kind"] == "bezwaar"]
    assert bezwaar and all(d["status"] == "lapsed" for d in bezwaar), bezwaar
    assert "bezwaar" not in {d["kind"] for d in as_json(run("deadlines", "--overdue", "--json"))}
