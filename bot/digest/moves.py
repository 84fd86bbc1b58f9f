"""Verdict changes as the digest tells them: a lab with the models that changed along with it, and the
period's claims that moved them.

A claim moved a verdict when it is new in the period and carries a signal on the lab (or one of its
models; on the model itself for a model) on the side the verdict went: open or planned when it became
more open, closed when less, any when it went from or to unknown in the middle.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.digest.subscriptions import Focus
from bot.digest.verdicts import Change
from bot.store.arrivals import Signal
from bot.store.fold import fold, same_moment
from bot.store.queries import ClaimRow

_SIDES = {
    "open": {"open", "planned"},
    "closed": {"closed"},
    "either": {"open", "closed", "partial", "planned"},
}


@dataclass(frozen=True, slots=True)
class Move:
    change: Change  # a lab's, or a model's whose lab kept its verdict
    models: tuple[Change, ...]  # the lab's models whose verdict changed too
    claims: tuple[ClaimRow, ...]  # what moved them, each statement once


def _about(change: Change, signal: Signal, model_labs: dict[str, str]) -> bool:
    if change.type == "model":
        return signal.entity_type == "model" and signal.entity_id == change.id
    if signal.entity_type == "lab":
        return signal.entity_id == change.id
    return model_labs.get(signal.entity_id) == change.id


def _moving(change: Change, signals: list[Signal], model_labs: dict[str, str]) -> list[ClaimRow]:
    side = _SIDES[change.towards]
    rows = {s.claim.id: s.claim for s in signals if s.kind in side and _about(change, s, model_labs)}
    return fold(list(rows.values()))


def apart(claims: list[ClaimRow], limit: int) -> list[ClaimRow]:
    """Up to `limit` claims, each from another moment than those before it (another video, or more
    than the fold window away): two notes on one moment usually say one thing in two ways."""
    out: list[ClaimRow] = []
    for claim in claims:
        if len(out) == limit:
            break
        if not any(same_moment(c, claim) for c in out):
            out.append(claim)
    return out


def moves(
    changes: list[Change], signals: list[Signal], model_labs: dict[str, str], focus: Focus
) -> list[Move]:
    """The changes as the digest lists them, most evidence first, only those in `focus`: a lab in the
    focus (a model through its lab), moved by a claim from a focused channel when channels are."""
    labs = {c.id for c in changes if c.type == "lab"}
    out = []
    for change in changes:
        lab = change.id if change.type == "lab" else model_labs.get(change.id)
        if change.type == "model" and lab in labs:
            continue  # told on its lab's line
        if focus.labs and lab not in focus.labs:
            continue
        models = tuple(
            c for c in changes if c.type == "model" and change.type == "lab" and model_labs.get(c.id) == lab
        )
        moving = {c.id: c for c in _moving(change, signals, model_labs)}
        for model in models:
            for c in _moving(model, signals, model_labs):
                moving.setdefault(c.id, c)
        claims = fold(list(moving.values()))
        wanted = {c.lower() for c in focus.channels}
        if wanted and not any((c.channel or "").lower() in wanted for c in claims):
            continue
        out.append(Move(change, models, tuple(claims)))
    return out
