"""Precomputed aggregates: what /lab, /model, /openness and /labs read instead of scanning claims.

Recomputed from scratch at the end of an ingest, inside its transaction, so readers always see
aggregates that match the claims they describe. Three tables (schema migration 1):

- entity_stats: per catalog lab and model, coverage (claims, notes, episodes, channels), signal counts
  and the openness verdict. A lab counts what is said about it and about its models: talking about
  Llama is talking about Meta.
- entity_picks: per entity, the claims its answers cite, chosen once here: the strongest evidence on
  each side of openness (role 'open' / 'closed') and the most informative claims (role 'claim'),
  spread across episodes and deduplicated.
- co_mentions: per lab, the labs most often discussed in the same notes.

Cost is linear in mentions: one pass builds per-(entity, claim) and per-(entity, note) working tables,
counts come from the small per-note table, and picks walk an index per entity until they have enough.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import permutations

import aiosqlite

from bot.extract.verdict import verdict

EVIDENCE_PER_SIDE = 4
CLAIM_PICKS = 12  # /lab shows ~8; spares let it skip claims it already cites as evidence
CO_MENTIONS = 5
SCAN_LIMIT = 400  # rows read per entity when picking; enough to find a dozen distinct episodes

# Which entities a mention or signal counts for: each entity itself (direct) and, for a model, its lab.
# Direct rows go in first so that the upsert keeps direct = 1 when a claim names both lab and model.
_BUILD = """
CREATE TEMP TABLE agg_ment (
    t TEXT NOT NULL, i TEXT NOT NULL, claim_id INTEGER NOT NULL,
    direct INTEGER NOT NULL, subj INTEGER NOT NULL, sig INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (t, i, claim_id)
) WITHOUT ROWID;
INSERT INTO agg_ment (t, i, claim_id, direct, subj)
    SELECT entity_type, entity_id, claim_id, 1, is_subject FROM mentions;
INSERT INTO agg_ment (t, i, claim_id, direct, subj)
    SELECT 'lab', mo.lab_id, m.claim_id, 0, m.is_subject
    FROM mentions m JOIN models mo ON m.entity_type = 'model' AND mo.id = m.entity_id WHERE true
    ON CONFLICT (t, i, claim_id) DO UPDATE SET subj = MAX(subj, excluded.subj);
CREATE TEMP TABLE agg_sig (
    t TEXT NOT NULL, i TEXT NOT NULL, claim_id INTEGER NOT NULL, side TEXT NOT NULL,
    strong INTEGER NOT NULL, direct INTEGER NOT NULL,
    k_open INTEGER NOT NULL, k_closed INTEGER NOT NULL, k_partial INTEGER NOT NULL, k_planned INTEGER NOT NULL,
    PRIMARY KEY (t, i, claim_id, side)
) WITHOUT ROWID;
INSERT INTO agg_sig
    SELECT entity_type, entity_id, claim_id,
           CASE WHEN kind IN ('open', 'planned') THEN 'open' WHEN kind = 'partial' THEN 'partial' ELSE 'closed' END AS side,
           MAX(kind IN ('open', 'closed')), 1,
           MAX(kind = 'open'), MAX(kind = 'closed'), MAX(kind = 'partial'), MAX(kind = 'planned')
    FROM signals GROUP BY entity_type, entity_id, claim_id, side;
INSERT INTO agg_sig
    SELECT 'lab', mo.lab_id, s.claim_id,
           CASE WHEN s.kind IN ('open', 'planned') THEN 'open' WHEN s.kind = 'partial' THEN 'partial' ELSE 'closed' END AS side,
           MAX(s.kind IN ('open', 'closed')), 0,
           MAX(s.kind = 'open'), MAX(s.kind = 'closed'), MAX(s.kind = 'partial'), MAX(s.kind = 'planned')
    FROM signals s JOIN models mo ON s.entity_type = 'model' AND mo.id = s.entity_id
    GROUP BY mo.lab_id, s.claim_id, side
    ON CONFLICT (t, i, claim_id, side) DO UPDATE SET
        strong = MAX(strong, excluded.strong), k_open = MAX(k_open, excluded.k_open),
        k_closed = MAX(k_closed, excluded.k_closed), k_partial = MAX(k_partial, excluded.k_partial),
        k_planned = MAX(k_planned, excluded.k_planned);
