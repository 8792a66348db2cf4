"""Findings per norm through the CLI: frameworks, the editor flow (a real $EDITOR subprocess),
import, show, the hertoets per norm, and the dictum per norm of the letters that follow."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.e2e.helpers import (
    BY,
    FOCUS,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    deadlines_by_kind,
    do,
    history,
    ok,
    open_case,
    refused,
    show,
    walk,
)

THREE_BELOW = """\
framework: jij
findings:
  - norm: "1.1"
    judgement: voldoet_niet
    tekortkomingen: Er is geen gedeeld en actueel beeld van de jeugdige.
    maatregelen:
      - Leg een gedeeld beeld van de context van de jeugdige vast in het cliëntdossier.
  - norm: "2.1"
    judgement: voldoet_grotendeels_niet
    maatregelen:
      - Maak voor iedere jeugdige een risicotaxatie.
  - norm: "2.3"
    judgement: voldoet_niet
    maatregelen:
      - Stel een persoonlijk plan op voor iedere jeugdige.
"""

# Line 4 holds the fault: a judgement that is not on the scale.
BAD_JUDGEMENT = """\
framework: jij
findings:
  - norm: "1.1"
    judgement: slecht
"""

EDITOR_SCRIPT = """\
import os, sys
from pathlib import Path
docs = os.environ["FINDINGS_DOCS"].split(os.pathsep)
count = Path(os.environ["FINDINGS_COUNT"])
n = int(count.read_text()) if count.exists() else 0
count.write_text(str(n + 1))
Path(sys.argv[1]).write_text(Path(docs[min(n, len(docs) - 1)]).read_text(encoding="utf-8"),
                             encoding="utf-8")
"""


def editor(tmp_path: Path, *docs: str) -> dict[str, str]:
    """An $EDITOR that writes docs[0] on its first run, docs[1] on its second, and so on."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    paths = []
    for i, doc in enumerate(docs):
        path = tmp_path / f"doc-{i}.yaml"
        path.write_text(doc, encoding="utf-8")
        paths.append(str(path))
    return {
        "EDITOR": f"{sys.executable} {script}",
        "FINDINGS_DOCS": ":".join(paths),
        "FINDINGS_COUNT": str(tmp_path / "count"),
    }


def case_in_rapport(cli: Cli) -> int:
    case = open_case(cli, add_provider(cli, FOCUS))
    walk(cli, case, TO_RAPPORT)
    return case


def test_framework_list_and_show_name_the_shipped_frameworks_and_their_norms(cli: Cli) -> None:
    listed = as_json(cli("framework", "list", "--json"))
    shown = as_json(cli("framework", "show", "jij", "--json"))

    assert {f["name"] for f in listed} == {"jij", "jbn"}
    assert [n["id"] for n in shown["norms"]] == ["1.1", "2.1", "2.3"]
    assert shown["norms"][1]["title"].startswith("Hulpverleners maken professionele afwegingen")
    assert "4.1.1 en 7.3.8 Jeugdwet" in shown["norms"][1]["legal_basis"]
    assert set(shown["scale"]) == {
        "voldoet", "voldoet_grotendeels", "voldoet_grotendeels_niet", "voldoet_niet",
        "niet_beoordeeld",
    }  # fmt: skip
    refused(cli("framework", "show", "nope"), "nope", "jij")


def test_findings_round_trip_through_the_editor(cli: Cli, tmp_path: Path) -> None:
    case = case_in_rapport(cli)

    ok(cli("findings", "edit", case, "--framework", "jij", "--by", BY,
           env=editor(tmp_path, THREE_BELOW)))  # fmt: skip
    shown = as_json(cli("findings", "show", case, "--json"))

    assert shown["version"] == 1 and shown["framework"] == "jij"
    assert shown["aanwijzing"] == ["1.1", "2.1", "2.3"]
    assert shown["findings"][0]["maatregelen"] == [
        "Leg een gedeeld beeld van de context van de jeugdige vast in het cliëntdossier."
    ]
    assert [
        e["details"]["version"] for e in history(cli, case) if e["type"] == "findings_recorded"
    ] == [1]


def test_the_editor_is_reopened_on_a_fault_naming_its_line_then_the_fix_is_stored(
    cli: Cli, tmp_path: Path
) -> None:
    case = case_in_rapport(cli)

    result = cli("findings", "edit", case, "--framework", "jij",
                 env=editor(tmp_path, BAD_JUDGEMENT, THREE_BELOW))  # fmt: skip

    ok(result)
    assert "line 4" in result.output or "regel 4" in result.output
    assert "slecht" in result.output
    assert (tmp_path / "count").read_text() == "2"
    assert as_json(cli("findings", "show", case, "--json"))["versions"] == 1


def test_an_unchanged_or_empty_document_or_a_failing_editor_stores_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    case = case_in_rapport(cli)

    for env in ({"EDITOR": "true"}, {"EDITOR": "false"}, editor(tmp_path, "# niets\n")):
        refused(cli("findings", "edit", case, "--framework", "jij", env=env))
    refused(cli("findings", "edit", case, env=editor(tmp_path, BAD_JUDGEMENT)), "--framework")

    refused(cli("findings", "show", case), "findings edit")
    assert not [e for e in history(cli, case) if e["type"] == "findings_recorded"]


