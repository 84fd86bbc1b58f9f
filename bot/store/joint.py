"""Claims that name two entities at once: where the notes compare them directly (/compare).

A claim names both when it mentions something that counts for the one and something else that counts for
the other (the counts_for view: a model counts for its lab). "Something else" matters when a lab is
compared with one of its own models: a claim naming only Llama counts for Meta and for Llama, but it does
not compare them; "Meta released Llama" does.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.contracts import EntityType
from bot.store.db import Store
from bot.store.queries import CLAIM_COLUMNS, ClaimRow, claim_row

# Ranked best first: a claim carrying an openness signal (the comparison people ask /compare for), then
# one citable to the second, then stable keys. `nth` numbers each episode's claims in that order, so
# ordering by it first spreads the answer across episodes instead of quoting one episode four times.
_JOINT = f"""
WITH joint AS (
    SELECT DISTINCT m.claim_id AS id
    FROM counts_for fa
    JOIN mentions m ON m.entity_type = fa.entity_type AND m.entity_id = fa.entity_id
    WHERE fa.for_type = ? AND fa.for_id = ? AND EXISTS (
        SELECT 1 FROM mentions o
        JOIN counts_for fb ON fb.entity_type = o.entity_type AND fb.entity_id = o.entity_id
        WHERE o.claim_id = m.claim_id AND fb.for_type = ? AND fb.for_id = ?
          AND NOT (o.entity_type = m.entity_type AND o.entity_id = m.entity_id))
), ranked AS (
    SELECT {CLAIM_COLUMNS}, s.path, c.ordinal,
           EXISTS (SELECT 1 FROM signals g WHERE g.claim_id = c.id) AS about_openness
    FROM joint j JOIN claims c ON c.id = j.id JOIN notes n ON n.id = c.note_id JOIN sources s ON s.id = c.note_id
), numbered AS (
    SELECT *, ROW_NUMBER() OVER (
        PARTITION BY video_id ORDER BY about_openness DESC, seconds IS NULL, path, ordinal) AS nth
    FROM ranked
)
SELECT *, (SELECT count(*) FROM ranked) AS total, (SELECT count(DISTINCT video_id) FROM ranked) AS episodes
FROM numbered ORDER BY nth, about_openness DESC, seconds IS NULL, path, ordinal LIMIT ?
"""


@dataclass(frozen=True, slots=True)
class JointClaims:
    rows: list[ClaimRow]  # best first, spread across episodes
    claims: int  # every claim naming both (near-identical ones counted apiece)
    episodes: int  # the episodes those claims come from


async def joint_claims(
    store: Store, a: tuple[EntityType, str], b: tuple[EntityType, str], limit: int
) -> JointClaims:
    """Up to `limit` claims naming both `a` and `b` (type, id), with how many there are in all."""
    rows = await store.fetchall(_JOINT, (*a, *b, limit))
    if not rows:
        return JointClaims([], 0, 0)
    return JointClaims([claim_row(r) for r in rows], rows[0]["total"], rows[0]["episodes"])
