"""File and folder names for uploaded notes: paths refused, odd characters cleaned."""

from __future__ import annotations

import pytest

from bot.moderation.errors import NoteRejected
from bot.moderation.names import sanitise_channel, sanitise_file_name


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("open_source_ai_models.md", "open_source_ai_models.md"),
        ("My Note (v2).MD", "My_Note_v2.md"),
        ("café & crème.md", "cafe_creme.md"),
        ("\u2068cleoabram\u2069 notes.md", "cleoabram_notes.md"),
        (".hidden.md", "hidden.md"),
        ("a" * 300 + ".md", "a" * 120 + ".md"),
    ],
)
def test_odd_characters_are_cleaned(name: str, clean: str) -> None:
    assert sanitise_file_name(name) == clean


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../../etc/passwd.md", "'..' would leave the notes folder"),
        ("..\\secrets.md", "'..' would leave the notes folder"),
        ("/etc/passwd.md", "absolute paths are not allowed; give a plain file name like my_note.md"),
        ("C:\\notes\\x.md", "absolute paths are not allowed; give a plain file name like my_note.md"),
        ("~/x.md", "absolute paths are not allowed; give a plain file name like my_note.md"),
        ("bankless/x.md", "it is a path; give a plain file name like my_note.md"),
        ("notes.txt", "a note must be a Markdown file ending in .md"),
        ("README", "a note must be a Markdown file ending in .md"),
        ("   ", "it is empty"),
        ("!!!.md", "nothing usable is left once odd characters are removed"),
    ],
)
def test_names_that_are_paths_or_not_markdown_are_refused(name: str, reason: str) -> None:
    with pytest.raises(NoteRejected) as err:
        sanitise_file_name(name)
    assert str(err.value) == f"file name '{name}' is not allowed: {reason}"


def test_channel_folders_lose_invisible_marks_and_odd_characters() -> None:
    assert sanitise_channel("\u2068cleoabram\u2069") == "cleoabram"
    assert sanitise_channel("../evil") == "evil"
    assert sanitise_channel("Lex Fridman") == "Lex_Fridman"
    assert sanitise_channel("///") is None
    assert sanitise_channel(None) is None
