"""What extraction finds in one claim."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.contracts import EntityRef

SignalKind = Literal["open", "closed", "partial", "planned"]


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


@dataclass(slots=True)
class ClaimFacts:
    mentions: list[Mention] = field(default_factory=list)
    subject: EntityRef | None = None
    signals: list[Signal] = field(default_factory=list)
