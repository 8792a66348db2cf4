"""Pick one installed version of a named definition (a workflow, a framework), or say what is
installed: the one rule both catalogs follow."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from escalation.i18n import _

T = TypeVar("T")


def pick(
    installed: Mapping[tuple[str, int], T],
    name: str,
    version: int | None,
    *,
    no_name: Callable[[str, str], Exception],
    no_version: Callable[[int, str], Exception],
) -> T:
    """`installed[(name, version)]`, or the newest version of `name` when `version` is None.

    Raises:
        The exception `no_name(name, installed names)` when no version of `name` is installed,
        `no_version(version, installed versions)` when that version is not.
    """
    versions = {v: entry for (n, v), entry in installed.items() if n == name}
    if not versions:
        raise no_name(name, ", ".join(sorted({n for n, _v in installed})) or _("none"))
    chosen = max(versions) if version is None else version
    if chosen not in versions:
        raise no_version(chosen, ", ".join(map(str, sorted(versions))))
    return versions[chosen]
