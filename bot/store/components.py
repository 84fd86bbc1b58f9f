"""Openness by component for one lab or model: each component's status, licence and strongest claim.

Read at question time from the signals table (its `component` and `licence` columns, schema migration 9):
a model has a few dozen component signals at most, a big lab a few thousand, all found through the
signals' primary key. A lab counts its models' signals too (the counts_for view), as its verdict does.

A status weighs episodes like the verdict (bot.extract.verdict, bot.store.aggregates): one episode
saying "open weights" nine times is one piece of evidence. open/mostly open → `open`, closed/mostly
closed → `closed`, anything between (mixed, partial only) → `partial`. A plan is not a release: a
component only promised ("plans to open-source the weights") is `not said` today, and a plan never
counts towards a status.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from bot.contracts import EntityType
from bot.extract.model import COMPONENTS, Component
from bot.extract.verdict import verdict
from bot.reply import ComponentStatusLabel
from bot.store.db import Store
from bot.store.queries import CLAIM_COLUMNS, ClaimRow, claim_row


@dataclass(frozen=True, slots=True)
class ComponentRow:
    component: Component
    status: ComponentStatusLabel
    licence: str | None = None  # the licence named most often (by episodes) for it
    claim: ClaimRow | None = None  # the strongest claim behind the status
    episodes: int = 0  # episodes carrying any signal about it


# Every signal about a component of the entity (itself and, for a lab, its models), with what ranks it.
_SIGNALS = f"""
SELECT g.component, g.kind, g.licence, g.entity_type AS of_type, g.entity_id AS of_id, f.direct, COALESCE(m.is_subject, 0) AS subj, s.path, c.ordinal,
       {CLAIM_COLUMNS}
FROM counts_for f
JOIN signals g ON g.entity_type = f.entity_type AND g.entity_id = f.entity_id
JOIN claims c ON c.id = g.claim_id JOIN notes n ON n.id = c.note_id JOIN sources s ON s.id = c.note_id
LEFT JOIN mentions m ON m.entity_type = g.entity_type AND m.entity_id = g.entity_id AND m.claim_id = g.claim_id
WHERE f.for_type = ? AND f.for_id = ? AND g.component IS NOT NULL
"""

# Which signal kinds back each status, most telling first.
_BACKING: dict[ComponentStatusLabel, tuple[str, ...]] = {
    "open": ("open",),
    "closed": ("closed",),
    "partial": ("partial", "open", "closed"),
}


async def components(store: Store, type_: EntityType, id_: str) -> dict[Component, ComponentRow]:
    """Every component (all six, in COMPONENTS order) of the lab or model."""
    return _summary(await store.fetchall(_SIGNALS, (type_, id_)))


async def lab_components(
    store: Store, lab_id: str, model_ids: list[str]
) -> tuple[dict[Component, ComponentRow], dict[str, dict[Component, ComponentRow]]]:
    """The lab's components and each of `model_ids`' own, from one read: a lab's rows hold its models'
    signals already, and a model's own rows are exactly those of the lab's that are about it."""
    rows = await store.fetchall(_SIGNALS, ("lab", lab_id))
    of_model = {m: [r for r in rows if (r["of_type"], r["of_id"]) == ("model", m)] for m in model_ids}
    return _summary(rows), {m: _summary(own) for m, own in of_model.items()}


def _summary(rows: list[Any]) -> dict[Component, ComponentRow]:
    by_component: dict[str, list[Any]] = {}
    for row in rows:
        by_component.setdefault(row["component"], []).append(row)
    return {c: _summarise(c, by_component.get(c, [])) for c in COMPONENTS}


def status_of(open_: int, closed: int, partial: int, planned: int) -> ComponentStatusLabel:
    """A component's status from its episode counts per kind (see the module's docstring)."""
    if open_ + closed + partial == 0:
        return "not said"  # nothing, or only a promise
    _, label = verdict(open_, closed, partial, 0)
    if label in ("open", "mostly open") and open_ > 0:
        return "open"
    if label in ("closed", "mostly closed"):
        return "closed"
    return "partial"


def _summarise(component: Component, rows: list[Any]) -> ComponentRow:
    if not rows:
        return ComponentRow(component, "not said")
    episodes: dict[str, set[str]] = {kind: set() for kind in ("open", "closed", "partial", "planned")}
    for row in rows:
        episodes[row["kind"]].add(row["video_id"])
    status = status_of(*(len(episodes[k]) for k in ("open", "closed", "partial", "planned")))
    if status == "not said":
        return ComponentRow(component, "not said")  # only promised
    backing = _BACKING[status]
    ranked = sorted(
        (r for r in rows if r["kind"] in backing),
        key=lambda r: (
            backing.index(r["kind"]),
            -r["subj"],  # the entity is what the claim is about
            r["licence"] is None,  # a named licence is the most specific evidence there is
            -r["direct"],  # a lab's own signal before one through its model
            r["seconds"] is None,  # citable to the second
            r["path"],
            r["ordinal"],
        ),
    )
    best = ranked[0]
    # The licence named in the most episodes; a tie goes to the one the strongest claim names.
    named: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for row in ranked:
        if row["licence"] and (row["licence"], row["video_id"]) not in seen:
            seen.add((row["licence"], row["video_id"]))
            named[row["licence"]] += 1
    licence = named.most_common(1)[0][0] if named else None
    videos = set().union(*episodes.values())
    return ComponentRow(component, status, licence, claim_row(best), len(videos))
