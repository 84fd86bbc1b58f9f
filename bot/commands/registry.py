"""Where commands are declared: each command module pairs one CommandSpec with its handler.

A command module (any module of the `bot.commands` package) declares its commands with the decorator:

    @command(CommandSpec("lab", "What the notes say about an AI lab", params=(...), usage="meta"))
    async def lab(ctx: Context, inv: Invocation) -> Reply: ...

`load_commands()` imports every module of the package, so a new module is picked up without editing
the engine. Handlers receive arguments already validated against their spec (types, required, choices)
and permission already checked; any exception they raise becomes an `error` Reply in the engine.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.commands.spec import CommandSpec
from bot.config import Config
from bot.contracts import Invocation
from bot.reply import Reply
from bot.store.db import Store

if TYPE_CHECKING:
    from bot.catalog import Catalog
    from bot.commands.names import NameIndex


@dataclass(slots=True)
class Context:
    """What a handler may use: the store, the catalog, settings, entity names and the other commands."""

    store: Store
    catalog: Catalog
    config: Config
    names: NameIndex
    registry: Registry


Handler = Callable[[Context, Invocation], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class Command:
    spec: CommandSpec
    handler: Handler
    aliases: tuple[str, ...] = ()  # other names users may type for it (lower case), e.g. "models"


class Registry:
    """Commands by path (`lab`, `notes add`), matched case-insensitively, aliases included."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}
        self._aliases: dict[str, str] = {}

    def command(self, spec: CommandSpec, *, aliases: Sequence[str] = ()) -> Callable[[Handler], Handler]:
        """Decorator: register `handler` as the command `spec` declares."""

        def register(handler: Handler) -> Handler:
            self.add(Command(spec, handler, tuple(a.lower() for a in aliases)))
            return handler

        return register

    def add(self, cmd: Command) -> None:
        key = cmd.spec.path.lower()
        existing = self._commands.get(key)
        # Re-importing a module re-registers the same function: harmless. Two functions: a real clash.
        if existing is not None and existing.handler.__qualname__ != cmd.handler.__qualname__:
            raise ValueError(f"command /{key} is declared twice")
        self._commands[key] = cmd
        for alias in cmd.aliases:
            self._aliases[alias] = key

    def copy(self) -> Registry:
        """An independent registry with the same commands (to add more without touching this one)."""
        other = Registry()
        other._commands = dict(self._commands)
        other._aliases = dict(self._aliases)
        return other

    @property
    def commands(self) -> list[Command]:
        return list(self._commands.values())

    @property
    def specs(self) -> list[CommandSpec]:
        return [cmd.spec for cmd in self._commands.values()]

    def find(self, path: str) -> Command | None:
        key = " ".join(path.lower().split())
        key = self._aliases.get(key, key)
        return self._commands.get(key)

    def group_members(self, group: str) -> list[Command]:
        group = group.lower()
        return [cmd for cmd in self._commands.values() if (cmd.spec.group or "").lower() == group]

    def is_group(self, name: str) -> bool:
        return bool(self.group_members(name))

    def names(self) -> list[str]:
        """Everything a user may type as a command's first word(s): paths, group names, aliases."""
        out: list[str] = []
        for key, cmd in self._commands.items():
            out.append(key)
            if cmd.spec.group:
                out.append(cmd.spec.group.lower())
        out.extend(self._aliases)
        return list(dict.fromkeys(out))


REGISTRY = Registry()
command = REGISTRY.command

# The engine uses the registry; it declares no command and must not be imported from here.
_NOT_COMMANDS = frozenset({"engine"})


def load_commands() -> Registry:
    """Import every module of `bot.commands` so that each one's @command declarations run; the
    registry holding them all."""
    import bot.commands as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name in _NOT_COMMANDS:
            continue
        importlib.import_module(f"{package.__name__}.{info.name}")
    return REGISTRY
