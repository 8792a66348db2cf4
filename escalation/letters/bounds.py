"""Bounds on rendering a template: output size, loop ranges, widths, and time (issue 9).

A user's template runs in a sandbox that refuses what would grow without bound before it
allocates: `'x' * 300000000`, a `range` of more than MAX_RANGE items, a width of more than
MAX_WIDTH characters, a join or replace whose result would pass MAX_OUTPUT. Every render (the
packaged templates' too) stops at MAX_OUTPUT characters and after TIME_LIMIT seconds: in the
main thread a timer interrupts even a loop that calls nothing; elsewhere the sandbox checks the
clock at every call, attribute and operator (docs/guarantees.md says so).
"""

from __future__ import annotations

import re
import signal
import string
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import FrameType
from typing import Any

from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

from escalation import formatting
from escalation.i18n import _

MAX_OUTPUT = 2_000_000  # characters of one rendered template; a long letter has 20 000
MAX_RANGE = 10_000  # items of one range()
MAX_WIDTH = 10_000  # characters of one padded or indented field
TIME_LIMIT = 0.5  # seconds; our longest template renders in a few milliseconds

_deadline: ContextVar[float | None] = ContextVar("template_deadline", default=None)


class TemplateLimit(Exception):  # noqa: N818  # a refusal, not a bug
    """A template passed a bound; the text says which, as the end of a sentence."""


def too_long() -> TemplateLimit:
    return TemplateLimit(
        _("the template makes more than {count} characters").format(
            count=formatting.count(MAX_OUTPUT)
        )
    )


def tick() -> None:
    """Refuse once the render's time is up (a no-op outside a render)."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise _timed_out()


def _timed_out() -> TemplateLimit:
    return TemplateLimit(
        _("rendering the template took longer than {seconds} seconds; simplify its loops").format(
            seconds=TIME_LIMIT
        )
    )


@contextmanager
def time_limit() -> Iterator[None]:
    """Run the block under TIME_LIMIT: a timer in the main thread, checks by the sandbox."""
    token = _deadline.set(time.monotonic() + TIME_LIMIT)
    armed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if armed:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        yield
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _deadline.reset(token)


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _timed_out()


def collect(chunks: Iterable[str]) -> str:
    """The rendered text, refused as soon as it passes MAX_OUTPUT characters."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise too_long()
        parts.append(chunk)
    return "".join(parts)


def _sized(value: Any) -> Any:
    if isinstance(value, str | bytes | list | tuple | dict) and len(value) > MAX_OUTPUT:
        raise too_long()
    return value


def _fits(size: int) -> None:
    if size > MAX_OUTPUT:
        raise too_long()


def _range(*args: int) -> range:
    tick()
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(
            _("the template asks for a range of more than {count} items").format(
                count=formatting.count(MAX_RANGE)
            )
        )
    return numbers


def _width(value: Any) -> None:
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise TemplateLimit(
            _("the template asks for a width of more than {count} characters").format(
                count=formatting.count(MAX_WIDTH)
            )
        )


_NUMBER = re.compile(r"\d+|\*")


def check_format(fmt: str, values: Iterable[Any] = ()) -> None:
    """Refuse a width or precision above MAX_WIDTH (or one taken from the values: `*`), and a
    result that may pass MAX_OUTPUT (each field counted as its width or the longest value)."""
    specs = [m.group(0) for m in re.finditer(r"%[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?", fmt)]
    try:
        parsed = string.Formatter().parse(fmt)
        specs += [spec or "" for _text, field, spec, _conv in parsed if field is not None]
    except ValueError:
        pass  # not a str.format text: Python says so when it is used as one
    widths = [0]
    for spec in specs:
        for number in _NUMBER.findall(spec.lstrip("%")):
            widths.append(MAX_WIDTH + 1 if number == "*" else int(number))
            _width(widths[-1])
    longest = max((len(str(v)) for v in values), default=0)
    _fits(len(fmt) + len(specs) * max(longest, *widths))


def _values(right: Any) -> list[Any]:
    if isinstance(right, tuple | list):
        return list(right)
    return list(right.values()) if isinstance(right, dict) else [right]


