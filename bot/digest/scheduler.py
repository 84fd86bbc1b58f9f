"""The digest scheduler: sleeps until the next due subscription, posts each period exactly once.

Per subscription, a period runs from the end of the previous one (or the moment it subscribed) to the
latest due instant. After downtime that is one catch-up period covering the whole gap, not one post per
missed day. See deliveries.py for how claims make a period post once across crashes and processes.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.config import DigestConfig
from bot.delivery import DeliveryError, PartialPublisher, PostLimit, Publisher, post_limit
from bot.digest import deliveries
from bot.digest.clock import Clock, SystemClock
from bot.digest.compose import Digest, compose_digest
from bot.digest.deliveries import Delivery, idempotency_key
from bot.digest.fanout import PROGRESS_EVERY, BucketKey, FanOut
from bot.digest.schedule import ScheduleError
from bot.digest.subscriptions import Focus, Subscription, all_subscriptions, on_change
from bot.logs import log_digest
from bot.reply import Reply
from bot.store import digest_rows
from bot.store.db import Store

log = logging.getLogger(__name__)

Outcome = Literal["sent", "skipped", "recovered", "retry", "failed"]


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    subscription_id: int
    platform: str
    channel_id: str
    period_start: datetime
    period_end: datetime
    outcome: Outcome  # recovered: a crash had interrupted it and the post was found already there
    message_id: str | None = None
    note_count: int = 0
    error: str | None = None
    reply: Reply | None = None


def _owned(publisher: Publisher, sub: Subscription) -> bool:
    return not isinstance(publisher, PartialPublisher) or publisher.owns_workspace(sub.workspace_id)


# Everything compose_digest reads of a subscription's period; the quiet rule follows from the focus.
CompositionKey = tuple[datetime, datetime, tuple[tuple[str, str], ...], Focus, str | None, int]


class _Compositions:
    """One pass's digests by what they are composed from: channels due at the same instant with the
    same baseline, focus and time zone get the same Digest, composed once."""

    def __init__(self, scheduler: DigestScheduler) -> None:
        self.scheduler = scheduler
        self.digests: dict[CompositionKey, Digest] = {}
        self.done = 0  # compositions run (the rest were reused)

    async def get(
        self,
        sub: Subscription,
        start: datetime,
        end: datetime,
        baseline: dict[str, str] | None,
        *,
        snapshot: bool = False,
    ) -> Digest:
        """`snapshot`: compose in a transaction of its own (callers already in one pass False)."""
        labels = sub.labels if baseline is None else baseline
        tz = sub.schedule.tz
        after = sub.not_news_up_to(start)
        key = (start, end, tuple(sorted(labels.items())), sub.focus, tz.key if tz else None, after)
        if (digest := self.digests.get(key)) is not None:
            return digest
        store, config = self.scheduler.store, self.scheduler.config
        compose = functools.partial(
            compose_digest,
            store,
            start=start,
            end=end,
            baseline_labels=labels,
            config=config,
            tz=tz,
            after_source=after,
            focus=sub.focus,
        )
        if snapshot:
            async with store.transaction():
                digest = await compose()
        else:
            digest = await compose()
        self.done += 1
        self.digests[key] = digest
        return digest


def _interleaved(due: list[Subscription], fan: FanOut) -> list[Subscription]:
    """`due` in the order the fan-out will post them: by when each one's bucket gets to it, so claiming
    in that order keeps every platform and workspace supplied (a slow bucket doesn't starve a fast one)."""
    seen: dict[BucketKey, int] = {}
    when: dict[int, float] = {}
    for sub in due:
        key = fan.bucket_key(sub.platform, sub.workspace_id)
        seen[key] = seen.get(key, 0) + 1
        when[sub.id] = seen[key] / fan.bucket(key).rate
    return sorted(due, key=lambda sub: (when[sub.id], sub.id))


def _batches(items: list[Subscription], size: int) -> Iterator[list[Subscription]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class DigestScheduler:
    def __init__(
        self,
        store: Store,
        publishers: Mapping[str, Publisher],
        clock: Clock | None = None,
        config: DigestConfig | None = None,
        *,
        lease: timedelta = timedelta(minutes=5),
        max_attempts: int = 5,
        limits: Mapping[str, PostLimit] | None = None,
        batch_size: int = 200,
        progress_every: int = PROGRESS_EVERY,
        max_sleep: float = 600.0,
        retry_delay: float = 60.0,
    ) -> None:
        self.store = store
        self.publishers = publishers
        self.clock: Clock = clock or SystemClock()
        self.config = config or DigestConfig()
        self.lease = lease  # a claim older than this whose owner didn't finish is presumed dead
        self.limits: Mapping[str, PostLimit] = (
            {name: post_limit(p) for name, p in publishers.items()} if limits is None else limits
        )
        self.batch_size = batch_size  # subscriptions claimed per transaction
        self.progress_every = progress_every
        self.compositions = 0  # digests the last pass composed (the others reused one of them)
        self.max_attempts = max_attempts
        # Re-read subscriptions now and then even without a wake-up: another process may change them.
        self.max_sleep = max_sleep
        self.retry_delay = retry_delay
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._wake = asyncio.Event()
        self._stopping = False

    # -- one pass ---------------------------------------------------------------------------------

    def _serves(self, sub: Subscription) -> bool:
        publisher = self.publishers.get(sub.platform)
        if publisher is None:
            return False  # that platform isn't running here; its periods wait (one catch-up later)
        if not _owned(publisher, sub):
            return False  # another process's shards own that guild: it posts this digest
        try:
            sub.schedule  # noqa: B018 - validates a row written by an older or foreign version
        except ScheduleError as exc:
            log.error("digest subscription %s has a bad schedule: %s", sub.id, exc)
            return False
        return True

    async def run_due(self, now: datetime) -> list[DeliveryResult]:
        """Finish interrupted deliveries whose lease ran out, then post every period due at `now`.

        Due periods are claimed a batch at a time (one transaction each), a little ahead of the posting,
        which runs through a FanOut: paced under each platform's limits and spread over the due minute.
        Subscriptions that get the same digest share one composition (`_Compositions`)."""
        subs = [sub for sub in await all_subscriptions(self.store) if self._serves(sub)]
        by_id = {sub.id: sub for sub in subs}
        ends = await digest_rows.last_period_ends(self.store)
        stale = [
            d
            for d in await digest_rows.claims_sending(self.store, now - self.lease)
            if d.subscription_id in by_id
        ]
        due = [s for s in subs if s.schedule.latest_at_or_before(now) > (ends.get(s.id) or s.created_at)]
        fan = FanOut(
            [(s.platform, s.workspace_id) for s in [*(by_id[d.subscription_id] for d in stale), *due]],
            limits=dict(self.limits),
            spread_seconds=self.config.spread_seconds,
            progress_every=self.progress_every,
        )
        compositions = _Compositions(self)
        results: list[DeliveryResult] = []

        def post(sub: Subscription, work: Callable[[], Awaitable[DeliveryResult | None]]) -> None:
            async def job() -> None:
                if (result := await work()) is not None:
                    results.append(result)

            fan.submit(sub.platform, sub.workspace_id, job)

        async with fan:
            for claim in stale:
                sub = by_id[claim.subscription_id]
                post(
                    sub,
                    functools.partial(
                        self._resume, sub, claim, self.publishers[sub.platform], now, compositions
                    ),
                )
            for batch in _batches(_interleaved(due, fan), self.batch_size):
                await fan.room(self.batch_size)  # claim the next batch only as the previous one goes out
                for sub, start, end, digest, skip in await self._claim(batch, now, compositions):
                    if skip:
                        results.append(
                            DeliveryResult(sub.id, sub.platform, sub.channel_id, start, end, "skipped")
                        )
                    else:
                        publisher = self.publishers[sub.platform]
                        post(
                            sub, functools.partial(self._send, sub, publisher, start, end, digest, attempts=1)
                        )
        self.compositions = compositions.done
        results.sort(key=lambda r: (r.subscription_id, r.period_end))
        for r in results:  # one log line per period handled
            log_digest(r.platform, r.channel_id, r.outcome, notes=r.note_count, error=r.error)
        return results

    async def _claim(
        self, batch: list[Subscription], now: datetime, compositions: _Compositions
    ) -> list[tuple[Subscription, datetime, datetime, Digest, bool]]:
        """Claim what is due of `batch`; each claimed period with its digest and whether it is skipped."""
        ids = [sub.id for sub in batch]
        claimed = []
        # Deciding what is due and claiming it in one write transaction: a second process waits for
        # this one and then sees the claims, so two processes never claim overlapping periods.
        async with self.store.transaction():
            ends = await digest_rows.last_period_ends(self.store, ids)
            baselines = await digest_rows.baseline_labels_of(self.store, ids)
            for sub in batch:
                start = ends.get(sub.id) or sub.created_at
                end = sub.schedule.latest_at_or_before(now)
                if end <= start:
                    continue
                digest = await compositions.get(sub, start, end, baselines.get(sub.id))
                skip = self._skips(sub, digest)
                if await deliveries.insert_claim(
                    self.store,
                    subscription_id=sub.id,
                    start=start,
                    end=end,
                    state="skipped" if skip else "sending",
                    now=now,
                    owner=self.owner,
                    note_count=digest.note_count,
                    labels=digest.labels,
                ):
                    claimed.append((sub, start, end, digest, skip))
        return claimed

    def _skips(self, sub: Subscription, digest: Digest) -> bool:
        """A quiet period is skipped when configured so, and always for a channel with a focus: it asked
        for news about some labs or channels only, not for a daily "nothing new"."""
        return digest.quiet and (self.config.quiet == "skip" or not sub.focus.everything)

    async def _resume(
        self,
        sub: Subscription,
        stale: Delivery,
        publisher: Publisher,
        now: datetime,
        compositions: _Compositions,
    ) -> DeliveryResult | None:
        if not await deliveries.take_over(self.store, stale, now=now, owner=self.owner):
            return None  # another process took it over first
        start, end = stale.period_start, stale.period_end
        key = (sub.id, end)
        try:
            existing = await publisher.already_posted(sub.channel_id, idempotency_key(sub.id, end))
        except Exception as exc:  # can't tell whether it was posted: don't risk a duplicate, retry later
            return await self._failed_attempt(sub, start, end, exc, attempts=stale.attempts + 1)
        if existing is not None:
            await deliveries.finish_claim(
                self.store, key, owner=self.owner, state="sent", now=self.clock.now(), message_id=existing
            )
            log.info("digest %s for %s was already posted (message %s)", key, sub.channel_id, existing)
            return DeliveryResult(
                sub.id, sub.platform, sub.channel_id, start, end, "recovered", existing, stale.note_count
            )
        baseline = await deliveries.baseline_labels(self.store, sub.id)
        digest = await compositions.get(sub, start, end, baseline, snapshot=True)
        if self._skips(sub, digest):
            await deliveries.finish_claim(
                self.store, key, owner=self.owner, state="skipped", now=self.clock.now(), labels=digest.labels
            )
            return DeliveryResult(sub.id, sub.platform, sub.channel_id, start, end, "skipped")
        return await self._send(sub, publisher, start, end, digest, attempts=stale.attempts + 1)

    async def _send(
        self,
        sub: Subscription,
        publisher: Publisher,
        start: datetime,
        end: datetime,
        digest: Digest,
        *,
        attempts: int,
    ) -> DeliveryResult:
        try:
            message_id = await publisher.publish(
                sub.channel_id, digest.reply, idempotency_key=idempotency_key(sub.id, end)
            )
        except Exception as exc:
            return await self._failed_attempt(sub, start, end, exc, attempts=attempts)
        await deliveries.finish_claim(
            self.store,
            (sub.id, end),
            owner=self.owner,
            state="sent",
            now=self.clock.now(),
            message_id=message_id,
            labels=digest.labels,
            note_count=digest.note_count,
        )
        return DeliveryResult(
            sub.id,
            sub.platform,
            sub.channel_id,
            start,
            end,
            "sent",
            message_id,
            digest.note_count,
            None,
            digest.reply,
        )

    async def _failed_attempt(
        self, sub: Subscription, start: datetime, end: datetime, exc: Exception, *, attempts: int
    ) -> DeliveryResult:
        error = f"{type(exc).__name__}: {exc}"
        permanent = isinstance(exc, DeliveryError) and exc.permanent
        if permanent or attempts >= self.max_attempts:
            # Recorded, not dropped silently: /digest list shows it.
            await deliveries.finish_claim(
                self.store, (sub.id, end), owner=self.owner, state="failed", now=self.clock.now(), error=error
            )
            log.error("digest for %s:%s failed for good: %s", sub.platform, sub.channel_id, error)
            return DeliveryResult(sub.id, sub.platform, sub.channel_id, start, end, "failed", error=error)
        # The claim stays 'sending': after the lease a scheduler checks the channel and sends again.
        await deliveries.record_error(self.store, (sub.id, end), owner=self.owner, error=error)
        log.warning("digest for %s:%s will be retried: %s", sub.platform, sub.channel_id, error)
        return DeliveryResult(sub.id, sub.platform, sub.channel_id, start, end, "retry", error=error)

    # -- the loop ---------------------------------------------------------------------------------

    async def next_wake(self, now: datetime) -> datetime | None:
        """When something is next due: a period, or the end of a lease on an unfinished claim."""
        subs = [sub for sub in await all_subscriptions(self.store) if self._serves(sub)]
        served = {sub.id for sub in subs}
        ends = await digest_rows.last_period_ends(self.store)
        wakes = [
            max(now, pending.claimed_at + self.lease)
            for pending in await digest_rows.claims_sending(self.store)
            if pending.subscription_id in served
        ]
        for sub in subs:
            schedule = sub.schedule
            start = ends.get(sub.id) or sub.created_at
            if schedule.latest_at_or_before(now) > start:
                wakes.append(now)
            else:
                wakes.append(schedule.next_after(max(now, start)))
        return min(wakes, default=None)

    def wake(self) -> None:
        """Subscriptions changed: recompute when to wake."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def run_forever(self) -> None:
        unregister = on_change(self.wake)
        try:
            while not self._stopping:
                self._wake.clear()  # before reading subscriptions, so a change during the pass counts
                delay = await self._pass()
                if self._stopping:
                    break
                await self._sleep_or_wake(delay)
        finally:
            unregister()

    async def _pass(self) -> float:
        """Run what is due; return how long to sleep."""
        try:
            await self.run_due(self.clock.now())
            now = self.clock.now()
            wake_at = await self.next_wake(now)
        except Exception:
            log.exception("digest pass failed; retrying in %.0f s", self.retry_delay)
            return self.retry_delay
        if wake_at is None:
            return self.max_sleep
        # At least a second: something still due right after a pass must not spin the loop.
        return min(max((wake_at - now).total_seconds(), 1.0), self.max_sleep)

    async def _sleep_or_wake(self, seconds: float) -> None:
        sleeper = asyncio.ensure_future(self.clock.sleep(seconds))
        waiter = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waiter):
                task.cancel()
