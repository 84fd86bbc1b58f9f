"""The platform-neutral answer to a command, and its JSON form (a stable contract, see DESIGN.md)."""

from __future__ import annotations

import re
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


# The bot's own inline markup inside Reply strings: typed spans, each bracketed by private-use code points
# that the note parser deletes from every note text, title and name (and `strip_marks` from whatever a user
# types), so nothing a note or a user says can forge one. A renderer turns each span into its platform's
# markup (a `Markup`) and escapes every other character as data, with no guessing at what is markup:
#   strong    STRONG_OPEN text STRONG_CLOSE              a highlight (a /search hit, a heading)
#   link      LINK_OPEN label LINK_URL url LINK_CLOSE     a link the bot built (to a video)
#   citation  CITE_OPEN label LINK_URL url LINK_CLOSE     a link to a video at a time, labelled `MM:SS`
#   code      CODE_OPEN text CODE_CLOSE                  something to type or that was typed, shown verbatim
#   command   COMMAND_OPEN path COMMAND_CLOSE            one of the bot's commands (`notes add`), which each
#                                                         platform spells its own way (Slack: /labnotes-help)
STRONG_OPEN, STRONG_CLOSE = "\ue100", "\ue101"
LINK_OPEN, LINK_URL, LINK_CLOSE = "\ue102", "\ue103", "\ue104"
CODE_OPEN, CODE_CLOSE = "\ue105", "\ue106"
CITE_OPEN = "\ue107"
COMMAND_OPEN, COMMAND_CLOSE = "\ue108", "\ue109"
MARKS = STRONG_OPEN + STRONG_CLOSE + LINK_OPEN + LINK_URL + LINK_CLOSE + CODE_OPEN + CODE_CLOSE
MARKS += CITE_OPEN + COMMAND_OPEN + COMMAND_CLOSE
_NO_MARKS = str.maketrans(dict.fromkeys(MARKS))
# Every link the bot builds goes to a YouTube video; a mark around any other URL is not the bot's.
_OWN_URL = re.compile(r"https://www\.youtube\.com/watch\?v=[A-Za-z0-9_-]{11}(?:&t=\d+s)?")
# A command path as CommandSpec.path writes it: a name, or a group and a subcommand.
_COMMAND_PATH = re.compile(r"[a-z][a-z0-9_-]*(?: [a-z][a-z0-9_-]*)?")
_M = f"[^{MARKS}]*"
_MARKUP = re.compile(  # a span cut off by clipping runs to the end of the string
    f"{STRONG_OPEN}(?P<strong>{_M})(?:{STRONG_CLOSE}|\\Z)"
    f"|(?P<opener>[{LINK_OPEN}{CITE_OPEN}])(?P<label>{_M})(?:{LINK_URL}(?P<url>{_M}))?(?:{LINK_CLOSE}|\\Z)"
    f"|{CODE_OPEN}(?P<code>{_M})(?:{CODE_CLOSE}|\\Z)"
    f"|{COMMAND_OPEN}(?P<command>{_M})(?:{COMMAND_CLOSE}|\\Z)"
)

SpanKind = Literal["text", "strong", "link", "code", "citation", "command"]


def strip_marks(text: str) -> str:
    """`text` (something a user typed) without the bot's marks, so echoing it back cannot forge markup."""
    return text.translate(_NO_MARKS)


def strong(text: str) -> str:
    """`text` marked as a highlight (a /search hit)."""
    return f"{STRONG_OPEN}{text}{STRONG_CLOSE}"


def link(label: str, url: str) -> str:
    """A link the bot built (to a video): `label` shown, `url` followed."""
    return f"{LINK_OPEN}{label}{LINK_URL}{url}{LINK_CLOSE}"


def cite(video_id: str, seconds: int | None) -> str:
    """A citation: the video at `seconds`, labelled with the time (`40:45`, or `video` when unknown)."""
    return f"{CITE_OPEN}{time_label(seconds)}{LINK_URL}{youtube_url(video_id, seconds)}{LINK_CLOSE}"


def code(text: str) -> str:
    """`text` shown verbatim, as code: a value the user typed, a shell command to run."""
    return f"{CODE_OPEN}{strip_marks(text)}{CODE_CLOSE}"


def slash(path: str) -> str:
    """One of the bot's commands (`search`, `notes add`), which each platform names its own way."""
    return f"{COMMAND_OPEN}{path.strip().lstrip('/').lower()}{COMMAND_CLOSE}"


@dataclass(frozen=True, slots=True)
class Span:
    kind: SpanKind
    text: str  # the text, a link's label, a command's path
    url: str = ""


def spans(text: str) -> list[Span]:
    """A Reply string as typed spans; a text span is data to escape, always.

    Marks cut off by clipping still read sensibly; a link whose URL is not one the bot builds shows its
    label as text, and so does a command that is not a command path."""
    if not any(mark in text for mark in MARKS):
        return [Span("text", text)] if text else []
    out: list[Span] = []
    position = 0
    for match in _MARKUP.finditer(text):
        if match.start() > position:
            out.append(Span("text", strip_marks(text[position : match.start()])))
        out.append(_span(match))
        position = match.end()
    out.append(Span("text", strip_marks(text[position:])))
    return [s for s in out if s.text]


