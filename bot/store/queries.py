"""Every read query the commands run, in one place: plain SQL over the schema and its aggregates.

Functions take the Store and return small typed rows; the commands never write SQL themselves. Each one
reads precomputed aggregates or walks an index, so answers stay fast on a large vault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.extract.model import EntityType
from bot.store.db import Store


@dataclass(frozen=True, slots=True)
class EntityName:
    type: EntityType
    id: str
    name: str
    lab_id: str | None = None  # for a model, its lab
    aliases: tuple[str, ...] = ()


async def entity_names(store: Store) -> list[EntityName]:
    """Every lab and model of the catalog the store was built with."""
    labs = await store.fetchall("SELECT id, name, aliases FROM labs ORDER BY name")
    models = await store.fetchall("SELECT id, name, lab_id, aliases FROM models ORDER BY name")
    out = [EntityName("lab", r["id"], r["name"], None, tuple(json.loads(r["aliases"]))) for r in labs]
    out += [
        EntityName("model", r["id"], r["name"], r["lab_id"], tuple(json.loads(r["aliases"]))) for r in models
    ]
    return out


async def note_paths(store: Store, prefix: str, limit: int = 25) -> list[str]:
    """Stored note paths starting with `prefix` (for /notes remove autocomplete)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = await store.fetchall(
        "SELECT path FROM sources WHERE kind = 'note' AND path LIKE ? ESCAPE '\\' ORDER BY path LIMIT ?",
        (escaped + "%", limit),
    )
    return [r["path"] for r in rows]
