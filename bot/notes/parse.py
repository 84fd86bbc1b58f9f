"""Parsing one episode note (front matter + Markdown body) into a Note, a ChannelIndex or a Rejected file.

The parser never raises: a file it cannot use comes back as Rejected with a reason a person can act on.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable

from bot.notes.blocks import BodyReader
from bot.notes.caps import cap_claims, split_warning
from bot.notes.claims import ClaimMaker, cut_anchors
from bot.notes.frontmatter import split_front_matter
from bot.notes.index import has_episodes, parse_index
from bot.notes.markdown import strip_bidi
from bot.notes.model import Note, ParseResult, Rejected
from bot.notes.timestamps import PRIORS, Fields, plain_seconds, read_note
from bot.text import plural

# Warning texts `labnotes stats` counts (bot.store.stats): keep them in step.
MINUTES_WARNING = "read as MM:SS (the note writes minutes where hours go)"
UNTRUSTED_WARNING = "not cited: the note's times read as hours and as minutes alike"
UNREAD_WARNING = "not read (no timestamp form matched)"
CHANNEL_WARNING = "read as the channel's other notes write them (the note alone does not say)"
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_FROM = re.compile(r"^From:[ \t]*\[\[([^\[\]|\n]*)", re.MULTILINE)
_NEWLINES = re.compile(r"\r\n?")


def parse_bytes(data: bytes, source: str = "", prior: str | None = None) -> ParseResult:
    """Decode a note file (UTF-8, BOM tolerated, any line endings) and parse it; `prior`: the
    convention of its channel's notes (bot.notes.timestamps.channel_prior), if known."""
    return _collected(data, source, prior, None)


def parse_bytes_each_prior(data: bytes, source: str = "") -> tuple[ParseResult, dict[str, ParseResult]]:
    """`parse_bytes(data, source)`, and what `parse_bytes(data, source, prior)` gives for each channel
    convention (`PRIORS`) where that can differ: for a note whose own times settle nothing (reading
    "untrusted"), else none. The body is read once; only the dating is done again (ingest learns a
    channel's convention as its notes come in, and so parses no note twice)."""
    others: dict[str, ParseResult] = {}
    return _collected(data, source, None, others), others


def _collected(
    data: bytes, source: str, prior: str | None, others: dict[str, ParseResult] | None
) -> ParseResult:
    # A parse makes tens of thousands of small objects and no reference cycles, so the cyclic collector's
    # passes during it free nothing, yet they re-scan what the caller holds (bench/notes_parse.py, which
    # keeps every result: about a sixth of the parse's CPU time). The collector waits until the note is
    # parsed; reference counting frees everything meanwhile.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return _parse_bytes(data, source, prior, others)
    finally:
        if collecting:
            gc.enable()


def _parse_bytes(
    data: bytes, source: str, prior: str | None, others: dict[str, ParseResult] | None
) -> ParseResult:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Rejected(f"not UTF-8 text: {error.reason} at byte {error.start}")
    if "\x00" in text:
        return Rejected("not UTF-8 text: contains NUL bytes (binary file?)")
    return _guarded(lambda: _parse(text, source, prior, others))


def own_reading(data: bytes) -> str:
    """The reading a note's times settle on their own (`NoteTimes.reading`), without a full parse: its
    anchors read straight from the raw text, words counted by spaces; on the vault it agrees with the full
    parse for 99.1% of notes, in an eighth of the time. Ingest no longer needs it (it learns each channel's
    convention from the full parses, bot.store.ingest._Priors); bench/timestamps.py uses it for a quick
    estimate."""
    text = data.decode("utf-8-sig", errors="replace")
    times: list[Fields] = []
    for found in cut_anchors(text)[1]:
        times += found
    return read_note(times, text.count(" ")).reading if times else ""


def parse_note(text: str, source: str = "", prior: str | None = None) -> ParseResult:
    """Parse note text; `source` is the path relative to the notes root, '/'-separated."""
    return _guarded(lambda: _parse(text, source, prior, None))


def _guarded(parse: Callable[[], ParseResult]) -> ParseResult:
    try:
        return parse()
    except Exception as error:  # the contract is "never raises": report the file instead of crashing ingest
        return Rejected(f"parser error: {type(error).__name__}: {error}")


def _parse(text: str, source: str, prior: str | None, others: dict[str, ParseResult] | None) -> ParseResult:
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    text = text.removeprefix("\ufeff")
    split = split_front_matter(text)
    if split is None:
        return Rejected("no front matter (--- title/videoId ---)")
    fields, body = split
    title = fields.get("title", "").strip()
    video_id = fields.get("videoId", "").strip()
    if not video_id:
        if has_episodes(body):
            channel = strip_bidi(title) or _stem(source)
            if not channel:
                return Rejected("channel index page has no title and no file name")
            return parse_index(channel, body)
        return Rejected("front matter has no videoId")
    if not _VIDEO_ID.fullmatch(video_id):
        return Rejected(f"videoId '{video_id}' is not an 11-character YouTube id")
    if not title:
        return Rejected("front matter has no title")
    channel_line = _FROM.search(body)
    origin = (strip_bidi(channel_line.group(1)) if channel_line else "") or _folder(source)
    reader = BodyReader()
    reader.read(body)
    note = _note(title, video_id, origin, reader.maker, prior)
    if others is not None and isinstance(note, Note) and note.reading == "untrusted":
        # The dating is all a prior changes (finish() reads the maker, never changes it).
        for other in PRIORS:
            others[other] = _guarded(functools.partial(_note, title, video_id, origin, reader.maker, other))
    return note


def _note(
    title: str, video_id: str, channel: str | None, maker: ClaimMaker, prior: str | None
) -> ParseResult:
    claims, times = maker.finish(prior)
    if not claims:
        return Rejected("note has no text to make claims from")
    note = Note(
        title=title,
        video_id=video_id,
        channel=channel,
        claims=claims,
        reading=times.reading,
        times=len(maker.times),
        untrusted=times.untrusted,
        unread=maker.unread,
    )
    # Times read otherwise than on their own; none when the note had nothing to decide (reading ""): half
    # the notes. A list built in one comprehension beats a generator summed.
    minutes = (
        len(
            [
                seconds
                for seconds, plain in zip(times.seconds, map(plain_seconds, maker.times), strict=True)
                if seconds is not None and seconds != plain
            ]
        )
        if times.reading
        else 0
    )
    if minutes:
        note.warnings.append(f"{plural(minutes, 'timestamp')} {MINUTES_WARNING}")
    if times.from_channel:
        note.warnings.append(f"{plural(times.from_channel, 'timestamp')} {CHANNEL_WARNING}")
    if times.untrusted:
        note.warnings.append(f"{plural(times.untrusted, 'timestamp')} {UNTRUSTED_WARNING}")
    if maker.unreadable:
        note.warnings.append(f"{plural(maker.unreadable, 'timestamp')} could not be read")
    if maker.unread:
        note.warnings.append(f"{plural(maker.unread, 'timestamp-like string')} {UNREAD_WARNING}")
    note.claims, split = cap_claims(note.claims)
    if split:
        note.warnings.append(split_warning(split))
    return note


def _folder(source: str) -> str | None:
    parts = source.split("/")
    return strip_bidi(parts[-2]) or None if len(parts) > 1 else None


def _stem(source: str) -> str:
    name = source.rsplit("/", 1)[-1]
    return strip_bidi(name.removesuffix(".md"))
