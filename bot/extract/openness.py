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

Cost is linear in the claim's length: the cues, the clause boundaries and the mentions are each found in
one pass, and each cue then reads a bounded stretch around itself (LOOK_BEHIND back, LOOK_AHEAD on), with
mentions looked up by bisection. A claim of one endless clause full of cues and names costs per character
what a short one does.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Literal

from bot.extract.grammar import (
    LOOK_BEHIND,
    PREPOSITIONS,
    head,
    is_candidate,
    last_tokens,
    refs,
    with_list,
    words,
)
from bot.extract.model import EntityRef, Mention, Signal, SignalKind

# How far after a cue its object, the noun it modifies or its examples can start ("open-source models such
# as …" names them within a few words).
LOOK_AHEAD = 300
# What a pattern ending at the cue can span ("rather than open-sourcing", "will open source", "is
# skeptical that the open …"): those searches read only this far back.
_NEAR = 128
# Boundary matches that exist only because a scan stops at the cue ("… although" right before it, a full
# stop glued to it) lie within this many characters of it.
_BOUNDARY_TAIL = 24

_ADVERB = r"(?:more|most|fully|truly|completely|entirely|largely|increasingly|relatively|mostly|very)"
_NOT_VERB_CLOSED = r"(?!\s+(?:the|a|an|its|their|in|on|down|out|off|deals?|rounds?|funding|gaps?)\b)"

_PARTIAL = [
    r"(?:kind|sort)\s+of\s+open(?:[\s-]?sourc\w*)?",
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
    rf"{_ADVERB}\s+open(?:[\s-]?sourc\w*|[\s-]?weights?)?"
    r"(?![\s-](?:question|mind|secret|problem|ended|minded|world|door|doors|air)\b)",
    r"open[\s-]?sourc\w*",
    r"open[\s-]?weights?",
    r"open\s+(?:models?|LLMs?)",
    r"(?:releas|publish|shar|mak)\w*\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:model\s+|full\s+)?weights",
    r"weights\s+(?:are|were)\s+(?:publicly\s+|freely\s+|openly\s+)?(?:available|released|public)",
    r"permissive(?:ly)?\s+licen[cs]\w*",
    r"Apache[\s-]?2(?:\.0)?(?:\s+licen[cs]e)?",
    r"MIT[\s-]licen[cs]\w*",
    r"openly\s+(?:available|released|licen[cs]ed)",
    r"(?:via|through|over|as)\s+(?:a\s+)?(?:bit)?torrents?\b",  # weights anyone can download
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
# Every cue contains "open" (not only as "OpenAI"), a bare "API" or one of these; checking them first skips
# the cue regex for nineteen claims in twenty.
_CUE_KEYS = ("closed", "propriet", "licen", "weights", "apache", "torrent", "source-avail", "source avail")
_API = re.compile(r"\bapi\b")
# A cue that is a verb has a subject and maybe an object; any other cue modifies a noun.
_VERB_CUE = re.compile(
    r"(?:open[\s-]?sourc(?:ed|es|ing)|releas|publish|shar|mak|keep|kept|weights\s)", re.IGNORECASE
)

_RESTRICTED = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:non-?commercially|for\s+(?:non-?commercial|research)\s+(?:use|purposes)(?:\s+only)?|"
    r"under\s+an?\s+(?:non-?commercial|research[\s-]only|restrictive)\s+licen[cs]e)",
    re.IGNORECASE,
)
# "will open source Grok 2", "to open source": the base form is a verb too.
_OPEN_SOURCE = re.compile(r"open[\s-]?source", re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:will|to|['’]ll|would|could|should|can|may|might|did|does|do|not|never)\s+(?:\w+ly\s+)?$", re.I
)
# A clause that brings in someone new ("…, making it easier to contribute to open-source libraries", "a
# future where the stack is open-source"): the claim's subject is not who its cues are about.
_NEW_AGENT = r"(?:allowing|enabling|letting|helping|making|giving|forcing|prompting|leading)\b"
# … unless it goes on with a pronoun that points back ("where they may keep some models proprietary").
_NEW_AGENT_START = re.compile(r"where(?!\s+(?:they|it|he|she)\b)|" + _NEW_AGENT, re.IGNORECASE)
_BOUNDARY = re.compile(
    r"[;!?]|:\s|\.(?=\s|$)|\s[–—-]{1,2}\s|\b(?:while|whereas|but|although|though|however|except)\b|(?=\bunlike\b)"
    r"|,\s+(?=" + _NEW_AGENT + r")|(?=\bwhere\b)",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|never|no|nor|neither|without|stopp\w*|ceas\w*|refus\w*|declin\w*|abandon\w*)\b|n['’]t\b",
    re.IGNORECASE,
)
# "rather than open-sourcing": only when it governs the cue itself, not "rather than a broad open … effort".
_INSTEAD = re.compile(r"\b(?:rather\s+than|instead\s+of)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
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
# The patterns below run with match(text, pos, endpos) on a stretch of the claim: no "^" (it only matches
# at 0); "$" matches at endpos.
_EXAMPLES = re.compile(
    r"[\s\"'“”-]*(?:(?:[\w-]+\s+){0,3}?[\w-]+,?\s*)?\(?\s*(?:like|such\s+as|(?:which\s+)?includ(?:es|e|ing)|"
    r"e\.g\.,?|namely|notably|especially|specifically|particularly)\s+[^.;:!?]{0,40}$",
    re.IGNORECASE,
)
_SPECIFICALLY = re.compile(
    r"[\s\"'“”-]*(?:[\w-]+\s+){0,3}?[\w-]+,\s*(?:specifically|notably|namely)\s+$", re.I
)
_OWNER = re.compile(
    r"[\s\"'“”-]*(?:[\w-]+\s+){0,2}?[\w-]+\s+from\s+(?:the\s+)?(?:companies\s+like\s+)?$",
    re.IGNORECASE,
)
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:the|its|their|his|her|a|an|of|first|new|latest|own|model|models|version)\s+){0,3}$",
    re.IGNORECASE,
)
_MODIFIES = re.compile(
    r"[\s\"'“”]*(?:(?:the|a|an|its|their)\s+)?(?:(?:release|releases|version|versions|weights|launch)\s+of\s+"
    r"(?:the\s+)?)?$",
    re.IGNORECASE,
)
_VERB_OBJECT_NOT_MODELS = re.compile(
    r"\s*(?:[\w-]+\s+){0,7}?(?:principles|guidelines|policies|data|datasets?)\b", re.IGNORECASE
)

