"""What a cue says today: negation, hedges, plans, use restrictions and data kept back (issue 10, items 4
and 5).

"not open source", "highly unlikely to ever be open-sourced" and "will stop open-sourcing" are closed; "may
choose to keep some models proprietary" says nothing about today; "plans to release … as open source" is
planned; "releases weights non-commercially" and "open weights but not the training data" are partial.
Each check reads a bounded stretch before or after the cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.contracts import EntityRef
from bot.extract.cues import NEAR
from bot.extract.model import Signal

# An open cue with strings attached: "releases weights non-commercially", "for research use only".
RESTRICTED = re.compile(
    r",?\s+(?:[\w.-]+,?\s+){0,4}?(?:non-?commercially|for\s+(?:non-?commercial|research|academic)\s+(?:use|purposes)"
    r"(?:\s+only)?|"
    # "released openly for research.": research is all it is for
    r"for\s+(?:academic\s+)?research(?:\s+only)?(?=\s*(?:[.;)!]|$))|"
    # "available to download, with some restrictions"
    r"with\s+(?:some|certain|several|a\s+few)\s+(?:restrictions|limitations|conditions|caveats)|"
    # "available for research but not for commercial use"
    r"for\s+research\s+(?:but|and)\s+not\s+(?:for\s+)?commercial(?:ly|\s+(?:use|purposes))|"
    # "released under terms that still restrict certain uses", "though under a custom open model licence"
    r"under\s+terms\s+that\s+(?:still\s+)?(?:restrict|limit|bar|ban|forbid)|"
    r"(?:though|but)\s+under\s+(?:an?\s+|its\s+(?:own\s+)?)?(?:custom|bespoke|restrictive)\s+(?:[\w-]+\s+){0,3}?licen[cs]e|"
    # "lets anyone download the dev weights but forbids commercial use"
    r"but\s+(?:forbids|bans|prohibits|bars|disallows|rules\s+out)\s+(?:any\s+)?commercial\s+use|"
    # "available to academic scientists only on request", "available to approved researchers upon application"
    r"(?:only\s+)?(?:on|upon|by)\s+(?:request|application|approval)\b|"
    r"under\s+an?\s+(?:non-?commercial|research[\s-]only|restrictive)\s+licen[cs]e|"
    # "made available for commercial use under an acceptable use policy": open, with strings attached
    r"under\s+(?:an?\s+|its\s+|their\s+)?acceptable[\s-]use\s+polic(?:y|ies)|"
    # "free for commercial use unless your product has more than 700 million monthly users"
    r"(?:unless|except\s+(?:when|if|for))\s+(?:[\w'’-]+\s+){0,6}?(?:more\s+than|over|above|exceeds?|passes)\s+[\d,.]+)",
    re.IGNORECASE,
)

# The data behind an open release kept back: "internal training data is typically not shared", "open
# weights but not the training data", "without releasing the training data".
DATA_WITHHELD = re.compile(
    r"\b(?:training\s+)?data(?:sets?)?(?:\s+and\s+(?:the\s+)?code)?(?:\s+behind\s+it)?\s+(?:is|are|was|were|remains?|has|have)\s+"
    r"(?:\w+\s+){0,2}?(?:not|never)\s+"
    r"(?:been\s+)?(?:shared|released|disclosed|published|made\s+public|open)"
    r"|\b(?:but|though|yet)\s+not\s+(?:the\s+|its\s+|their\s+)?(?:(?:pre-?)?training\s+)?data\b"
    # "released neither the training code nor the data", "Meta did not share the videos it was trained on"
    r"|\breleased\s+neither\s+(?:the\s+)?(?:training\s+)?(?:code|data)\b"
    r"|\b(?:did\s+not|didn['’]t|never)\s+(?:share|release|publish)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:data|videos|images|dataset)\s+(?:it|they)\s+(?:was|were)\s+trained\s+on\b"
    # "released the weights of Grok 1, though without the training code or the data behind it"
    r"|\b(?:but|though|yet)\s+without\s+(?:the\s+|its\s+|their\s+)?(?:training\s+)?(?:code|data)\b"
    # "the lab never released its training data"
    r"|\b(?:never|not|n['’]t)\s+(?:released|shared|published|disclosed|release|share|publish|disclose)\s+(?:its|their|the)\s+"
    r"(?:pre-?training\s+|training\s+)(?:data|code)\b"
    # "the training data and code stay secret"
    r"|\btraining\s+(?:data|code)(?:\s+(?:and|or)\s+(?:most\s+of\s+|much\s+of\s+)?(?:the\s+)?(?:full\s+|complete\s+)?"
    r"(?:data|code|pipeline|recipe))?\s+"
    r"(?:stays?|remains?|are\s+kept|is\s+kept)\s+"
    r"(?:secret|private|hidden|closed|proprietary)\b"
    # "although the training data they never shared with anybody"
    r"|\btraining\s+data\s+(?:they|it|we)\s+(?:never|did\s*n[o'’]t|have\s*n[o'’]t)\s+(?:shared?|released?|published?|disclosed?)\b"
    r"|\bneither\s+(?:the\s+|its\s+|their\s+)?(?:training\s+)?data\s+nor\b"  # "neither its data nor its code was shared"
    r"|\bwithout\s+(?:releasing\s+|sharing\s+|disclosing\s+)?(?:the\s+|its\s+|their\s+)?training\s+data"
    # "withheld the pretraining corpus", "held back its training data"
    r"|\b(?:withh[eo]ld\w*|(?:kept|keeps?|keeping|held|holds?|holding)\s+back)\s+(?:the\s+|its\s+|their\s+)?(?:full\s+)?"
    r"(?:pre-?training\s+|training\s+)(?:corpus|data(?:sets?)?)\b"
    # "keeps the training videos in-house", "kept its training data to itself"
    r"|\b(?:kept|keeps?|keeping)\s+(?:the\s+|its\s+|their\s+)?(?:pre-?training|training)\s+"
    r"(?:corpus|data(?:sets?)?|videos|images|set|recipe)\s+(?:in-house|to\s+(?:itself|themselves)|private|secret)\b",
    re.IGNORECASE,
)

# "aim to establish a business model that sustains open-source development": the plan is not the cue's
_RELATIVE = re.compile(r"\b(?:that|which|who)\b", re.IGNORECASE)

# A possibility, not a fact: a modal that governs the cue, with no noun phrase between ("could be an
# open-source model" is about the model; "may choose to keep it proprietary" is not evidence of anything today).
HEDGE = re.compile(
    r"\b(?:may|might|could|would|should)\s+"
    r"(?:(?!(?:the|a|an|its|their|his|her|our|of|with|than|from|for|in|on|by|like|as|against)\s)[\w'’-]+\s+){0,5}$",
    re.IGNORECASE,
)

_NEGATIVE_CUE = re.compile(r"(?:no|never|nobody|not)\b", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:not|cannot|never|no|none|nor|neither|without|unlikely|stops?|stopp\w*|ceas\w*|refus\w*|declin\w*|abandon\w*)\b|n['’]t\b",
    re.IGNORECASE,
)

# "rather than open-sourcing": only when it governs the cue itself, not "rather than a broad open … effort".
_INSTEAD = re.compile(
    r"\b(?:rather\s+than|instead\s+of)\s+(?:[\w-]+\s+)?(?:(?:its|their|it|them)\s+(?:own\s+)?)?$"
    # "has moved away from its open-source roots", "abandoned their open approach": open no longer
    r"|\b(?:mov|shift|turn|walk|drift|depart|pivot|retreat|stray|stepp?)\w*\s+away\s+from\s+(?:its|their)\s+"
    r"(?:own\s+|early\s+|original\s+|former\s+)*$"
    r"|\b(?:abandon|ditch|forsak|forsook|renounc|betray)\w*\s+(?:its|their)\s+(?:own\s+|early\s+|original\s+|former\s+)*$",
    re.IGNORECASE,
)

# "has not decided whether Llama 4 will be open-sourced", "it is unclear if": a question still open.
UNDECIDED = re.compile(
    r"\b(?:(?:not|n['’]t|yet\s+to)\s+(?:yet\s+)?(?:decided?|sure|know|said|confirmed?|announced)|undecided|unclear|unknown|"
    # "the guest wonders whether Anthropic will ever open-source …": a question, not a plan
    r"uncertain|wonder(?:s|ed|ing)?|ask(?:s|ed|ing)?|question(?:s|ed|ing)?|weigh(?:s|ed|ing)?|consider(?:s|ed|ing)?|"
    # "listeners wanted to know if Claude Code is open source"
    r"debat(?:es?|ed|ing)|know|curious)\s+(?:yet\s+)?(?:whether|if)\b[^.;:!?]*$",
    re.IGNORECASE,
)

# A claim that opens with the question it answers: "Asked whether Google is an open-source company, the guest …",
# "When a viewer asked whether GPT-5 would ever be open-sourced, …"
_ASKED_FIRST = re.compile(
    r"\s*(?:when\s+(?:[\w'’-]+\s+){0,3}?)?asked\s+(?:[\w'’-]+\s+){0,3}?(?:whether|if)\b[^.;:!?,]*,",
    re.IGNORECASE,
)
# … and an answer that says no: then what was asked about is denied ("the spokesperson said there are no plans to
# do that", "said flatly that it would not", "frontier models will stay closed").
_NO_ANSWER = re.compile(
    r"\b(?:no\s+plans?|(?:would|will|does|do)\s+not|won['’]t|wouldn['’]t|not\s+(?:on\s+the\s+roadmap|happening)|"
    r"(?:said|answered|replied)\s+(?:flatly\s+)?no\b|flatly\s+no|stay\s+closed|ruled\s+(?:it\s+)?out)\b",
    re.IGNORECASE,
)
# A release said not to be coming, after the cue: 'publishing Claude's weights is "not on the roadmap"'.
_DENIED_AFTER = re.compile(
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:is|was|are|were)\s+[\"“']?(?:not\s+on\s+the\s+(?:roadmap|table|cards)|"
    r"off\s+the\s+table|not\s+happening|out\s+of\s+the\s+question)\b",
    re.IGNORECASE,
)


def answered(text: str, start: int) -> bool:
    """Whether the cue at `start` comes after the question the claim opens with, in its answer."""
    asked = _ASKED_FIRST.match(text)
    return asked is not None and asked.end() <= start


def release_denied(text: str, start: int, end: int) -> bool:
    """Whether the open cue at `start`..`end` is a release said not to come: asked about in the question the
    claim opens with and answered no, or followed by "is not on the roadmap"."""
    if _DENIED_AFTER.match(text, end) is not None:
        return True
    asked = _ASKED_FIRST.match(text)
    return asked is not None and start < asked.end() and _NO_ANSWER.search(text, asked.end()) is not None


# "If Google ever open-sourced Gemini, …": a cue inside a condition says what would be, not what is.
CONDITIONAL = re.compile(
    # "had Google released PaLM's weights in 2022, …": a condition by inversion
    r"\b(?:if|unless|suppose|supposing)\b[^,;:.!?()]*$|\bhad\s+(?-i:[A-Z])[\w.&-]*(?:\s+(?-i:[A-Z])[\w.&-]*)?\s+$",
    re.IGNORECASE,
)
# "If Google had open-sourced Gemini, …", "had OpenAI released GPT-4's weights": a past that did not happen.
COUNTERFACTUAL = re.compile(
    r"\bif\s+(?:[\w.&'’-]+\s+){1,3}?had\s+(?:(?:ever|just|already|actually|only)\s+)?(?:not\s+|never\s+)?$|"
    r"\bif\s+(?:[\w.&'’-]+\s+){1,3}?hadn['’]t\s+$|"
    r"(?:^|[,;:]\s+|\band\s+)had\s+(?-i:[A-Z])[\w.&-]*(?:\s+(?-i:[A-Z])[\w.&-]*)?\s+(?:not\s+)?$",
    re.IGNORECASE,
)
# "Whether Mistral will keep releasing open weights is something nobody knows": a question, whatever the cue;
# "it just means you can order at any time, not that its code is public": a reading set aside, not its opposite.
QUESTION = re.compile(r"\b(?:whether|not\s+that)\b[^,;:.!?()]*$", re.IGNORECASE)
# "Is Claude open-source? No, …", "Will Meta open-source Llama 5?": a yes-no question asks; it says nothing.
# (A wh-question takes its cue as given: "Why did Meta open-source Llama?")
YES_NO_QUESTION = re.compile(
    r"\s*(?:[\w\s]{0,24}:\s*)?(?:is|are|was|were|will|would|can|could|should|does|do|did|has|have)\b",
    re.IGNORECASE,
)

# "has not released any of its models as open source": the negated verb governs the cue from afar.
_NOT_RELEASED_AS = re.compile(
    r"(?:\b(?:not|never)\s+|n['’]t\s+)(?:yet\s+|ever\s+)?(?:been\s+)?(?:releas|publish|ship|offer|distribut|made|make)\w*"
    r"\b[^,;()]{0,60}?\bas\s+(?:an?\s+)?$",
    re.IGNORECASE,
)

# What "stop" negates: the act right after it ("stop open-sourcing", "stops releasing weights").
_STOPPED_ACT = re.compile(r"\s+[\w-]+ing\b")
_NOT_NEGATION = re.compile(r"\bnot\s+(?:only|just|merely)\b|\bno\s+(?:doubt|longer\s+just)\b", re.IGNORECASE)

# Words that put what follows "to" ahead: "plans to", "is expected to", "aims to".
_AHEAD = (
    r"plans?|planning|planned|intends?|intending|going|promised?|pledged?|expects?|expected|preparing|about|"
    r"aims?|aiming|aimed|set"
)
_WISHES = r"hopes?|hoping|wants?|wanting|seeks?|seeking|strives?|striving"
_PLAN = re.compile(
    r"\b(?:" + _AHEAD + r"|intention|promises|promising|committed)\s+to\b(?!\s+be\b)"
    r"|\bwill\b|['’]ll\b|\bsoon\b|\bupcoming\b"
    r"|\b(?:plan|goal|aim|idea|intention|hope)\s+(?:is|was)\s+to\b"  # "the plan is to release OpenCog Hyperon"
    # "rumours suggest Google may eventually release a small, downloadable version of Gemini"
    r"|\b(?:may|might|could)\s+(?:eventually\s+|soon\s+|one\s+day\s+|someday\s+)?(?:release|ship|publish|launch|put\s+out)\b"
    r"|\b(?:delay|delays|delayed|delaying|postpones?|postponed|postponing)\b"  # "OpenAI delays its open-weight model again"
    r"|\b(?:promised|forthcoming|long-awaited)\s*$"  # "OpenAI's promised open-weight model"
    r"|\b(?:talk(?:s|ed|ing)?|spoken|hinted|hints?)\s+(?:publicly\s+|openly\s+)?about\s*$"  # "has talked about open-sourcing"
    # "xAI aims to be more open source", "is expected to be released as open source": an aim or an expectation
    # is what the cue says of its subject, not yet a fact. Only with the cue right after "to be" (an adverb
    # or "released as" between): "aims to be the leading open-source lab" presumes it open already.
    r"|\b(?:" + _AHEAD + r"|" + _WISHES + r")\s+to\s+(?:be|become)"
    r"(?:\s+(?:more|fully|completely|entirely|truly|genuinely|also|eventually|finally|soon|made|released|"
    r"published|available)(?:\s+as(?:\s+an?)?)?)*\s*$",
    re.IGNORECASE,
)


# "Baidu said Ernie 4.5 would be open-sourced by the end of June": a would that reports a promise is a plan,
# not a hedge.
# Who reports a plan: "said", "announced", "pledged" …
_REPORTING = (
    r"said|says|saying|announced|announces|promised|promises|confirmed|confirms|pledged|pledges|stated|"
    r"tweeted|posted|wrote|writes|insisted|insists"
)
REPORTED_PLAN = re.compile(
    r"\b(?:" + _REPORTING + r"|told|pledge|promise|vow|commitment)\b"
    # "told developers it would ship an open-weight model": a release verb and its article may come between
    r"(?:\s+that)?(?:\s+[\w.'’-]+){1,5}?\s+would\s+(?:also\s+|soon\s+)?(?:be\s+|become\s+)?"
    # "told partners it would release the full Qwen3 family with open weights"
    r"(?:(?:release|ship|publish|launch|put\s+out)\s+(?:an?|the|its|their)\s+(?:[\w.-]+\s+){0,3}?(?:with\s+|as\s+(?:an?\s+)?)?"
    # "announced that it would make its next ERNIE model open source"
    r"|make\s+(?:an?|the|its|their)\s+(?:[\w.-]+\s+){0,3}?)?$",
    re.IGNORECASE,
)


# A headline's infinitive: "Meta to open-source Llama 4", "Heard: MSFT to open-source Phi-4 weights" (the clause
# is the name and "to" up to the cue).
HEADLINE_PLAN = re.compile(r"\s*(?-i:[A-Z][\w.&-]*)(?:\s+(?-i:[A-Z0-9][\w.&-]*)){0,2}\s+to\s+")


# "said it would release its first open-weight model in the coming months", "announced that an open-weight
# version would follow": a cue the future governs from after it is a plan.
_FUTURE_AFTER = re.compile(
    r"\b(?:later\s+this\s+(?:year|month|quarter|spring|summer|fall|autumn|winter)|next\s+(?:week|month|quarter|year)|"
    r"in\s+the\s+(?:coming|next\s+few)\s+"
    r"(?:days|weeks|months|quarters|years?)|by\s+the\s+end\s+of\s+(?:the|this)\s+(?:year|month|quarter)|"
    r"in\s+(?:a\s+few|a\s+couple\s+of|two|three)\s+(?:days|weeks|months)"
    # "an open-weights OpenAI model is coming this summer"
    r"|(?:is|are)\s+(?:coming|on\s+(?:its|their|the)\s+way|due\s+(?:out|soon))|coming\s+soon)\b",
    re.IGNORECASE,
)
# A present tense that tells a schedule: the verb before the cue, and a time or condition right after it.
_SCHEDULED_BEFORE = re.compile(r"\b(?:goes|gets|is\s+getting|is\s+going)\s+$", re.IGNORECASE)
_SCHEDULED_AFTER = re.compile(
    r"\s+(?:once|when|after|at\s+the\s+end\s+of|by|later|next|in\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Q[1-4]|20\d\d))\b",
    re.IGNORECASE,
)
# "the weights are coming", "the weights for Llama 4 Behemoth will be published", "weights will go up on HF"
_COMING = re.compile(
    r"\b(?:coming|way)$|\bwill\s+(?:be|go)\b|\b(?:will|would)\s+(?:follow|come)\b", re.IGNORECASE
)
_ANNOUNCED_THAT = re.compile(
    r"\b(?:" + _REPORTING + r"|revealed|teased)\s+(?:that\s+)?(?:an?|the|its|their)\s+$",
    re.IGNORECASE,
)
_WILL = re.compile(r"\b(?:would|will)\b|['’]ll\b", re.IGNORECASE)


def future_after(text: str, scope: int, start: int, end: int, clause_end: int) -> bool:
    """Whether the clause after the open cue at `start`..`end` puts it in the future: a time still to come,
    the present of a scheduled event ("gets open-sourced once Grok 4 is stable", "goes open source at the end
    of June"), a cue that says it is coming ("the weights are coming"), or the "would" of an announcement
    whose subject the cue is in."""
    if _FUTURE_AFTER.search(text, end, clause_end) is not None or _COMING.search(text, start, end):
        return True
    if _SCHEDULED_BEFORE.search(text, max(scope, start - 16), start) and _SCHEDULED_AFTER.match(text, end):
        return True
    announced = _ANNOUNCED_THAT.search(text, max(scope, start - 48), start) is not None
    return announced and _WILL.search(text, end, clause_end) is not None


def withheld_partial(found: list[Signal]) -> list[Signal]:
    """ "Open weights, but not the training data": what is open with its data kept back is partial."""
    kept: list[Signal] = []
    for signal in found:
        if signal.kind == "open":
            signal = Signal(signal.entity, "partial", signal.cue)
        if all((s.entity, s.kind) != (signal.entity, signal.kind) for s in kept):
            kept.append(signal)
    return kept


def qualified(found: list[Signal], lab_of: Callable[[EntityRef], EntityRef] | None = None) -> list[Signal]:
    """ "The company keeps specific licensing terms on its open-source models": an entity a claim calls open
    and, in the same breath, open with strings attached is partial only. With `lab_of`, so is its lab
    credited beside it ("Falcon 180B from TII is downloadable, but its license restricts hosting") and its
    model whose lab's terms the claim restricts ("released Gemma 3 with open weights but a restrictive
    license"); not another model of that lab ("Llama 2 was downloadable by anyone, whereas the LLaMA 1 weights sat
    behind a request form")."""
    partial = {signal.entity for signal in found if signal.kind == "partial"}
    if not partial:
        return found
    lab = lab_of if lab_of is not None else (lambda entity: entity)
    restricted = partial | {lab(entity) for entity in partial}
    kept: list[Signal] = []
    for signal in found:
        if signal.kind == "open" and (signal.entity in restricted or lab(signal.entity) in partial):
            if signal.entity in partial:
                continue  # the partial signal it already has says it
            partial.add(signal.entity)
            signal = Signal(signal.entity, "partial", signal.cue)
        kept.append(signal)
    return kept


# What goes on already is no plan: "will likely continue to open source models like Llama 4" (Meta open
# source today) and "are committed to open-sourcing these models" (a stance, as "its commitment to open
# source" is; "committed to open-source Grok 2" with a verb's base form is a promise).
_ONGOING = re.compile(r"\bcontinu(?:e|es|ed|ing)\s+to\b", re.IGNORECASE)
# "will keep open-sourcing Llama": going on already, like "continue to".
_KEEPS = re.compile(r"\b(?:keep|keeps|keeping|kept)\s*$", re.IGNORECASE)
_COMMITTED = re.compile(r"\bcommitted\s+to(?:\s+being)?\s*$", re.IGNORECASE)

# "is not expected to open source its most capable models if it achieves world-leading performance": a cue
# that a condition after it governs is about what may be, not about today.
CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)


