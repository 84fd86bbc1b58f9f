"""Delivery records: the row keyed (subscription, period end) that makes each period post exactly once.

A period is claimed (state 'sending') in the same transaction that decides it is due, before anything is
sent; two processes can't both claim it. After the post it becomes 'sent' with the message id. A row
left 'sending' (crash, or a send that failed) is taken over only after a lease, by one process, which
asks the platform whether the post already exists before sending again under the same key.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from bot.instants import iso, parse_iso
from bot.store.db import Store

DeliveryState = Literal["sending", "sent", "skipped", "failed"]


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


def idempotency_key(subscription_id: int, period_end: datetime) -> str:
    """Stable for one logical post: the same subscription and period always give the same key.

    At most 25 characters, so it fits a Discord message nonce as it is.
    """
    return f"dg{subscription_id}-{period_end.astimezone(UTC):%Y%m%d%H%M}"


async def last_period_end(store: Store, subscription_id: int) -> datetime | None:
    value = await store.scalar(
        "SELECT max(period_end) FROM digest_deliveries WHERE subscription_id = ?", (subscription_id,)
    )
    return None if value is None else parse_iso(str(value))


async def baseline_labels(store: Store, subscription_id: int) -> dict[str, str] | None:
    """Lab labels as of the last digest that went out (or was skipped as quiet); None before the first."""
    value = await store.scalar(
        "SELECT labels FROM digest_deliveries WHERE subscription_id = ? AND state IN ('sent', 'skipped')"
        " ORDER BY period_end DESC LIMIT 1",
        (subscription_id,),
    )
    return None if value is None else dict(json.loads(value))


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


async def stale_claims(store: Store, subscription_id: int, older_than: datetime) -> list[Delivery]:
    rows = await store.fetchall(
        "SELECT * FROM digest_deliveries WHERE subscription_id = ? AND state = 'sending'"
        " AND julianday(claimed_at) <= julianday(?) ORDER BY period_end",
        (subscription_id, iso(older_than)),
    )
    return [Delivery.from_row(r) for r in rows]


async def pending_claims(store: Store, subscription_id: int) -> list[Delivery]:
    rows = await store.fetchall(
        "SELECT * FROM digest_deliveries WHERE subscription_id = ? AND state = 'sending' ORDER BY period_end",
        (subscription_id,),
    )
    return [Delivery.from_row(r) for r in rows]


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
