"""Which entities an openness cue is about (issue 10, item 2).

A cue is attributed:

1. to the entity it names directly: the object of a verb cue ("open-sourced Grok 1"), the model it
   modifies ("the open-source Llama 2"), its examples ("open-source models like Falcon"), the name it
   calls ("a system called openpilot"), its agent ("developed by AI21", "by big labs (Meta, Apple)"),
   or what follows the copula when the cue is in the subject ("One of the leading open-source models is
   Meta's Llama");
2. unless it describes other people's models ("the dominance of closed-source models", "outperformed
   open-source models", "moves beyond open-source examples") or a category ("open-source models can
   offer …"), or something that is not AI (bot.extract.topic): then nobody;
3. else to the possessor ("NVIDIA's closed-source CUDA") or the nearest entity before it in its clause
   that is not inside a prepositional phrase ("Grok 3, is currently closed source"; not "similar to
   OpenAI"), with its coordinated list;
4. else to the claim's subject (the bullet lead, which covers "They have open-sourced their weights").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Literal

from bot.contracts import EntityRef
from bot.extract.clauses import BLANK, ClaimText
from bot.extract.cues import HUB, NEAR, RESTRICTS, cue_kind, is_verb_cue
from bot.extract.grammar import (
    LOOK_BEHIND,
    PREPOSITIONS,
    head,
    is_candidate,
    last_tokens,
    recent,
    refs,
    with_list,
    words,
)
from bot.extract.model import Mention
from bot.extract.topic import (
    antecedent_not_ai,
    generic_without_ai,
    names_product_not_ai,
    not_ai,
    object_not_ai,
    part_of_product_not_ai,
    subject_not_ai,
    tied_to_not_ai,
    unknown_product_without_ai,
)

# How far after a cue its object, the noun it modifies or its examples can start ("open-source models such
# as …" names them within a few words).
LOOK_AHEAD = 300

# A cue that ends in a licence's verb of restriction ("licence forbids", "licence that caps").
_RESTRICTION_VERB = re.compile(r"\b" + RESTRICTS + "$", re.IGNORECASE)

# The patterns below run with match(text, pos, endpos) on a stretch of the claim: no "^" (it only matches
# at 0); "$" matches at endpos.
_EXAMPLES = re.compile(
    r"[\s\"'“”,-]*(?:(?:(?!(?:by|from|at|with|to|than|against|over|versus|vs)\s|(?:open|closed|proprietary)[\w-]*\s)"
    r"[\w-]+[\"'“”]?\s+){0,5}?"
    r"[\w-]+[\"'“”]?,?\s*)?\(?\s*(?:like|such\s+as|(?:which\s+)?includ(?:es|e|ing)|"
    r"e\.g\.,?|for\s+(?:example|instance),?|namely|notably|especially|specifically|particularly)\s+"
    # the examples, not a phrase about where or what for ("libraries like PyTorch inside the Firefly pipeline")
    r"(?:(?!\b(?:inside|within|in|into|across|on|at|for|through|via|behind|under)\s)[^.;:!?]){0,40}$"
    # "closed frontier models (GPT-4o, Claude 3.5 Sonnet)": a bracketed list right after the cue's noun
    r"|\s*(?:(?:[\w-]+\s+){0,2}?(?:models?|LLMs?|systems|options|alternatives|rivals|competitors|releases))?\s*\(\s*$",
    re.IGNORECASE,
)

# "open-source frameworks like PyTorch": examples follow the cue's noun, named or not.
EXAMPLES_FOLLOW = re.compile(
    r"[\s\"'“”-]*(?:(?!(?:by|from|at|with|to|than|of|for|in|on|against|over|versus|vs)\s)[\w-]+\s+){0,3}?"
    r"[\w-]+,?\s*\(?\s*(?i:like|such\s+as|including|e\.g\.,?|for\s+(?:example|instance),?)\s+[\"'“”]?[A-Z]"
)

# Between an adjectival cue and a name in apposition to its noun: "the open-source coding assistant Aider",
# "their open source model (DBRX)", "open-source papers, Moshi and Llama Omni, …", the name in quotes or not
# ('the open-source gadget "AutoGPT," a precursor …').
_APPOSITION = re.compile(r"\s+(?P<nouns>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s*(?P<mark>\(|,)?\s*[\"'“‘]?")
_APPOSITION_END = re.compile(r"[\"'”’]?\s*(?:[,);:]|\.(?!\w)|$)")
# What a name stands in apposition to without a comma: "the open-source coding assistant Aider".
_ROLE_NOUNS = words(
    "model llm tool assistant agent chatbot framework library project system platform software app "
    "alternative competitor rival option engine generator editor encoder release version gadget product "
    "package bot plugin extension implementation reimplementation"
)

# "open-source models, specifically Llama"
_SPECIFICALLY = re.compile(
    r"[\s\"'“”-]*(?:[\w-]+\s+){0,3}?[\w-]+,\s*(?:specifically|notably|namely)\s+$", re.I
)

# "companies like", "big tech companies (", "financially resourceful entities such as": their examples
# stand for the agent or the owner.
_STAND_INS = (
    r"(?:(?:[\w-]+\s+){0,2}?(?:companies|labs|firms|players|giants|organi[sz]ations|entities|startups)"
    r"\s*(?:\(\s*|,?\s+(?:like|such\s+as|including)\s+))"
)
# "open-source models from companies like Meta", "often come from financially resourceful companies like Meta"
_OWNER = re.compile(
    r"[\s\"'“”-]*(?:[\w-]+\s+){0,2}?[\w-]+\s+from\s+(?:the\s+)?" + _STAND_INS + "?$",
    re.IGNORECASE,
)
# … and right after a cue that ends in its noun: "a closed model from OpenAI" (not "downloaded from Hugging Face").
_OWNER_NEXT = re.compile(r"\s+from\s+(?:the\s+)?$", re.IGNORECASE)
_ENDS_IN_NOUN = re.compile(
    r"\b(?:models?|LLMs?|systems?|options?|products?|offerings?|solutions?)$", re.IGNORECASE
)

# "an open-source framework by OpenAI", "the open-sourcing of models by major tech companies (Meta, Apple)",
# "an open-source language model developed by AI21"; not "open-source models used by companies".
_BY_AGENT = re.compile(
    r"[\s\"'“”-]*(?:(?!(?:used|adopted|favou?red|preferred|chosen|deployed|hosted|run|served|sold|"
    r"downloaded|fine-tuned|requested|demanded)\s)[\w-]+\s+){0,3}?"
    r"(?:(?:developed|built|made|created|released|provided|published|trained|maintained|offered|backed|led|"
    r"launched|shipped|open-sourced)\s+)?by\s+"
    r"(?:(?:major|big|large|leading|several|many|the|some|other|tech|AI)\s+)*" + _STAND_INS + "?$",
    re.IGNORECASE,
)

# "The leading open-source model is Meta's Llama", "A prime example of Meta's commitment to open source is
# the release of SAM 2": the cue is in the subject, and what it is comes after the copula.
_IS_NAMED = re.compile(
    r"[\s\"'“”-]*(?:[\w-]+\s+){0,3}?(?:is|are|was|were)\s+(?:(?:the|a|an|its|their)\s+)?"
    r"(?:(?:release|releases|launch|version|versions|weights|family|series)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)

# "an open-source self-driving system called openpilot"
_CALLED = re.compile(
    r"[\s\"'“”-]*(?:[\w-]+\s+){0,5}?(?:called|named|dubbed|known\s+as)\s+[\"'“”]?$", re.IGNORECASE
)

# Before a name inside a cue, these make it a point in time, not what the cue is about.
_DATES = re.compile(r"\b(?:since|after|before|until|except)\s+$", re.IGNORECASE)

# Between a verb cue and its object: "open-sourced the weights of Llama 2".
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:the|its|their|his|her|a|an|of|first|new|latest|own|model|models|version|weights|code|source|"
    # "open-sourced several Gemma variants": how many of them; "the next generation of Ernie models"
    r"several|some|many|multiple|various|two|three|four|few|smaller|older|next|generation|family|"
    r"small|tiny|compact|lightweight|large|larger|big|bigger|"  # "open-sourcing a small Amazon Nova model"
    # "open-source more of its GLM models", "has never open-sourced any of its Gemini models"
    # "has not open-sourced the models behind Apple Intelligence", "never released the weights for any version
    # of Claude"
    r"more|most|all|remaining|any|each|every|one|both|behind|powering|for|versions)\s+){0,5}$",
    re.IGNORECASE,
)

# "both are open source", "both of which stay proprietary", "all of them proprietary", "neither can be self-hosted"
# ("both open-source and commercial models", "all open-source models": determiners, not the pair)
_GROUP_VERB = r"(?:are|were|is|remain|remained|stay|stayed|have\s+been|has\s+been|can|could|will)\s+(?:(?:be|now|fully|also|still)\s+)*"
_BOTH = re.compile(
    r"\b(?:both|all|neither)\s+(?:(?:of\s+(?:them|which|these|those)|three|four|five)\s+(?:"
    + _GROUP_VERB
    + r")?|"
    + _GROUP_VERB
    + r")$",
    re.IGNORECASE,
)
# "Snowflake acquired TruEra, whose TruLens library is open source": the owner before ", whose", or what is named
# after it
_WHOSE = re.compile(
    r",\s+whose\s+(?:[\w.'’-]+\s+){0,4}?(?:is|are|was|were|remains?|stays?)\s+(?:(?:\w+ly|now|also|still)\s+)?$",
    re.IGNORECASE,
)
# … or a cue that starts with what the name holds: "OLMo 2, whose weights, training data and code were all made
# public"
_WHOSE_HELD = re.compile(r",\s+whose\s+$", re.IGNORECASE)
# … or the thing held is the object of the cue's verb: "Qwen, whose weights Alibaba posts openly"
_WHOSE_OBJECT = re.compile(
    r",\s+whose\s+(?:model\s+)?(?:weights|code|checkpoints)\s+(?:[\w.'’-]+\s+){1,3}?$", re.IGNORECASE
)
_HELD_THING = re.compile(r"(?:weights|code|checkpoints|training\s+data|model)\b", re.IGNORECASE)
_GROUP_WORD = re.compile(r"\b(?:both|neither)\s+$", re.IGNORECASE)
_GROUP_VERB_AT = re.compile(_GROUP_VERB, re.IGNORECASE)

# Between a name and the ", which" after it: nothing, or the noun the name is of ("the Falcon 180B checkpoint").
_NAME_TAIL = re.compile(r"\s*(?:(?:checkpoints?|models?|weights|family|series|LLMs?)\s*)?")

# A verb cue that ends in its own object ("published not only the weights"): what follows is no object of it.
_HOLDS_OBJECT = re.compile(r"(?:weights|checkpoints?|models?|code)$", re.IGNORECASE)

# Running or serving open models is using someone's; what runs proprietary algorithms runs its own.
_RUN_VERB = re.compile(
    r"(?:run|runs|ran|running|serve|serves|served|serving|host|hosts|hosted|hosting)$", re.I
)
# … and what powers, ranks or compares models of either kind works with others' ("Nvidia's GPUs power both open
# and closed models", "Chatbot Arena ranks open and closed models on one leaderboard").
_POWERS_OR_RANKS = re.compile(
    r"(?:power|powers|powered|powering|rank|ranks|ranked|ranking|compare|compares|compared|comparing)$", re.I
)

# A cue about who may reach something or where it runs: what follows it is where ("on its website", "on a
# phone"), not what the cue describes.
_ACCESS = re.compile(
    r"\b(?:available|accessible|reachable|only|run|stays?|stayed|remains?|remained)\b", re.IGNORECASE
)

# A cue that is a whole predicate ("can be downloaded", "can be self-hosted"): what comes before it is its
# subject, however that is phrased.
_PASSIVE_CUE = re.compile(r"(?:can|could)\s+be\s", re.IGNORECASE)

# Between an adjectival cue and the model it describes: "the open-source release of Llama 2".
_MODIFIES = re.compile(
    r"[\s\"'“”]*(?:(?:the|a|an|its|their)\s+)?(?:(?:release|releases|version|versions|weights|launch)\s+of\s+"
    r"(?:the\s+)?)?$",
    re.IGNORECASE,
)

# A cue that points back to what the claim before named: "open sourced it", "the tools they open-source",
# "the company may reconsider its open-source stance".
_PRONOUN_OBJECT = re.compile(r"\s+(?:it|them)\b", re.IGNORECASE)
_OWN_PRONOUN = re.compile(r"\b(?:its|their)\s+(?:own\s+)?$", re.IGNORECASE)
_REFERRING_SUBJECT = re.compile(r"\b(?:the\s+(?:company|firm|lab|startup)|they|it)\b", re.IGNORECASE)
# "it" as a subject ("they" is as often the users: "as long as they have fewer than 700 million users")
_SUBJECT_IT = re.compile(
    r"\bit\s+(?:(?:\w+ly|also|now|still)\s+)?(?:would|will|could|can|did|does|do|was|were|is|are|has|have|had)\b",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:they|it)\s+(?:(?:\w+ly|have|has|had|will|would|also|now)\s+)?$", re.IGNORECASE
)

# "Zhipu … says it will open-source …": "it" is who says so.
_SAYS_IT = re.compile(
    r"\b(?:says|said|announced|adds|added|notes|noted|insists|insisted)\s+(?:that\s+)?(?:it|they)\s+(?:[\w'’]+\s+){0,3}$",
    re.IGNORECASE,
)

# "OpenAI is skeptical that open source will …", "Mistral believes open source will prevail": a view about
# open source in general, not a statement about the holder's own openness.
_VIEW = re.compile(
    r"\b(?:skeptical|sceptical|doubt(?:s|ed|ful)?|believ(?:e|es|ed|ing)|belief|argu(?:e|es|ed|ing)|"
    r"predict(?:s|ed|ing)?|question(?:s|ed|ing)?|hop(?:e|es|ed|ing)|think(?:s|ing)?|thought|fear(?:s|ed)?|"
    r"worr(?:y|ies|ied)|claim(?:s|ed)?|wonder(?:s|ed)?|optimistic|pessimistic|convinced|confident|bets?)"
    r"\s+(?:(?:that|whether|if)\s+(?:[\w-]+\s+){0,2}?|about\s+)?(?:(?:the|an?|more|most)\s+)?$"
    # "says keeping models behind closed doors slows progress": a view, when nothing stands between
    r"|\b(?:says|said|saying)\s+(?:that\s+)?(?:(?:the|an?|more|most)\s+)?$",
    re.IGNORECASE,
)

# A relative clause whose cue describes the name right before its comma: "Mistral 7B, which is released
# under Apache 2.0", "Llama 3, which Meta released under a community license", "Llama 2, which Meta
# open-sourced". Its own subject, if any, is a name (the releaser), never a noun phrase of its own.
_RELATIVE_TO_CUE = re.compile(
    r"(?:,\s+(?:which|that)|\s+that)\s+(?:[A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*)?\s+|(?:it|they|you|people|users|he|she|we|critics)\s+)?"
    r"(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|stays?|remains?)\s+)?(?:\w+ly\s+)?"
    r"(?:(?:released|licensed|published|made\s+available|distributed|shipped|offered|calls?|called|considers?|"
    r"considered|labels?|labell?ed|describes?\s+as|described\s+as)\s+)?"
    r"(?:(?:under|as|with)\s+(?:the\s+|an?\s+)?)?"
    # "OpenAI, which keeps its models proprietary", "Meta, which releases its open-weight models"
    r"(?:(?:keeps?|kept|releases?|released|offers?|offered|makes?|made|ships?|shipped)\s+(?:(?:its|their)\s+"
    r"(?:own\s+)?(?:[\w-]+\s+){0,2}?)?)?$"
)

# What a name is measured against stands for a yardstick, not for the noun before it: "as good as o1",
# "cheaper than GPT-4", "on par with Claude".
_MEASURED_AGAINST = re.compile(
    r"\b(?:as\s+[\w-]+\s+as|(?:more|less)\s+[\w-]+\s+than|(?!rather\b)[\w-]+er\s+than|on\s+par\s+with|"
    r"comparable\s+to|similar\s+to|rival(?:l?ing|s)|match(?:es|ing))\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# "the company's open-source models" points back to the subject; "crypto's open-source agents" does not.
_ANAPHORIC_OWNERS = words("company's company’s firm's firm’s lab's lab’s startup's startup’s team's team’s")

# The words after a cue, up to the first that ends its noun phrase ("open-source trusted AI principles").
_FOLLOWING = re.compile(r"[\w-]+|[^\w\s\"'“”-]")

_PHRASE_ENDS = PREPOSITIONS | words("and or that which who is are was were")
# Words that cannot be the noun a name stands in apposition to ("open-source models used by Apple").
_NOT_NOUNS = _PHRASE_ENDS | words(
    "has have had can could will would may might should do does did not once when until since if because "
    "unless while after before"
)
_POSSESSIVE_AT = re.compile(r"['’]s\b")

# "similar to the usability of an open-source model": a likeness, not the thing itself.
_COMPARISON = re.compile(
    r"\b(?:similar|akin|comparable|equivalent|analogous)\s+to\b|\bresembl\w*|\bsame\s+as\b", re.IGNORECASE
)

_COMPARED = words("to than like unlike versus vs vs. against over from")
_POSSESSIVES = words("its their his her our my your")
_BE = words("is are was were be been being")  # before a participle: a passive ("is used only through …")
_CONTRACTIONS = words("it's it’s that's that’s there's there’s what's what’s he's she's let's")
_PREDICATE = words(
    "is are was were be been being remains remain remained stays stay stayed becoming become becomes became "
    "as considered seen called deemed labelled labeled viewed regarded keeps keep kept other"
)

# Before an adjectival cue, these make it someone else's models ("dominance of closed-source models").
_OTHER_PREPS = words(
    "of than against versus vs vs. over to with from between among in on into within across beyond "
    "outperform outperforms outperformed outperforming beat beats beating surpass surpasses surpassed rival "
    "rivals compete competes competing dilute diluting disrupt disrupting threaten threatens undercut "
    "undercutting replace replacing match matching self-hosting hosting using use uses following leverage "
    "leverages leveraging leveraged utilize utilizes utilizing utilized integrate integrates integrating"
)

# … unless the preposition follows one of these ("contributions to open-source LLMs", "leader in").
_OWN_BEFORE_PREP = re.compile(
    r"^(?:contribut|commit|dedicat|leader|lead|pioneer|champion|advoca|propon|belie|faith|shift|move|pivot|"
    r"transition|switch|turn|support|bet|focus|invest|known|famous|strategy|stance|embrac|push|work|"
    # "LLaVA is a leading example of open-source AI models", "one of the open models"
    r"exampl|instanc|member|one$)",
    re.IGNORECASE,
)

# Who makes the things of the preposition after it ("a developer of open-source LLMs").
_MAKER_ROLE = re.compile(
    r"^(?:develop|mak|creat|produc|publish|provid|build|releas|train)ers?$", re.IGNORECASE
)

# "offering open-source alternatives" (own), but "has open-source alternatives" (other people's).
_OFFER_VERB = re.compile(
    r"^(?:offer|provid|releas|build|built|develop|creat|ship|launch|publish)", re.IGNORECASE
)
# "released Llama 2 with open weights", "Molmo comes with open weights": "with" after one of these is the
# release's.
_RELEASE_VERB = re.compile(
    r"^(?:releas|publish|ship|launch|unveil|debut|introduc|drop|com(?:e|es|ing)$|came$|put$|puts$|putting$|post|arriv|appear)",
    re.IGNORECASE,
)
_OWN_VERB = re.compile(
    r"^(?:releas|offer|provid|develop|build|built|train|produc|creat|make|made|publish|ship|launch|"
    r"champion|promot|advoca|embrac|endors|support|pursu|favou?r|prefer|adopt|focus|sell|sold|distribut|"
    r"maintain|introduc|unveil|debut|put|has|have|had|own)",
    re.IGNORECASE,
)

# An active verb of using right before a cue: what is used is someone else's ("uses open-source libraries").
_USES = words(
    "use uses using leverage leverages leveraging integrate integrates integrating employ employs employing "
    "adopt adopts adopting"
)
# "fine-tunes open-source models", "relies on proprietary models": what the clause's subject works with is
# someone else's, whoever the subject is ("Perplexity's CEO says the company fine-tunes open-source models").
_USE_VERB = re.compile(
    r"^(?:use|uses|used|using|fine-?tun|finetun|leverag|deploy|integrat|evaluat|benchmark|licens(?:es|ed|ing)$|"
    r"rel(?:y|ies|ied|ying)$|tap|taps|tapped|tapping|employ|choos|chose|pick|select|access)",
    re.IGNORECASE,
)

# … unless they say the models are the subject's own ("uses proprietary models trained in-house").
_IN_HOUSE = re.compile(r"[^,.;:!?]{0,40}?\b(?:in-house|of\s+its\s+own|of\s+their\s+own)\b", re.IGNORECASE)
# What "runs on proprietary models" is built on makes it closed, unless the models' maker is named after them
# ("relies on proprietary models from Anthropic").
_BUILT_ON = re.compile(r"^(?:run|runs|ran|running|built|based|rel(?:y|ies|ied|ying)$|depend)", re.IGNORECASE)
_MAKER_NAMED = re.compile(r"[^,.;:!?]{0,40}?\b(?:from|by|of|like|such\s+as|e\.g\.)\s", re.IGNORECASE)
# Inside a cue, the word after which a name is where something is reached, not what is reached ("available
# solely via the OpenAI API", "weights are on Hugging Face", "available only to Gemini Ultra subscribers").
_VIA = re.compile(
    r"\b(?:through|via|on|onto|inside|(?<=only\s)to|(?<=available\s)to|(?<=accessible\s)to|(?<=posted\s)to|"
    r"(?<=stays\s)behind|(?<=stay\s)behind|(?<=remains\s)behind|"  # "GPT-5 stays behind OpenAI's API"
    r"(?<=uploaded\s)to|(?<=weights\s)to|leaves?|left)\b",  # "Gemini never leaves Google's servers"
    re.IGNORECASE,
)

# "GPT-4o is only sold through its API and ChatGPT, never as downloadable weights": a name after "through"
# or "via" is the way in, not what the predicate is about.
_CHANNEL = re.compile(r"\b(?:through|via)\s+[^,;:()]*$", re.IGNORECASE)

# Where weights are put for anyone: after "on" in a cue, what holds them, not what they are.
_HOST = re.compile(r"\s*" + HUB + r"\b", re.IGNORECASE)
# After a cue's noun phrase: whose the things are ("the closed models of competitors").
_OF_OTHERS = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:of|from|by)\s+(?:its\s+|their\s+|the\s+)?(?:competitors|rivals|others|other\s+(?:labs|companies))\b",
    re.IGNORECASE,
)

# What "supports open-source …" works with, not stands for ("supports open source" is a stance).
_MODEL_NOUNS = words("model models llm llms weights checkpoints")

# "a (significant) step for open-source AI": what the subject is for open source.
_A_WIN = words("step milestone win boost breakthrough victory leap moment boon development contribution gift")

# Software to build with, which a model family is not ("an open-source agent framework").
_TOOLING = words("framework frameworks library libraries toolkit toolkits sdk sdks kit kits package packages")
# "These open-source initiatives …" at the head of a clause: the ones just named.
_DEMONSTRATIVES = words("this these")
# "a family of open-weights models": the family is the models.
_COLLECTIVES = words("family series suite set collection line range lineup")
# A verb that moves its object to a licence or a tier: "changed the licence of SD3 to require …".
_MOVED = re.compile(
    r"^(?:moved|moves|moving|switched|switches|changed|changes|shifted|shifts|relicensed|relicenses)$", re.I
)
# After these the cue is never the clause's own, whatever comes before ("moves beyond", "rather than").
_NEVER_OWN = words("beyond than against versus vs vs. over from between among")

# A cue on these nouns with nothing to say whose is a category ("open-source models can …").
_GENERIC_NOUNS = words(
    "models llms ai alternatives options competitors rivals players labs companies systems software "
    "projects community ecosystem world movement side camp space offerings solutions approaches "
    "counterparts providers vendors efforts initiatives development research weights tools agents apis"
)

# … and on these, someone else's ("open-source rivals").
_OTHERS_NOUNS = words(
    "competitor competitors rival rivals counterpart counterparts incumbent incumbents alternative "
    "alternatives challenger challengers"
)

# own: the clause's (a possessor, a predicate, an own verb); theirs: the clause subject's, through a
# possessive pronoun ("releasing its own open-source models"); weak: nothing says whose, so the clause's
# unless it names examples; other: other people's; generic: a category; skip: not about models.
Context = Literal["own", "theirs", "weak", "other", "generic", "skip"]


def attribute(
    claim: ClaimText,
    match: re.Match[str],
    fallback: EntityRef | None,
    clause_start: int,
    clause_end: int,
    paired: bool = False,
    floor: int = -1,
) -> list[EntityRef]:
    """The entities the cue `match` is about (see the module's docstring). `fallback`: the claim's
    subject, when the cue may be about it; `paired`: the cue stands with one of the opposite kind;
    `floor`: where the nearest cue of another kind in the clause ends (names before it are that cue's)."""
    text, mentions = claim.text, claim.mentions
    start, end = match.span()
    scope = max(clause_start, start - LOOK_BEHIND, floor)
    inside = claim.between(clause_start, clause_end)
    within = claim.between(start, end)
    # "kept every model since GPT-2 behind its API": a name after "since" only dates what the cue covers
    named_within = [
        i for i in within if not _DATES.search(text, max(start, mentions[i].start - 12), mentions[i].start)
    ]
    if named_within:  # "keeps Gemini closed"
        via = _VIA.search(text, start, end)
        if via is not None:
            # "GPT-4o is available solely via the OpenAI API", "the weights of Qwen are on Hugging Face": what
            # is reached that way is named before the "via", or is the clause's subject before the cue; the
            # provider after it is credited only as its lab (openness.py)
            reached = [i for i in named_within if mentions[i].start < via.start()]
            if reached:
                return refs(mentions, reached)
            for i in reversed(range(max(inside.start, bisect_left(claim.starts, scope)), within.start)):
                if is_candidate(text, mentions, i, clause_start, start):
                    return refs(mentions, with_list(text, mentions, i))
            if _HOST.match(text, via.end()):
                # "the company put them on Hugging Face": the host holds the weights; they are not its
                return []
            # "access only via paid ChatGPT plans": a product after the "via" is the way in, not what is reached;
            # a lab there is the provider ("available solely via the OpenAI API")
            return refs(mentions, [i for i in named_within if mentions[i].entity.type == "lab"])
        return refs(mentions, named_within)
    # the last one ends at the cue ("argues that … a company like OpenAI that keeps its models proprietary")
    described = _described_by_head(claim, match)
    if described is not None:  # "Whisper is one of the few OpenAI models anyone can download"
        return refs(mentions, [described])
    relatives = list(_RELATIVE_TO_CUE.finditer(text, max(scope - 2, start - 90), start))
    relative = relatives[-1] if relatives else None
    if relative is not None:  # "Mistral 7B, which is released under Apache 2.0": the name before ", which"
        k = bisect_right(claim.ends, relative.start()) - 1
        # not a yardstick: "a reasoning model as good as o1 that anyone can download" is the model's, not o1's
        if (
            k >= 0
            and _NAME_TAIL.fullmatch(text, mentions[k].end, relative.start())
            and not _MEASURED_AGAINST.search(text, max(scope, mentions[k].start - 40), mentions[k].start)
        ):
            return refs(mentions, with_list(text, mentions, k))
        if antecedent_not_ai(text, relative.start()):
            return []  # "Huawei relies on Android, which is open source": Android's, not Huawei's
    owned = _whose(claim, scope, start)
    if owned is not None:  # "Snowflake acquired TruEra, whose TruLens library is open source"
        return refs(mentions, owned)
    reduced = _reduced_relative(claim, scope, start)
    if reduced is not None:  # "GPT-4, a model OpenAI does not let outside developers download"
        return refs(mentions, [reduced])
    group = _group(claim, start)
    if group is not None:  # "Claude and GPT-4, both of which stay proprietary"
        return group
    verb = is_verb_cue(text, match, scope)
    after = range(bisect_left(claim.starts, end), inside.stop)
    if (
        verb
        and not _HOLDS_OBJECT.search(match.group())
        and (
            object_not_ai(text, end, mentions[after[0]].start if after else len(text))
            or unknown_product_without_ai(text, end, claim.starts_at)
        )
    ):
        return []  # "open-sourced a set of principles", "open-sourced its database", "open-sourced PowerToys"
    if subject_not_ai(text, scope, start):
        return []  # "Google's Android is open source"

    # 1. Named directly: the object of a verb cue, the model it modifies, its examples or its owner.
    named: list[int] = []
    if (
        after
        and _PASSIVE_VERB.match(match.group())
        and _AGENT_NEXT.fullmatch(text, end, mentions[after[0]].start)
    ):
        # "Gemma was made open by Google": what was made so stands before; the agent is its maker
        for i in reversed(
            range(max(inside.start, bisect_left(claim.starts, scope)), bisect_right(claim.ends, start))
        ):
            if is_candidate(text, mentions, i, clause_start, start):
                return refs(mentions, [*with_list(text, mentions, i), after[0]])
    if after:
        first = after[0]
        if verb and _OBJECT_GAP.match(text, end, mentions[first].start):  # "open-sourced Grok 1": the object
            return refs(mentions, with_list(text, mentions, head(text, mentions, first)))
        if not verb and _MODIFIES.match(text, end, mentions[first].start):
            named = with_list(text, mentions, head(text, mentions, first))  # "the open-source Llama 2"
        elif not verb and _apposed(claim, end, first):
            named = with_list(text, mentions, first, commas=True)  # "the open-source coding assistant Aider"
        else:
            for i in after:
                at = mentions[i].start
                if at - end > LOOK_AHEAD:
                    break
                if (
                    _EXAMPLES.match(text, end, at)
                    or _SPECIFICALLY.match(text, end, at)
                    or _CALLED.match(text, end, at)
                    or _BY_AGENT.match(text, end, at)
                    or (not verb and _OWNER.match(text, end, at))
                    or (not verb and _OWNER_NEXT.match(text, end, at) and _ENDS_IN_NOUN.search(match.group()))
                    or (
                        not verb
                        and _IS_NAMED.match(text, end, at)
                        and _in_subject(claim, clause_start, start)
                    )
                ):
                    named = with_list(text, mentions, head(text, mentions, i), commas=True)
                    # "Compared to closed models like GPT-4, Llama 3 is …": the list ends with its clause
                    named = [k for k in named if mentions[k].start < clause_end]
                    break
    enclosing = _parenthesis(text, scope, start)
    if enclosing is not None:  # "OpenCLIP (an open-source reimplementation …)" describes OpenCLIP
        k = bisect_right(claim.ends, enclosing) - 1  # the mention right before the "(", if any
        owner = [k] if k >= inside.start and BLANK.fullmatch(text, mentions[k].end, enclosing) else []
        closing = text.find(")", end, end + LOOK_AHEAD)
        if closing >= 0:  # "(leveraging open-source alternatives like Llama), Contextual AI …"
            named = [i for i in named if mentions[i].start < closing]
        if owner or named or enclosing > clause_start + 1:
            return refs(mentions, owner or named)
        # "(ControlNet is an open-source … software)": a sentence of its own in brackets
        clause_start, fallback = enclosing + 1, None
        inside = claim.between(clause_start, clause_end)
    context, possessor = (
        ("own", None)
        if verb
        else _context(claim, clause_start, start, end, paired, closed=cue_kind(match) == "closed")
    )
    if context == "skip" or (paired and context not in ("own", "theirs")):
        return []  # "multiple open source vs closed source models (e.g., Llama, Anthropic)": which is which?
    if context == "weak" and (named or paired or EXAMPLES_FOLLOW.match(text, end, end + 80)):
        # "waited for open-source waves like LLaMA": the examples', not the waiter's; "While Nvidia's CUDA
        # is proprietary, open-source frameworks like PyTorch gain ground": examples the catalog does not
        # know are still not the subject
        context = "other"
    view = (
        _VIEW.search(text, max(scope, start - NEAR), start)
        if context in ("own", "weak") and possessor is None
        else None
    )
    # "is skeptical that open source will …", "argues that open-sourcing is safer"; not "argues that
    # Mistral abandoned open weights", which says what Mistral did
    if view is not None and not claim.between(view.start(), start):
        context = "other"
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
    elif context == "theirs" or _SAYS_IT.search(text, max(clause_start, start - 60), start):
        # "Zhipu released GLM-4.5 … and says it will open-source …": "it" is who says so
        own = _clause_subject(text, mentions, before, clause_start, start)
    elif (subject := _set_off_subject(claim, before, clause_start, start)) is not None:
        own = with_list(text, mentions, subject)
    else:
        for i in reversed(before):
            if _SUBJECT_IT.search(text, mentions[i].end, start):
                # "GPT-2 …, but by GPT-4 it would not even disclose …": "it" is the subject, not a name before;
                # what keeps or discloses is the one lab named before it
                if _AGENT_CUE.search(match.group()) and not _it_was_done(text, mentions[i].end, match):
                    own = _the_one_lab(claim, start)
                break
            if is_candidate(text, mentions, i, clause_start, start) and not _CHANNEL.search(
                text, max(clause_start, mentions[i].start - 40), mentions[i].start
            ):
                own = with_list(text, mentions, i)
                break
    if not own and not named:
        referred = _referred_to(claim, match, fallback, clause_start)
        if referred:
            return referred
    found = refs(mentions, named + own)
    if (
        not own
        and fallback is not None
        and fallback not in found
        and not _tooling_of_model(claim, fallback, end)
    ):
        found += [ref for ref in _lead_list(claim, fallback) if ref not in found]
    return found


# A cue whose verb needs an agent: a lab keeps, shares, discloses or releases; a model does not.
_AGENT_CUE = re.compile(r"\b(?:disclos|reveal|shar|publish|keep|kept|guard|releas|withh)", re.IGNORECASE)


# "because it was released as open source": "it" is what was released (the participle may start the cue)
_IT_PASSIVE = re.compile(
    r"\bit\s+(?:\w+ly\s+)?(?:was|were|is|are|has\s+been|had\s+been)\s+(?:\w+(?:ed|en)\b|$)", re.IGNORECASE
)


def _it_was_done(text: str, after: int, match: re.Match[str]) -> bool:
    """Whether the "it" before the cue is what the cue's verb was done to ("it was released as open source"),
    not who did it ("it was keeping the weights to itself")."""
    passive = _IT_PASSIVE.search(text, after, match.start())
    if passive is None:
        return False
    return not passive.group().endswith(" ") or match.group().split()[0].lower().endswith(("ed", "en"))


def _the_one_lab(claim: ClaimText, start: int) -> list[int]:
    """The first mention of the only lab named before `start`, if exactly one lab is."""
    labs = [i for i in range(bisect_right(claim.ends, start)) if claim.mentions[i].entity.type == "lab"]
    return labs[:1] if len({claim.mentions[i].entity for i in labs}) == 1 else []


def _referred_to(
    claim: ClaimText, match: re.Match[str], fallback: EntityRef | None, clause_start: int
) -> list[EntityRef]:
    """Whom a cue with no candidate of its own refers to, before the claim's subject: the one model named
    before it, for a pronoun or "the weights" ("suggests starting with Qwen 2.5 because it is free to
    download"), unless the subject is a model itself; the name a relative clause that the cue goes on from was
    about ("compares it with DALL-E 3, which you can use inside Bing but cannot download")."""
    text, mentions = claim.text, claim.mentions
    start, end = match.span()
    if (fallback is None or fallback.type == "lab") and (
        _IT_IS.search(text, max(clause_start, start - 30), start)
        or _IT_AFTER.match(text, end)
        or (_THE_WEIGHTS.match(match.group()) and _THE.search(text, max(clause_start, start - 5), start))
        or (_VERB_FIRST.match(match.group()) and _IT_BEFORE.search(text, max(clause_start, start - 8), start))
        # "picked Llama 3 because its open weights let them host it": the model's own weights or licence
        or (_HELD_CUE.search(match.group()) and _ITS_BEFORE.search(text, max(clause_start, start - 8), start))
    ):
        earlier = refs(
            mentions,
            [i for i in range(bisect_right(claim.ends, start)) if mentions[i].entity.type == "model"],
        )
        if len(earlier) == 1:
            return earlier
    if fallback is not None:
        antecedent = _RELATIVE_BEFORE.search(text, max(0, start - 120), start)
        if antecedent is not None:
            k = bisect_right(claim.ends, antecedent.start()) - 1
            if k >= 0 and claim.ends[k] == antecedent.start():
                return refs(mentions, with_list(text, mentions, k))
    return []


# "GPT-4, a model OpenAI does not let outside developers download", "GPT-2 was the last model OpenAI published in
# full": a relative clause without "that" whose subject is the lab; what it describes is the model before it.
_REDUCED_HEAD = re.compile(
    r"(?:,\s+|\b(?:was|is|were|are)\s+)(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?models?\s+(?:that\s+)?$",
    re.IGNORECASE,
)
_REDUCED_VERB = re.compile(
    r"\s+(?:(?:does|did|do|has|had|have)\s+(?:not\s+)?|doesn['’]t\s+|didn['’]t\s+|never\s+)*", re.IGNORECASE
)


def _whose(claim: ClaimText, scope: int, start: int) -> list[int] | None:
    """For a cue in ", whose … is" (None when it is not in one): the name inside ("Meta, whose Llama models are
    open") or the owner right before it; nobody, for an owner the catalog lacks ("TruEra, whose TruLens
    library is open source")."""
    held = _WHOSE_OBJECT.search(claim.text, max(0, start - 70), start)
    if held is not None:  # "Qwen, whose weights Alibaba posts openly": the name before "whose", and its agent
        k = bisect_right(claim.ends, held.start()) - 1
        if k >= 0 and BLANK.fullmatch(claim.text, claim.mentions[k].end, held.start()):
            return [k, *claim.between(held.start(), start)]
    whose = _WHOSE.search(claim.text, max(scope - 2, start - 90), start)
    if whose is None and _HELD_THING.match(claim.text, start):
        # "OLMo 2, whose weights, … were all made public"
        whose = _WHOSE_HELD.search(claim.text, max(0, start - 9), start)
    if whose is None:
        return None
    inner = list(claim.between(whose.start(), start))
    if inner:
        return inner[-1:]
    k = bisect_right(claim.ends, whose.start()) - 1
    return [k] if k >= 0 and BLANK.fullmatch(claim.text, claim.mentions[k].end, whose.start()) else []


def _group(claim: ClaimText, start: int) -> list[EntityRef] | None:
    """What "both", "all of them" or "neither" before the cue stand for: the last pair or list named ("compared
    Titan and Nova on AWS, and both are locked inside Amazon's cloud"), else the last two named ("Ollama runs
    Mistral 7B on a laptop, and both are open source"); None when there is no such word or too few names."""
    text, mentions = claim.text, claim.mentions
    both = _BOTH.search(text, max(0, start - 40), start)
    if both is None and _GROUP_VERB_AT.match(text, start):  # "neither can be self-hosted": the cue's verb
        both = _GROUP_WORD.search(text, max(0, start - 12), start)
    if both is None:
        return None
    backwards = range(bisect_right(claim.ends, both.start()) - 1, -1, -1)
    pair = next((group for k in backwards if len(group := with_list(text, mentions, k)) >= 2), None)
    named = refs(mentions, pair if pair is not None else list(reversed(backwards)))
    if len(named) < 2:
        return None
    return named if pair is not None else named[-2:]


# "Whisper is one of the few OpenAI models anyone can download", "Whisper is the one OpenAI model that was
# actually released openly", "Whisper is one of the few things OpenAI ever open-sourced": a model said to be
# (one of) the things a relative clause describes; the clause's own subject, even a lab, only says whose.
_ONE_OF_HEAD = re.compile(
    r"^\s+(?:is|was|remains|remained)\s+(?:(?:one|among)\s+of\s+)?the\s+(?:(?:few|rare|only|one|lone|last|first)\s+)?"
    r"(?:[\w.-]+\s+){0,3}?(?:models?|things|projects|tools|releases|systems)\s+(?:(?:that|which)\s+)?"
    r"(?:[\w'’.-]+\s+){0,4}?$",
    re.IGNORECASE,
)
# … the cue being that clause's verb ("model you can download" holds the head's noun)
_CUE_AS_VERB = re.compile(
    r"(?:models?\s+)?(?:releas|publish|open[\s-]?sourced|anyone|anybody|you\s)", re.IGNORECASE
)
STOP = re.compile(r"[.;:!?](?:\s|$)")  # the end of a sentence or of what a colon introduces


def _described_by_head(claim: ClaimText, match: re.Match[str]) -> int | None:
    """The model before "is (one of) the … models that" when the cue is the relative clause's verb."""
    text, start = claim.text, match.start()
    verb = _CUE_AS_VERB.match(match.group())
    if verb is None:
        return None
    head_end = start + (len(match.group().split()[0]) + 1 if verb.group().lower().startswith("model") else 0)
    for k in range(bisect_right(claim.ends, start) - 1, -1, -1):
        mention = claim.mentions[k]
        if mention.start < start - 110 or STOP.search(text, mention.end, start):
            return None
        if mention.entity.type == "model" and _ONE_OF_HEAD.match(text[mention.end : head_end]):
            return k
    return None


def _reduced_relative(claim: ClaimText, scope: int, start: int) -> int | None:
    """The model a relative clause without "that" describes, when the lab right before the cue is its subject."""
    mentions = claim.mentions
    k = bisect_right(claim.ends, start) - 1
    if k < 1 or mentions[k].entity.type != "lab" or mentions[k].start < scope:
        return None
    if not _REDUCED_VERB.fullmatch(claim.text, mentions[k].end, start):
        return None
    head = _REDUCED_HEAD.search(claim.text, max(0, mentions[k].start - 60), mentions[k].start)
    if (
        head is None
        or mentions[k - 1].entity.type != "model"
        or not BLANK.fullmatch(claim.text, mentions[k - 1].end, head.start())
    ):
        return None
    return k - 1


# A pronoun subject right before the cue ("because it is free to download"), "the weights"/"the model" or a
# pronoun object after it ("anyone could download it"): the one model named before.
_IT_IS = re.compile(
    r"\b(?:(?:it|they)\s+(?:is|are|was|were|can|could)|the\s+(?:weights|model))\s+(?:[\w-]+\s+){0,3}?$",
    re.IGNORECASE,
)
_IT_AFTER = re.compile(r"\s+(?:it|them)\b", re.IGNORECASE)
# … or the pronoun right before a cue that starts with its verb: "because it could run on local servers"
_IT_BEFORE = re.compile(r"\b(?:it|they)\s+$", re.IGNORECASE)
_ITS_BEFORE = re.compile(r"\bits\s+$", re.IGNORECASE)
_HELD_CUE = re.compile(r"\b(?:weights|licen[cs]e|code)$", re.IGNORECASE)
_VERB_FIRST = re.compile(r"(?:can|could|is|are|was|were)\b", re.IGNORECASE)
# A cue that says something is missing: "no public access", "no weights".
_NONE_OF = re.compile(r"no\s", re.IGNORECASE)
_THE_WEIGHTS = re.compile(r"(?:weights|model)\b", re.IGNORECASE)  # a cue that starts with its noun
_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)

# A passive cue and its agent: "was made open by", "were released by".
_PASSIVE_VERB = re.compile(r"(?:was|were|is|are|been|being)\s", re.IGNORECASE)
_AGENT_NEXT = re.compile(r"\s+by\s+(?:the\s+)?", re.IGNORECASE)

# A relative clause whose cue comes after its "but": ", which you can use for free inside Bing but cannot".
_RELATIVE_BEFORE = re.compile(
    r",\s+which\s+(?:you|it|they|anyone|people)\b[^,;:.!?()]{0,80}\bbut\s+(?:(?:cannot|can['’]t|not|never)\s+)?$",
    re.IGNORECASE,
)

# "Midjourney + Suno: no weights, subscription only": a list that opens the claim and ends at a colon is what
# every clause after it is about.
_LEAD_END = re.compile(r"\)?\s*(?:\([^()]{0,40}\)\s*)?:")


def _lead_list(claim: ClaimText, fallback: EntityRef) -> list[EntityRef]:
    """The claim's subject, with the names listed with it when they open the claim before a colon."""
    mentions = claim.mentions
    if not mentions or mentions[0].entity != fallback or claim.text[: mentions[0].start].strip():
        return [fallback]
    listed = with_list(claim.text, mentions, 0)
    last = listed[-1]
    while last + 1 < len(mentions) and BLANK.fullmatch(
        claim.text, mentions[last].end, mentions[last + 1].start
    ):
        last += 1  # "Runway Gen-4": the lab's name, then its model's
    if _LEAD_END.match(claim.text, mentions[last].end) is None:
        return [fallback]
    return refs(mentions, list(range(last + 1)))


# "FLUX.1 [pro], Black Forest Labs' top image model, is offered …", "BLOOM, trained by the BigScience
# collaboration that Hugging Face coordinated, was released …": a clause's first name, a part set off by
# commas, then its predicate.
_SET_OFF = re.compile(r"(?:\s*\[[^\[\]]{1,20}\])?\s*,\s*[^,;:()]{3,120}?,\s*")
_SUBJECT_LEAD = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)


