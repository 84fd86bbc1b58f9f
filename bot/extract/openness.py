"""Openness signals of one claim: its cues (bot.extract.cues), what each says today
(bot.extract.modality) and whom it is about (bot.extract.attribution).

A cue gets its kind from the phrase, flipped by a negation that governs it ("not open source", "highly
unlikely to ever be open-sourced"), dropped when a modal makes it a possibility ("may choose to keep
some models proprietary"; but "may cease open-sourcing" says what is done today), turned into `planned`
by an intention ("plans to release … as open source"), into `partial` by a use restriction or data kept
back, and dropped when it is history ("originally founded as a non-profit for open source research") or
not a verb ("Open sources include …"). Its targets are the entities attribution finds; a model's lab
named in the same clause is credited too ("Meta's Llama is open"), and a cue that points back ("OpenAI
open sourced it") goes to what the claim before named.

Cost is linear in the claim's length: the cues, the clause boundaries and the mentions are each found in
one pass, and each cue then reads a bounded stretch around itself (LOOK_BEHIND back, LOOK_AHEAD on), with
mentions looked up by bisection. A claim of one endless clause full of cues and names costs per character
what a short one does.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from bot.contracts import EntityRef
from bot.extract.attribution import EXAMPLES_FOLLOW, LOOK_AHEAD, STOP, attribute, names_tooling, points_back
from bot.extract.clauses import BLANK, CONTRAST_BEFORE, CONTRAST_START, NEW_AGENT_START, ClaimText
from bot.extract.components import licence_name, with_components
from bot.extract.cues import (
    CUE_RE,
    NEAR,
    SOURCES,
    SOURCES_SUBJECT,
    closes_both,
    cue_kind,
    is_paired,
    is_verb_cue,
    joins_previous,
    licenses_previous,
    may_have_cue,
    opposite_before,
    qualifies_previous,
    renames_previous,
    restricts_previous,
)
from bot.extract.grammar import LOOK_BEHIND, recent
from bot.extract.modality import (
    CONDITION,
    CONDITIONAL,
    COUNTERFACTUAL,
    DATA_WITHHELD,
    HEADLINE_PLAN,
    HEDGE,
    QUESTION,
    REPORTED_PLAN,
    RESTRICTED,
    UNDECIDED,
    YES_NO_QUESTION,
    answered,
    future_after,
    is_ongoing,
    is_planned,
    lacked,
    negated_at,
    qualified,
    release_denied,
    withheld_partial,
)
from bot.extract.model import Mention, Signal, SignalKind
from bot.extract.topic import about_product_not_ai, kept_not_ai

__all__ = ["CUE_RE", "SignalFinder", "cue_kind", "may_have_cue"]

# "an open-source ChatGPT-like interface", "a Llama-based model": a likeness, not the entity; "Microsoft-backed
# OpenAI", "Google-owned DeepMind": the name qualifies the one after it, which is what the claim is about.
_LIKENESS = re.compile(
    r"-(?:like|style|esque|inspired|based|powered|level|class|compatible"
    r"|backed|owned|funded|financed|sponsored|affiliated|supported)\b",
    re.IGNORECASE,
)
# "openpilot is an open-source self-driving system", "Gemma 3, an open-weights model": the cue heads a noun
# phrase that describes the name right before it (a copula or an apposition between them), so the model's
# lab made it what it is. Not "Llama 3 is open source": a bare predicate says what it is, not who made it;
# not "Sora is a private tool": as for a release, a closed model says nothing of its lab's other models.
_DESCRIBED = re.compile(
    r"\s*(?:,\s*|\s+(?:is|was|are|were|remains)\s+)(?:a|an|one\s+of\s+the)\s+"
    r"(?:(?:fully|truly|completely|entirely|new|own)\s+)?$",
    re.IGNORECASE,
)
# "By open-sourcing their models, organizations like Meta …", "While endorsing open source, Meta also …": an
# opening phrase with no subject of its own, whose subject comes after. A concessive clause with its own
# subject ("While Midjourney is a paid, closed option, …") is not one: its verb does not follow the "While".
_LEADING = re.compile(
    r"(?:(?:By|Through|After|When|Since|In)\s+(?:[\w-]+\s+)?|(?:While|Whilst|Although|Though)\s+(?:\w+ly\s+)?)"
    r"[\w-]+ing\b[^,.;:!?()]{0,200},\s*",
    re.IGNORECASE,
)


# "will make Grok free for all users for a limited time, but only inside the X app": where a free offer holds,
# not how open the model is.
_FREE_OFFER = re.compile(r"\bfree\s+(?:for|to)\b[^.;:!?]*\bbut\s+$", re.IGNORECASE)


# "is not open source in the OSI sense", "… because of its usage restrictions": open with strings attached,
# not closed.
_NOT_STRICTLY = re.compile(
    r"\s+(?:in\s+the\s+(?:OSI|strict|strictest|traditional|classic|classical|true|full|purist)\s+sense"
    r"|by\s+(?:the\s+)?OSI['’]?s?\s+(?:definition|standards?)|(?:strictly|technically)\s+speaking"
    r"|(?:[\w-]+\s+){0,6}?because\s+of\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,3}?(?:restrictions|licen[cs]es?|terms|caps?)\b)",
    re.IGNORECASE,
)

# What stands for a model already named: "put it out", "open-sourced its speech-recognition model", "the weights"
_ITS_MODEL = re.compile(
    # "it" as an object only: "It is an open-source framework by Google" says nothing of the lead's model
    r"\b(?!(?:and|but|so|that|because|while|as|if|when|since|whether|or)\b)[a-z][\w-]*\s+(?:it|the\s+model)\b"
    r"(?!\s+(?:is|was|has|had|remains|stays|will|would|can|could|does|did)\b)|\bits\s+(?:[\w-]+\s+){0,2}?model\b"
    r"|\b(?:the|those)\s+weights\b",
    re.IGNORECASE,
)

# A licence that is one of two set side by side: "explain the difference between the GPL and the Apache
# licence" (not "a divide between closed-source offerings, such as those from OpenAI, and …").
_BETWEEN = re.compile(r"\bbetween\s+[^,;:.!?()]{0,40}$", re.IGNORECASE)
# The material a model learned from: "Copilot was trained on public GitHub repositories, including open-source
# code under the GPL" says nothing of Copilot's own openness.
_TRAINED_ON = re.compile(
    r"\b(?:trained|training|pre-?trained|learn(?:ed|t|s)?)\s+(?:it\s+|them\s+)?(?:on|from)\b"
    # up to the cue, not past a verb of its own ("trained on open data and released as open weights", "the data
    # it was trained on has never been released")
    r"(?:(?!\b(?:and|but|then|while|whereas|so|is|are|was|were|has|have|had|been)\b)[^.;:!?()]){0,100}$",
    re.IGNORECASE,
)
_MATERIAL = re.compile(
    r"\b(?:code|data|datasets?|repositories|repos|corpus|corpora|books|articles|images|videos|web)\b",
    re.IGNORECASE,
)
_LICENCE_OF_OTHER = re.compile(
    r"\s+(?:of|for|on)\s+(?:the|a|an|this|that|his|her|my|our|your)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:repo|repos|repository|repositories|codebase|notebook|package|website|site|header|file)\b",
    re.IGNORECASE,
)

# A commercial licence after a restriction in the same claim is the paid way past it, not a closed model.
_PAID_PATH = re.compile(r"commercial\s+licen[cs]es?", re.IGNORECASE)

# "also sells it as a paid API for those who won't self-host": an API beside the weights.
_ALSO_SOLD = re.compile(
    r"\balso\s+(?:sells?|sold|offers?|offered|provides?|provided|serves?|served|hosts?|hosted)\b",
    re.IGNORECASE,
)

# Between a model and a bare "closed" said of it: "Gemini is closed", "Tesla's FSD software is closed",
# "Gemini itself is closed", "DALL-E, the image model inside ChatGPT, is closed".
_COPULA = re.compile(
    # "Gemini 2.5 Pro and o3 are both closed"
    r"(?:\s*,\s*[^,;:()]{3,120}?,)?\s+(?:(?:software|model|system|stack|itself)\s+)?(?:is|are|remains?|stays?)\s+"
    r"(?:(?:both|all|still|fully|completely)\s+)?"
    # the way notes jot it: "Tesla FSD = closed black box", "Doubao: closed, app only", "Sora / Veo 3: all closed"
    r"|\s*(?:=|:|→|->)\s*(?:(?:all|fully|completely|still)\s+)?"
    # "Tesla FSD is a closed, vertically integrated system"
    r"|\s+(?:is|remains)\s+an?\s+",
    re.IGNORECASE,
)
# … and a lab's models: "OpenAI's flagship models are closed".
_MODELS_ARE = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,2}?models\s+(?:are|remain|stay)\s+(?:(?:still|all|fully|largely)\s+)?",
    re.IGNORECASE,
)
# "GPT-4 closed, Claude closed": a bare "closed" right after a model ends its item of a list.
_ITEM_ENDS = re.compile(r"\s*(?:[,;)]|\.(?!\w)|→|->|$)")
# "GPT-4 is not open source, and neither is Gemini Ultra": the negated predicate is the next name's too.
_NEITHER = re.compile(
    r"\s*,?\s+(?:and\s+)?(?:neither|nor)\s+(?:is|are|was|were|does|do|did|has|have)\s+(?:the\s+)?"
)

# "Snowflake released it under Apache 2.0", "Black Forest Labs licenses them for non-commercial use only": the
# pronoun is the release's object, the model the claim is about.
_PRONOUN_RELEASED = re.compile(
    r"\b(?:releas|publish|licens|ship|distribut|offer|provid|put|post|upload)\w*\s+(?:it|them)\s+"
    r"(?:(?:under|as|with)\s+)?(?:(?:an?|the|its|their)\s+)?$",
    re.IGNORECASE,
)
# "Mistral's non-production licence for Codestral": a licence or terms for a model are that model's.
# And so are weights ("will never release weights for any Claude model", "release the weights of the next big
# Qwen model").
_TERMS_END = re.compile(r"(?:licen[cs]es?|terms(?:\s+of\s+use)?|weights)$", re.IGNORECASE)
_FOR_NAME = re.compile(
    r"\s+(?:for|of|covering)\s+(?:(?:the|its|their|any|every|all|next|new|latest|upcoming|big|biggest|flagship)\s+){0,3}",
    re.IGNORECASE,
)

# Before a pair of opposite cues, these make it a choice open to either ("whether … open-source or
# proprietary", "either open or closed models").
_CHOICE = re.compile(r"\b(?:whether|either)\b(?![^,.;:!?()]*[,.;:!?()])", re.IGNORECASE)


# A cue kept in the passive ("is kept in-house") is a cue only after what can be kept: a name or a model.
_KEPT_PASSIVE = re.compile(r"(?:is|are|was|were|be|been|being)\s+kept\b", re.IGNORECASE)
_KEPT_BY = re.compile(
    r"(?:(?-i:(?!(?:It|This|That|The|These|Those|They|He|She|We|I)\b)[A-Z0-9][\w.-]*)|models?|weights|code|checkpoints|"
    r"itself|themselves)\s+(?:(?:will|would|should|must|has|have|had|to)\s+)?(?:(?:still|also|now|all)\s+)?$",
    re.IGNORECASE,
)


# "but by GPT-4 it would not even disclose the parameter count", "for GPT-4 the company does not even tell how
# many parameters it has": a model set before a clause as its time or scope is what the clause keeps closed.
_AS_OF = re.compile(r"\b(?:by|for|since)\s+(?:the\s+time\s+(?:of\s+)?)?$", re.IGNORECASE)
_SUBJECT_AFTER = re.compile(
    r",?\s+(?:it|they|the\s+(?:company|lab|firm)|(?-i:[A-Z][\w.-]*))\s", re.IGNORECASE
)


def _by_the_time_of(claim: ClaimText, found: list[Signal]) -> list[Signal]:
    """The models a closed clause is said of by "by/for/since MODEL, it …" before it."""
    text = claim.text
    closed = [signal for signal in found if signal.kind == "closed"]
    said = {signal.entity for signal in found}
    added: list[Signal] = []
    for mention in claim.mentions:
        if mention.entity.type != "model" or mention.entity in said:
            continue
        if not _AS_OF.search(text, max(0, mention.start - 20), mention.start):
            continue
        if not _SUBJECT_AFTER.match(text, mention.end):
            continue
        for signal in closed:
            at = text.find(signal.cue, mention.end, mention.end + 120)
            if at >= 0 and not STOP.search(text, mention.end, at):
                said.add(mention.entity)
                added.append(Signal(mention.entity, "closed", signal.cue))
                break
    return added


_LICENCE = re.compile(r"licen[cs]e", re.IGNORECASE)


def _models_of(claim: ClaimText, lab: EntityRef, lab_of: Callable[[EntityRef], EntityRef]) -> list[Mention]:
    """The claim's mentions of `lab`'s models, in order."""
    return [m for m in claim.mentions if m.entity.type == "model" and lab_of(m.entity) == lab]


def _licensed_model(
    found: list[Signal], claim: ClaimText, lab_of: Callable[[EntityRef], EntityRef]
) -> list[Signal]:
    """ "signed off on Llama 3 only after reading Meta's community licence": a lab's restrictive licence in a
    claim that names one model of that lab, and says nothing else of it, is that model's licence."""
    said = {signal.entity for signal in found}
    added: list[Signal] = []
    for signal in found:
        if signal.kind != "partial" or signal.entity.type != "lab" or not _LICENCE.search(signal.cue):
            continue
        models = {m.entity for m in _models_of(claim, signal.entity, lab_of)}
        if len(models) == 1 and not models & said:
            (model,) = models
            said.add(model)
            added.append(Signal(model, "partial", signal.cue))
    return added


