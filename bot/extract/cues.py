"""Openness cues: the phrases that say something about openness, and the kind each one says.

`CUE_RE` finds them ("open-sourced", "closed source", "proprietary", "pseudo open source", "a commercial
licence", "black-box models", "Apache 2.0"); `cue_kind` reads the kind off the match. `may_have_cue` is the
cheap filter that lets extraction skip the regex (and everything after it) for the nineteen claims in
twenty that have no cue. Two cues of opposite kinds side by side ("open source vs closed source",
"both open-source and commercial") form a pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.dispatch import compile_dispatched, literal_trie, tag_of
from bot.extract.grammar import LOOK_BEHIND, last_tokens
from bot.extract.model import SignalKind

# What a pattern ending at the cue can span ("rather than open-sourcing", "will open source", "is
# skeptical that the open …"): those searches read only this far back.
NEAR = 128

_ADVERB = r"(?:more|most|fully|truly|completely|entirely|largely|increasingly|relatively|mostly|very)"
_NOT_VERB_CLOSED = r"(?!\s+(?:the|a|an|its|their|in|on|down|out|off|deals?|rounds?|funding|gaps?)\b|-(?:mouthed|door|minded))"

# "more open", "fully open-source", "most closed-source": one alternative for both kinds (the regex tries
# every alternative at every position, so fewer cost less); `cue_kind` tells them apart.
_GRADED = (
    rf"{_ADVERB}\s+(?:closed(?:[\s-]?sourc\w*)?{_NOT_VERB_CLOSED}|open(?:[\s-]?sourc\w*|[\s-]?weights?)?"
    r"(?![\s-](?:question|mind|secret|problem|ended|minded|world|door|doors|air|to|about|with)\b))"
)

# What a licence's terms do to its users: "restricts", "forbade", "excluded".
RESTRICTS = (
    r"(?:restrict(?:s|ed)?|limit(?:s|ed)?|forb(?:ids?|ade)|prohibit(?:s|ed)?|bar(?:s|red)?|ban(?:s|ned)?|cap(?:s|ped)?|"
    # "its licence carves out the EU", "the licence shuts EU-based companies out"
    r"exclud(?:es?|ed)|carv(?:es|ed)\s+out|shuts?\s+(?:[\w-]+\s+){1,3}?out)\b"
)
# What a licence asks before use: "approval", "written permission".
_APPROVAL = r"(?:prior\s+|explicit\s+|written\s+)?(?:approval|permission|registration|sign-?off)\b"
# Who stands outside a lab: "outside developers", "third-party researchers".
_OUTSIDERS = r"(?:outside|external|third[\s-]party|other)\s+"

# What a keep verb keeps that is a model: a name or a model noun ("keeps Gemini", "keeps its Gen-3 video model";
# not "keep client data", nor "keep the resulting model private" after fine-tuning someone's model).
_NOT_DERIVED = r"(?!(?:the\s+|our\s+|their\s+)?(?:resulting|fine-?tuned|derived|custom)\b)"
_KEPT_MODEL = (
    _NOT_DERIVED
    + r"(?:(?:its|their|the)\s+)?(?:[\w.'’-]+\s+){0,2}?(?:models?|weights|(?-i:[A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*)?))"
)

# What a model lives behind, up to the way in ("their own hosted endpoint", "Anthropic's API"), and how it does
# ("entirely", "only ever").
_BEHIND_WHAT = (
    r"(?:an?\s+|its\s+|their\s+|[\w.-]+['’]s\s+|the\s+)?(?:own\s+)?(?:[\w.-]+\s+){0,2}?(?:paid\s+)?"
)
_HOW = r"(?:\w+ly\s+|only\s+|ever\s+)"

# Where weights are put for anyone to take: GitHub, Hugging Face and the notes' "HF".
HUB = r"(?:GitHub|Hugging\s*Face|(?-i:HF))"

_PARTIAL = [
    r"(?:kind|sort)\s+of\s+open(?:[\s-]?sourc\w*)?",
    r"open[\s-]?ish\b",  # "Llama is open-ish"
    r"pseudo[\s-]?open(?:[\s-]?sourc\w*)?",
    r"(?:partially|partly|semi|somewhat|quasi)[\s-]?open(?:[\s-]?sourc\w*|[\s-]?weights?)?",
    # "open weights, but not open source", "'open weights rather than open source'", "open weights, not open source"
    r"open[\s-]?weights?[\"'’”]?,?\s+(?:(?:(?:but|though|yet)\s+)?not|rather\s+than)\s+(?:fully\s+|truly\s+)?[\"'‘“]?"
    r"open[\s-]?(?:sourc\w*|data)",
    r"(?:\bnot|n't)\s+(?:fully|truly|entirely|completely|really|quite)\s+open(?:[\s-]?sourc\w*|[\s-]?weights?)?",
    r"(?:community|restrictive|non-?commercial|research(?:[\s-]only)?|custom)\s+licen[cs]\w*",
    # "released under a very weird cryptic license", "maintains specific licensing terms", "licensing
    # complexities": a licence of its own, with strings attached
    r"(?:specific|special|bespoke|weird|cryptic|strict)\s+(?:[\w-]+\s+)?licen[cs]\w*",
    r"licen[cs]ing\s+(?:complexit\w+|restrictions|caveats)",
    # "under its own terms of use, which prohibit a long list of uses"
    r"(?:licen[cs]e|terms(?:\s+of\s+(?:use|service))?)(?:\s+(?:that\s+)?|,?\s+which\s+)(?:still\s+)?"
    + RESTRICTS,
    # "a license that requires registration for commercial use"
    r"licen[cs]e\s+(?:that\s+)?(?:requires?|demands?)\s+(?:[\w-]+\s+){0,3}?(?:for\s+)?commercial",
    r"(?:usage|use)\s+restrictions",
    # "a paid license for large companies": free for the rest
    r"(?:paid|commercial)\s+licen[cs]\w*\s+for\s+(?:large|big|bigger|larger|high-revenue)\s+(?:companies|enterprises|businesses)",
    # "changed the license to require paid memberships for larger companies"
    r"requir\w*\s+(?:a\s+)?(?:paid\s+)?(?:memberships?|subscriptions?|licen[cs]es?)\s+for\s+(?:large|big|bigger|larger|"
    r"high-revenue)\s+(?:companies|enterprises|businesses)",
    # "the Databricks Open Model License, which limits large-scale use"
    r"licen[cs]e,?\s+(?:that|which)\s+(?:still\s+)?" + RESTRICTS,
    r"licen[cs]e,?\s+(?:(?:that|which)\s+)?(?:demands?|requires?)\s+(?:an?\s+)?(?:separate|special|commercial|paid)\s+"
    r"(?:agreement|licen[cs]e|permission)",
    r"commercially\s+requires?\s+(?:an?\s+)?(?:separate\s+|paid\s+|commercial\s+)licen[cs]e",
    r"non[\s-]?production\s+licen[cs]e",  # "Mistral's Non-Production License": test it, don't ship it
    r"with\s+(?:an?\s+)?acceptable[\s-]use\s+polic(?:y|ies)",  # "under its own licence with an acceptable-use policy"
    # "under a RAIL licence that forbids a list of harmful uses": a licence made to restrict uses
    r"(?-i:(?:Open)?RAIL)(?:[\s-]M)?\s+licen[cs]e|Responsible\s+AI\s+Licen[cs]e",
    r"prohibited[\s-]use\s+polic(?:y|ies)",  # "the Gemma terms of use carry a prohibited-use policy"
    # "gated behind a research-only request form"
    r"(?:gated|sat|sits|sit|locked|kept)\s+behind\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:form|request|application|approval)\b",
    # "only handed out to academic researchers who apply", "companies are not allowed to use them commercially"
    r"only\s+(?:handed\s+out|given|granted|available|released|shared)\s+to\s+(?:academic\s+|approved\s+|vetted\s+)?(?:researchers|academics)\b",
    r"not\s+allowed\s+to\s+use\s+(?:it|them)\s+commercially\b",
    # "the Llama licence comes with strings attached", "have to ask Meta for permission first"
    r"licen[cs]e\s+comes?\s+with\s+strings\s+attached",
    r"\bask\s+(?:[\w.-]+\s+){1,2}?for\s+(?:its\s+|their\s+)?permission\b",
    # "whose training dataset may only be used for research"
    r"(?:may|can)\s+only\s+be\s+used\s+for\s+(?:research|non-?commercial|academic)",
    r"Creative\s+Commons\s+(?:Attribution[\s-])?non-?commercial",  # "under a Creative Commons non-commercial licence"
    # "its licence is Meta's own and was never approved by the OSI"
    r"licen[cs]e\s+is\s+(?:[\w.-]+['’]s|its|their)\s+own\b",
    r"(?:not|never)\s+(?:been\s+)?(?:approved|recogni[sz]ed|certified)\s+by\s+the\s+(?:OSI|Open\s+Source\s+Initiative)",
    r"(?:not|n['’]t)\s+OSI[\s-]approved",  # "even if the licence isn't OSI-approved"
    # "it is open, yes, but with many asterisks": open with caveats
    r"open,?\s+(?:yes,?\s+)?(?:but\s+)?with\s+(?:an?\s+|many\s+|some\s+|a\s+lot\s+of\s+|lots\s+of\s+)?(?:asterisks?|caveats?|strings|conditions)\b",
    # "released the weights of Command R, but only for research and not for commercial use"
    r"(?<=\bbut\s)only\s+for\s+(?:research|academic|non-?commercial|personal)\b",
    # "businesses above a revenue threshold must buy a licence"
    r"(?:must|have\s+to|has\s+to|need\s+to|needs\s+to)\s+(?:buy|purchase|get)\s+an?\s+(?:commercial\s+|paid\s+|separate\s+)?(?:licen[cs]e|membership)\b",
    # "commercial use requires a paid licence", "businesses earning over $1 million a year must pay"
    r"commercial\s+use\s+(?:requires|needs)\s+(?:an?\s+)?(?:paid\s+|separate\s+|commercial\s+)?licen[cs]e",
    r"(?:earning|making|with)\s+(?:over|more\s+than|above)\s+\$\s?\d[\d.,]*\s*(?:million|M|billion|B)?\s+"
    r"(?:a\s+year|in\s+(?:annual\s+)?revenue|annually|per\s+year)",
    # "its responsible-AI licence forbids a list of uses", "Mistral charges a licence fee to use it commercially"
    r"licen[cs]e\s+(?:still\s+)?" + RESTRICTS,
    r"charg\w*\s+(?:an?\s+)?licen[cs](?:e|ing)\s+fees?\b",
    r"free\s+to\s+download\s+for\s+(?:personal|research|non-?commercial|academic)\b",
    # "must request a separate license from Meta", "scientists have to request the model weights"
    r"(?:must|have\s+to|has\s+to|need\s+to|needs\s+to)\s+(?:request|obtain|seek)\s+(?:an?\s+)?(?:separate\s+|special\s+|commercial\s+)?"
    r"(?:licen[cs]e|permission)\b",
    r"(?:have|has|need|needs|must)\s+(?:to\s+)?request\s+(?:the\s+)?(?:model\s+)?weights\b",
    # "the licence is non-commercial", "the licence is research-only"
    r"licen[cs]e\s+is\s+(?:strictly\s+|only\s+)?(?:non[\s-]?commercial|research[\s-]only)\b",
    # "companies with hundreds of millions of users need Meta's permission to use them"
    r"(?:need|needs|require|requires)\s+(?:[\w.-]+['’]s\s+|the\s+(?:company|lab)['’]s\s+)?"
    + _APPROVAL
    + r"\s+to\s+(?:use|deploy|sell|host)\b",
    # "the licence is only for research, not for selling"
    r"licen[cs]e\s+is\s+(?:only|just|strictly)\s+for\s+(?:research|academic|non-?commercial|personal)",
    # "must pay for a membership to use its models"
    r"(?:must|have\s+to|has\s+to|need\s+to|needs\s+to)\s+pay\s+for\s+an?\s+(?:membership|licen[cs]e|subscription)\s+to\s+use",
    # "downloadable but strictly non-commercial"
    r"(?:strictly|only|purely)\s+non[\s-]?commercial\b",
    # "you can't use them if you have more than 700 million monthly users": Llama's licence cap
    r"(?:more\s+than|over|above|exceed\w*|fewer\s+than|less\s+than|under|below)\s+(?:700\s*(?:million|M)|seven\s+hundred\s+million)\s+(?:monthly\s+)?(?:active\s+)?users",
    # "you have to pay Stability for a licence"
    r"(?:have|has|need|needs)\s+to\s+pay\s+(?:[\w.-]+\s+){0,2}?for\s+an?\s+(?:commercial\s+)?licen[cs]e",
    # "commercial use is completely off the table"
    r"commercial\s+use\s+is\s+(?:completely\s+|entirely\s+|strictly\s+)?(?:off\s+the\s+table|not\s+allowed|prohibited|forbidden|banned)",
    r"(?<=\bwith\s)(?:commercial\s+|usage\s+|use\s+)?restrictions\b",  # "open weights …, with restrictions above $50M revenue"
    # "FLUX.1 [dev] ships NC weights on HF": non-commercial weights
    r"(?<![\w-])(?-i:NC)(?:[\s-]licen[cs]ed)?\s+weights\b",
    # "free for small firms, paid enterprise licence above $1M revenue"
    r"free\s+for\s+(?:small|smaller)\s+(?:firms|companies|businesses|teams|startups)",
    r"paid\s+(?:enterprise\s+|commercial\s+)?licen[cs]e\s+(?:above|over|beyond|for\s+(?:large|larger|big|bigger))",
    r"(?:weights\s+)?only\s+on\s+request\b|\bweights\s+(?:available\s+)?(?:on|by|upon)\s+request\b",  # "model weights only on request"
    # "weights are only handed out on request to academic researchers"
    r"(?:handed|given|doled|parcel+ed)\s+out\s+(?:only\s+)?(?:on|upon)\s+request\b",
    # "LLaMA 1 was research-only", "Command R+ is research-only"
    r"(?:(?<=\bis\s)|(?<=\bwas\s)|(?<=\bare\s)|(?<=\bwere\s)|(?<=[=:]\s))research[\s-]only\b",
    # "DeepSeek-R1 itself = weights only, no training data or code"
    r"weights[\s-]only,?\s+(?:but\s+)?(?:no|without)\s+(?:the\s+)?(?:training\s+)?(?:data|code|recipe)",
    # "the weights are free for research": not for business ("free for research and commercial use" is open)
    r"free\s+for\s+(?:research|academic|non-?commercial|personal|hobby)\b(?!\s+and\s+commercial)",
    # "businesses above $1M revenue need a paid Stability AI licence"
    r"\bneeds?\s+(?:an?\s+)?(?:paid|commercial|separate)\s+(?:[\w.-]+\s+){0,3}?(?:licen[cs]e|membership)",
    # "a license which allows commercial use under limits"
    r"licen[cs]e,?\s+(?:(?:that|which)\s+(?:allows?|permits?)|allowing|permitting)\s+(?:[\w-]+\s+){0,3}?(?:under|with)\s+"
    r"(?:some\s+|certain\s+|[\w-]+\s+)?(?:limits|conditions|restrictions|caps)",
    # 'called Llama "open source in name only"'
    r"open[\s-]?sourc\w*[\"”]?\s+in\s+name\s+only",
    # "Meta restricts Llama's use by companies with more than 700 million users"
    r"restrict\w*\s+(?:[\w.'’-]+\s+){0,2}?(?:uses?|usage|commercial\s+use)\b",
    # "Gemma's license comes with usage restrictions"
    r"licen[cs]e\s+(?:(?:for|of)\s+(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z0-9][\w.-]*)){0,2}\s+)?(?:comes?\s+with|has|includes?|carries|imposes?|adds?|sets?)\s+"
    r"(?:\w+\s+){0,2}?(?:restrictions|limitations|conditions|caveats|limits|caps)",
    # "lets you use the model but adds limits for the very largest companies"
    r"(?<=\bbut\s)(?:adds?|sets?|imposes?|puts?)\s+(?:\w+\s+){0,2}?(?:limits|restrictions|caps|conditions)\b",
    # "the Llama license isn't approved by the Open Source Initiative"
    r"(?:\bnot|n['’]t)\s+(?:\w+\s+)?(?:approved|recogni[sz]ed|certified)\s+(?:as\s+\w+\s+\w+\s+)?(?:by\s+)?(?:the\s+)?"
    r"(?:Open\s+Source\s+Initiative|OSI)\b|\bnot\s+(?:an?\s+)?OSI[\s-]approved",
    r"source[\s-]available",
    # "free for research but needs a license for commercial use"
    r"(?:needs?|requires?)\s+(?:an?\s+)?(?:separate\s+|paid\s+|commercial\s+)?licen[cs]e\s+for\s+commercial\s+(?:use|purposes)",
    # "the license allows commercial use but forbids using outputs to train competing models"
    r"licen[cs]e,?\s+(?:[\w-]+\s+){0,6}?(?:but|yet|while)\s+(?:still\s+)?" + RESTRICTS,
    # "the license requires approval for hosting services", "weights can be requested but require approval for
    # commercial use"
    r"licen[cs]e\s+(?:that\s+)?(?:requires?|demands?)\s+" + _APPROVAL,
    r"requir\w*\s+" + _APPROVAL + r"\s+for\s+commercial\s+(?:use|purposes|deployment)",
    # a licence of a lab's own, by name: "the Databricks Open Model License" (a "Community License" is above)
    r"(?-i:(?:Open\s+)?Model\s+Licen[cs]e)",
    # Creative Commons non-commercial licences: "under a CC-BY-NC license"
    r"\bCC[\s-]?BY[\s-]?(?:SA[\s-]?)?NC\b(?:[\s-]?(?:SA|ND))?(?:[\s-]?\d(?:\.\d)?)?",
    # "a modified MIT license that asks big users for attribution": the licence's own terms added
    r"(?:modified|amended|custom(?:ized|ised)?|altered)\s+(?:MIT|Apache(?:[\s-]2(?:\.0)?)?|BSD)(?:[\s-]style)?\s+licen[cs]e",
    # "xGen models were released for research purposes only", "its weights are for research only"
    r"(?:released|available|licen[cs]ed|offered|published|(?:weights|models?)\s+(?:are|is|were|was))\s+"
    r"(?:only\s+)?for\s+(?:academic\s+|non-?commercial\s+)?research(?:\s+(?:use|purposes))?\s+only\b",
    # "the Llama 2 license means LLaVA cannot be used for commercial purposes"
    r"(?:cannot|can['’]?t|not)\s+be\s+used\s+(?:for\s+|in\s+)?commercial(?:ly|\s+(?:purposes|use|applications|products))",
    # "called open source, but with caveats", "open weights with restrictions"
    r"open[\s-]?(?:sourc\w*|weights?),?\s+(?:but\s+)?with\s+(?:some\s+|many\s+|significant\s+)?"
    r"(?:caveats|restrictions|strings\s+attached|limitations|conditions)",
    r"withh[eo]ld\w*\s+(?:the\s+|its\s+|their\s+)?training\s+data",
    # "available for non-commercial research only"
    r"(?:for\s+)?(?:non-?commercial|academic)\s+(?:research\s+|use\s+|purposes\s+)?only\b|\bfor\s+non-?commercial\s+(?:research|use|purposes)",
    # "its own Gemma terms of use", "its own Qwen licence", "its own open model licence": a licence of the
    # maker's own
    r"(?<=\bits\s)own\s+(?:(?-i:[A-Z][\w.-]*)\s+(?:[\w-]+\s+){0,2}?|open\s+(?:model\s+|weights?\s+)?|community\s+)"
    r"(?:licen[cs]e|terms(?:\s+of\s+(?:use|service))?)",
    # "ships with open weights under Google's own terms of use": a licence of its maker's own (the maker
    # outside the cue, so that the cue stays its subject's)
    r"(?:(?<=['’]s\s)|(?<=s['’]\s))own\s+(?:[\w-]+\s+){0,3}?(?:licen[cs]e|terms(?:\s+of\s+(?:use|service))?)",
    # "downloadable for research and non-commercial use, with a paid licence needed for commercial work"
    r"for\s+research\s+and\s+non-?commercial\s+(?:use|purposes)",
    r"(?:paid|commercial|separate)\s+licen[cs]e\s+(?:is\s+)?(?:needed|required)\s+for\s+commercial",
    # "lets researchers download Aya but not use it commercially": open to look at, not to build a business on
    r"\bbut\s+not\s+(?:to\s+)?(?:use|sell|deploy)\s+(?:it|them)\s+commercially",
    # "released under a TII license based on Apache 2.0": a licence of its own, however it began
    r"licen[cs]e\s+(?:loosely\s+)?(?:based\s+on|derived\s+from|modell?ed\s+on)\s+(?:the\s+)?(?:MIT|Apache|BSD)\b"
    r"(?:[\s-]2(?:\.0)?)?",
    # "the Gemma license lets developers redistribute modified versions with some conditions"
    r"licen[cs]e\b[^.;:!?]{0,80}?\bwith\s+(?:some|certain|several)\s+(?:conditions|restrictions|limitations|caveats)",
]

_CLOSED = [
    # "OpenAI is the least open company in the industry"; "the only thing open about OpenAI is its name"
    r"the\s+least\s+open(?:[\s-]?sourc\w*)?\b(?![\s-](?:question|mind\w*|door|doors|air|to)\b)",
    r"only\s+thing\s+(?:\w+ly\s+)?open\s+about\s+(?-i:[A-Z][\w.-]*)\s+(?:[\w\s]{0,20}?)(?:is|was)\s+(?:its|the|their)\s+name\b",
    r"closed[\s-]?sourc\w*",
    r"closed[\s-]weights?",
    # "turned to closed, commercial models"
    r"(?:remain(?:s|ed)?|stay(?:s|ed)?|bec(?:ame|om\w*)|(?:turn|shift|switch|pivot|mov)\w*\s+to)\s+closed"
    + _NOT_VERB_CLOSED,
    r"closed\s+(?:(?:frontier|foundation|commercial|flagship)\s+)?(?:models?|LLMs?|AI\s+models?|ones|approach|ecosystem|systems?|options?|alternatives?|platforms?|"
    r"products?|offerings?|solutions?|services?|labs?|AI\s+labs?|compan(?:y|ies)|(?:image\s+|video\s+|text\s+)?generators?|APIs?|"
    r"chatbots?|assistants?|rivals?|competitors?|counterparts?|incumbents?)",
    r"black[\s-]box\s+(?:models?|LLMs?|APIs?|AI\s+models?)",
    # "Sora remains locked inside ChatGPT for paying users"
    r"locked\s+(?:inside|behind)\s+(?:an?\s+|its\s+|the\s+)?(?:paid\s+|paying\s+)?(?:API|app|subscription|paywall|(?-i:[A-Z]))",
    r"commercial\s+licen[cs]\w*",
    r"paid\s+API",
    r"(?:subscription|paid)[\s-]only",  # "a closed, subscription-only video model"
    # "commercial APIs (like OpenAI)": sold as a service, not shipped; "commercial models like GPT-3.5" only
    # with its examples named, as "commercial models" alone is often a business model
    r"commercial\s+APIs?\b",
    r"commercial\s+(?:models?|LLMs?)(?=\s*(?:\(|,?\s+(?:like|such\s+as|e\.g\.|including)\s))",
    # "Sora is a private tool in super limited access": nobody outside can run it
    r"private\s+(?:tool|beta|preview)s?",
    r"(?:(?:in|with)\s+[\"“]?(?:super\s+|very\s+|extremely\s+|highly\s+)?|(?:provides?|offers?|gives?)\s+(?:only\s+)?)"
    r"limited\s+access",
    # "By withholding the Chain of Thought, OpenAI prevents others from distilling …"
    r"withh[eo]ld\w*\s+(?:the\s+|its\s+|their\s+)?(?:model['’]?s?\s+)?(?:weights|source(?:\s+code)?|code|model|"
    r"chain[\s-]of[\s-]thought|reasoning(?:\s+traces)?)",
    # "o1 hides its chain of thought from users"
    r"hid(?:e|es|den|ing)\s+(?:the\s+|its\s+|their\s+)?(?:model['’]?s?\s+)?(?:weights|chain[\s-]of[\s-]thought|reasoning(?:\s+traces)?)",
    # "can only be used through Anthropic's console"
    r"can\s+only\s+be\s+(?:used|accessed|reached|run)\s+(?:through|via|in|on)\b",
    # "The weights of Grok 2 were not released", "Sora's model weights are not available to anyone outside"
    r"(?:weights|source\s+code|code|underlying\s+models?)\s+(?:(?:for|of)\s+(?:[\w.-]+\s+){1,4}?)?(?:are|were|is|was|have|has)(?:\s+(?:not|never)|n['’]t)\s+"
    r"(?:been\s+)?(?:publicly\s+|openly\s+)?(?:available|released|published|shared|made\s+public|given|public)",
    # "its system prompts are published, but its weights are not"
    r"weights\s+(?:are|were)(?:\s+not|n['’]t)(?=\s*(?:[.;,)!]|$))",
    # "models are trained in-house and never released"
    r"(?:models?|weights|LLMs?)\s+(?:are|were|have\s+been)\s+(?:[\w-]+\s+){0,4}?and\s+never\s+(?:been\s+)?"
    r"(?:released|published|shared|open[\s-]?sourced|made\s+public)",
    # "OpenAI has released nothing open since Whisper"
    r"\bnothing\s+(?:\w+\s+)?open(?:[\s-]?sourc\w*|[\s-]?weights?)?\b(?![\s-]*(?:to|about|with|for|up)\b)",
    # "both open-source and commercial models": the commercial side is closed
    r"commercial(?:(?<=\band\scommercial)|(?<=\bor\scommercial)|(?<=\band\sa\scommercial)|(?<=\bor\sa\scommercial))"
    r"(?=\s+(?:models?|LLMs?|offerings?|versions?|products?)\b)",
    r"proprietary",
    r"API[\s-]only",
    r"(?:(?:only|solely)\s+(?:available\s+|accessible\s+|reachable\s+|runs?\s+|works?\s+)?|exclusively\s+|"
    r"(?:available|accessible|reachable|offered|sold)\s+(?:only|solely|exclusively)\s+)"
    r"(?:through|via|in|on|inside|within)\s+(?:an?\s+|(?:its|their)\s+(?:own\s+)?|[\w.-]+['’]s\s+(?:own\s+)?|the\s+(?:[\w.-]+\s+)?|"
    r"(?-i:[A-Z][\w.+-]*\s+){1,2})?(?:paid\s+(?:[\w-]+\s+)?)?"
    # "… through paid Gemini plans", "only available inside Creative Cloud plans", "only inside its own paid service"
    r"(?:API|app|website|web\s+app|platform|subscription|cloud|plans|bot|service|servers)\b",
    # "offers its video models only as a paid service", "only as a metered API"
    r"only\s+(?:as|through)\s+an?\s+(?:paid|metered|hosted|managed)\s+(?:service|product|subscription|API|app)",
    # "Claude can only be rented through Anthropic's own API", "can only consume them as hosted services"
    r"(?:can|could)\s+only\s+be\s+(?:rented|accessed|used|reached|consumed|called|bought)\s+(?:through|via|from|as|inside|within)\b",
    # "the only way to reach GPT-4o is through OpenAI's app or its paid API"
    r"only\s+way\s+to\s+(?:reach|use|access|try|run|get\s+at)\s+(?:[\w.'’-]+\s+){0,3}?(?:is\s+)?(?:through|via)\b",
    # "there's nothing to download", "those weights stay locked to Apple's own devices"
    r"\bnothing\s+to\s+download\b",
    r"weights\s+(?:stays?|remains?)\s+locked\s+(?:to|inside|within|on)\b",
    # "you can only call it through OpenAI's API", "which you can only call through"
    r"(?:can|could)\s+only\s+(?:call|use|access|reach|query|rent)\s+(?:it\s+|them\s+)?(?:through|via)\b",
    # "you gotta go through their API, there's no way to run it locally"
    r"(?:have|has|gotta|got)\s+(?:to\s+)?go\s+through\s+(?:their|its|the)\s+(?:[\w.-]+\s+)?API\b",
    r"no\s+way\s+to\s+(?:run|download|self[\s-]?host|pull|get|grab)\s+(?:it|them|the\s+weights)\b",
    r"no\s+self[\s-]?hosting\b",  # "a paid subscription with no self-hosting"
    # "no local version", "no download button", "no model file you can take home", "no model to download"
    r"\bno\s+(?:local|downloadable|offline|self-hosted|on-prem(?:ise)?)\s+(?:version|option|mode|copy)\b",
    r"\bno\s+download\s+button\b",
    r"\bno\s+(?:model(?:\s+file)?|weights|version)\s+(?:(?:that\s+)?you\s+can|to)\s+(?:download|take\s+(?:home|away)|"
    r"run|self-host|host)\b",
    # "is effectively behind a paywall", "lives entirely behind Anthropic's API" (an adverb between) …
    r"(?:sits?|sat|is|are|lives?|lived|living|remains?|stay(?:s|ed)?|kept)\s+"
    + _HOW
    + r"+behind\s+"
    + _BEHIND_WHAT
    + r"(?:tier|plan|subscription|API|paywall|endpoint|bot)\b",
    # … "lives behind a Discord bot and a monthly subscription", "is kept behind their own hosted endpoint"
    r"(?:lives?|lived|living|kept|sits?|sat)\s+behind\s+"
    + _BEHIND_WHAT
    + r"(?:tier|plan|subscription|endpoint|bot)\b",
    # "only ever lived inside a paid Discord subscription"
    r"(?:lives?|lived|living|sits?|sat)\s+" + _HOW + r"*inside\s+an?\s+(?:paid|monthly|premium)\s+"
    r"(?:[\w.-]+\s+)?(?:subscription|tier|plan)\b",
    # "available through the API and paid plans only"
    r"through\s+(?:[\w.'’-]+\s+){0,5}?(?:API|APIs|plans?|apps?|subscriptions?)\s+only\b",
    r"invite[\s-]only\b",  # "invite-only for now, no API"
    # "the model itself stays private on OpenAI's servers", "its models remain in-house" (said of a model: not
    # "offers that stayed private")
    r"(?:(?<=\bmodel\s)|(?<=\bmodels\s)|(?<=\bweights\s)|(?<=\bitself\s)|(?<=\bcode\s))"
    r"(?:stays?|remains?|remained|stayed)\s+(?:private|in-house|secret)\b",
    # "the weights of GPT-4o never leave the company's servers"
    r"never\s+leaves?\s+(?:the\s+company['’]s|its|their|[\w.-]+['’]s)\s+(?:own\s+)?servers\b",
    # "now treats its models as trade secrets"
    r"treat\w*\s+(?:its|their)\s+(?:[\w-]+\s+)?models?\s+as\s+(?:trade\s+)?secrets?\b",
    # "GPT-3 itself was never released"
    r"(?<=\bitself\s)(?:was|were|has\s+been)\s+never\s+(?:publicly\s+)?(?:released|published|open-sourced|shared)\b",
    # "keeps its Gen-3 video model on its own servers", "kept Mistral Large for paying customers", "kept Gemini
    # behind its own cloud and apps", "keeps Copilot a paid product"
    r"(?:kept|keeps|keep|keeping)\s+" + _KEPT_MODEL + r"\s+(?:on\s+(?:its|their)\s+own\s+servers\b"
    r"|for\s+paying\s+(?:customers|users|subscribers|clients)"
    r"|behind\s+(?:its|their|an?|the)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:cloud|apps?|API|paywall|servers|platform|subscription)\b"
    r"|an?\s+paid\s+(?:product|service|subscription)\b"
    # "keeps Veo 3 inside Gemini and Vertex AI": only in its own products
    r"|(?:inside|within)(?=\s+(?-i:[A-Z]))|(?:inside|within)\s+(?:its\s+own\s+|their\s+own\s+)?(?:apps?|products?|cloud)\b)",
    # "GPT-5 still sits behind a subscription"
    r"(?:sits?|sat|stays?|remains?)\s+behind\s+an?\s+(?:paid\s+)?(?:subscription|paywall)\b",
    # "OpenAI and Anthropic sell access to closed models", "shown only to red teamers, with no public access"
    r"sell\w*\s+access\s+to\s+(?:its\s+|their\s+)?(?:closed|proprietary)\s+(?:models?|LLMs?)",
    r"\bno\s+public\s+(?:access|API|release)\b",
    # "Midjourney, which charges a monthly subscription"
    r"charg\w*\s+an?\s+(?:monthly\s+|yearly\s+|annual\s+)?subscription\b",
    # "you can only use it if you pay for a ChatGPT plan", "only available to people who pay for X Premium"
    r"(?:can|could)\s+only\s+(?:use|access|try)\s+(?:it|them|(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z0-9][\w.-]*))?)\s+if\s+you\s+pay\b",
    r"only\s+(?:available|accessible)\s+to\s+(?:people|users|those|customers)\s+who\s+pay\b",
    # "ChatGPT is not possible to download", "it is only possible to use it online"
    r"(?:not\s+|im)possible\s+to\s+download\b|only\s+possible\s+to\s+use\s+(?:it|them)\s+online\b",
    # "ERNIE, which you can only use inside the Baidu app"
    r"(?:can|could)\s+only\s+(?:use|access|try|run|reach|generate|create)\s+(?:it\s+|them\s+|images\s+|videos\s+|music\s+)?"
    r"(?:inside|in|through|via|on)\s+(?:the\s+|its\s+|their\s+)?(?:[\w.'’-]+\s+){0,2}?(?:app|API|website|platform|service|cloud|Discord)\b",
    # "the most closed of the frontier labs"
    r"(?<=\bmost\s)closed\b",
    # "can only be used by paying subscribers", "only by paying on the company's own service"
    r"only\s+(?:be\s+used\s+)?(?:by|for|to)\s+paying\b",
    # "OpenAI, which charges for access to its best models"
    r"charg\w*\s+(?:[\w-]+\s+){0,2}?for\s+access\b",
    r"(?<![\w-])no\s+(?:public\s+|open\s+|downloadable\s+)?weights\b",  # "available only through AWS, no weights"
    # "the best ones locked behind an API"
    r"locked\s+(?:up\s+)?behind\s+(?:[\w'’-]+\s+){0,4}?(?:API|paywall|subscription|(?:cloud\s+)?services)\b",
    # "nobody outside can see the model"
    r"(?:nobody|no\s+one)\s+(?:outside\s+(?:[\w-]+\s+){0,2}?)?(?:(?:can|could)\s+(?:ever\s+)?(?:see|download|inspect|access|run)|"
    r"(?:has|have)\s+(?:ever\s+)?(?:seen|downloaded|inspected))\s+"
    r"(?:or\s+(?:see|download|inspect|access|run)\s+)?"
    r"(?:the\s+|its\s+|their\s+)?(?:(?-i:[A-Z][\w.-]*)\s+)?(?:model|models|weights)\b",
    # "a Chinchilla model nobody outside DeepMind could ever run"
    # (the cue stops before "outside": the maker named there keeps the model, the model is what the cue is about)
    r"(?:model|models|weights)\s+(?:that\s+)?(?:nobody|no\s+one)\b(?=\s+outside\s+(?:[\w-]+\s+)?(?:can|could)\s+(?:ever\s+)?"
    r"(?:see|download|inspect|access|run)\b)",
    # "its code and trained networks were never released"
    r"(?:code|weights|networks|checkpoints)\s+(?:and\s+(?:[\w-]+\s+){1,2}?)?(?:(?:were|was|are|is|have|has)\s+)?never\s+(?:been\s+)?"
    r"(?:released|published|shared|made\s+public)",
    # "the models behind Apple Intelligence remain locked inside the company's own devices"
    r"locked\s+(?:up\s+)?(?:inside|within)\b",
    r"only\s+(?:consume|rent|access|use)\s+(?:[\w'’-]+\s+){0,2}?as\s+(?:an?\s+)?(?:hosted|cloud|managed|paid|metered)\s+"
    r"(?:services?|APIs?|products?)",
    # "Anthropic's models are only offered as a service"
    r"(?:only\s+(?:offered|sold|provided|available)|(?:offered|sold|provided|available)\s+only)\s+as\s+an?\s+"
    r"(?:paid\s+|hosted\s+|cloud\s+)?(?:service|API)\b",
    r"(?:available|accessible)\s+(?:to\s+(?:[\w-]+\s+){1,2}?)?(?:only|solely|exclusively)\s+(?:through|via)\s+(?-i:[A-Z])",  # "… only through AWS Bedrock"
    # "keeps Gemini behind an API", "behind a paywall"
    # "behind its cloud API", "keeps its model behind a Discord bot and a monthly subscription"
    r"(?:keep|keeps|kept|keeping)\s+(?:[\w'’.-]+\s+){0,5}?(?:locked\s+)?behind\s+(?:[\w'’-]+\s+){0,6}?"
    r"(?:API|paywall|subscription|tier|plan|waitlist|(?:cloud\s+)?services)\b",  # "keep Gemini locked behind its own cloud services"
    # "sits behind Google's paid tier", "is behind a paywall"
    r"(?:sits?|is|are|lives?|remains?|stay(?:s|ed)?)\s+behind\s+(?:an?\s+|its\s+|their\s+|[\w.-]+['’]s\s+|"
    r"the\s+(?:[\w-]+\s+){0,2}?)?(?:[\w-]+\s+(?:and|&)\s+)?(?:paid\s+(?:tier|plan|"
    r"subscription|API)|paywall|API)",  # "stays behind Google's apps and API"
    # "available only to paying subscribers"
    r"(?:(?:available|accessible|open)\s+only|only\s+(?:available|accessible|open))\s+to\s+(?:(?:paying|paid|premium|"
    r"enterprise|Pro|Plus)\s+(?:subscribers|users|customers|members)|(?:[\w.-]+\s+){0,3}?(?:subscribers|paying\s+customers))",
    # "GPT-4's architecture was never officially disclosed"
    r"(?:architecture|weights|parameters|parameter\s+count|model\s+details)\s+(?:was|were|has\s+been|have\s+been|is|are)\s+"
    r"(?:never|not)\s+(?:\w+ly\s+)?(?:disclosed|revealed|published|released|made\s+public)",
    # "available through its API only"
    r"(?:available|accessible|offered)\s+(?:through|via)\s+(?:an?\s+|its\s+|their\s+|[\w.-]+['’]s\s+|the\s+)?(?:paid\s+)?"
    r"(?:API|app|platform|cloud)\s+only\b",
    # "Nobody outside OpenAI knows GPT-4o's parameter count"
    r"(?:nobody|no\s+one)\s+outside\s+(?:of\s+)?(?-i:[A-Z][\w.-]*)\s+knows\s+(?:[\w.'’-]+\s+){0,3}?(?:parameter\s+count|"
    r"architecture|weights|size|training\s+data)",
    # "Sora is only available inside OpenAI's apps", "only accessible through Google's cloud platform", "only
    # available in the Doubao app": what it is reached through is someone's product ("only available in English" is not)
    r"(?:only|solely|exclusively)\s+(?:available|accessible|offered|sold)\s+(?:to\s+(?:[\w-]+\s+){1,2}?)?"
    r"(?:(?:through|via|inside|within)\s+(?-i:[A-Z][\w-]*(?:\.[\w-]+)*)|(?:through|via|inside|within|in|on)\s+(?:(?:its|their|the|[\w.-]+['’]s)\s+)"
    r"(?:[\w.-]+\s+){0,2}?(?:apps?|API|platform|products?|cloud|chatbot|subscriptions?|ecosystem|services?)\b)",
    # "only offered to AWS customers through Bedrock"
    r"only\s+(?:offered|sold|provided|available)\s+to\s+(?:[\w-]+\s+){1,3}?(?:through|via)\s+(?-i:[A-Z])",
    # "offers GPT-4 to enterprises only through Azure", "offers its voices only through paid plans"
    r"(?:offer|sell|provid|serv)\w*\s+(?:[\w.'’-]+\s+){1,4}?(?:only|solely|exclusively)\s+(?:through|via)\s+"
    r"(?:an?\s+|its\s+|their\s+)?(?:paid\s+(?:plans?|tiers?|subscriptions?)|(?:[\w.'’-]+\s+)?API|cloud|(?-i:[A-Z]))",
    r"only\s+(?:offers?|sells?|provides?|serves?)\s+(?:[\w'’-]+\s+){0,3}?(?:through|via)\s+(?:an?\s+|its\s+|their\s+)?"
    r"(?:paid\s+)?API",
    r"(?:keep|keeps|kept|keeping)\s+(?:[\w.'’-]+\s+){0,5}?closed\b",
    # "GPT-4's weights have never been released", "publishes research but not model weights", "with no
    # public weights": weights nobody outside has
    r"weights\s+(?:have|has|had)\s+never\s+been\s+(?:publicly\s+|openly\s+)?(?:released|published|shared|made\s+public)",
    # "Claude's weights will never be released"
    r"weights\s+(?:will|would|can|could|are\s+going\s+to)\s+never\s+be\s+(?:publicly\s+|openly\s+)?(?:released|published|shared|made\s+public|open[\s-]?sourced)",
    r"\bbut\s+not\s+(?:the\s+|its\s+|their\s+)?(?:model\s+)?weights",
    r"\bbut\s+not\s+(?:its|their)\s+(?:own\s+)?models\b",  # "publishes its system prompts openly, but not its models"
    r"(?:shared|released|published|disclosed)\s+no\s+(?:model\s+)?weights",  # "has shared no model weights"
    r"\bno\s+(?:public|open|downloadable|released)\s+weights",
    r"(?<![\w-])closed(?=\s+(?-i:[A-Z]))",
    r"closed,\s+(?:[\w-]+\s+){1,2}?(?:models?|LLMs?)\b",  # "runs on closed, in-house models"  # "Google's closed Gemini": only before a name (openness.py)
    # "Gemini is closed,", jotted "GPT-4 closed, Claude closed", "Doubao: closed", "FSD = closed black box", "all
    # closed": only after a model (openness.py)
    r"(?<=[\w.)]\s)closed(?=\s*(?:[,.;:)]|$|and\s|→|->))",
    r"(?:(?<=[=:→]\s)|(?<=->\s))closed\b",
    # "OpenAI, which he describes as closed despite its name", "calls Gemini closed", "is seen as closed"
    r"(?:describ\w*|call(?:s|ed|ing)?|label+(?:s|ed|ing)?|brand\w*|consider\w*|regard\w*|seen|viewed|deemed)\s+"
    r"(?:(?:it|them|(?-i:[A-Z][\w.-]*))\s+)?as\s+closed\b(?![\s-]+(?:door|doors|off|down|loop|shop|book|case|deal))",
    r"call(?:s|ed|ing)?\s+(?:it|them|(?-i:[A-Z][\w.-]*))\s+closed\b(?![\s-]+(?:door|doors|off|down|loop|shop|book|case|deal))",
    # "OpenAI is no longer open", "not open at all"; not "open to partners", "not open-source" (a negation
    # of the open cue does that)
    r"(?:\bno\s+longer|\bnot|n['’]t)\s+(?:\w+ly\s+)?open\b(?![\s-]*(?:to|about|with|for|up|sourc\w*|weights?|"
    r"models?|AI|LLMs?|and|or)\b)",
    # "OpenAI has been anything but open"
    r"(?:anything\s+but|far\s+from|hardly|barely|scarcely)\s+(?:\w+ly\s+)?open\b(?![\s-]*(?:to|about|with|for|up)\b)",
    # "never made its models available to outside developers", "is not available to outside developers"
    r"(?:never|not|n['’]t)\s+(?:been\s+)?(?:\w+ly\s+)?(?:made\s+(?:[\w'’-]+\s+){0,3}?)?available\s+(?:to\s+"
    + _OUTSIDERS
    + r"(?:developers|users|companies|researchers)|outside\s+(?:its|their)\s+own\s+(?:apps?|products?|platforms?|services?))",
    # "not open to outside developers": nobody outside can use it
    r"(?:\bnot|n['’]t)\s+open\s+to\s+(?:"
    + _OUTSIDERS
    + r")?(?:developers|the\s+public|researchers|anyone|everyone)",
    # "abandoned open weights for its largest models", "moved away from open source"
    r"(?:abandon\w*|(?:mov|turn|shift|walk|back)\w*\s+away\s+from|retreat\w*\s+from|g[ai]ve\s+up(?:\s+on)?)\s+"
    r"(?:its\s+|their\s+)?open(?:[\s-]?sourc\w*|[\s-]?weights?)",
    # "went from open to closed", "from open source to proprietary"
    r"from\s+(?:being\s+)?open(?:[\s-]?sourc\w*)?\s+to\s+(?:closed(?:[\s-]?sourc\w*)?|proprietary)",
    # "keeps its best models in-house", "keeps Claude's weights private", "keeps the details of o1 secret", "kept Sora's
    # weights and training data private"
    r"(?:keep|keeps|kept|keeping)\s+"
    + _NOT_DERIVED
    + r"(?:(?:[\w'’-]+\s+){0,6}?(?:models?|weights|code|details|architecture|LLMs?|thought|reasoning)\s+"
    r"(?:[\w'’.-]+\s+){0,3}?|(?-i:[A-Z][\w.-]*\s+(?:[A-Z0-9][\w.-]*\s+)?))"
    r"(?:in-house|private|secret|confidential|hidden|proprietary(?!\s+to\b)|under\s+wraps|under\s+lock\s+and\s+key)\b",
    # "the largest Llama 4 model will be kept in-house", "Claude's weights are kept under lock and key" (said
    # of a name or a model, bot.extract.openness _KEPT_BY: not "the terms of the deal were kept confidential")
    r"(?:is|are|was|were|be|been|being)\s+kept\s+(?:(?:entirely|strictly|fully|firmly)\s+)?"
    r"(?:in-house|private|secret|confidential|proprietary(?!\s+to\b)|under\s+wraps|under\s+lock\s+and\s+key)\b",
    # "the weights of Grok are kept private", "o1's reasoning traces are hidden from users"
    r"(?:weights|architecture(?:\s+details)?|model\s+details|chain[\s-]of[\s-]thought|reasoning(?:\s+traces)?)\s+"
    r"(?:(?:for|of|behind)\s+(?:[\w.-]+\s+){1,4}?|and\s+(?:[\w-]+\s+){1,2}?)?(?:are|were|is|was|remains?|stays?)\s+(?:kept\s+)?"
    r"(?:secret|private|confidential|hidden|under\s+wraps)",
    # "refused to disclose GPT-4's architecture"; withheld training data alone is partial, elsewhere
    # "by GPT-4 it would not even disclose the model's size"
    r"(?:refus\w*|declin\w*|(?:did|does|do|would|will|has|have)\s*n[o'’]t|never)\s+(?:(?:even|ever|really|yet)\s+)?(?:to\s+)?"
    r"(?:disclos|reveal|shar|publish)\w*\s+"
    r"(?:[\w'’.-]+\s+){0,3}?(?:architecture|weights|parameters|parameter\s+count|size|model\s+details|models?\b(?!['’]s))",
    # "you can only access GPT-4 through OpenAI's API"
    # "only lets enterprise customers fine-tune GPT-4o through its platform"
    r"only\s+(?:(?:lets?|allows?)\s+(?:[\w-]+\s+){1,2}?(?:to\s+)?)?(?:access|use|reach|call|fine-tune|customi[sz]e)\s+"
    r"(?:[\w.'’-]+\s+){0,3}?(?:through|via)\s+(?:[\w.'’-]+\s+){0,2}?(?:API|platform)",
    # "Sora is not publicly available" (yet): nobody outside can run it today
    r"(?:not|never)\s+(?:yet\s+)?(?:publicly\s+(?:available|released|accessible)|(?:been\s+)?(?:made\s+)?available\s+to\s+"
    r"the\s+public|released\s+(?:[\w'’-]+\s+){0,2}?publicly)",
    # "still restricted to a small group of testers": a private preview by another name
    r"(?:restricted|limited)\s+to\s+(?:an?\s+)?(?:few\s+|small\s+|select\s+|limited\s+|handful\s+of\s+)?"
    r"(?:[\w-]+\s+)?(?:group\s+of\s+)?(?:testers|red[\s-]teamers|researchers|partners|customers|users|artists|creators)",
    # "remains reserved for X Premium subscribers and its API customers"
    r"reserved\s+for(?=\s+(?:[\w-]+\s+){0,4}?(?:subscribers|customers|users|members|partners))",
    # "trains its models in-house and does not release them": what it made, kept
    r"(?:(?:does|do|did)\s*(?:not|n['’]t)|never)\s+(?:publicly\s+|openly\s+)?(?:releas|publish)\w*\s+(?:them|it)\b",
    # "OpenAI has kept the weights of GPT-4 to itself"
    # "kept weights and training details to itself", "keeping the architecture, the data and the weights to itself"
    r"(?:keep|keeps|kept|keeping)\s+(?:[\w'’.,-]+\s+){0,6}?(?:models?|weights|code|LLMs?|architecture|(?-i:[A-Z][\w.-]*))\s+"
    r"(?:[\w'’.-]+\s+){0,3}?to\s+(?:itself|themselves)",
]

_OPEN = [
    r"open[\s-]?sourc\w*(?!\s+Initiative)",
    # "compares closed models such as Gemini with open ones such as Qwen3": the examples are open
    r"open\s+ones(?=,?\s+(?:such\s+as|like|e\.g\.|including)\s)",
    r"open[\s-]?weights?",
    r"open\s+(?:(?:speech|voice|image|video|language|reasoning|vision|embedding|coding|code|text|audio|music|foundation|"
    r"frontier|base|chat|multimodal|diffusion|research)\s+)?(?:models?|LLMs?)",
    # "DeepSeek's models are free, open, and cheap to run"
    r"(?:(?<=\bmodels\sare\s)|(?<=\bmodels\swere\s)|(?<=\bweights\sare\s)|(?<=\bweights\swere\s))(?:[\w-]+,\s+)?open\b(?![\s-]*(?:sourc|weight|to\b|for\b|about\b|with\b|up\b|ended\b))",
    # "BLOOM was built in the open"
    r"(?:built|developed|trained|made)\s+(?:[\w.'’-]+\s+){0,3}?in\s+the\s+open\b",
    # "other open and closed-source models": "open" shares the noun of the closed cue it is paired with
    r"open(?=\s*(?:and|or|vs\.?|versus|/|&)\s*(?:closed[\s-]?sourc|closed[\s-]weight|closed\s+(?:models?|LLMs?|AI)\b|"
    r"proprietary))",
    # "dropped the weights for R1"
    # "released most of its Qwen models' weights", "has not released any of its Nova models' weights"
    r"(?:releas|publish|shar|mak|dropp|drop(?=s\b)|ships?\b|shipped|shipping)\w*\s+(?:(?:many|most|some|all|any)\s+of\s+|not\s+(?:only|just)\s+|both\s+)?(?:the\s+|its\s+|their\s+|all\s+|"
    r"(?-i:(?:[A-Z0-9][\w.-]*\s+){0,2}[A-Z0-9][\w.-]*)['’]s\s+)?(?:(?-i:(?:[A-Z0-9][\w.-]*\s+){1,2})?models?['’]?\s+|full\s+)?"
    r"(?:(?:source\s+)?code\s+and\s+(?:the\s+)?)?weights",  # "release AlphaFold 3's code and weights"
    # "published the Nemotron-4 340B weights", "publish the Stable Diffusion 3 weights"
    # "Nvidia posts Nemotron Nano 2 weights", "Google puts out Gemma 3 weights"
    r"(?:releas|publish|shar|post|puts?\s+out)\w*\s+(?:(?:dozens|hundreds|many|several|some)\s+of\s+)?(?:the\s+)?(?:(?-i:[A-Z0-9][\w.-]*)\s+){1,3}"
    r"(?:on-device\s+|base\s+|instruct\s+)?(?:model\s+)?(?:checkpoints|weights)",  # "the Apple Intelligence on-device model weights"
    # "put most sizes of Qwen 2.5 on Hugging Face": what is put there is there for anyone
    # "put both the Kimi K2 base and instruct checkpoints on Hugging Face"
    # "dropped OpenELM on Hugging Face"; not prompts ("posted Grok's system prompts on GitHub")
    r"(?:put|puts|posted|posts|uploaded|uploads|pushed|pushes|dropped|drops)\s+(?!(?:[\w.'’-]+\s+){0,7}?prompts?\b)"
    r"(?:[\w.'’-]+\s+){1,8}?(?:on|to|onto)\s+" + HUB + r"\b",
    # "put the weights of Grok 3 on the internet"
    r"(?:put|puts|posted|posts|uploaded|uploads)\s+(?:the\s+|its\s+|their\s+)?weights\s+(?:of\s+(?:[\w.'’-]+\s+){1,3}?)?"
    r"(?:on|to)\s+the\s+(?:internet|web)\b",
    # "the Mistral Medium weights will come out for the public"
    r"weights\s+(?:will\s+|would\s+)?(?:come|comes|came|coming)\s+out\b",
    # "DeepSeek gave us the weights"
    r"g[ai]ve\w*\s+(?:us|everyone|developers|the\s+(?:world|community))\s+(?:the\s+|its\s+|their\s+)?weights",
    # "Qwen2.5 0.5B–72B all landed on HF the same day", "GLM-4.5: MIT, weights on HF"
    r"(?:landed|lands|landing)\s+on\s+" + HUB + r"\b",
    r"(?<![\w-])weights\s+on\s+" + HUB + r"\b",
    # "DeepSeek-V3 is MIT for both code and weights", "Phi-4 (14B) is MIT on HF": the licence as a predicate
    # (looked behind for the verb, so the alternative is tried only at "MIT")
    r"(?:(?<=\bis\s)|(?<=\bare\s)|(?<=\bwas\s)|(?<=[=:]\s))(?-i:MIT)(?=\s*(?:[,;.)/]|$|\s+(?:for|on|licen[cs]ed|licen[cs]e)\b))",
    # "Stable Diffusion arriving with public weights"
    r"(?<![\w-])public\s+(?:model\s+)?weights\b",
    # "plans to open the Grok 2 weights": the verb
    r"\bopen(?:s|ed|ing)?\s+(?:up\s+)?(?:the\s+|its\s+|their\s+)?(?:(?-i:[A-Z0-9][\w.-]*)\s+){0,3}(?:model\s+)?weights\b",
    # "has put OpenELM on a public hub"
    r"(?:put|puts|posted|posts|uploaded|uploads)\s+(?:[\w.'’-]+\s+){1,4}?(?:on|to|onto)\s+(?:a\s+)?public\s+(?:hub|repo(?:sitory)?)\b",
    # "the Magistral Medium weights are coming in a few months": what is coming is planned (bot.extract.modality)
    r"weights\s+(?:are|is)\s+(?:coming|on\s+(?:the|their|its)\s+way)|weights\s+(?:will|would)\s+(?:follow|come)\b",
    # "the best models you can actually download", "the Google family you can download and run on a laptop"
    r"(?:models?|ones|weights|versions?|famil(?:y|ies)|LLMs?|checkpoints?|variants?)\s+(?:that\s+)?"
    r"you\s+can\s+(?:actually\s+|freely\s+)?download\b",
    # "a set of models developers can download and fine-tune"
    r"(?:(?<=\bmodels\s)|(?<=\bmodel\s)|(?<=\bthat\s)|(?<=\bwhich\s))"
    r"(?:developers|people|users|researchers|scientists|engineers|hobbyists|companies|startups)\s+can\s+(?:freely\s+)?download\b",
    # "a paid product you cannot download": negated, closed (bot.extract.modality)
    r"(?:(?<=\bcannot\s)|(?<=\bcan['’]t\s)|(?<=\bnever\s))download\b(?!\s+(?:it|them|the\s+weights)\s+(?:yet|for\s+now))",
    # "released AlphaFold 3 code for academic use only"
    r"(?:releas|publish)\w*\s+(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z0-9][\w.-]*)){0,2}\s+(?:source\s+)?code\b",
    # "published the AlphaFold 3 code": the code anyone can read
    # (a determiner: "releasing Agentforce production code" is shipping a product, not publishing code)
    r"(?:releas|publish)\w*\s+(?:the|its|their)\s+(?:(?!to\b|production\b)[\w.-]+\s+){0,3}?(?:source\s+)?code\b"
    r"(?!\s+(?:of\s+conduct|names?|words?))",
    # "Grok's weights were released", "the weights for Llama 3 are freely available"
    r"(?:weights|checkpoints|source\s+code|code)\s+(?:(?:for|of)\s+(?:[\w.-]+\s+){1,4}?|and\s+(?:[\w-]+\s+){1,2}?)?(?:are|were|is|was|will\s+be)\s+"
    r"(?:(?:now|eventually|finally|later|since|also)\s+)?"
    r"(?:publicly\s+|freely\s+|openly\s+)?(?:available|released|published|public|downloadable|free\s+to\s+download|out\b(?!\s+of\b))",
    # the way notes jot it: "Grok-1 weights dropped (Apache-2)", "weights + training recipe public"
    r"weights\s+(?:dropped|(?:\+|and)\s+(?:[\w-]+\s+){0,2}?(?:public|released|out)\b)",
    r"permissive(?:ly)?\s+(?:licen[cs]\w*|terms)",
    r"open\s+licen[cs]\w*",  # "available under an open license from AI21"
    # "released Nemotron under a license that allows commercial use"
    r"licen[cs]e\s+that\s+(?:allows?|permits?)\s+(?:free\s+)?commercial\s+use",
    r"Apache[\s-]?2(?:\.0)?(?:\s+licen[cs]e)?|(?:Apache|MIT)[\s-]licen[cs]ed",
    r"(?:(?<=\bthe\s)|(?<=\ban\s))Apache\s+licen[cs]e",  # "it is under the Apache licence", "under an Apache licence"
    r"MIT[\s-]licen[cs]\w*",
    # "the checkpoints were released under MIT", "released Phi-4 under MIT": after a release verb MIT is the
    # licence, not the university
    # (no modal between: "the next GLM release would be open-sourced under MIT" is a plan, read by its "would")
    r"(?:releas\w*|licens\w*|publish\w*|ship\w*|distribut\w*|put)\s+"
    r"(?:(?!(?:would|will|could|may|might|should|to|be)\b)[\w.'’-]+\s+){0,4}?under\s+(?:the\s+|an?\s+)?MIT\b(?!\s+(?:professors?|researchers?|scientists?|lab|team|study|Media|Technology))",
    r"(?:MIT|Apache|BSD)[\s-]style\s+licen[cs]\w*",  # "available under an MIT-style license"
    # "among the few models with open data, code and weights"
    r"open\s+(?:training\s+)?(?:data|code)\s*(?:,\s*[\w-]+)*,?\s+and\s+(?:model\s+)?weights",
    r"\b(?:AGPL|GPL|LGPL|BSD|MPL)(?:[\s-]?v?\d(?:\.\d)?)?(?:[\s-]licen[cs]\w*)?\b",  # not "FreeBSD"
    r"openly\s+(?:available|released|licen[cs]ed)",
    # "with its publicly available weights and repository"
    r"publicly\s+(?:available|released|accessible)\s+(?:model\s+)?(?:weights|checkpoints?|(?:source\s+)?code)",
    r"downloadable",  # "ChatGPT versus downloadable Llama 3"
    r"(?:in|into)\s+the\s+public\s+domain",  # "put OLMo's training data in the public domain"
    r"(?<![\w-])open\s+code\b",  # "forked Stable Diffusion's open code"
    # "the weights followed on Hugging Face the same day"
    r"weights\s+(?:followed|landed|appeared|arrived|went\s+up|dropped)\s+(?:[\w-]+\s+){0,2}?on\s+" + HUB,
    r"weights\s+(?:go|goes|went|going)\s+up\b",  # "DeepSeek V3.1 weights go up under MIT"
    # "Qwen3, GLM-4.5 and Kimi K2 all ship under Apache or MIT": after "under", the licence
    r"Apache(?<=\bunder\sApache)\b|(?-i:MIT)(?<=\bunder\sMIT)(?!\s+(?:professors?|researchers?|scientists?|lab|team|study|Media|Technology))\b",
    # "the company behind the open MPT models": "open" before a name and its models ("Open AI models" is OpenAI)
    r"(?<![\w-])open(?=\s+(?!AI\b)(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z0-9][\w.-]*))?\s+(?:models|LLMs|weights|checkpoints)\b)",
    r"(?<=['’]s\s)openness",  # "Llama's openness"
    # "Stable Diffusion, released openly by Stability AI", "download DeepSeek's weights", "available for anyone
    # to download", "its code was posted on GitHub"
    # (not a paper, a policy or findings: "publishes its Responsible Scaling Policy openly")
    r"(?:releas|publish|shar|post)\w*\s+(?:(?!(?:papers?|polic\w*|research|findings|principles|guidelines|reports?|stud\w+|"
    r"documents?|prompts?)\b)[\w.'’-]+\s+){0,4}?openly",
    # "Download the Llama 3.1 8B weights from Hugging Face"
    r"(?:download|get|grab|obtain)\w*\s+(?:the\s+|its\s+|their\s+|[\w.-]+['’]s\s+)?(?:(?:model|(?-i:[A-Z0-9][\w.-]*))\s+){0,4}?weights",
    r"(?:available\s+)?(?:for|to)\s+(?:anyone|everyone)\s+to\s+download",
    r"(?:download|grab|pull)\w*\s+(?:[\w.'’-]+\s+){1,4}?from\s+" + HUB,
    # "putting dozens of Qwen checkpoints on Hugging Face", "putting the Llama 2 weights in the hands of anyone"
    r"(?:put|puts|putting|placed|placing|upload\w*)\s+(?:[\w.'’-]+\s+){0,4}?(?:weights|checkpoints|models?)\s+"
    r"(?:up\s+)?(?:on\s+"
    + HUB
    + r"|in(?:to)?\s+the\s+hands\s+of\s+(?:anyone|everyone|developers|researchers|the\s+public))",
    r"available\s+(?:for|to)\s+(?:free\s+|public\s+)?download\b",
    # "Llama 3.1 405B is free to download", "Qwen and Llama 3 are free to download": said right after a model's
    # version or size, its weights (a versioned model is not an app)
    r"(?:(?<=\d\s)|(?<=\d[Bb]\s))(?:(?:is|are|was|were)\s+(?:also\s+|still\s+)?)?free\s+to\s+download\b",
    # "making R1 free to download and modify"; "free to download" alone is only free of charge (an app)
    r"free\s+to\s+(?:download\s+and\s+)?(?:(?:can\s+be\s+)?(?:modified|fine-tuned)|modify|fine-tune|inspect)\b",
    r"free\s+to\s+download\s+and\s+run\s+(?:it\s+)?(?:locally|on\s+your\s+own\s+(?:machine|hardware|computer|GPU))",
    # "OLMo comes with its full training data and code"
    r"(?:comes?|ships?|shipped|(?:releas(?:ed|ing)|publish(?:ed|ing))(?:\s+[\w.'’-]+){0,3}?)\s+(?:along\s+with|together\s+with|with|"
    r"alongside)\s+(?:its\s+|the\s+|their\s+|all\s+(?:of\s+)?(?:its\s+|the\s+|their\s+)?|everything(?:\s+(?:attached|included))?\s*:\s*)?(?:full\s+|complete\s+)?"
    r"(?:weights|code|(?:training\s+)?checkpoints|training\s+(?:data|code|recipe)|source\s+code|data\s+used\s+to\s+train)",
    # "the weights sit on Hugging Face"
    r"(?:code|weights|models?|checkpoints?)\s+(?:(?:for|of)\s+(?:[\w.-]+\s+){1,4}?)?(?:is|are|was|were|sits?|lives?)\s+"
    r"(?:(?:now\s+)?(?:posted|published|released|available|uploaded|put)\s+)?(?:on|to|onto)\s+" + HUB,
    # "will have its weights released once the run finishes"
    r"(?:has|have|had|get|gets|got)\s+(?:its|their)\s+(?:model\s+)?weights\s+(?:released|published|open[\s-]?sourced|made\s+public)",
    # "put the Llama 3.1 405B weights up for download", "the weights are free on Hugging Face"
    r"weights\s+(?:up|out)\s+for\s+(?:public\s+)?download",
    # "Gemma 3n will get its full weights released"
    r"(?:get|gets|got|getting)\s+(?:its|their)\s+(?:full\s+)?weights\s+(?:released|published|open-?sourced)\b",
    # "one command and Llama 3 is running on your MacBook"
    r"(?:is|are)\s+running\s+(?:locally\s+)?on\s+(?:your|my|a)\s+(?:own\s+)?(?:MacBook|laptop|PC|desktop|Mac)\b",
    # "Stability AI put the weights out publicly", "the Hermes 4 weights will go up on Hugging Face"
    r"(?:put|puts|putting)\s+(?:the\s+|its\s+|their\s+)?(?:model\s+)?weights\s+out\b",
    r"weights\s+(?:will\s+)?(?:go|goes|went|going)\s+up\s+on\s+" + HUB,
    # "Nous Research publishes everything on Hugging Face"
    r"publish\w*\s+(?:everything|it\s+all|all\s+(?:of\s+)?(?:its|their)\s+(?:models|weights|work))\s+(?:openly\s+)?on\s+"
    + HUB,
    r"weights\s+(?:are|were|is)\s+(?:now\s+)?free(?:ly\s+available)?\s+(?:on\s+" + HUB + r"|to\s+download)",
    # "xAI put Grok 2.5's weights on Hugging Face"
    r"(?:put|puts|posted|posts|uploaded|uploads|pushed|pushes|dropped|drops)\s+(?:[\w.'’+-]+\s+){0,4}?weights\s+(?:and\s+(?:[\w-]+\s+){1,2}?)?"
    r"(?:of\s+(?:[\w.'’-]+\s+){1,4}?)?(?:on|to|onto)\s+"
    + HUB,  # "… the weights and architecture of Grok-1 on GitHub"
    # licence terms that let anyone build a business on it: "Llama 2 is free for research and commercial use"
    r"(?:free|available|licen[cs]ed|permitted|allowed)\s+for\s+(?:both\s+)?(?:research\s+and\s+)?commercial\s+"
    r"(?:use|purposes|applications)|can\s+be\s+used\s+commercially",
    r"(?:lets?|allows?|permits?)\s+(?:[\w'’-]+\s+){0,3}?(?:to\s+)?use\s+(?:it|them)\s+commercially",
    # "anyone can download Llama 3", "gave away its model for free", "can be self-hosted"
    r"(?:anyone|anybody|everyone|everybody)\s+(?:can|could)\s+(?:freely\s+)?(?:download|inspect|modify|fine-tune|grab)",
    r"g(?:ave|ives?|iving|iven)\s+away\s+(?:[\w'’-]+\s+){0,3}?(?:models?|weights|code|LLMs?)",
    # "giving Llama away", "by giving Llama for free"
    r"(?:gave|giv(?:e|es|en|ing))\s+(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z0-9][\w.-]*))?\s+(?:away\b|for\s+free\b)",
    # "made Stable Diffusion's weights available to anyone", "weights were both made public"
    r"(?:make|makes|made|making)\s+(?:[\w.'’-]+\s+){0,4}?weights\s+(?:publicly\s+|freely\s+|openly\s+)?(?:available|public)",
    # "has given the smaller Gemma models to the public", "Mixtral, which the company gave to everyone": a
    # model handed to all (not access to an app: "gave everyone access to ChatGPT" is no cue)
    r"(?:gave|giv(?:e|es|en|ing))\s+(?!access\b)(?:(?:the|its|their)\s+)?(?:[\w.'’-]+\s+){0,4}?"
    r"(?:models?|weights|LLMs?|(?-i:[A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*)?))\s+to\s+(?:the\s+public|everyone|everybody|anyone)\b",
    r"(?<=\bwhich\s)(?:the\s+company|it|they)\s+(?:gave|gives|has\s+given)\s+to\s+(?:the\s+public|everyone|everybody|anyone)\b",
    # "by handing Llama 2 to anyone who wanted to run it", "promised to release Grok 3 to the public"
    r"(?:hand|releas)\w*\s+(?:(?:the|its|their)\s+)?(?:[\w.'’-]+\s+){0,4}?(?:over\s+)?to\s+(?:the\s+public|everyone|everybody|anyone|the\s+community)\b",
    # "posted the full weights of DeepSeek-R1", "publish the next GLM generation's weights openly"
    r"(?:post|publish)\w*\s+(?:(?:the|its|their)\s+)?(?:(?:full|model)\s+)?(?:(?!(?:but|not|never|or)\b)[\w.'’-]+\s+){0,5}?weights\b(?!\s+(?:of\s+)?(?:evidence|tables?))",
    # "made the weights of Grok-1 downloadable"
    r"(?:make|makes|made|making)\s+(?:the\s+|its\s+|their\s+)?weights\s+(?:of\s+(?:[\w.-]+\s+){1,3}?)?"
    r"(?:downloadable|public|(?:openly\s+|publicly\s+)?available)",
    # "Grok 1 was made open by xAI"
    r"(?:was|were|is|are|been)\s+made\s+open(?:[\s-]sourc\w*)?\b(?!\s+to\b)",
    # "its code sits on GitHub for anyone to fork"
    r"(?:code|weights)\s+(?:sits?|lives?|is|are)\s+on\s+" + HUB,
    r"for\s+(?:anyone|everyone)\s+to\s+(?:fork|run|modify|build\s+on)\b",
    # "lets outside developers near the weights" (negated, "will never let …": closed)
    r"\blets?\s+(?:anyone|anybody|outsiders|(?:outside\s+|other\s+)?(?:developers|researchers|companies))\s+(?:near|touch|see|at)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:weights|model)\b",
    # "Whisper, which anyone can run locally", "pull Mistral 7B and run it on a laptop"
    r"(?:anyone|anybody|everyone)\s+(?:can|could)\s+run\s+(?:it\s+|them\s+)?(?:locally|offline|at\s+home)\b",
    r"\brun\s+(?:it|them)\s+on\s+(?:a|any|your|their)\s+(?:normal\s+|ordinary\s+|own\s+)?(?:laptop|PC|phone|desktop)\b",
    # "the weights of Stable Diffusion 3 would be shared with the public"
    r"(?:be|been|is|are|was|were)\s+shared\s+(?:openly\s+)?with\s+(?:the\s+public|everyone|anyone|the\s+community)\b",
    # "release code and checkpoints for OLMo 2", "putting out the paper, code and checkpoints for SAM 2"
    r"(?:releas\w*|publish\w*|shar\w*|put(?:s|ting)?\s+out)\s+(?:the\s+)?(?:(?:paper|code|weights|checkpoints|data),?\s+"
    r"(?:and\s+)?){1,3}?(?:code|weights|checkpoints)\s+(?:for|of)\b",
    # "Midjourney has never released its model" (negated, closed; "released its model" alone is a launch)
    r"(?<=\bnever\s)(?:released|published|shared)\s+(?:its|their|an?|any)\s+(?:own\s+)?models?\b(?!\s+(?:cards?|papers?))",
    # "Gemma is described as the open version of its Gemini models"
    r"\bopen(?:[\s-]weights?|[\s-]source)?\s+(?:version|variant|sibling|cousin|counterpart)(?=\s+of\b)",
    # "AI2 publishes everything: the weights, the training data, the code", "with OLMo they give everything, the
    # weights, the data and the training code", "put out OLMo 2 with everything public (training data, code …)"
    r"(?:releas|publish|shar|g[ai]v)\w*\s+everything(?=\s*[:,(—–-]\s*(?:the\s+|its\s+)?(?:weights|training|data|code))",
    r"with\s+everything\s+(?:public|open|released|published)\b",
    # "a nonprofit that publishes everything it builds"
    r"publish\w*\s+everything\s+(?:it|they)\s+(?:builds?|makes?|trains?|does)\b",
    # "the model anyone can run on a gaming PC"
    r"(?:anyone|anybody|everyone)\s+(?:can|could)\s+run\s+(?:it\s+|them\s+)?on\s+(?:a|any|their|your)\s+"
    r"(?:own\s+|gaming\s+|home\s+|normal\s+)?(?:PC|laptop|computer|desktop|GPU)\b",
    # "Meta dropped Llama 3.1 405B as a straight download"
    r"(?:releas|publish|dropp|drop|post|put|ship)\w*\s+(?:[\w.'’-]+\s+){1,4}?as\s+an?\s+(?:straight|free|direct|public)\s+download\b",
    # "TII released Falcon 180B for free download"
    r"(?:releas|publish|post)\w*\s+(?:[\w.'’-]+\s+){1,3}?for\s+(?:free\s+|public\s+)?download\b",
    # "released the Pythia models with 154 intermediate checkpoints each"
    r"with\s+(?:all\s+|its\s+|\d+\s+)?(?:intermediate|training)\s+checkpoints\b",
    # "Google's Gemma is open for developers to build on"
    r"\bopen\s+for\s+(?:developers|anyone|everyone)\s+to\s+(?:build\s+on|use|download|modify)\b",
    # "GPT-2 was the last model OpenAI published in full"
    r"published\s+in\s+full\b",
    # "lets outside developers download or inspect it" (negated, "does not let …": closed)
    r"\blets?\s+(?:anyone|anybody|outsiders|(?:outside\s+|other\s+)?(?:developers|researchers|companies))\s+(?:download|inspect|modify)\b",
    # "Sora is not something you can download"
    r"(?:something|anything)\s+(?:that\s+)?you\s+can\s+download\b",
    # "Stability AI gave the model away", "Meta keeps giving its Llama models away", "given away nearly everything"
    r"g(?:ave|ives?|iving|iven)\s+(?:the|its|their)\s+(?:(?-i:[A-Z][\w.-]*)\s+)?(?:models?|weights|code)\s+away\b",
    r"g(?:ave|ives?|iving|iven)\s+away\s+(?:nearly\s+|almost\s+)?everything\b",
    # "releasing OLMo together with its training data, code and checkpoints"
    r"releas\w*\s+(?:[\w.'’-]+\s+){1,3}?(?:together\s+|along\s+)?with\s+(?:its|the|their)\s+(?:full\s+)?training\s+(?:data|code)",
    # "Cohere put the weights of Command R+ online"
    r"(?:put|puts|putting|posted)\s+(?:the\s+|its\s+)?(?:[\w.'’+-]+\s+){0,3}?weights\s+(?:of\s+(?:[\w.+-]+\s+){1,3}?)?(?:online|up)\b",
    # "Llama, which Zuckerberg gives away for free"
    r"g(?:ave|ives?|iving|iven)\s+away\s+for\s+free\b",
    # "for running models like Mistral 7B on your own laptop"
    r"running\s+(?:[\w.'’-]+\s+){1,5}?on\s+(?:your|their)\s+own\s+(?:laptops?|computers?|machines?|hardware|GPUs?)\b",
    # "promised to open up the next Kimi model to developers"
    r"\bopen(?:s|ed|ing)?\s+up\s+(?:the\s+|its\s+)?(?:next\s+|new\s+|latest\s+)?(?:[\w.-]+\s+){0,2}?models?\b",
    # "promised to publish Grok 3 for everyone", "weights were published for everyone"
    r"publish\w*\s+(?:(?:the|its|their)\s+)?(?:[\w.'’-]+\s+){0,4}?for\s+(?:everyone|everybody|anyone|the\s+public|developers)\b",
    # "shares many of its models openly"
    r"shar\w*\s+(?:(?:many|some|most|all)\s+of\s+)?(?:its|their)\s+(?:[\w-]+\s+)?(?:models|weights)\s+(?:openly|publicly)\b",
    # "DeepSeek shares its models with anyone" (and, negated, "doesn't share its models with anyone")
    r"shar\w*\s+(?:its|their)\s+(?:[\w-]+\s+)?models?\s+with\s+(?:anyone|everyone|the\s+public|the\s+community)",
    # "DeepSeek makes its models freely available"
    r"(?:make|makes|made|making)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:models?|LLMs?)\s+(?:freely|publicly|openly)\s+available",
    r"weights,?\s+(?:[\w'’-]+,?\s+){0,5}?(?:were|are|was|is)\s+(?:both\s+|all\s+)?made\s+(?:publicly\s+)?(?:public|available)",
    # "weights, training data, code and intermediate checkpoints all released by AI2"
    r"weights,\s+(?:[\w'’-]+,?\s+){1,10}?(?:(?:were|are)\s+)?all\s+(?:released|published|open[\s-]?sourced|made\s+public|public)\b",
    # "can be downloaded from Hugging Face", "allows researchers and companies to download Llama 2"
    r"(?:can|could)\s+be\s+(?:freely\s+)?(?:downloaded|fetched)(?!\s+(?:for\s+)?(?:free\s+)?(?:from|on|in)\s+(?:the\s+)?"
    r"(?:Microsoft\s+Store|(?:Mac\s+)?App\s+Store|Google\s+Play|Play\s+Store))",  # an app, from an app store
    # "GPT-4 cannot be downloaded": the negation before the cue makes it closed (bot.extract.modality)
    r"(?:(?<=cannot\s)|(?<=can['’]t\s)|(?<=can\snot\s))be\s+(?:freely\s+)?(?:downloaded|self[\s-]hosted|inspected)",
    r"(?:allows?|lets?|enables?)\s+(?:[\w'’-]+\s+){0,4}?(?:to\s+)?(?:freely\s+)?download\b",
    r"(?:can|could)\s+be\s+self[\s-]hosted|self[\s-]hostable",
    r"(?:can|could)\s+self[\s-]?host\b",  # "developers can self-host Llama 3"
    # "Grok 3 isn't available to self-host" (negated, closed), "available for self-hosting under Apache 2.0"
    r"available\s+(?:to\s+self[\s-]?host|for\s+self[\s-]?hosting)\b",
    # "can never self-host it", "can't self-host it": negated, closed (bot.extract.modality)
    r"(?:(?<=\bnever\s)|(?<=n['’]t\s)|(?<=\bcannot\s))self[\s-]?host\b",
    # "Flux can be run on your own GPU": its weights are in your hands
    r"(?:can|could)\s+(?:\w+ly\s+)?(?:be\s+)?run\s+(?:it\s+|them\s+)?(?:locally|offline|on[\s-]prem(?:ise|ises)?\b|"
    r"on\s+(?:your|their|a\s+user['’]s)\s+own\s+(?:GPUs?|hardware|machines?|computers?|servers?|laptops?)|"
    r"on\s+local\s+(?:servers?|machines?|hardware|GPUs?))",  # "could legally run on-prem", "could run on local servers"
    # "Stable Diffusion can be installed on a home computer"
    r"(?:can|could)\s+be\s+(?:installed|run)\s+on\s+(?:a|your|any)\s+(?:home|own|personal)\s+(?:computer|PC|laptop|machine)",
    r"(?:via|through|over|as)\s+(?:a\s+)?(?:bit)?torrents?\b",  # weights anyone can download
    # "many startups run it on their own servers"
    r"\brun\s+(?:it|them)\s+(?:for\s+free\s+)?(?:locally|offline|on\s+(?:your|their|its|his|her)\s+own\s+"
    r"(?:servers?|hardware|GPUs?|machines?|laptops?|computers?))",
]

# A cue starts where a word does (or at the "n't" of "doesn't"): "every closed loop" holds no "very
# closed", "disclosed companies" no "closed companies", "carefully opened" no "fully open". Checked first,
# the boundary also spares the alternatives below every position inside a word: a third of the time.
CUE_RE = compile_dispatched(
    r"(?:\b|(?=n['’]t))",
    [
        *(("partial", pattern) for pattern in _PARTIAL),
        ("graded", _GRADED),
        *(("closed", pattern) for pattern in _CLOSED),
        *(("open", pattern) for pattern in _OPEN),
    ],
    re.IGNORECASE,
)

# Every cue contains "open" (not only as "OpenAI"), a bare "API" or one of these; checking them first skips
# the cue regex for nineteen claims in twenty.
_CUE_KEYS = (
    "closed",
    "commercial",  # "both open-source and commercial models", "free and commercial models"
    "propriet",
    "licen",
    "weights",
    "apache",
    "torrent",
    "source-avail",
    "source avail",
    "black-box",
    "black box",
    "withh",
    "publicly avail",
    "publicly rel",
    "publicly acc",
    "downloadable",
    "one to download",  # "available for anyone to download"
    "free to download",  # "Llama 3 is free to download"
    "free download",  # "released Llama 3 as a free download"
    "straight download",
    "direct download",
    "public download",
    "self-host",
    "self host",
    "github",
    "limited access",
    "private tool",
    "private beta",
    "private preview",
    "be used commercial",
    "be used for commercial",
    "be used in commercial",
    "subscription-only",
    "subscription only",
    "paid-only",
    "paid only",
    "prohibit",  # "Gemma's terms prohibit …"
    "checkpoint",  # "comes with all training checkpoints"
    "solely",  # "accessible solely on the cloud"
    "hugging face",  # "put Phi-3 on Hugging Face"
    "on hf",  # "weights on HF", the notes' abbreviation
    "from hf",
    "huggingface",
    "under mit",  # "released under MIT"
    "only be ",  # "can only be rented through"
    "as a hosted",  # "can only consume Claude as a hosted service"
    "as hosted",
    "metered",  # "only as a metered API"
    "rail licen",  # "under a RAIL licence"
    "by the osi",  # "never approved by the OSI"
    "own open",  # "under its own open model licence"
    "no way to ",  # "there's no way to run it locally"
    "can actually download",  # "the best models you can actually download"
    "can freely download",
    "on-prem",  # "can legally be run on-prem"
    "700 million",  # "more than 700 million monthly users": Llama's licence cap
    "700m",
    "cannot be inspected",  # "the model behind it cannot be inspected"
    "can't be inspected",
    ": mit",  # "Whisper large-v3: MIT, …"
    "= mit",  # "openpilot = MIT"
    "out on request",  # "weights only handed out on request"
    "running on your",  # "Llama 3 is running on your MacBook"
    "out upon request",
)

# … or one of these words together with one of its companions (each alone is common in other talk):
# "keeps its best models in-house", "refused to disclose GPT-4's architecture", "anyone can download",
# "gave away its model", "the code for AlphaFold 2 was released".
_KEEP = ("keep", "kept")
_DISCLOSE = ("disclos", "reveal", "shar", "publish")
_ANYONE = ("download", "inspect", "modify", "fine-tune", "grab")
# who "restricted to" / "limited to" lets in (one list for both, as one pattern reads both)
_AUDIENCE = ("testers", "teamers", "researchers", "partners", "customers", "users", "artists", "creators")
_PLACES = ("through", "via", "in", "on", "inside", "within")
_WAYS_IN = ("api", "app", "website", "platform", "subscription", "cloud", "plans", "bot")
_CAN_NOT = ("cannot be", "can't be", "can’t be", "can not be")
_PAIRED_KEYS = (
    ("in-house", (*_KEEP, "stay", "remain")),
    ("private", (*_KEEP, "stay", "remain")),
    ("secret", (*_KEEP, "treat", "stay", "remain")),  # "treats its models as trade secrets"
    ("lock and key", _KEEP),
    ("confidential", _KEEP),
    ("under wraps", _KEEP),
    ("architecture", _DISCLOSE),
    ("model", _DISCLOSE),  # "didn't publish the underlying model"
    ("parameter", _DISCLOSE),
    ("anyone", _ANYONE),
    ("anybody", _ANYONE),
    ("everyone", _ANYONE),
    ("everybody", _ANYONE),
    # "gave away its model", "gave the model away", "given away nearly everything"
    (
        "away",
        (
            "gave",
            "give",
            "giving",
            "the model",
            "its model",
            "their model",
            "models away",
            "code away",
            "everything",
        ),
    ),
    ("code", ("releas", "available", "public", "publish", "hugging")),
    ("restrict", ("use", "usage")),
    ("available only", ("through", "via", " in ", " on ")),
    ("accessible only", ("through", "via")),
    # "publishes everything: the weights, …", "with everything public" (companions rarer than the verbs)
    ("everything", ("weights", "training", " code", "public", "published", "released")),
    # "only available in the X app", "only available inside ChatGPT"
    (
        "only available",
        (
            "app",
            "website",
            "platform",
            "subscription",
            "cloud",
            "through",
            "via",
            "inside",
            "within",
            " in ",
            " on ",
        ),
    ),
    # "only inside the X app", "only on its website", "exclusively via the API": the only way in ("solely" is a key)
    *((f"{only} {place}", _WAYS_IN) for only in ("only", "exclusively") for place in _PLACES),
    ("only accessible", ("app", "website", "platform", "subscription", "cloud")),
    ("paywall", _KEEP),
    ("inside", _KEEP),  # "keeps Veo 3 inside Gemini"
    ("within", _KEEP),
    ("restricted to", _AUDIENCE),
    ("reserved for", ("subscribers", "customers", "users", "members", "partners")),
    ("to itself", _KEEP),
    ("to themselves", _KEEP),
    ("exclusively", ("through", "via")),
    ("platform", ("only",)),  # "only lets customers fine-tune GPT-4o through its platform"
    ("terms", ("own",)),  # "under its own Gemma terms of use"
    ("limited to", _AUDIENCE),
    # "available for download", "you cannot download", "released for free download", "allows anyone to download"
    (
        "download",
        (
            "available",
            "cannot",
            "can't",
            "can’t",
            "never",
            "for free download",
            "for download",
            "can download",  # "models that researchers can download"
            "weights",  # "Download the Llama 3.1 8B weights"
            "allow",
            "let",
            "enable",
        ),
    ),
    ("with", ("training data", "training code", "training recipe", "source code", "used to train")),
    ("hid", ("chain", "reasoning")),
    ("only be", ("through", "via", " in ", " on ")),
    ("fetched", ("can be",)),
    ("behind", ("paid", "paywall", "api", "subscription", "kept", "keep")),
    ("locked", ("inside", "behind")),
    ("reachable", ("through", "via")),
    ("as a service", ("only",)),
    ("as an api", ("only",)),
    ("share", ("anyone", "everyone", "public", "community")),
    ("shared", ("with the public", "with everyone", "with anyone", "with the community")),
    (
        "publish",
        ("for everyone", "for everybody", "for anyone", "for the public", "for developers", "everything"),
    ),
    # "gave Mixtral to the public", "handing Llama 2 to anyone", "release Grok 3 to the public"
    ("to the public", ("gave", "give", "giving", "hand", "releas")),
    ("to everyone", ("gave", "give", "giving", "hand", "releas")),
    ("to everybody", ("gave", "give", "giving")),
    ("to anyone", ("gave", "give", "giving", "hand", "releas")),
    ("to the community", ("hand", "releas")),
    ("possible to", ("download", "use it online", "use them online")),
    ("can only", ("use", "access", "try", "run", "reach")),
    ("for anyone to", ("fork", "run", "modify", "build")),
    ("for everyone to", ("fork", "run", "modify", "build")),
    (
        "run",
        (
            "locally",
            "offline",
            "own gpu",
            "own hardware",
            "own machine",
            "own computer",
            "own server",
            "own laptop",
            "anyone can",
            "anybody can",
            "everyone can",
            "laptop",
            "phone",
            "desktop",
            " pc",
        ),
    ),
    ("running", ("own laptop", "own computer", "own machine", "own hardware", "own gpu")),
    ("local", ("run on local",)),
    ("for free on", ("run it",)),
    ("install", ("home computer", "own computer", "personal computer", "home pc", "own pc", "own laptop")),
    ("for access", ("charg",)),
    ("access to", ("sell",)),
    ("subscription", ("charg",)),
    ("no public", ("access", "api", "release")),
    (
        "only",
        ("paid", "paying", "premium", "enterprise", "subscribers", "pro users", "plus users", "academic"),
    ),
    ("only for", ("research", "academic", "personal")),
    ("only runs", ("through", "via", " in ", " on ", "inside", "within")),
    ("only works", ("through", "via", " in ", " on ", "inside", "within")),
    ("only given to", ("researchers", "academics")),
    ("only available to", ("researchers", "academics")),
    ("handed out to", ("only",)),
    ("if you pay", ("only",)),
    ("who pay", ("only",)),
    ("for paying", ("kept", "keep")),
    ("own servers", ("kept", "keep")),
    ("paid product", ("keep", "kept")),
    ("paid service", ("keep", "kept")),
    ("never leave", ("servers",)),
    ("training", ("together with", "along with")),
    ("request", ("permission",)),
    ("permission", ("ask",)),
    ("membership", ("buy", "purchase", "get a")),
    ("free to download for", ("personal", "research", "academic")),
    ("a year", ("earning over", "making over", "earning more", "making more")),
    ("research-only", ("is ", "was ", "are ", "were ", ": ", "= ")),
    ("research only", ("is ", "was ", "are ", "were ", ": ", "= ")),
    ("but ", ("limits", "restrictions", "caps", "conditions")),
    # "GPT-3 itself was never released", "has never released its model"
    (
        "never",
        (
            "itself was",
            "itself were",
            "itself has been",
            "released its model",
            "published its model",
            "shared its model",
            "released their model",
            "released a model",  # "Midjourney has never released a model"
            "released any model",
        ),
    ),
    ("in full", ("published",)),
    ("let", ("download", "inspect", "modify", "see the model", "near the", "touch the")),
    ("can download", ("something", "anything", "developers", "anyone", "people", "users")),
    ("available", ("freely", "publicly", "outside")),
    ("only via", ("available", "accessible", "offer", "sell", "provid", "serv")),
    ("only through", ("available", "accessible", "offer", "sell", "provid", "serv")),
    ("only accessible", ("through", "via", "inside", "within", " in ", " on ")),
    ("and never", ("releas", "publish", "shar", "open")),
    ("hugging", ("code", "model")),
    ("downloaded", ("can be", *_CAN_NOT)),
    ("release", ("them", " it")),  # "does not release them"
    ("research", ("only",)),  # "for research purposes only"
    ("paid", ("companies", "enterprises", "businesses")),  # "require paid memberships for larger companies"
    ("free to", ("modify", "fine-tune", "inspect")),
    ("hidden", _KEEP),  # "keeps o3's chain of thought hidden"
    ("outside", ("nobody", "no one")),  # "Nobody outside OpenAI knows …"
    ("api only", ("through", "via")),
    ("app only", ("through", "via")),
    ("platform only", ("through", "via")),
    ("cc", ("by-nc", "by nc", "bync", "by-sa-nc")),  # "a CC-BY-NC license"
    ("public domain", ("in the", "into the")),
    ("permissive", ("terms",)),
    ("only offered", ("through", "via")),
    ("hosted", _CAN_NOT),
    ("available to the public", ("not", "never")),
    ("publicly", ("never", "not")),
)

# … or a word that starts with one of these ("API", licence names: "GPLv3"), checked by a word regex only
# when their letters occur.
_WORD_KEYS = ("api", "gpl", "bsd", "mpl")
_WORDS = re.compile(r"\b(?:api|a?gpl|lgpl|bsd|mpl)")

# A cue that is a verb has a subject and maybe an object; any other cue modifies a noun.
_VERB_CUE = re.compile(
    r"(?:open[\s-]?sourc(?:ed|es|ing)|releas|publish|shar|mak|keep|kept|weights\s|any|every|g[ai]ve\w*\s+away|stay|remain|never\s+leav|"
    r"(?:can|could)\s+self|"
    r"(?:turn|shift|switch|pivot|mov)\w*\s+to\s|(?:never|refus\w*|declin\w*|(?:did|does|do|would|will)\s*n[o'’]t)\s+"
    r"(?:to\s+)?(?:disclos|reveal|shar|publish))",
    re.IGNORECASE,
)

# "will open source Grok 2", "to open source": the base form is a verb too, after one of these.
_OPEN_SOURCE = re.compile(r"open[\s-]?source", re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:will|to|['’]ll|would|could|should|can|may|might|did|does|do|not|never|they|we)\s+(?:\w+ly\s+)?$",
    re.I,
)
# After "to", it is a verb when an object follows ("to open source the weights", "to open source Llama") …
_INFINITIVE_OBJECT = re.compile(
    r"\s+(?:(?i:the|a|an|its|their|his|her|our|some|all|more|most|parts?|it|them|everything|weights|models?)\b|[A-Z0-9])"
)

# … or when no noun comes before the "to": "their approach to open source", "a shift to open source" are
# the noun.
_NOUN_BEFORE_TO = re.compile(
    r"^(?:commit|contribut|dedicat|devot|approach|shift|move|pivot|transition|switch|turn|path|road|attitude|"
    r"stance|access|relation|strateg|respon|threat|challeng|alternativ|answer|gateway|key|open|opposition|"
    r"resistan|hostil|support|nod|win|boon|gift|blow|bet|focus)",
    re.IGNORECASE,
)

# "open sources" is a verb after its subject, else a noun (OSINT's "open sources").
SOURCES = re.compile(r"open\s+sources", re.IGNORECASE)
SOURCES_SUBJECT = re.compile(
    r"\b(?:it|he|she|which|that|who|also|now|often|still|and|\w+ly)\s+$", re.IGNORECASE
)

# Two cues of opposite kinds side by side ("open source vs closed source models", "proprietary or
# open-source") name a category split, not anyone's openness …
_PAIR_GAP = re.compile(r"\s*,?\s*(?:and|or|vs\.?|versus|/|nor|to)\s+(?:(?:an?|the)\s+)?$", re.IGNORECASE)


# Between an open cue and the licence that qualifies it: nothing, or "under a", "with the".
_QUALIFYING_GAP = re.compile(
    # "released the Llama 3 weights for download under its own community licence"
    # … and "posted the SDXL weights on GitHub under CC-BY-NC", "released the weights of Command R+ for
    # non-commercial research only"
    r"(?:\s+of\s+(?-i:[A-Z][\w.+-]*)(?:\s+(?-i:[A-Z0-9][\w.+-]*)){0,3})?"
    r"\s*,?\s*(?:(?:for\s+(?:public\s+)?download\s+|on\s+" + HUB + r"\s+)?(?:only\s+)?"
    r"(?:under|(?:came\s+|comes\s+|come\s+|ships?\s+|shipped\s+)?with)\s+"
    r"(?:(?:an?|the|its|their)\s+(?:own\s+)?)?|"
    r"(?:but|though|yet)\s+(?:(?:is|are|was|were)\s+)?)?",
    re.IGNORECASE,
)

# … unless "both" opens the pair: then both are whoever the first is about.
_BOTH = re.compile(r"\bboth\s+(?:an?\s+)?$", re.IGNORECASE)


# Whether the first two lists above can answer yes, found in one scan: most texts can't, and a trie-shaped regex
# says so several times faster than a substring test per key. A pair needs both its key and a companion, so the
# side with the longer words stands for it ("with" is common, "training data" is not).
_ANY_KEY = re.compile(
    literal_trie(
        [
            *_CUE_KEYS,
            *(
                side
                for key, companions in _PAIRED_KEYS
                for side in (companions if min(map(len, companions)) > len(key) else (key,))
            ),
        ]
    )
)


def may_have_cue(text: str) -> bool:
    """False when no cue can match: a cheap filter before `CUE_RE`."""
    lowered = text.lower()
    opens = lowered.count("open")
    if opens and opens > lowered.count("openai"):
        return True
    if _ANY_KEY.search(lowered) is None:
        return _WORDS.search(lowered) is not None  # what the word keys below come to
    # Plain loops, not any() over generators: most texts here go through every key, and a generator costs
    # a frame switch per key (a third of the time).
    for key in _CUE_KEYS:
        if key in lowered:
            return True
    for key, companions in _PAIRED_KEYS:
        if key in lowered:
            for companion in companions:
                if companion in lowered:
                    return True
    for key in _WORD_KEYS:
        if key in lowered:
            return _WORDS.search(lowered) is not None
    return False


def cue_kind(match: re.Match[str]) -> SignalKind:
    tag = tag_of(match)
    if tag == "graded":
        return "closed" if "closed" in match.group().lower() else "open"
    return "partial" if tag == "partial" else "closed" if tag == "closed" else "open"


def pairs_with_previous(text: str, cues: Sequence[re.Match[str]], index: int) -> bool:
    """Whether cue `index` is the second of a pair ("open-source and commercial")."""
    return index > 0 and _PAIR_GAP.match(text, cues[index - 1].end(), cues[index].start()) is not None


# Between two cues of one kind that say one thing: "no public API and certainly no weights".
_JOIN_GAP = re.compile(
    r"\s*(?:,\s*)?(?:and|or)\s+(?:(?:certainly|also|even|definitely|still)\s+)?", re.IGNORECASE
)


def joins_previous(text: str, cues: Sequence[re.Match[str]], index: int) -> bool:
    """Whether cue `index` is joined to the one before it and of its kind ("closed-source and proprietary",
    "with no public API and certainly no weights"): it is about whoever that one is about."""
    return (
        index > 0
        and cue_kind(cues[index]) == cue_kind(cues[index - 1])
        and _JOIN_GAP.fullmatch(text, cues[index - 1].end(), cues[index].start()) is not None
    )


def closes_both(text: str, cues: Sequence[re.Match[str]], index: int) -> bool:
    """Whether cue `index` closes a "both X and Y" pair: it is whoever the first is about ("Mistral ships
    both open-source and commercial models"); "other open-source and closed-source models" is not."""
    if not pairs_with_previous(text, cues, index):
        return False
    first = cues[index - 1].start()
    return _BOTH.search(text, max(0, first - 12), first) is not None


def qualifies_previous(text: str, cues: Sequence[re.Match[str]], index: int) -> bool:
    """ "the Databricks Open Model License, which limits large-scale use", "weights are on Hugging Face under
    a CC-BY-NC license": a licence's restriction right after the open cue it qualifies is about whoever that
    cue is about."""
    return (
        index > 0
        and cue_kind(cues[index]) == "partial"
        and cue_kind(cues[index - 1]) == "open"
        and _QUALIFYING_GAP.fullmatch(text, cues[index - 1].end(), cues[index].start()) is not None
    )


# Between an open cue and the restriction that qualifies it further on: the open cue's clause, then "under"
# ("weights are now available to academic researchers on request, under terms that bar any commercial use").
_UNDER_LATER = re.compile(
    r"[^.;!?]{0,100},\s*(?:(?:but|though|yet|and)\s+)?(?:(?:even\s+then|still|only)\s+)?under\s+(?:(?:an?|the|its|their)\s+)?",
    re.IGNORECASE,
)
# … or a contrast, then the restriction, said of the same thing: "can be downloaded, but Black Forest Labs
# licenses them for non-commercial use only", "although the terms that come with it restrict some uses"; not
# "but many startups license their models for non-commercial use only" (someone else's).
_CONTRAST_LATER = re.compile(
    r"[^.;!?]{0,100}\b(?:but|though|although|yet|however|except|even\s+if)\b(?P<after>[^.;!?]{0,80})",
    re.IGNORECASE,
)
_SAME_THING = re.compile(
    # "…, but commercial use above $1M in revenue needs a paid membership": the use of what was just named
    r"\b(?:it|its|them|commercial\s+use|(?:the|[\w.-]+['’]s)\s+(?:licen[cs]es?|terms|weights|models?|checkpoints?))\b",
    re.IGNORECASE,
)


def restricts_previous(text: str, cues: Sequence[re.Match[str]], index: int) -> bool:
    """ "…, under terms that bar any commercial use", "…, but Black Forest Labs licenses them for non-commercial
    use only": a restriction of what the open cue before it is about, further on than `qualifies_previous` reads
    (the caller checks that nobody else is named between)."""
    return (
        index > 0
        and cue_kind(cues[index]) == "partial"
        and cue_kind(cues[index - 1]) == "open"
        and (
            _UNDER_LATER.fullmatch(text, cues[index - 1].end(), cues[index].start()) is not None
            or (
                (contrast := _CONTRAST_LATER.fullmatch(text, cues[index - 1].end(), cues[index].start()))
                is not None
                and (
                    # the restriction's own words count ("though Google's terms of use still restrict")
                    _SAME_THING.search(text, contrast.start("after"), cues[index].end()) is not None
                    or len(contrast.group("after").split()) <= 3
                )
            )
        )
    )


# Between a release and the licence it is to come under: its object, then "under" ("put the next Nemotron
# models on Hugging Face under a permissive licence", "release the weights of the next big Qwen model under
# Apache 2.0").
_UNDER_AFTER = re.compile(
    r"(?:\s+(?:of|for)\s+[^,.;:!?]{0,60}?)?\s*,?\s*under\s+(?:(?:an?|the|its|their)\s+)?", re.IGNORECASE
)


def licenses_previous(text: str, cues: Sequence[re.Match[str]], index: int) -> bool:
    """Whether cue `index` is an open licence under which the release the cue before it tells comes."""
    return (
        index > 0
        and cue_kind(cues[index]) == "open"
        and _UNDER_AFTER.fullmatch(text, cues[index - 1].end(), cues[index].start()) is not None
    )


# Between a release and a noun phrase set off after it that names the release again: "…, its first open-weight
# release in years", "…, their first open model since GPT-2", "…, an approach the guest calls "open source on a
# delay"". Nothing but the release's own words before the comma (no full stop, no second clause).
_RENAMED_AFTER = re.compile(
    r"[^.;:!?]{0,120}?,\s*(?:"
    r"(?:its|their|the|an?)\s+(?:(?:very|long-awaited|first|second|latest|next|own|new|big|biggest|real|truly)\s+)*"
    r"|(?:an?|the)\s+(?:approach|move|strategy|step|plan|policy|decision|release)\s+(?:that\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:calls?|called|dubs?|dubbed|terms?|termed|describes?\s+as|described\s+as)\s+[\"“']?"
    r")",
    re.IGNORECASE,
)


def renames_previous(text: str, cues: Sequence[re.Match[str]], index: int) -> bool:
    """Whether open cue `index` is in a noun phrase set off after the open cue before it that names the same
    release again ("plans to put out an open-weight model, its first open-weight release in years"): what
    that cue says of it (a plan) goes for this one too."""
    return (
        index > 0
        and cue_kind(cues[index]) == "open"
        and cue_kind(cues[index - 1]) == "open"
        and _RENAMED_AFTER.fullmatch(text, cues[index - 1].end(), cues[index].start()) is not None
    )


def opposite_before(text: str, cues: Sequence[re.Match[str]], index: int) -> int:
    """Where the nearest earlier cue of another kind ends, if it is not paired with this one; else -1."""
    kind = cue_kind(cues[index])
    for other in range(index - 1, -1, -1):
        if cues[other].end() < cues[index].start() - LOOK_BEHIND:
            break  # too far back to be in reach (and a long claim must not cost more per cue)
        if cue_kind(cues[other]) != kind:
            if other == index - 1 and pairs_with_previous(text, cues, index):
                return -1
            return cues[other].end()
    return -1


def is_paired(text: str, cues: Sequence[re.Match[str]], index: int) -> bool:
    """Whether cue `index` stands side by side with a cue of the opposite kind."""
    kind = cue_kind(cues[index])
    for other in (index - 1, index + 1):
        if 0 <= other < len(cues) and cue_kind(cues[other]) != kind:
            first, second = sorted((cues[index], cues[other]), key=lambda m: m.start())
            if _PAIR_GAP.match(text, first.end(), second.start()):
                return True
    return False


# … and these are nouns whatever follows ("offers access to open-source models like Llama"), where the
# ones above may be verbs ("committed to open source its next model").
_ONLY_NOUN_BEFORE_TO = re.compile(
    r"^(?:access|approach|path|road|attitude|stance|relation|alternatives?$|answer|gateway|key$|opposition|"
    r"resistance|hostility|threat|exposure|migration)",
    re.IGNORECASE,
)


def is_verb_cue(text: str, match: re.Match[str], scope: int) -> bool:
    """Whether the cue is a verb ("open-sourced", "will open source"), not an adjective."""
    start = match.start()
    if _VERB_CUE.match(match.group()) is not None:
        return True
    if _OPEN_SOURCE.fullmatch(match.group()) is None:
        return False
    modal = _MODAL.search(text, max(scope, start - NEAR), start)
    if modal is None:
        return False
    # "to open source Llama" and "is expected to open source" are verbs; "Meta's commitment to open source
    # is …" is a noun
    if not modal.group().lower().startswith("to"):
        return True
    tokens = last_tokens(text, scope, modal.start(), 1)
    if tokens and _ONLY_NOUN_BEFORE_TO.match(tokens[-1].group()):
        return False  # "access to open-source models": what is reached, even with a noun after it
    if _INFINITIVE_OBJECT.match(text, match.end()):
        return True
    return not tokens or _NOUN_BEFORE_TO.match(tokens[-1].group()) is None


def cue_end(text: str, kind: SignalKind) -> int | None:
    """Where the first cue of `kind` in `text` ends (else the first cue of any kind): what an evidence line
    must show when the claim is too long to show whole."""
    first = None
    for match in CUE_RE.finditer(text):
        if cue_kind(match) == kind:
            return match.end()
        first = match.end() if first is None else first
    return first
