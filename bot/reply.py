"""The platform-neutral answer to a command, and its JSON form (a stable contract, see DESIGN.md)."""

from __future__ import annotations

import re
from collections.abc import Callable
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


# The bot's own inline markup inside Reply strings, until a Reply carries typed spans (DESIGN.md): a
# /search hit is bracketed by STRONG_OPEN…STRONG_CLOSE, a link the bot built by LINK_OPEN label LINK_URL
# url LINK_CLOSE. They are private-use code points, which the note parser deletes from every note text,
# title and name, so nothing a note says can forge them: a renderer turns these marks into its platform's
# markup and escapes every other character as data, with no guessing at what is markup.
STRONG_OPEN, STRONG_CLOSE = "\ue100", "\ue101"
LINK_OPEN, LINK_URL, LINK_CLOSE = "\ue102", "\ue103", "\ue104"
MARKS = STRONG_OPEN + STRONG_CLOSE + LINK_OPEN + LINK_URL + LINK_CLOSE
# Every link the bot builds goes to a YouTube video; a mark around any other URL is not the bot's.
_OWN_URL = re.compile(r"https://www\.youtube\.com/watch\?v=[A-Za-z0-9_-]{11}(?:&t=\d+s)?")
_M = f"[^{MARKS}]*"
_MARKUP = re.compile(
    f"{STRONG_OPEN}({_M})(?:{STRONG_CLOSE}|\\Z)"  # a hit (a clipped one runs to the end)
    f"|{LINK_OPEN}({_M})(?:{LINK_URL}({_M}))?(?:{LINK_CLOSE}|\\Z)"  # a link (clipped: its label)
)
_STRAY = re.compile(f"[{MARKS}]")

SpanKind = Literal["text", "strong", "link"]


def strong(text: str) -> str:
    """`text` marked as a highlight (a /search hit)."""
    return f"{STRONG_OPEN}{text}{STRONG_CLOSE}"


def link(label: str, url: str) -> str:
    """A link the bot built (to a video): `label` shown, `url` followed."""
    return f"{LINK_OPEN}{label}{LINK_URL}{url}{LINK_CLOSE}"


@dataclass(frozen=True, slots=True)
class Span:
    kind: SpanKind
    text: str
    url: str = ""


def spans(text: str) -> list[Span]:
    """A Reply string as plain text, highlights and links; a text span is data to escape, always.

    Marks cut off by clipping still read sensibly; a link whose URL is not one the bot builds shows its
    label as text."""
    if not any(mark in text for mark in MARKS):
        return [Span("text", text)] if text else []
    out: list[Span] = []
    position = 0
    for match in _MARKUP.finditer(text):
        if match.start() > position:
            out.append(Span("text", _STRAY.sub("", text[position : match.start()])))
        hit, label, url = match.group(1), match.group(2), match.group(3)
        if hit is not None:
            out.append(Span("strong", hit))
        elif url is not None and _OWN_URL.fullmatch(url):
            out.append(Span("link", label, url))
        else:
            out.append(Span("text", label))
        position = match.end()
    out.append(Span("text", _STRAY.sub("", text[position:])))
    return [s for s in out if s.text]


def render_spans(
    text: str,
    *,
    data: Callable[[str], str],
    strong: Callable[[str], str],
    link: Callable[[str, str], str],
) -> str:
    """A Reply string in a renderer's markup: `data` escapes note text, `strong` marks a hit (given the
    escaped text), `link` shows one of the bot's links (given the label and the URL)."""
    parts: list[str] = []
    for span in spans(text):
        if span.kind == "strong":
            parts.append(strong(data(span.text)))
        elif span.kind == "link":
            parts.append(link(span.text, span.url))
        else:
            parts.append(data(span.text))
    return "".join(parts)


def plain(text: str) -> str:
    """A Reply string without its marks: highlights as plain words, links by their label."""
    return "".join(s.text for s in spans(text))


def markdown(text: str) -> str:
    """A Reply string in the Markdown the JSON contract has always carried: `**hit**`, `[label](url)`."""
    return render_spans(
        text,
        data=str,
        strong=lambda hit: f"**{hit}**",
        link=lambda label, url: url if label == url else f"[{label}]({url})",
    )


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    inline: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"name": markdown(self.name), "value": markdown(self.value)}


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
            "text": markdown(self.text),
        }


@dataclass(frozen=True, slots=True)
class Openness:
    label: OpennessLabel
    score: float
    open: int  # episodes with evidence of open (a verdict weighs episodes, not repetitions)
    closed: int
    episodes: int = 0  # episodes and channels whose notes carry any openness evidence: what backs it
    channels: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "score": round(self.score, 3),
            "open": self.open,
            "closed": self.closed,
            "episodes": self.episodes,
            "channels": self.channels,
        }


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
            "title": markdown(self.title),
            "text": markdown(self.text),
            "fields": [f.to_json() for f in self.fields],
            "citations": [c.to_json() for c in self.citations],
            "suggestions": list(self.suggestions),
            "entity": self.entity.to_json() if self.entity else None,
        }
