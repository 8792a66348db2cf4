"""`escalation demo`: the two seed scenarios, then the database they leave behind."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.helpers import as_json, deadlines_by_kind, describe, make_cli, ok, refused
from tests.i18n_helpers import tr


def test_demo_walks_both_scenarios_and_leaves_a_database_the_other_commands_read(
    tmp_path: Path,
) -> None:
    demo_db = tmp_path / "demo.sqlite"
    run = make_cli(demo_db)

    out = ok(run("demo", "--db", str(demo_db), db=None)).stdout

    assert "deadline naleving: 2025-04-30" in out, out
    assert "deadline bezwaar: 2025-03-14" in out, out
    assert "deadline verbeterplan: 2025-09-08" in out, out
    assert "deadline einde_verscherpt_toezicht: 2026-02-09" in out, out
    refusal = [line for line in out.splitlines() if "2025-04-14" in line]
    assert refusal and "start_hertoets" in refusal[0] and "REFUSED" in refusal[0], out
    assert "'naleving' deadline runs until 2025-04-30" in out, out
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
    assert "Demo database" not in again.stdout, describe(again)
    assert demo_db.read_bytes() == before
    assert demo_db.stat().st_mtime_ns == mtime
    assert len(as_json(run("case", "list", "--json"))) == 2