# "OpenAI is skeptical that open source will …", "Mistral believes open source will prevail": a view about
# open source in general, not a statement about the holder's own openness.
_VIEW = re.compile(
    r"\b(?:skeptical|sceptical|doubt(?:s|ed|ful)?|believ(?:e|es|ed|ing)|belief|argu(?:e|es|ed|ing)|"
    r"predict(?:s|ed|ing)?|question(?:s|ed|ing)?|hop(?:e|es|ed|ing)|think(?:s|ing)?|thought|fear(?:s|ed)?|"
    r"worr(?:y|ies|ied)|claim(?:s|ed)?|wonder(?:s|ed)?|optimistic|pessimistic|convinced|confident|bets?)"
    r"\s+(?:(?:that|whether|if)\s+(?:[\w-]+\s+){0,2}?)?(?:(?:the|an?|more|most)\s+)?$",
    re.IGNORECASE,
)
# Two cues of opposite kinds side by side ("open source vs closed source models", "proprietary or
# open-source") name a category split, not anyone's openness.
_PAIR_GAP = re.compile(r"\s*,?\s*(?:and|or|vs\.?|versus|/|nor|to)\s+(?:(?:an?|the)\s+)?$", re.IGNORECASE)
# "the company's open-source models" points back to the subject; "crypto's open-source agents" does not.
_ANAPHORIC_OWNERS = words("company's company’s firm's firm’s lab's lab’s startup's startup’s team's team’s")
# The words after a cue, up to the first that ends its noun phrase ("open-source trusted AI principles").
_FOLLOWING = re.compile(r"[\w-]+|[^\w\s\"'“”-]")
_PHRASE_ENDS = PREPOSITIONS | words("and or that which who is are was were")
_POSSESSIVE_AT = re.compile(r"['’]s\b")
_BLANK = re.compile(r"\s*")
# "similar to the usability of an open-source model": a likeness, not the thing itself.
_COMPARISON = re.compile(
    r"\b(?:similar|akin|comparable|equivalent|analogous)\s+to\b|\bresembl\w*|\bsame\s+as\b", re.IGNORECASE
)
_COMPARED = words("to than like unlike versus vs vs. against over from")
_POSSESSIVES = words("its their his her our my your")
_CONTRACTIONS = words("it's it’s that's that’s there's there’s what's what’s he's she's let's")
_PREDICATE = words(
    "is are was were be been being remains remain remained stays stay stayed becoming become becomes became "
    "as considered seen called deemed labelled labeled viewed regarded keeps keep kept other"
)
# Before an adjectival cue, these make it someone else's models ("dominance of closed-source models").
_OTHER_PREPS = words(
    "of than against versus vs vs. over to with from between among in on into within across "
    "outperform outperforms outperformed outperforming beat beats beating surpass surpasses surpassed rival "
    "rivals compete competes competing dilute diluting disrupt disrupting threaten threatens undercut "
    "undercutting replace replacing match matching self-hosting hosting using use uses following leverage "
    "leverages leveraging leveraged utilize utilizes utilizing utilized integrate integrates integrating"
)
# … unless the preposition follows one of these ("contributions to open-source LLMs", "leader in").
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
_GENERIC_NOUNS = words(
    "models llms ai alternatives options competitors rivals players labs companies systems software "
    "projects community ecosystem world movement side camp space offerings solutions approaches "
    "counterparts providers vendors efforts initiatives development research weights tools agents"
)
_NOT_ABOUT_MODELS = words(
    "data dataset datasets information knowledge content documents hardware chips chip infrastructure "
    "networks algorithms principles guidelines campaigns reasons"
)
_OTHERS_NOUNS = words(
    "competitor competitors rival rivals counterpart counterparts incumbent incumbents alternative "
    "alternatives challenger challengers"
)

