"""Load workflow definitions from YAML files into validated domain objects."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from escalation.domain.atw import TermBasis
from escalation.domain.definition import (
    ActionSpec,
    DeadlineKind,
    DeadlineRule,
    GuardKind,
    GuardSpec,
    ParameterSpec,
    ParamType,
    StartFrom,
    StateSpec,
    TermChoice,
    WorkflowDefinition,
    validate,
)
from escalation.domain.errors import DefinitionError, InvalidInputError, UnknownWorkflowError
from escalation.domain.machine import WorkflowMachine
from escalation.domain.terms import parse_term
from escalation.paths import packaged_dir

Raw = dict[str, Any]  # parsed YAML is untyped until each field is checked below


class _Problem(Exception):
    """A fault in one item of the file; turned into a DefinitionError naming the file."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML silently keeps the last of two equal keys; a definition must refuse them."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Raw:
    keys: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise _Problem(f"line {key_node.start_mark.line + 1}: key '{key}' appears twice")
        keys.add(key)
    return {str(k): v for k, v in loader.construct_mapping(node, deep=deep).items()}


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def parse_definition(text: str, *, origin: str) -> WorkflowDefinition:
    """Parse and validate one definition; every fault names the file and the item.

    Raises:
        DefinitionError: the YAML is malformed or the definition is invalid.
    """
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
        definition = _definition(_as_mapping(raw, "the file"), origin=origin)
    except yaml.YAMLError as err:
        raise DefinitionError(f"{origin}: not valid YAML: {err}") from None
    except _Problem as err:
        raise DefinitionError(f"{origin}: {err}") from None
    validate(definition)
    return definition


def load_file(path: Path) -> WorkflowDefinition:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DefinitionError(f"{path}: cannot be read ({err.strerror}).") from None
    return parse_definition(text, origin=str(path))


def _as_mapping(value: object, where: str) -> Raw:
    if not isinstance(value, dict):
        raise _Problem(f"{where} must be a mapping of names to values")
    return value


