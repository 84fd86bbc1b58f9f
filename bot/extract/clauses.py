"""A claim as each of its cues looks at it: its text, its mentions with their offsets, its clause
boundaries and its history words, each found once in one pass.

Clauses end at sentence punctuation, at contrast words ("while", "but", "whereas", "unlike"), at a clause
that brings in someone new (", making it easier to …") and where a leading subordinate clause ends
("While Midjourney is a paid, closed option, | a robust open-source ecosystem exists").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from bot.contracts import EntityRef
from bot.extract.model import Mention

# Boundary matches that exist only because a scan stops at the cue ("… although" right before it, a full
# stop glued to it) lie within this many characters of it.
_BOUNDARY_TAIL = 24

# A clause that brings in someone new ("…, making it easier to contribute to open-source libraries", "a
# future where the stack is open-source"): the claim's subject is not who its cues are about.
_NEW_AGENT = r"(?:allowing|enabling|letting|helping|making|giving|forcing|prompting|leading)\b"

# … unless it goes on with a pronoun that points back ("where they may keep some models proprietary").
NEW_AGENT_START = re.compile(r"where(?!\s+(?:they|it|he|she)\b)|" + _NEW_AGENT, re.IGNORECASE)

_BOUNDARY = re.compile(
    # not the full stop of "e.g.", "i.e.", "vs." or "etc." ("Open-source models, e.g. Mistral 7B, run on …")
    r"[;!?]|:\s|(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)\.(?=\s|$)|\s[–—-]{1,2}\s|\b(?:while|whereas|but|although|though|however|except)\b|(?=\bunlike\b)"
    r"|(?=\b(?:compared\s+(?:to|with)|as\s+opposed\s+to|in\s+contrast\s+(?:to|with))\b)"
    r"|,\s+(?=" + _NEW_AGENT + r")|(?=\bwhere\b)",
    re.IGNORECASE,
)

# A clause that opens with a contrast ("…, unlike open-weight Wan 2.1 from Alibaba") is about the other side.
# ("Llama 2 was compared with other open-source models" still says what Llama 2 is.)
CONTRAST_START = re.compile(r"(?:unlike|as\s+opposed\s+to|in\s+contrast\s+(?:to|with))\b", re.IGNORECASE)
# … or that "whereas" opens ("closed labs like OpenAI …, whereas open models let the community own the upside").
CONTRAST_BEFORE = re.compile(r"\bwhereas\s*$", re.IGNORECASE)

# A leading subordinate clause ("While X is closed, …") ends at a comma; after it, these words go on with
# the same clause rather than start the main one.
_SUBORDINATE = re.compile(
    r"(?:while|whereas|although|though|unlike|compared\s+(?:to|with)|as\s+opposed\s+to|in\s+contrast\s+(?:to|with))\b",
    re.IGNORECASE,
)
_HANGS_OFF_MAIN = re.compile(
    r"\s*(?:so|because|since|allowing|making|letting|meaning|enabling|thus|hence)\b", re.IGNORECASE
)
_CONTINUES = re.compile(
    r"\s*(?:is|are|was|were|has|have|had|remains?|will|would|can|could|may|might|which|who|that|and|or|but|"
    r"also|currently|now|still|\w+ly)\b",
    re.IGNORECASE,
)

# Words that make a cue history ("originally founded as a non-profit for open source research") …
_HISTORY = re.compile(
    r"\b(?:originally|initially|formerly|previously|used\s+to|at\s+first|in\s+the\s+past|historically|"
    r"founded\s+as|started\s+(?:out\s+)?as|began\s+as)\b",
    re.IGNORECASE,
)

# … unless they are about a name ("Meta (formerly Facebook)", "previously known as Facebook") …
_FORMER_NAME = re.compile(r"\s+(?:known\s+as\s+|called\s+|named\s+)?", re.IGNORECASE)

# … or the claim comes back to today before the cue ("initially used OpenAI models, … and now releases its
# own open-source models", "began as an open research lab before turning to closed models") …
_SINCE_THEN = re.compile(
    r"\b(?:now|today|currently|later|since|subsequently|eventually|then|until|before)\b", re.IGNORECASE
)

# … or "initially", "originally", "at first" order steps rather than date them ("Many companies initially
# experiment with commercial APIs"): they date the cue only with a past verb between them and it.
_STEP = re.compile(r"initially|originally|at\s+first", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:\w+ed|was|were|had|began|built|made|ran|became|chose|took|went|got|gave|sold|kept|held|grew)\b",
    re.IGNORECASE,
)

BLANK = re.compile(r"\s*")


class ClaimText:
    """A claim as each of its cues looks at it: the text, its mentions with their offsets (bisected to
    find the mentions of a stretch) and its clause boundaries, each found once. `labs`, per mention: the
    lab it names, if any."""

    __slots__ = (
        "_boundary_ends",
        "_boundary_starts",
        "_history",
        "_main_starts",
        "ends",
        "labs",
        "mentions",
        "names_ai_maker",
        "starts",
        "text",
    )

    def __init__(
        self,
        text: str,
        mentions: Sequence[Mention],
        labs: Sequence[EntityRef | None] = (),
        beyond_ai: frozenset[str] = frozenset(),
    ) -> None:
        self.text = text
        self.mentions = mentions
        self.labs = labs
        # a model, or a lab that is all AI (not one of `beyond_ai`): "Midjourney is a closed service" is about AI
        self.names_ai_maker = any(m.entity.type == "model" or m.entity.id not in beyond_ai for m in mentions)
        self.starts = [m.start for m in mentions]
        self.ends = [m.end for m in mentions]
        boundaries = list(_BOUNDARY.finditer(text))
        self._boundary_starts = [b.start() for b in boundaries]
        self._boundary_ends = [b.end() for b in boundaries]
        self._main_starts = _subordinate_ends(text, boundaries)
        self._history: list[tuple[int, int]] | None = None

    def history_between(self, start: int, end: int) -> bool:
        """Whether text[start:end] says the cue at `end` is history ("originally founded as … open source")."""
        if self._history is None:
            # "Meta (formerly Facebook) is a contributor to open source": the old name, not old openness
            self._history = [
                h.span()
                for h in _HISTORY.finditer(self.text)
                if not self.names_at(_FORMER_NAME.match(self.text, h.end()))
            ]
        k = bisect_left(self._history, (start, 0))
        while k < len(self._history) and self._history[k][1] <= end:
            word_start, word_end = self._history[k]
            if _SINCE_THEN.search(self.text, word_end, end) is None and (
                _STEP.fullmatch(self.text, word_start, word_end) is None
                or _PAST.search(self.text, word_end, end) is not None
            ):
                return True
            k += 1
        return False

    def names_next(self, end: int) -> bool:
        """Whether a name starts right after `end`, past blanks only."""
        k = bisect_left(self.starts, end)
        return k < len(self.starts) and BLANK.fullmatch(self.text, end, self.starts[k]) is not None

    def names_at(self, gap: re.Match[str] | None) -> bool:
        """Whether a mention starts where `gap` ends."""
        return gap is not None and self.starts_at(gap.end())

    def starts_at(self, at: int) -> bool:
        """Whether a mention starts at `at`."""
        k = bisect_left(self.starts, at)
        return k < len(self.starts) and self.starts[k] == at

    def between(self, start: int, end: int) -> range:
        """The mentions that lie within text[start:end] (mentions are in order and never overlap)."""
        return range(bisect_left(self.starts, start), bisect_right(self.ends, end))

    def possessor(self, token: re.Match[str]) -> int | None:
        """The mention a possessive token ("NVIDIA's") is made of, if any."""
        if not token.group().lower().endswith(("'s", "’s")):
            return None
        k = bisect_left(self.ends, token.end() - 2)
        return k if k < len(self.ends) and self.ends[k] == token.end() - 2 else None

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around the cue text[start:end]: from the last boundary before it to the next one.

        Boundaries well before the cue come from the one scan of the whole text; those near it are found
        again by a scan that stops at the cue, as a lookahead that needs the cue's own words must not end
        the clause ("…, making the weights available" is one clause).
        """
        k = bisect_right(self._boundary_ends, start - _BOUNDARY_TAIL)
        clause_start = self._boundary_ends[k - 1] if k else 0
        tail = start - _BOUNDARY_TAIL
        if k < len(self._boundary_starts):
            tail = min(tail, self._boundary_starts[k])  # start the scan where the whole-text scan was
        for boundary in _BOUNDARY.finditer(self.text, max(clause_start, tail), start):
            clause_start = boundary.end()
        k = bisect_left(self._boundary_starts, end)
        clause_end = self._boundary_starts[k] if k < len(self._boundary_starts) else len(self.text)
        # "While Midjourney is a paid, closed option, | a robust open-source ecosystem exists"
        k = bisect_right(self._main_starts, start)
        if k and self._main_starts[k - 1] > clause_start:
            clause_start = self._main_starts[k - 1]
        if k < len(self._main_starts) and self._main_starts[k] < clause_end:
            clause_end = self._main_starts[k]
        return clause_start, clause_end


