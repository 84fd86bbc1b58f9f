"""Near-identical claims are one claim in every answer; the store keeps each of them.

An episode has ~10 topic notes written from one transcript, so the same statement often sits in several
of them, a second or two apart and worded slightly differently. Two claims are near-identical when they
come from the same video, are dated within WINDOW_SECONDS of each other, and share at least THRESHOLD of
their distinct words (token-set Jaccard). A claim with the very same words as another (any video) is one
claim too, as /search has always shown it.

THRESHOLD was chosen on 120 pairs of real claims judged by reading (bench/fold_pairs.yaml, `python
bench/fold.py`): of the pairs at 0.40 or above, 76 of 77 say the same thing ("Two shakes provide 84 g
of protein" twice); between 0.25 and 0.35, 4 of 27 say different things ("annoyance" / "confusion" about
one challenge). 0.35 would fold 16 more of the judged pairs at a little lower precision (0.978, not 0.987).

A folded claim keeps the place, wording and note of its best-ranked member and is cited at the
earliest time any member gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.store.queries import ClaimRow

WINDOW_SECONDS = 30
THRESHOLD = 0.4

_WORD = re.compile(r"\w+")


def words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Token-set Jaccard: shared distinct words over all distinct words."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _same_words(text: str) -> str:
    return " ".join(text.lower().split())


def groups(rows: Sequence[ClaimRow]) -> list[list[int]]:
    """Positions of `rows` in groups of one statement, each group in rank order, groups by best rank.

    Only claims of one video within the time window are compared (sorted by time), so the cost grows
    with the claims said close together, not with the square of the rows. A group never spans more
    than the window: a run of similar claims a few seconds apart ("Llama 1 …", "Llama 2 …", …) does
    not chain into one claim for the whole run."""
    parent = list(range(len(rows)))
    span = {i: (row.seconds, row.seconds) for i, row in enumerate(rows) if row.seconds is not None}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
            if a in span and b in span:
                span[min(a, b)] = (min(span[a][0], span[b][0]), max(span[a][1], span[b][1]))
            elif a in span or b in span:
                span[min(a, b)] = span[a] if a in span else span[b]

    def within_window(i: int, j: int) -> bool:
        (a_first, a_last), (b_first, b_last) = span[find(i)], span[find(j)]
        return max(a_last, b_last) - min(a_first, b_first) <= WINDOW_SECONDS

    first_with_text: dict[str, int] = {}
    timed: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        key = _same_words(row.text)
        if key in first_with_text:
            union(first_with_text[key], i)
        else:
            first_with_text[key] = i
        if row.seconds is not None:
            timed.setdefault(row.video_id, []).append(i)
    tokens: dict[int, frozenset[str]] = {}
    for positions in timed.values():
        positions.sort(key=lambda i: rows[i].seconds or 0)
        for n, i in enumerate(positions):
            start = rows[i].seconds or 0
            for j in positions[n + 1 :]:
                if (rows[j].seconds or 0) - start > WINDOW_SECONDS:
                    break
                if find(i) == find(j):
                    continue
                a = tokens.setdefault(i, words(rows[i].text))
                b = tokens.setdefault(j, words(rows[j].text))
                if similarity(a, b) >= THRESHOLD and within_window(i, j):
                    union(i, j)
    members: dict[int, list[int]] = {}
    for i in range(len(rows)):
        members.setdefault(find(i), []).append(i)
    return sorted(members.values(), key=lambda group: group[0])


def same_moment(a: ClaimRow, b: ClaimRow) -> bool:
    """Both from one video, dated within the window: two notes there usually say one thing twice."""
    return (
        a.video_id == b.video_id
        and a.seconds is not None
        and b.seconds is not None
        and abs(a.seconds - b.seconds) <= WINDOW_SECONDS
    )


def _representative(rows: Sequence[ClaimRow], group: list[int]) -> ClaimRow:
    best = rows[group[0]]
    times = [t for i in group if rows[i].video_id == best.video_id and (t := rows[i].seconds) is not None]
    if not times or min(times) == best.seconds:
        return best
    return replace(best, seconds=min(times))


def fold(rows: Sequence[ClaimRow]) -> list[ClaimRow]:
    """`rows` (best first) with each statement once."""
    return [_representative(rows, group) for group in groups(rows)]


def representatives(rows: Sequence[ClaimRow]) -> dict[int, ClaimRow]:
    """Claim id → the claim that stands for its statement (itself when it has no near-identical twin)."""
    out: dict[int, ClaimRow] = {}
    for group in groups(rows):
        chosen = _representative(rows, group)
        for i in group:
            out[rows[i].id] = chosen
    return out


def fold_picks(picks: dict[str, list[ClaimRow]]) -> dict[str, list[ClaimRow]]:
    """An entity's cited claims by role ('open', 'closed', 'partial', 'claim'; bot.store.queries.picks)
    with each statement once: a claim that repeats one cited earlier (evidence before claims) is
    replaced by it, a role keeps each statement once, and no statement backs two sides."""
    ordered: list[ClaimRow] = []
    seen: set[int] = set()
    for rows in picks.values():
        for row in rows:
            if row.id not in seen:
                seen.add(row.id)
                ordered.append(row)
    chosen = representatives(ordered)
    out: dict[str, list[ClaimRow]] = {}
    sides: dict[int, str] = {}  # statement → the evidence side it backs
    for role, rows in picks.items():
        reps = _unique(chosen[row.id] for row in rows)
        if role != "claim":  # one statement is never evidence on two sides
            reps = [r for r in reps if sides.setdefault(r.id, role) == role]
        out[role] = reps
    return out


def _unique(rows: Iterable[ClaimRow]) -> list[ClaimRow]:
    out: list[ClaimRow] = []
    ids: set[int] = set()
    for row in rows:
        if row.id not in ids:
            ids.add(row.id)
            out.append(row)
    return out
