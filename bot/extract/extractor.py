"""Per claim: the labs and models it mentions, its subject, and its openness signals."""

from __future__ import annotations

import re

from bot.catalog import Catalog
from bot.extract.mentions import MentionFinder
from bot.extract.model import ClaimFacts, EntityRef, Mention
from bot.extract.openness import SignalFinder, is_subject_candidate
from bot.notes.model import Claim

_LEAD_PARTS = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
_LEAD_TRIM = " \t*:_.-–—\"'“”"


class Extractor:
    """Built once per catalog (it compiles the name and cue regexes), then run on every claim."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._mentions = MentionFinder(catalog)
        self._signals = SignalFinder()
        self._leads: dict[str, EntityRef | None] = {}  # a note repeats its leads; resolve each once

    def mentions(self, text: str) -> list[Mention]:
        return self._mentions.find(text)

    def extract(self, claim: Claim) -> ClaimFacts:
        text = claim.text
        mentions = self._mentions.find(text)
        lead = self.subject_of_lead(claim.subject) if claim.subject else None
        if not mentions and lead is None:
            return ClaimFacts()
        subject = lead if lead is not None else grammatical_subject(text, mentions)
        return ClaimFacts(mentions, subject, self._signals.signals(text, mentions, subject))

    def subject_of_lead(self, lead: str) -> EntityRef | None:
        """The entity a bullet's bold lead names: "xAI (Grok)" → xAI; "Accelerated Innovation" → None."""
        if lead not in self._leads:
            self._leads[lead] = self._resolve_lead(lead)
        return self._leads[lead]

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
        offset = 4 if text.lower().startswith("the ") else 0
        mentions = self._mentions.find(text[offset:])
        return mentions[0].entity if mentions and mentions[0].start == 0 else None


def grammatical_subject(text: str, mentions: list[Mention]) -> EntityRef | None:
    """The first entity that is not inside a prepositional phrase, else the first entity, else None."""
    for i in range(len(mentions)):
        if is_subject_candidate(text, mentions, i, 0, len(text)):
            return mentions[i].entity
    return mentions[0].entity if mentions else None
