"""`escalation case open | list | show | history`."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import (
    BY,
    FOCUS,
    JBN,
    OPENED_ON,
    Cli,
    add_provider,
    as_json,
    day,
    do,
    field,
    history,
    ok,
    open_case,
    show,
)
from tests.i18n_helpers import tr


def test_opening_a_case_prints_only_its_integer_id_on_stdout(cli: Cli) -> None:
    kvk = add_provider(cli, FOCUS)

    first = ok(cli("case", "open", "--provider", kvk, "--on", OPENED_ON, "--by", BY))
    second = ok(cli("case", "open", "--provider", kvk, "--on", OPENED_ON, "--by", BY))

    assert first.stdout.strip().isdigit(), first.stdout
    assert int(second.stdout.strip()) == int(first.stdout.strip()) + 1
    assert first.stdout.strip().splitlines() == [first.stdout.strip()]


def test_case_list_filters_by_state_and_by_provider(cli: Cli) -> None:
    focus = add_provider(cli, FOCUS)
    jbn = add_provider(cli, JBN)
    a = open_case(cli, focus, title="Focus one")
    b = open_case(cli, focus, title="Focus two")
    c = open_case(cli, jbn, title="JBN one")
    ok(do(cli, b, "start_onderzoek", "2024-09-16"))

    everything = as_json(cli("case", "list", "--json"))
    assert sorted(row["id"] for row in everything) == [a, b, c]
    in_onderzoek = as_json(cli("case", "list", "--state", "onderzoek", "--json"))
    assert [row["id"] for row in in_onderzoek] == [b]
    in_signaal = as_json(cli("case", "list", "--state", "signaal", "--json"))
    assert sorted(row["id"] for row in in_signaal) == [a, c]
    of_focus = as_json(cli("case", "list", "--provider", focus, "--json"))
    assert sorted(row["id"] for row in of_focus) == [a, b]
    assert {row["provider"]["kvk"] for row in of_focus} == {focus}
    both = as_json(cli("case", "list", "--provider", jbn, "--state", "signaal", "--json"))
    assert [row["id"] for row in both] == [c]
    assert as_json(cli("case", "list", "--state", "afgesloten", "--json")) == []

    table = ok(cli("case", "list", "--provider", jbn)).stdout
    assert "JBN one" in table and JBN[0] in table
    assert "Focus one" not in table and FOCUS[0] not in table
    assert tr("(none)") in ok(cli("case", "list", "--state", "afgesloten")).stdout


@pytest.mark.usefixtures("version_1")
def test_case_show_gives_state_workflow_provider_actions_deadlines_and_history(cli: Cli) -> None:
    kvk = add_provider(cli, FOCUS)
    case = open_case(cli, kvk, title="Aanwijzing Focus")
    ok(do(cli, case, "start_onderzoek", "2024-09-16"))
    ok(do(cli, case, "verstuur_conceptrapport", "2024-11-15"))

    detail = show(cli, case)

    assert detail["id"] == case
    assert detail["state"] == "conceptrapport"
    assert detail["workflow"] == "jeugdwet"
    assert detail["workflow_version"] == 1
    assert detail["provider"] == {"name": FOCUS[0], "kvk": FOCUS[1]}
    assert detail["allowed_actions"] == ["stel_rapport_vast"]
    [deadline] = detail["deadlines"]
    assert {"kind", "due", "status", "basis"} <= set(deadline)
    assert deadline["kind"] == "reactie_conceptrapport"
    assert deadline["due"] == "2024-11-29"
    assert deadline["status"] == "open"
    assert deadline["basis"] == "self-set"
    actions = [e for e in detail["history"] if e["action"] and e["type"] == "action_taken"]
    assert [(e["action"], e["from"], e["to"], e["on"], e["by"]) for e in actions] == [
        ("start_onderzoek", "signaal", "onderzoek", "2024-09-16", BY),
        ("verstuur_conceptrapport", "onderzoek", "conceptrapport", "2024-11-15", BY),
    ]
    for event in detail["history"]:
        assert {"action", "from", "to", "on", "by"} <= set(event), event

    human = ok(cli("case", "show", str(case))).stdout
    name, kvk, kind = FOCUS
    label = tr("KvK {number}", number=kvk)
    heading = tr(
        "Case {case}: {provider} ({label}, {kind})",
        case=case,
        provider=name,
        label=label,
        kind=kind,
    )
    assert human.startswith(heading + "\n")
    assert field(human, "Title") == "Aanwijzing Focus"
    assert field(human, "State") == "conceptrapport"
    version = tr("{workflow} version {version}", workflow="jeugdwet", version=1)
    assert field(human, "Workflow") == version
    assert field(human, "Allowed") == "stel_rapport_vast"
    [line] = [line for line in human.splitlines() if line.startswith("  reactie_conceptrapport ")]
    assert day("2024-11-29") in line and tr("open") in line and tr("self-set") in line, line
    assert "verstuur_conceptrapport: onderzoek → conceptrapport" in human


@pytest.mark.usefixtures("version_1")
def test_case_history_is_append_only_each_action_adds_entries_and_keeps_the_earlier_ones(
    cli: Cli,
) -> None:
    kvk = add_provider(cli, FOCUS)
    case = open_case(cli, kvk)
    opened = history(cli, case)
    assert [(e["type"], e["to"], e["on"], e["by"]) for e in opened] == [
        ("case_opened", "signaal", "2024-09-02", BY)
    ]

    snapshots = [opened]
    for action, on in (
        ("start_onderzoek", "2024-09-16"),
        ("verstuur_conceptrapport", "2024-11-15"),
        ("stel_rapport_vast", "2024-12-06"),
    ):
        ok(do(cli, case, action, on))
        snapshots.append(history(cli, case))

    for earlier, later in zip(snapshots, snapshots[1:], strict=False):
        assert len(later) > len(earlier)
        assert later[: len(earlier)] == earlier
    final = snapshots[-1]
    taken = [
        (e["action"], e["from"], e["to"], e["on"]) for e in final if e["type"] == "action_taken"
    ]
    assert taken == [
        ("start_onderzoek", "signaal", "onderzoek", "2024-09-16"),
        ("verstuur_conceptrapport", "onderzoek", "conceptrapport", "2024-11-15"),
        ("stel_rapport_vast", "conceptrapport", "rapport", "2024-12-06"),
    ]
    deadline_events = [
        (e["type"], e["details"].get("kind")) for e in final if "deadline" in e["type"]
    ]
    assert deadline_events == [
        ("deadline_set", "reactie_conceptrapport"),
        ("deadline_met", "reactie_conceptrapport"),
    ]

    human = ok(cli("case", "history", str(case))).stdout.splitlines()
    assert len(human) == len(final)
    opened_in = tr(
        "case opened in {state} ({workflow} version {version})",
        state="signaal",
        workflow="jeugdwet",
        version=1,
    )
    assert opened_in in human[0]
    assert "stel_rapport_vast: conceptrapport → rapport" in human[-2]
    met = tr(
        "deadline {kind} met (due {due})", kind="reactie_conceptrapport", due=day("2024-11-29")
    )
    assert met in human[-1]
