"""Delivery records: the row keyed (subscription, period end) that makes each period post exactly once.

A period is claimed (state 'sending') in the same transaction that decides it is due, before anything is
sent; two processes can't both claim it. After the post it becomes 'sent' with the message id. A row
left 'sending' (crash, or a send that failed) is taken over only after a lease, by one process, which
asks the platform whether the post already exists before sending again under the same key.
"""

from __future__ import annotations

from datetime import UTC, datetime

# The records themselves live in the store; this module is where the digest reaches them.
from bot.store.digest_rows import (
    Delivery,
    DeliveryState,
    baseline_labels,
    delivery_history,
    finish_claim,
    insert_claim,
    last_period_end,
    record_error,
    take_over,
)

__all__ = [
    "Delivery",
    "DeliveryState",
    "baseline_labels",
    "delivery_history",
    "finish_claim",
    "idempotency_key",
    "insert_claim",
    "last_period_end",
    "record_error",
    "take_over",
]


def idempotency_key(subscription_id: int, period_end: datetime) -> str:
    """Stable for one logical post: the same subscription and period always give the same key.

    At most 25 characters, so it fits a Discord message nonce as it is.
    """
    return f"dg{subscription_id}-{period_end.astimezone(UTC):%Y%m%d%H%M}"