# own: the clause's (a possessor, a predicate, an own verb); theirs: the clause subject's, through a
# possessive pronoun ("releasing its own open-source models"); weak: nothing says whose, so the clause's
# unless it names examples; other: other people's; generic: a category; skip: not about models.
Context = Literal["own", "theirs", "weak", "other", "generic", "skip"]


def may_have_cue(text: str) -> bool:
    """False when no cue can match: a cheap filter before `CUE_RE`."""
    lowered = text.lower()
    opens = lowered.count("open")
    if opens and opens > lowered.count("openai"):
        return True
    if any(key in lowered for key in _CUE_KEYS):
        return True
    return "api" in lowered and _API.search(lowered) is not None


def cue_kind(match: re.Match[str]) -> SignalKind:
    if match.group("partial") is not None:
        return "partial"
    return "closed" if match.group("closed") is not None else "open"


class SignalFinder:
    """Openness signals of one claim, given its mentions and its subject.

    `subject_start` is where the subject is mentioned in the text, None when it comes from outside
    (the bullet lead, the heading): a subject mentioned after a cue is not what the cue is about.
    """

    def signals(
        self,
        text: str,
        mentions: Sequence[Mention],
        subject: EntityRef | None,
        subject_start: int | None = None,
    ) -> list[Signal]:
        found: list[Signal] = []
        if not may_have_cue(text):  # the cue regex is slow
            return found
        cues = list(CUE_RE.finditer(text))
        if not cues:
            return found
        claim = _Claim(text, mentions)
        seen: set[tuple[EntityRef, SignalKind]] = set()
        for index, match in enumerate(cues):
            fallback = subject if subject_start is None or subject_start < match.start() else None
            paired = _paired(text, cues, index)
            for signal in self._signals_of(claim, match, fallback, paired):
                if (signal.entity, signal.kind) not in seen:
                    seen.add((signal.entity, signal.kind))
                    found.append(signal)
        return found

    def _signals_of(
        self, claim: _Claim, match: re.Match[str], fallback: EntityRef | None, paired: bool
    ) -> list[Signal]:
        text = claim.text
        start, end = match.span()
        clause_start, clause_end = claim.clause(start, end)
        scope = max(clause_start, start - LOOK_BEHIND)
        if claim.history_between(scope, start):
            return []
        if _NEW_AGENT_START.match(text, clause_start):
            fallback = None
        kind = cue_kind(match)
        cue_start = start
        negation = _negation(text, scope, start)
        if negation is not None and kind != "partial":
            kind = "open" if kind == "closed" else "closed"
            cue_start = negation
        elif kind == "open" and _PLAN.search(_recent(text, scope, start, 10)):
            kind = "planned"
        restricted = _RESTRICTED.match(text, end) if kind == "open" else None
        if restricted is not None:  # "releases weights non-commercially": open with strings attached
            kind = "partial"
            end = restricted.end()
        cue = text[cue_start:end]
        targets = _targets(claim, match, fallback, clause_start, clause_end, paired)
        return [Signal(target, kind, cue) for target in targets]


