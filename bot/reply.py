"""The platform-neutral answer to a command, and its JSON form (a stable contract, see DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ReplyKind = Literal["ok", "not_found", "error", "forbidden"]
OpennessLabel = Literal["open", "mostly open", "mixed", "mostly closed", "closed", "unknown"]
OPENNESS_LABELS: tuple[OpennessLabel, ...] = (
    "open",
    "mostly open",
    "mixed",
    "mostly closed",
    "closed",
    "unknown",
)


def youtube_url(video_id: str, seconds: int | None) -> str:
    """A link to the video, jumping to `seconds` when the time is known."""
    base = f"https://www.youtube.com/watch?v={video_id}"
    return base if seconds is None else f"{base}&t={seconds}s"


def time_label(seconds: int | None) -> str:
    """`MM:SS` below an hour, `H:MM:SS` above; `video` when the time is unknown."""
    if seconds is None:
        return "video"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    inline: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value}


@dataclass(frozen=True, slots=True)
class Citation:
    note_title: str
    channel: str | None
    video_id: str
    seconds: int | None
    text: str

    @property
    def url(self) -> str:
        return youtube_url(self.video_id, self.seconds)

    @property
    def label(self) -> str:
        return time_label(self.seconds)

    def to_json(self) -> dict[str, Any]:
        return {
            "note_title": self.note_title,
            "channel": self.channel,
            "video_id": self.video_id,
            "seconds": self.seconds,
            "url": self.url,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Openness:
    label: OpennessLabel
    score: float
    open: int
    closed: int

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "score": round(self.score, 3), "open": self.open, "closed": self.closed}


@dataclass(frozen=True, slots=True)
class Entity:
    type: Literal["lab", "model"]
    id: str
    name: str
    lab: str | None = None
    models: tuple[str, ...] = ()
    openness: Openness | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "id": self.id,
            "name": self.name,
            "lab": self.lab,
            "models": list(self.models),
            "openness": self.openness.to_json() if self.openness else None,
        }


@dataclass(slots=True)
class Reply:
    kind: ReplyKind
    title: str
    text: str = ""
    fields: list[Field] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    entity: Entity | None = None
    image: bytes | None = None
    ephemeral: bool = False

    @classmethod
    def error(cls, title: str, text: str = "", *, suggestions: list[str] | None = None) -> Reply:
        return cls("error", title, text, suggestions=suggestions or [], ephemeral=True)

    @classmethod
    def forbidden(cls, text: str) -> Reply:
        return cls("forbidden", "Not allowed", text, ephemeral=True)

    @classmethod
    def not_found(cls, title: str, text: str = "", *, suggestions: list[str] | None = None) -> Reply:
        return cls("not_found", title, text, suggestions=suggestions or [])

    def to_json(self) -> dict[str, Any]:
        """Exactly the `labnotes ask --json` contract (image bytes are not part of it)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "fields": [f.to_json() for f in self.fields],
            "citations": [c.to_json() for c in self.citations],
            "suggestions": list(self.suggestions),
            "entity": self.entity.to_json() if self.entity else None,
        }
