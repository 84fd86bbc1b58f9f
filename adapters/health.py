"""`GET /healthz`: each enabled adapter's connection (each Discord shard's state and latency), the
store and the last digest, as JSON.

200 when everything enabled is up; 503 when an enabled adapter is down, the store fails, or the
process is shutting down, so a container healthcheck or a load balancer can act on the status alone.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from aiohttp import web

from bot.health import last_digest, store_status
from bot.store.db import Store

STORE_CHECK_SECONDS = 3.0


class _Connectable(Protocol):
    @property
    def connected(self) -> bool: ...


@runtime_checkable
class _Sharded(Protocol):
    """An adapter over several gateway connections (Discord shards) reports each one."""

    def shard_report(self) -> dict[str, Any]: ...


@dataclass(slots=True)
class _Entry:
    adapter: _Connectable | None
    error: str | None = None


class Health:
    """The live state `/healthz` reports; the runner registers adapters as it starts them."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.stopping = False
        self._adapters: dict[str, _Entry] = {}
        self._started = time.monotonic()

    def add_adapter(self, name: str, adapter: _Connectable | None, error: str | None = None) -> None:
        """An enabled adapter; `adapter` None (or an `error`) when it could not be built or started."""
        self._adapters[name] = _Entry(adapter, error)

    def set_error(self, name: str, error: str) -> None:
        entry = self._adapters.setdefault(name, _Entry(None))
        entry.error = error

    async def snapshot(self) -> tuple[int, dict[str, Any]]:
        adapters: dict[str, dict[str, Any]] = {}
        healthy = True
        for name, entry in self._adapters.items():
            connected = entry.adapter is not None and entry.adapter.connected
            state: dict[str, Any] = {"enabled": True, "connected": connected}
            if entry.error and not connected:
                state["error"] = entry.error
            if isinstance(entry.adapter, _Sharded):
                state |= entry.adapter.shard_report()
            adapters[name] = state
            healthy = healthy and connected
        store: dict[str, Any] = {"ok": False, "error": "no store open"}
        digest: dict[str, Any] | None = None
        if self.store is not None:
            try:
                store = await asyncio.wait_for(store_status(self.store), STORE_CHECK_SECONDS)
                if store["ok"]:
                    digest = await asyncio.wait_for(last_digest(self.store), STORE_CHECK_SECONDS)
            except TimeoutError:
                store = {
                    "ok": False,
                    "path": str(self.store.path),
                    "error": "the store did not answer in time",
                }
        healthy = healthy and bool(store["ok"]) and not self.stopping
        status = "stopping" if self.stopping else ("ok" if healthy else "down")
        body = {
            "status": status,
            "adapters": adapters,
            "store": store,
            "last_digest": digest,
            "uptime_seconds": int(time.monotonic() - self._started),
        }
        return (200 if healthy else 503), body

    async def handle(self, request: web.Request) -> web.Response:
        code, body = await self.snapshot()
        return web.json_response(body, status=code)

    def install(self, app: web.Application, path: str = "/healthz") -> None:
        """Add the route to an application (the Slack HTTP server's, or our own)."""
        app.router.add_get(path, self.handle)


class HealthServer:
    """A small aiohttp server carrying only `/healthz` (when Slack HTTP mode isn't serving it)."""

    def __init__(self, health: Health, host: str, port: int) -> None:
        self.app = web.Application()
        health.install(self.app)
        self.host, self.requested_port = host, port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.requested_port)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            self._runner = None
            raise

    @property
    def port(self) -> int | None:
        """The bound port (differs from the requested one when that was 0)."""
        if self._runner is None:
            return None
        for address in self._runner.addresses:
            if isinstance(address, tuple):
                return int(address[1])
        return None

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