def _set_off_subject(claim: ClaimText, before: range, clause_start: int, start: int) -> int | None:
    """The clause's subject when it opens the clause and a part set off by commas stands between it and
    the predicate that holds the cue: the names inside that part are not what the predicate is about."""
    if not before:
        return None
    text, mentions = claim.text, claim.mentions
    first = before.start
    if mentions[first].start < clause_start or not _SUBJECT_LEAD.fullmatch(
        text, clause_start, mentions[first].start
    ):
        return None
    set_off = _SET_OFF.match(text, mentions[first].end, start)
    if set_off is None or claim.between(set_off.end(), start):
        return None  # no part set off, or a name of the predicate's own before the cue
    return first


def _tooling_of_model(claim: ClaimText, subject: EntityRef, end: int) -> bool:
    """ "It is an open-source agent framework developed by Google" under a Gemini lead: a framework or
    library is its lab's software, not the model family the claim is about."""
    return subject.type == "model" and names_tooling(claim, end)


def names_tooling(claim: ClaimText, end: int) -> bool:
    """Whether the noun a cue ending at `end` describes is a framework or a library ("an open-source AGI
    software framework"): its licence is not a model's, nor its lab's models' (data/catalog.yaml)."""
    k = bisect_left(claim.starts, end)
    nouns = _noun_phrase(claim.text, end, claim.starts[k] if k < len(claim.starts) else len(claim.text))
    return any(noun in _TOOLING for noun in nouns)


