"""Free text as typed in the console or Slack → (command path, raw string args), or an error Reply.

`/lab meta`, `lab meta`, `/notes add path.md replace:true`, `/digest` (the group's default subcommand).
`key:value` fills a named parameter; a parameter with `rest=True` takes the rest of the line verbatim,
so `/search channel:bankless "open (source"` reaches /search intact (its filters live in its text).
Values stay strings here; the engine converts and validates them against the spec.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from bot.commands.registry import Command, Registry
from bot.commands.spec import ParamType
from bot.reply import Reply, code, slash, strip_marks

_QUOTES = {'"': '"', "'": "'", "“": "”"}
_KEY = re.compile(r"^([A-Za-z_][\w-]*):(.*)$", re.S)


@dataclass(frozen=True, slots=True)
class Token:
    raw: str  # as typed, quotes included
    value: str  # quotes removed
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Whitespace-separated words; quotes group words and are removed; an unclosed quote runs to the end."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        value: list[str] = []
        while i < n and not text[i].isspace():
            closing = _QUOTES.get(text[i])
            if closing is None:
                value.append(text[i])
                i += 1
                continue
            end = text.find(closing, i + 1)
            end = n if end == -1 else end
            value.append(text[i + 1 : end])
            i = min(end + 1, n)
        tokens.append(Token(text[start:i], "".join(value), start, i))
    return tokens


def suggest_commands(word: str, registry: Registry) -> list[str]:
    """Up to three commands close to `word`, as command spans; an alias is suggested as its command,
    since the platforms with their own command lists (Discord, Slack) know no aliases."""
    names = registry.names()
    word = word.lower()
    close = [n for n in names if n.startswith(word)] if word else []
    close += difflib.get_close_matches(word, names, n=3, cutoff=0.5)
    paths = [found.spec.path if (found := registry.find(n)) else n for n in close]
    return [slash(path) for path in dict.fromkeys(paths)][:3]


def parse_line(line: str, registry: Registry) -> tuple[str, dict[str, Any]] | Reply:
    text = strip_marks(line).strip()  # what is typed is text: the bot's marks in it would read as markup
    if text.startswith("/"):
        text = text[1:].lstrip()
    if not text:
        return Reply.error("Empty command", f"Type {slash('help')} to see what I can answer.")
    tokens = tokenize(text)
    head = tokens[0].value.lower()

    found = _find_command(head, tokens, registry)
    if isinstance(found, Reply):
        return found
    cmd, consumed = found
    args = _parse_args(cmd, text, tokens[consumed:])
    if isinstance(args, Reply):
        return args
    return cmd.spec.path, args


def _find_command(head: str, tokens: list[Token], registry: Registry) -> tuple[Command, int] | Reply:
    if registry.is_group(head):
        members = registry.group_members(head)
        if len(tokens) > 1:
            sub = registry.find(f"{head} {tokens[1].value}")
            if sub is not None:
                return sub, 2
        default = next((m for m in members if m.spec.default_in_group), None)
        # The default subcommand takes what follows only if it has parameters; otherwise an extra word
        # is a mistyped subcommand and deserves suggestions, not "unexpected argument".
        if default is not None and (len(tokens) == 1 or default.spec.params):
            return default, 1
        subs = [m.spec.name for m in members]
        typed = tokens[1].value if len(tokens) > 1 else ""
        close = difflib.get_close_matches(typed.lower(), subs, n=3, cutoff=0.5)
        return Reply.not_found(
            f"Unknown subcommand {slash(head)} {typed}".rstrip(),
            f"{slash(head)} takes one of: {', '.join(subs)}.",
            suggestions=[slash(f"{head} {s}") for s in close or subs],
        )
    cmd = registry.find(head)
    if cmd is None:
        return Reply.not_found(
            f"Unknown command /{head}",  # as typed: not one of ours, so not a command span
            f"Type {slash('help')} for the list of commands.",
            suggestions=suggest_commands(head, registry),
        )
    return cmd, 1


def _parse_args(cmd: Command, text: str, tokens: list[Token]) -> dict[str, Any] | Reply:
    spec = cmd.spec
    by_name = {p.name.lower(): p for p in spec.params}
    positional = [p for p in spec.params if p.type != ParamType.BOOLEAN]
    args: dict[str, Any] = {}
    for index, token in enumerate(tokens):
        match = _KEY.match(token.raw) if not token.raw.startswith(tuple(_QUOTES)) else None
        param = by_name.get(match.group(1).lower()) if match else None
        if param is not None:
            if param.rest:
                args[param.name] = (token.raw.partition(":")[2] + text[token.end :]).strip()
                break
            args[param.name] = token.value.partition(":")[2]
            continue
        slot = next((p for p in positional if p.name not in args), None)
        if slot is None:
            extra = " ".join(t.raw for t in tokens[index:])
            usage = f" — usage: {slash(spec.path)} {spec.usage}".rstrip() if spec.usage else ""
            return Reply.error(
                f"Unexpected argument for {slash(spec.path)}",
                f"I don't know what to do with {code(extra)}{usage}.",
            )
        if slot.rest:
            args[slot.name] = text[token.start :].strip()
            break
        args[slot.name] = token.value
    return args
