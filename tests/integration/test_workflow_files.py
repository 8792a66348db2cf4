"""Data-driven: every workflow file loads, and every state of it can be walked to for real."""

from __future__ import annotations

import json
import shutil
from collections import deque
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from escalation.domain.calendar import AtwCalendar
from escalation.domain.definition import ActionSpec, GuardKind, ParamType, WorkflowDefinition
from escalation.domain.errors import DefinitionError, UnknownWorkflowError
from escalation.domain.events import Stamp
from escalation.services.cases import apply_action, open_case
from escalation.services.providers import add_provider
from escalation.services.queries import case_detail
from escalation.storage.db import make_engine
from escalation.storage.schema import init_database
from escalation.storage.unit_of_work import SqlUnitOfWork
from escalation.workflows import FileWorkflowCatalog, parse_definition, workflow_json_schema

WORKFLOW_FILES = sorted((Path(__file__).parents[2] / "workflows").glob("*.yaml"))
NOW = datetime(2025, 1, 1, tzinfo=UTC)


def load_file(path: Path) -> WorkflowDefinition:
    return FileWorkflowCatalog().parse_file(path)


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_workflow_file_loads_and_validates(path: Path) -> None:
    definition = load_file(path)

    assert definition.name and definition.version >= 1
    assert definition.state(definition.initial) is not None


def path_to(definition: WorkflowDefinition, target: str) -> list[ActionSpec]:
    """The shortest list of actions from the initial state to `target`.

    A path is walked with the besluiten it takes: an action that needs a besluit of the case
    (`has_besluit`) is only on a path that took one before.
    """
    start: tuple[str, frozenset[str]] = (definition.initial, frozenset())
    queue: deque[tuple[tuple[str, frozenset[str]], list[ActionSpec]]] = deque([(start, [])])
    seen = {start}
    while queue:
        (state, taken), actions = queue.popleft()
        if state == target:
            return actions
        for action in definition.actions_from(state):
            needed = [set(g.besluiten) for g in action.guards if g.kind is GuardKind.HAS_BESLUIT]
            if action.dest is None or any(not (need & taken) for need in needed):
                continue
            step = (action.dest, taken | set(action.besluiten))
            if step not in seen:
                seen.add(step)
                queue.append((step, [*actions, action]))
    raise AssertionError(f"{target} is unreachable")


def sample_params(action: ActionSpec, on: date) -> dict[str, str]:
    samples = {
        ParamType.DATE: on.isoformat(),
        ParamType.TERM: "2 weken",
        ParamType.MONEY: "1000",
        ParamType.TEXT: "walked by the data-driven test",
        ParamType.YESNO: "nee",
    }
    params = {}
    for p in action.parameters:
        if p.required:
            params[p.name] = p.choices[0] if p.type is ParamType.CHOICE else samples[p.type]
    # A term counted back from the end of a period of 2 weken (the final judgement of a
    # verscherpt toezicht) must be shorter than it.
    for rule in action.starts:
        if rule.before and rule.term_param is not None:
            params[rule.term_param] = "1 week"
    return params


def _states() -> list[tuple[Path, str]]:
    return [(p, s) for p in WORKFLOW_FILES for s in load_file(p).state_names]


@pytest.mark.parametrize(("path", "state"), _states(), ids=lambda v: getattr(v, "name", v))
def test_every_state_can_be_reached_through_the_engine(
    path: Path, state: str, tmp_path: Path, calendar: AtwCalendar
) -> None:
    catalog = FileWorkflowCatalog([path.parent])
    definition = load_file(path)
    engine = make_engine(f"sqlite:///{tmp_path / 'walk.sqlite'}")
    init_database(engine)
    add_provider(
        uow=SqlUnitOfWork(engine),
        name="Proef B.V.",
        kvk="12345678",
        kind="jeugdhulpaanbieder",
        alias=None,
        now=NOW,
    )
    case_id = open_case(
        uow=SqlUnitOfWork(engine),
        catalog=catalog,
        provider_kvk="12345678",
        workflow=definition.name,
        on=date(2025, 1, 1),
        title=None,
        handler=None,
        by="t",
        now=NOW,
        version=definition.version,
    )
    on = date(2025, 1, 1)
    for action in path_to(definition, state):
        on += timedelta(days=60)  # later than every term set by the sample parameters
        apply_action(
            uow=SqlUnitOfWork(engine),
            catalog=catalog,
            calendar=calendar,
            case_id=case_id,
            action=action.name,
            params=sample_params(action, on),
            stamp=Stamp(on=on, at=NOW, by="t"),
        )

    detail = case_detail(uow=SqlUnitOfWork(engine), catalog=catalog, case_id=case_id, today=on)
    assert detail.state == state
    engine.dispose()


