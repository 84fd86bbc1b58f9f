"""The types every layer shares: who asks (Actor), where (Channel), what (Invocation, Attachment), on which
platform (a name), what an entity reference is, and the answer (Reply and its inline spans).

They live here, beneath every feature package, so no package of `bot/` has to import another's insides to
name them (tests/test_import_graph.py keeps the graph acyclic).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.reply import Markup, Reply, Span, SpanKind, cite, code, is_private, link, slash, strong

# A platform's name ("discord", "slack", "console", …). Open on purpose: the core never switches on it,
# and a new platform is added in adapters/platform.py alone, which validates names where it configures them.
Platform = str

EntityType = Literal["lab", "model"]


@dataclass(frozen=True, slots=True)
class EntityRef:
    type: EntityType
    id: str  # catalog id


@dataclass(frozen=True, slots=True)
class Actor:
    platform: Platform
    user_id: str
    display_name: str
    is_moderator: bool = False


@dataclass(frozen=True, slots=True)
class Channel:
    platform: Platform
    id: str
    workspace_id: str | None = None  # Discord guild id, Slack team id


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    size: int | None
    load: Callable[[], Awaitable[bytes]]


@dataclass(frozen=True, slots=True)
class Invocation:
    command: str  # CommandSpec.path
    args: dict[str, Any]
    actor: Actor
    channel: Channel
    attachments: tuple[Attachment, ...] = field(default=())


__all__ = [
    "Actor",
    "Attachment",
    "Channel",
    "EntityRef",
    "EntityType",
    "Invocation",
    "Markup",
    "Platform",
    "Reply",
    "Span",
    "SpanKind",
    "cite",
    "code",
    "is_private",
    "link",
    "slash",
    "strong",
]
