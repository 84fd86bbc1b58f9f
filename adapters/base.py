"""What `labnotes run` needs from each chat adapter."""

from __future__ import annotations

from typing import Protocol

from bot.delivery import Publisher


class AdapterStartError(Exception):
    """The adapter could not start (bad token, fatal close code, port in use); the message says why."""


class Adapter(Protocol):
    """Implemented by `adapters.platform.PlatformAdapter`, the base every chat adapter stands on."""

    name: str  # "discord", "slack", "console"

    async def start(self) -> None:
        """Connect and begin answering; return once connected, raise AdapterStartError if it can't."""
        ...

    async def wait_closed(self) -> None:
        """Return when the adapter stops for good (fatal error, or after stop())."""
        ...

    async def stop(self) -> None:
        """Stop taking commands, let in-flight ones finish (bounded), disconnect."""
        ...

    @property
    def connected(self) -> bool: ...

    @property
    def publisher(self) -> Publisher | None: ...
