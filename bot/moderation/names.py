"""Where an uploaded note may go: a sanitised file name inside a sanitised channel folder.

Names are refused when they try to leave the notes folder (`..`, absolute paths, sub-folders) and
cleaned when they only hold odd characters (spaces, punctuation, invisible Unicode marks).
"""

from __future__ import annotations

import re
import unicodedata

from bot.moderation.errors import NoteRejected

MAX_NAME_CHARS = 120
_ODD = re.compile(r"[^A-Za-z0-9._-]+")
_DRIVE = re.compile(r"^[A-Za-z]:")


def _clean(text: str) -> str:
    # NFKD + dropping combining marks turns "café" into "cafe"; format characters (Cf: bidi isolates,
    # zero-width joiners) disappear instead of becoming underscores.
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Cf", "Cc"))
    text = _ODD.sub("_", text)
    return re.sub(r"_{2,}", "_", text).strip("._-")


def sanitise_file_name(name: str) -> str:
    """`My Note (v2).MD` → `My_Note_v2.md`; raises NoteRejected for names that are paths."""

    def refuse(reason: str) -> NoteRejected:
        return NoteRejected(f"file name '{name}' is not allowed: {reason}")

    if not name.strip():
        raise refuse("it is empty")
    if "\x00" in name:
        raise refuse("it contains a NUL character")
    parts = re.split(r"[\\/]", name)
    if ".." in (p.strip() for p in parts):
        raise refuse("'..' would leave the notes folder")
    if name.startswith(("/", "\\", "~")) or _DRIVE.match(name):
        raise refuse("absolute paths are not allowed; give a plain file name like my_note.md")
    if len(parts) > 1:
        raise refuse("it is a path; give a plain file name like my_note.md")
    stem, dot, ext = name.rpartition(".")
    if not dot or ext.lower() != "md":
        raise refuse("a note must be a Markdown file ending in .md")
    clean = _clean(stem)[:MAX_NAME_CHARS].rstrip("._-")
    if not clean:
        raise refuse("nothing usable is left once odd characters are removed")
    return f"{clean}.md"


def sanitise_channel(channel: str | None) -> str | None:
    """The folder name for a channel (`⁨cleoabram⁩` → `cleoabram`), or None when nothing usable is left."""
    if channel is None:
        return None
    clean = _clean(channel)[:MAX_NAME_CHARS].rstrip("._-")
    return clean or None
