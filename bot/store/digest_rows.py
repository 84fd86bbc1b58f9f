"""The digest's records in the store: subscriptions (one per chat channel) and delivery records (one per
subscription and period, the exactly-once claim; bot.digest.deliveries tells how they are used).

Functions that write take the caller's open transaction (`conn`) where the change must land together
with others (an audit entry, the claim of a period), and open their own otherwise.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.instants import iso, parse_iso
from bot.store.db import Store

DeliveryState = Literal["sending", "sent", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class SubscriptionRow:
    id: int
    platform: str
    channel_id: str
    workspace_id: str | None
    local_time: str  # HH:MM in `timezone`
    timezone: str
    created_at: datetime
    created_by: str | None
    labels: dict[str, str]  # openness labels when subscribed
    source_watermark: int
    focus_labs: tuple[str, ...]
    focus_channels: tuple[str, ...]


def _subscription(row: sqlite3.Row) -> SubscriptionRow:
    return SubscriptionRow(
        id=int(row["id"]),
        platform=str(row["platform"]),
        channel_id=str(row["channel_id"]),
        workspace_id=row["workspace_id"],
        local_time=str(row["local_time"]),
        timezone=str(row["timezone"]),
        created_at=parse_iso(str(row["created_at"])),
        created_by=row["created_by"],
        labels=json.loads(row["labels"]),
        source_watermark=int(row["source_watermark"]),
        focus_labs=tuple(json.loads(row["focus_labs"])),
        focus_channels=tuple(json.loads(row["focus_channels"])),
    )


async def subscription_row(store: Store, platform: str, channel_id: str) -> SubscriptionRow | None:
    row = await store.fetchone(
        "SELECT * FROM digest_subscriptions WHERE platform = ? AND channel_id = ?", (platform, channel_id)
    )
    return None if row is None else _subscription(row)


async def subscription_rows(store: Store) -> list[SubscriptionRow]:
    rows = await store.fetchall("SELECT * FROM digest_subscriptions ORDER BY id")
    return [_subscription(r) for r in rows]


async def insert_subscription(
    conn: aiosqlite.Connection,
    *,
    platform: str,
    channel_id: str,
    workspace_id: str | None,
    local_time: str,
    timezone: str,
    created_at: datetime,
    created_by: str,
    labels: dict[str, str],
    focus_labs: tuple[str, ...],
    focus_channels: tuple[str, ...],
) -> None:
    """Inside the caller's transaction; the watermark is the newest source stored at this moment."""
    await conn.execute(
        "INSERT INTO digest_subscriptions(platform, channel_id, workspace_id, local_time, timezone,"
        " created_at, created_by, labels, source_watermark, focus_labs, focus_channels)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(id), 0) FROM sources), ?, ?)",
        (
            platform,
            channel_id,
            workspace_id,
            local_time,
            timezone,
            iso(created_at),
            created_by,
            json.dumps(labels, sort_keys=True),
            json.dumps(list(focus_labs)),
            json.dumps(list(focus_channels)),
        ),
    )


async def update_subscription(
    conn: aiosqlite.Connection,
    subscription_id: int,
    *,
    local_time: str,
    timezone: str,
    focus_labs: tuple[str, ...],
    focus_channels: tuple[str, ...],
) -> None:
    await conn.execute(
        "UPDATE digest_subscriptions SET local_time = ?, timezone = ?, focus_labs = ?,"
        " focus_channels = ? WHERE id = ?",
        (
            local_time,
            timezone,
            json.dumps(list(focus_labs)),
            json.dumps(list(focus_channels)),
            subscription_id,
        ),
    )


async def delete_subscription(conn: aiosqlite.Connection, subscription_id: int) -> None:
    """Inside the caller's transaction; its delivery records go with it (ON DELETE CASCADE)."""
    await conn.execute("DELETE FROM digest_subscriptions WHERE id = ?", (subscription_id,))


