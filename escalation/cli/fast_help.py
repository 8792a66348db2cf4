"""`escalation --help` answered from a cache, without Typer or rich.

The top-level help page is what Typer and rich write for the root app (in the reader's
language, through the message catalog). The first time a page is asked it is written as
always and kept, byte for byte with its exit code, in the user's cache folder
(`$XDG_CACHE_HOME/escalation`, else `~/.cache/escalation`). The next time the same page is
asked it is printed from there: Python's start plus a few milliseconds.

"The same page" means the same key: the command line, the version, the language and terminal
settings (ESCALATION_LANG, COLUMNS, TERM, NO_COLOR, ...; whether the output is a terminal and
how wide), and the size and time of every file the page is made from (the cli package, the
catalogs, Python's import folders: an upgraded Typer or rich changes the key too). Anything
unusual (a language we do not speak, an unreadable cache) takes the ordinary way. Nothing
here may fail the command: a cache that cannot be written is simply not written.
"""

from __future__ import annotations

import os
import sys
import zlib

from escalation import __version__

TYPE_CHECKING = False  # typing itself costs start-up time; mypy knows this name
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any

# What rich, Typer and Click read from the environment to decide how the page looks.
ENVIRONMENT = (
    "ESCALATION_LANG",
    "COLUMNS",
    "LINES",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "TYPER_USE_RICH",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "_TYPER_STANDARD_TRACEBACK",
    "PYTHONIOENCODING",
)
PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # escalation/


def wanted(argv: Sequence[str]) -> bool:
    """Whether `argv` asks for the top-level help page only (`escalation` alone prints it on
    stderr, and is also how the shell asks for completions: never from the cache)."""
    return list(argv) == ["--help"] and not any(k.endswith("_COMPLETE") for k in os.environ)


def answer(argv: Sequence[str]) -> bool:
    """Print the cached page for `argv` and exit with its code; False when there is none."""
    if not wanted(argv):
        return False
    place = _place(argv)
    if place is None:
        return False
    path, key = place
    try:
        with open(path, encoding="utf-8", newline="") as cached:
            stored, code = cached.readline(), cached.readline()
            page = cached.read()
        status = int(code)
    except (OSError, ValueError):
        return False
    if stored != key + "\n":  # another page under the same file name
        return False
    sys.stdout.write(page)
    sys.stdout.flush()
    if status:
        raise SystemExit(status)
    return True


def record(root: Any) -> None:
    """Run `root` (the Typer app) for the help page, printing it and keeping it for next time."""
    tee = _Tee(sys.stdout)
    status: object = 0
    sys.stdout = tee
    try:
        root()
    except SystemExit as done:
        status = done.code
        raise
    finally:
        sys.stdout = tee.stream
        if isinstance(status, int) and not tee.bypassed:
            _keep(sys.argv[1:], status, "".join(tee.written))


class _Tee:
    """sys.stdout as it was, also remembering what was written (for rich: still a terminal)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.written: list[str] = []
        self.bypassed = False  # the bytes underneath were reached: what was written is unknown

    def write(self, text: str | bytes) -> int:
        self.written.append(text if isinstance(text, str) else text.decode("utf-8"))
        return int(self.stream.write(text))

    def __getattr__(self, name: str) -> Any:
        self.bypassed = self.bypassed or name in ("buffer", "detach")
        return getattr(self.stream, name)


def _keep(argv: Sequence[str], status: int, page: str) -> None:
    place = _place(argv)
    if place is None or not page:
        return
    path, key = place
    partial = f"{path}.{os.getpid()}"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "w", encoding="utf-8", newline="") as kept:
            kept.write(f"{key}\n{status}\n{page}")
        os.replace(partial, path)
    except OSError:
        return


def _place(argv: Sequence[str]) -> tuple[str, str] | None:
    """The cache file for this page and the page's key (None: make the page afresh)."""
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.path.join(os.path.expanduser("~"), ".cache") if "HOME" in os.environ else ""
    )
    key = _key(argv) if base else None
    if key is None:
        return None
    name = f"help-{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}.txt"
    return os.path.join(base, "escalation", name), key


def _key(argv: Sequence[str]) -> str | None:
    """The page's key, or None when the page must be made afresh (a language we do not know:
    its warning belongs on stderr)."""
    lang = os.environ.get("ESCALATION_LANG", "").strip().lower().replace("-", "_")
    if lang and lang.split(".")[0].split("_")[0] not in ("nl", "en"):
        return None
    parts = [__version__, sys.version, sys.executable, sys.argv[0], *argv]  # [0]: the prog name
    parts += [f"{name}={os.environ.get(name)}" for name in ENVIRONMENT]
    parts.append(_terminal())
    parts += _fingerprints()
    return repr(parts)  # one line: the file's first


def _terminal() -> str:
    try:
        if sys.stdout.isatty():
            size = os.get_terminal_size(sys.stdout.fileno())
            return f"tty {size.columns}x{size.lines}"
    except (AttributeError, OSError, ValueError):
        return "unknown"
    return "not a tty"


def _fingerprints() -> Iterator[str]:
    """Size and modification time of what the page is made from."""
    folders = [os.path.join(PACKAGE, "cli"), os.path.join(PACKAGE, "locale", "nl", "LC_MESSAGES")]
    folders += [PACKAGE, *(p for p in sys.path if p and os.path.isdir(p))]
    for folder in folders:
        yield from _stats(folder)


def _stats(folder: str) -> Iterator[str]:
    try:
        yield f"{folder} {os.stat(folder).st_mtime_ns}"
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith((".py", ".mo")) and entry.is_file():
                    stat = entry.stat()
                    yield f"{entry.name} {stat.st_size} {stat.st_mtime_ns}"
    except OSError:
        yield f"{folder} -"