def _apposed(claim: ClaimText, end: int, first: int) -> bool:
    """Whether the first name after an adjectival cue names the noun it describes: "the open-source coding
    assistant Aider", "their open source model (DBRX)", "two open-source papers, Moshi and Llama Omni,
    propose …" (a comma apposition is closed by a comma or a bracket after its names)."""
    text, mentions = claim.text, claim.mentions
    gap = _APPOSITION.fullmatch(text, end, mentions[first].start)
    if gap is None or any(w.lower() in _NOT_NOUNS or w.endswith("ed") for w in gap.group("nouns").split()):
        return False
    if gap.group("mark") is None:
        # a role noun: not "the open-source nature means Meta …" nor "as an open source model once Grok 3 …"
        return gap.group("nouns").split()[-1].lower() in _ROLE_NOUNS
    last = with_list(text, mentions, first, commas=True)[-1]
    return _APPOSITION_END.match(text, mentions[last].end) is not None


def _in_subject(claim: ClaimText, clause_start: int, start: int) -> bool:
    """Whether a cue is in its clause's subject: no candidate for it stands before it in the clause."""
    floor = max(clause_start, start - LOOK_BEHIND)
    before = range(claim.between(floor, start).start, bisect_right(claim.ends, start))
    return not any(
        is_candidate(claim.text, claim.mentions, i, clause_start, start)
        and not _POSSESSIVE_AT.match(claim.text, claim.mentions[i].end)
        for i in before
    )


