"""What a long-running bot does once, in a thread, right after it opens its store."""

from __future__ import annotations

import gc

from bot import charts


def warm_up() -> None:
    """Load the plotting library now, not in a member's wait; then freeze the start-up heap.

    Everything alive at this point (catalog, alias patterns, matplotlib: ~100,000 objects) lives as long as
    the bot. A full collection walked it all, 40-80 ms in which the GIL, and so the event loop, was held;
    frozen objects are never walked again.
    """
    charts.warm()
    gc.collect()  # what is garbage now is not kept forever by the freeze
    gc.freeze()
