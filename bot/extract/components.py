"""Which component of a model an openness signal is about, read from the words around its cue.

Openness is not one thing (the European Open Source AI Index and the Model Openness Framework grade
parts): `weights`, `code`, `training data`, `licence`, `paper` (technical report, model card) and `access`
(API-only, downloadable, runs locally). The cue's noun says which: the cue itself ("open weights", "API
only", "Apache 2.0"), the noun right after it ("open-sourced its weights", "released the code"), or the
noun it describes ("the training data is proprietary"). A release with no component named ("open-sourced
the model", "Llama is open source") is about the weights; a lab called open with nothing named is about
no component at all.

The licence's name ("MIT", "Apache 2.0", "community licence", "non-commercial") is read from the cue and
what follows it in its clause, whatever the component ("released the weights under Apache 2.0").

Cost: a few bounded regex searches per signal, around its cue only.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.contracts import EntityRef
from bot.extract.model import COMPONENTS, Component, Signal

__all__ = ["COMPONENTS", "Component", "licence_name", "read", "with_components"]

# How far from the cue its noun may stand: a few words either side, never past the clause.
AFTER = 48
BEFORE = 48
LICENCE_AFTER = 80

_NOUNS: tuple[tuple[Component, str], ...] = (
    (
        "training data",
        r"(?:training|pre-?training)\s+(?:data(?:sets?)?|corpus|sets?)|data(?:sets?)?\b|corpus",
    ),
    (
        "code",
        r"(?:source\s+|training\s+|inference\s+)?code(?:base)?\b|repos(?:itory|itories)?\b|github|"
        r"tools?\b|tooling|librar(?:y|ies)|frameworks?|toolkits?|SDKs?\b",
    ),
    (
        "paper",
        r"(?:research\s+|technical\s+|white\s*)?papers?\b|technical\s+reports?|tech\s+reports?|"
        r"(?:model|system)\s+cards?|documentation",
    ),
    ("weights", r"(?:model\s+)?weights?\b|checkpoints?|parameters"),
    ("access", r"APIs?\b|endpoints?|downloads?\b|locally|on[\s-]device"),
    ("licence", r"licen[cs]\w*|terms\s+of\s+(?:use|service)"),
)


def _group(component: str) -> str:
    return component.replace(" ", "_")


_NOUN = re.compile("|".join(f"(?P<{_group(c)}>{p})" for c, p in _NOUNS), re.IGNORECASE)
_BY_GROUP: dict[str, Component] = {_group(c): c for c in COMPONENTS}

# What the cue itself names, checked before any noun around it.
_CUE_COMPONENT: tuple[tuple[Component, re.Pattern[str]], ...] = (
    ("training data", re.compile(r"training\s+data|\bdata\b", re.I)),
    ("code", re.compile(r"\bcode\b", re.I)),
    ("weights", re.compile(r"weights?|checkpoints?", re.I)),
    (
        "access",
        re.compile(
            r"\bAPI\b|downloadable|torrent|limited\s+access|private\s+(?:tool|beta|preview)|accessible", re.I
        ),
    ),
    (
        "licence",
        re.compile(
            r"licen[cs]|apache|\bMIT\b|\b(?:A|L)?GPL|\bBSD\b|\bMPL\b|commercial(?:ly|\s+(?:use|purposes|applications))",
            re.I,
        ),
    ),
)

# Between the cue and its noun after it: up to four words of its noun phrase ("open-sourced all of its
# model weights", "open-sourcing foundational tools"), never a preposition or conjunction that starts
# something else ("open-sourced Llama for data scientists"), nor a model noun (then the model is the object).
_AFTER_GAP = re.compile(r"[\s-]*(?:[\w'’.]+[\s-]+){0,4}")
_AFTER_STOP = re.compile(
    r"\b(?:for|to|with|on|in|by|as|from|like|and|or|than|that|which|who|into|via|through|models?|LLMs?|"
    r"versions?|family|series)\b",
    re.IGNORECASE,
)
# Between a noun before the cue and the cue: a copula, maybe an adverb or negation ("the training data is
# not open", "its code remains fully open-source").
_BEFORE_GAP = re.compile(
    r"\s+(?:(?:is|are|was|were|remains?|remained|stays?|stayed|has\s+been|have\s+been|been|also|still|now|"
    r"not|never|fully|entirely|completely|largely|partly|partially|mostly|kept|made|being|\w+ly)\s+){1,4}$",
    re.IGNORECASE,
)
# … and what may stand between that noun and its copula: whose it is ("the training data of Llama 3 is
# proprietary", "the weights for Grok-1 were released").
_OF = re.compile(r"(?:\s+(?:of|for|behind)\s+(?:[\w.'’-]+\s*){1,4}?)?", re.IGNORECASE)

# A cue that says something was released: its object, if not named, is the model (the weights).
_RELEASE = re.compile(
    r"open[\s-]?sourc(?:ed|es|ing)|releas|publish|shar|downloadable|torrent|open[\s-]?sourc\w*\s+(?:models?|LLMs?)|"
    r"open\s+(?:models?|LLMs?)|closed\s+(?:models?|LLMs?|AI\s+models?)|closed[\s-]?sourc\w*\s+(?:models?|LLMs?)",
    re.IGNORECASE,
)
# A model noun right after the cue ("an open-source model", "proprietary LLMs"): the weights.
_MODEL_AFTER = re.compile(r"[\s-]+(?:[\w.-]+\s+){0,2}?(?:models?|LLMs?|AI\s+models?|checkpoints?)\b", re.I)

_MODEL_NOUN = re.compile(r"(?:models?|LLMs?)$", re.I)  # "black-box models", "closed models"

_CLAUSE_END = re.compile(r"[.;!?]\s|[.;!?]$|\s[–—]\s|\b(?:but|while|whereas|although|though|however)\b", re.I)

# Licence names, most specific first; each maps to how the table shows it.
_LICENCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bApache(?:[\s-]?(?:licen[cs]e\s+)?(?:v(?:ersion)?\s*)?2(?:\.0)?)?\b", re.I), "Apache 2.0"),
    (re.compile(r"\bMIT(?:[\s-]licen[cs]\w*|\b)(?=[\s-]*licen[cs]|\s+or\b|[\s,.;)]|$)", re.I), "MIT"),
    (re.compile(r"\bAGPL(?:[\s-]?v?(\d(?:\.\d)?))?", re.I), "AGPL"),
    (re.compile(r"\bLGPL(?:[\s-]?v?(\d(?:\.\d)?))?", re.I), "LGPL"),
    (re.compile(r"\bGPL(?:[\s-]?v?(\d(?:\.\d)?))?", re.I), "GPL"),
    (re.compile(r"\bBSD\b", re.I), "BSD"),
    (re.compile(r"\bMPL\b", re.I), "MPL"),
    (re.compile(r"\bCC[\s-]BY(?:[\s-]NC)?(?:[\s-]SA)?(?:[\s-]\d\.\d)?", re.I), "Creative Commons"),
    (re.compile(r"\b(?:Open)?RAIL(?:[\s-][AMS])?\b", re.I), "OpenRAIL"),
    (re.compile(r"\bcommunity\s+licen[cs]\w*", re.I), "community licence"),
    (re.compile(r"non-?commercial", re.I), "non-commercial"),
    (
        re.compile(r"research[\s-](?:only|use\s+only)|for\s+research\s+(?:use|purposes)", re.I),
        "research-only",
    ),
    # "a very weird cryptic license", "specific licensing terms": a licence of the lab's own
    (
        re.compile(
            r"(?:custom|bespoke|proprietary|weird|cryptic|special|specific)\s+(?:[\w-]+\s+)?licen[cs]\w*",
            re.I,
        ),
        "custom licence",
    ),
    (re.compile(r"(?<!non-)(?<!non)commercial\s+licen[cs]\w*", re.I), "commercial licence"),
    (re.compile(r"permissive(?:ly)?\s+licen[cs]\w*", re.I), "permissive licence"),
)


def licence_name(text: str) -> str | None:
    """The licence `text` names first ("Apache 2.0", "GPL 3.0", "community licence"), or None."""
    best: tuple[int, int, str] | None = None
    for order, (pattern, name) in enumerate(_LICENCES):
        match = pattern.search(text)
        if match is None:
            continue
        version = match.group(1) if pattern.groups else None
        found = (match.start(), order, f"{name} {version}" if version else name)
        best = found if best is None else min(best, found)
    return best[2] if best is not None else None


def read(
    text: str, start: int, end: int, entity: EntityRef | None = None
) -> tuple[Component | None, str | None]:
    """(component, licence name) of the cue at text[start:end]; `entity`: whom the signal is about (a
    model called open with nothing named is its weights)."""
    clause_start, clause_end = _clause(text, start, end)
    cue = text[start:end]
    # the licence the cue names, or one it is released under ("open-sourced under the MIT licence"); not
    # one said earlier in the sentence about something else ("best models ship with commercial licences,
    # the rest are open source")
    licence = licence_name(cue) or licence_name(text[end : min(clause_end, end + LICENCE_AFTER)])
    for component, pattern in _CUE_COMPONENT:
        if pattern.search(cue):
            # "commercial models" is about the model; a licence cue with a noun after it is that noun's
            if component == "licence":
                noun = _noun_after(text, end, clause_end)
                return (noun or "licence"), licence
            return component, licence
    noun = _noun_after(text, end, clause_end) or _noun_before(text, clause_start, start)
    if noun is not None:
        return noun, licence
    if (
        _RELEASE.search(cue)
        or _MODEL_NOUN.search(cue)
        or _MODEL_AFTER.match(text, end, clause_end)
        or (entity and entity.type == "model")
    ):
        return "weights", licence
    return None, licence


def with_components(text: str, signals: list[Signal]) -> list[Signal]:
    """`signals` of the claim `text`, each with the component and licence its cue names."""
    out = []
    for signal in signals:
        start = text.find(signal.cue)
        if start < 0:
            out.append(signal)
            continue
        component, licence = read(text, start, start + len(signal.cue), signal.entity)
        out.append(replace(signal, component=component, licence=licence))
    return out


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    floor = max(0, start - 200)
    clause_start = floor
    for match in _CLAUSE_END.finditer(text, floor, start):
        clause_start = match.end()
    after = _CLAUSE_END.search(text, end, min(len(text), end + 200))
    clause_end = after.start() if after is not None else min(len(text), end + 200)
    return clause_start, clause_end


def _noun_after(text: str, end: int, clause_end: int) -> Component | None:
    noun = _NOUN.search(text, end, min(clause_end, end + AFTER))
    if noun is None or not noun.lastgroup:
        return None
    if not _AFTER_GAP.fullmatch(text, end, noun.start()) or _AFTER_STOP.search(text, end, noun.start()):
        return None
    return _BY_GROUP[noun.lastgroup]


def _noun_before(text: str, clause_start: int, start: int) -> Component | None:
    floor = max(clause_start, start - BEFORE)
    gap = _BEFORE_GAP.search(text, floor, start)
    if gap is None:
        return None
    last = None
    for noun in _NOUN.finditer(text, floor, gap.start()):
        if noun.lastgroup and _OF.fullmatch(text, noun.end(), gap.start()):
            last = _BY_GROUP[noun.lastgroup]
    return last