# A topic of talk right before a cue: "reflections on open sourcing", "the debate over open-sourcing AI".
_TALK_ABOUT = re.compile(
    r"\b(?:reflections?|thoughts?|views?|debates?|discussions?|conversations?|questions?|opinions?|"
    r"perspectives?|musings?|remarks?)\s+(?:on|over|about|around)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# The act a hedged "may stop" is about is still done ("may cease open-sourcing").
_STOPPING = re.compile(r"\b(?:stop|cease|quit|halt)\s+$", re.IGNORECASE)

# After a lab's open cue, the means it is open by: "a contributor to open source through its Llama models",
# "an investment in open source models with the launch of its own LLM, Arctic".
_MEANS = re.compile(
    r"[^.;:!?,]{0,60}?\b(?:through|via|with)\s+(?:the\s+(?:release|launch|publication)\s+of\s+)?"
    r"(?:(?:its|their|the)\s+)?(?:own\s+)?(?:[\w-]+,?\s+){0,2}?$",
    re.IGNORECASE,
)


def _open_through(
    found: list[Signal], claim: ClaimText, lab_of: Callable[[EntityRef], EntityRef]
) -> list[Signal]:
    """The lab's own models named as the means of a lab's openness are open too."""
    said = {signal.entity for signal in found}
    added: list[Signal] = []
    text = claim.text
    for signal in found:
        if signal.kind != "open" or signal.entity.type != "lab":
            continue
        at = text.find(signal.cue)
        if at < 0:
            continue
        cue_end = at + len(signal.cue)
        for mention in _models_of(claim, signal.entity, lab_of):
            if (
                mention.start > cue_end
                and mention.entity not in said
                and _MEANS.fullmatch(text, cue_end, mention.start)
            ):
                said.add(mention.entity)
                added.append(Signal(mention.entity, "open", signal.cue))
    return added


# "its first open-weight model since GPT-2", "plans an open-weight model this summer, their first since GPT-2":
# the model after "since" was the last of that kind, whatever is said of the new one (planned, a rumour).
# (not "for the first time since Gemini launched": a date)
_FIRST_SINCE = re.compile(r"\bfirst\b(?!\s+time\b)[^.;:!?()]{0,80}?\bsince\s+$", re.IGNORECASE)


def _first_since(claim: ClaimText, cues: Sequence[re.Match[str]]) -> list[Signal]:
    """The models that a "first … since MODEL" after an open or closed cue says were of the cue's kind."""
    found: list[Signal] = []
    text = claim.text
    for mention in claim.mentions:
        if mention.entity.type != "model":
            continue
        first = _FIRST_SINCE.search(text, max(0, mention.start - 100), mention.start)
        if first is None:
            continue
        before = [
            c
            for c in cues
            if c.end() <= mention.start
            and c.start() >= first.start() - 100
            and not STOP.search(text, c.end(), first.start())
        ]
        if before and (kind := cue_kind(before[-1])) in ("open", "closed"):
            found.append(Signal(mention.entity, kind, before[-1].group()))
    return found


class SignalFinder:
    """Openness signals of one claim, given its mentions and its subject.

    `subject_start` is where the subject is mentioned in the text, None when it comes from outside
    (the bullet lead, the heading): a subject mentioned after a cue is not what the cue is about.
    """

    def __init__(
        self, lab_of: Callable[[EntityRef], EntityRef] | None = None, beyond_ai: frozenset[str] = frozenset()
    ) -> None:
        """`beyond_ai`: the ids of labs whose business is more than AI (bot.catalog.Lab.beyond_ai)."""
        self._lab_of = lab_of
        self._beyond_ai = beyond_ai

    def signals(
        self,
        text: str,
        mentions: Sequence[Mention],
        subject: EntityRef | None,
        subject_start: int | None = None,
        referent: EntityRef | None = None,
        labs: Sequence[EntityRef | None] = (),
    ) -> list[Signal]:
        """`referent`: what the claim before this one was about (for "open-sourced it"); `labs`: per
        mention, the lab it names (a lab's own name, "DeepSeek R1"), which a model's signal in the same
        clause credits too ("Meta's Llama is open")."""
        found: list[Signal] = []
        if not may_have_cue(text):  # the cue regex is slow
            return found
        cues = list(CUE_RE.finditer(text))
        if not cues:
            return found
        kept = [i for i, m in enumerate(mentions) if not _LIKENESS.match(text, m.end)]
        claim = ClaimText(
            text, [mentions[i] for i in kept], [labs[i] for i in kept] if labs else [], self._beyond_ai
        )
        seen: set[tuple[EntityRef, SignalKind]] = set()
        previous: list[EntityRef] = []
        planned_before = False
        withheld = [kept.span() for kept in DATA_WITHHELD.finditer(text)]
        leading = _LEADING.match(text)
        opening = leading.end() if leading is not None else -1
        for index, match in enumerate(cues):
            fallback = None
            if (
                subject_start is None
                or subject_start < match.start()
                or match.end() < opening <= subject_start
            ):
                fallback = subject
            if _PAID_PATH.fullmatch(match.group()) and any(cue_kind(c) == "partial" for c in cues[:index]):
                continue  # "only for non-commercial work, so agencies end up paying for a commercial licence"
            if _in_spans(match.start(), withheld) and any(
                cue_kind(c) == "open" and not _in_spans(c.start(), withheld) for c in cues
            ):
                # "weights can be downloaded, but the training data and code stay secret", "made the weights
                # downloadable but never published its training code": the part kept back, which makes the open
                # cue partial (withheld_partial below), not the model closed
                continue
            paired = is_paired(text, cues, index)
            if paired and _CHOICE.search(text, max(0, match.start() - 64), match.start()):
                previous = []
                continue  # "whether the models are open-source or proprietary": a choice, not a fact
            # "offers both open-source and commercial models": the second of a pair is the first's
            same = (
                previous
                if closes_both(text, cues, index)
                or qualifies_previous(text, cues, index)
                or (
                    bool(previous)  # with nobody to qualify, the restriction's own attribution stands
                    and restricts_previous(text, cues, index)
                    and self._names_only(claim, cues[index - 1].end(), match.start(), previous)
                )
                or (bool(previous) and joins_previous(text, cues, index))
                else None
            )
            # "While Midjourney is a paid, closed option, a robust open-source ecosystem …": a name before
            # a cue of the other kind in the clause is that cue's
            floor = opposite_before(text, cues, index)
            signals = self._signals_of(claim, match, fallback, paired, referent, same, floor)
            if planned_before and (
                licenses_previous(text, cues, index) or renames_previous(text, cues, index)
            ):
                # "promised to put the next Nemotron models on Hugging Face under a permissive licence": the
                # licence of a planned release is planned too, and so is the release named again after it
                # ("plans to put out an open-weight model, its first open-weight release in years")
                signals = [Signal(entity, "planned", match.group()) for entity in previous]
            previous = [signal.entity for signal in signals]
            planned_before = bool(signals) and all(signal.kind == "planned" for signal in signals)
            for signal in signals:
                if (signal.entity, signal.kind) not in seen:
                    seen.add((signal.entity, signal.kind))
                    found.append(signal)
        for signal in _first_since(claim, cues):
            if (signal.entity, signal.kind) not in seen:
                seen.add((signal.entity, signal.kind))
                found.append(signal)
        found += _by_the_time_of(claim, found)
        if (
            not claim.names_ai_maker
            and any(signal.entity.id in self._beyond_ai for signal in found)
            and about_product_not_ai(text)
        ):
            found = [signal for signal in found if signal.entity.id not in self._beyond_ai]
        if self._lab_of is not None:
            found += _licensed_model(found, claim, self._lab_of)
            found += _open_through(found, claim, self._lab_of)
        found = qualified(found, self._lab_of)
        if withheld and any(signal.kind == "open" for signal in found):
            found = withheld_partial(found)
        # the component each cue names ("open-sourced its weights"): it never changes which signals there are
        return with_components(text, found)

    def _signals_of(
        self,
        claim: ClaimText,
        match: re.Match[str],
        fallback: EntityRef | None,
        paired: bool,
        referent: EntityRef | None,
        same: list[EntityRef] | None = None,
        floor: int = -1,
    ) -> list[Signal]:
        text = claim.text
        start, end = match.span()
        clause_start, clause_end = claim.clause(start, end)
        scope = max(clause_start, start - LOOK_BEHIND)
        if claim.history_between(scope, start):
            return []
        if (
            NEW_AGENT_START.match(text, clause_start)
            or CONTRAST_START.match(text, clause_start)
            or CONTRAST_BEFORE.search(text, max(0, clause_start - 12), clause_start)
        ):
            # "…, unlike open-weight Wan 2.1": the other side of a contrast is not the subject
            fallback = None
        if (trained := _TRAINED_ON.search(text, max(scope, start - 120), start)) and _MATERIAL.search(
            text, trained.start(), min(len(text), end + 24)
        ):
            # "trained on public GitHub repositories, including open-source code": what it learned from; not
            # "attacks trained on open-source models like Vicuna", which says what Vicuna is
            return []
        if (
            _BETWEEN.search(text, max(scope, start - 48), start) or _LICENCE_OF_OTHER.match(text, end)
        ) and licence_name(match.group()):
            # "the difference between the GPL and the Apache licence": two licences set side by side; "cited the
            # MIT licence of the GitHub repo": a repository's licence, not a model's
            return []
        if SOURCES.fullmatch(match.group()) and not self._verb_sources(claim, scope, start):
            return []  # "Open sources include tools like Google Maps": intelligence sources, not a verb
        if _TALK_ABOUT.search(text, max(scope, start - 40), start):
            return []  # "explored philosophical reflections on open sourcing technology": a topic of talk
        kind = cue_kind(match)
        reported = kind == "open" and (
            REPORTED_PLAN.search(text, max(scope, start - 96), start) is not None
            or HEADLINE_PLAN.fullmatch(text, clause_start, start) is not None
            or future_after(text, scope, start, end, clause_end)
        )
        # asked whether it would ever be released, the answer was no: closed, whatever the question's modal
        denied = kind == "open" and release_denied(text, start, end)
        hedged = not reported and not denied and HEDGE.search(text, max(scope, start - 64), start) is not None
        # "may cease open-sourcing its models": whether it stops is a possibility, that it does so today is not
        still = (
            hedged
            and kind == "open"
            and _STOPPING.search(text, max(scope, start - 12), start) is not None
            and is_verb_cue(text, match, scope)
        )
        if hedged and not still:
            return []  # "may choose to keep some models proprietary": not today
        window = max(scope, start - NEAR)
        if (
            (UNDECIDED.search(text, window, start) or QUESTION.search(text, window, start))
            and not answered(text, start)
            and not denied
        ):
            return []  # "has not decided whether Llama 4 will be open-sourced", "Whether …": nothing yet
        if text.startswith("?", clause_end) and YES_NO_QUESTION.match(text, clause_start):
            return []  # "Is Claude open-source? No, …"
        if kind == "open" and COUNTERFACTUAL.search(text, window, start) and is_verb_cue(text, match, scope):
            kind = "closed"  # "If Google had open-sourced Gemini, …": it did not ("had not": it did)
        elif CONDITIONAL.search(text, window, start) and is_verb_cue(text, match, scope):
            # "If Google ever open-sourced Gemini, …": what would be; but "if companies use open-source
            # models like Llama" still says what Llama is
            return []
        if match.group().lower() == "closed" and not (
            claim.names_next(end) or self._model_is_closed(claim, start)
        ):
            # a bare "closed" is a cue only right before a name ("Google's closed Gemini") or said of a model
            # ("Google's Gemini is closed, while …"); not "the office is closed"
            return []
        if kind == "closed" and lacked(text, scope, start):
            return []  # "despite not having its own proprietary models": lacking, not open
        if kind == "closed" and _ALSO_SOLD.search(text, max(scope, start - 48), start):
            return []  # "Z.ai also sells it as a paid API": one more way to get it, not the only one
        if kind == "closed" and _FREE_OFFER.search(text, max(0, start - NEAR), start):
            return []  # "free for all users for a limited time, but only inside the X app"
        if _KEPT_PASSIVE.match(match.group()) and not _KEPT_BY.search(text, max(0, start - 60), start):
            return []  # "the terms of the deal were kept confidential": what was kept is not a model
        if kept_not_ai(match.group()):
            return []  # "keeps its pricing closed", "share a file openly": what is kept or shared is not AI
        cue_start = start
        negation = None if still else negated_at(text, scope, start)
        ongoing = False
        if negation is not None and kind != "partial":
            if CONDITION.search(text, end, clause_end):
                return []  # "is not expected to open source its best models if it leads": not today
            kind = "open" if kind == "closed" else "partial" if _NOT_STRICTLY.match(text, end) else "closed"
            cue_start = negation
        elif reported:
            kind = "planned"
        elif (
            kind == "open"
            and not self._done_by_name(claim, match)
            and is_planned(words := recent(text, scope, start, 10))
        ):
            ongoing = is_ongoing(words, match.group(), is_verb_cue(text, match, scope))
            kind = "planned"
        if denied:
            kind, ongoing = "closed", False  # asked whether it would be released, the answer was no
        restricted = RESTRICTED.match(text, end) if kind == "open" else None
        if restricted is not None:  # "releases weights non-commercially": open with strings attached
            kind = "partial"
            end = restricted.end()
        cue = text[cue_start:end]
        if floor >= clause_start:
            fallback = None  # a cue of the other kind stands between the subject and this cue
        else:
            floor = scope
        if same is not None:
            targets = list(same)
        else:
            targets = attribute(claim, match, fallback, clause_start, clause_end, paired, floor)
        targets = self._objects_named(claim, targets, scope, (start, end), fallback, negation is not None)
        targets = self._examples_owned(claim, targets, start, end)
        # "OpenAI open sourced it", "the company may reconsider its open-source stance"
        if referent is not None and referent not in targets and points_back(text, match, scope, targets):
            targets.append(referent)
        # "Open-sourcing Llama is a pragmatic move": whoever released a model is its lab
        released = negation is None and kind != "closed" and is_verb_cue(text, match, scope)
        targets = self._with_labs(
            claim, targets, (start, end), (clause_start, clause_end), kind, released, fallback
        )
        # the pronoun may come after the cue ("open-sourced its model") or before it ("put it out under …")
        near = (max(scope, start - 40), min(clause_end, end + 40))
        if fallback is not None and self._its_model(claim, targets, fallback, *near):
            targets.append(fallback)
        if ongoing:
            # "Meta will likely continue to open source models like Llama 4": Meta is open source today; what
            # it names next is still to come
            upcoming = {claim.mentions[i].entity for i in claim.between(end, clause_end)}
            return [Signal(t, "planned" if t in upcoming else "open", cue) for t in targets]
        return [Signal(target, kind, cue) for target in targets]

    def _with_labs(
        self,
        claim: ClaimText,
        targets: list[EntityRef],
        span: tuple[int, int],
        clause: tuple[int, int],
        kind: SignalKind,
        released: bool = False,
        agent: EntityRef | None = None,
    ) -> list[EntityRef]:
        """ "Meta's Llama is open", "Jamba, an open model developed by AI21": a model's signal is its
        lab's too when the clause names the lab, when the cue says the model was released
        ("Open-sourcing Llama …", "Llama was open-sourced"), when it describes the model named right
        before it ("openpilot is an open-source self-driving system"), or when the lab is who the clause is
        about (`agent`: "It released its R1 model with open weights" after a claim about DeepSeek)."""
        if self._lab_of is None:
            return targets
        (start, end), (clause_start, clause_end) = span, clause
        near = claim.between(max(clause_start, start - LOOK_BEHIND), min(clause_end, end + LOOK_AHEAD))
        named = {claim.labs[i] for i in near} if claim.labs else set()
        k = bisect_right(claim.ends, start) - 1  # the mention right before the cue
        described = (
            claim.mentions[k].entity
            if kind != "closed"
            and k >= 0
            and claim.starts[k] >= clause_start
            and _DESCRIBED.match(claim.text, claim.ends[k], start)
            and not names_tooling(claim, end)
            else None
        )
        found = list(targets)
        for target in targets:
            lab = self._lab_of(target)
            if (
                lab != target
                and (released or lab in named or target == described or (kind != "closed" and lab == agent))
                and lab not in found
            ):
                found.append(lab)
        return found

    @staticmethod
    def _objects_named(
        claim: ClaimText,
        targets: list[EntityRef],
        scope: int,
        span: tuple[int, int],
        subject: EntityRef | None,
        negated: bool,
    ) -> list[EntityRef]:
        """What the cue's object and what follows it name besides its agent: the claim's model for a pronoun
        ("Snowflake released it under Apache 2.0"), the model a licence or weights are for ("Mistral's
        non-production licence for Codestral", "never release weights for any Claude model"), and, for a
        negated cue, the name after ", and neither is" ("GPT-4 is not open source, and neither is Gemini")."""
        text = claim.text
        start, end = span
        found = targets
        if (
            subject is not None
            and subject.type == "model"
            and subject not in found
            and _PRONOUN_RELEASED.search(text, max(scope, start - 48), start)
        ):
            found = [*found, subject]
        k = bisect_left(claim.starts, end)
        if (
            k < len(claim.starts)
            and _TERMS_END.search(text, start, end)
            and _FOR_NAME.fullmatch(text, end, claim.starts[k])
            and claim.mentions[k].entity not in found
        ):
            found = [*found, claim.mentions[k].entity]
        neither = _NEITHER.match(text, end) if negated else None
        if neither is not None and claim.names_next(neither.end()):
            k = bisect_left(claim.starts, neither.end())
            if claim.mentions[k].entity not in found:
                found = [*found, claim.mentions[k].entity]
        return found

    def _names_only(self, claim: ClaimText, start: int, end: int, previous: list[EntityRef]) -> bool:
        """Whether everything named between `start` and `end` is in `previous` or is the lab of one of them."""
        allowed = set(previous)
        if self._lab_of is not None:
            allowed |= {self._lab_of(entity) for entity in previous}
        return all(claim.mentions[i].entity in allowed for i in claim.between(start, end))

    def _examples_owned(
        self, claim: ClaimText, targets: list[EntityRef], start: int, end: int
    ) -> list[EntityRef]:
        """ "AWS offers open-source models like Llama through Bedrock": when the cue names its examples, a lab
        before it offers them only if they are its own ("Meta offers open models like Llama")."""
        if self._lab_of is None or len(targets) < 2:
            return targets
        if EXAMPLES_FOLLOW.match(claim.text, end, end + 80) is None:
            return targets  # "backed by Nvidia" is an agent, not an example
        # only the names within reach of the cue, so a long claim full of cues costs no more per cue
        after = {claim.mentions[i].entity for i in claim.between(end, end + LOOK_AHEAD)} & set(targets)
        if not after:
            return targets
        owners = {self._lab_of(entity) for entity in after}
        before = {claim.mentions[i].entity for i in claim.between(max(0, start - LOOK_BEHIND), start)}
        return [t for t in targets if t in after or t not in before or t.type != "lab" or t in owners]

    def _its_model(
        self, claim: ClaimText, targets: list[EntityRef], fallback: EntityRef, since: int, end: int
    ) -> bool:
        """Whether the claim's subject is a model that the cue, credited to its lab alone, is about by a
        pronoun: "**Whisper:** OpenAI open-sourced its speech-recognition model", "gpt-oss-20b runs on a
        laptop, and OpenAI put it out under Apache 2.0"."""
        return (
            fallback.type == "model"
            and self._lab_of is not None
            and targets == [self._lab_of(fallback)]
            and _ITS_MODEL.search(claim.text, since, end) is not None
        )

    @staticmethod
    def _done_by_name(claim: ClaimText, match: re.Match[str]) -> bool:
        """Whether the cue is a verb in the past tense right after a name or a pronoun, its subject ("…, and Meta
        open-sourced Llama"): a finite verb of its own clause, which a "will" before it does not govern (it
        governs "will open-source", "will be open-sourced", "will have released")."""
        start = match.start()
        if not match.group().split(maxsplit=1)[0].lower().endswith("ed"):
            return False
        k = bisect_right(claim.ends, start) - 1
        if k >= 0 and _ADVERBS_ONLY.fullmatch(claim.text, claim.ends[k], start):
            return True
        return _PRONOUN_SUBJECT.search(claim.text, max(0, start - 24), start) is not None

    @staticmethod
    def _model_is_closed(claim: ClaimText, start: int) -> bool:
        """Whether a bare "closed" at `start` is the predicate of the model named right before it."""
        k = bisect_right(claim.ends, start) - 1
        if (
            k >= 0
            and claim.mentions[k].entity.type == "model"
            and BLANK.fullmatch(claim.text, claim.ends[k], start)
            and _ITEM_ENDS.match(claim.text, start + len("closed"))
        ):
            return True
        if k >= 0 and _MODELS_ARE.fullmatch(claim.text, claim.ends[k], start):
            return True  # "OpenAI's flagship models are closed"
        # "DALL-E, the image model inside ChatGPT, is closed": past the names of a part set off by commas
        while k >= 0:
            copula = _COPULA.fullmatch(claim.text, claim.ends[k], start)
            if copula is not None:
                return claim.mentions[k].entity.type == "model"
            if start - claim.ends[k] > 130:
                return False
            k -= 1
        return False

    @staticmethod
    def _verb_sources(claim: ClaimText, scope: int, start: int) -> bool:
        """Whether "open sources" is a verb: a name or a subject word right before it ("Meta open sources
        Llama", "which also open sources")."""
        k = bisect_right(claim.ends, start) - 1
        if k >= 0 and BLANK.fullmatch(claim.text, claim.ends[k], start):
            return True
        return SOURCES_SUBJECT.search(claim.text, max(scope, start - 40), start) is not None


# Between a subject and its verb: adverbs only ("Meta quietly open-sourced").
_ADVERBS_ONLY = re.compile(r"\s+(?:\w+ly\s+)*")
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they|he|she|we)\s+(?:\w+ly\s+)*$", re.IGNORECASE)


def _in_spans(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)
