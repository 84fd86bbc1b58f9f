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
"""

from __future__ import annotations

import aiosqlite

from bot.extract.verdict import verdict

EVIDENCE_PER_SIDE = 4
CLAIM_PICKS = 12  # /lab shows ~8; spares let it skip claims it already cites as evidence
CO_MENTIONS = 5

# Which entities a mention or signal counts for: each entity itself (direct) and, for a model, its lab.
_OWNERS = """
CREATE TEMP TABLE agg_owner AS
    SELECT 'lab' AS src_type, id AS src_id, 'lab' AS t, id AS i, 1 AS direct FROM labs
    UNION ALL SELECT 'model', id, 'model', id, 1 FROM models
    UNION ALL SELECT 'model', id, 'lab', lab_id, 0 FROM models;
CREATE INDEX temp.agg_owner_src ON agg_owner(src_type, src_id);
"""

# One row per (entity, claim) the entity appears in, with what makes the claim about it.
_MENTIONS = """
CREATE TEMP TABLE agg_ment AS
    SELECT o.t, o.i, m.claim_id, MAX(o.direct) AS direct, MAX(m.is_subject) AS subj
    FROM mentions m JOIN agg_owner o ON o.src_type = m.entity_type AND o.src_id = m.entity_id
    GROUP BY o.t, o.i, m.claim_id;
"""

# One row per (entity, claim, side) with an openness signal; 'partial' counts against openness.
_SIGNALS = """
CREATE TEMP TABLE agg_sig AS
    SELECT o.t, o.i, s.claim_id,
           CASE WHEN s.kind IN ('open', 'planned') THEN 'open' ELSE 'closed' END AS side,
           MAX(s.kind IN ('open', 'closed')) AS strong,
           MAX(o.direct) AS direct,
           MAX(s.kind = 'open') AS k_open, MAX(s.kind = 'closed') AS k_closed,
           MAX(s.kind = 'partial') AS k_partial, MAX(s.kind = 'planned') AS k_planned
    FROM signals s JOIN agg_owner o ON o.src_type = s.entity_type AND o.src_id = s.entity_id
    GROUP BY o.t, o.i, s.claim_id, side;
CREATE INDEX temp.agg_sig_claim ON agg_sig(t, i, claim_id);
"""

_STATS = """
INSERT INTO entity_stats
    (entity_type, entity_id, claims, notes, episodes, channels, open, closed, partial, planned, score, label)