# After the plan's verb, a preposition or a possessor puts the cue in someone else's noun phrase: "will lose
# to Meta's open-source strategy" plans nothing open; "plans to release Grok 2 as an open model" does.
_OTHER_PHRASE = re.compile(
    r"\b(?:than|against|over|from|like|versus|vs)\b|\bto\s+(?:the|a|an|its|their|his|her)\b|[\w.-]['’]s\b",
    re.IGNORECASE,
)


def is_planned(recent: str) -> bool:
    """Whether the words before a cue say it is planned ("plans to release Grok 2 as a fully open source
    model"), not a plan that a relative clause hangs the cue on ("aim to establish a business model that
    sustains open-source development") or that governs another noun phrase ("will lose to Meta's
    open-source strategy")."""
    ends = [plan.end() for plan in _PLAN.finditer(recent)]
    return (
        bool(ends) and not _RELATIVE.search(recent, ends[-1]) and not _OTHER_PHRASE.search(recent, ends[-1])
    )


def is_ongoing(recent: str, cue: str, verb: bool) -> bool:
    """Whether the words before a cue say it goes on already ("will continue to open source", "committed
    to open-sourcing"): its subject is open today, whatever it will do next. A cue that is no verb
    ("committed to open source", "committed to being open source") is a stance too."""
    if _ONGOING.search(recent) is not None:
        return True
    if cue.lower().endswith("ing"):
        return _COMMITTED.search(recent) is not None or _KEEPS.search(recent) is not None
    return not verb and _COMMITTED.search(recent) is not None