JEUGDWET = WORKFLOW_FILES[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("type: term, default: 2 weken, help: term to react", "default: 2 weken"),
            "parameter 'reactietermijn' has no type",
        ),
        (
            (
                "  - name: stel_rapport_vast\n",
                "  - name: stel_rapport_vast\n    letter: x\n    letter: y\n",
            ),
            "key 'letter' appears twice",
        ),
        (("initial: signaal", "initial: [signaal"), "not valid YAML"),
        (("    to: onderzoek\n", "    to: onderzoek\n    kleur: rood\n"), "unknown key 'kleur'"),
        (("term: 6 weken", "term: 6 wekken"), "Did you mean 'weken'"),
        (("basis: fixed", "basis: vast"), "basis 'vast' is not one of"),
    ],
)
def test_a_broken_file_is_refused_naming_the_file_and_the_item(
    change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in JEUGDWET

    with pytest.raises(DefinitionError) as caught:
        parse_definition(JEUGDWET.replace(old, new, 1), origin="broken.yaml")

    assert str(caught.value).startswith("broken.yaml")
    assert message in str(caught.value)


def test_every_fault_of_a_file_is_named_on_its_own_line() -> None:
    broken = JEUGDWET.replace("version: 1", "version: 0").replace("basis: fixed", "basis: vast")

    with pytest.raises(DefinitionError) as caught:
        parse_definition(broken, origin="broken.yaml")

    assert str(caught.value).splitlines() == [
        "broken.yaml: the workflow file is invalid:",
        "  - 'version' must be at least 1.",
        "  - deadline kind 'verbeterplan': basis 'vast' is not one of statutory, self-set, fixed.",
    ]


def test_every_fault_of_a_file_is_named_in_dutch_by_default(dutch: None) -> None:
    broken = JEUGDWET.replace("version: 1", "version: 0").replace("basis: fixed", "basis: vast")

    with pytest.raises(DefinitionError) as caught:
        parse_definition(broken, origin="broken.yaml")

    assert str(caught.value).splitlines() == [
        "broken.yaml: de werkprocesdefinitie is ongeldig:",
        "  - 'version' moet ten minste 1 zijn.",
        "  - termijnsoort 'verbeterplan': basis 'vast' is niet toegestaan; kies uit statutory, "
        "self-set, fixed.",
    ]


def test_an_unknown_key_is_refused_in_dutch_naming_the_action(dutch: None) -> None:
    broken = JEUGDWET.replace("    to: onderzoek\n", "    to: onderzoek\n    kleur: rood\n")

    with pytest.raises(DefinitionError) as caught:
        parse_definition(broken, origin="broken.yaml")

    assert str(caught.value) == (
        "broken.yaml: actie 'start_onderzoek': onbekende sleutel 'kleur' (toegestaan: besluit, "
        "cancels, description, effect, from, guards, letter, meets, name, parameters, roles, "
        "starts, to)."
    )


def test_a_key_given_twice_is_refused_in_dutch_with_its_line(dutch: None) -> None:
    broken = JEUGDWET.replace("version: 1\n", "version: 1\nversion: 2\n", 1)

    with pytest.raises(DefinitionError) as caught:
        parse_definition(broken, origin="broken.yaml")

    line = JEUGDWET.splitlines().index("version: 1") + 2
    assert str(caught.value) == (
        f"broken.yaml, regel {line}: de sleutel 'version' komt twee keer voor."
    )


def test_an_unknown_key_is_refused_listing_the_keys_allowed_there() -> None:
    broken = JEUGDWET.replace("    to: onderzoek\n", "    to: onderzoek\n    kleur: rood\n")

    with pytest.raises(DefinitionError) as caught:
        parse_definition(broken, origin="broken.yaml")

    assert str(caught.value) == (
        "broken.yaml: action 'start_onderzoek': unknown key 'kleur' (allowed: besluit, "
        "cancels, description, effect, from, guards, letter, meets, name, parameters, roles, "
        "starts, to)."
    )


def test_a_guard_with_two_kinds_is_refused_naming_its_action() -> None:
    broken = JEUGDWET.replace(
        "{deadline_passed: begunstigingstermijn}",
        "{deadline_passed: begunstigingstermijn, has_deadline: betaling}",
    )

    with pytest.raises(DefinitionError) as caught:
        parse_definition(broken, origin="broken.yaml")

    assert "action 'stel_verbeurte_vast': guard 'begunstigingstermijn': a guard needs exactly" in (
        str(caught.value)
    )


def test_an_alias_bomb_in_a_workflow_file_is_refused_in_one_sentence() -> None:
    bomb = "name: x\nversion: 1\nl0: &l0 [a, a, a, a, a, a, a, a, a, a]\n" + "".join(
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]\n" for n in range(1, 9)
    )

    with pytest.raises(DefinitionError, match=r"^bomb.yaml, line \d+: the data expands to more"):
        parse_definition(bomb, origin="bomb.yaml")


