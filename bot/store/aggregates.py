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
Ties are broken by note path and position, never by row id, so any two stores of the same notes pick
the same claims however they were built (fresh, or note by note).
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
# Picking tells sentences apart by their opening characters only: claims run to 8,000 characters, and
# lower-casing 400 whole ones per entity on the event loop held it for 70 ms during a /notes add.
DEDUP_CHARS = 300

# Claims that rank equal are taken in a stable order: by note path, then position in the note (`k`).
# Never by claim id: a replaced note gets new ids, so two stores of the same notes would cite
# different claims. `timed`: the claim has a time, so it can be cited to the second.
_SIDE = "CASE WHEN s.kind IN ('open', 'planned') THEN 'open' WHEN s.kind = 'partial' THEN 'partial' ELSE 'closed' END"
# How direct a signal is, as evidence (item 8 of issue 10), most telling first: the entity (for a lab
# via its model, the model) is the claim's subject; the cue names a licence; the cue is an explicit
# release ("open-sourced", "released the weights", "published"). The signals table keeps the cue.
_DKEY = (
    "COALESCE(m.is_subject, 0) * 4"
    " + (s.cue LIKE '%licen%' OR s.cue LIKE '%apache%' OR s.cue LIKE '%gpl%' OR s.cue LIKE 'mit%'"
    " OR s.cue LIKE '% mit%') * 2"
    " + (s.cue LIKE '%sourced%' OR s.cue LIKE '%releas%' OR s.cue LIKE '%publish%' OR s.cue LIKE '%shipped%')"
)

# Which entities a mention or signal counts for: the view counts_for (schema migration 8), each entity
# itself (direct) and, for a model, its lab. A claim naming both lab and model counts for the lab once,
# as direct; the keys of its rows are the best of either.
# Evidence: each (entity, claim, side) gets `dkey` = strong (open/closed, not planned/partial) · directness ·
# direct, and a `role`: the one side the claim is shown on (its best-keyed side; a tie between sides,
# "both open-source and commercial models", shows it once as partly open). Never on two sides.
_BUILD = f"""
CREATE TEMP TABLE agg_claim (
    claim_id INTEGER PRIMARY KEY, timed INTEGER NOT NULL, k INTEGER NOT NULL,
    video TEXT NOT NULL, channel TEXT
);
INSERT INTO agg_claim (claim_id, timed, k, video, channel)
    SELECT c.id, c.seconds IS NOT NULL, ROW_NUMBER() OVER (ORDER BY s.path, s.root, c.ordinal),
           n.video_id, n.channel
    FROM claims c JOIN sources s ON s.id = c.note_id JOIN notes n ON n.id = c.note_id
    WHERE c.id IN (SELECT claim_id FROM mentions UNION SELECT claim_id FROM signals);
CREATE TEMP TABLE agg_ment (
    t TEXT NOT NULL, i TEXT NOT NULL, claim_id INTEGER NOT NULL,
    direct INTEGER NOT NULL, subj INTEGER NOT NULL, sig INTEGER NOT NULL DEFAULT 0,
    timed INTEGER NOT NULL, k INTEGER NOT NULL,
    PRIMARY KEY (t, i, claim_id)
) WITHOUT ROWID;
INSERT INTO agg_ment (t, i, claim_id, direct, subj, timed, k)
    SELECT f.for_type, f.for_id, m.claim_id, f.direct, m.is_subject, o.timed, o.k
    FROM mentions m JOIN counts_for f ON f.entity_type = m.entity_type AND f.entity_id = m.entity_id
    JOIN agg_claim o ON o.claim_id = m.claim_id WHERE true
    ON CONFLICT (t, i, claim_id) DO UPDATE SET
        direct = MAX(direct, excluded.direct), subj = MAX(subj, excluded.subj);
CREATE TEMP TABLE agg_sig (
    t TEXT NOT NULL, i TEXT NOT NULL, claim_id INTEGER NOT NULL, side TEXT NOT NULL,
    strong INTEGER NOT NULL, direct INTEGER NOT NULL, dkey INTEGER NOT NULL,
    k_open INTEGER NOT NULL, k_closed INTEGER NOT NULL, k_partial INTEGER NOT NULL, k_planned INTEGER NOT NULL,
    timed INTEGER NOT NULL, k INTEGER NOT NULL, video TEXT NOT NULL, channel TEXT, role TEXT,
    PRIMARY KEY (t, i, claim_id, side)
) WITHOUT ROWID;
INSERT INTO agg_sig (t, i, claim_id, side, strong, direct, dkey, k_open, k_closed, k_partial, k_planned,
                     timed, k, video, channel, role)
    SELECT f.for_type, f.for_id, s.claim_id,
           {_SIDE} AS side,
           MAX(s.kind IN ('open', 'closed')), MAX(f.direct), MAX({_DKEY}),
           MAX(s.kind = 'open'), MAX(s.kind = 'closed'), MAX(s.kind = 'partial'), MAX(s.kind = 'planned'),
           o.timed, o.k, o.video, o.channel, NULL
    FROM signals s JOIN counts_for f ON f.entity_type = s.entity_type AND f.entity_id = s.entity_id
    JOIN agg_claim o ON o.claim_id = s.claim_id
    LEFT JOIN mentions m ON m.entity_type = s.entity_type AND m.entity_id = s.entity_id AND m.claim_id = s.claim_id
    GROUP BY f.for_type, f.for_id, s.claim_id, side;
UPDATE agg_sig SET dkey = dkey * 2 + strong * 64 + direct;
UPDATE agg_sig SET role = side
    WHERE dkey = (SELECT MAX(o.dkey) FROM agg_sig o
                  WHERE o.t = agg_sig.t AND o.i = agg_sig.i AND o.claim_id = agg_sig.claim_id);
CREATE TEMP TABLE agg_tie (
    t TEXT NOT NULL, i TEXT NOT NULL, claim_id INTEGER NOT NULL, keep TEXT NOT NULL,
    PRIMARY KEY (t, i, claim_id)
) WITHOUT ROWID;
INSERT INTO agg_tie (t, i, claim_id, keep)
    SELECT t, i, claim_id, MIN(side) FROM agg_sig WHERE role IS NOT NULL
    GROUP BY t, i, claim_id HAVING COUNT(*) > 1;
UPDATE agg_sig SET role = CASE WHEN side = x.keep THEN 'partial' END
    FROM agg_tie x WHERE x.t = agg_sig.t AND x.i = agg_sig.i AND x.claim_id = agg_sig.claim_id;
UPDATE agg_ment SET sig = 1
    WHERE EXISTS (SELECT 1 FROM agg_sig s WHERE s.t = agg_ment.t AND s.i = agg_ment.i
                  AND s.claim_id = agg_ment.claim_id);
CREATE TEMP TABLE agg_note AS
    SELECT a.t, a.i, c.note_id, COUNT(*) AS claims
    FROM agg_ment a JOIN claims c ON c.id = a.claim_id
    GROUP BY a.t, a.i, c.note_id;
CREATE INDEX temp.agg_note_note ON agg_note(note_id, t, i);
CREATE INDEX temp.agg_ment_rank ON agg_ment(t, i, subj DESC, sig DESC, timed DESC, direct DESC, k);
CREATE INDEX temp.agg_sig_rank ON agg_sig(t, i, role, dkey DESC, timed DESC, k);
"""

