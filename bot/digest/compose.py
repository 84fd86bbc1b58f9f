"""The digest of one period as a Reply: new notes (linked, with channel), what they say about labs and
openness (cited, claims with openness signals first), and labs whose openness label changed.

Lists are capped ("…and N more") so the post fits every platform's limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.digest.clock import iso
from bot.digest.subscriptions import lab_labels
from bot.reply import Citation, Field, Reply, link, youtube_url
from bot.store.db import Store

MAX_CITATIONS = 6
MAX_LAB_LINES = 10
MAX_TITLE_CHARS = 100
MAX_CLAIM_CHARS = 300

# Notes that arrived in [start, end): first ingested in that window (a re-ingest keeps the first time).
_IN_PERIOD = (
    "SELECT n.id FROM sources s JOIN notes n ON n.id = s.id"
    " WHERE julianday(s.ingested_at) >= julianday(:start) AND julianday(s.ingested_at) < julianday(:end)"
    " AND s.id > :after"
)


@dataclass(slots=True)
class Digest:
    reply: Reply
    note_count: int
    labels: dict[str, str]  # lab openness labels now: the next digest's baseline
    quiet: bool  # nothing new: no notes and no openness change


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def more_line(shown: int, total: int) -> list[str]:
    return [f"…and {total - shown} more"] if total > shown else []


def _since(start: datetime, tz: ZoneInfo | None) -> str:
    local = start.astimezone(tz) if tz else start
    zone = tz.key if tz else "UTC"
    return f"{local:%a %d %b %H:%M} {zone}"


async def _new_notes(store: Store, bounds: dict[str, str | int]) -> list[str]:
    rows = await store.fetchall(
        "SELECT n.title, n.video_id, n.channel FROM sources s JOIN notes n ON n.id = s.id"
        f" WHERE n.id IN ({_IN_PERIOD}) ORDER BY s.ingested_at, s.path",
        bounds,
    )
    return [
        f"• {link(_clip(r['title'], MAX_TITLE_CHARS), youtube_url(r['video_id'], None))}"
        + (f" — {r['channel']}" if r["channel"] else "")
        for r in rows
    ]


async def _citations(store: Store, bounds: dict[str, str | int]) -> list[Citation]:
    """Claims of the new notes that name a lab or model; those carrying an openness signal first."""
    rows = await store.fetchall(
        "SELECT c.text, c.seconds, n.title, n.channel, n.video_id,"
        " EXISTS (SELECT 1 FROM signals g WHERE g.claim_id = c.id) AS signalled"
        " FROM claims c JOIN notes n ON n.id = c.note_id"
        f" WHERE c.note_id IN ({_IN_PERIOD})"
        " AND EXISTS (SELECT 1 FROM mentions m WHERE m.claim_id = c.id)"
        " ORDER BY signalled DESC, c.note_id, c.ordinal LIMIT :limit",
        {**bounds, "limit": MAX_CITATIONS},
    )
    return [
        Citation(r["title"], r["channel"], r["video_id"], r["seconds"], _clip(r["text"], MAX_CLAIM_CHARS))
        for r in rows
    ]


async def _lab_lines(store: Store, bounds: dict[str, str | int]) -> list[str]:
    """Per lab named in the new notes (directly or through its models): claims and openness signals."""
    rows = await store.fetchall(
        "WITH hits AS ("
        "  SELECT m.claim_id, CASE m.entity_type WHEN 'lab' THEN m.entity_id ELSE md.lab_id END AS lab_id"
        "  FROM mentions m LEFT JOIN models md ON m.entity_type = 'model' AND md.id = m.entity_id"
        f"  WHERE m.claim_id IN (SELECT id FROM claims WHERE note_id IN ({_IN_PERIOD}))"
        "), sig AS ("
        "  SELECT g.claim_id, CASE g.entity_type WHEN 'lab' THEN g.entity_id ELSE md.lab_id END AS lab_id,"
        "  g.kind FROM signals g LEFT JOIN models md ON g.entity_type = 'model' AND md.id = g.entity_id"
        f"  WHERE g.claim_id IN (SELECT id FROM claims WHERE note_id IN ({_IN_PERIOD}))"
        ")"
        " SELECT h.lab_id, coalesce(l.name, h.lab_id) AS name, count(DISTINCT h.claim_id) AS claims,"
        " (SELECT count(*) FROM sig WHERE sig.lab_id = h.lab_id AND sig.kind = 'open') AS open,"
        " (SELECT count(*) FROM sig WHERE sig.lab_id = h.lab_id AND sig.kind = 'closed') AS closed,"
        " (SELECT count(*) FROM sig WHERE sig.lab_id = h.lab_id AND sig.kind IN ('partial', 'planned'))"
        " AS other"
        " FROM hits h LEFT JOIN labs l ON l.id = h.lab_id WHERE h.lab_id IS NOT NULL"
        " GROUP BY h.lab_id ORDER BY claims DESC, name",
        bounds,
    )
    lines = []
    for r in rows:
        signals = [f"{r[k]} {k}" for k in ("open", "closed") if r[k]]
        if r["other"]:
            signals.append(f"{r['other']} partial/planned")
        claims = f"{r['claims']} claim{'s' if r['claims'] != 1 else ''}"
        lines.append(f"{r['name']}: {claims}" + (f" ({', '.join(signals)})" if signals else ""))
    return lines


async def _label_changes(store: Store, before: dict[str, str], now: dict[str, str]) -> list[str]:
    names = {str(r["id"]): str(r["name"]) for r in await store.fetchall("SELECT id, name FROM labs")}
    changes = []
    for lab_id in sorted(set(before) | set(now), key=lambda i: (names.get(i) or i).lower()):
        old, new = before.get(lab_id, "unknown"), now.get(lab_id, "unknown")
        if old != new:
            changes.append(f"{names.get(lab_id, lab_id)}: {old} → {new}")
    return changes


def _capped(lines: list[str], limit: int) -> str:
    return "\n".join(lines[:limit] + more_line(min(len(lines), limit), len(lines)))


async def compose_digest(
    store: Store,
    *,
    start: datetime,
    end: datetime,
    baseline_labels: dict[str, str],
    max_notes: int,
    tz: ZoneInfo | None = None,
    after_source: int = 0,
) -> Digest:
    """The digest of notes first ingested in [start, end) (with a source id above `after_source`), with
    label changes since `baseline_labels`."""
    bounds: dict[str, str | int] = {"start": iso(start), "end": iso(end), "after": after_source}
    notes = await _new_notes(store, bounds)
    labels = await lab_labels(store)
    changes = await _label_changes(store, baseline_labels, labels)
    since = _since(start, tz)
    if not notes and not changes:
        reply = Reply("ok", "Lab notes digest", f"No new notes since {since}.")
        return Digest(reply, 0, labels, quiet=True)

    count = len(notes)
    title = f"Lab notes digest: {count} new note{'s' if count != 1 else ''}"
    lines = [f"New since {since}:"] if notes else [f"No new notes since {since}."]
    text = "\n".join(lines) + ("\n" + _capped(notes, max_notes) if notes else "")
    fields = []
    lab_lines = await _lab_lines(store, bounds)
    if lab_lines:
        fields.append(Field("Labs in these notes", _capped(lab_lines, MAX_LAB_LINES)))
    if changes:
        fields.append(Field("Openness changes", _capped(changes, MAX_LAB_LINES)))
    reply = Reply("ok", title, text, fields=fields, citations=await _citations(store, bounds))
    return Digest(reply, count, labels, quiet=False)