# -- delivery records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Delivery:
    subscription_id: int
    period_start: datetime
    period_end: datetime
    state: DeliveryState
    claimed_at: datetime
    claimed_by: str
    attempts: int
    message_id: str | None
    note_count: int
    labels: dict[str, str]
    error: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Delivery:
        return cls(
            subscription_id=int(row["subscription_id"]),
            period_start=parse_iso(row["period_start"]),
            period_end=parse_iso(row["period_end"]),
            state=row["state"],
            claimed_at=parse_iso(row["claimed_at"]),
            claimed_by=str(row["claimed_by"]),
            attempts=int(row["attempts"]),
            message_id=row["message_id"],
            note_count=int(row["note_count"]),
            labels=json.loads(row["labels"]),
            error=row["error"],
        )


async def last_period_end(store: Store, subscription_id: int) -> datetime | None:
    return (await last_period_ends(store, [subscription_id])).get(subscription_id)


async def baseline_labels(store: Store, subscription_id: int) -> dict[str, str] | None:
    """Lab labels as of the last digest that went out (or was skipped as quiet); None before the first."""
    return (await baseline_labels_of(store, [subscription_id])).get(subscription_id)


async def insert_claim(
    store: Store,
    *,
    subscription_id: int,
    start: datetime,
    end: datetime,
    state: DeliveryState,
    now: datetime,
    owner: str,
    note_count: int,
    labels: dict[str, str],
) -> bool:
    """Claim a period inside the caller's transaction; False when another process already holds it."""
    async with store.conn.execute(
        "INSERT INTO digest_deliveries(subscription_id, period_end, period_start, state, claimed_at,"
        " claimed_by, note_count, labels) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(subscription_id, period_end) DO NOTHING",
        (subscription_id, iso(end), iso(start), state, iso(now), owner, note_count, json.dumps(labels)),
    ) as cursor:
        return cursor.rowcount == 1


async def take_over(store: Store, delivery: Delivery, *, now: datetime, owner: str) -> bool:
    """Compare-and-swap a stale claim to this process; only one of several contenders wins."""
    async with (
        store.transaction() as conn,
        conn.execute(
            "UPDATE digest_deliveries SET claimed_at = ?, claimed_by = ?, attempts = attempts + 1"
            " WHERE subscription_id = ? AND period_end = ? AND state = 'sending' AND claimed_at = ?"
            " AND claimed_by = ?",
            (
                iso(now),
                owner,
                delivery.subscription_id,
                iso(delivery.period_end),
                iso(delivery.claimed_at),
                delivery.claimed_by,
            ),
        ) as cursor,
    ):
        return cursor.rowcount == 1


async def finish_claim(
    store: Store,
    delivery_key: tuple[int, datetime],
    *,
    owner: str,
    state: DeliveryState,
    now: datetime,
    message_id: str | None = None,
    error: str | None = None,
    labels: dict[str, str] | None = None,
    note_count: int | None = None,
) -> None:
    subscription_id, period_end = delivery_key
    async with store.transaction() as conn:
        await conn.execute(
            "UPDATE digest_deliveries SET state = ?, sent_at = ?, message_id = coalesce(?, message_id),"
            " error = ?, labels = coalesce(?, labels), note_count = coalesce(?, note_count)"
            " WHERE subscription_id = ? AND period_end = ? AND claimed_by = ?",
            (
                state,
                iso(now),
                message_id,
                error,
                None if labels is None else json.dumps(labels),
                note_count,
                subscription_id,
                iso(period_end),
                owner,
            ),
        )


async def record_error(store: Store, delivery_key: tuple[int, datetime], *, owner: str, error: str) -> None:
    """A send failed in a way a retry may fix: keep the claim (retried after the lease), note why."""
    subscription_id, period_end = delivery_key
    async with store.transaction() as conn:
        await conn.execute(
            "UPDATE digest_deliveries SET error = ? WHERE subscription_id = ? AND period_end = ?"
            " AND claimed_by = ?",
            (error, subscription_id, iso(period_end), owner),
        )


async def delivery_history(store: Store, subscription_id: int, limit: int = 5) -> list[Delivery]:
    rows = await store.fetchall(
        "SELECT * FROM digest_deliveries WHERE subscription_id = ? ORDER BY period_end DESC LIMIT ?",
        (subscription_id, limit),
    )
    return [Delivery.from_row(r) for r in rows]