UPDATE agg_ment SET sig = 1
    WHERE EXISTS (SELECT 1 FROM agg_sig s WHERE s.t = agg_ment.t AND s.i = agg_ment.i
                  AND s.claim_id = agg_ment.claim_id);
CREATE TEMP TABLE agg_note AS
    SELECT a.t, a.i, c.note_id, COUNT(*) AS claims
    FROM agg_ment a JOIN claims c ON c.id = a.claim_id
    GROUP BY a.t, a.i, c.note_id;
CREATE INDEX temp.agg_note_note ON agg_note(note_id, t, i);
CREATE INDEX temp.agg_ment_rank ON agg_ment(t, i, subj DESC, sig DESC, direct DESC, claim_id);
CREATE INDEX temp.agg_sig_rank ON agg_sig(t, i, side, strong DESC, direct DESC, claim_id);
"""

_STATS = """
INSERT INTO entity_stats
    (entity_type, entity_id, claims, notes, episodes, channels, open, closed, partial, planned, score, label)
WITH entities AS (
    SELECT 'lab' AS t, id AS i FROM labs UNION ALL SELECT 'model', id FROM models
),
cov AS (
    SELECT a.t, a.i, SUM(a.claims) AS claims, COUNT(*) AS notes,
           COUNT(DISTINCT n.video_id) AS episodes, COUNT(DISTINCT n.channel) AS channels
    FROM agg_note a JOIN notes n ON n.id = a.note_id
    GROUP BY a.t, a.i
),
sig AS (
    SELECT t, i, SUM(k_open) AS open, SUM(k_closed) AS closed,
           SUM(k_partial) AS partial, SUM(k_planned) AS planned
    FROM agg_sig GROUP BY t, i
)
SELECT e.t, e.i, COALESCE(cov.claims, 0), COALESCE(cov.notes, 0), COALESCE(cov.episodes, 0),
       COALESCE(cov.channels, 0), COALESCE(sig.open, 0), COALESCE(sig.closed, 0),
       COALESCE(sig.partial, 0), COALESCE(sig.planned, 0), 0.0, 'unknown'
FROM entities e
LEFT JOIN cov ON cov.t = e.t AND cov.i = e.i
LEFT JOIN sig ON sig.t = e.t AND sig.i = e.i
"""

# Candidates in preference order, read through the rank indexes. Informative claims: the entity as
# subject, then claims carrying an openness signal, then claims with a time (citable to the second),
# then a direct mention (not via a model).
_CLAIM_CANDIDATES = f"""
SELECT a.claim_id, n.video_id, c.text
FROM agg_ment a JOIN claims c ON c.id = a.claim_id JOIN notes n ON n.id = c.note_id
WHERE a.t = ? AND a.i = ?
ORDER BY a.subj DESC, a.sig DESC, c.seconds IS NOT NULL DESC, a.direct DESC, a.claim_id
LIMIT {SCAN_LIMIT}
"""

# Evidence: open/closed before planned/partial, a claim cited to the second before one without a time,
# a signal on the entity itself before one on its model.
_EVIDENCE_CANDIDATES = f"""
SELECT s.claim_id, n.video_id, c.text
FROM agg_sig s JOIN claims c ON c.id = s.claim_id JOIN notes n ON n.id = c.note_id
WHERE s.t = ? AND s.i = ? AND s.side = ?
ORDER BY s.strong DESC, c.seconds IS NOT NULL DESC, s.direct DESC, s.claim_id
LIMIT {SCAN_LIMIT}
"""


async def refresh_aggregates(conn: aiosqlite.Connection) -> None:
    """Recompute entity_stats, entity_picks and co_mentions inside the caller's open transaction."""
    await _drop_temp(conn)
    for table in ("entity_stats", "entity_picks", "co_mentions"):
        await conn.execute(f"DELETE FROM {table}")
    for statement in _statements(_BUILD):
        await conn.execute(statement)
    await conn.execute(_STATS)
    await _store_co_mentions(conn)
    await _store_picks(conn)
    await _store_verdicts(conn)
    await _drop_temp(conn)