_STATS = """
INSERT INTO entity_stats
    (entity_type, entity_id, claims, notes, episodes, channels, open, closed, partial, planned, score, label,
     evidence_episodes, evidence_channels)
WITH entities AS (
    SELECT 'lab' AS t, id AS i FROM labs UNION ALL SELECT 'model', id FROM models
),
cov AS (
    SELECT a.t, a.i, SUM(a.claims) AS claims, COUNT(*) AS notes,
           COUNT(DISTINCT n.video_id) AS episodes, COUNT(DISTINCT n.channel) AS channels
    FROM agg_note a JOIN notes n ON n.id = a.note_id
    GROUP BY a.t, a.i
),
-- Signal counts are episodes: one episode saying "open source" nine times is one piece of evidence.
sig AS (
    SELECT t, i, COUNT(DISTINCT CASE WHEN k_open THEN video END) AS open,
           COUNT(DISTINCT CASE WHEN k_closed THEN video END) AS closed,
           COUNT(DISTINCT CASE WHEN k_partial THEN video END) AS partial,
           COUNT(DISTINCT CASE WHEN k_planned THEN video END) AS planned,
           COUNT(DISTINCT video) AS episodes, COUNT(DISTINCT channel) AS channels
    FROM agg_sig GROUP BY t, i
)
SELECT e.t, e.i, COALESCE(cov.claims, 0), COALESCE(cov.notes, 0), COALESCE(cov.episodes, 0),
       COALESCE(cov.channels, 0), COALESCE(sig.open, 0), COALESCE(sig.closed, 0),
       COALESCE(sig.partial, 0), COALESCE(sig.planned, 0), 0.0, 'unknown',
       COALESCE(sig.episodes, 0), COALESCE(sig.channels, 0)
FROM entities e
LEFT JOIN cov ON cov.t = e.t AND cov.i = e.i
LEFT JOIN sig ON sig.t = e.t AND sig.i = e.i
"""

# Candidates in preference order, read through the rank indexes. Informative claims: the entity as
# subject, then claims carrying an openness signal, then claims with a time (citable to the second),
# then a direct mention (not via a model).
_CLAIM_CANDIDATES = f"""
SELECT a.claim_id, n.video_id, substr(c.text, 1, {DEDUP_CHARS}) AS text
FROM agg_ment a JOIN claims c ON c.id = a.claim_id JOIN notes n ON n.id = c.note_id
WHERE a.t = ? AND a.i = ?
ORDER BY a.subj DESC, a.sig DESC, a.timed DESC, a.direct DESC, a.k
LIMIT {SCAN_LIMIT}
"""

