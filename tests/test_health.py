"""GET /healthz: 200 with every enabled adapter up and the store usable, 503 otherwise, and what it says."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from adapters.health import Health, HealthServer
from bot.digest.schedule import DailySchedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.subscriptions import subscribe
from bot.store.db import Store
from bot.store.schema import MIGRATIONS
from tests.digest_support import FakeClock, MemoryChannels, add_note, utc


@dataclass
class Connection:
    """What /healthz reads from an adapter: only whether it is connected."""

    connected: bool


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "labnotes.db")
    yield store
    await store.close()


async def get(health: Health) -> tuple[int, dict[str, Any]]:
    """Serve `health` on a free port of 127.0.0.1 and GET /healthz over real HTTP."""
    server = HealthServer(health, "127.0.0.1", 0)
    await server.start()
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{server.port}/healthz") as response,
        ):
            return response.status, await response.json()
    finally:
        await server.stop()


async def test_all_enabled_adapters_connected_and_a_usable_store_is_200(store: Store) -> None:
    health = Health(store)
    health.add_adapter("discord", Connection(True))
    health.add_adapter("slack", Connection(True))
    status, body = await get(health)
    assert status == 200
    assert body["status"] == "ok"
    assert body["adapters"] == {
        "discord": {"enabled": True, "connected": True},
        "slack": {"enabled": True, "connected": True},
    }
    assert body["store"] == {
        "ok": True,
        "path": str(store.path),
        "schema_version": len(MIGRATIONS),
        "notes": 0,
    }
    assert body["last_digest"] is None


async def test_an_enabled_adapter_that_is_down_makes_it_503(store: Store) -> None:
    health = Health(store)
    health.add_adapter("discord", Connection(True))
    health.add_adapter("slack", Connection(False))
    status, body = await get(health)
    assert (status, body["status"]) == (503, "down")
    assert body["adapters"]["slack"] == {"enabled": True, "connected": False}


async def test_an_adapter_that_failed_to_start_is_down_with_its_reason(store: Store) -> None:
    health = Health(store)
    health.add_adapter("discord", Connection(True))
    health.set_error("slack", "Slack rejected SLACK_BOT_TOKEN: invalid_auth")
    status, body = await get(health)
    assert status == 503
    assert body["adapters"]["slack"] == {
        "enabled": True,
        "connected": False,
        "error": "Slack rejected SLACK_BOT_TOKEN: invalid_auth",
    }


async def test_an_adapter_that_reconnected_no_longer_shows_its_old_error(store: Store) -> None:
    health = Health(store)
    connection = Connection(False)
    health.add_adapter("discord", connection, "gateway dropped")
    connection.connected = True
    status, body = await get(health)
    assert (status, body["adapters"]["discord"]) == (200, {"enabled": True, "connected": True})


async def test_a_store_that_cannot_answer_makes_it_503(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "labnotes.db")
    await store.close()
    status, body = await get(Health(store))
    assert (status, body["status"], body["store"]["ok"]) == (503, "down", False)
    assert body["store"]["path"] == str(tmp_path / "labnotes.db")


async def test_shutting_down_is_503_stopping(store: Store) -> None:
    health = Health(store)
    health.add_adapter("discord", Connection(True))
    health.stopping = True
    status, body = await get(health)
    assert (status, body["status"]) == (503, "stopping")


async def test_the_store_state_counts_the_notes(store: Store) -> None:
    await add_note(store, "bankless/open.md", "Open Source AI Models", at=utc(2025, 1, 1, 8))
    _, body = await get(Health(store))
    assert body["store"]["notes"] == 1


async def test_the_last_digest_is_the_latest_delivery(store: Store) -> None:
    channels = MemoryChannels(platform="slack")
    await subscribe(
        store,
        platform="slack",
        channel_id="C0GENERAL",
        workspace_id="T0LABNOTES",
        schedule=DailySchedule.parse("09:00", "UTC"),
        timezone="UTC",
        created_by="U0ADMIN",
        now=utc(2025, 1, 1, 8),
    )
    await add_note(store, "bankless/open.md", "Open Source AI Models", at=utc(2025, 1, 1, 8, 30))
    now = utc(2025, 1, 1, 9) + timedelta(minutes=1)
    [result] = await DigestScheduler(store, {"slack": channels}, FakeClock(now)).run_due(now)
    _, body = await get(Health(store))
    assert body["last_digest"] == {
        "platform": "slack",
        "channel_id": "C0GENERAL",
        "state": "sent",
        "period_end": "2025-01-01T09:00:00+00:00",
        "at": "2025-01-01T09:01:00+00:00",
        "notes": 1,
    }
    assert result.outcome == "sent"


async def test_the_route_can_ride_on_another_aiohttp_application(store: Store) -> None:
    """Slack HTTP mode: /healthz on the same server as /slack/events."""
    app = web.Application()
    Health(store).install(app)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{port}/healthz") as response,
        ):
            assert response.status == 200
    finally:
        await runner.cleanup()
