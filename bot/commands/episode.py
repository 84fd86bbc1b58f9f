"""/episode REF: one episode by video id, YouTube link or title words: its notes, sections, labs."""

from __future__ import annotations

import re

from bot.commands.cite import citations
from bot.commands.registry import Context, command
from bot.commands.spec import CommandSpec, Param
from bot.contracts import Invocation
from bot.reply import Field, Reply, link, slash, youtube_url
from bot.store import queries
from bot.store.fold import representatives
from bot.store.queries import ClaimRow, EpisodeMatch
from bot.text import plural

_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_URL_ID = re.compile(r"(?:v=|youtu\.be/|/shorts/|/embed/)([A-Za-z0-9_-]{11})")
_WORD = re.compile(r"\w+")
MAX_SECTIONS = 12
MAX_LAB_CITATIONS = 6


@command(
    CommandSpec(
        "episode",
        "One episode: title, channel, link, its notes and sections, the labs it discusses",
        params=(Param("ref", "a YouTube video id or link, or words of the title", required=True, rest=True),),
        usage="KIb9LhszOUc",
    )
)
async def episode(ctx: Context, inv: Invocation) -> Reply:
    ref = str(inv.args["ref"]).strip().strip("\"'<>")
    found = await _find(ctx, ref)
    if isinstance(found, Reply):
        return found
    match, others = found
    notes = await queries.episode_notes(ctx.store, match.video_id)
    mentions = await queries.episode_lab_mentions(ctx.store, match.video_id)

    # Labs discussed (a model's claims count for its lab, bot.store.queries); cite its best claim here. A
    # statement repeated in several notes of the episode counts (and is cited) once.
    folded = representatives(list({m.claim.id: m.claim for m in mentions}.values()))
    counts: dict[str, set[int]] = {}
    best: dict[str, tuple[int, ClaimRow]] = {}
    for mention in mentions:
        claim, lab_id = folded[mention.claim.id], mention.lab_id
        counts.setdefault(lab_id, set()).add(claim.id)
        rank = (0 if mention.is_subject else 1) * 2 + (0 if claim.seconds is not None else 1)
        if lab_id not in best or rank < best[lab_id][0]:
            best[lab_id] = (rank, claim)
    labs = sorted(counts, key=lambda lab: (-len(counts[lab]), ctx.names.display("lab", lab).lower()))

    title = match.title or (notes[0].title if len(notes) == 1 else f"Episode {match.video_id}")
    channel = match.channel or next((n.channel for n in notes if n.channel), None)
    url = youtube_url(match.video_id, None)
    fields = [Field("Channel", channel or "unknown"), Field("Link", link(url, url))]
    for note in notes:
        sections = [s for s in note.sections if s][:MAX_SECTIONS]
        more = len(note.sections) - len(sections)
        body = "\n".join(f"• {s}" for s in sections) + (f"\n…and {more} more" if more > 0 else "")
        fields.append(Field(f"Note: {note.title} ({plural(note.claims, 'claim')})", body or "(no sections)"))
    if labs:
        fields.append(
            Field(
                "Labs discussed",
                ", ".join(
                    f"{ctx.names.display('lab', lab)} ({plural(len(counts[lab]), 'claim')})" for lab in labs
                ),
            )
        )
    if others:
        fields.append(Field("Other matching episodes", "\n".join(_describe(o) for o in others)))
    text = f"{plural(len(notes), 'note')} on this episode"
    text += f"; it discusses {plural(len(labs), 'lab')}." if labs else "; no lab is discussed."
    return Reply(
        "ok",
        title,
        text,
        fields,
        citations((best[lab][1] for lab in labs), MAX_LAB_CITATIONS),
        suggestions=[o.video_id for o in others],
    )


async def _find(ctx: Context, ref: str) -> tuple[EpisodeMatch, list[EpisodeMatch]] | Reply:
    url = _URL_ID.search(ref)
    video_id = url.group(1) if url else ref if _VIDEO_ID.match(ref) else None
    if video_id is not None:
        match = await queries.episode_by_video(ctx.store, video_id)
        if match is not None:
            return match, []
    words = _WORD.findall(ref)
    found = await queries.episodes_by_title(ctx.store, words, limit=6)
    if not found:
        return Reply.not_found(
            f"No episode matches “{ref}”",
            "Give a YouTube video id (11 characters), a link, or words from the episode or note title.",
        )
    return found[0], found[1:]


def _describe(match: EpisodeMatch) -> str:
    title = match.title or "untitled"
    return f"{title} ({match.channel or 'unknown channel'}) — {slash('episode')} {match.video_id}"
