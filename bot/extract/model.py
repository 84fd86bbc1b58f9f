"""What extraction finds in one claim."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.contracts import EntityRef

SignalKind = Literal["open", "closed", "partial", "planned"]
# The parts of a model openness is graded on (bot.extract.components reads them from a claim).
Component = Literal["weights", "code", "training data", "licence", "paper", "access"]
COMPONENTS: tuple[Component, ...] = ("weights", "code", "training data", "licence", "paper", "access")


@dataclass(frozen=True, slots=True)
class Mention:
    entity: EntityRef
    start: int  # character offsets into Claim.text
    end: int


@dataclass(frozen=True, slots=True)
class Signal:
    entity: EntityRef
    kind: SignalKind
    cue: str  # the phrase that carries it ("open-sourced their weights")
    # What it is about (bot.extract.components: "weights", "code", "training data", "licence", "paper",
    # "access"; None when the claim names none) and the licence it names ("Apache 2.0"), if any.
    component: Component | None = None
    licence: str | None = None


@dataclass(slots=True)
class ClaimFacts:
    mentions: list[Mention] = field(default_factory=list)
    subject: EntityRef | None = None
    signals: list[Signal] = field(default_factory=list)


# The facts of a claim that says nothing (most claims), shared by all of them (Extractor.extract_note): never
# change it.
NOTHING = ClaimFacts()
