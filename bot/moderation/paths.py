"""Where an added note may be written: inside the notes folder, where ingest will find it again.

Ingest lists notes with `rglob("*.md")`, which never enters a symlinked folder, and keeps a symlinked
file only when it resolves inside the folder (`bot/store/ingest.py`, `_scans`). A note written through a
symlinked channel folder lands wherever the link points, outside the notes folder even, and the next
ingest drops it from the store; so such paths are refused, with the path named.
"""

from __future__ import annotations

import os
from pathlib import Path

from bot.moderation.errors import NoteRejected


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))  # unlike Path.resolve(), no error on a symlink loop


def note_target(notes_dir: Path, rel: str) -> Path:
    """`notes_dir/rel`, checked the way ingest reads the folder: every folder on the way a real folder,
    and the file, when it is a symlink, pointing inside the notes folder. Raises NoteRejected otherwise."""
    root = _real(notes_dir)
    folder = notes_dir
    for part in rel.split("/")[:-1]:
        folder = folder / part
        if folder.is_symlink():
            points_to = _real(folder)
            if not points_to.is_relative_to(root):
                raise NoteRejected(
                    f"the channel folder {folder} is a symlink to {points_to}, outside the notes folder {root}"
                )
            raise NoteRejected(
                f"the channel folder {folder} is a symlink (to {points_to}); ingest does not follow "
                "symlinked folders, so the next ingest would drop the note. Make it a real folder"
            )
        if folder.exists() and not folder.is_dir():
            raise NoteRejected(f"{folder} is a file, not a channel folder")
    target = notes_dir / rel
    points_to = _real(target)
    if not points_to.is_relative_to(root):
        raise NoteRejected(f"{target} is a symlink to {points_to}, outside the notes folder {root}")
    return target


def inside_notes(notes_dir: Path, rel: str) -> bool:
    """Whether `notes_dir/rel` is a file of the notes folder as ingest sees it (see `note_target`)."""
    try:
        note_target(notes_dir, rel)
    except NoteRejected:
        return False
    return True
