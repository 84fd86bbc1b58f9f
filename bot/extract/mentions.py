"""Find catalog names in text: whole words, longest name first, case-aware where a name is a word.

All names are compiled once into a single regex shaped like a trie (`Gr(?:ok(?:[\\s-]?3|…)|…)`), so
scanning a claim costs one pass whatever the size of the catalog; ingest runs this on every claim.
Most claims name nobody, so a cheaper pass comes first (`_Prefilter`): only a text that has a word some
name starts with, and every word of that name, goes through the regex. Ingest runs that pass once over a
note's claims joined (`find_named`): one regex for those words instead of a split of every claim.

A name the catalog marks `needs_context` ("Gemini", "Orca", "Hermes") counts only in a claim about AI:
one with an AI word in it, or naming another entity whose name needs no context.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from bot.catalog import Catalog, name_key
from bot.contracts import EntityRef
from bot.extract.model import Mention

_SEP = "\0"  # atom for a space or hyphen inside a name: matches either, or nothing
_SEP_PATTERN = r"[\s\-]?"
_WORDS = re.compile(r"[\s\-]+")
# After a name: not inside a longer word, not "GPT-4" in "GPT-4.5".
_END = r"(?!\w|\.\d)"
# After a name that is also an English word: not "Meta-learning", "Meta-Occam", "Apple-like".
_WORD_END = r"(?!\w|\.\d|-[A-Za-z])"

# Words that make a claim about AI. "Open-sourced" and "closed-source" count ("Gemini has never been
# open-sourced"), though crypto has them too ("SAM, an open-source robotics control protocol"); "API"
# and "released" don't: the Gemini exchange has an API, and everything is released.
_MODEL = (
    r"(?<!business )(?<!role )(?<!revenue )(?<!pricing )(?<!operating )(?<!financial )(?<!mental )models?"
)
AI_CONTEXT = re.compile(
    r"\b(?:AI|A\.I\.|AGI|LLMs?|GPT|GPUs?|ML|RLHF|RAG|NLP)\b|(?<![\w-])(?i:"
    r"artificial intelligence|machine learning|deep learning|neural|chat\s?bots?|" + _MODEL + r"|"
    r"weights|fine-?tun\w*|pre-?train\w*|trained|training data|inference|prompt\w*|benchmarks?|"
    r"parameters|multimodal|generative|gen\s?AI|text-to-\w+|(?:image|video|text|code) generat\w*|"
    r"transformers?|diffusion|embeddings?|hallucinat\w*|agentic|coding (?:agent|assistant|tool)s?|"
    r"context (?:window|length)s?|open[\s-]?sourc\w*|open[\s-]?weights?|closed[\s-]?sourc\w*"
    r")(?!\w)"
)


# A name that is a person's ("Claude, the restaurant's head chef", "the guest's uncle Claude", "Chef Claude") or
# another thing's ("Gemini, the crypto exchange"): an apposition or a title no lab or model takes.
_KIN = (
    r"uncle|aunt|brother|sister|father|mother|dad|mom|mum|son|daughter|wife|husband|friend|cousin|"
    r"grandfather|grandmother|grandpa|grandma|nephew|niece|boyfriend|girlfriend|fianc[ée]e?|roommate|"
    r"neighbou?r|colleague|co-?worker|landlord"
)
_TRADE = (
    r"chef|cook|waiter|waitress|bartender|teacher|professor|doctor|nurse|lawyer|farmer|singer|actor|actress|"
    r"painter|composer|carpenter|mechanic|plumber|barber|winemaker|butcher|baker|gardener|priest|co-?founder|"
    r"founder|business\s+partner|"
    # … or a thing no lab or model is
    r"exchange|bank|restaurant|airline|retailer|hotel|bakery|brewery|winery|vineyard|caf[eé]|"
    r"river|mountain|wind|constellation|swap|dex|token|coin|wallet|blockchain"
)
_PERSON_AFTER = re.compile(
    r",\s+(?:(?:his|her|their|my|our|(?:the\s+)?[\w-]+['’]s)\s+(?:[\w-]+\s+)?(?:" + _KIN + "|" + _TRADE + r")"
    r"|(?:the|an?)\s+(?:[\w-]+\s+)?(?:" + _TRADE + r"))(?![\w'’])",
    re.IGNORECASE,
)
_PERSON_BEFORE = re.compile(
    r"(?:\b(?i:his|her|their|my|our|[\w-]+['’]s)\s+(?:[\w-]+\s+)?(?i:" + _KIN + "|" + _TRADE + r")"
    r"|\b(?:Uncle|Aunt|Chef|Dr\.|Mr\.|Mrs\.|Ms\.|Professor|Father|Brother|Sister))\s+$"
)


def _someone_elses(text: str, mention: Mention) -> bool:
    """Whether the name at `mention` is a person's or another thing's, by an apposition or a title no lab or
    model takes."""
    return (
        text.startswith(",", mention.end) and _PERSON_AFTER.match(text, mention.end) is not None
    ) or _PERSON_BEFORE.search(text, max(0, mention.start - 40), mention.start) is not None


# The `\w` runs of a text: every match of a name starts one (the regex wants no word character before it).
_TOKEN = re.compile(r"\w+")
# For ASCII text, lowering and splitting into `\w` runs in one bytes.translate: several times faster.
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or c == 95 else 32 for c in range(256)
)


def _words_of(name: str) -> tuple[set[str], tuple[str, ...]] | None:
    """What a text that matches `name` holds, lowered: one of the `\\w` runs it starts with (its first
    word, or its first words run together where the text leaves out a space or hyphen: "Grok3"), and
    every `\\w` run of the name. None when that cannot be told: a name that starts with punctuation, or a
    letter whose case does not fold one to one."""
    if _TOKEN.match(name) is None:
        return None
    for char in name:
        if _TOKEN.fullmatch(char) and (len(char.lower()) != 1 or char.upper().lower() != char.lower()):
            return None
    lowered = name.lower()
    starts: set[str] = set()
    run = ""
    for char in lowered:
        if char.isspace() or char == "-":
            starts.add(run)  # the text writes the separator, so its run ends here; or leaves it out
            continue
        if _TOKEN.fullmatch(char) is None:
            break  # punctuation ends the run ("GPT-3.5", "01.AI")
        run += char
    starts.add(run)
    return starts, tuple(_TOKEN.findall(lowered))


class _Prefilter:
    """Whether any name can match in a text, in a few set look-ups and substring tests: a claim that
    names nobody (most of them) never reaches the regex."""

    def __init__(self) -> None:
        # a run a name starts with → the runs of each such name; and the same for ASCII names, in bytes
        self._names: dict[str, list[tuple[str, ...]]] = {}
        self._ascii: dict[bytes, list[tuple[bytes, ...]]] = {}
        # the ASCII words a name starts with that hold each of its words ("google", "gpt4"): the word alone
        # says the name may be there
        self._whole: set[bytes] = set()
        self._starts = re.compile(b"(?!)")  # `seal` makes it, once every name is added

    def add(self, starts: set[str], runs: tuple[str, ...]) -> None:
        for start in starts:
            self._names.setdefault(start, []).append(runs)
            if start.isascii() and all(run.isascii() for run in runs):
                self._ascii.setdefault(start.encode(), []).append(tuple(run.encode() for run in runs))
                if all(run in start for run in runs):
                    self._whole.add(start.encode())

    def may_name(self, text: str) -> bool:
        if text.isascii():
            words = text.encode().translate(_ASCII_WORDS)  # lowered, every other character a space
            found = self._ascii.keys() & words.split()
            return any(self._ascii_names_in(words, start) for start in found)
        # Lowering never makes a word character of another character, so a name's runs survive it.
        lowered = text.lower()
        hits = self._names.keys() & _TOKEN.findall(lowered)
        return any(all(run in lowered for run in runs) for start in hits for runs in self._names[start])

    def _ascii_names_in(self, words: bytes, start: bytes) -> bool:
        """Whether every run of some name starting with `start` is in `words` (a text as `may_name` lowers
        and splits it)."""
        # Plain loops, not any()/all() over generators: called for every common word a name starts with
        # ("ai", "significant"), where two generators cost more than the look-ups.
        for runs in self._ascii[start]:
            for run in runs:
                if run not in words:
                    break
            else:
                return True
        return False

    def seal(self) -> _Prefilter:
        """Itself, with `_starts` made: any ASCII word a name starts with, standing alone in translated text
        (" gpt4 "), as one regex shaped like a trie. Called once every name is added (a plain attribute, not
        a cached property: compiled, bot.compiled, those are not cached)."""
        if self._ascii:  # else nothing for it to find
            root = _Node()
            for start in self._ascii:
                # the space after the word is left for the next word's match
                _branch(root, [re.escape(char) for char in start.decode()]).end = "(?= )"
            self._starts = re.compile((" " + _pattern(root)).encode())
        return self

    def may_name_each(self, texts: Sequence[str]) -> set[int]:
        """The indices of `texts` (a note's claims) for which `may_name` holds, found in one pass over them
        all, which makes no object per word as `may_name`'s split does: only a word some name starts with
        is looked at, in its own text."""
        # one separator between texts, which the translation makes a space: no word spans two of them
        joined = "\n".join(texts)
        plain = texts
        if not joined.isascii():  # the others are looked at one by one below
            plain = [text if text.isascii() else "" for text in texts]
            joined = "\n".join(plain)
        padded = b" " + joined.encode().translate(_ASCII_WORDS) + b" "
        hits: set[int] = set()
        offsets: list[int] = []
        whole = self._whole
        for found in self._starts.finditer(padded):
            if not offsets:  # where each text starts: its length and a separator after each one before it
                offsets = list(accumulate(map((1).__add__, map(len, plain)), initial=1))
            index = bisect_right(offsets, found.start() + 1) - 1  # the text the word (after a space) is in
            if index in hits:
                continue
            start = found.group()[1:]
            if start in whole or self._ascii_names_in(padded[offsets[index] : offsets[index + 1] - 1], start):
                hits.add(index)
        if plain is not texts:
            hits.update(i for i, text in enumerate(texts) if not text.isascii() and self.may_name(text))
        return hits


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


def _phrase_atoms(phrase: str, exact_words: set[str]) -> list[str]:
    """An excluded phrase in any case ("Apple juice", "Apple Juice"), except the words of a case-sensitive
    name, which keep the name's atoms so that the phrase shares its branch of the trie and wins there."""
    atoms: list[str] = []
    for part in _WORDS.split(phrase):
        if part:
            atoms.extend(_atoms(part, part in exact_words))
            atoms.append(_SEP)
    return atoms[:-1]


def _branch(root: _Node, atoms: list[str]) -> _Node:
    """The node `atoms` lead to from `root`, made as needed: where a name's end goes."""
    node = root
    for atom in atoms:
        node = node.children.setdefault(atom, _Node())
    return node


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


_NAME_BREAK = re.compile(r"[\s-]")


def _first_word(name: str) -> str:
    """A name's first word, lowered: a shorter name a longer one starts with shares it ("Mistral Large")."""
    return _NAME_BREAK.split(name.lower(), 1)[0]


class MentionFinder:
    """Every catalog name in a text, as non-overlapping `Mention`s in order."""

    def __init__(self, catalog: Catalog, *, prefilter: bool = True) -> None:
        """`prefilter=False` sends every text through the regex (to check that the prefilter drops nothing)."""
        root = _Node()
        self._by_key: dict[str, EntityRef | None] = {}
        self._contextual: set[str] = set()  # keys of the names that count only in a claim about AI
        # the names a longer one may start with, by their first word lowered, written as is and in any case
        exact: dict[str, list[str]] = {}
        loose: dict[str, list[str]] = {}
        for entity in catalog.entities():
            for name in entity.names:
                by_word = exact if name in entity.case_sensitive else loose
                by_word.setdefault(_first_word(name), []).append(name)
        prefiltered: _Prefilter | None = _Prefilter() if prefilter else None
        for entity in catalog.entities():
            word_like = bool(entity.case_sensitive)
            for name in entity.names:
                if prefiltered is not None:
                    words = _words_of(name)
                    if words is None:
                        prefiltered = None  # a name it cannot tell about: every text goes to the regex
                    else:
                        prefiltered.add(*words)
                sensitive = name in entity.case_sensitive
                self._add(root, name, sensitive, word_like)
                self._by_key[name_key(name)] = entity.ref
                if name in entity.needs_context:
                    self._contextual.add(name_key(name))
                # the longer name again under the branch of a shorter one written the other way
                prefixes = (loose if sensitive else exact).get(_first_word(name), [])
                self._add_after_prefix(root, name, prefixes, not sensitive, word_like)
            exact_words = {word for name in entity.case_sensitive for word in _WORDS.split(name)}
            for phrase in entity.exclude:
                # Matched like a name so that it wins over the shorter name inside it, then dropped.
                self._add_atoms(root, _phrase_atoms(phrase, exact_words), word_like)
                self._by_key.setdefault(name_key(phrase), None)
        self._regex = re.compile(r"(?<!\w)" + _pattern(root)) if root.children else None
        self._prefilter = None if prefiltered is None else prefiltered.seal()

    @staticmethod
    def _add(root: _Node, name: str, case_sensitive: bool, word_like: bool) -> None:
        MentionFinder._add_atoms(root, _atoms(name, case_sensitive), word_like)

    @staticmethod
    def _add_atoms(root: _Node, atoms: list[str], word_like: bool) -> None:
        node = _branch(root, atoms)
        if node.end is None or word_like:
            node.end = _WORD_END if word_like else _END

    @staticmethod
    def _add_after_prefix(
        root: _Node, name: str, prefixes: list[str], prefix_sensitive: bool, word_like: bool
    ) -> None:
        """ "Mistral Large" again under the exact "Mistral" branch, "Salesforce Einstein" (written as is)
        again under the any-case "Salesforce" branch: a name and a longer one written the other way sit in
        different branches, and the first branch that matches wins."""
        for prefix in prefixes:
            rest = name[len(prefix) :]
            if len(rest) > 1 and name.lower().startswith(prefix.lower()) and rest[0] in " -":
                atoms = _atoms(prefix, prefix_sensitive) + _atoms(rest, not prefix_sensitive)
                MentionFinder._add_atoms(root, atoms, word_like)

    def find(self, text: str) -> list[Mention]:
        if self._regex is None or (self._prefilter is not None and not self._prefilter.may_name(text)):
            return []
        return self._matched(text)

    def find_named(self, texts: Sequence[str]) -> dict[int, list[Mention]]:
        """`find` of each of `texts` (a note's claims) that names someone, by index; the names prefiltered
        in all the texts at once (`_Prefilter.may_name_each`)."""
        if self._regex is None:
            return {}
        maybe = range(len(texts)) if self._prefilter is None else self._prefilter.may_name_each(texts)
        found = {index: self._matched(texts[index]) for index in maybe}
        return {index: mentions for index, mentions in found.items() if mentions}

    def _matched(self, text: str) -> list[Mention]:
        """The names the regex finds in `text`, with those that need context and get none dropped."""
        assert self._regex is not None
        mentions: list[Mention] = []
        contextual: list[bool] = []
        for match in self._regex.finditer(text):
            key = name_key(match.group())
            ref = self._by_key.get(key)
            if ref is not None:
                mention = Mention(ref, match.start(), match.end())
                if _someone_elses(text, mention):
                    continue
                mentions.append(mention)
                contextual.append(key in self._contextual)
        # A name that needs context gets it from an AI word, or from any name in the claim that needs none.
        if mentions and all(contextual) and not AI_CONTEXT.search(text):
            return []
        return mentions
