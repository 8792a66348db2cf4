"""Read a YAML data file without surprises: bounded size, depth and aliases; each key once."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer

from escalation.i18n import _

CParser: Any
try:  # libyaml, when PyYAML was built with it
    from yaml import cyaml

    CParser = getattr(cyaml, "CParser")  # noqa: B009  (not in the typing stubs)
except ImportError:  # pragma: no cover - PyYAML without libyaml: the pure-Python reader
    CParser = None

# Our largest file (workflows/jeugdwet.yaml) has 11 kB, 800 items and 6 levels. These bounds are
# far above any honest file, and low enough that even the slowest file within them is refused
# within a second (PyYAML reads about 30 000 items a second): issue 9 saw a 1.5 kB "billion
# laughs" file take 3 GB and 45 s, and 20 000 levels end in a traceback.
MAX_BYTES = 256_000
MAX_DEPTH = 40
MAX_NODES = 10_000


class DataFileError(Exception):
    """A data file cannot be used; the message is one sentence that names the file."""


class _Refused(yaml.YAMLError):
    """A fault found while reading, at a line of the file."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = 0 if mark is None else mark.line


def read_text(path: Path) -> str:
    """The text of a UTF-8 regular file of at most MAX_BYTES.

    Raises:
        DataFileError: a folder, a device or pipe, a missing or unreadable file, too large, or
            not UTF-8.
    """
    if path.is_dir():
        raise DataFileError(_("{path} is a folder, not a file.").format(path=path))
    try:
        data = _read_bytes(path)
    except OSError as err:
        raise DataFileError(
            _("Cannot read {path}: {problem}.").format(path=path, problem=err.strerror or err)
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataFileError(
            _("{path} is not UTF-8 text (byte {byte}); save it with the UTF-8 encoding.").format(
                path=path, byte=err.start + 1
            )
        ) from None


def _read_bytes(path: Path) -> bytes:
    """At most MAX_BYTES of a regular file: a pipe or device (/dev/zero) is never read."""
    # O_NONBLOCK: opening a named pipe does not wait for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DataFileError(_("{path} is not a regular file.").format(path=path))
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DataFileError(_too_large(str(path)))
    return data


def _too_large(origin: str) -> str:
    return _(
        "{file} is larger than {size} kB; a data file of this kind is a few kilobytes."
    ).format(file=origin, size=MAX_BYTES // 1000)


def load_yaml(text: str, *, origin: str, first_line: int = 1) -> object:
    """The data in `text`: mappings with text keys, lists, and scalars (dates stay text).

    Args:
        text: the YAML document.
        origin: how messages name the file.
        first_line: the file's line number of the text's first line (for embedded YAML).

    Raises:
        DataFileError: not valid YAML, a key given twice, nested too deep, too many items
            (an alias bomb), an alias inside its own anchor, or too large.
    """
    if len(text) > MAX_BYTES:
        raise DataFileError(_too_large(origin))
    try:
        return _load(text)
    except _Refused as err:
        raise DataFileError(
            _("{file}, line {line}: {problem}").format(
                file=origin, line=err.line + first_line, problem=err.problem
            )
        ) from None
    except yaml.YAMLError as err:
        raise DataFileError(_not_yaml(err, origin, first_line)) from None


def _load(text: str) -> Any:  # parsed YAML is untyped until a model checks it
    if CParser is not None:
        try:
            return _read_with(_FastLoader, text)
        except _Refused:
            raise
        except yaml.YAMLError:
            pass  # not YAML: read again below, for the words of the pure-Python reader
    return _read_with(_Loader, text)


def _read_with(kind: type[_Loader], text: str) -> Any:
    loader = kind(text)  # already reads: refuses control characters
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _not_yaml(err: yaml.YAMLError, origin: str, first_line: int) -> str:
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    if mark is None:
        return _("{file} is not valid YAML: {problem}.").format(file=origin, problem=problem)
    return _("{file} is not valid YAML (line {line}, column {column}): {problem}.").format(
        file=origin, line=mark.line + first_line, column=mark.column + 1, problem=problem
    )


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and bombs, and leaves dates as text."""

    # A date is read by our own parser, so a wrong one is reported with its entry.
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._sizes: dict[int, int] = {}  # node id -> items it expands to, aliases included
        self._total = 0  # items so far, each alias counted as what it expands to
        self._aliased = False

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]  # untyped stub
        if self.check_event(yaml.AliasEvent):
            node = super().compose_node(parent, index)
            if node is None or id(node) not in self._sizes:
                raise _Refused(_("an alias (*name) is used inside the item it names."), mark)
            self._aliased = True
            self._grow(self._sizes[id(node)], mark)
            return node
        self._grow(1, mark)  # counted before its children are read: refused early, and fast
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(
                _("the data is nested more than {depth} levels deep.").format(depth=MAX_DEPTH), mark
            )
        node = super().compose_node(parent, index)
        self._depth -= 1
        if node is not None:
            self._sizes[id(node)] = self._size(node)
        return node

    def _size(self, node: yaml.Node) -> int:
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        return 1 + sum(self._sizes[id(child)] for child in children)

    def _grow(self, items: int, mark: yaml.Mark) -> None:
        self._total += items
        if self._total <= MAX_NODES:
            return
        if self._aliased:
            problem = _(
                "the data expands to more than {count} items (through aliases, *name); "
                "write it out or simplify it."
            )
        else:
            problem = _("the data has more than {count} items; a file of this kind has hundreds.")
        raise _Refused(problem.format(count=MAX_NODES), mark)


def _unique_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, list | dict | set):
            raise _Refused(_("a key must be a name, not a list or mapping."), key_node.start_mark)
        if key in seen:
            raise _Refused(_("the key '{key}' appears twice.").format(key=key), key_node.start_mark)
        seen.add(key)
    return {str(k): v for k, v in loader.construct_mapping(node, deep=deep).items()}


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


if CParser is not None:

    class _FastLoader(CParser, _Loader):  # type: ignore[misc]  # an untyped C base
        """_Loader reading through libyaml: the text is scanned and parsed in C (five times
        faster); composing stays _Loader's own, so every bound above still holds."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            Composer.__init__(self)
            self._depth, self._sizes, self._total, self._aliased = 0, {}, 0, False

        # CParser composes in C; these put the Python composer (and its checks) back.
        check_node = Composer.check_node
        get_node = Composer.get_node
        get_single_node = Composer.get_single_node
        compose_document = Composer.compose_document
        compose_node = _Loader.compose_node
