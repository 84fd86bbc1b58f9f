"""Per claim: the labs and models it mentions, its subject, and its openness signals."""

from __future__ import annotations

import re

from bot.catalog import Catalog
from bot.extract.grammar import grammatical_subject
from bot.extract.mentions import MentionFinder
from bot.extract.model import ClaimFacts, EntityRef, Mention
from bot.extract.openness import SignalFinder
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
    r"|(?:Open[\s-]?sourc|Releas|Publish|Shar|Keep|Kept|Launch)\w*\s)"
    r"|.*?\b(?i:they|their|its|his|her)\b"
)


class Extractor:
    """Built once per catalog (it compiles the name and cue regexes), then run on every claim."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._mentions = MentionFinder(catalog)
        self._signals = SignalFinder()
        self._leads: dict[str, EntityRef | None] = {}  # a note repeats its leads and headings: resolve once
        self._headings: dict[str, EntityRef | None] = {}

    def mentions(self, text: str) -> list[Mention]:
        return self._mentions.find(text)

    def extract(self, claim: Claim) -> ClaimFacts:
        text = claim.text
        mentions = self._mentions.find(text)
        subject = self.subject_of_lead(claim.subject) if claim.subject else None
        subject_start: int | None = None
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
                if not mentions:
                    return ClaimFacts([], subject, [])
                return ClaimFacts(mentions, subject, self._signals.signals(text, mentions, None, None))
        if not mentions and subject is None:
            return ClaimFacts()
        return ClaimFacts(mentions, subject, self._signals.signals(text, mentions, subject, subject_start))

    def subject_of_lead(self, lead: str) -> EntityRef | None:
        """The entity a bullet's bold lead names: "xAI (Grok)" → xAI; "Accelerated Innovation" → None."""
        if lead not in self._leads:
            self._leads[lead] = self._resolve_lead(lead)
        return self._leads[lead]

    def subject_of_heading(self, heading: str) -> EntityRef | None:
        """The one entity a heading is about ("The Rise of DeepSeek"), None when it names none or several."""
        if heading not in self._headings:
            found = {mention.entity for mention in self._mentions.find(heading)}
            self._headings[heading] = found.pop() if len(found) == 1 else None
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
