"""Field types shared by the data files' models: names, free text, scalars read as text, lists."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, WithJsonSchema


class DataModel(BaseModel):
    """A mapping in a data file: unknown keys are refused, text is stripped, the result frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


T = TypeVar("T")


def _text(value: Any) -> Any:  # a YAML scalar before validation
    """A number or yes/no written where text is meant is read as its text, as before."""
    return str(value) if isinstance(value, bool | int | float) else value


def _empty_if_none(value: Any) -> Any:  # "parameters:" with nothing after it
    return [] if value is None else value


def _empty_text_if_none(value: Any) -> Any:  # "description:" with nothing after it
    return "" if value is None else value


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = Annotated[str, BeforeValidator(_empty_text_if_none)]
Scalar = Annotated[
    str,
    BeforeValidator(_text),
    WithJsonSchema({"type": ["string", "number", "boolean"]}),
]
Listing = Annotated[list[T], BeforeValidator(_empty_if_none)]
