"""How a command is declared once (CommandSpec) and how a platform asks for it (Invocation).

Adapters build their platform's commands from these specs and turn platform events into
Invocations; the core answers every Invocation with a Reply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, Protocol

from bot.contracts import Invocation
from bot.reply import Reply


class ParamType(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    ATTACHMENT = "attachment"  # a file the user uploads (Discord attachment, Slack file, console path)


class Permission(StrEnum):
    EVERYONE = "everyone"
    MODERATOR = "moderator"


# Autocomplete sources the core can answer: lab names, model names, both, note paths.
AutocompleteSource = Literal["lab", "model", "entity", "note"]


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    description: str
    type: ParamType = ParamType.STRING
    required: bool = False
    autocomplete: AutocompleteSource | None = None
    choices: tuple[str, ...] = ()
    rest: bool = False  # in free text (console, Slack), this string param takes the rest of the line


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """One command. `group` + `name` form subcommands: group "notes", name "add" is `/notes add`."""

    name: str
    description: str
    params: tuple[Param, ...] = ()
    permission: Permission = Permission.EVERYONE
    group: str | None = None
    usage: str = ""  # a one-line example of the arguments, e.g. "meta"
    default_in_group: bool = False  # `/digest` alone runs this subcommand in free-text platforms

    @property
    def path(self) -> str:
        """The command as users type it, without the slash: `lab`, `notes add`."""
        return f"{self.group} {self.name}" if self.group else self.name


class CommandCore(Protocol):
    """What every adapter needs from the core."""

    @property
    def specs(self) -> Sequence[CommandSpec]: ...

    async def handle(self, invocation: Invocation) -> Reply:
        """Validate arguments and permission, run the command, never raise."""
        ...

    async def autocomplete(self, source: AutocompleteSource, prefix: str, limit: int = 25) -> list[str]: ...

    def parse_text(self, line: str) -> tuple[str, dict[str, Any]] | Reply:
        """Free text as typed in the console or Slack (`lab meta`, `notes add x.md replace:true`)
        → (CommandSpec.path, args), or an error Reply that says what is wrong."""
        ...
