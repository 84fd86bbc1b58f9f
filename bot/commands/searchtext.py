"""What a user types into /search → filters and an FTS5 MATCH expression that is always valid.

Every term is emitted as a quoted FTS5 string, so quotes, parentheses, `*`, `-`, `:` and FTS keywords
in user text can never reach the FTS5 parser as syntax. Still understood: "quoted phrases", OR between
terms, a leading `-` or NOT to exclude a term, a trailing `*` for a prefix, and the filters
`channel:NAME` and `lab:NAME`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FILTER = re.compile(r'(?i)\b(channel|lab):(?:"([^"]*)"?|(\S+))')
_TOKEN = re.compile(r'"[^"]*"?|\S+')
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class SearchText:
    match: str | None  # the FTS5 expression; None when the text holds no searchable word
    channel: str | None = None
    lab: str | None = None
    terms: list[str] = field(default_factory=list)  # the positive terms, for messages


def _fts_string(words: list[str], prefix: bool) -> str:
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def parse_search(text: str) -> SearchText:
    channel = lab = None
    for m in _FILTER.finditer(text):
        value = (m.group(2) if m.group(2) is not None else m.group(3)).strip()
        if m.group(1).lower() == "channel":
            channel = value or channel
        else:
            lab = value or lab
    rest = _FILTER.sub(" ", text)

    groups: list[list[str]] = []  # OR-groups, ANDed together
    negatives: list[str] = []
    join_or = negate = False
    for raw in _TOKEN.findall(rest):
        upper = raw.upper()
        if upper == "AND":
            continue
        if upper == "OR":
            join_or = bool(groups)
            continue
        if upper == "NOT":
            negate = True
            continue
        exclude = negate or (raw.startswith("-") and len(raw) > 1)
        words = _WORD.findall(raw)
        if not words:
            continue
        prefix = raw.rstrip('"').endswith("*") and not raw.startswith('"')
        term = _fts_string(words, prefix)
        if exclude:
            negatives.append(term)
        elif join_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_or = negate = False

    if not groups:
        return SearchText(None, channel, lab)
    positives = [g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups]
    expression = " AND ".join(positives) + "".join(f" NOT {n}" for n in negatives)
    terms = [t.strip('"*') for g in groups for t in g]
    return SearchText(expression, channel, lab, terms)
