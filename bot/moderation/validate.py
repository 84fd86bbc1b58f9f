"""Checks an uploaded note passes before anything is written: size, UTF-8, a parseable episode note
with a title, an 11-character videoId and at least one claim. Each failure has a specific message.
"""

from __future__ import annotations

from bot.extract.extractor import Extractor
from bot.moderation.errors import NoteRejected
from bot.notes.model import Rejected
from bot.reply import slash
from bot.store.ingest import PreparedNote, prepare_document


def megabytes(size: int) -> str:
    """`5.2 MB`, `1 MB`: one decimal, trailing zeros dropped."""
    return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".") + " MB"


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise NoteRejected(f"note is {megabytes(size)} ({size:,} bytes); the limit is {megabytes(limit)}")


def check_text(data: bytes) -> None:
    """UTF-8 text (a BOM is fine), no NUL bytes: anything else is a binary or mis-encoded file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NoteRejected(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save the note as UTF-8 Markdown"
        ) from None
    if "\x00" in text:
        position = data.find(b"\x00")
        raise NoteRejected(f"not text: a NUL byte at position {position} (a binary file?)")


def prepare_upload(rel_path: str, data: bytes, extractor: Extractor, *, max_bytes: int) -> PreparedNote:
    """Validate and parse + extract in memory; raises NoteRejected, writes nothing."""
    check_size(len(data), max_bytes)
    check_text(data)
    prepared = prepare_document(rel_path, data, extractor)
    if isinstance(prepared, Rejected):
        raise NoteRejected(prepared.reason)
    if not isinstance(prepared, PreparedNote):
        raise NoteRejected(
            f"this is a channel index page (no videoId); {slash('notes add')} takes an episode note with "
            "title and videoId in its front matter"
        )
    if not prepared.note.claims:
        raise NoteRejected("the note has no claims: its body holds no sentence to cite")
    return prepared
