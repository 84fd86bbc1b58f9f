"""Time as the scheduler sees it, injected so tests can drive days, DST and crashes without waiting."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def iso(instant: datetime) -> str:
    """The one text form instants take in the store (ISO 8601 UTC, whole seconds)."""
    return instant.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
