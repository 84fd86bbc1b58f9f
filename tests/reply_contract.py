"""The `labnotes ask --json` contract (DESIGN.md) as a checker: every key, type and allowed value."""

from __future__ import annotations

from typing import Any

from bot.extract.model import COMPONENTS
from bot.reply import COMPONENT_STATUSES, OPENNESS_LABELS

KINDS = {"ok", "not_found", "error", "forbidden"}
TOP_KEYS = {"kind", "title", "text", "fields", "citations", "suggestions", "entity"}
CITATION_KEYS = {"note_title", "channel", "video_id", "seconds", "url", "text"}
ENTITY_KEYS = {"type", "id", "name", "lab", "models", "openness", "components"}
COMPONENT_KEYS = {"status", "licence", "citation"}
OPENNESS_KEYS = {"label", "score", "open", "closed", "episodes", "channels"}


def check_reply_json(data: Any) -> None:
    """Raise AssertionError naming the first thing that breaks the contract."""
    assert isinstance(data, dict) and set(data) == TOP_KEYS, f"top-level keys: {sorted(data)}"
    assert data["kind"] in KINDS, data["kind"]
    assert isinstance(data["title"], str) and data["title"], "title must be a non-empty string"
    assert isinstance(data["text"], str)
    assert isinstance(data["fields"], list)
    for f in data["fields"]:
        assert isinstance(f, dict) and set(f) == {"name", "value"}, f
        assert isinstance(f["name"], str) and isinstance(f["value"], str), f
    assert isinstance(data["citations"], list)
    for c in data["citations"]:
        _check_citation(c)
    assert isinstance(data["suggestions"], list) and all(isinstance(s, str) for s in data["suggestions"])
    entity = data["entity"]
    if entity is not None:
        assert isinstance(entity, dict) and set(entity) == ENTITY_KEYS, entity
        assert entity["type"] in ("lab", "model"), entity
        assert isinstance(entity["id"], str) and isinstance(entity["name"], str), entity
        assert entity["lab"] is None or isinstance(entity["lab"], str), entity
        assert isinstance(entity["models"], list) and all(isinstance(m, str) for m in entity["models"])
        openness = entity["openness"]
        if openness is not None:
            assert isinstance(openness, dict) and set(openness) == OPENNESS_KEYS, openness
            assert openness["label"] in OPENNESS_LABELS, openness
            assert isinstance(openness["score"], int | float) and -1 <= openness["score"] <= 1, openness
            counts = ("open", "closed", "episodes", "channels")
            assert all(isinstance(openness[k], int) and openness[k] >= 0 for k in counts), openness
        components = entity["components"]
        if components is not None:  # /lab and /model: every component, "not said" with nulls
            assert isinstance(components, dict) and set(components) == set(COMPONENTS), components
            for name, component in components.items():
                assert isinstance(component, dict) and set(component) == COMPONENT_KEYS, (name, component)
                assert component["status"] in COMPONENT_STATUSES, (name, component)
                assert component["licence"] is None or isinstance(component["licence"], str), component
                if component["status"] == "not said":
                    assert component["licence"] is None and component["citation"] is None, (name, component)
                if component["citation"] is not None:
                    _check_citation(component["citation"])


def _check_citation(c: Any) -> None:
    assert isinstance(c, dict) and set(c) == CITATION_KEYS, c
    assert isinstance(c["note_title"], str) and isinstance(c["text"], str), c
    assert c["channel"] is None or isinstance(c["channel"], str), c
    assert isinstance(c["video_id"], str) and len(c["video_id"]) == 11, c
    base = f"https://www.youtube.com/watch?v={c['video_id']}"
    if c["seconds"] is None:
        assert c["url"] == base, c
    else:
        assert isinstance(c["seconds"], int) and c["seconds"] >= 0, c
        assert c["url"] == f"{base}&t={c['seconds']}s", c
