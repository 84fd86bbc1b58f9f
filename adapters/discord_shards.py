"""Which Discord shards this process runs, and so which guilds (and digests) are its own.

Discord routes a guild to shard `(guild_id >> 22) % shard_count` and direct messages to shard 0.
Several `labnotes run` processes each take a range of shards (`discord.shard_ids`); each posts only
the digests of guilds its shards own, so a digest is posted once across all of them. No import of
discord.py here: the digest scheduler asks a publisher through `owns_workspace` alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from adapters.platform import DiscordConfig


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord sends `guild_id`'s events to."""
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True, slots=True)
class ShardPlan:
    """`count` None: discord.py asks Discord how many (AutoShardedClient) and runs them all here.
    `ids` empty: every shard of `count` runs here."""

    count: int | None = None
    ids: tuple[int, ...] = ()

    @classmethod
    def from_config(cls, config: DiscordConfig) -> ShardPlan:
        return cls(config.shard_count, tuple(config.shard_ids))

    def problem(self) -> str | None:
        """Why Discord would refuse this plan (4010 invalid shard), said in labnotes.yaml's terms."""
        if self.count is None:
            if self.ids:
                return "discord.shard_ids needs discord.shard_count: set how many shards the whole bot runs"
            return None
        if self.count < 1:
            return f"discord.shard_count must be at least 1, got {self.count}"
        outside = sorted({i for i in self.ids if not 0 <= i < self.count})
        if outside:
            return (
                f"discord.shard_ids {outside} are outside 0–{self.count - 1} "
                f"(discord.shard_count is {self.count})"
            )
        if len(set(self.ids)) != len(self.ids):
            return f"discord.shard_ids lists a shard twice: {list(self.ids)}"
        return None

    @property
    def partial(self) -> bool:
        """Another process runs the other shards."""
        return self.count is not None and bool(self.ids) and len(set(self.ids)) < self.count

    def owns(self, guild_id: str | None) -> bool:
        """Whether this process's shards receive `guild_id` (None: a direct message, shard 0)."""
        if not self.partial:
            return True
        assert self.count is not None  # partial implies a count
        if guild_id is None or not guild_id.isdigit():
            return 0 in self.ids
        return shard_of(int(guild_id), self.count) in self.ids

    def describe(self) -> str:
        if self.count is None:
            return "shards: as many as Discord recommends"
        ids = list(self.ids) if self.ids else f"all {self.count}"
        return f"shards {ids} of {self.count}"