def _binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, str | list | tuple) and isinstance(times, int):
                _fits(len(seq) * max(times, 0))
    elif operator == "+" and isinstance(left, str | list | tuple):
        if isinstance(right, str | list | tuple):
            _fits(len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        check_format(left, _values(right))
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        _power(left, right)


def _power(base: int, exponent: int) -> None:
    """A power of at most 10 000 bits (3 000 digits)."""
    if exponent > 0 and abs(base) > 1 and abs(base).bit_length() * exponent > 10_000:
        raise TemplateLimit(_("the template computes a number too large to print"))


def _checked(name: str, check: Callable[..., None], func: Callable[..., Any]) -> Callable[..., Any]:
    def filter_(*args: Any, **kwargs: Any) -> Any:
        tick()
        check(*args, **kwargs)
        return _sized(func(*args, **kwargs))

    filter_.__name__ = name
    for attribute in ("jinja_pass_arg",):  # how Jinja knows to pass the environment first
        if hasattr(func, attribute):
            setattr(filter_, attribute, getattr(func, attribute))
    return filter_


def _center(_value: Any, width: Any = 80, *_args: Any, **_kwargs: Any) -> None:
    _width(width)


def _indent(s: Any, width: Any = 4, *_args: Any, **_kwargs: Any) -> None:
    lines = str(s).count("\n") + 1
    pad = len(width) if isinstance(width, str) else width
    _width(pad)
    _fits(len(str(s)) + lines * max(pad, 0))


def _wordwrap(_env: Any, s: Any, width: Any = 79, *args: Any, **kwargs: Any) -> None:
    _width(width)
    wrap = kwargs.get("wrapstring", args[1] if len(args) > 1 else None) or "\n"
    _fits(len(str(s)) * (1 + len(str(wrap))))


def _join(_ctx: Any, value: Any, d: Any = "", *_args: Any, **_kwargs: Any) -> None:
    if isinstance(value, str | list | tuple):
        items = list(value)
        _fits(sum(len(str(i)) for i in items) + len(items) * len(str(d)))


def _replace(_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> None:
    s, old, new = str(s), str(old), str(new)
    times = (s.count(old) if old else len(s) + 1) if count is None else count
    _fits(len(s) + max(times, 0) * len(new))


def _format(value: Any, *args: Any, **kwargs: Any) -> None:
    check_format(str(value), [*args, *kwargs.values()])


def _count(_value: Any, count: Any = 1, *_args: Any, **_kwargs: Any) -> None:
    if isinstance(count, int) and count > MAX_RANGE:
        _range(count)


_FILTERS: dict[str, Callable[..., None]] = {
    "center": _center,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "join": _join,
    "replace": _replace,
    "format": _format,
    "batch": _count,
    "slice": _count,
}


class _BoundedCode(CodeGenerator):
    """Compiles `a ~ b` so that its length is checked before the texts are joined."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        markup = "context.eval_ctx.volatile" if frame.eval_ctx.volatile else "None"
        if not frame.eval_ctx.volatile:
            markup = str(bool(frame.eval_ctx.autoescape))
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(f"), {markup})")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox for a user's templates, with the bounds above."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _BoundedCode

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _range
        self.globals.pop("lipsum", None)  # lipsum(n) writes n paragraphs of filler
        for name, check in _FILTERS.items():
            self.filters[name] = _checked(name, check, self.filters[name])

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        tick()
        _binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        tick()
        return _sized(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        tick()
        return _sized(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        tick()
        return _sized(super().getitem(obj, argument))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = str(value.__self__)
        check_format(fmt)

        def checked(*args: Any, **kwargs: Any) -> str:
            mapped = [v for a in args if isinstance(a, dict) for v in a.values()]
            check_format(fmt, [*args, *kwargs.values(), *mapped])
            return wrapped(*args, **kwargs)

        return checked

    def bounded_join(self, parts: tuple[Any, ...], markup: bool) -> str:
        tick()
        _fits(sum(len(str(part)) for part in parts))
        return markup_join(parts) if markup else str_join(parts)