def spread(rows: Sequence[tuple[int, str, str]], limit: int) -> list[int]:
    """Claim ids from (claim id, video id, text) candidates in preference order: each sentence once,
    and one claim per episode before a second from any episode."""
    seen_text: set[str] = set()
    unique = []
    for row in rows:
        key = " ".join(row[2].lower().split())
        if key not in seen_text:
            seen_text.add(key)
            unique.append(row)
    per_episode: dict[str, int] = {}
    ranked = []
    for position, (claim_id, video_id, _text) in enumerate(unique):
        round_ = per_episode.get(video_id, 0)
        per_episode[video_id] = round_ + 1
        ranked.append((round_, position, claim_id))
    ranked.sort()
    return [claim_id for _, _, claim_id in ranked[:limit]]


async def _store_picks(conn: aiosqlite.Connection) -> None:
    async with conn.execute("SELECT entity_type, entity_id FROM entity_stats WHERE claims > 0") as cursor:
        entities = [(r[0], r[1]) for r in await cursor.fetchall()]
    rows: list[tuple[str, str, str, int, int]] = []
    for t, i in entities:
        for role, sql, params, limit in (
            ("claim", _CLAIM_CANDIDATES, (t, i), CLAIM_PICKS),
            ("open", _EVIDENCE_CANDIDATES, (t, i, "open"), EVIDENCE_PER_SIDE),
            ("closed", _EVIDENCE_CANDIDATES, (t, i, "closed"), EVIDENCE_PER_SIDE),
            ("partial", _EVIDENCE_CANDIDATES, (t, i, "partial"), EVIDENCE_PER_SIDE),
        ):
            async with conn.execute(sql, params) as cursor:
                candidates = [(r[0], r[1], r[2]) for r in await cursor.fetchall()]
            rows += [(t, i, role, rank, cid) for rank, cid in enumerate(spread(candidates, limit), start=1)]
    await conn.executemany(
        "INSERT INTO entity_picks (entity_type, entity_id, role, rank, claim_id) VALUES (?, ?, ?, ?, ?)", rows
    )


async def _store_co_mentions(conn: aiosqlite.Connection) -> None:
    """Per lab, the labs discussed in the same notes (directly or through their models), most first."""
    pairs: Counter[tuple[str, str]] = Counter()
    current = -1
    labs: list[str] = []
    async with conn.execute("SELECT note_id, i FROM agg_note WHERE t = 'lab' ORDER BY note_id") as cursor:
        async for note_id, lab in cursor:
            if note_id != current:
                pairs.update(permutations(labs, 2))
                current, labs = note_id, []
            labs.append(lab)
    pairs.update(permutations(labs, 2))
    by_lab: dict[str, list[tuple[int, str]]] = {}
    for (lab, other), notes in pairs.items():
        by_lab.setdefault(lab, []).append((-notes, other))
    rows = []
    for lab, others in by_lab.items():
        others.sort()
        rows += [(lab, rank, other, -neg) for rank, (neg, other) in enumerate(others[:CO_MENTIONS], start=1)]
    await conn.executemany(
        "INSERT INTO co_mentions (lab_id, rank, other_id, notes) VALUES (?, ?, ?, ?)", rows
    )


async def _store_verdicts(conn: aiosqlite.Connection) -> None:
    # The verdict rule lives in Python (bot.extract.verdict); there are only a few hundred entities.
    async with conn.execute(
        "SELECT entity_type, entity_id, open, closed, partial, planned FROM entity_stats"
    ) as cursor:
        rows = list(await cursor.fetchall())
    updates = []
    for row in rows:
        score, label = verdict(row[2], row[3], row[4], row[5])
        updates.append((score, label, row[0], row[1]))
    await conn.executemany(
        "UPDATE entity_stats SET score = ?, label = ? WHERE entity_type = ? AND entity_id = ?", updates
    )


async def _drop_temp(conn: aiosqlite.Connection) -> None:
    for table in ("agg_ment", "agg_sig", "agg_note", "agg_owner"):
        await conn.execute(f"DROP TABLE IF EXISTS temp.{table}")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
