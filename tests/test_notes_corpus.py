"""Every real note in ../shared/corpus parses without raising; counts stay within sensible floors."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.notes.model import ChannelIndex, Note, ParseResult, Rejected
from bot.notes.parse import parse_bytes

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CHANNELS = ("bankless", "dwarkeshpatel", "redpointai", "hu-po")

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParseResult]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return {
        path.relative_to(CORPUS).as_posix(): parse_bytes(
            path.read_bytes(), path.relative_to(CORPUS).as_posix()
        )
        for path in sorted(CORPUS.rglob("*.md"))
    }


def test_every_corpus_file_is_parsed(parsed: dict[str, ParseResult]) -> None:
    assert len(parsed) >= 1131


def test_corpus_counts(parsed: dict[str, ParseResult]) -> None:
    kinds = Counter(type(result).__name__ for result in parsed.values())
    assert kinds["Note"] >= 1120
    assert kinds["ChannelIndex"] == 5  # the four channels plus the CRLF index page in oddities
    assert kinds["Rejected"] <= 2


def test_only_the_readme_is_rejected_for_lacking_front_matter(parsed: dict[str, ParseResult]) -> None:
    rejected = {source: r.reason for source, r in parsed.items() if isinstance(r, Rejected)}
    assert rejected == {"README.md": "no front matter (--- title/videoId ---)"}


@pytest.mark.parametrize("channel", CHANNELS)
def test_channel_index_pages_list_their_episodes(parsed: dict[str, ParseResult], channel: str) -> None:
    index = parsed[f"{channel}/{channel}.md"]
    assert isinstance(index, ChannelIndex)
    assert index.channel == channel
    assert len(index.episodes) >= 1
    assert all(len(e.video_id) == 11 and e.title and e.note_slugs for e in index.episodes)


def test_crlf_index_page_in_oddities_is_an_index(parsed: dict[str, ParseResult]) -> None:
    index = parsed["oddities/artedeinvertir__crlf_index.md"]
    assert isinstance(index, ChannelIndex)
    assert (index.channel, len(index.episodes) >= 1) == ("artedeinvertir", True)


def test_notes_in_channel_folders_carry_their_channel(parsed: dict[str, ParseResult]) -> None:
    for source, result in parsed.items():
        folder = source.split("/")[0]
        if folder in CHANNELS and isinstance(result, Note):
            assert result.channel == folder, source


def test_unicode_folder_channel_loses_its_isolation_marks(parsed: dict[str, ParseResult]) -> None:
    channels = {r.channel for s, r in parsed.items() if "\u2068cleoabram\u2069/" in s and isinstance(r, Note)}
    assert channels == {"cleoabram"}


def test_every_note_has_claims_and_most_are_dated(parsed: dict[str, ParseResult]) -> None:
    notes = [r for r in parsed.values() if isinstance(r, Note)]
    claims = [c for n in notes for c in n.claims]
    assert all(n.claims for n in notes)
    assert len(claims) >= 40_000
    assert sum(c.seconds is not None for c in claims) >= 0.7 * len(claims)


def test_nearly_every_anchor_becomes_a_timestamp(parsed: dict[str, ParseResult]) -> None:
    anchors = sum(
        (CORPUS / source).read_text(encoding="utf-8-sig").count('class="yt-timestamp"')
        for source, result in parsed.items()
        if isinstance(result, Note)
    )
    read = sum(len(c.timestamps) for r in parsed.values() if isinstance(r, Note) for c in r.claims)
    assert read >= 0.99 * anchors


def test_unreadable_timestamps_are_reported_as_warnings(parsed: dict[str, ParseResult]) -> None:
    warned = {
        s for s, r in parsed.items() if isinstance(r, Note) and any("not be read" in w for w in r.warnings)
    }
    assert "oddities/lexfridman__gravitational_waves_and_their_detection.md" in warned  # its data-t="N/A"
    assert len(warned) <= 20


def test_notes_writing_minutes_in_the_hours_slot_are_reread(parsed: dict[str, ParseResult]) -> None:
    reread = {
        s for s, r in parsed.items() if isinstance(r, Note) and any("read as MM:SS" in w for w in r.warnings)
    }
    assert "redpointai/ai_tutoring_systems.md" in reread  # "19:11:00" beside "00:00:44"
    assert 150 <= len(reread) <= 250  # 187 with bot.notes.timestamps.read_note (issue 11)


def test_few_claims_are_dated_later_than_six_hours(parsed: dict[str, ParseResult]) -> None:
    """No episode runs six hours: a time read that late is not cited (issue 11; there were 200 before)."""
    late = [
        c for r in parsed.values() if isinstance(r, Note) for c in r.claims if (c.seconds or 0) > 6 * 3600
    ]
    assert late == []
