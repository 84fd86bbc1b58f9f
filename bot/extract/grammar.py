"""Just enough sentence structure to tell what a clause is about, without a parser.

Mentions come from `MentionFinder`; these helpers look at the words around them: is a mention the
clause's subject, or inside a prepositional phrase ("similar to OpenAI"), an example list ("models like
Llama") or the object of a verb ("fine-tuned LLaMA")? Which mentions form one list ("Meta and Mistral")?

Every helper reads a bounded stretch of text around the mention it is asked about (regexes run on
`pos`/`endpos`, never on a slice up to the end or from the start), so a claim costs time linear in its
length however long it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.contracts import EntityRef
from bot.extract.model import Mention

WORD = re.compile(r"[\w'’.-]+|,")
# How far back a mention's or a cue's context is read: the bound keeps each look-up's cost fixed. What the
# 721,714 claims of the vault, corpus and seed give is the same with a bound of 150 (two differ at 100).
LOOK_BEHIND = 400
# The longest list `with_list` walks each way from a mention; real lists hold a dozen names at most.
MAX_LIST = 32


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PREPOSITIONS = words(
    "like as including to than from with unlike of by versus vs vs. against over beyond for behind about "
    "on at into toward towards among between after before via per following despite besides e.g. e.g., "
    "i.e. within through across under without outperforming inside"
)
# Words after which a mention is an object, not the subject ("beat OpenAI", "fine-tuned LLaMA").
OBJECT_VERBS = words(
    "beat beats use uses using chose choose chooses prefer prefers adopt adopts rival rivals outperform "
    "outperforms surpass surpasses fine-tune fine-tunes join joins sign signs partner call calls integrate "
    "integrates leverage leverages leveraging acquire acquires release releases releasing include includes"
)
_EXAMPLE_WORDS = words("like as including e.g. e.g.,")
# "Companies like Meta and Mistral have …": examples of these nouns stand for the subject.
_STAND_IN_NOUNS = words(
    "companies labs players firms startups organizations organisations giants projects initiatives groups"
)
# "The development of X …", "The weights of X …" at the head of a sentence: the sentence is about X.
_ABOUT_IT = words(
    "development release launch success rise introduction arrival emergence creation debut weights code "
    "checkpoints architecture"
)
_JOINT = words("venture partnership collaboration alliance deal")
_MAKERS = words("team teams company lab people researchers startup group folks creators makers engineers")
_BEHIND_IT = words("model models weights")
_DETERMINERS = words("the a an its their his her such original early even also just only")
_SKIPPED = _DETERMINERS | {","}  # what is_candidate looks past
_SUBJECT_AFTER = re.compile(
    r"['’]?s?\s*(?:becoming|being|is|are|was|were|has|have|had|remains?|remained|stays?|keeps?|kept|"
    r"going|now|still|also)\b",
    re.IGNORECASE,
)
# "the models behind it, like Claude Opus, remain proprietary": examples set off before the predicate
_PREDICATE_AFTER_COMMA = re.compile(
    r"\s*,\s*(?:is|are|was|were|remains?|remained|stays?)\s+(?:(?:still|also|all|\w+ly)\s+)?", re.IGNORECASE
)
# "Unlike Claude, which is only reachable through an API, …": the subject of its own relative clause, for
# a cue inside it (not the sentence's subject: "experimented with GPT-3, which had just been released")
_RELATIVE_AFTER = re.compile(
    r"\s*,\s*(?:which|who)\s+(?:is|are|was|were|remains?|has|have|had)\b", re.IGNORECASE
)
_APPOSITION_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
CONJUNCTION = re.compile(r"\b(?:and|or)\b|[&/+]", re.IGNORECASE)
# These run with match(text, pos, endpos) on the gap between two offsets: no "^" (it would only match at
# 0), and "$" matches at endpos.
_LIST_GAP = re.compile(
    r"\)?\s*(?:,|and|or|&|,\s*and|,\s*or|/|\+)\s*$|\s*\(\s*(?:with\s+|for\s+)?$", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"['’]s\b")
# A verb right after a name: the name is its subject ("…, and Meta released Llama", "…, and Meta is …").
_VERB_NEXT = re.compile(
    r"\s+(?:\w+ly\s+)?(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|does|did|"
    r"keeps?|kept|says?|said|(?-i:[a-z][\w-]*ed))\b",
    re.IGNORECASE,
)
# "Microsoft-backed OpenAI": the second name is the one the first qualifies, and what the claim is about.
_QUALIFIER_GAP = re.compile(
    r"-(?:backed|owned|funded|financed|sponsored|affiliated|supported)\s+", re.IGNORECASE
)
_OWNER_GAP = re.compile(r"['’]s\s+")
# "Yi-34B from 01.AI", "Qwen models from Alibaba"
_MAKER_GAP = re.compile(r"\s+(?:(?:models?|family|series|LLMs?)\s+)?(?:from|by)\s+", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}$")  # "Meta's Llama", "Meta's release of Llama"


def is_candidate(
    text: str, mentions: Sequence[Mention], i: int, clause_start: int, until: int, objects: bool = False
) -> bool:
    """Whether mention i can be what its clause is about, given the text up to `until` (the cue).

    Not "similar to OpenAI" nor "models like Llama", except an example list at the head of the clause
    ("Companies like Meta …"), an object of a preposition that is the subject of what follows ("in
    response to OpenAI becoming more closed") or an apposition of the cue ("Gemma 3, an open model").
    With `objects`, the object of a verb ("beat OpenAI") is not a candidate either.
    """
    mention = mentions[i]
    group = with_list(text, mentions, i)
    if group[0] != i:  # a later item of a list stands where the list's first item stands
        return is_candidate(text, mentions, group[0], clause_start, until, objects)
    # is_candidate needs at most five words (and whether there are more than three)
    before = [w.group().lower() for w in last_tokens(text, clause_start, mention.start, 5, _SKIPPED)]
    if not before:
        return True
    last = before[-1]
    if objects and (last in OBJECT_VERBS or (last.endswith("ed") and len(last) > 3)):
        return False
    if last not in PREPOSITIONS:
        return True
    if i > 0 and _MAKER_GAP.fullmatch(text, mentions[i - 1].end, mention.start):
        return False  # "Yi-34B from 01.AI was released": the model is the subject; its maker is credited as its lab
    if last in _EXAMPLE_WORDS and (
        len(before) <= 3 or _stands_in(before) or _PREDICATE_AFTER_COMMA.fullmatch(text, mention.end, until)
    ):
        return True
    if last == "behind" and len(before) > 1 and before[-2] in _MAKERS | _BEHIND_IT:
        return True  # "The team behind OLMo published …": its makers stand for it; "the model behind Copilot"
    if last == "between" and len(before) > 1 and before[-2] in _JOINT:
        return True  # "the joint venture between EleutherAI and Stability AI aims to …"
    if last == "of" and len(before) in (2, 3) and before[-2] in _ABOUT_IT and before[0] in ("the", "this"):
        return True  # "The development of Llama models has been …" is about Llama
    return bool(
        _SUBJECT_AFTER.match(text, mention.end, until)
        or _APPOSITION_AFTER.match(text, mention.end, until)
        or (not objects and _RELATIVE_AFTER.match(text, mention.end, until))
    )


def last_tokens(
    text: str, clause_start: int, at: int, count: int, skip: frozenset[str] = frozenset()
) -> list[re.Match[str]]:
    """The last `count` words of the clause before `at` (all of them when it has fewer), once trailing
    words in `skip` are dropped. Reads back 64 characters first, further only while fewer are found, and
    never more than LOOK_BEHIND: the cost is the same however long the clause."""
    floor = max(clause_start, at - LOOK_BEHIND)
    width = 64
    while True:
        start = max(floor, at - width)
        found = list(WORD.finditer(text, start, at))
        if start > clause_start:
            found = found[1:]  # the window may have cut the first word in two
        while found and found[-1].group().lower() in skip:
            found.pop()
        if len(found) >= count or start == floor:
            return found[-count:]
        width *= 4


def _stands_in(before: list[str]) -> bool:
    """ "specific companies like DeepSeek", but not "offerings from companies like OpenAI"."""
    at = len(before) - (3 if before[-1] == "as" else 2)
    if at < 0 or before[at] not in _STAND_IN_NOUNS:
        return False
    # "as organizations like Meta pursue …": "as" joins a clause here, it is no preposition
    return at == 0 or before[at - 1] not in PREPOSITIONS or before[at - 1] == "as"


def grammatical_subject(text: str, mentions: Sequence[Mention]) -> tuple[int, bool] | None:
    """Index of the mention the sentence is about, and whether it is its grammatical subject.

    The first candidate that is not an object; else the first possessor, which is what the claim is
    about but not who acts in it ("the convenience of OpenAI's API …"); else None (every entity is in a
    phrase about something else: "Oscar was the first to sign with OpenAI").
    """
    for i in range(len(mentions)):
        if is_candidate(text, mentions, i, 0, len(text), objects=True):
            return head(text, mentions, i), True
    for i, mention in enumerate(mentions):
        if _POSSESSIVE.match(text, mention.end):
            return i, False
    return None


def head(text: str, mentions: Sequence[Mention], i: int) -> int:
    """ "Meta's Llama": the possessed model, not its owner; "Microsoft-backed OpenAI": OpenAI."""
    if i + 1 < len(mentions) and (
        _POSSESSIVE_GAP.match(text, mentions[i].end, mentions[i + 1].start)
        or _QUALIFIER_GAP.fullmatch(text, mentions[i].end, mentions[i + 1].start)
    ):
        return i + 1
    return i


def with_list(text: str, mentions: Sequence[Mention], i: int, commas: bool = False) -> list[int]:
    """Mention i and the mentions listed with it ("Meta and Mistral", "Meta (Llama)"); with `commas`,
    a bare comma list counts too ("(e.g., Anthropic, OpenAI, Perplexity)")."""
    first = last = i
    while first > max(0, i - MAX_LIST) and _LIST_GAP.match(
        text, mentions[first - 1].end, mentions[first].start
    ):
        first -= 1
    end = min(len(mentions) - 1, i + MAX_LIST)
    while last < end:
        gap = _LIST_GAP.match(text, mentions[last].end, mentions[last + 1].start)
        if (
            gap is not None
            and last == first
            and "," in gap.group()
            and _VERB_NEXT.match(text, mentions[last + 1].end)
        ):
            # "open-sourced Grok 1, and Meta released Llama": the subject of a clause of its own (a comma before
            # "and" after one name; after two or more, "ChatGPT, Bard, and Llama 2 can …" ends a list)
            break
        if gap is not None:
            last += 1
        elif last > i and _OWNER_GAP.fullmatch(text, mentions[last].end, mentions[last + 1].start):
            last += 1  # "Meta's Llama and Alibaba's Qwen": the list goes on to what Alibaba owns
        else:
            break
    gaps = " ".join(text[mentions[k].end : mentions[k + 1].start] for k in range(first, last))
    if not commas and "(" not in gaps and not CONJUNCTION.search(gaps):  # "Unlike OpenAI, Meta …"
        return [i]
    return list(range(first, last + 1))


def refs(mentions: Sequence[Mention], indexes: list[int]) -> list[EntityRef]:
    found: list[EntityRef] = []
    for i in indexes:
        if mentions[i].entity not in found:
            found.append(mentions[i].entity)
    return found


def recent(text: str, scope: int, start: int, count: int) -> str:
    """The last `count` words before `start` (reading back no further than 24 characters a word)."""
    return " ".join(text[max(scope, start - 24 * count) : start].split()[-count:])