class _Claim:
    """A claim as each of its cues looks at it: the text, its mentions with their offsets (bisected to
    find the mentions of a stretch) and its clause boundaries, each found once."""

    __slots__ = ("_boundary_ends", "_boundary_starts", "_history", "ends", "mentions", "starts", "text")

    def __init__(self, text: str, mentions: Sequence[Mention]) -> None:
        self.text = text
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.ends = [m.end for m in mentions]
        spans = [b.span() for b in _BOUNDARY.finditer(text)]
        self._boundary_starts = [b for b, _ in spans]
        self._boundary_ends = [e for _, e in spans]
        self._history: list[tuple[int, int]] | None = None

    def history_between(self, start: int, end: int) -> bool:
        """Whether text[start:end] says the cue is history ("originally founded as … open source")."""
        if self._history is None:
            self._history = [h.span() for h in _HISTORY.finditer(self.text)]
        k = bisect_left(self._history, (start, 0))
        return k < len(self._history) and self._history[k][1] <= end

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
        return clause_start, clause_end


def _paired(text: str, cues: Sequence[re.Match[str]], index: int) -> bool:
    """Whether cue `index` stands side by side with a cue of the opposite kind."""
    kind = cue_kind(cues[index])
    for other in (index - 1, index + 1):
        if 0 <= other < len(cues) and cue_kind(cues[other]) != kind:
            first, second = sorted((cues[index], cues[other]), key=lambda m: m.start())
            if _PAIR_GAP.match(text, first.end(), second.start()):
                return True
    return False


def _targets(
    claim: _Claim,
    match: re.Match[str],
    fallback: EntityRef | None,
    clause_start: int,
    clause_end: int,
    paired: bool = False,
) -> list[EntityRef]:
    text, mentions = claim.text, claim.mentions
    start, end = match.span()
    scope = max(clause_start, start - LOOK_BEHIND)
    inside = claim.between(clause_start, clause_end)
    within = claim.between(start, end)
    if within:  # "keeps Gemini closed"
        return refs(mentions, list(within))
    verb = _VERB_CUE.match(match.group()) is not None or (
        _OPEN_SOURCE.fullmatch(match.group()) is not None
        and _MODAL.search(text, max(scope, start - _NEAR), start) is not None
    )
    if verb and _VERB_OBJECT_NOT_MODELS.match(text, end):  # "open-sourced a set of principles"
        return []
    # 1. Named directly: the object of a verb cue, the model it modifies, its examples or its owner.
    named: list[int] = []
    after = range(bisect_left(claim.starts, end), inside.stop)
    if after:
        first = after[0]
        if verb and _OBJECT_GAP.match(text, end, mentions[first].start):  # "open-sourced Grok 1": the object
            return refs(mentions, with_list(text, mentions, head(text, mentions, first)))
        if not verb and _MODIFIES.match(text, end, mentions[first].start):
            named = with_list(text, mentions, head(text, mentions, first))  # "the open-source Llama 2"
        else:
            for i in after:
                at = mentions[i].start
                if at - end > LOOK_AHEAD:
                    break
                if (
                    _EXAMPLES.match(text, end, at)
                    or _SPECIFICALLY.match(text, end, at)
                    or (not verb and _OWNER.match(text, end, at))
                ):
                    named = with_list(text, mentions, head(text, mentions, i), commas=True)
                    break
    enclosing = _parenthesis(text, scope, start)
    if enclosing is not None:  # "OpenCLIP (an open-source reimplementation …)" describes OpenCLIP
        k = bisect_right(claim.ends, enclosing) - 1  # the mention right before the "(", if any
        owner = [k] if k >= inside.start and _BLANK.fullmatch(text, mentions[k].end, enclosing) else []
        return refs(mentions, owner or named)
    context, possessor = ("own", None) if verb else _context(claim, clause_start, start, end, paired)
    if context == "skip" or (paired and context not in ("own", "theirs")):
        return []  # "multiple open source vs closed source models (e.g., Llama, Anthropic)": which is which?
    if context == "weak" and (named or paired):
        context = "other"  # "waited for open-source waves like LLaMA": the examples', not the waiter's
    if (
        context in ("own", "weak")
        and possessor is None
        and _VIEW.search(text, max(scope, start - _NEAR), start)
    ):
        context = "other"  # "is skeptical that open source will …", "argues that open-sourcing is safer"
    if context not in ("own", "theirs", "weak"):
        return refs(mentions, named)
    # 2. Whose it is: the possessor ("NVIDIA's closed-source CUDA"), the clause's subject for a possessive
    #    pronoun ("Perplexity's move to releasing its own open-source models"), else the nearest candidate
    #    before it in the clause with its list ("Meta and Mistral release open models"), else the claim's
    #    subject. Only mentions within LOOK_BEHIND of the cue are considered.
    own: list[int] = []
    before = range(max(inside.start, bisect_left(claim.starts, scope)), bisect_right(claim.ends, start))
    if possessor is not None:
        own = [possessor]
    elif context == "theirs":
        own = _clause_subject(text, mentions, before, clause_start, start)
    else:
        for i in reversed(before):
            if is_candidate(text, mentions, i, clause_start, start):
                own = with_list(text, mentions, i)
                break
    found = refs(mentions, named + own)
    if not own and fallback is not None and fallback not in found:
        found.append(fallback)
    return found


