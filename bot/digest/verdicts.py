"""Openness verdicts as the digest remembers them, and which ones changed since the last digest.

A subscription and each delivery record the labels of that moment as JSON (`labels`): a lab by its id
(`meta`), a model as `model:<id>` (`model:llama`). The next digest compares the labels now with the
last ones it reported. Records written before models were tracked hold labs only; their models count
as unchanged rather than all appearing to change at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.store import queries
from bot.store.db import Store

EntityKind = Literal["lab", "model"]
_MODEL = "model:"

# How open each label is; "unknown" means no evidence, not the middle.
OPENNESS_RANK = {"closed": -2, "mostly closed": -1, "mixed": 0, "mostly open": 1, "open": 2}


@dataclass(frozen=True, slots=True)
class Change:
    type: EntityKind
    id: str
    old: str
    new: str
    evidence: int  # signals behind the new verdict: the most backed changes are listed first

    @property
    def towards(self) -> Literal["open", "closed", "either"]:
        """Which side the claims that moved it are on."""
        old, new = OPENNESS_RANK.get(self.old), OPENNESS_RANK.get(self.new)
        if new is None or (old is not None and old == new):
            return "either"
        if old is None:
            return "open" if new > 0 else "closed" if new < 0 else "either"
        return "open" if new > old else "closed"


def key(type_: EntityKind, id_: str) -> str:
    return id_ if type_ == "lab" else f"{_MODEL}{id_}"


async def verdict_labels(store: Store) -> dict[str, str]:
    """Every lab's and model's current label (without a stats row: 'unknown', left out)."""
    return {key(v.entity_type, v.entity_id): v.label for v in await queries.verdicts(store)}


async def changes(store: Store, before: dict[str, str], now: dict[str, str]) -> list[Change]:
    """Labs and models whose label differs from `before`, most evidence first."""
    tracks_models = any(k.startswith(_MODEL) for k in before) or not before
    evidence = {key(v.entity_type, v.entity_id): v.signals for v in await queries.verdicts(store)}
    out = []
    for name in set(before) | set(now):
        is_model = name.startswith(_MODEL)
        if is_model and not tracks_models:
            continue
        old, new = before.get(name, "unknown"), now.get(name, "unknown")
        if old != new:
            type_: EntityKind = "model" if is_model else "lab"
            out.append(Change(type_, name.removeprefix(_MODEL), old, new, evidence.get(name, 0)))
    out.sort(key=lambda c: (-c.evidence, c.type, c.id))
    return out
