"""The command core every adapter talks to: validate, check permission, run, never raise."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from bot.catalog import Catalog, load_catalog
from bot.commands.access import authorize
from bot.commands.arguments import validate
from bot.commands.names import NameIndex
from bot.commands.registry import Context, Registry, load_commands
from bot.commands.spec import AutocompleteSource, CommandSpec
from bot.commands.textline import parse_line, suggest_commands
from bot.config import Config
from bot.contracts import Actor, Channel, Invocation
from bot.logs import timed_command
from bot.reply import Reply, is_private, slash, strip_marks
from bot.store import queries
from bot.store.db import Store, StoreError

log = logging.getLogger(__name__)


class StoreMissing(StoreError):
    """No store file yet: the user has to run `labnotes ingest` first."""


class Engine:
    """Implements `CommandCore` (bot.commands.spec) over one Store."""

    def __init__(
        self, store: Store, catalog: Catalog, config: Config, names: NameIndex, registry: Registry
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.config = config
        self.registry = registry
        self.context = Context(store, catalog, config, names, registry)

    @classmethod
    async def open(cls, config: Config, *, registry: Registry | None = None) -> Engine:
        """Open the existing store (never create an empty one) and load the catalog and commands."""
        if str(config.db_path) != ":memory:" and not config.db_path.exists():
            raise StoreMissing(
                f"no store at {config.db_path}; run `labnotes ingest` to build it from your notes"
            )
        catalog = load_catalog(config.catalog_path)
        store = await Store.open(config.db_path, state_path=config.state_path)  # the state before any read
        try:
            names = NameIndex(await queries.entity_names(store))
        except Exception:
            await store.close()
            raise
        return cls(store, catalog, config, names, registry or load_commands())

    async def close(self) -> None:
        await self.store.close()

    async def refresh_names(self) -> None:
        """Reload lab and model names (after an ingest with a changed catalog)."""
        self.context.names = NameIndex(await queries.entity_names(self.store))

    async def get_meta(self, key: str) -> str | None:
        """Adapter bookkeeping kept in the store (e.g. the hash of the last synced Discord commands)."""
        return await self.store.get_meta(key)

    async def set_meta(self, key: str, value: str) -> None:
        await self.store.set_meta(key, value)

    @property
    def names(self) -> NameIndex:
        return self.context.names

    @property
    def specs(self) -> Sequence[CommandSpec]:
        return self.registry.specs

    async def handle(self, invocation: Invocation) -> Reply:
        # One log line per command, whichever adapter it came through (platform, latency, outcome).
        with timed_command(invocation.actor.platform, invocation.command) as result:
            reply = await self._handle(invocation)
            result["outcome"] = reply.kind
        # Who sees it is decided here, for every platform (bot.reply `is_private`).
        found = self.registry.find(invocation.command)
        if is_private(reply.kind, found.spec.path if found else None):
            reply.ephemeral = True
        return reply

    async def _handle(self, invocation: Invocation) -> Reply:
        cmd = self.registry.find(invocation.command)
        if cmd is None:
            word = strip_marks(invocation.command.strip().lstrip("/"))
            return Reply.not_found(
                f"Unknown command /{word}",  # as typed: not one of ours, so not a command span
                f"Type {slash('help')} for the list of commands.",
                suggestions=suggest_commands(word.split(" ")[0] if word else "", self.registry),
            )
        spec = cmd.spec
        # Adapters hide moderator commands too, but the core is the one place that must not be fooled.
        refusal = authorize(invocation.actor, spec)
        if refusal is not None:
            return refusal
        args = validate(spec, invocation.args)
        if isinstance(args, Reply):
            return args
        try:
            if not self.names.entities:  # opened before the first ingest filled labs and models
                await self.refresh_names()
            return await cmd.handler(self.context, _with_args(invocation, args))
        except Exception:
            log.exception("command /%s failed (args %r)", spec.path, invocation.args)
            return Reply.error(
                f"{slash(spec.path)} failed",
                "Something went wrong while answering; it has been logged. Try again, or another command.",
            )

    async def autocomplete(self, source: AutocompleteSource, prefix: str, limit: int = 25) -> list[str]:
        limit = max(0, min(limit, 25))
        if source == "note":
            return await queries.note_paths(self.store, prefix, limit)
        type_ = None if source == "entity" else source
        return self.names.complete(prefix, type_, limit)

    def parse_text(self, line: str) -> tuple[str, dict[str, Any]] | Reply:
        return parse_line(line, self.registry)

    async def ask(self, line: str, actor: Actor, channel: Channel) -> Reply:
        """parse_text + handle: answer one line as typed."""
        parsed = self.parse_text(line)
        if isinstance(parsed, Reply):
            return parsed
        path, args = parsed
        return await self.handle(Invocation(path, args, actor, channel))


def _with_args(invocation: Invocation, args: dict[str, Any]) -> Invocation:
    return Invocation(invocation.command, args, invocation.actor, invocation.channel, invocation.attachments)