def test_the_catalog_skips_a_workflow_file_that_is_not_utf8_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "latin1.yaml").write_bytes("name: zoë\n".encode("latin-1"))
    shutil.copyfile(WORKFLOW_FILES[0], tmp_path / WORKFLOW_FILES[0].name)
    catalog = FileWorkflowCatalog([tmp_path])

    installed = [d.name for d in catalog.list()]

    assert installed == [load_file(WORKFLOW_FILES[0]).name]
    (problem,) = catalog.problems()
    assert "latin1.yaml is not UTF-8 text" in problem


def test_the_catalog_skips_a_folder_named_like_a_workflow_file(tmp_path: Path) -> None:
    (tmp_path / "jeugdwet.yaml").mkdir()
    catalog = FileWorkflowCatalog([tmp_path])

    assert catalog.list() == []
    (problem,) = catalog.problems()
    assert "jeugdwet.yaml is a folder, not a file." in problem
    with pytest.raises(UnknownWorkflowError, match="Installed: none"):
        catalog.get("jeugdwet")


def test_a_second_file_with_the_same_name_and_version_is_skipped_naming_both(
    tmp_path: Path,
) -> None:
    source = WORKFLOW_FILES[0]
    shutil.copyfile(source, tmp_path / "a.yaml")
    shutil.copyfile(source, tmp_path / "b.yaml")
    catalog = FileWorkflowCatalog([tmp_path])

    assert len(catalog.list()) == 1
    (problem,) = catalog.problems()
    assert "b.yaml" in problem and "a.yaml" in problem and "also defined in" in problem


def test_the_json_schema_describes_the_file_authors_write() -> None:
    schema = workflow_json_schema()

    action = schema["$defs"]["ActionModel"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"name", "version", "initial", "states", "actions"}
    assert schema["additionalProperties"] is False and action["additionalProperties"] is False
    assert {"from", "to", "parameters", "starts"} <= set(action["properties"])
    assert json.loads(json.dumps(schema)) == schema


def test_the_json_schema_knows_every_key_the_shipped_workflows_use() -> None:
    schema = workflow_json_schema()
    action_keys = set(schema["$defs"]["ActionModel"]["properties"])
    for path in WORKFLOW_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))

        assert set(data) <= set(schema["properties"]), path
        assert all(set(action) <= action_keys for action in data["actions"]), path