def points_back(text: str, match: re.Match[str], scope: int, targets: list[EntityRef]) -> bool:
    """Whether the cue is about what the claim before named, when nothing in this one is: a verb cue's
    object or subject is a pronoun ("open sourced it", "the technologies they open-source"), or the
    clause's subject is "the company" or a pronoun and the cue is its own ("the company may reconsider
    its open-source stance")."""
    start = match.start()
    if not is_verb_cue(text, match, scope):
        return (
            not targets
            and _OWN_PRONOUN.search(text, max(scope, start - 24), start) is not None
            and _REFERRING_SUBJECT.search(text, scope, start) is not None
        )
    if _PRONOUN_OBJECT.match(text, match.end()) is not None:
        return True
    return not targets and _PRONOUN_SUBJECT.search(text, max(scope, start - 40), start) is not None


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


def _context(
    claim: ClaimText, clause_start: int, start: int, end: int, paired: bool = False, closed: bool = False
) -> tuple[Context, int | None]:
    """Whose thing an adjectival cue describes (see `Context`), with the possessor mention if any;
    `closed`: the cue says closed."""
    text = claim.text
    k = bisect_left(claim.starts, end)
    # "DeepSeek's open-source R1 shocked the market": the phrase ends at the name it describes
    nouns = _noun_phrase(text, end, claim.starts[k] if k < len(claim.starts) else len(text))
    if _RESTRICTION_VERB.search(text, start, end):
        nouns = []  # "its licence forbids a whole list of use cases": what is forbidden, not what is described
    noun = nouns[0] if nouns else ""
    if (
        not_ai(nouns)
        # "only available to paying subscribers on its website", "can be run offline on a phone": where it
        # is reached or runs, not what it is
        or (tied_to_not_ai(text, end) and not _ACCESS.search(text, start, end))
        # "Google's open-source Kubernetes": a product named as one that is not AI, or a part of one
        or names_product_not_ai(text, end)
        or part_of_product_not_ai(text, end)
        # the cue's own noun counts too ("closed ecosystem", "closed platform")
        or (
            closed
            and generic_without_ai(
                text[start:end].lower().split()[1:] + nouns,
                text,
                claim.names_ai_maker,
            )
        )
    ):
        return "skip", None  # "open-source trusted AI guiding principles", "proprietary to IBM hardware"
    if _PASSIVE_CUE.match(text, start, end):
        return "own", None  # "The weights of Qwen can be downloaded": the predicate of what precedes
    scope = max(clause_start, start - LOOK_BEHIND)
    tokens = last_tokens(text, clause_start, start, 8)  # the loop below looks back at most eight
    if noun in _OTHERS_NOUNS and not _offers(noun, tokens):
        return "other", None  # "GPT-4 has open-source alternatives", "open-source rivals"
    if _OF_OTHERS.match(text, end, end + 60):
        return "other", None  # "the closed models of competitors"
    if _COMPARISON.search(recent(text, scope, start, 6)):
        return "other", None
    for back in range(1, min(len(tokens), 6) + 1):
        token = tokens[-back].group().lower()
        if token in ("any", "every") and back == 1:
            return "other", None  # "point it at any open-source model you host yourself": whichever, nobody's
        if back == 1 and token in _USES:
            return "other", None  # "Adobe uses open-source libraries like PyTorch": others' things it uses
        if token in ("a", "an"):
            # "Gemma 3, an open-source model" is Gemma's; "similar to an open-source model" is not, nor
            # the subject of a clause of its own ("…, a robust open-source ecosystem exists").
            if back == len(tokens):
                break
            before = tokens[-back - 1].group().lower()
            if before in _COMPARED:
                continue
            if _USE_VERB.match(before) or (before in _OTHER_PREPS and before != "with"):
                # "fine-tuned an open-weight base model", "trains it on top of an open-weight model": what
                # comes before the article says whose it is, as it would without one
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
        if token == "of" and back < len(tokens) and tokens[-back - 1].group().lower() in _COLLECTIVES:
            continue  # "published Gemma as a family of open-weights models"
        if token in ("of", "for") and back < len(tokens) and _in_name(tokens[-back - 1], tokens[-back + 1]):
            continue  # "a small Mixture of Experts (MoE) open-source model": a name, not a preposition
        if (
            closed
            and token == "on"
            and back < len(tokens)
            and _BUILT_ON.match(tokens[-back - 1].group())
            and not _MAKER_NAMED.match(text, end)
        ):
            # "Einstein runs on proprietary models": what is built on closed models is closed; not "relies on
            # proprietary models from Anthropic", whose models they are
            return "own", None
        if token == "to" and any(
            _MOVED.match(t.group()) for t in tokens[max(0, len(tokens) - back - 7) : len(tokens) - back]
        ):
            # "moved Stable Diffusion 3 to a community licence": where the thing moved goes
            return "own", None
        if token in _OTHER_PREPS:
            if token in _NEVER_OWN:
                return "other", None  # "moves beyond generic open-source examples"
            if back < len(tokens) and (
                _OWN_BEFORE_PREP.match(tokens[-back - 1].group())
                # "Mistral, a leading developer of open-source LLMs"; not "a hub for developers of open-source
                # models", who are the hub's users
                or (
                    _MAKER_ROLE.match(tokens[-back - 1].group())
                    and (back + 1 == len(tokens) or tokens[-back - 2].group().lower() not in PREPOSITIONS)
                )
                # "their approach to open-source model development" (what they do), not "their approach to
                # open source" (a stance, whichever it is)
                or (nouns and tokens[-back - 1].group().lower() == "approach")
            ):
                # "Meta's commitment to open source": the owner of the commitment.
                owner_token = tokens[-back - 2] if back + 1 < len(tokens) else None
                return "own", claim.possessor(owner_token) if owner_token is not None else None
            if token == "with" and back == 1 and _NONE_OF.match(text, start, end):
                # "Sora was shown to a few artists, with no public access": what the clause's subject has none of
                return "theirs", None
            if token == "with" and any(_RELEASE_VERB.match(t.group()) for t in tokens[-back - 6 : -back]):
                # "released Llama 2 with open weights", "releases the smaller Gemma family with open weights"
                return "own", None
            if token == "with" and back < len(tokens) and tokens[-back - 1].group().lower() in _MODEL_NOUNS:
                return "own", None  # "Llama 3.1 was the first frontier model with downloadable weights"
            return "other", None
        if (
            _USE_VERB.match(token)
            and token.endswith(("ed", "en"))  # a participle: not "are using"
            and back < len(tokens)
            and tokens[-back - 1].group().lower() in _BE
        ):
            return "own", None  # "Midjourney is used only through its paid subscription": said of the subject
        if _USE_VERB.match(token) and not _IN_HOUSE.match(text, end):
            return "other", None  # not "uses proprietary models trained in-house": its own
        if _POWERS_OR_RANKS.match(token) and (
            paired or noun in _MODEL_NOUNS or text[start:end].lower().split()[-1] in _MODEL_NOUNS
        ):
            return "other", None
        if not closed and _RUN_VERB.match(token):
            # "Groq's chips run open models" (others'); "chips run proprietary algorithms" (its own)
            return "other", None
        if _OWN_VERB.match(token):
            if noun in _MODEL_NOUNS and token.startswith("support"):
                return "other", None  # "also supports open-source models": it works with others' models
            return "own", None
        if token == "for" and back < len(tokens) and tokens[-back - 1].group().lower() in _A_WIN:
            return "own", None  # "Llama 2 represents a significant step for open-source AI"
        if token in PREPOSITIONS or token in ("and", "or"):
            break  # "a guide for open-source AI", "other open-source and closed-source models"
        if back == 1 and token in _DEMONSTRATIVES and len(tokens) == 1:
            return "own", None  # "These open-source initiatives have …": the ones just named
    return ("generic" if noun in _GENERIC_NOUNS else "weak"), None


