"""Rate limits the fakes enforce the way the platforms do: fixed windows per key, a 429 with the time to
retry when one is full, and a record of every request that came back before that time.

Real numbers by default (Discord: 50 requests/s per bot, 5 posts per 5 s per channel; Slack: ~1 post/s
per channel with bursts, chat.postMessage "several hundred per minute" per workspace, taken as 300);
tests scale the windows down with `scaled`, the bench keeps them.

"Early" requests are those that arrive before the advertised retry time of a 429 on their key, more
than `grace` after the 429 went out: requests already on their way when it was sent could not know.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Window:
    limit: int
    seconds: float

    def scaled(self, factor: float) -> Window:
        return replace(self, seconds=self.seconds * factor)


@dataclass(frozen=True, slots=True)
class DiscordLimits:
    global_: Window = Window(50, 1.0)  # every REST request of the bot, all routes together
    channel_posts: Window = Window(5, 5.0)  # POST /channels/{id}/messages, per channel

    def scaled(self, factor: float) -> DiscordLimits:
        return DiscordLimits(self.global_.scaled(factor), self.channel_posts.scaled(factor))


@dataclass(frozen=True, slots=True)
class SlackLimits:
    channel_posts: Window = Window(5, 5.0)  # chat.postMessage per channel: 1/s, short bursts allowed
    # Per workspace, per method (the tiers; chat.postMessage's own "several hundred per minute").
    methods: dict[str, Window] = field(default_factory=lambda: {"chat.postMessage": Window(300, 60.0)})

    def scaled(self, factor: float) -> SlackLimits:
        methods = {m: w.scaled(factor) for m, w in self.methods.items()}
        return SlackLimits(self.channel_posts.scaled(factor), methods)


@dataclass(frozen=True, slots=True)
class Limited:
    key: Hashable
    retry_after: float  # as advertised (whole seconds where the platform sends whole seconds)


class RateLimiter:
    def __init__(
        self, *, whole_seconds: bool = False, grace: float = 0.05, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.whole_seconds = whole_seconds  # Slack's Retry-After is whole seconds; Discord's body has floats
        self.grace = grace
        self.clock = clock
        self._windows: dict[Hashable, tuple[float, int]] = {}  # key → (window start, requests in it)
        self._retry: dict[Hashable, tuple[float, float]] = {}  # key → (429 sent at, advertised retry time)
        self.sent_429 = 0
        self.early: list[tuple[Hashable, float]] = []  # (key, seconds before the advertised time)
        self.allowed = 0

    def hit(self, keys: list[tuple[Hashable, Window]]) -> Limited | None:
        """Count a request against every key's window; a Limited (nothing counted) when one is full."""
        now = self.clock()
        for key, _ in keys:
            if key in self._retry:
                sent, until = self._retry[key]
                if sent + self.grace < now < until:
                    self.early.append((key, until - now))
        current = []
        for key, window in keys:
            start, count = self._windows.get(key, (now, 0))
            if now >= start + window.seconds:
                start, count = now, 0
            if count >= window.limit:
                retry = start + window.seconds - now
                if self.whole_seconds:
                    retry = float(max(1, math.ceil(retry)))
                self._retry[key] = (now, now + retry)
                self.sent_429 += 1
                return Limited(key, retry)
            current.append((key, start, count))
        for key, start, count in current:
            self._windows[key] = (start, count + 1)
        self.allowed += 1
        return None

    def state(self, key: Hashable, window: Window) -> tuple[int, float]:
        """(requests left, seconds until the window resets) for a key: Discord's X-RateLimit headers."""
        now = self.clock()
        start, count = self._windows.get(key, (now, 0))
        if now >= start + window.seconds:
            return window.limit, window.seconds
        return window.limit - count, start + window.seconds - now