def _span(match: re.Match[str]) -> Span:
    if (hit := match.group("strong")) is not None:
        return Span("strong", hit)
    if (shown := match.group("code")) is not None:
        return Span("code", shown)
    if (path := match.group("command")) is not None:
        return Span("command", path) if _COMMAND_PATH.fullmatch(path) else Span("text", f"/{path}")
    label, url = match.group("label"), match.group("url")
    if url is not None and _OWN_URL.fullmatch(url):
        return Span("citation" if match.group("opener") == CITE_OPEN else "link", label, url)
    return Span("text", label)


class Markup:
    """How a renderer writes each kind of span: the one interface every platform implements.

    The defaults write plain text (no markup at all); a platform overrides what it formats. `data` must
    make any text inert (note text is written by strangers); the others get raw text and escape it."""

    def data(self, text: str) -> str:
        return text

    def strong(self, text: str) -> str:
        return self.data(text)

    def link(self, label: str, url: str) -> str:
        return self.data(label)

    def code(self, text: str) -> str:
        return self.data(text)

    def citation(self, label: str, url: str) -> str:
        return self.link(label, url)

    def command(self, path: str) -> str:
        return self.data(f"/{path}")


def render_spans(text: str, markup: Markup) -> str:
    """A Reply string in a renderer's markup."""
    parts: list[str] = []
    for span in spans(text):
        if span.kind == "strong":
            parts.append(markup.strong(span.text))
        elif span.kind == "link":
            parts.append(markup.link(span.text, span.url))
        elif span.kind == "citation":
            parts.append(markup.citation(span.text, span.url))
        elif span.kind == "code":
            parts.append(markup.code(span.text))
        elif span.kind == "command":
            parts.append(markup.command(span.text))
        else:
            parts.append(markup.data(span.text))
    return "".join(parts)


PLAIN = Markup()


class _Markdown(Markup):
    """The Markdown the JSON contract has always carried."""

    def strong(self, text: str) -> str:
        return f"**{text}**"

    def link(self, label: str, url: str) -> str:
        return url if label == url else f"[{label}]({url})"

    def code(self, text: str) -> str:
        return f"`{text}`"


MARKDOWN = _Markdown()


def plain(text: str) -> str:
    """A Reply string without its marks: highlights as plain words, links by their label, commands as
    `/path`."""
    return render_spans(text, PLAIN)


def markdown(text: str) -> str:
    """A Reply string in the Markdown the JSON contract has always carried: `**hit**`, `[label](url)`,
    `` `code` ``, `/command`."""
    return render_spans(text, MARKDOWN)


# Who sees a reply: the one policy. Adapters and renderers only read `Reply.ephemeral` (Slack's admin
# overrides are applied in one function, adapters/slack_render.py `visibility`).
# Only the person who asked sees anything that is not an answer (an error, a refusal, a name or command
# not found: a typo is nobody else's business, on any platform), and the answers of PRIVATE_ANSWERS:
# /help (a manual for whoever asked) and /notes list (a moderator's housekeeping). Every other answer
# goes to the channel, where the question was asked in the open.
PRIVATE_ANSWERS = frozenset({"help", "notes list"})


def is_private(kind: ReplyKind, command_path: str | None = None) -> bool:
    """Whether a reply of `kind` to `command_path` is for the asker's eyes only (see above)."""
    return kind != "ok" or (command_path or "").lower() in PRIVATE_ANSWERS


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


# A component's openness (issue 14): the parts a model is graded on, each open, partial, closed or not said.
ComponentStatusLabel = Literal["open", "partial", "closed", "not said"]
COMPONENT_STATUSES: tuple[ComponentStatusLabel, ...] = ("open", "partial", "closed", "not said")


@dataclass(frozen=True, slots=True)
class ComponentStatus:
    component: str  # one of bot.extract.model.COMPONENTS ("weights", "training data", …)
    status: ComponentStatusLabel
    licence: str | None = None  # "Apache 2.0", "community licence", …
    citation: Citation | None = None  # the strongest claim behind the status

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "licence": self.licence,
            "citation": self.citation.to_json() if self.citation else None,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    type: Literal["lab", "model"]
    id: str
    name: str
    lab: str | None = None
    models: tuple[str, ...] = ()
    openness: Openness | None = None
    # Every component, on /lab and /model; None where a command does not look at components.
    components: tuple[ComponentStatus, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "id": self.id,
            "name": self.name,
            "lab": self.lab,
            "models": list(self.models),
            "openness": self.openness.to_json() if self.openness else None,
            "components": (
                {c.component: c.to_json() for c in self.components} if self.components is not None else None
            ),
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
    image: bytes | None = None  # a PNG (a chart); not part of the JSON contract
    ephemeral: bool = False  # only the asker sees it: set by `is_private`, read by every adapter
    image_alt: str = ""  # what the image shows, for screen readers (Slack's alt text)
    image_text: str = ""  # the image as monospaced text lines, for a terminal

    def __post_init__(self) -> None:
        # However it was built (a command, a parser, an adapter's fallback), a non-answer is private.
        if is_private(self.kind):
            self.ephemeral = True

    @classmethod
    def error(cls, title: str, text: str = "", *, suggestions: list[str] | None = None) -> Reply:
        return cls("error", title, text, suggestions=suggestions or [])

    @classmethod
    def forbidden(cls, text: str) -> Reply:
        return cls("forbidden", "Not allowed", text)

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
            "suggestions": [markdown(s) for s in self.suggestions],
            "entity": self.entity.to_json() if self.entity else None,
        }
