"""How the core posts on its own initiative (the daily digest) through whichever adapter owns a channel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.contracts import Platform
from bot.reply import Reply


class DeliveryError(Exception):
    """A post could not be delivered; `permanent` when retrying cannot help (channel gone, no access)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True, slots=True)
class PostLimit:
    """How fast a publisher may post digests: its platform's documented limits, with headroom."""

    rate: float  # posts per second, sustained
    burst: int  # posts that may go at once before pacing starts (a pass of a few posts never waits)
    in_flight: int  # posts awaiting the platform at once, per bucket
    per_workspace: bool = False  # a bucket per workspace rather than one for the whole bot


DEFAULT_POST_LIMIT = PostLimit(rate=20.0, burst=5, in_flight=4)  # a publisher that names none


def post_limit(publisher: object) -> PostLimit:
    """The publisher's `post_limit`, or the default for one (a console, a test) that names none."""
    limit = getattr(publisher, "post_limit", None)
    return limit if isinstance(limit, PostLimit) else DEFAULT_POST_LIMIT


class Publisher(Protocol):
    platform: Platform

    async def publish(self, channel_id: str, reply: Reply, *, idempotency_key: str) -> str:
        """Post `reply` to the channel; return the platform's message id.

        `idempotency_key` is stable for one logical post (one digest period of one subscription), so a
        retry after a crash can be recognised (Discord `nonce` + `enforce_nonce`, or a look at what the
        channel already holds).
        """
        ...

    async def already_posted(self, channel_id: str, idempotency_key: str) -> str | None:
        """The message id if a post with this key is already in the channel, else None."""
        ...


@runtime_checkable
class PartialPublisher(Protocol):
    """A publisher serving only part of its platform in this process (a range of Discord shards):
    the other workspaces' digests are another process's to post."""

    def owns_workspace(self, workspace_id: str | None) -> bool: ...
