"""The digest scheduler: sleeps until the next due subscription, posts each period exactly once.

Per subscription, a period runs from the end of the previous one (or the moment it subscribed) to the
latest due instant. After downtime that is one catch-up period covering the whole gap, not one post per
missed day. See deliveries.py for how claims make a period post once across crashes and processes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.config import DigestConfig
from bot.delivery import DeliveryError, PartialPublisher, Publisher
from bot.digest import deliveries
from bot.digest.clock import Clock, SystemClock
from bot.digest.compose import Digest, compose_digest
from bot.digest.deliveries import Delivery, idempotency_key
from bot.digest.schedule import ScheduleError
from bot.digest.subscriptions import Subscription, all_subscriptions, on_change
from bot.logs import log_digest
from bot.reply import Reply
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
        max_sleep: float = 600.0,
        retry_delay: float = 60.0,
    ) -> None:
        self.store = store
        self.publishers = publishers
        self.clock: Clock = clock or SystemClock()
        self.config = config or DigestConfig()
        self.lease = lease  # a claim older than this whose owner didn't finish is presumed dead
        self.max_attempts = max_attempts
        # Re-read subscriptions now and then even without a wake-up: another process may change them.
        self.max_sleep = max_sleep
        self.retry_delay = retry_delay
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._wake = asyncio.Event()
        self._stopping = False

    # -- one pass ---------------------------------------------------------------------------------

    async def run_due(self, now: datetime) -> list[DeliveryResult]:
        """Finish interrupted deliveries whose lease ran out, then post every period due at `now`."""
        results: list[DeliveryResult] = []
        for sub in await all_subscriptions(self.store):
            publisher = self.publishers.get(sub.platform)
            if publisher is None:
                continue  # that platform isn't running here; its periods wait (one catch-up later)
            if not _owned(publisher, sub):
                continue  # another process's shards own that guild: it posts this digest
            try:
                sub.schedule  # noqa: B018 - validates a row written by an older or foreign version
            except ScheduleError as exc:
                log.error("digest subscription %s has a bad schedule: %s", sub.id, exc)
                continue
            for stale in await deliveries.stale_claims(self.store, sub.id, now - self.lease):
                result = await self._resume(sub, stale, publisher, now)
                if result is not None:
                    results.append(result)
            result = await self._deliver_new(sub, publisher, now)
            if result is not None:
                results.append(result)
        for r in results:  # one log line per period handled
            log_digest(r.platform, r.channel_id, r.outcome, notes=r.note_count, error=r.error)
        return results

    async def _compose(self, sub: Subscription, start: datetime, end: datetime) -> Digest:
        baseline = await deliveries.baseline_labels(self.store, sub.id)
        return await compose_digest(
            self.store,
            start=start,
            end=end,
            baseline_labels=sub.labels if baseline is None else baseline,
            config=self.config,
            tz=sub.schedule.tz,
            after_source=sub.not_news_up_to(start),
            focus=sub.focus,
        )

    def _skips(self, sub: Subscription, digest: Digest) -> bool:
        """A quiet period is skipped when configured so, and always for a channel with a focus: it asked
        for news about some labs or channels only, not for a daily "nothing new"."""
        return digest.quiet and (self.config.quiet == "skip" or not sub.focus.everything)

    async def _deliver_new(
        self, sub: Subscription, publisher: Publisher, now: datetime
    ) -> DeliveryResult | None:
        # Deciding what is due and claiming it in one write transaction: a second process waits for
        # this one and then sees the claim, so two processes never claim overlapping periods.
        async with self.store.transaction():
            start = await deliveries.last_period_end(self.store, sub.id) or sub.created_at
            end = sub.schedule.latest_at_or_before(now)
            if end <= start:
                return None
            digest = await self._compose(sub, start, end)
            skip = self._skips(sub, digest)
            claimed = await deliveries.insert_claim(
                self.store,
                subscription_id=sub.id,
                start=start,
                end=end,
                state="skipped" if skip else "sending",
                now=now,
                owner=self.owner,
                note_count=digest.note_count,
                labels=digest.labels,
            )
        if not claimed:
            return None
        if skip:
            return DeliveryResult(sub.id, sub.platform, sub.channel_id, start, end, "skipped")
        return await self._send(sub, publisher, start, end, digest, attempts=1)

    async def _resume(
        self, sub: Subscription, stale: Delivery, publisher: Publisher, now: datetime
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
        async with self.store.transaction():
            digest = await self._compose(sub, start, end)
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
        wakes: list[datetime] = []
        for sub in await all_subscriptions(self.store):
            publisher = self.publishers.get(sub.platform)
            if publisher is None or not _owned(publisher, sub):
                continue
            try:
                schedule = sub.schedule
            except ScheduleError:
                continue
            for pending in await deliveries.pending_claims(self.store, sub.id):
                wakes.append(max(now, pending.claimed_at + self.lease))
            start = await deliveries.last_period_end(self.store, sub.id) or sub.created_at
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
