"""Digest subscriptions in the store: one per chat channel, with its local time, time zone and focus.

A running scheduler sleeps until the next due subscription; `notify_changed()` wakes it when a
command adds or removes one, so a new subscription is seen without polling.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.contracts import Platform
from bot.digest.schedule import DailySchedule, format_local_time
from bot.digest.verdicts import verdict_labels
from bot.store import digest_rows
from bot.store.db import Store
from bot.store.digest_rows import SubscriptionRow

_listeners: set[Callable[[], None]] = set()

# Runs inside the subscription change's transaction (the audit log entry lands with the change).
AlsoInTransaction = Callable[[aiosqlite.Connection], Awaitable[None]]


def on_change(listener: Callable[[], None]) -> Callable[[], None]:
    """Call `listener` whenever subscriptions change in this process; returns the unregister function."""
    _listeners.add(listener)
    return lambda: _listeners.discard(listener)


def notify_changed() -> None:
    for listener in list(_listeners):
        listener()


@dataclass(frozen=True, slots=True)
class Focus:
    """What a channel follows: only these labs (ids; their models count) and/or podcast channels.

    Both given: episodes from those channels that discuss those labs. Neither: everything."""

    labs: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        return not self.labs and not self.channels


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    platform: Platform
    channel_id: str
    workspace_id: str | None
    local_time: str
    timezone: str
    created_at: datetime
    created_by: str | None
    labels: dict[str, str]  # openness labels when subscribed (bot.digest.verdicts): the first baseline
    source_watermark: int  # sources up to this id were stored when it subscribed (not news)
    focus: Focus = Focus()

    @property
    def schedule(self) -> DailySchedule:
        return DailySchedule.parse(self.local_time, self.timezone)

    def not_news_up_to(self, period_start: datetime) -> int:
        """Source ids to leave out of the period starting at `period_start`.

        Stored times have whole seconds, so in the first period the watermark separates what was
        stored before subscribing from what came after within the same second. Later periods need no
        watermark (and must not use one: ids of removed notes can be reused).
        """
        return self.source_watermark if period_start <= self.created_at else 0

    @property
    def describe(self) -> str:
        return f"every day at {self.local_time} ({self.timezone})"

    @classmethod
    def from_row(cls, row: SubscriptionRow) -> Subscription:
        return cls(
            id=row.id,
            platform=row.platform,
            channel_id=row.channel_id,
            workspace_id=row.workspace_id,
            local_time=row.local_time,
            timezone=row.timezone,
            created_at=row.created_at,
            created_by=row.created_by,
            labels=row.labels,
            source_watermark=row.source_watermark,
            focus=Focus(row.focus_labs, row.focus_channels),
        )


async def get_subscription(store: Store, platform: str, channel_id: str) -> Subscription | None:
    row = await digest_rows.subscription_row(store, platform, channel_id)
    return None if row is None else Subscription.from_row(row)


async def all_subscriptions(store: Store) -> list[Subscription]:
    return [Subscription.from_row(r) for r in await digest_rows.subscription_rows(store)]


async def subscribe(
    store: Store,
    *,
    platform: Platform,
    channel_id: str,
    workspace_id: str | None,
    schedule: DailySchedule,
    timezone: str,
    created_by: str,
    now: datetime,
    focus: Focus | None = None,
    also: AlsoInTransaction | None = None,
) -> tuple[Subscription, bool]:
    """Subscribe the channel, or change the time (and focus, unless `focus` is None) of its
    subscription; returns (it, created).

    Changing the time keeps the subscription (and what it has already delivered), so no period is
    posted twice or lost because of a reschedule.
    """
    local_time = format_local_time(schedule.at)
    async with store.transaction() as conn:
        existing = await get_subscription(store, platform, channel_id)
        if focus is None:
            focus = existing.focus if existing is not None else Focus()
        if existing is None:
            await digest_rows.insert_subscription(
                conn,
                platform=platform,
                channel_id=channel_id,
                workspace_id=workspace_id,
                local_time=local_time,
                timezone=timezone,
                created_at=now,
                created_by=created_by,
                labels=await verdict_labels(store),
                focus_labs=focus.labs,
                focus_channels=focus.channels,
            )
        else:
            await digest_rows.update_subscription(
                conn,
                existing.id,
                local_time=local_time,
                timezone=timezone,
                focus_labs=focus.labs,
                focus_channels=focus.channels,
            )
        if also is not None:
            await also(conn)
    notify_changed()
    current = await get_subscription(store, platform, channel_id)
    assert current is not None  # just written in a committed transaction
    return current, existing is None


async def unsubscribe(
    store: Store, platform: str, channel_id: str, also: AlsoInTransaction | None = None
) -> Subscription | None:
    """Remove the channel's subscription (and its delivery records); returns what was removed."""
    async with store.transaction() as conn:
        existing = await get_subscription(store, platform, channel_id)
        if existing is not None:
            await digest_rows.delete_subscription(conn, existing.id)
            if also is not None:
                await also(conn)
    if existing is not None:
        notify_changed()
    return existing


async def remove_workspace(store: Store, platform: str, workspace_id: str) -> int:
    """Remove every subscription of a workspace the bot left (a Slack uninstall); returns how many."""
    async with store.transaction() as conn:
        removed = await digest_rows.delete_workspace_subscriptions(conn, platform, workspace_id)
    if removed:
        notify_changed()
    return removed
