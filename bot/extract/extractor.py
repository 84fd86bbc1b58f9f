"""Per claim: the labs and models it mentions, its subject, and its openness signals.

Claims of one note are extracted in order, and a claim may lean on the one right before it in the same
section: "It is described as the first open-source LLM" after "Llama 2 is a collection of models …" is
Llama 2's. The Extractor remembers what that claim was about (`_Antecedent`: one lab and its models) and
gives it to a claim that starts with a pronoun, "the company" or "this model", or that says "open-sourced
it". A claim before that named two families makes it ambiguous: then nobody.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from bot.catalog import Catalog
from bot.contracts import EntityRef
from bot.extract.grammar import grammatical_subject
from bot.extract.mentions import MentionFinder
from bot.extract.model import NOTHING, ClaimFacts, Mention, Signal
from bot.extract.openness import SignalFinder, may_have_cue
from bot.extract.topic import says_no_ai, speaks_of_ai
from bot.notes.model import Claim

_LEAD_PARTS = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
_LEAD_TRIM = " \t*:_.-–—\"'“”"
# "OpenAI and Perplexity Agent Products": a lead that lists entities is about none of them alone.
_LEAD_LIST = re.compile(r"^\s*(?:,|and|or|&|/|vs\.?|versus)\s*$", re.IGNORECASE)
# A claim whose subject is a pronoun, a "the company"/"these models" or left out ("It is …", "and was
# open-sourced", "Releases weights …", "while their best models …") leans on the heading for who it is
# about; any other claim under a heading is about its own subject, or nobody.
_LEANS_ON_CONTEXT = re.compile(
    r"^(?:[a-z]|(?i:it|he|she)\b|(?i:the|this|these|that|those)\s+(?i:company|firm|lab|startup|models?)\b"
    r"|(?:Open[\s-]?sourc(?:ed|es|ing)|Releas|Publish|Shar|Keep|Kept|Launch)\w*\s"
    r"|(?i:this|these)\s+(?:[\w-]+\s+){0,2}?(?i:approach|initiatives?|efforts?|projects?|strategy|move|releases?)\b)"
    r"|.*?\b(?i:they|their|its|his|her)\b"
)
# A claim whose subject points back, maybe after an opening adverb or conjunction ("It is …", "Over time,
# they …", "While their software …", "The company …", "This segmentation model, …"): which entity of the
# one named just before it means: any, the lab or the model. "It's noted that …" points nowhere.
_POINTS_BACK = re.compile(
    r"(?:[\w-]+(?:\s+[\w-]+)?,\s+|(?:while|whereas|although|though|but)\s+)?"
    r"(?:(?P<any>(?:it|they|their|its)\b(?![’']s\s+(?:noted|said|clear|worth|likely|possible|important|unclear)\b))"
    r"|(?:the|this|these|that|those)\s+(?:[\w-]+\s+){0,2}?(?:(?P<lab>company|firm|lab|startup)"
    r"|(?P<model>models?|system|family|series|LLM|tool))\b"
    r"|(?:this|these)\s+(?:[\w-]+\s+){0,2}?(?:initiatives?|efforts?|projects?|approach|releases?|move|strategy)\b)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_TEXT = attrgetter("text")
_LEAD = attrgetter("subject")
_HEADING_PATH = attrgetter("heading_path")


_PEOPLE_OF = re.compile(
    r"\s+(?:employees|researchers|engineers|alumni|veterans|executives|founders|co-founders|staff|scientists|"
    r"investors|leadership|people)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Antecedent:
    """What the claim just before was about: one entity (its `subject`), that family's lab, and the one
    model of the family it named, if only one."""

    subject: EntityRef
    lab: EntityRef
    model: EntityRef | None

    def pick(self, kind: str) -> EntityRef | None:
        if kind == "lab":
            return self.lab
        if kind == "model":
            return self.model
        return self.subject


_shared: dict[int, tuple[Catalog, Extractor]] = {}


def extractor_for(catalog: Catalog) -> Extractor:
    """The one Extractor of a running bot for `catalog`. Building one compiles every alias pattern
    (~100 ms): code on the event loop calls this through asyncio.to_thread."""
    cached = _shared.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        cached = _shared[id(catalog)] = (catalog, Extractor(catalog))
    return cached[1]


class Extractor:
    """Built once per catalog (it compiles the name and cue regexes), then run on every claim.

    Run it on the claims of a note in order (ingest does, all at once with `extract_note`): a claim that
    points back to the one before it in its section then gets that claim's entity. A claim that does not
    follow the last one extracted (another note, another section, a gap) starts afresh.
    """

    def __init__(self, catalog: Catalog, *, prefilter: bool = True) -> None:
        """`prefilter=False`: no cheap checks first, every claim through the name regex and the full
        analysis; the same facts, slower (a test holds them equal)."""
        self.catalog = catalog
        self._prefilter = prefilter
        self._mentions = MentionFinder(catalog, prefilter=prefilter)
        beyond_ai = frozenset(lab.id for lab in catalog.labs.values() if lab.beyond_ai)
        self._signals = SignalFinder(catalog.lab_of, beyond_ai)
        self._leaders = {name: lab.ref for lab in catalog.labs.values() for name in lab.leaders}
        # "Zuckerberg argues …", "CEO Sam Altman's view …": a leader opening the claim, before a lowercase word
        self._leader_opens = (
            re.compile(
                r"(?:(?:CEO|[Cc]o-?founder|[Ff]ounder)\s+)?("
                + "|".join(map(re.escape, sorted(self._leaders, key=len, reverse=True)))
                + r")(?:['’]s)?\s+(?=[a-z])"
            )
            if self._leaders
            else None
        )
        self._leads: dict[str, EntityRef | None] = {}  # a note repeats its leads and headings: resolve once
        self._headings: dict[str, EntityRef | None] = {}
        self._lab_names: dict[str, EntityRef | None] = {}
        self._heading_ai: dict[tuple[str, ...], bool] = {}  # whether a heading path speaks of AI
        # Where the last extracted claim stood, and what it leaves for the next one to point back to.
        self._last_ordinal = -2
        self._last_path: tuple[str, ...] = ()
        self._last_antecedent: _Antecedent | None = None

    def mentions(self, text: str) -> list[Mention]:
        return self._mentions.find(text)

    def extract(self, claim: Claim, title: str = "") -> ClaimFacts:
        """The claim's mentions, subject and openness signals; `title`: its note's, which says, with the
        claim's headings, whether the note speaks of AI where the claim does not."""
        return self._extract_next(claim, title, self._mentions.find(claim.text))

    def extract_note(self, claims: Sequence[Claim], title: str = "") -> list[ClaimFacts]:
        """`extract` of each claim of a note, in order: the same facts, for less. Most claims name nobody,
        follow a claim that leaves nobody to point back to, and have no lead or heading naming anyone: their
        facts are NOTHING, one shared empty ClaimFacts (read what this returns; never change it), with no
        step per claim. The names are looked for in all the claims at once (`MentionFinder.find_named`);
        only the other claims go through the analysis, with what the claim before left them."""
        texts = list(map(_TEXT, claims))
        named = self._mentions.find_named(texts)
        todo = {*named, *self._with_context(claims)}
        # the regex over every claim in C first (no claim opens with a leader in nearly every note)
        if self._leader_opens is not None and any(map(self._leader_opens.match, texts)):
            todo.update(i for i, text in enumerate(texts) if self._leader(text) is not None)
        if self._last_antecedent is not None and claims:
            todo.add(0)  # it may point back to the claim extracted last
        pending = sorted(todo)
        facts = [NOTHING] * len(claims)
        last = -1  # the last claim analysed
        position = 0  # into `pending`
        index = pending[0] if pending else len(claims)
        while index < len(claims):
            if index != last + 1:
                self._after_nothing(claims[index - 1])
            facts[index] = self._extract_next(claims[index], title, named.get(index, []))
            last = index
            while position < len(pending) and pending[position] <= index:
                position += 1
            following = pending[position] if position < len(pending) else len(claims)
            # a claim that leaves someone to point back to: the next one may
            index = index + 1 if self._last_antecedent is not None else following
        if claims and last != len(claims) - 1:
            self._after_nothing(claims[-1])
        return facts

    def _with_context(self, claims: Sequence[Claim]) -> list[int]:
        """The claims whose bold lead or heading names someone (`_nobody_around` false), each distinct lead
        and heading of the note looked at once: none, in most notes."""
        leads = {lead for lead in set(map(_LEAD, claims)) if self._lead_names(lead)}
        headings = {path for path in set(map(_HEADING_PATH, claims)) if self._heading_names(path)}
        if not leads and not headings:
            return []
        return [
            i for i, claim in enumerate(claims) if claim.subject in leads or claim.heading_path in headings
        ]

    def _after_nothing(self, claim: Claim) -> None:
        """Where `_extract_next` leaves things after a claim about nobody: it stands there, and leaves
        nothing to point back to."""
        self._last_ordinal, self._last_path = claim.ordinal, claim.heading_path
        self._last_antecedent = None

    def _extract_next(self, claim: Claim, title: str, mentions: list[Mention]) -> ClaimFacts:
        """`extract`, given the claim's mentions: the claim before it, what it leaves for the next one."""
        before = None
        if claim.ordinal == self._last_ordinal + 1 and claim.heading_path == self._last_path:
            before = self._last_antecedent
        self._last_ordinal, self._last_path = claim.ordinal, claim.heading_path
        facts, pointed = self._extract(claim, mentions, before, title)
        # what the next claim can point back to: this one's antecedent if it pointed back, else its own
        if pointed:
            self._last_antecedent = before
        elif facts.subject is None or not facts.mentions:
            self._last_antecedent = None
        else:
            # "founded by former OpenAI employees" names people, not a second lab "it" could mean
            named = [m.entity for m in facts.mentions if not _PEOPLE_OF.match(claim.text, m.end)]
            self._last_antecedent = self._family(facts.subject, named)
        return facts

    def _extract(
        self, claim: Claim, mentions: list[Mention], before: _Antecedent | None, title: str
    ) -> tuple[ClaimFacts, bool]:
        """The claim's facts, and whether its subject came from the claim before it."""
        opens = self._leader_opens  # the bare regex first: a method call per claim costs more than the test
        leader = self._leader(claim.text) if opens is not None and opens.match(claim.text) else None
        if not mentions and before is None and leader is None and self._nobody_around(claim):
            return ClaimFacts(), False  # most claims
        text = claim.text
        subject = self.subject_of_lead(claim.subject) if claim.subject else None
        subject_start: int | None = None
        if subject is None and leader is not None:
            subject, subject_start = leader, 0  # "Zuckerberg articulates a strong belief in open sourcing"
        # "Mistral Large, their commercial offering, …" opens with its own subject: it points nowhere
        opens_with_name = bool(mentions) and mentions[0].start == 0
        if (
            before is None
            and subject is None
            and mentions
            and not opens_with_name
            and claim.heading_path
            and _POINTS_BACK.match(text)
        ):
            # "The company has released every Llama model …" first under "## Meta's AI strategy": the
            # heading's one entity (a claim naming nobody leans on the heading below)
            heading = self.subject_of_heading(claim.heading_path[-1])
            before = self._family(heading, [heading]) if heading is not None else None
        back = (
            _POINTS_BACK.match(text)
            if subject is None and before is not None and not opens_with_name
            else None
        )
        pointed = False
        if back is not None and before is not None:
            subject = before.pick(back.lastgroup or "any")
            pointed = subject is not None
        if subject is None and mentions:
            found = grammatical_subject(text, mentions)
            if found is not None:
                index, acts = found
                subject = mentions[index].entity
                # A possessor ("OpenAI's API") is what the claim is about, not who its cues describe.
                subject_start = mentions[index].start if acts else len(text)
        elif subject is None and claim.heading_path:
            subject = self.subject_of_heading(claim.heading_path[-1])
            # "It is an open-source AI model" under "## The Rise of DeepSeek" is DeepSeek's; "The shift is
            # towards open source" under "## PyTorch 2.0 and OpenAI Triton" is nobody's.
            if subject is not None and not _LEANS_ON_CONTEXT.match(text):
                return ClaimFacts([], subject, []), False
        # most claims: the deeper analysis below needs an openness word
        if self._prefilter and not may_have_cue(text):
            return ClaimFacts(mentions, subject, []), pointed
        referent = before.subject if before is not None else None
        labs = [self._lab_in_name(text[m.start : m.end], m.entity) for m in mentions]
        signals = self._signals.signals(text, mentions, subject, subject_start, referent, labs)
        if any(s.kind != "closed" for s in signals) and self._business_talk(claim, mentions, signals, title):
            # "open source" as a movement or a software strategy; "closed source" said of a lab with no
            # AI word is still about its models ("Anthropic is closed source")
            signals = [s for s in signals if s.kind == "closed"]
        return ClaimFacts(mentions, subject, self._credit_subject(text, signals, mentions, subject)), pointed

    def _leader(self, text: str) -> EntityRef | None:
        """The lab whose leader (bot.catalog.Lab.leaders) a claim with an openness word opens with, if any: the
        leader speaks for the lab on openness only, so the lab's coverage gains no claim about anything else."""
        found = self._leader_opens.match(text) if self._leader_opens is not None else None
        return self._leaders[found.group(1)] if found is not None and may_have_cue(text) else None

    def _nobody_around(self, claim: Claim) -> bool:
        """Whether neither the claim's bold lead nor its heading names anyone: a claim that names nobody and
        points back to nobody is then about nobody."""
        return not self._lead_names(claim.subject) and not self._heading_names(claim.heading_path)

    def _lead_names(self, lead: str | None) -> bool:
        """Whether a bullet's bold lead names someone."""
        if not lead:
            return False
        return self.subject_of_lead(lead) is not None

    def _heading_names(self, path: tuple[str, ...]) -> bool:
        """Whether the heading a claim is under names someone."""
        return bool(path) and self.subject_of_heading(path[-1]) is not None

    def _business_talk(
        self, claim: Claim, mentions: list[Mention], signals: list[Signal], title: str
    ) -> bool:
        """ "Meta is the largest contributor to open source on GitHub" in a section on engineering culture:
        a claim with no word of AI and no model, in a note whose title and headings have none either,
        speaks of software or business, whatever lab it names."""
        if any(m.entity.type == "model" for m in mentions) or any(s.entity.type == "model" for s in signals):
            return False  # a model, named or pointed back to, is AI
        if not says_no_ai(claim.text):
            return False
        if not title:
            return False  # a sentence on its own: nothing around it to tell
        key = (title, *claim.heading_path)
        about = self._heading_ai.get(key)
        if about is None:
            about = any(
                speaks_of_ai(h) or any(m.entity.type == "model" for m in self._mentions.find(h))
                for h in key
                if h
            )
            self._heading_ai[key] = about
        return not about

    def _credit_subject(
        self, text: str, signals: list[Signal], mentions: list[Mention], subject: EntityRef | None
    ) -> list[Signal]:
        """ "Gemma is Google's own open-weight model family", "The Firefly family consists of Adobe's
        proprietary models": the lab's signal, as the possessor of the models the cue describes, is its
        model's too when that model is what the claim is about and gets nothing else."""
        if subject is None or subject.type != "model" or any(s.entity == subject for s in signals):
            return signals
        lab = self.catalog.lab_of(subject)
        # the lab named as the possessor of what the cue says (_owns_cue), not in another model's clause ("whereas
        # Gemini never leaves Google's servers": Gemini's servers, not Gemma's)
        owners = [m for m in mentions if m.entity == lab]
        others = [m for m in mentions if m.entity.type == "model" and m.entity != subject]
        found = list(signals)
        for signal in signals:
            if signal.entity == lab and any(_owns_cue(text, m, signal.cue, others) for m in owners):
                found.append(Signal(subject, signal.kind, signal.cue))
        return found

    def _lab_in_name(self, name: str, entity: EntityRef) -> EntityRef | None:
        """The lab a mention names: a lab's, or the lab a model's name starts with ("DeepSeek R1" →
        DeepSeek); None for other models."""
        if entity.type != "model":
            return entity
        if name not in self._lab_names:
            first = re.split(r"[\s-]", name, maxsplit=1)[0]
            found = self.catalog.lookup(first) if first != name else None
            self._lab_names[name] = found if found is not None and found.type == "lab" else None
        return self._lab_names[name]

    def _family(self, subject: EntityRef, named: list[EntityRef]) -> _Antecedent | None:
        """The claim's subject as what the next claim can point back to, when all it names is one family
        (a lab and its models)."""
        lab = self.catalog.lab_of(subject)
        models = {subject} if subject.type == "model" else set()
        for entity in named:
            if self.catalog.lab_of(entity) != lab:
                return None  # "Meta open-sourced Llama, while OpenAI …": which one "it" means is unclear
            if entity.type == "model":
                models.add(entity)
        return _Antecedent(subject, lab, models.pop() if len(models) == 1 else None)

    def subject_of_lead(self, lead: str) -> EntityRef | None:
        """The entity a bullet's bold lead names: "xAI (Grok)" → xAI; "Accelerated Innovation" → None."""
        if lead not in self._leads:
            self._leads[lead] = self._resolve_lead(lead)
        return self._leads[lead]

    def subject_of_heading(self, heading: str) -> EntityRef | None:
        """The one entity a heading is about ("The Rise of DeepSeek"), None when it names none or several, but
        for a lab and one of its models, which is about the one it is grammatically about."""
        if heading not in self._headings:
            mentions = self._mentions.find(heading)
            found = {mention.entity for mention in mentions}
            subject = next(iter(found)) if len(found) == 1 else None
            labs = {entity for entity in found if entity.type == "lab"}
            if len(found) == 2 and len(labs) == 1 and {self.catalog.lab_of(e) for e in found} == labs:
                # "Databricks' Internal AI Journey with DBRX" is Databricks', "Meta's Llama Strategy" Llama's
                head = grammatical_subject(heading, mentions)
                subject = mentions[head[0]].entity if head is not None else None
            self._headings[heading] = subject
        return self._headings[heading]

    def _resolve_lead(self, lead: str) -> EntityRef | None:
        name = lead.strip(_LEAD_TRIM)
        if not name:
            return None
        found = self.catalog.lookup(name)
        if found is not None:
            return found
        # "Lab (Model)": the lab is the subject; "Model (Lab)" names the model.
        parts = _LEAD_PARTS.match(name)
        if parts is not None:
            outer = self.catalog.lookup(parts["outer"]) or self._leading_mention(parts["outer"])
            if outer is not None:
                return outer
        return self._leading_mention(name)

    def _leading_mention(self, text: str) -> EntityRef | None:
        """An entity the lead starts with ("Meta AI research", "The OpenAI API"), else None."""
        text = text[4:] if text.lower().startswith("the ") else text
        mentions = self._mentions.find(text)
        if not mentions or mentions[0].start != 0:
            return None
        if len(mentions) > 1 and _LEAD_LIST.match(text[mentions[0].end : mentions[1].start]):
            return None
        return mentions[0].entity


def _owns_cue(text: str, owner: Mention, cue: str, others: list[Mention]) -> bool:
    """Whether the name `owner` is the possessor of what `cue` says of the claim's subject: a possessive with
    no other model named before it in the claim ("Gemma is Google's own open-weight model family", "Claude
    Opus sits behind Anthropic's paid tier", "Llama 2 is "open" …, but Meta's custom licence …"; not "Gemma is
    small, whereas Gemini never leaves Google's servers"), or the noun right before the cue ("Gemma is the
    Google family you can download"). `others`: the mentions of models other than the subject."""
    if _POSSESSIVE.match(text, owner.end) is not None:
        return not any(m.start < owner.start for m in others)
    at = text.find(cue, owner.end, owner.end + 2 + len(cue))
    return (
        at >= 0
        and text[owner.end : at].isspace()
        and _ARTICLE_BEFORE.search(text, max(0, owner.start - 8), owner.start) is not None
    )
