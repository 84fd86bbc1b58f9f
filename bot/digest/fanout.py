"""Posting many digests at once: paced under each platform's rate limits, spread over the due minute.

Every post waits for a token from its bucket: one for the whole bot, or one per workspace, as each
publisher's `post_limit` says (the adapters know their platform's limits). A bucket's rate is the
platform's, or slower when that would still finish within `spread_seconds`: 10,000 posts go out
evenly over the due minute (or longer when the limit demands it), not in a burst at second 0. A bounded
number of posts per bucket is in flight at once.

The platform clients honour a 429's Retry-After themselves (discord.py waits on per-route and global
buckets, slack_sdk's AsyncRateLimitErrorRetryHandler); they report each 429 here with
`report_rate_limit`, which counts it for the progress line and, for a limit of the whole bot (Discord's
global one), holds that bucket until the platform's retry time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from bot.delivery import DEFAULT_POST_LIMIT, PostLimit

log = logging.getLogger(__name__)


MIN_RATE = 2.0  # posts per second a paced bucket never goes below
PROGRESS_EVERY = 1000  # posts between progress lines (also one every PROGRESS_SECONDS)
PROGRESS_SECONDS = 10.0

BucketKey = tuple[str, str | None]  # (platform, workspace id or None for the whole bot)


# -- 429s reported by the platform clients ------------------------------------------------------------

_listeners: set[Callable[[str, float, bool], None]] = set()


def report_rate_limit(platform: str, retry_after: float) -> None:
    """A platform client got a 429 and waits `retry_after` seconds before retrying (it honours it)."""
    for listener in list(_listeners):
        listener(platform, retry_after, False)


def report_global_limit(platform: str, retry_after: float) -> None:
    """The 429 just reported covers every request of the bot (Discord's global limit): hold its posts."""
    for listener in list(_listeners):
        listener(platform, retry_after, True)


class TokenBucket:
    """`rate` tokens a second up to `burst`; `hold` empties it until a given time (a 429's retry)."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self.clock = clock
        self.tokens = float(self.burst)
        self.stamp = clock()
        self.held_until = 0.0

    def _refill(self, now: float) -> None:
        self.tokens = min(float(self.burst), self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def hold(self, seconds: float) -> None:
        now = self.clock()
        self._refill(now)
        self.tokens = min(self.tokens, 0.0)
        self.held_until = max(self.held_until, now + seconds)

    def wait_time(self) -> float:
        """0 and a token taken, or how long to wait before asking again."""
        now = self.clock()
        self._refill(now)
        if now < self.held_until:
            return self.held_until - now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate

    async def take(self) -> None:
        while (delay := self.wait_time()) > 0:  # noqa: ASYNC110 - waiting for time to pass, not an event
            await asyncio.sleep(delay)


def paced_rate(limit: PostLimit, total: int, spread_seconds: float) -> float:
    """The platform's rate, or slower when that still posts `total` within `spread_seconds`; never
    slower than MIN_RATE: spreading is for a crowd, and a handful of channels shouldn't wait a minute."""
    if spread_seconds <= 0 or total <= limit.burst:
        return limit.rate
    return min(limit.rate, max(MIN_RATE, (total - limit.burst) / spread_seconds))


Job = Callable[[], Awaitable[None]]


@dataclass
class Progress:
    total: int
    posted: int = 0
    held: int = 0  # posts ready but held by a bucket (pacing or a 429)
    queued: Callable[[], int] = lambda: 0  # claimed posts not yet handed to a worker
    rate_limited: int = 0  # 429s the platform clients received and waited out
    next_line: int = PROGRESS_EVERY
    every: int = PROGRESS_EVERY

    def line(self) -> str:
        return (
            f"digest fan-out: {self.posted:,}/{self.total:,} posted, {self.held + self.queued():,} waiting on"
            f" rate limits"
            f" (429 ×{self.rate_limited} honoured)"
        )


@dataclass
class FanOut:
    """Runs post jobs through per-bucket queues: `in_flight` workers per bucket, each taking a token
    before its job. Jobs are added while it runs (the scheduler claims ahead in batches)."""

    posts: Iterable[tuple[str, str | None]]  # (platform, workspace id) of every post expected: the pace
    limits: dict[str, PostLimit] = field(default_factory=dict)  # by platform: each publisher's own
    spread_seconds: float = 60.0
    progress_every: int = PROGRESS_EVERY
    progress_seconds: float = PROGRESS_SECONDS
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[BucketKey, TokenBucket] = field(default_factory=dict)
    _queues: dict[BucketKey, asyncio.Queue[Job | None]] = field(default_factory=dict)
    _workers: list[asyncio.Task[None]] = field(default_factory=list)
    _started: float = 0.0
    _queued: int = 0  # jobs submitted and not yet taken by a worker (the stop markers aren't jobs)

    def __post_init__(self) -> None:
        # Counted per bucket: every Discord guild shares the bot's one bucket, each Slack workspace has its own.
        self.totals = Counter(self.bucket_key(platform, workspace) for platform, workspace in self.posts)
        total = self.totals.total()
        self.progress = Progress(total, next_line=self.progress_every, every=self.progress_every)
        self.progress.queued = self.queued
        self.failure: BaseException | None = None  # a job's crash: the whole fan-out stops, like the process
        self._moved = asyncio.Event()  # a job finished (or failed): there may be room to claim more

    def limit(self, platform: str) -> PostLimit:
        return self.limits.get(platform, DEFAULT_POST_LIMIT)

    def bucket_key(self, platform: str, workspace_id: str | None) -> BucketKey:
        return (platform, workspace_id if self.limit(platform).per_workspace else None)

    def bucket(self, key: BucketKey) -> TokenBucket:
        if key not in self._buckets:
            limit = self.limit(key[0])
            rate = paced_rate(limit, self.totals.get(key, 0), self.spread_seconds)
            self._buckets[key] = TokenBucket(rate, limit.burst, self.clock)
        return self._buckets[key]

    def _on_rate_limit(self, platform: str, retry_after: float, whole_bot: bool) -> None:
        if not whole_bot:
            self.progress.rate_limited += 1
        else:
            for key, bucket in self._buckets.items():
                if key[0] == platform:
                    bucket.hold(retry_after)

    # -- running ---------------------------------------------------------------------------------

    async def __aenter__(self) -> FanOut:
        _listeners.add(self._on_rate_limit)
        self._started = self.clock()
        self._workers.append(asyncio.create_task(self._ticker()))
        return self

    async def __aexit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        _listeners.discard(self._on_rate_limit)
        workers = self._workers[1:]  # after the ticker
        if exc is None and self.failure is None:
            for key, queue in self._queues.items():
                for _ in range(self.limit(key[0]).in_flight):
                    queue.put_nowait(None)  # one stop per worker, after the jobs queued before it
            try:
                await asyncio.gather(*workers, return_exceptions=True)
            finally:
                await self._stop()
            if self.failure is not None:
                raise self.failure
            if self.progress.total >= self.progress_every:
                log.info("%s in %.1f s", self.progress.line(), self.clock() - self._started)
            return
        await self._stop()  # the pass failed or was cancelled: stop posting now

    async def _stop(self) -> None:
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)

    def submit(self, platform: str, workspace_id: str | None, job: Job) -> None:
        if self.failure is not None:
            raise self.failure
        key = self.bucket_key(platform, workspace_id)
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = asyncio.Queue()
            self.bucket(key)
            for _ in range(self.limit(platform).in_flight):
                self._workers.append(asyncio.create_task(self._worker(key, queue)))
        queue.put_nowait(job)
        self._queued += 1

    async def room(self, ahead: int) -> None:
        """Wait until fewer than `ahead` posts are queued: claims stay a little ahead of the posting,
        so a claim never waits long (never near its lease) and a crash leaves few to recover."""
        while self.queued() >= ahead and self.failure is None:
            self._moved.clear()
            await self._moved.wait()
        if self.failure is not None:
            raise self.failure

    def queued(self) -> int:
        return self._queued

    async def _worker(self, key: BucketKey, queue: asyncio.Queue[Job | None]) -> None:
        bucket = self._buckets[key]
        while (job := await queue.get()) is not None:
            self._queued -= 1
            if (delay := bucket.wait_time()) > 0:
                self.progress.held += 1
                try:
                    await asyncio.sleep(delay)
                    await bucket.take()
                finally:
                    self.progress.held -= 1
            try:
                await job()
            except asyncio.CancelledError:
                raise
            except BaseException as exc:  # jobs handle their errors: what escapes is a crash
                self.failure = self.failure or exc
                self._moved.set()
                for task in self._workers:
                    if task is not asyncio.current_task():
                        task.cancel()
                return
            self._moved.set()
            self.progress.posted += 1
            if self.progress.posted >= self.progress.next_line:
                self.progress.next_line += self.progress.every
                log.info(self.progress.line())

    async def _ticker(self) -> None:
        while True:
            await asyncio.sleep(self.progress_seconds)
            log.info(self.progress.line())