def _subordinate_ends(text: str, boundaries: Sequence[re.Match[str]]) -> list[int]:
    """Where each leading subordinate clause ("While Midjourney is a paid, closed option, …", "Unlike
    OpenAI, …") ends: at the last comma before the next boundary, as its own commas may list things."""
    found: list[int] = []
    for k, boundary in enumerate(boundaries):
        if not _SUBORDINATE.match(text, boundary.start()):
            continue
        before = text[max(0, boundary.start() - 3) : boundary.start()].strip()
        if before and before[-1] not in ".;:!?(":
            continue  # "…, while X" is not leading: what follows the comma is its own clause already
        stop = boundaries[k + 1].start() if k + 1 < len(boundaries) else len(text)
        comma = text.rfind(", ", boundary.end(), stop)
        # "Unlike closed models such as GPT-4, Mistral 7B ships under Apache 2.0, so it can be …": what hangs
        # off the main clause after a comma is not where the leading clause ends
        while comma >= 0 and _HANGS_OFF_MAIN.match(text, comma + 1):
            comma = text.rfind(", ", boundary.end(), comma)
        # "While their latest model, Grok 3, is closed source" (the claim ends there): no main clause
        if comma >= 0 and not _CONTINUES.match(text, comma + 1):
            found.append(comma + 1)
    return found