# "not having its own proprietary models", "without proprietary compilers", "lacking proprietary IP": what
# an entity lacks. It doesn't say the entity is open (it may use others' models), so it is no signal.
_ABSENCE = re.compile(
    r"(?:\b(?:not|never|no)\s+|n['’]t\s+)(?:hav(?:e|ing)|has|possess(?:es|ing)?|own(?:s|ing)?)\s+"
    r"(?:(?:any|its|their|his|her|our|a|an)\s+)?(?:own\s+)?(?:in-house\s+)?$"
    r"|\b(?:hav(?:e|ing)|has|had|possess(?:es|ing)?|own(?:s|ing)?)\s+no\s+(?:own\s+)?$"
    r"|\b(?:without|lack(?:s|ing|ed)?(?:\s+of)?)\s+(?:(?:any|its|their|a|an)\s+)?(?:own\s+)?$",
    re.IGNORECASE,
)


def lacked(text: str, scope: int, start: int) -> bool:
    """Whether the words just before the cue at `start` say its noun is lacking ("not having its own
    proprietary models"), not that what it describes is the opposite."""
    return _ABSENCE.search(text, max(scope, start - 48), start) is not None


# "the 'Open' in OpenAI's name does not mean its models are open", "that does not make GPT-4o open": the
# denial governs the predicate it introduces.
_DENIED = re.compile(
    r"(?:\b(?:does|do|did)\s+not\s+|n['’]t\s+)(?:mean|make)\b[^,;:()]{0,60}?$", re.IGNORECASE
)
# "brushed off the idea of open-sourcing the answer engine": a release rejected is a denial of it.
_REJECTED = re.compile(
    r"\b(?:brush(?:ed|es|ing)?\s+off|dismiss(?:ed|es|ing)?|reject(?:ed|s|ing)?|scoff(?:ed|s|ing)?\s+at|"
    r"shot\s+down|shoots?\s+down)\s+(?:the\s+|any\s+)?(?:idea|notion|prospect|possibility|suggestion|calls?)\s+"
    r"(?:of|to|for)\s+$",
    re.IGNORECASE,
)
_VERB_WITH = re.compile(r"\b(?:do|work|live|go|get\s+by)\s+with\b", re.IGNORECASE)
# "none of the underlying models are something you can download": "none" is the subject the cue describes.
_NONE_OF = re.compile(
    r"\bnone\s+of\s+(?:[\w'’-]+\s+){1,4}?(?:is|are|was|were|has\s+been|have\s+been)\s+(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)


def negated_at(text: str, scope: int, start: int) -> int | None:
    """Where a negation of the cue at `start` begins, if one is among the few words before it; none for a cue
    that is a negation itself ("no weights"), whatever "no" it is joined to ("no public API and no weights")."""
    if _NEGATIVE_CUE.match(text, start):
        return None
    for far in (_INSTEAD, _NOT_RELEASED_AS, _DENIED, _NONE_OF, _REJECTED):
        governing = far.search(text, max(scope, start - NEAR), start)
        if governing is not None:
            return governing.start()
    window_start = max(scope, start - 32)
    window = text[window_start:start]
    if _NOT_NEGATION.search(window):
        return None
    found = None
    for match in _NEGATION.finditer(window):
        found = match
    if found is None:
        return None
    if found.group().lower() in ("stop", "stops") and not _STOPPED_ACT.match(
        text, window_start + found.end()
    ):
        return None  # "will stop open-sourcing", but not "nothing can stop open-source models"
    # "it's open source, not closed", "not training models (using open-source ones)": only a negation that
    # governs this cue, not one before a comma or a bracket, nor one of a verb with its own object ("could
    # not do with a closed model like GPT-4").
    if any(mark in window[found.end() :] for mark in ",()") or _VERB_WITH.search(window, found.end()):
        return None
    return window_start + found.start()