@dataclass(frozen=True, slots=True)
class FinishedDelivery:
    """The most recent delivery that finished, for /healthz."""

    platform: str
    channel_id: str
    state: DeliveryState
    period_end: str  # as stored (ISO 8601 UTC)
    at: str  # when it was sent, else when it was claimed
    note_count: int
    error: str | None


async def last_finished_delivery(store: Store) -> FinishedDelivery | None:
    """The most recently finished digest delivery (sent, skipped or failed), or None if there was none.

    Raises sqlite3.OperationalError on a store from before digests existed."""
    row = await store.fetchone(
        """
        SELECT s.platform, s.channel_id, d.state, d.period_end, d.sent_at, d.claimed_at,
               d.note_count, d.error
        FROM digest_deliveries d JOIN digest_subscriptions s ON s.id = d.subscription_id
        WHERE d.state IN ('sent', 'skipped', 'failed')
        ORDER BY COALESCE(d.sent_at, d.claimed_at) DESC
        LIMIT 1
        """
    )
    if row is None:
        return None
    return FinishedDelivery(
        platform=row["platform"],
        channel_id=row["channel_id"],
        state=row["state"],
        period_end=row["period_end"],
        at=row["sent_at"] or row["claimed_at"],
        note_count=row["note_count"],
        error=row["error"],
    )


async def delete_workspace_subscriptions(conn: aiosqlite.Connection, platform: str, workspace_id: str) -> int:
    """Inside the caller's transaction: every subscription of one workspace (and, by cascade, its
    delivery records); returns how many subscriptions went."""
    cursor = await conn.execute(
        "DELETE FROM digest_subscriptions WHERE platform = ? AND workspace_id = ?", (platform, workspace_id)
    )
    return cursor.rowcount


# -- many subscriptions at once (the digest fan-out) --------------------------------------------------


def _in_ids(column: str, ids: Sequence[int] | None) -> tuple[str, list[int]]:
    """`AND column IN (?, …)` for `ids` (None: every subscription). Callers pass batches of a few hundred."""
    if ids is None:
        return "", []
    return f" AND {column} IN ({', '.join('?' * len(ids))})", list(ids)


async def last_period_ends(store: Store, ids: Sequence[int] | None = None) -> dict[int, datetime]:
    """`last_period_end` of many subscriptions in one query (those with no delivery are absent)."""
    where, params = _in_ids("subscription_id", ids)
    rows = await store.fetchall(
        f"SELECT subscription_id, max(period_end) AS last FROM digest_deliveries WHERE 1{where}"
        " GROUP BY subscription_id",
        params,
    )
    return {int(r["subscription_id"]): parse_iso(str(r["last"])) for r in rows}


async def baseline_labels_of(store: Store, ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """`baseline_labels` of many subscriptions in one query (those before their first digest are absent)."""
    where, params = _in_ids("d.subscription_id", ids)
    rows = await store.fetchall(
        "SELECT d.subscription_id, d.labels FROM digest_deliveries d WHERE d.state IN ('sent', 'skipped')"
        f"{where} AND d.period_end = (SELECT max(e.period_end) FROM digest_deliveries e"
        " WHERE e.subscription_id = d.subscription_id AND e.state IN ('sent', 'skipped'))",
        params,
    )
    return {int(r["subscription_id"]): dict(json.loads(r["labels"])) for r in rows}


async def claims_sending(store: Store, older_than: datetime | None = None) -> list[Delivery]:
    """Every claim still 'sending' (claimed at or before `older_than`, when given), by subscription and
    period: the stale ones a pass takes over, the pending ones the scheduler wakes for."""
    rows = await store.fetchall(
        "SELECT * FROM digest_deliveries WHERE state = 'sending'"
        + ("" if older_than is None else " AND julianday(claimed_at) <= julianday(?)")
        + " ORDER BY subscription_id, period_end",
        () if older_than is None else (iso(older_than),),
    )
    return [Delivery.from_row(r) for r in rows]
