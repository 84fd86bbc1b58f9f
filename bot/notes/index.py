"""Channel index pages: one `### [Episode title](youtube url)` heading per episode, then its note links."""

from __future__ import annotations

import re

from bot.notes.markdown import WIKI_LINK, plain_text
from bot.notes.model import ChannelIndex, IndexEpisode

# Greedy title: episode titles may themselves hold brackets ("[LIVE] …"); the URL is the last "](".
_EPISODE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*\[(?P<title>.*)\]\((?P<url>[^()\s]*)\)[ \t]*$", re.MULTILINE)
_VIDEO_ID = re.compile(r"(?:[?&]v=|youtu\.be/|/embed/|/shorts/|/live/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])")


def has_episodes(body: str) -> bool:
    return any(_VIDEO_ID.search(m.group("url")) for m in _EPISODE.finditer(body))


def parse_index(channel: str, body: str) -> ChannelIndex:
    """Episodes in page order; headings whose URL holds no YouTube id are not episodes."""
    index = ChannelIndex(channel=channel)
    headings = list(_EPISODE.finditer(body))
    for number, heading in enumerate(headings):
        video = _VIDEO_ID.search(heading.group("url"))
        if video is None:
            continue
        end = headings[number + 1].start() if number + 1 < len(headings) else len(body)
        targets = (m.group(1).strip() for m in WIKI_LINK.finditer(body, heading.end(), end))
        slugs = tuple(dict.fromkeys(t for t in targets if t))
        title, _ = plain_text(heading.group("title"))
        index.episodes.append(IndexEpisode(video_id=video.group(1), title=title, note_slugs=slugs))
    return index
