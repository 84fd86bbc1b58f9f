"""Whether an openness word is about AI (issue 10, item 3).

A signal needs the word to describe a model, its weights or code, or AI software. The same words describe
operating systems, databases, chips, connectors, app stores, video formats, JavaScript frameworks,
principles, markets and intelligence work ("open-source intelligence"), which never say anything about a
lab's or a model's openness: "Amazon Aurora is a proprietary database" is not Amazon closed.

The test reads the few words of the noun phrase the cue modifies, up to the name it describes if any: its
head names a thing that is not AI ("trusted AI guiding principles"), or one of its words does and none
names an AI thing ("model", "weights", "LLM"). For a verb cue's object, the first word that names a
thing decides ("open-sourced its database" is not AI; "open-sourced its model trained on public data" is).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.extract.grammar import PREPOSITIONS, words
from bot.extract.mentions import AI_CONTEXT

# Things an openness word can describe that are not AI. "data" too: "uses proprietary data" says nothing
# of the user's models (and "open weights but not the data" is read as partial elsewhere).
NOT_AI = words(
    "data dataset datasets information knowledge content documents hardware chip chips chipset chipsets "
    "silicon processor processors cpu cpus semiconductor semiconductors foundry foundries fab fabs instruction isa infrastructure "
    "networks principles guidelines policies policy campaigns reasons future protocol protocols connector connectors cable "
    "cables port ports plug adapter format formats video videos photos photo footage music fonts font "
    "database databases db sql os kernel operating linux unix firmware browser browsers javascript js "
    "typescript css html react vue angular web website websites store stores marketplace market markets "
    "intelligence investigations investigation journalism osint blockchain blockchains crypto token tokens "
    "wallet wallets defi headset headsets device devices phone phones display displays battery batteries "
    "drug drugs recipe recipes fund funds ip patent patents property trademark trademarks logistics "
    "mainframe mainframes server servers editor editors ide constitution manifesto charter interconnect "
    "interconnects nvlink storage lake lakes ad ads advertising driver drivers design "
    "playbook playbooks dashboard dashboards week weeks summit summits conference conferences hackathon "
    "hackathons list lists roster rosters motion motions leaderboard leaderboards pricing price prices dos ms-dos logs warehouse warehouses channel channels "
    # what is asked or taught about ("an open-source licensing question"), a user's own material ("the
    # notebook itself is open source"), security work ("proprietary zero-click exploits")
    "question questions quiz course courses lesson lessons notebook notebooks tutorial tutorials template "
    "templates exploit exploits spyware malware vulnerability vulnerabilities investor investors angels "
    "valuation valuations header headers snippet snippets compliance brand brands hinge hinges file files "
    "auction auctions node nodes "
    # a business's assets ("a proprietary distribution network", "its proprietary enterprise contracts")
    "asset assets workforce contract contracts distribution partnerships relationships deal deals "
    "negotiation negotiations "
    # how it is financed and sells ("kept their cap table closed", "Google's proprietary search ranking", "the
    # targeting data behind it")
    "table tables sheet sheets ranking rankings targeting"
)
# Software and products that are not AI, by name: what an openness word says of them ("Microsoft
# open-sourced VS Code", "Google's Android is open source") is not their owner's AI.
NOT_AI_NAMES = re.compile(
    r"(?:the\s+)?(?:Android|Chrome|Chromium|VS\s+Code|Visual\s+Studio(?:\s+Code)?|React(?:\s+Native)?|Linux|"
    r"Kubernetes|Firefox|WordPress|MySQL|PostgreSQL|Postgres|MongoDB|Redis|Kafka|Hadoop|Docker|iOS|macOS|"
    r"Windows|App\s+Store|Play\s+(?:Store|services)|Bitcoin|Ethereum|Aurora|DynamoDB|BigQuery|Open\s+Compute|GraphQL|"
    r"JavaScript|TypeScript|Node\.js|\.NET|Red\s+Hat|Elasticsearch|Cassandra|Xcode|Gmail|YouTube|Instagram|WhatsApp|"
    r"iPhone|iMessage|FaceTime|(?:Google\s+)?(?:Maps|Docs|Sheets|Slides|Drive|Photos)|Pixel|Swift|Go(?=\s+(?:language|is|was))|Borg|"
    # an operating system by its name: "HarmonyOS", "ChromeOS", "OpenHarmony"
    r"(?-i:[A-Z][a-z]+OS)|OpenHarmony)\b"
)


# A cue's noun that is part of such a product, or names it in apposition: "the open-source parts of Android",
# "an open-source version, OpenHarmony,".
# Not "a closed-source fork of VS Code": a fork is a product of its own.
_PART_OF_NOT_AI = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:parts?|versions?|pieces?|components?|portions?|core|editions?|builds?|layers?|bits)"
    r"(?:\s+of\s+(?:the\s+)?|,\s+)" + NOT_AI_NAMES.pattern
)


def part_of_product_not_ai(text: str, end: int) -> bool:
    """Whether what a cue ending at `end` describes is a part or a version of a product that is not AI."""
    return _PART_OF_NOT_AI.match(text, end) is not None


def names_product_not_ai(text: str, end: int) -> bool:
    """Whether a product that is not AI is named right after a cue ending at `end` ("open-sourced VS Code",
    "Google's open-source Kubernetes")."""
    return NOT_AI_NAMES.match(text, end + 1 if text[end : end + 1] == " " else end) is not None


# What a relative clause ending at a cue describes, when it is a product that is not AI: "relies on Android,
# which is open source", "the Android Open Source Project, which is open source", "Unlike Android, which Google
# open-sourced years ago".
_NOT_AI_ANTECEDENT = re.compile(NOT_AI_NAMES.pattern + r"(?:\s+(?-i:[A-Z][\w-]*)){0,4}\s*$")


def antecedent_not_ai(text: str, relative: int) -> bool:
    """Whether the words right before a relative clause starting at `relative` (its comma or "that") name a
    product that is not AI, or a noun phrase whose head is not AI ("its database, which is open source")."""
    before = text[max(0, relative - 60) : relative]
    if _NOT_AI_ANTECEDENT.search(before) is not None:
        return True
    phrase = before.lower().split()[-3:]
    return bool(phrase) and phrase[-1] in NOT_AI and not AI_WORDS.intersection(phrase)


# "Google's Android is open source": the predicate is the named product's, before the cue at the end.
_NOT_AI_SUBJECT = re.compile(
    r"(?:['’]s\s+)?"
    + NOT_AI_NAMES.pattern
    # no verb when the cue holds it ("Windows remains closed")
    # "the Play Store on top of it are proprietary"
    # "Postgres is free and open source", "HarmonyOS was later handed to a foundation and open-sourced"
    + r"\s+(?:(?:[\w-]+\s+){0,6}?(?:is|are|was|were|remains|became|has\s+been|(?:started|began)(?:\s+(?:life|out))?\s+as)\s+"
    + r"(?:(?:[\w-]+\s+){0,2}|(?:[\w-]+\s+){0,6}?and\s+))?$"
)
# … unless the phrase also names an AI thing ("open-source AI video software", "open video model").
AI_WORDS = words(
    "ai model models llm llms weights neural agent agents agi ml gpt chatbot chatbots assistant assistants "
    "transformer transformers diffusion checkpoint checkpoints"
)
# In an object, "AI" is a modifier ("a set of trusted AI guiding principles"): the thing decides.
_AI_THINGS = AI_WORDS - {"ai", "ml", "neural"}
_QUOTES = frozenset("\"'“”‘’")
_TOKEN = re.compile(r"[\w-]+|[^\w\s]")
# Where a verb cue's object ends ("open-sourced it for use in phones"); "of" does not ("a set of principles").
_OBJECT_ENDS = PREPOSITIONS - {"of"}


def not_ai(phrase: list[str]) -> bool:
    """Whether a noun phrase (lowercased words) is about something that is not AI: its head says so
    ("trusted AI guiding principles"), or, under a head that says neither ("software"), it names a thing
    that is not AI and nothing that is ("a proprietary format specifically")."""
    if not phrase or phrase[-1] in AI_WORDS:
        return False
    if phrase[-1] in NOT_AI:
        return True
    return any(word in NOT_AI for word in phrase) and not any(word in AI_WORDS for word in phrase)


# "proprietary to IBM hardware", "exclusive to Apple devices": what a cue is tied to.
_TIED_TO = re.compile(
    r"\s+(?:to|for|on)\s+((?:(?!(?:to|for|on|in|of|with|by|and|or|but|since|until)\b)[\w'’./-]+\s+){0,3}"
    r"(?!(?:to|for|on|in|of|with|by|and|or|but|since|until)\b)[\w-]+)",
    re.IGNORECASE,
)


def tied_to_not_ai(text: str, end: int) -> bool:
    """Whether the cue ending at `end` is tied to something that is not AI ("OS/2 was proprietary to IBM
    hardware"): then it is about a platform, not a model."""
    tied = _TIED_TO.match(text, end, end + 80)
    # the head decides: "open source for video generation" is still about a model
    return tied is not None and tied.group(1).lower().split()[-1] in NOT_AI


# Heads that name whatever a company makes ("Amazon's proprietary technology powers its warehouses",
# "Salesforce's proprietary CRM platform"): "proprietary" on them is about AI only in a claim that is about
# AI. ("open-source" on them is nearly always software people build on, AI in these notes.)
GENERIC_HEADS = words(
    "technology technologies tech software ecosystem ecosystems platform platforms system systems advantage "
    "advantages edge moat solution solutions product products stack tools process processes service services "
    "networking box boxes"  # "a proprietary black box" in a claim about ad auctions
)
# A claim about AI: the words that give a name its AI sense (bot.extract.mentions), or one of these, which
# are AI products more often than not in a claim that calls something proprietary, or the machine-learning
# frameworks ("Google's open-source TensorFlow framework").
AI_PRODUCTS = re.compile(
    r"\b(?i:agents?|agentic|assistants?|copilots?|CUDA|self-?driving|autonomous|robots?|robotics)\b"
    r"|\b(?:TensorFlow|PyTorch|PaddlePaddle|JAX|Keras)\b"
)


def speaks_of_ai(text: str) -> bool:
    """Whether a text (a claim, a heading) has a word of AI, the openness words included."""
    return AI_CONTEXT.search(text) is not None or AI_PRODUCTS.search(text) is not None


# The openness words give a name its AI sense (bot.extract.mentions), but say nothing of whether the thing
# called open or closed is AI: "IBM bet on open-source software".
_OPENNESS_WORDS = re.compile(r"open[\s-]?sourc\w*|open[\s-]?weights?|closed[\s-]?sourc\w*", re.IGNORECASE)


def about_product_not_ai(text: str) -> bool:
    """Whether a claim names a product that is not AI and, its openness words aside, says nothing of AI:
    what it calls open or closed of a company beyond AI is that product ("Microsoft open-sourced .NET",
    "Amazon's open-source contributions to Linux are modest")."""
    return NOT_AI_NAMES.search(text) is not None and not speaks_of_ai(_OPENNESS_WORDS.sub(" ", text))


def generic_without_ai(phrase: list[str], text: str, names_ai_maker: bool) -> bool:
    """Whether a cue's noun phrase has a generic head ("technology", "platform", "software") in a claim that
    says nothing of AI but its openness words and names no model and no lab that is all AI: then it is about
    the business, not its AI."""
    return (
        any(word in GENERIC_HEADS for word in phrase)
        and not any(word in AI_WORDS for word in phrase)
        and not names_ai_maker
        and not speaks_of_ai(_OPENNESS_WORDS.sub(" ", text))
    )


# "Apple's chips are proprietary", "Anthropic's constitution for Claude was published openly": the noun the
# predicate is about, right before its verb (a "for X" or "of X" after it is still its phrase).
_SUBJECT_NOUN = re.compile(
    # "Snowflake, the cloud data warehouse, is proprietary": the apposition says what the subject is
    r"\b((?:[\w-]+\s+)?[\w-]+),?\s+(?:(?:for|of|behind|under|inside|within)\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,2}\s+)?"
    r"(?:is|are|was|were|remains?|has\s+been|have\s+been)\s+"
    r"(?:\w+ly\s+|still\s+)?$"
)


# A model's data is one of its components (bot.extract.components reads "the training data is proprietary").
_NOT_AI_SUBJECTS = NOT_AI - words("data dataset datasets information knowledge content")


# "keeps its battery research proprietary", 'calls its foundry process "proprietary"': what is kept or called
# so is the predicate's subject.
_KEPT = re.compile(
    r"\b(?:keep|keeps|kept|keeping|calls?|called|calling|considers?|considered|describes?\s+as|described\s+as)\s+"
    r"((?:[\w'’-]+\s+){1,6}?)[\"“']?$",
    re.IGNORECASE,
)


# A cue that holds what is kept ("keeps Gemini closed", "keeps its pricing closed"): the words kept.
_KEPT_CUE = re.compile(
    r"(?:keep|keeps|kept|keeping)\s+((?:[\w'’.-]+\s+)+?)(?:\w+ly\s+)?"
    r"(?:closed|private|secret|confidential|hidden|proprietary|in-house|under\s+wraps)$",
    re.IGNORECASE,
)


# A cue that holds what is shared ("shares its models openly", "share a file openly"): the words shared.
_SHARED_CUE = re.compile(r"shar(?:e|es|ed|ing)\s+((?:[\w'’.-]+\s+)+?)openly$", re.IGNORECASE)


def kept_not_ai(cue: str) -> bool:
    """Whether what a cue that holds its keep or share verb ("keeps Gemini closed", "share a file openly") keeps
    or shares is not AI: a product named as one ("kept Android closed to competing app stores") or a noun phrase that says so and names nothing
    of AI ("keeps its pricing closed"; not "kept the models behind Apple Intelligence closed"). What a
    one-word cue is kept as is `subject_not_ai`'s ("keeps its battery research proprietary")."""
    kept = _KEPT_CUE.match(cue) or _SHARED_CUE.match(cue)
    if kept is None:
        return False
    if NOT_AI_NAMES.match(kept.group(1)) is not None:
        return True
    phrase = kept.group(1).lower().split()
    return names_not_ai(phrase) and not AI_WORDS.intersection(phrase)


def subject_not_ai(text: str, scope: int, start: int) -> bool:
    """Whether the cue at `start` is the predicate of something that is not AI: a product named as one
    ("Google's Android is open source", "Chrome remains proprietary"), a noun that says so ("Apple's
    chips are proprietary") or what is kept so ("keeps its battery research proprietary")."""
    if _NOT_AI_SUBJECT.search(text, max(scope, start - 80), start) is not None:
        return True
    kept = _KEPT.search(text, max(scope, start - 80), start)
    if kept is not None and not_ai(kept.group(1).lower().split()):
        return True
    noun = _SUBJECT_NOUN.search(text, max(scope, start - 80), start)
    return noun is not None and names_not_ai(noun.group(1).lower().split())


def names_not_ai(phrase: list[str]) -> bool:
    """Whether a noun phrase (lowercased words) that a predicate is about names something that is not AI:
    its head, or a word before it when the head says nothing ("its ad algorithms"); data is a model's."""
    if not phrase:
        return False
    head, *before = reversed(phrase)
    # a hyphenated modifier's parts too ("its ad-targeting tools")
    parts = [part for word in before for part in word.split("-")]
    return head in _NOT_AI_SUBJECTS or (
        head not in AI_WORDS and any(word in _NOT_AI_SUBJECTS for word in parts)
    )


def object_not_ai(text: str, end: int, stop: int) -> bool:
    """Whether the object of a verb cue ending at `end` is something that is not AI: a product named as
    one ("open-sourced VS Code"), else the first word that names a thing decides ("a set of principles" →
    principles; "its model trained on public data" → model), read up to `stop` (the next name),
    punctuation or a preposition, and over 80 characters."""
    if names_product_not_ai(text, end):
        return True
    named = False  # the object so far is a name nobody knows ("Delta Lake")
    for token in _TOKEN.finditer(text, end, min(stop, end + 80)):
        word = token.group().lower()
        if word in _QUOTES:
            continue  # 'a set of "trusted AI guiding principles"'
        if word == "," and named:
            # "open-sourced Delta Lake, a storage format for data lakes": the apposition says what it is
            apposition = _APPOSITION.match(text, token.end())
            return apposition is not None and object_not_ai(text, apposition.end() - 1, stop)
        if not word[0].isalnum() or word in _OBJECT_ENDS or word in _AI_THINGS:
            return False
        if word == "future" and _WORD_NEXT.match(text, token.end()):
            continue  # "open-source every future flagship": a modifier, not "an open future"
        if word in NOT_AI:
            return True
        named = token.group()[:1].isupper() and (named or token.start() <= end + 1)
    return False


_APPOSITION = re.compile(r"\s+(?:a|an|the)\s", re.IGNORECASE)
_WORD_NEXT = re.compile(r"\s+[A-Za-z]")

_OPENNESS_WORD = re.compile(r"(?i:open|closed)[\s-]?(?:sourc|weight)")


def says_no_ai(text: str) -> bool:
    """Whether a claim has no word of AI but the openness words themselves (bot.extract.mentions)."""
    return (
        all(_OPENNESS_WORD.match(word.group()) for word in AI_CONTEXT.finditer(text))
        and AI_PRODUCTS.search(text) is None
    )


# "open-sourced PowerToys for Windows users", "open-sourced its Red Hat acquisition's tools": a product the
# catalog does not know, in a claim with no word of AI, is software of another kind.
_UNKNOWN_PRODUCT = re.compile(
    r"\s+(?:(?:its|their|the)\s+)?(?P<name>(?-i:[A-Z][\w.+-]*)(?:\s+(?-i:[A-Z][\w.+-]*))*)(?:['’]s)?(?=[\s,.;:!?]|$)"
)


def unknown_product_without_ai(text: str, end: int, named_at: Callable[[int], bool]) -> bool:
    """Whether a verb cue ending at `end` has for object a capitalised name that is no catalog entity
    (`named_at`: whether one starts at a position; "open-sourced its OpenELM family" names one), in a
    claim that says nothing of AI."""
    product = _UNKNOWN_PRODUCT.match(text, end)
    return (
        product is not None
        and not named_at(product.start("name"))
        # the openness words that give a name its AI sense (bot.extract.mentions) are no AI here
        and says_no_ai(text)
    )
