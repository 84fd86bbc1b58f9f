"""The longest a claim may be: longer text is split at sentence marks (else at a space, else anywhere).

A claim is one sentence or clause, cited whole in answers. The longest prose claim of the 15,845-note
vault is 3,897 characters (677,000 claims; 99.99% are under 500); the only longer ones, up to 20,691, are
a short sentence followed by a list of hundreds of timestamps. The cap sits at twice the longest prose, so
it only ever splits such lists or a runaway paragraph with no full stop, and it bounds what any later step
(extraction, the search index, a reply) spends on one claim.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.notes.model import Claim

MAX_CLAIM_CHARS = 8_000
# Where a piece may end: a sentence mark or a semicolon before a space.
_MARK = re.compile(r"[.!?;][\"'”’)\]]*(?=\s)")
_WORD = re.compile(r"\w")


def split_long(text: str, limit: int = MAX_CLAIM_CHARS) -> list[str]:
    """`text` in pieces of at most `limit` characters, each ending at the last sentence mark of its
    second half, else its last space, else at the limit; `[text]` when it is short enough."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        half = start + limit // 2
        cut = -1
        for mark in _MARK.finditer(text, half, end):
            cut = mark.end()
        if cut < 0:
            space = text.rfind(" ", half, end)
            cut = space if space > 0 else end
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if _WORD.search(piece)]


def cap_claims(claims: list[Claim], limit: int = MAX_CLAIM_CHARS) -> tuple[list[Claim], int]:
    """The claims with every over-long one split, renumbered; and how many claims were split. Every piece
    is cited at the claim's second (the anchor after it dates the whole sentence); the anchors' own
    timestamps stay with the last piece, which they follow."""
    if max([len(claim.text) for claim in claims], default=0) <= limit:  # a comprehension, not a generator
        return claims, 0
    capped: list[Claim] = []
    split = 0
    for claim in claims:
        pieces = split_long(claim.text, limit)
        if len(pieces) == 1 and pieces[0] == claim.text:
            capped.append(replace(claim, ordinal=len(capped)))
            continue
        split += 1
        last = len(pieces) - 1
        for number, piece in enumerate(pieces):
            stamps = claim.timestamps if number == last else ()
            capped.append(replace(claim, ordinal=len(capped), text=piece, timestamps=stamps))
    return capped, split


def split_warning(split: int, limit: int = MAX_CLAIM_CHARS) -> str:
    claims = "claim was" if split == 1 else "claims were"
    return f"{split} {claims} longer than {limit:,} characters and split at sentence marks or spaces"
