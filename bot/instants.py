"""The one text form instants take in the store, shared by the digest, moderation and audit."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(instant: datetime) -> str:
    """ISO 8601 UTC, whole seconds."""
    return instant.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