WITH entities AS (SELECT DISTINCT t, i FROM agg_owner),
cov AS (
    SELECT a.t, a.i, COUNT(*) AS claims, COUNT(DISTINCT c.note_id) AS notes,
           COUNT(DISTINCT n.video_id) AS episodes, COUNT(DISTINCT n.channel) AS channels
    FROM agg_ment a JOIN claims c ON c.id = a.claim_id JOIN notes n ON n.id = c.note_id
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

# Evidence: per entity and side, open/closed before planned/partial, then a signal on the entity itself
# before one on its model, then the entity as the claim's subject, a dated claim before an undated one;
# the first pick of each episode before any second one so the evidence is spread across episodes.
_EVIDENCE = f"""
INSERT INTO entity_picks (entity_type, entity_id, role, rank, claim_id)
SELECT t, i, side, rn, claim_id FROM (
    SELECT t, i, side, claim_id, ROW_NUMBER() OVER (
        PARTITION BY t, i, side ORDER BY ep_rank, strength DESC, seconds IS NULL, claim_id) AS rn
    FROM (
        SELECT s.t, s.i, s.side, s.claim_id, c.seconds,
               s.strong * 4 + s.direct * 2 + COALESCE(a.subj, 0) AS strength,
               ROW_NUMBER() OVER (
                   PARTITION BY s.t, s.i, s.side, n.video_id
                   ORDER BY s.strong * 4 + s.direct * 2 + COALESCE(a.subj, 0) DESC, c.seconds IS NULL,
                            s.claim_id) AS ep_rank,
               ROW_NUMBER() OVER (PARTITION BY s.t, s.i, s.side, c.text ORDER BY s.claim_id) AS dup
        FROM agg_sig s
        JOIN claims c ON c.id = s.claim_id
        JOIN notes n ON n.id = c.note_id
        LEFT JOIN agg_ment a ON a.t = s.t AND a.i = s.i AND a.claim_id = s.claim_id
    ) WHERE dup = 1
) WHERE rn <= {EVIDENCE_PER_SIDE}
"""

# Informative claims: the entity as subject and claims carrying an openness signal first, one per
# episode before a second from any episode, identical sentences once.
_CLAIMS = f"""
INSERT INTO entity_picks (entity_type, entity_id, role, rank, claim_id)
SELECT t, i, 'claim', rn, claim_id FROM (
    SELECT t, i, claim_id, ROW_NUMBER() OVER (
        PARTITION BY t, i ORDER BY ep_rank, weight DESC, seconds IS NULL, claim_id) AS rn
    FROM (
        SELECT a.t, a.i, a.claim_id, c.seconds, w.weight,
               ROW_NUMBER() OVER (
                   PARTITION BY a.t, a.i, n.video_id
                   ORDER BY w.weight DESC, c.seconds IS NULL, a.claim_id) AS ep_rank,
               ROW_NUMBER() OVER (PARTITION BY a.t, a.i, c.text ORDER BY a.claim_id) AS dup
        FROM agg_ment a
        JOIN claims c ON c.id = a.claim_id
        JOIN notes n ON n.id = c.note_id
        JOIN (
            SELECT a2.t, a2.i, a2.claim_id,
                   a2.subj * 4 + a2.direct * 2
                   + EXISTS (SELECT 1 FROM agg_sig s WHERE s.t = a2.t AND s.i = a2.i
                             AND s.claim_id = a2.claim_id) * 3 AS weight
            FROM agg_ment a2
        ) w ON w.t = a.t AND w.i = a.i AND w.claim_id = a.claim_id
    ) WHERE dup = 1
) WHERE rn <= {CLAIM_PICKS}
"""

# Labs discussed in the same notes (directly or through their models), most shared notes first.
_CO_MENTIONS = f"""
INSERT INTO co_mentions (lab_id, rank, other_id, notes)
WITH note_labs AS (
    SELECT DISTINCT a.i AS lab, c.note_id
    FROM agg_ment a JOIN claims c ON c.id = a.claim_id
    WHERE a.t = 'lab'
),
pairs AS (
    SELECT x.lab, y.lab AS other, COUNT(*) AS notes
    FROM note_labs x JOIN note_labs y ON y.note_id = x.note_id AND y.lab <> x.lab
    GROUP BY x.lab, y.lab
)
SELECT lab, rn, other, notes FROM (
    SELECT lab, other, notes, ROW_NUMBER() OVER (PARTITION BY lab ORDER BY notes DESC, other) AS rn
    FROM pairs
) WHERE rn <= {CO_MENTIONS}
"""


async def refresh_aggregates(conn: aiosqlite.Connection) -> None:
    """Recompute entity_stats, entity_picks and co_mentions inside the caller's open transaction."""
    await _drop_temp(conn)
    for table in ("entity_stats", "entity_picks", "co_mentions"):
        await conn.execute(f"DELETE FROM {table}")
    for script in (_OWNERS, _MENTIONS, _SIGNALS):
        for statement in _statements(script):
            await conn.execute(statement)
    await conn.execute(_STATS)
    await conn.execute(_EVIDENCE)
    await conn.execute(_CLAIMS)
    await conn.execute(_CO_MENTIONS)
    await _store_verdicts(conn)
    await _drop_temp(conn)


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
    for table in ("agg_owner", "agg_ment", "agg_sig"):
        await conn.execute(f"DROP TABLE IF EXISTS temp.{table}")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
