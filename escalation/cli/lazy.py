"""A command group whose commands are imported only when one of them is used.

The group holds a stand-in per command (its name and help text, for the help page); the
command itself is built from its module when it runs, when its own help is asked, or when
anything else about it is read (its parameters, its subcommands).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

import typer
import typer.main

from escalation.cli.output import EscalationGroup


class LazyEntry(NamedTuple):
    """One top-level command: its name, what registers it on a Typer app, its help text."""

    name: str
    load: Callable[[typer.Typer], None]
    help: str


_BUILT: dict[Callable[[typer.Typer], None], Any] = {}  # loader -> the group it registered


def build(entry: LazyEntry) -> Any:
    """The real Click command of `entry` (its module imported; built once per loader)."""
    group = _BUILT.get(entry.load)
    if group is None:
        target = typer.Typer()
        entry.load(target)
        group = _BUILT[entry.load] = typer.main.get_group(target)
    return group.commands[entry.name]


class LazyCommand:
    """Stands in for a command on its group's help page; anything else builds the command."""

    hidden = False
    deprecated = False
    rich_help_panel = None
    short_help: str | None = None

    def __init__(self, entry: LazyEntry, group: LazyGroup) -> None:
        self.name = entry.name
        self.help = entry.help
        self._entry = entry
        self._group = group

    def real(self) -> Any:
        command = build(self._entry)
        commands: Any = self._group.commands
        if commands.get(self.name) is self:
            commands[self.name] = command
        return command

    def __getattr__(self, name: str) -> Any:  # only for what the stand-in does not hold
        if name.startswith("__") or name in ("_entry", "_group"):
            raise AttributeError(name)
        return getattr(self.real(), name)


class LazyGroup(EscalationGroup):
    """An EscalationGroup whose `entries` are added as stand-ins and built on use."""

    entries: ClassVar[tuple[LazyEntry, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for entry in self.entries:
            self.commands.setdefault(entry.name, LazyCommand(entry, self))  # type: ignore[arg-type]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if isinstance(command, LazyCommand):
            command = command.real()
        return name, command, rest

    def load_all(self) -> None:
        """Build every command (for tools that walk the whole tree)."""
        for name, command in list(self.commands.items()):
            if isinstance(command, LazyCommand):
                self.commands[name] = command.real()