def _as_list(value: object, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Problem(f"{where} must be a list")
    return value


def _keys(raw: Raw, where: str, required: set[str], optional: set[str]) -> None:
    missing = sorted(required - set(raw))
    if missing:
        raise _Problem(f"{where}: '{missing[0]}' is missing")
    unknown = sorted(set(raw) - required - optional)
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        raise _Problem(f"{where}: unknown key '{unknown[0]}' (allowed: {allowed})")


def _text(raw: Raw, key: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"{where}: '{key}' must be a non-empty text")
    return value.strip()


def _definition(raw: Raw, *, origin: str) -> WorkflowDefinition:
    top = {"name", "version", "initial", "states", "actions"}
    _keys(raw, "the file", top, {"title", "description", "deadline_kinds", "default_reminders"})
    version = raw["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Problem("'version' must be a whole number of at least 1")
    name = _text(raw, "name", "the file")
    return WorkflowDefinition(
        name=name,
        version=version,
        title=_text(raw, "title", "the file", default=name),
        description=str(raw.get("description", "")).strip(),
        initial=_text(raw, "initial", "the file"),
        states=tuple(_items(raw, "states", _state)),
        actions=tuple(_items(raw, "actions", _action)),
        deadline_kinds=tuple(_items(raw, "deadline_kinds", _deadline_kind)),
        default_reminders=_ladder(raw.get("default_reminders", [-14, -3, 0, 1]), "the file"),
        origin=origin,
    )


def _items(raw: Raw, key: str, build: Callable[[Raw, str], Any]) -> list[Any]:
    items = []
    for i, item in enumerate(_as_list(raw.get(key), f"'{key}'"), start=1):
        entry = _as_mapping(item, f"{key} item {i}")
        label = entry.get("name", f"#{i}")
        items.append(build(entry, f"{key[:-1].replace('_', ' ')} '{label}'"))
    return items


def _state(raw: Raw, where: str) -> StateSpec:
    _keys(raw, where, {"name"}, {"description", "final"})
    return StateSpec(
        name=_text(raw, "name", where),
        description=str(raw.get("description", "")),
        final=bool(raw.get("final", False)),
    )


def _deadline_kind(raw: Raw, where: str) -> DeadlineKind:
    _keys(raw, where, {"name", "basis"}, {"legal_basis", "description", "reminders", "follow_up"})
    try:
        basis = TermBasis(raw["basis"])
    except ValueError:
        options = ", ".join(b.value for b in TermBasis)
        raise _Problem(f"{where}: basis '{raw['basis']}' is not one of {options}") from None
    return DeadlineKind(
        name=_text(raw, "name", where),
        basis=basis,
        legal_basis=raw.get("legal_basis"),
        description=str(raw.get("description", "")),
        reminders=None if "reminders" not in raw else _ladder(raw["reminders"], where),
        follow_up=raw.get("follow_up"),
    )


def _ladder(value: object, where: str) -> tuple[int, ...]:
    steps = _as_list(value, f"{where}: 'reminders'")
    if not steps or not all(isinstance(s, int) and not isinstance(s, bool) for s in steps):
        raise _Problem(
            f"{where}: 'reminders' must list working days relative to the deadline, "
            "e.g. [-14, -3, 0, 1]"
        )
    return tuple(sorted(set(steps)))


_ACTION_KEYS = {"description", "parameters", "guards", "starts", "meets", "cancels", "letter"}


def _action(raw: Raw, where: str) -> ActionSpec:
    _keys(raw, where, {"name", "from", "to"}, _ACTION_KEYS)
    sources = raw["from"] if isinstance(raw["from"], list) else [raw["from"]]
    dest = _text(raw, "to", where)
    return ActionSpec(
        name=_text(raw, "name", where),
        sources=tuple(str(s) for s in sources),
        dest=None if dest == "same" else dest,
        description=str(raw.get("description", "")),
        parameters=tuple(
            _parameter(_as_mapping(p, f"{where}: a parameter"), where)
            for p in _as_list(raw.get("parameters"), f"{where}: 'parameters'")
        ),
        guards=tuple(
            _guard(_as_mapping(g, f"{where}: a guard"), where)
            for g in _as_list(raw.get("guards"), f"{where}: 'guards'")
        ),
        starts=tuple(
            _rule(_as_mapping(r, f"{where}: a deadline"), where)
            for r in _as_list(raw.get("starts"), f"{where}: 'starts'")
        ),
        meets=tuple(str(k) for k in _as_list(raw.get("meets"), f"{where}: 'meets'")),
        cancels=tuple(str(k) for k in _as_list(raw.get("cancels"), f"{where}: 'cancels'")),
        letter=raw.get("letter"),
    )


def _parameter(raw: Raw, where: str) -> ParameterSpec:
    name = raw.get("name", "?")
    here = f"{where}: parameter '{name}'"
    if "type" not in raw:
        types = ", ".join(t.value for t in ParamType)
        raise _Problem(f"{here} has no type (one of {types})")
    _keys(raw, here, {"name", "type"}, {"required", "default", "choices", "help"})
    try:
        kind = ParamType(raw["type"])
    except ValueError:
        types = ", ".join(t.value for t in ParamType)
        raise _Problem(f"{here}: type '{raw['type']}' is not one of {types}") from None
    default = raw.get("default")
    if kind is ParamType.TERM and default is not None:
        _check_term(str(default), here)
    return ParameterSpec(
        name=_text(raw, "name", here),
        type=kind,
        required=bool(raw.get("required", False)),
        default=None if default is None else str(default),
        choices=tuple(str(c) for c in _as_list(raw.get("choices"), f"{here}: 'choices'")),
        help=str(raw.get("help", "")),
    )


def _guard(raw: Raw, where: str) -> GuardSpec:
    kinds = [k for k in GuardKind if k.value in raw]
    if len(kinds) != 1:
        options = " or ".join(k.value for k in GuardKind)
        raise _Problem(f"{where}: a guard needs exactly one of {options}")
    here = f"{where}: guard '{kinds[0].value}'"
    _keys(raw, here, {kinds[0].value}, {"unless", "unless_requires_reason"})
    unless = _as_mapping(raw.get("unless", {}), f"{here}: 'unless'")
    if len(unless) > 1:
        raise _Problem(f"{here}: 'unless' takes one parameter and its value")
    param, value = next(iter(unless.items()), (None, None))
    return GuardSpec(
        kind=kinds[0],
        deadline=str(raw[kinds[0].value]),
        unless_param=param,
        unless_value=None if value is None else str(value),
        unless_requires_reason=bool(raw.get("unless_requires_reason", False)),
    )


def _rule(raw: Raw, where: str) -> DeadlineRule:
    here = f"{where}: deadline '{raw.get('kind', '?')}'"
    optional = {"from_param", "from_deadline", "term", "term_param", "term_if"}
    _keys(raw, here, {"kind"}, optional)
    if "from_param" in raw and "from_deadline" in raw:
        raise _Problem(f"{here}: give from_param or from_deadline, not both")
    start_from, start_ref = StartFrom.ACTION_DATE, None
    if "from_param" in raw:
        start_from, start_ref = StartFrom.PARAM, str(raw["from_param"])
    elif "from_deadline" in raw:
        start_from, start_ref = StartFrom.DEADLINE, str(raw["from_deadline"])
    term = raw.get("term")
    if term is not None:
        _check_term(str(term), here)
    return DeadlineRule(
        kind=str(raw["kind"]),
        start_from=start_from,
        start_ref=start_ref,
        term=None if term is None else str(term),
        term_param=raw.get("term_param"),
        term_choices=tuple(_term_choice(c, here) for c in _as_list(raw.get("term_if"), here)),
    )


def _term_choice(raw: object, where: str) -> TermChoice:
    entry = _as_mapping(raw, f"{where}: 'term_if'")
    term = entry.get("term")
    others = [k for k in entry if k != "term"]
    if term is None or len(others) != 1:
        raise _Problem(f"{where}: each 'term_if' entry is {{PARAM: VALUE, term: TERM}}")
    _check_term(str(term), where)
    value = entry[others[0]]
    return TermChoice(param=others[0], equals=str(value), term=str(term))


def _check_term(text: str, where: str) -> None:
    try:
        parse_term(text)
    except InvalidInputError as err:
        raise _Problem(f"{where}: {err}") from None


class FileWorkflowCatalog:
    """The installed workflow definitions: every `*.yaml` file of the given folders."""

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self._folders = list(folders) if folders else [packaged_dir("workflows")]
        self._loaded: dict[tuple[str, int], tuple[WorkflowDefinition, str]] | None = None
        self._machines: dict[tuple[str, int], WorkflowMachine] = {}

    def _all(self) -> dict[tuple[str, int], tuple[WorkflowDefinition, str]]:
        if self._loaded is None:
            self._loaded = {}
            for path in self._files():
                text = path.read_text(encoding="utf-8")
                definition = parse_definition(text, origin=str(path))
                key = (definition.name, definition.version)
                if key in self._loaded:
                    raise DefinitionError(
                        f"{path}: workflow {key[0]} version {key[1]} is also defined in "
                        f"{self._loaded[key][0].origin}."
                    )
                self._loaded[key] = (definition, text)
        return self._loaded

    def _files(self) -> list[Path]:
        for folder in self._folders:
            if not folder.is_dir():
                raise InvalidInputError(f"The workflows folder {folder} does not exist.")
        return sorted(p for folder in self._folders for p in folder.glob("*.yaml"))

    def list(self) -> list[WorkflowDefinition]:
        return sorted((d for d, _ in self._all().values()), key=lambda d: (d.name, d.version))

    def get(self, name: str, version: int | None = None) -> WorkflowDefinition:
        return self._entry(name, version)[0]

    def source(self, name: str, version: int) -> str:
        return self._entry(name, version)[1]

    def _entry(self, name: str, version: int | None) -> tuple[WorkflowDefinition, str]:
        versions = {v: e for (n, v), e in self._all().items() if n == name}
        if not versions:
            names = ", ".join(sorted({n for n, _ in self._all()})) or "none"
            raise UnknownWorkflowError(f"No workflow named '{name}'. Installed: {names}.")
        chosen = max(versions) if version is None else version
        if chosen not in versions:
            raise UnknownWorkflowError(
                f"Workflow {name} version {chosen} is not installed "
                f"(installed: {', '.join(map(str, sorted(versions)))})."
            )
        return versions[chosen]

    def parse(self, text: str, *, origin: str) -> WorkflowDefinition:
        return parse_definition(text, origin=origin)

    def machine(self, definition: WorkflowDefinition) -> WorkflowMachine:
        key = (definition.name, definition.version)
        if key not in self._machines:
            self._machines[key] = WorkflowMachine(definition)
        return self._machines[key]
