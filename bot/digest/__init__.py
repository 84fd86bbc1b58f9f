"""Daily digest: per-channel subscriptions, exactly-once delivery per period, composed from the store."""
