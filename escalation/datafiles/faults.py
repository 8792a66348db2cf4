"""Pydantic's validation errors of a data file, as one plain sentence per fault."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails, PydanticCustomError

from escalation.i18n import N_, _

# How a file names the items of a list (or of a mapping) kept under a key: the word for one
# item (marked with N_, translated when shown) and the keys whose value names it, e.g.
# "actions" -> (N_("action"), ("name",)).
Labels = Mapping[str, tuple[str, tuple[str, ...]]]
Loc = tuple[int | str, ...]

FAULT = "fault"  # the error type of our own validators' messages
_NAME_THE_KEY = "name_the_key"

_EXPECTED = {
    "string_type": N_("a text"),
    "string_too_short": N_("a non-empty text"),
    "list_type": N_("a list"),
    "dict_type": N_("a mapping of names to values"),
    "model_type": N_("a mapping of names to values"),
    "model_attributes_type": N_("a mapping of names to values"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
}


def fault(message: str, *, name_the_key: bool = False) -> PydanticCustomError:
    """An error for a validator to raise: `message` is shown as it is, after the item.

    Args:
        message: a sentence (already translated) that says what is wrong and, where it helps,
            what to write.
        name_the_key: put the key before the message, when the message does not name it.
    """
    return PydanticCustomError(FAULT, message, {_NAME_THE_KEY: True} if name_the_key else None)


def report(origin: str, problems: list[str], *, what: str, joiner: str = ": ") -> str:
    """One fault: "origin: fault."; several: "origin: <what> is invalid:" and one line each.

    Args:
        what: the file as a translated noun phrase with its article, e.g. _("the workflow file").
    """
    sentences = [p if p.endswith((".", "?")) else f"{p}." for p in problems]
    if len(sentences) == 1:
        return f"{origin}{joiner}{sentences[0]}"
    lines = "\n".join(f"  - {s}" for s in sentences)
    return _("{origin}: {what} is invalid:").format(origin=origin, what=what) + f"\n{lines}"


def describe(
    error: ValidationError, *, model: type[BaseModel], data: object, labels: Labels, top: str
) -> list[str]:
    """One sentence per fault, naming the item (from `labels`) and what is wrong with it.

    Args:
        error: what pydantic found while validating `data` as `model`.
        model: the root model, to name allowed keys and choices.
        data: the parsed file, to name items by their name instead of their position.
        labels: how items of each list are named.
        top: the name of the file's own level, translated, e.g. _("the file").
    """
    return [_sentence(e, model=model, data=data, labels=labels, top=top) for e in error.errors()]


def _sentence(
    e: ErrorDetails, *, model: type[BaseModel], data: object, labels: Labels, top: str
) -> str:
    where, rest = _where(e["loc"], data, labels)
    item = ": ".join(where) or top
    at = f"{': '.join(where)}: " if where else ""  # before a key of the item
    kind, parent = e["type"], _model_at(model, e["loc"][:-1])
    if kind == "missing":
        return _missing(item, str(e["loc"][-1]), parent)
    if kind == "extra_forbidden":
        return at + _unknown_key(str(e["loc"][-1]), parent)
    if kind == "enum":
        key = e["loc"][-1]
        options = ", ".join(_choices(parent, str(key))) or e.get("ctx", {}).get("expected")
        return at + _("{key} '{value}' is not one of {options}").format(
            key=key, value=e["input"], options=options
        )
    if kind in _EXPECTED:
        expected = _(_EXPECTED[kind])
        if not rest:
            return _("{item} is not {expected}").format(item=item, expected=expected)
        field = _field_text(rest)
        return at + _("{field} must be {expected}").format(field=field, expected=expected)
    return _other(e, rest, item=item, at=at)


def _other(e: ErrorDetails, rest: Loc, *, item: str, at: str) -> str:
    """A fault of the kinds not named above; our own validators' messages are sentences."""
    kind, field = e["type"], _field_text(rest)
    if kind == "greater_than_equal":
        minimum = e.get("ctx", {}).get("ge")
        return at + _("{field} must be at least {minimum}").format(field=field, minimum=minimum)
    if kind == "too_short":
        return at + _("{field} must not be empty").format(field=field)
    if kind == FAULT:  # our own validators' messages are already sentences
        if rest and e.get("ctx", {}).get(_NAME_THE_KEY):
            return f"{at}{field}: {e['msg']}"
        return f"{item}: {e['msg']}"
    return f"{at}{field}: {e['msg']}"


def _unknown_key(key: str, parent: type[BaseModel] | None) -> str:
    if parent is None:
        return _("unknown key '{key}'").format(key=key)
    allowed = ", ".join(_keys(parent))
    return _("unknown key '{key}' (allowed: {keys})").format(key=key, keys=allowed)


def _missing(place: str, key: str, parent: type[BaseModel] | None) -> str:
    choices = _choices(parent, key)
    if choices:  # a kind of thing: "parameter 'x' has no type (one of date, term, ...)"
        return _("{item} has no {key} (one of {choices})").format(
            item=place, key=key, choices=", ".join(choices)
        )
    return _("{item} has no '{key}'").format(item=place, key=key)


def _where(loc: Loc, data: object, labels: Labels) -> tuple[list[str], Loc]:
    """The names of the nested items `loc` runs through, and what is left of it."""
    names: list[str] = []
    i = 0
    while i + 1 < len(loc) and loc[i] in labels and isinstance(data, Mapping):
        word, name_keys = labels[str(loc[i])]
        items, index = data.get(str(loc[i])), loc[i + 1]
        item = _item(items, index)
        names.append(_label(word, item, name_keys, index))
        data, i = item, i + 2
    return names, loc[i:]


def _item(items: object, index: int | str) -> object:
    if isinstance(items, list) and isinstance(index, int) and 0 <= index < len(items):
        return items[index]
    if isinstance(items, Mapping):
        return items.get(index)
    return None


def _label(word: str, item: object, name_keys: tuple[str, ...], index: int | str) -> str:
    word = _(word)
    if isinstance(index, str):
        return f"{word} '{index}'"
    if isinstance(item, Mapping):
        for key in name_keys:
            value = item.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool):
                return f"{word} '{value}'"
    return f"{word} {index + 1}"


def _field_text(rest: Loc) -> str:
    if not rest:
        return _("the value")
    text = f"'{rest[0]}'"
    for part in rest[1:]:
        if isinstance(part, int):
            text += _(", item {number}").format(number=part + 1)
        else:
            text += _(", key '{key}'").format(key=part)
    return text


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model whose field the last part of `loc` names (None if it is not a model)."""
    current: Any = root
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field(current, str(part))
            current = None if field is None else field.annotation
        else:
            current = _element(current)
        current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _keys(model: type[BaseModel]) -> list[str]:
    return sorted(field.alias or name for name, field in model.model_fields.items())


def _choices(model: type[BaseModel] | None, key: str) -> list[str]:
    field = None if model is None else _field(model, key)
    kind = None if field is None else _unwrap(field.annotation)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return [str(member.value) for member in kind]
    return []


def _element(annotation: object) -> object:
    """The item type of list[X] or the value type of dict[K, X]."""
    args = typing.get_args(annotation)
    return _unwrap(args[-1]) if args else None


def _unwrap(annotation: object) -> object:
    """X from Annotated[X, ...] and from X | None."""
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType) and type(None) in args:
            others = [a for a in args if a is not type(None)]
            if len(others) != 1:
                return annotation
            annotation = others[0]
        else:
            return annotation
