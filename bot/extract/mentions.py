"""Find catalog names in text: whole words, longest name first, case-aware where a name is a word.

All names are compiled once into a single regex shaped like a trie (`Gr(?:ok(?:[\\s-]?3|…)|…)`), so
scanning a claim costs one pass whatever the size of the catalog; ingest runs this on every claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.catalog import Catalog, name_key
from bot.extract.model import EntityRef, Mention

_SEP = "\0"  # atom for a space or hyphen inside a name: matches either, or nothing
_SEP_PATTERN = r"[\s\-]?"
# After a name: not inside a longer word, not "GPT-4" in "GPT-4.5".
_END = r"(?!\w|\.\d)"
# After a name that is also an English word: not "Meta-learning", "Apple-like".
_WORD_END = r"(?!\w|\.\d|-[a-z])"


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    end: str | None = None  # the end guard when a name ends here

    def depth(self) -> int:
        return 1 + max((child.depth() for child in self.children.values()), default=0)


def _atoms(name: str, case_sensitive: bool) -> list[str]:
    atoms: list[str] = []
    for char in name:
        if char.isspace() or char == "-":
            if not atoms or atoms[-1] != _SEP:
                atoms.append(_SEP)
        elif case_sensitive or char.lower() == char.upper():
            atoms.append(re.escape(char))
        else:
            atoms.append(f"[{re.escape(char.lower())}{re.escape(char.upper())}]")
    return atoms


def _pattern(node: _Node) -> str:
    # Deeper branches first so that, at one position, the longest name wins ("Grok 3" before "Grok").
    branches = [
        (_SEP_PATTERN if atom == _SEP else atom) + _pattern(child)
        for atom, child in sorted(node.children.items(), key=lambda item: -item[1].depth())
    ]
    if node.end is not None:
        branches.append(node.end)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


class MentionFinder:
    """Every catalog name in a text, as non-overlapping `Mention`s in order."""

    def __init__(self, catalog: Catalog) -> None:
        root = _Node()
        self._by_key: dict[str, EntityRef | None] = {}
        exact = [name for entity in catalog.entities() for name in entity.case_sensitive]
        for entity in catalog.entities():
            word_like = bool(entity.case_sensitive)
            for name in entity.names:
                sensitive = name in entity.case_sensitive
                self._add(root, name, sensitive, word_like)
                self._by_key[name_key(name)] = entity.ref
                if not sensitive:
                    self._add_after_exact_prefix(root, name, exact, word_like)
            for phrase in entity.exclude:
                # Matched like a name so that it wins over the shorter name inside it, then dropped.
                self._add(root, phrase, True, word_like)
                self._by_key.setdefault(name_key(phrase), None)
        self._regex = re.compile(r"(?<!\w)" + _pattern(root)) if root.children else None

    @staticmethod
    def _add(root: _Node, name: str, case_sensitive: bool, word_like: bool) -> None:
        MentionFinder._add_atoms(root, _atoms(name, case_sensitive), word_like)

    @staticmethod
    def _add_atoms(root: _Node, atoms: list[str], word_like: bool) -> None:
        node = root
        for atom in atoms:
            node = node.children.setdefault(atom, _Node())
        if node.end is None or word_like:
            node.end = _WORD_END if word_like else _END

    @staticmethod
    def _add_after_exact_prefix(root: _Node, name: str, exact: list[str], word_like: bool) -> None:
        """ "Mistral Large" again under the exact "Mistral" branch: a case-sensitive name and a longer
        case-insensitive one sit in different branches, and the first branch that matches wins."""
        for prefix in exact:
            rest = name[len(prefix) :]
            if len(rest) > 1 and name.lower().startswith(prefix.lower()) and rest[0] in " -":
                MentionFinder._add_atoms(root, _atoms(prefix, True) + _atoms(rest, False), word_like)

    def find(self, text: str) -> list[Mention]:
        if self._regex is None:
            return []
        mentions = []
        for match in self._regex.finditer(text):
            ref = self._by_key.get(name_key(match.group()))
            if ref is not None:
                mentions.append(Mention(ref, match.start(), match.end()))
        return mentions
