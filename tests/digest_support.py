"""Test doubles for the digest: a clock the test drives, a channel that remembers posts, and rows."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.contracts import Platform
from bot.delivery import DeliveryError, Publisher
from bot.instants import iso
from bot.reply import Reply
from bot.store.db import Store

ROOT = "/vault"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


class FakeClock:
    """Time stands still until the test (or a sleep) moves it; every sleep is recorded."""

    def __init__(self, now: datetime) -> None:
        self.current = now
        self.sleeps: list[float] = []
        self._sleeping: asyncio.Future[None] | None = None

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> datetime:
        self.current += timedelta(**kwargs)
        return self.current

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self._sleeping = asyncio.get_running_loop().create_future()
        await self._sleeping  # ends when the test lets the time pass (or a wake-up cancels it)

    async def until_sleeping(self, count: int) -> None:
        """Wait (in loop turns, not time) until the scheduler has gone to sleep `count` times."""
        async with asyncio.timeout(10):  # a guard against a hang, never reached when it works
            while len(self.sleeps) < count or self._sleeping is None or self._sleeping.done():  # noqa: ASYNC110 - the scheduler owns no event to share
                await asyncio.sleep(0.001)

    def elapse(self) -> None:
        """The requested sleep passes: time moves on by it and the sleeper wakes."""
        assert self._sleeping is not None
        self.advance(seconds=self.sleeps[-1])
        self._sleeping.set_result(None)


class Crash(BaseException):
    """Stands for the process dying: nothing after it runs, not even `except Exception`."""


class CrashAfterPosting:
    """The real publisher, but the process 'dies' right after the platform accepted the post."""

    def __init__(self, inner: Publisher) -> None:
        self.inner = inner
        self.platform = inner.platform

    async def publish(self, channel_id: str, reply: Reply, *, idempotency_key: str) -> str:
        await self.inner.publish(channel_id, reply, idempotency_key=idempotency_key)
        raise Crash

    async def already_posted(self, channel_id: str, idempotency_key: str) -> str | None:
        return await self.inner.already_posted(channel_id, idempotency_key)


@dataclass
class Post:
    channel_id: str
    key: str
    reply: Reply
    message_id: str


@dataclass
class MemoryChannels:
    """A chat platform's channels as seen through the Publisher protocol."""

    platform: Platform = "discord"
    posts: list[Post] = field(default_factory=list)
    crash_before_send: bool = False
    crash_after_send: bool = False
    fail_with: DeliveryError | None = None

    async def publish(self, channel_id: str, reply: Reply, *, idempotency_key: str) -> str:
        if self.crash_before_send:
            raise Crash
        if self.fail_with is not None:
            raise self.fail_with
        post = Post(channel_id, idempotency_key, reply, f"m{len(self.posts) + 1}")
        self.posts.append(post)
        if self.crash_after_send:
            raise Crash
        return post.message_id

    async def already_posted(self, channel_id: str, idempotency_key: str) -> str | None:
        for post in self.posts:
            if post.channel_id == channel_id and post.key == idempotency_key:
                return post.message_id
        return None

    def in_channel(self, channel_id: str) -> list[Post]:
        return [p for p in self.posts if p.channel_id == channel_id]


async def add_lab(store: Store, lab_id: str, name: str, label: str | None = None) -> None:
    async with store.transaction() as conn:
        await conn.execute("INSERT OR IGNORE INTO labs(id, name) VALUES (?, ?)", (lab_id, name))
        if label is not None:
            await set_label(conn, lab_id, label)


async def set_label(conn: object, lab_id: str, label: str, type_: str = "lab") -> None:
    await conn.execute(  # type: ignore[attr-defined]
        "INSERT INTO entity_stats (entity_type, entity_id, claims, notes, episodes, channels, open, closed,"
        " partial, planned, score, label) VALUES (?, ?, 1, 1, 1, 1, 0, 0, 0, 0, 0.0, ?)"
        " ON CONFLICT(entity_type, entity_id) DO UPDATE SET label = excluded.label",
        (type_, lab_id, label),
    )


async def change_label(store: Store, lab_id: str, label: str, type_: str = "lab") -> None:
    async with store.transaction() as conn:
        await set_label(conn, lab_id, label, type_)


async def add_model(store: Store, model_id: str, name: str, lab_id: str, label: str | None = None) -> None:
    async with store.transaction() as conn:
        await conn.execute("INSERT INTO models(id, name, lab_id) VALUES (?, ?, ?)", (model_id, name, lab_id))
        if label is not None:
            await set_label(conn, model_id, label, "model")


async def add_index(store: Store, channel: str, episodes: list[tuple[str, str, list[str]]]) -> None:
    """A channel index page naming episodes: (video id, title, note slugs in the page's order)."""
    async with store.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO sources(root, path, kind, content_hash, size, ingested_at, updated_at)"
            " VALUES (?, ?, 'index', 'h', 1, ?, ?)",
            (ROOT, f"{channel}/{channel}.md", iso(utc(2024, 1, 1)), iso(utc(2024, 1, 1))),
        )
        for video_id, title, slugs in episodes:
            await conn.execute(
                "INSERT INTO episodes VALUES (?, ?, ?, ?, ?)",
                (video_id, cursor.lastrowid, title, channel, json.dumps(slugs)),
            )


@dataclass
class ClaimRow:
    text: str
    seconds: int | None = None
    labs: tuple[str, ...] = ()
    signal: tuple[str, str, str] | None = None  # (lab id or model:id, kind, cue)
    models: tuple[str, ...] = ()


async def add_note(
    store: Store,
    path: str,
    title: str,
    *,
    at: datetime,
    video_id: str = "KIb9LhszOUc",
    channel: str | None = "bankless",
    claims: tuple[ClaimRow, ...] = (),
) -> int:
    """A note as ingest would have stored it, first ingested at `at`."""
    async with store.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO sources(root, path, kind, content_hash, size, ingested_at, updated_at)"
            " VALUES (?, ?, 'note', 'h', 1, ?, ?)",
            (ROOT, path, iso(at), iso(at)),
        )
        note_id = cursor.lastrowid
        await conn.execute(
            "INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, 0, '[]')",
            (note_id, title, video_id, channel, path.rsplit("/", 1)[-1].removesuffix(".md"), len(claims)),
        )
        for ordinal, claim in enumerate(claims):
            cursor = await conn.execute(
                "INSERT INTO claims(note_id, ordinal, text, seconds, timestamps) VALUES (?, ?, ?, ?, ?)",
                (
                    note_id,
                    ordinal,
                    claim.text,
                    claim.seconds,
                    json.dumps([] if claim.seconds is None else [claim.seconds]),
                ),
            )
            claim_id = cursor.lastrowid
            for lab in claim.labs:
                await conn.execute("INSERT INTO mentions VALUES (?, 'lab', ?, 1)", (claim_id, lab))
            for model in claim.models:
                await conn.execute("INSERT INTO mentions VALUES (?, 'model', ?, 1)", (claim_id, model))
            if claim.signal is not None:
                entity, kind, cue = claim.signal
                type_ = "model" if entity.startswith("model:") else "lab"
                await conn.execute(
                    "INSERT INTO signals (claim_id, entity_type, entity_id, kind, cue) VALUES (?, ?, ?, ?, ?)",
                    (claim_id, type_, entity.removeprefix("model:"), kind, cue),
                )
    assert note_id is not None
    return note_id
