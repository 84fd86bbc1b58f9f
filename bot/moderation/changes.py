"""The notes folder's change log: how a note added or removed in one `labnotes run` process reaches the
others (each keeps its own store over the same folder; bot.moderation.follow reads this log).

`<notes_dir>/.labnotes-changes/log` is append-only text. Its first line is a header,
`#labnotes-changes<TAB><token><TAB><base>`, then one line per change, `<id><TAB><path><TAB><added|removed>`
(plus `<TAB><who>` for an add). Readers keep a position: the log's token and a logical byte offset,
`base` + bytes after the header, which a compaction does not move.

Writers append with O_APPEND and one write() per line, under a shared flock, so concurrent writers never
interleave. Past MAX_BYTES the writer compacts: under an exclusive flock it keeps the newest half of
the lines in a new file (same token, `base` advanced by what was dropped) renamed over the log. A writer
that opened the old file before the rename sees a different inode once it has its lock, and reopens. A
reader whose position is before `base` fell behind a compaction: it rescans the whole folder instead.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

CHANGES_DIR = ".labnotes-changes"  # inside the notes folder; no *.md in it, so ingest never reads it
LOG_NAME = "log"
HEADER = "#labnotes-changes"
MAX_BYTES = 256_000  # ~3,000 changes; a reader polling every few seconds is never that far behind
_ATTEMPTS = 5  # reopen after a compaction replaced the file; more than a few in a row means trouble

Action = Literal["added", "removed"]


@dataclass(frozen=True, slots=True)
class Position:
    """Where a reader is: the log's token (None: no log existed yet) and its logical offset."""

    token: str | None
    offset: int

    def encode(self) -> str:
        return f"{self.token or ''}:{self.offset}"

    @classmethod
    def decode(cls, text: str | None) -> Position:
        """The stored position; a missing or unreadable one reads the log from its start."""
        token, _, offset = (text or "").rpartition(":")
        return cls(token or None, int(offset)) if offset.isdigit() else cls(None, 0)


START = Position(None, 0)


@dataclass(frozen=True, slots=True)
class Change:
    path: str  # relative to the notes folder, '/'-separated
    action: Action
    who: str | None


@dataclass(frozen=True, slots=True)
class Read:
    """What `read_since` found: the changes after the position (in order) and the position after them;
    `behind` when lines the reader had not seen are gone (compacted, or the log was recreated)."""

    changes: list[Change]
    position: Position
    behind: bool = False


def log_path(notes_dir: Path) -> Path:
    return notes_dir / CHANGES_DIR / LOG_NAME


def _header(token: str, base: int) -> bytes:
    return f"{HEADER}\t{token}\t{base}\n".encode()


def _parse_header(line: bytes) -> tuple[str, int] | None:
    parts = line.decode("utf-8", "replace").rstrip("\n").split("\t")
    if len(parts) != 3 or parts[0] != HEADER or not parts[2].isdigit():
        return None
    return parts[1], int(parts[2])


def _one_field(text: str) -> str:
    """A value safe inside a tab-separated line."""
    return " ".join(text.replace("\t", " ").splitlines())


def _write_new(path: Path, data: bytes) -> Path:
    temp = path.with_name(f"{path.name}.{uuid.uuid4().hex}.tmp")
    with open(temp, "xb") as handle:
        handle.write(data)
    return temp


def _ensure(path: Path) -> None:
    """Create the log with its header, exactly once however many processes race to do it."""
    if path.exists():
        return
    folder = path.parent
    if folder.is_symlink():  # appends would land wherever it points
        raise OSError(f"{folder} is a symlink; remove it (it is recreated as needed)")
    folder.mkdir(parents=True, exist_ok=True)
    temp = _write_new(path, _header(uuid.uuid4().hex, 0))
    try:
        os.link(temp, path)  # atomic, and refuses to replace a log another process just created
    except FileExistsError:
        pass
    finally:
        temp.unlink()


def append(notes_dir: Path, rel_path: str, action: Action, who: str | None = None) -> None:
    """Record one change (call after the note's file is in place or gone); raises OSError."""
    path = log_path(notes_dir)
    fields = [str(time.time_ns()), _one_field(rel_path), action] + ([_one_field(who)] if who else [])
    line = ("\t".join(fields) + "\n").encode()
    for _ in range(_ATTEMPTS):
        _ensure(path)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)  # appenders share; only a compaction excludes them
            with contextlib.suppress(FileNotFoundError):
                if os.fstat(fd).st_ino == os.stat(path).st_ino:
                    if os.write(fd, line) != len(line):
                        raise OSError(f"short write to {path}")
                    size = os.fstat(fd).st_size
                    break
        finally:
            os.close(fd)  # and with it the lock
    else:
        raise OSError(f"{path} kept being replaced while appending to it")
    if size > MAX_BYTES:
        compact(path)


def compact(path: Path, keep: int | None = None) -> None:
    """Keep the newest `keep` bytes of lines (default: half of MAX_BYTES), whole lines only."""
    keep = MAX_BYTES // 2 if keep is None else keep
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_ino != os.stat(path).st_ino:
            return  # another writer compacted it meanwhile
        with os.fdopen(os.dup(fd), "rb") as handle:
            header_line = handle.readline()
            body = handle.read()
        header = _parse_header(header_line)
        if header is None or len(body) <= keep:
            return
        token, base = header
        cut = body.find(b"\n", len(body) - keep - 1) + 1  # the first whole line of the kept tail
        temp = _write_new(path, _header(token, base + cut) + body[cut:])
        os.replace(temp, path)
    finally:
        os.close(fd)


def end(notes_dir: Path) -> Position:
    """The position after the last complete line (START when there is no log)."""
    return read_since(notes_dir, START, skip=True).position


def read_since(notes_dir: Path, position: Position, *, skip: bool = False) -> Read:
    """Every complete line after `position` (with `skip`: none, just the position at the end); a line
    half-written stays for the next read. Blocking file I/O: call it off the event loop."""
    try:
        handle = open(log_path(notes_dir), "rb")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError:
        # No log (never written, or deleted): nothing new, unless the reader had one, whose unread lines
        # may be gone with it.
        return Read([], START, behind=position.token is not None)
    with handle:
        header_line = handle.readline()
        header = _parse_header(header_line)
        if header is None:
            return Read([], position, behind=True)  # not a log this code wrote: the folder tells the truth
        token, base = header
        size = os.fstat(handle.fileno()).st_size - len(header_line)
        if position == START:
            position = Position(token, base if skip else 0)  # a log new to this reader: all of it is news
        if position.token != token or not base <= position.offset <= base + size:
            # Recreated, compacted past the reader, or cut short: carry on after what is there now.
            handle.seek(len(header_line))
            return Read([], Position(token, base + _complete(handle.read())), behind=True)
        handle.seek(len(header_line) + position.offset - base)
        data = handle.read()
    complete = data[: _complete(data)]
    after = Position(token, position.offset + len(complete))
    if skip:
        return Read([], after)
    return Read([c for line in complete.splitlines() if (c := _parse_line(line)) is not None], after)


def _complete(data: bytes) -> int:
    """How many bytes of `data` are whole lines."""
    return data.rfind(b"\n") + 1


def _parse_line(line: bytes) -> Change | None:
    parts = line.decode("utf-8", "replace").split("\t")
    if len(parts) < 3 or parts[2] not in ("added", "removed") or not parts[1]:
        return None  # not a line this code wrote: ignored, never fatal
    action: Action = "added" if parts[2] == "added" else "removed"
    return Change(parts[1], action, parts[3] if len(parts) > 3 and parts[3] else None)