def _clause_subject(
    text: str, mentions: Sequence[Mention], before: range, clause_start: int, start: int
) -> list[int]:
    """What a possessive pronoun points back to: the clause's subject, or else its first possessor."""
    for i in before:
        if is_candidate(text, mentions, i, clause_start, start, objects=True):
            return with_list(text, mentions, head(text, mentions, i))
    return [i for i in before if _POSSESSIVE_AT.match(text, mentions[i].end)][:1]


def _parenthesis(text: str, scope: int, start: int) -> int | None:
    """Where the parenthesis that encloses the cue opens, if it does (looking back to `scope`)."""
    opening = text.rfind("(", scope, start)
    if opening < 0 or text.find(")", opening, start) >= 0:
        return None
    return opening


def _recent(text: str, scope: int, start: int, count: int) -> str:
    """The last `count` words before `start` (reading back no further than 24 characters a word)."""
    return " ".join(text[max(scope, start - 24 * count) : start].split()[-count:])


def _negation(text: str, scope: int, start: int) -> int | None:
    """Where a negation of the cue at `start` begins, if one is among the few words before it."""
    instead = _INSTEAD.search(text, max(scope, start - _NEAR), start)
    if instead is not None:
        return instead.start()
    window_start = max(scope, start - 32)
    window = text[window_start:start]
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


def _context(
    claim: _Claim, clause_start: int, start: int, end: int, paired: bool = False
) -> tuple[Context, int | None]:
    """Whose thing an adjectival cue describes (see `Context`), with the possessor mention if any."""
    text = claim.text
    nouns = _noun_phrase(text, end)
    noun = nouns[0] if nouns else ""
    if any(word in _NOT_ABOUT_MODELS for word in nouns):  # "open-source trusted AI guiding principles"
        return "skip", None
    scope = max(clause_start, start - LOOK_BEHIND)
    if noun in _OTHERS_NOUNS or _COMPARISON.search(_recent(text, scope, start, 6)):
        return "other", None
    tokens = last_tokens(text, clause_start, start, 8)  # the loop below looks back at most eight
    for back in range(1, min(len(tokens), 6) + 1):
        token = tokens[-back].group().lower()
        if token in ("a", "an"):
            # "Gemma 3, an open-source model" is Gemma's; "similar to an open-source model" is not.
            if back < len(tokens) and tokens[-back - 1].group().lower() in _COMPARED:
                continue
            return "own", None
        if token in _POSSESSIVES:
            return "theirs", None
        if token == "own" and back < len(tokens) and tokens[-back - 1].group().lower() in _POSSESSIVES:
            return "theirs", None  # "releasing its own open-source models"
        if token in _CONTRACTIONS or token in _PREDICATE or token in _ANAPHORIC_OWNERS:
            if paired and back > 1:
                continue  # "is best, whether proprietary or open-source": the pair, not the subject
            return "own", None
        if token.endswith(("'s", "’s")):
            owner = claim.possessor(tokens[-back])
            # "crypto's open-source agents": someone the catalog does not know owns them.
            return ("own", owner) if owner is not None else ("other", None)
        if token in _OTHER_PREPS:
            if back < len(tokens) and _OWN_BEFORE_PREP.match(tokens[-back - 1].group()):
                # "Meta's commitment to open source": the owner of the commitment.
                owner_token = tokens[-back - 2] if back + 1 < len(tokens) else None
                return "own", claim.possessor(owner_token) if owner_token is not None else None
            return "other", None
        if _OWN_VERB.match(token):
            return "own", None
        if token in PREPOSITIONS or token in ("and", "or"):
            break  # "a step for open-source AI", "other open-source and closed-source models"
    return ("generic" if noun in _GENERIC_NOUNS else "weak"), None


def _noun_phrase(text: str, end: int) -> list[str]:
    """Up to four words after a cue, lowercased, until punctuation or a word that ends a noun phrase."""
    found: list[str] = []
    for token in _FOLLOWING.finditer(text, end, end + 60):
        word = token.group().lower()
        if not word[0].isalnum() or (found and word in _PHRASE_ENDS):
            break
        found.append(word)
        if len(found) == 4:
            break
    return found
