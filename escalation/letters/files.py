"""Writing letter files into an `--out` folder: checked first, placed in one step, never over
an existing file.

A letter's file and its archive record belong together (issue 9): `place` writes the bytes to
a temporary file in the folder, links it under its final name (which fails if that name is
taken), and only then lets the caller commit. If the commit fails, the file is removed again;
if the file cannot be placed, nothing is committed.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

from escalation.domain.letters import LetterError
from escalation.i18n import _

# Where a file system has no hard links, a rename that checks first is the next best thing.
# Files flushed to disk side by side (letter batch): the disk takes them in one go.
_SYNCS = 16

_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


class LetterFolder:
    """An `--out` folder for letter files (created when the first file is written)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def check(self) -> None:
        """Refuse a folder that cannot take a file, before any letter is made.

        Raises:
            LetterError: the folder (or a folder above it) is a file, is on a read-only file
                system, or may not be written in.
        """
        existing = _nearest_existing(self.folder)
        if not existing.is_dir():
            raise self._refused(_("{path} is a file, not a folder.").format(path=existing))
        if _read_only(existing):
            raise self._refused(_("{path} is on a read-only file system.").format(path=existing))
        if not os.access(existing, os.W_OK | os.X_OK):
            raise self._refused(_("you may not write in {path}.").format(path=existing))

    def _refused(self, problem: str) -> LetterError:
        return LetterError(
            _("Cannot write letters to {folder}: {problem}").format(
                folder=self.folder, problem=problem
            )
        )

    def taken(self, filename: str) -> bool:
        """Whether a file (or anything else) of this name is in the folder already."""
        return os.path.lexists(self._target(filename))

    @contextmanager
    def place(self, filename: str, content: bytes) -> Iterator[Path]:
        """The file, written under its name for the duration of the block; removed again if
        the block fails (the caller commits the letter's record inside it).

        Raises:
            LetterError: the file cannot be written, or its name was taken meanwhile.
        """
        target = self._target(filename)
        made: list[Path] = []
        temp: Path | None = None
        try:
            _make_folders(self.folder, made)
            temp = _write_temp(self.folder, filename, content)
            _link(temp, target)
        except OSError as err:
            _clean(temp, made)
            raise LetterError(_cannot_write(target, err)) from None
        try:
            yield target
        except BaseException:
            _remove(target)
            _clean(temp, made)
            raise
        _clean(temp, [])

    @contextmanager
    def place_many(self, files: Sequence[tuple[str, bytes]]) -> Iterator[list[Path | LetterError]]:
        """`place` for many files at once (letter batch): each file under its name for the
        block, or why it could not be written; all removed again if the block fails. The files
        reach the disk together (their fsyncs run side by side), not one after the other."""
        made: list[Path] = []
        temps: list[Path | LetterError] = []
        placed: list[Path] = []
        try:
            _make_folders(self.folder, made)
            temps = [self._temp(filename, content) for filename, content in files]
            self._sync_all([t for t in temps if isinstance(t, Path)])
            results = [self._link(t, name) for t, (name, _c) in zip(temps, files, strict=True)]
            placed = [r for r in results if isinstance(r, Path)]
            yield results
        except BaseException:
            for path in placed:
                _remove(path)
            _clean_all(temps, made)
            raise
        _clean_all(temps, [])

    def _temp(self, filename: str, content: bytes) -> Path | LetterError:
        target = self._target(filename)
        try:
            return _write_temp(self.folder, filename, content, sync=False)
        except OSError as err:
            return LetterError(_cannot_write(target, err))

    def _sync_all(self, temps: list[Path]) -> None:
        try:
            with ThreadPoolExecutor(_SYNCS) as pool:
                list(pool.map(_sync, temps))
        except OSError as err:
            raise LetterError(_cannot_write(self.folder, err)) from None

    def _link(self, temp: Path | LetterError, filename: str) -> Path | LetterError:
        if isinstance(temp, LetterError):
            return temp
        target = self._target(filename)
        try:
            _link(temp, target)
        except OSError as err:
            return LetterError(_cannot_write(target, err))
        return target

    def _target(self, filename: str) -> Path:
        target = self.folder / filename
        if filename.startswith(".") or target.name != filename:
            raise LetterError(
                _("The file name '{name}' would leave {folder}; not written.").format(
                    name=filename, folder=self.folder
                )
            )
        return target


def _cannot_write(target: Path, err: OSError) -> str:
    if isinstance(err, FileExistsError):
        return _("{path} appeared while the letter was made; it is not overwritten.").format(
            path=target
        )
    return _("Cannot write {path}: {problem}.").format(path=target, problem=err.strerror or err)


def _nearest_existing(folder: Path) -> Path:
    path = folder.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): os.access decides
        return False


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Create `folder` and its missing parents, noting each one made (to remove on failure)."""
    missing: list[Path] = []
    path = folder.absolute()
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _write_temp(folder: Path, filename: str, content: bytes, *, sync: bool = True) -> Path:
    temp = folder / f".{filename}.{secrets.token_hex(4)}.part"
    # 0o666 and the user's umask, as any file the user writes (mkstemp would give 0o600).
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(content)
            file.flush()
            if sync:
                os.fsync(file.fileno())
    except OSError:
        _remove(temp)
        raise
    return temp


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link(temp: Path, target: Path) -> None:
    """Give the temporary file its final name, failing if that name is taken."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in _NO_LINKS:
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.rename(temp, target)


def _clean(temp: Path | None, made: list[Path]) -> None:
    if temp is not None:
        _remove(temp)
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:  # someone put something there meanwhile: leave it
            break


def _clean_all(temps: list[Path | LetterError], made: list[Path]) -> None:
    for temp in temps:
        if isinstance(temp, Path):
            _remove(temp)
    _clean(None, made)


def _remove(path: Path) -> None:
    with suppress(OSError):  # cleaning up after a failure must not hide that failure
        path.unlink(missing_ok=True)
