"""Openness cues in a claim and the entity each one is about.

A cue ("open-sourced", "closed source", "proprietary", "pseudo open source") gets its kind from the
phrase, flipped by a negation just before it ("not open source", "never been open-sourced"), turned into
`planned` by an intention ("plans to release … as open source") and dropped when it is history
("originally founded as a non-profit for open source research"). It is then attributed:

1. to the entity it names directly: the object of a verb cue ("open-sourced Grok 1"), the model it
   modifies ("the open-source Llama 2"), or the examples after it ("open-source models like Falcon");
2. unless it describes other people's models ("the dominance of closed-source models", "outperformed
   open-source models") or a category ("open-source models can offer …"): then nobody;
3. else to the nearest entity before it in its clause that is not inside a prepositional phrase
   ("Grok 3, is currently closed source"; not "similar to OpenAI"), with its coordinated list;
4. else to the claim's subject (the bullet lead, which covers "They have open-sourced their weights").

Clauses end at sentence punctuation and at contrast words ("while", "but", "whereas", "unlike"), so
"OpenAI, by contrast, keeps GPT-4 proprietary" gives GPT-4 closed and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from bot.extract.model import EntityRef, Mention, Signal, SignalKind

_ADVERB = r"(?:more|most|fully|truly|completely|entirely|largely|increasingly|relatively|mostly|very)"
_NOT_VERB_CLOSED = r"(?!\s+(?:the|a|an|its|their|in|on|down|out|off|deals?|rounds?|funding|gaps?)\b)"

_PARTIAL = [
    r"pseudo[\s-]?open(?:[\s-]?sourc\w*)?",
    r"(?:partially|partly|semi|somewhat|quasi)[\s-]?open(?:[\s-]?sourc\w*|[\s-]?weights?)?",
    r"open[\s-]?weights?,?\s+(?:but|though|yet)\s+not\s+(?:fully\s+|truly\s+)?open[\s-]?(?:sourc\w*|data)",
    r"(?:\bnot|n't)\s+(?:fully|truly|entirely|completely|really|quite)\s+open(?:[\s-]?sourc\w*|[\s-]?weights?)?",
    r"(?:community|restrictive|non-?commercial|research[\s-]only|custom)\s+licen[cs]\w*",
    r"source[\s-]available",
]
_CLOSED = [
    r"closed[\s-]?sourc\w*",
    r"closed[\s-]weights?",
    rf"{_ADVERB}\s+closed(?:[\s-]?sourc\w*)?{_NOT_VERB_CLOSED}",
    r"(?:remains?|remained|stays?|stayed|becom\w*|became)\s+closed" + _NOT_VERB_CLOSED,
    r"closed\s+(?:models?|LLMs?|AI\s+models?|approach|ecosystem|systems?)",
    r"proprietary",
    r"API[\s-]only",
    r"only\s+(?:available\s+)?(?:through|via)\s+(?:an?\s+|its\s+|their\s+)?(?:paid\s+)?API",
    r"(?:keep|keeps|kept|keeping)\s+(?:[\w'’-]+\s+){0,4}?closed\b",
]
_OPEN = [
    rf"{_ADVERB}\s+open(?:[\s-]?sourc\w*|[\s-]?weights?)?(?![\s-](?:question|mind|secret|problem)\b)",
    r"open[\s-]?sourc\w*",
    r"open[\s-]?weights?",
    r"open\s+(?:models?|LLMs?)",
    r"(?:releas|publish|shar|mak)\w*\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:model\s+|full\s+)?weights",
    r"weights\s+(?:are|were)\s+(?:publicly\s+|freely\s+|openly\s+)?(?:available|released|public)",
    r"permissive(?:ly)?\s+licen[cs]\w*",
    r"Apache[\s-]?2(?:\.0)?(?:\s+licen[cs]e)?",
    r"MIT[\s-]licen[cs]\w*",
    r"openly\s+(?:available|released|licen[cs]ed)",
]
CUE_RE = re.compile(
    "|".join(
        [
            "(?P<partial>" + "|".join(_PARTIAL) + ")",
            "(?P<closed>" + "|".join(_CLOSED) + ")",
            "(?P<open>" + "|".join(_OPEN) + ")",
        ]
    ),
    re.IGNORECASE,
)
# A cue that is a verb has a subject and maybe an object; any other cue modifies a noun.
_VERB_CUE = re.compile(
    r"(?:open[\s-]?sourc(?:ed|es|ing)|releas|publish|shar|mak|keep|kept|weights\s)", re.IGNORECASE
)

_BOUNDARY = re.compile(
    r"[;!?]|:\s|\.(?=\s|$)|\s[–—-]{1,2}\s|\b(?:while|whereas|but|although|though|however|except)\b|(?=\bunlike\b)",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|never|no|nor|neither|without|stopp\w*|ceas\w*|refus\w*|declin\w*|abandon\w*)\b|n['’]t\b",
    re.IGNORECASE,
)
_NOT_NEGATION = re.compile(r"\bnot\s+(?:only|just|merely)\b|\bno\s+(?:doubt|longer\s+just)\b", re.IGNORECASE)
_PLAN = re.compile(
    r"\b(?:plans?|planning|planned|intends?|intending|intention|going|promised?|promising|pledged?|"
    r"committed|expects?|expected|preparing|about)\s+to\b|\bwill\b|['’]ll\b|\bsoon\b|\bupcoming\b",
    re.IGNORECASE,
)
_HISTORY = re.compile(
    r"\b(?:originally|initially|formerly|previously|used\s+to|at\s+first|in\s+the\s+past|historically|"
    r"founded\s+as|started\s+(?:out\s+)?as|began\s+as)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’.-]+|,")
_EXAMPLES = re.compile(
    r"^[\w\s,()-]{0,40}?\b(?:like|such\s+as|including|e\.g\.,?|namely|notably|especially)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_OBJECT_GAP = re.compile(
    r"^\s*(?:(?:the|its|their|his|her|a|an|of|first|new|latest|own|model|models|version)\s+){0,3}$",
    re.IGNORECASE,
)
_MODIFIES = re.compile(r"^[\s\"'“”]*(?:(?:the|a|an|its|their)\s+)?$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|&|,\s*and|,\s*or|/)\s*$", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\b(?:and|or)\b|[&/]", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"^['’]s\s+(?:\w+\s+)?$")
_SUBJECT_AFTER = re.compile(
    r"^['’]?s?\s*(?:becoming|being|is|are|was|were|has|have|had|remains?|remained|stays?|keeps?|kept|"
    r"going|now|still|also)\b",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PREPOSITIONS = _words(
    "like as including to than from with unlike of by versus vs vs. against over beyond for behind about "
    "on at into toward towards among between after before via per outperforming"
)
_EXAMPLE_WORDS = frozenset({"like", "as", "including"})
_SKIP_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "such", "original", "early"})
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
_PREDICATE = _words(
    "is are was were be been being remains remain remained stays stay stayed becoming become becomes became "
    "as considered seen called deemed labelled labeled viewed regarded keeps keep kept "
    "a an"
)
_OTHER_PREPS = _words(
    "of than against versus vs vs. over to with from between among outperform outperforms "
    "outperformed outperforming beat beats beating surpass surpasses surpassed rival rivals compete "
    "competes competing dilute diluting disrupt disrupting threaten threatens undercut undercutting "
    "replace replacing match matching self-hosting hosting using use uses"
)
_OWN_BEFORE_PREP = re.compile(
    r"^(?:contribut|commit|dedicat|leader|lead|pioneer|champion|advoca|propon|approach|shift|move|pivot|"
    r"transition|switch|turn|support|access|bet|focus|invest|known|famous|strategy|stance|embrac|push)",
    re.IGNORECASE,
)
_OWN_VERB = re.compile(
    r"^(?:releas|offer|provid|develop|build|built|train|produc|creat|make|made|publish|ship|launch|"
    r"champion|promot|advoca|embrac|support|pursu|favou?r|prefer|adopt|focus|sell|sold|distribut|"
    r"maintain|introduc|unveil|debut|put|has|have|had|own)",
    re.IGNORECASE,
)
_GENERIC_NOUNS = _words(
    "models llms ai alternatives options competitors rivals players labs companies systems software "
    "projects community ecosystem world movement side camp space offerings solutions approaches "
    "counterparts providers vendors efforts initiatives development research weights tools"
)
_NOT_ABOUT_MODELS = _words(
    "data dataset datasets information knowledge content documents hardware chips chip infrastructure "
    "networks algorithms"
)
_OTHERS_NOUNS = frozenset({"competitors", "rivals", "counterparts", "incumbents", "alternatives"})

Context = Literal["own", "other", "generic", "skip"]


def cue_kind(match: re.Match[str]) -> SignalKind:
    if match.group("partial") is not None:
        return "partial"
    return "closed" if match.group("closed") is not None else "open"


class SignalFinder:
    """Openness signals of one claim, given its mentions and its subject."""

    def signals(self, text: str, mentions: Sequence[Mention], subject: EntityRef | None) -> list[Signal]:
        found: list[Signal] = []
        seen: set[tuple[EntityRef, SignalKind]] = set()
        for match in CUE_RE.finditer(text):
            for signal in self._signals_of(text, match, mentions, subject):
                if (signal.entity, signal.kind) not in seen:
                    seen.add((signal.entity, signal.kind))
                    found.append(signal)
        return found

    def _signals_of(
        self, text: str, match: re.Match[str], mentions: Sequence[Mention], subject: EntityRef | None
    ) -> list[Signal]:
        start, end = match.span()
        clause_start, clause_end = _clause(text, start, end)
        before = text[clause_start:start]
        if _HISTORY.search(before):
            return []
        kind = cue_kind(match)
        cue_start = start
        negation = _negation(before)
        if negation is not None and kind != "partial":
            kind = "open" if kind == "closed" else "closed"
            cue_start = clause_start + negation
        elif kind == "open" and _PLAN.search(_recent(before, 10)):
            kind = "planned"
        cue = text[cue_start:end]
        targets = self._targets(text, match, mentions, subject, clause_start, clause_end)
        return [Signal(target, kind, cue) for target in targets]

    def _targets(
        self,
        text: str,
        match: re.Match[str],
        mentions: Sequence[Mention],
        subject: EntityRef | None,
        clause_start: int,
        clause_end: int,
    ) -> list[EntityRef]:
        start, end = match.span()
        inside = [i for i, m in enumerate(mentions) if clause_start <= m.start and m.end <= clause_end]
        within = [i for i in inside if start <= mentions[i].start and mentions[i].end <= end]
        if within:  # "keeps Gemini closed"
            return _refs(mentions, within)
        after = [i for i in inside if mentions[i].start >= end]
        verb = _VERB_CUE.match(match.group()) is not None
        # 1. Named directly: the object of a verb cue, the model it modifies, the examples after it.
        if after:
            first = after[0]
            gap = text[end : mentions[first].start]
            if (verb and _OBJECT_GAP.match(gap)) or (not verb and _MODIFIES.match(gap)):
                return _refs(mentions, _with_list(text, mentions, _head(text, mentions, first)))
            for i in after:
                if _EXAMPLES.match(text[end : mentions[i].start]):
                    return _refs(mentions, _with_list(text, mentions, _head(text, mentions, i)))
        context: Context = "own" if verb else _context(text, clause_start, start, end)
        if context != "own":
            return []
        # 3. The nearest entity before the cue that is not inside a prepositional phrase.
        for i in reversed([i for i in inside if mentions[i].end <= start]):
            if is_subject_candidate(text, mentions, i, clause_start, start):
                return _refs(mentions, _with_list(text, mentions, i))
        # 4. The claim's subject.
        return [subject] if subject is not None else []


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    clause_start = 0
    for boundary in _BOUNDARY.finditer(text, 0, start):
        clause_start = boundary.end()
    following = _BOUNDARY.search(text, end)
    return clause_start, following.start() if following is not None else len(text)


def _recent(before: str, words: int) -> str:
    tokens = before.split()
    return " ".join(tokens[-words:])


def _negation(before: str) -> int | None:
    """Where a negation of the cue starts, if one is among the few words before it."""
    window_start = max(0, len(before) - 32)
    window = before[window_start:]
    if _NOT_NEGATION.search(window):
        return None
    found = None
    for match in _NEGATION.finditer(window):
        found = match
    if found is None:
        return None
    # "it's open source, not closed": only a negation that governs this cue, not one before a comma.
    if "," in window[found.end() :]:
        return None
    return window_start + found.start()


def _context(text: str, clause_start: int, start: int, end: int) -> Context:
    """Whose thing an adjectival cue describes: the clause's ("own"), others', or a whole category."""
    next_word = re.match(r"[\s\"'“”-]*([\w-]+)", text[end : end + 40])
    noun = next_word.group(1).lower() if next_word else ""
    if noun in _NOT_ABOUT_MODELS:
        return "skip"
    if noun in _OTHERS_NOUNS:
        return "other"
    tokens = _WORD.findall(text[clause_start:start])
    for back in range(1, min(len(tokens), 6) + 1):
        token = tokens[-back].lower()
        if token in _POSSESSIVES or token.endswith(("'s", "’s")):
            return "own"
        if token in _PREDICATE:
            return "own"
        if token in _OTHER_PREPS:
            previous = tokens[-back - 1] if back < len(tokens) else ""
            return "own" if _OWN_BEFORE_PREP.match(previous) else "other"
        if _OWN_VERB.match(token):
            return "own"
    return "generic" if noun in _GENERIC_NOUNS else "own"


def is_subject_candidate(
    text: str, mentions: Sequence[Mention], i: int, clause_start: int, cue_start: int
) -> bool:
    """Whether mention i can be what the clause is about (not "similar to OpenAI", not "models like Llama")."""
    mention = mentions[i]
    gap = text[mentions[i - 1].end : mention.start] if i > 0 else ""
    if _LIST_GAP.match(gap) and _CONJUNCTION.search(gap):
        return is_subject_candidate(text, mentions, i - 1, clause_start, cue_start)
    words = [w.lower() for w in _WORD.findall(text[clause_start : mention.start])]
    while words and words[-1] in _SKIP_DETERMINERS:
        words.pop()
    if not words or words[-1] not in _PREPOSITIONS:
        return True
    # "Companies like Meta and Mistral have …": an example list at the head of the clause is its subject.
    if words[-1] in _EXAMPLE_WORDS and len(words) <= 3:
        return True
    # "in response to OpenAI becoming more closed": the object of the preposition is the cue's subject.
    return _SUBJECT_AFTER.match(text[mention.end : cue_start]) is not None


def _head(text: str, mentions: Sequence[Mention], i: int) -> int:
    """ "Meta's Llama": the possessed model, not its owner."""
    if i + 1 < len(mentions) and _POSSESSIVE_GAP.match(text[mentions[i].end : mentions[i + 1].start]):
        return i + 1
    return i


def _with_list(text: str, mentions: Sequence[Mention], i: int) -> list[int]:
    """Mention i and the mentions coordinated with it ("Meta and Mistral", "Llama, Qwen or Gemma")."""
    first = last = i
    while first > 0 and _LIST_GAP.match(text[mentions[first - 1].end : mentions[first].start]):
        first -= 1
    while last + 1 < len(mentions) and _LIST_GAP.match(text[mentions[last].end : mentions[last + 1].start]):
        last += 1
    gaps = " ".join(text[mentions[k].end : mentions[k + 1].start] for k in range(first, last))
    if not _CONJUNCTION.search(gaps):  # "Unlike OpenAI, Meta …" is not a list
        return [i]
    return list(range(first, last + 1))


def _refs(mentions: Sequence[Mention], indexes: list[int]) -> list[EntityRef]:
    refs: list[EntityRef] = []
    for i in indexes:
        if mentions[i].entity not in refs:
            refs.append(mentions[i].entity)
    return refs