def _in_name(before: re.Match[str], after: re.Match[str]) -> bool:
    """Whether the words around a preposition are capitalised, so that it is part of a name."""
    return before.group()[:1].isupper() and after.group()[:1].isupper()


def _offers(noun: str, tokens: list[re.Match[str]]) -> bool:
    """ "Llama models, offering open-source alternatives", "Llama is an open-source alternative": the
    alternatives are the offerer's own."""
    if not noun.startswith("alternative"):
        return False
    words_before = [
        t.group().lower() for t in tokens[-3:] if t.group().lower() not in ("a", "an", "the", ",")
    ]
    if any(t.group().lower() == "what" for t in tokens[-6:]):
        return False  # "what he really wants is an open-source alternative to Slack": a wish, nobody's own
    return bool(words_before) and (
        _OFFER_VERB.match(words_before[-1]) is not None or words_before[-1] in ("is", "are", "was", "were")
    )


def _noun_phrase(text: str, end: int, stop: int) -> list[str]:
    """Up to four words after a cue, lowercased, until punctuation, a word that ends a noun phrase or a
    name (at `stop`)."""
    found: list[str] = []
    for token in _FOLLOWING.finditer(text, end, min(stop, end + 60)):
        word = token.group().lower()
        if not word[0].isalnum() or word in _PHRASE_ENDS:  # "open source for video generation": none
            break
        found.append(word)
        if len(found) == 4:
            break
    return found