def test_import_refuses_a_malformed_document_with_line_and_fault_and_keeps_every_version(
    cli: Cli, tmp_path: Path
) -> None:
    case = case_in_rapport(cli)
    bad, good = tmp_path / "bad.yaml", tmp_path / "good.yaml"
    bad.write_text(BAD_JUDGEMENT.replace("slecht", "voldoet") + '  - norm: "9.9"\n'
                   "    judgement: voldoet\n", encoding="utf-8")  # fmt: skip
    good.write_text(THREE_BELOW, encoding="utf-8")

    refused(cli("findings", "import", case, bad), "9.9", "5")
    refused(cli("findings", "show", case))
    ok(cli("findings", "import", case, good))
    ok(cli("findings", "import", case, good))

    assert as_json(cli("findings", "show", case, "--json"))["versions"] == 2
    first = as_json(cli("findings", "show", case, "--json", "--version", "1"))
    assert first["version"] == 1 and len(first["findings"]) == 3
    refused(cli("findings", "show", case, "--version", "3"), "3")


def case_in_hertoets(cli: Cli, tmp_path: Path) -> int:
    case = case_in_rapport(cli)
    doc = tmp_path / "findings.yaml"
    doc.write_text(THREE_BELOW, encoding="utf-8")
    ok(cli("findings", "import", case, doc))
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    ok(do(cli, case, "start_hertoets", "2025-05-02"))
    return case


def test_two_of_three_norms_met_leads_to_a_voornemen_last_whose_dictum_holds_only_the_third(
    cli: Cli, tmp_path: Path
) -> None:
    case = case_in_hertoets(cli, tmp_path)

    result = ok(cli("findings", "hertoets", case, "--norm", "1.1=voldaan", "--norm",
                    "2.1=voldaan", "--norm", "2.3=niet_voldaan", "--on", "2025-05-02"))  # fmt: skip
    ok(do(cli, case, "kondig_last_aan", "2025-05-06"))
    out = tmp_path / "brieven"
    ok(cli("letter", "make", case, "voornemen-last", "--format", "md", "--out", out,
           "--set", "aanleiding=De hertoets liet zien dat norm 2.3 niet is nageleefd.",
           "--set", "begunstigingstermijn=4 weken", "--set", "bedrag=1000", "--set", "per=week",
           "--set", "maximum=10000"))  # fmt: skip

    assert "kondig_last_aan" in result.output and "2.3" in result.output
    letter = next(out.iterdir()).read_text(encoding="utf-8")
    assert "### Norm 2.3 JIJ-kader. Hulpverleners handelen methodisch" in letter
    assert "- Stel een persoonlijk plan op voor iedere jeugdige." in letter
    assert "Norm 1.1" not in letter and "Norm 2.1" not in letter
    assert deadlines_by_kind(show(cli, case))["naleving"]["status"] == "lapsed"


def test_closing_before_every_norm_is_met_does_not_call_naleving_met(
    cli: Cli, tmp_path: Path
) -> None:
    case = case_in_hertoets(cli, tmp_path)

    ok(do(cli, case, "sluit_af", "2025-05-06", "reden=Overgedragen aan de gemeente."))

    assert deadlines_by_kind(show(cli, case))["naleving"]["status"] != "met"


def test_every_norm_met_proposes_closing_and_only_then_naleving_is_met(
    cli: Cli, tmp_path: Path
) -> None:
    case = case_in_hertoets(cli, tmp_path)
    assert deadlines_by_kind(show(cli, case))["naleving"]["status"] != "met"
    refused(cli("findings", "hertoets", case, "--norm", "1.1=voldaan"), "2.1", "2.3")
    refused(cli("findings", "hertoets", case, "--norm", "4.4=voldaan"), "4.4")
    refused(cli("findings", "hertoets", case, "--norm", "1.1=ja"), "voldaan")
    hertoets = tmp_path / "hertoets.yaml"
    hertoets.write_text('hertoets:\n  "1.1": voldaan\n  "2.1": voldaan\n', encoding="utf-8")

    result = ok(cli("findings", "hertoets", case, "--file", hertoets, "--norm", "2.3=voldaan"))

    assert "sluit_af" in result.output and "kies_regulier_toezicht" in result.output
    assert deadlines_by_kind(show(cli, case))["naleving"]["status"] == "met"
    assert as_json(cli("findings", "show", case, "--json"))["hertoets"]["results"] == {
        "1.1": "voldaan", "2.1": "voldaan", "2.3": "voldaan",
    }  # fmt: skip


def test_the_hertoets_in_the_editor_is_stored_per_norm(cli: Cli, tmp_path: Path) -> None:
    case = case_in_hertoets(cli, tmp_path)
    doc = 'hertoets:\n  "1.1": voldaan\n  "2.1": niet_voldaan\n  "2.3": niet_voldaan\n'

    incomplete = 'hertoets:\n  "1.1": voldaan\n'

    result = ok(cli("findings", "hertoets", case, env=editor(tmp_path, incomplete, doc)))

    assert "2.1, 2.3" in result.output  # the first save named the missing norms
    events = [e for e in history(cli, case) if e["type"] == "hertoets_recorded"]
    assert [(e["details"]["met"], e["details"]["unmet"]) for e in events] == [
        (["1.1"], ["2.1", "2.3"])
    ]


def test_a_hertoets_started_before_the_watch_saw_the_term_pass_is_not_started_again(
    cli: Cli, tmp_path: Path
) -> None:
    case = case_in_hertoets(cli, tmp_path)  # started by hand on 2025-05-02, no tick since

    ticked = ok(cli("tick", "--today", "2025-05-05"))
    shown = show(cli, case)

    assert shown["state"] == "hertoets"
    assert "start_hertoets" not in ticked.output
    assert deadlines_by_kind(shown)["naleving"]["status"] == "lapsed"
    assert len([e for e in history(cli, case) if e.get("action") == "start_hertoets"]) == 1
