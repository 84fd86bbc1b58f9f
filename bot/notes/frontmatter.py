"""The YAML front matter between leading `---` lines, read leniently.

Unquoted titles with colons ("title: AI: the next decade") are invalid YAML, and YAML turns some
values into numbers or dates (`videoId: 12345678901`), so every key is also read as a raw line and
the YAML reading only wins when it produced a string.

The title is shown in every answer that cites the note, so it is read as text (bot.notes.markdown
`plain_title`): entities decoded, links reduced to their labels, invisible characters dropped.
"""

from __future__ import annotations

import re

import yaml

from bot.notes.markdown import plain_title

_BLOCK = re.compile(r"\A[ \t\n]*---[ \t]*\n(?P<yaml>(?:.*\n)*?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_RAW_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_QUOTED = re.compile(r"^(['\"])(.*)\1$")


def split_front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """(front matter fields as strings, body) or None when the text has no front matter block."""
    match = _BLOCK.match(text)
    if match is None:
        return None
    block = match.group("yaml")
    fields = {key: _unquote(value) for key, value in _RAW_LINE.findall(block)}
    if not is_simple(block):
        for key, value in _yaml_mapping(block).items():
            if isinstance(key, str) and isinstance(value, str):
                fields[key] = value
    if "title" in fields:
        fields["title"] = plain_title(fields["title"])
    return fields, text[match.end() :]


# A block of `key: value` lines whose values are plain one-line scalars that YAML reads as written (no
# indicator first, no ": ", " #", tab, double or trailing space) and nothing else: YAML either reads such a
# value as this very string or as a number, date, bool or null, where the raw line stands; so YAML would
# change none of the fields and is skipped (nine notes in ten; it cost a thirtieth of the parse).
_SIMPLE = re.compile(
    r"(?:[A-Za-z_][\w-]*:(?: (?![\s\-?:,\[\]{}#&*!|>'\"%@`])(?:[^\s:#]|:(?=\S)|(?<=\S)#| (?=\S))+)?\n)*"
)


def is_simple(block: str) -> bool:
    """Whether YAML would read `block` as the raw lines do (see _SIMPLE). Unprintable characters (line
    separators and NEL, which YAML takes for line breaks; the BOM; NBSP) send a block to YAML."""
    return _SIMPLE.fullmatch(block) is not None and block.replace("\n", "").isprintable()


# The C loader is ~10x faster; PyYAML built without libyaml only has the Python one.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_mapping(block: str) -> dict[object, object]:
    try:
        loaded = yaml.load(block, Loader=_LOADER)  # CSafeLoader/SafeLoader: still safe_load
    except Exception:  # any YAML failure: the raw line reading stands alone
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _unquote(value: str) -> str:
    quoted = _QUOTED.match(value)
    return quoted.group(2) if quoted else value
