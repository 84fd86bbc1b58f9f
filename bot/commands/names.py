"""Lab and model names as users type them: resolution through aliases, suggestions, autocomplete.

Loaded once from the store's labs/models tables (a few hundred rows), then answered from memory so
that name lookups cost nothing per command.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from bot.contracts import EntityType
from bot.store.queries import EntityName

_QUOTES = "\"'`“”‘’«»"


def normalize(text: str) -> str:
    """Lower case, surrounding quotes and punctuation gone, inner whitespace collapsed."""
    text = text.strip().strip(_QUOTES).strip(" .,;:!?")
    return " ".join(text.lower().split())


def compact(text: str) -> str:
    """Only letters and digits: `Grok-3`, `grok 3` and `Grok3` all become `grok3`."""
    return re.sub(r"[\W_]+", "", text.lower())


class NameIndex:
    def __init__(self, entities: Iterable[EntityName]) -> None:
        self.entities = list(entities)
        self._by_id: dict[tuple[str, str], EntityName] = {(e.type, e.id): e for e in self.entities}
        # exact and compact keys → entities; a key may name a lab and a model (then the lab wins).
        self._exact: dict[str, list[EntityName]] = {}
        self._compact: dict[str, list[EntityName]] = {}
        for entity in self.entities:
            for label in (entity.name, entity.id, *entity.aliases):
                self._exact.setdefault(normalize(label), []).append(entity)
                self._compact.setdefault(compact(label), []).append(entity)

    def get(self, type_: str, id_: str) -> EntityName | None:
        return self._by_id.get((type_, id_))

    def display(self, type_: str, id_: str) -> str:
        entity = self.get(type_, id_)
        return entity.name if entity else id_

    def models_of(self, lab_id: str) -> list[EntityName]:
        return [e for e in self.entities if e.type == "model" and e.lab_id == lab_id]

    def resolve(self, text: str, type_: EntityType | None = None) -> EntityName | None:
        """The entity `text` names (by name, id or alias, ignoring case, spacing and hyphens)."""
        for table, key in ((self._exact, normalize(text)), (self._compact, compact(text))):
            if not key:
                continue
            found = [e for e in table.get(key, []) if type_ is None or e.type == type_]
            if found:
                found.sort(key=lambda e: e.type != "lab")  # a name shared by a lab and a model: the lab
                return found[0]
        return None

    def suggest(self, text: str, type_: EntityType | None = None, limit: int = 3) -> list[str]:
        """Display names close to `text`: prefix matches first, then near spellings."""
        key = normalize(text)
        if not key:
            return []
        candidates = [e for e in self.entities if type_ is None or e.type == type_]
        labels: dict[str, EntityName] = {}
        for entity in candidates:
            for label in (entity.name, *entity.aliases):
                labels.setdefault(normalize(label), entity)
        out: list[str] = []
        for label, entity in labels.items():
            if label.startswith(key) and entity.name not in out:
                out.append(entity.name)
        for label in difflib.get_close_matches(key, list(labels), n=limit * 2, cutoff=0.6):
            name = labels[label].name
            if name not in out:
                out.append(name)
        return out[:limit]

    def complete(self, prefix: str, type_: EntityType | None = None, limit: int = 25) -> list[str]:
        """Up to `limit` display names for a typed prefix: names first, then aliases, then substrings."""
        key = normalize(prefix)
        candidates = [e for e in self.entities if type_ is None or e.type == type_]
        ranked: list[tuple[int, str]] = []
        for entity in candidates:
            name = normalize(entity.name)
            aliases = [normalize(a) for a in entity.aliases]
            if name.startswith(key):
                rank = 0
            elif any(a.startswith(key) for a in aliases):
                rank = 1
            elif key in name or any(key in a for a in aliases):
                rank = 2
            else:
                continue
            ranked.append((rank, entity.name))
        ranked.sort(key=lambda item: (item[0], item[1].lower()))
        return list(dict.fromkeys(name for _, name in ranked))[:limit]
