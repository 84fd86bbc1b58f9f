"""Openness verdict: signal counts → score in [-1, 1] and one of the six labels."""

from __future__ import annotations

from bot.reply import OpennessLabel

# How much each signal kind pulls towards open (+1) or closed (-1). A plan to open source is a
# promise, not a release; "pseudo open source" (partial) sits in the middle.
WEIGHTS = {"open": 1.0, "planned": 0.5, "partial": 0.0, "closed": -1.0}


def verdict(open_: int, closed: int, partial: int = 0, planned: int = 0) -> tuple[float, OpennessLabel]:
    total = open_ + closed + partial + planned
    if total == planned:
        # nothing, or only a promise: a plan to open a model says nothing of how open it is today
        return 0.0, "unknown"
    score = (
        WEIGHTS["open"] * open_
        + WEIGHTS["closed"] * closed
        + WEIGHTS["partial"] * partial
        + WEIGHTS["planned"] * planned
    ) / total
    if score >= 0.6:
        label: OpennessLabel = "open"
    elif score >= 0.2:
        label = "mostly open"
    elif score > -0.2:
        label = "mixed"
    elif score > -0.6:
        label = "mostly closed"
    else:
        label = "closed"
    return score, label
