"""The one error moderator actions raise: its message is shown to the moderator as it is."""

from __future__ import annotations


class NoteRejected(Exception):
    """The note (or the request) can't be used; nothing was written. The message says exactly why."""
