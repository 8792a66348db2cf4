"""`escalation demo`: the two seed scenarios, then the database they leave behind."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.helpers import as_json, day, deadlines_by_kind, describe, make_cli, ok, refused
from tests.i18n_helpers import tr


def deadline_line(kind: str, due: str) -> str:
    return tr("deadline {kind}: {due}", kind=kind, due=day(due))


def step_line(case: int, provider: str, iso: str, action: str) -> str:
    return tr(
        "[case {case}, {provider}] {day} {action}",
        case=case,
        provider=provider,
        day=day(iso),
        action=action,
    )


def test_demo_walks_both_scenarios_and_leaves_a_database_the_other_commands_read(
    tmp_path: Path,
) -> None:
    demo_db = tmp_path / "demo.sqlite"
    run = make_cli(demo_db)

    out = ok(run("demo", "--db", str(demo_db), db=None)).stdout

    assert deadline_line("naleving", "2025-04-30") in out, out
    assert deadline_line("bezwaar", "2025-03-14") in out, out
    assert deadline_line("verbeterplan", "2025-09-08") in out, out
    # Assumed start 16 July 2025 (the seed dates only the talk of 9 July): seven months.
    assert deadline_line("einde_verscherpt_toezicht", "2026-02-16") in out, out
    assert deadline_line("eindbeoordeling", "2026-01-19") in out, out
    lines = out.splitlines()
    step = step_line(1, "Focus", "2025-04-14", "start_hertoets")
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
    # The first verbeterplan (8 September) was received, assessed "aanvullen" by 17 October,
    # received again and assessed "akkoord".
    plans = [(d["due"], d["status"]) for d in jbn["deadlines"] if d["kind"] == "verbeterplan"]
    assert plans == [("2025-09-08", "met"), ("2025-10-17", "met")], plans
    assert jbn_deadlines["verbeterplan"]["basis"] == "fixed"
    assert jbn_deadlines["einde_verscherpt_toezicht"]["due"] == "2026-02-16"
    assert jbn_deadlines["einde_verscherpt_toezicht"]["basis"] == "self-set"
    assert jbn_deadlines["einde_verscherpt_toezicht"]["steps"]
    assert (
        jbn_deadlines["eindbeoordeling"]["due"],
        jbn_deadlines["eindbeoordeling"]["status"],
    ) == (
        "2026-01-19",
        "open",
    )


def test_the_demo_names_the_providers_and_says_what_it_assumes_where_the_seeds_are_silent(
    tmp_path: Path,
) -> None:
    demo_db = tmp_path / "demo.sqlite"
    run = make_cli(demo_db)

    out = ok(run("demo", "--db", str(demo_db), db=None)).stdout

    lines = out.splitlines()
    focus_head = tr(
        "Case {case}: {provider} (KvK {kvk}): {title}",
        case=1,
        provider="Focus-Jeugd & Gezin B.V.",
        kvk="87654321",
        title="Aanwijzing Focus-Jeugd & Gezin (seed 000)",
    )
    jbn_head = tr(
        "Case {case}: {provider} (KvK {kvk}): {title}",
        case=2,
        provider="Stichting Jeugdbescherming Noord en Veilig Thuis Groningen",
        kvk="04075970",
        title="Verscherpt toezicht Jeugdbescherming Noord, JB/JR (seed 001)",
    )
    assert focus_head in lines and jbn_head in lines, out
    assert lines.index(focus_head) < lines.index(jbn_head)
    focus_notes = "\n".join(lines[lines.index(focus_head) : lines.index(jbn_head)])
    # The aanwijzing's own date is "[datum] 2025" in seed 000: 31 January is assumed.
    assert '"[datum] 2025"' in focus_notes and "31" in focus_notes, focus_notes
    jbn_notes = "\n".join(lines[lines.index(jbn_head) : lines.index(jbn_head) + 3])
    for needle in ("Inspectie Gezondheidszorg en Jeugd", "Inspectie Justitie en Veiligheid",
                   "(JB/JR)", "Veilig Thuis Groningen", "9", "16"):  # fmt: skip
        assert needle in jbn_notes, (needle, jbn_notes)
    # Every step names its provider.
    steps = [line for line in lines if line.startswith(("[case ", "[zaak "))]
    assert steps and all(", Focus]" in s or ", JBN]" in s for s in steps), steps
    assert (
        step_line(2, "JBN", "2025-07-16", "stel_verscherpt_toezicht_in")
        + (": rapport → verscherpt_toezicht")
        in lines
    ), out
    for action in ("beoordeel_verbeterplan", "ontvang_voortgangsrapportage"):
        assert any(action in s for s in steps), action
    # Nothing in the demo says progress is reported monthly, and the letter says "periodiek".
    assert "monthly" not in out.replace("not on a fixed monthly schedule", "")
    letters = as_json(run("letter", "list", "2", "--json"))
    [vt] = [x for x in letters if x["template"] == "verscherpt-toezicht"]
    text = ok(run("letter", "show", str(vt["id"]))).stdout
    assert "volledigheid, ambitie en realisme" in text, text
    assert "periodiek te worden geïnformeerd" in text and "afzonderlijk geïnformeerd" in text
    assert "elke maand" not in text
    assert "Voor het einde van de periode van het verscherpt toezicht" in text
    # A joint case of IGJ and Inspectie JenV: the letter speaks as "de inspecties", carries
    # both letterheads and is signed by both.
    assert as_json(run("case", "show", "2", "--json"))["co_organisations"] == ["JENV"]
    assert (
        "De Inspectie Gezondheidszorg en Jeugd en de Inspectie Justitie en Veiligheid (hierna: "
        "de inspecties) stellen Stichting Jeugdbescherming Noord en Veilig Thuis Groningen"
    ) in " ".join(text.split()), text
    assert "De inspecties toetsen het plan op volledigheid, ambitie en realisme" in text
    head, signed = text.split("Geachte heer, mevrouw,")[0], text.split("stellen ")[-1]
    assert "Inspectie Justitie en Veiligheid" in head and "Inspectie Gezondheidszorg" in head
    assert "de Inspectie Gezondheidszorg en Jeugd,\nde hoofdinspecteur Jeugd\nen\n" in signed
    assert "de Inspectie Justitie en Veiligheid,\nde hoofdinspecteur" in signed


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
    early = step_line(1, "Focus", "2025-02-10", "publiceer")
    refused_at = lines.index(tr("{step}: REFUSED, as the law requires.", step=early))
    assert "2025-02-14" in lines[refused_at + 1], out
    openbaar = as_json(run("besluit", "show", "IGJ-2025-000002", "--json"))
    assert openbaar["kind"] == "openbaarmakingsbesluit"
    assert openbaar["gepubliceerd_op"] == "2025-02-17"
    letters = as_json(run("letter", "list", "1", "--json"))
    [weergave] = [x for x in letters if x["template"] == "zakelijke-weergave"]
    # `letter make` drafts it (issue 12); the demo does not send it.
    assert (weergave["on"], weergave["status"]) == ("2025-02-17", "draft")
    assert step_line(1, "Focus", "2025-03-24", "tick") in out
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
