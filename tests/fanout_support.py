"""Many digest subscriptions across the fake Discord and the fake Slack, with the real publishers (the
real discord.py HTTP client, the adapter's slack_sdk client): the digest fan-out's test and bench."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import discord
from discord.http import Route

from adapters.discord_bot import DiscordPublisher
from adapters.slack_app import SLACK_POST_LIMIT, SlackPublisher, build_client
from bot.instants import iso
from bot.reply import Reply
from bot.store.db import Store
from tests.fake_discord import FakeDiscord
from tests.fake_ratelimit import DiscordLimits, SlackLimits
from tests.fake_slack import FakeSlack

ZONES = ("UTC", "Europe/London")  # both 09:00 = 09:00 UTC in January: two distinct digests per period


class SlackWorkspaces:
    """One Publisher over several fake workspaces (each its own token and limits), routing by channel."""

    platform = "slack"
    post_limit = SLACK_POST_LIMIT

    def __init__(self, fakes: list[FakeSlack]) -> None:
        self.publishers = {f.team_id: SlackPublisher(build_client(f.bot_token, f.api_base)) for f in fakes}
        self.team_of = {channel: f.team_id for f in fakes for channel in f.channels}

    async def publish(self, channel_id: str, reply: Reply, *, idempotency_key: str) -> str:
        return await self.publishers[self.team_of[channel_id]].publish(
            channel_id, reply, idempotency_key=idempotency_key
        )

    async def already_posted(self, channel_id: str, idempotency_key: str) -> str | None:
        return await self.publishers[self.team_of[channel_id]].already_posted(channel_id, idempotency_key)


@dataclass
class Platforms:
    discord: FakeDiscord
    slack: list[FakeSlack]
    client: discord.Client
    publishers: dict[str, object]

    def discord_posts(self) -> dict[str, int]:
        return {channel: len(posts) for channel, posts in self.discord.messages.items()}

    def slack_posts(self) -> dict[str, int]:
        return {c: len(posts) for f in self.slack for c, posts in f.channels.items()}

    def ignored_retry_after(self) -> int:
        return len(self.discord.limiter.early) + sum(len(f.limiter.early) for f in self.slack)

    def sent_429(self) -> int:
        return self.discord.limiter.sent_429 + sum(f.limiter.sent_429 for f in self.slack)


@asynccontextmanager
async def platforms(
    *,
    discord_channels: int,
    slack_channels: int,
    workspaces: int = 1,
    discord_limits: DiscordLimits | None = None,
    slack_limits: SlackLimits | None = None,
) -> AsyncIterator[Platforms]:
    fake = FakeDiscord(rate_limits=discord_limits or DiscordLimits())
    await fake.start()
    slacks = [
        FakeSlack(bot_token=f"xoxb-ws{w}", team_id=f"T{w:04d}", rate_limits=slack_limits or SlackLimits())
        for w in range(workspaces)
    ]
    for i in range(slack_channels):
        slacks[i % workspaces].add_channel(f"C{i:06d}")
    for slack in slacks:
        await slack.start()
    for _ in range(discord_channels):
        fake.add_guild()  # a guild of its own, with one channel
    saved = Route.BASE
    Route.BASE = fake.api_base
    client = discord.Client(intents=discord.Intents.none())
    try:
        await client.login(fake.token)
        publishers: dict[str, object] = {
            "discord": DiscordPublisher(client),
            "slack": SlackWorkspaces(slacks),
        }
        yield Platforms(fake, slacks, client, publishers)
    finally:
        await client.close()
        for slack in slacks:
            await slack.close()
        await fake.close()
        Route.BASE = saved


async def subscribe_all(store: Store, found: Platforms, *, at: datetime) -> int:
    """A subscription at 09:00 for every channel of both fakes (zones alternating); one transaction."""
    rows = [("discord", g.channel_id, g.id) for g in found.discord.guilds.values()]
    rows += [("slack", c, f.team_id) for f in found.slack for c in f.channels]
    async with store.transaction() as conn:
        await conn.executemany(
            "INSERT INTO digest_subscriptions(platform, channel_id, workspace_id, local_time, timezone,"
            " created_at, created_by, labels, source_watermark, focus_labs, focus_channels)"
            " VALUES (?, ?, ?, '09:00', ?, ?, 'bench', '{}', 0, '[]', '[]')",
            [(p, c, w, ZONES[i % len(ZONES)], iso(at)) for i, (p, c, w) in enumerate(rows)],
        )
    return len(rows)