# Evidence for one role: open/closed before planned/partial, then the most direct (dkey), then a claim
# cited to the second before one without a time.
_EVIDENCE_CANDIDATES = f"""
SELECT s.claim_id, s.video, s.channel, c.seconds, substr(c.text, 1, {DEDUP_CHARS}) AS text
FROM agg_sig s JOIN claims c ON c.id = s.claim_id
WHERE s.t = ? AND s.i = ? AND s.role = ?
ORDER BY s.dkey DESC, s.timed DESC, s.k
LIMIT {SCAN_LIMIT}
"""

# Two evidence lines from one episode closer than this are one moment said twice.
EVIDENCE_GAP_SECONDS = 30


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


Evidence = tuple[int, str, str | None, int | None, str]  # claim id, video id, channel, seconds, text


def spread_evidence(rows: Sequence[Evidence], limit: int) -> list[int]:
    """Claim ids from evidence candidates in preference order: each claim and sentence once, a new channel
    before a second line from one, a new episode before a second from one, and never two lines of one
    episode within EVIDENCE_GAP_SECONDS (or without times to tell them apart)."""
    seen: set[object] = set()
    unique: list[Evidence] = []
    for row in rows:
        text = " ".join(row[4].lower().split())
        if row[0] not in seen and text not in seen:
            seen.update((row[0], text))
            unique.append(row)
    chosen: list[Evidence] = []

    def fits(row: Evidence, fresh_channel: bool, fresh_episode: bool) -> bool:
        if row in chosen:
            return False
        if fresh_channel and any(c[2] == row[2] for c in chosen):
            return False
        same = [c for c in chosen if c[1] == row[1]]
        if fresh_episode and same:
            return False
        return all(
            c[3] is not None and row[3] is not None and abs(c[3] - row[3]) >= EVIDENCE_GAP_SECONDS
            for c in same
        )

    for fresh_channel, fresh_episode in ((True, True), (False, True), (False, False)):
        for row in unique:
            if len(chosen) == limit:
                return [c[0] for c in chosen]
            if fits(row, fresh_channel, fresh_episode):
                chosen.append(row)
    return [c[0] for c in chosen]


async def _store_picks(conn: aiosqlite.Connection) -> None:
    async with conn.execute("SELECT entity_type, entity_id FROM entity_stats WHERE claims > 0") as cursor:
        entities = [(r["entity_type"], r["entity_id"]) for r in await cursor.fetchall()]
    rows: list[tuple[str, str, str, int, int]] = []
    for t, i in entities:
        async with conn.execute(_CLAIM_CANDIDATES, (t, i)) as cursor:
            claims = [(r["claim_id"], r["video_id"], r["text"]) for r in await cursor.fetchall()]
        picked = spread(claims, CLAIM_PICKS)
        rows += [(t, i, "claim", rank, cid) for rank, cid in enumerate(picked, start=1)]
        for role in ("open", "closed", "partial"):
            async with conn.execute(_EVIDENCE_CANDIDATES, (t, i, role)) as cursor:
                evidence = [
                    (r["claim_id"], r["video"], r["channel"], r["seconds"], r["text"])
                    for r in await cursor.fetchall()
                ]
            picked = spread_evidence(evidence, EVIDENCE_PER_SIDE)
            rows += [(t, i, role, rank, cid) for rank, cid in enumerate(picked, start=1)]
    await conn.executemany(
        "INSERT INTO entity_picks (entity_type, entity_id, role, rank, claim_id) VALUES (?, ?, ?, ?, ?)", rows
    )


async def _store_co_mentions(conn: aiosqlite.Connection) -> None:
    """Per lab, the labs discussed in the same notes (directly or through their models), most first."""
    pairs: Counter[tuple[str, str]] = Counter()
    current = -1
    labs: list[str] = []
    async with conn.execute("SELECT note_id, i FROM agg_note WHERE t = 'lab' ORDER BY note_id") as cursor:
        async for row in cursor:
            note_id, lab = row["note_id"], row["i"]
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
        score, label = verdict(row["open"], row["closed"], row["partial"], row["planned"])
        updates.append((score, label, row["entity_type"], row["entity_id"]))
    await conn.executemany(
        "UPDATE entity_stats SET score = ?, label = ? WHERE entity_type = ? AND entity_id = ?", updates
    )


async def _drop_temp(conn: aiosqlite.Connection) -> None:
    for table in ("agg_claim", "agg_ment", "agg_sig", "agg_tie", "agg_note", "agg_owner"):
        await conn.execute(f"DROP TABLE IF EXISTS temp.{table}")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
