"""Walking a note body line by line: headings, paragraphs, bullets, quotes/callouts, tables, code fences.

Each paragraph, bullet or table row becomes one block handed to the ClaimMaker together with its
heading path and its bullet subject. Tables and fences only count when they hold timestamps: a padded
table without them (one real note is 1 MB of it) is skipped after one regex search per row. Headings
and table header rows are not claims (a heading's anchors still count among the note's times).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.notes.claims import ANCHOR, ClaimMaker, split_lead
from bot.notes.markdown import plain_text
from bot.notes.model import WikiLink

_FENCE = re.compile(r"[ \t]{0,3}(?:```|~~~)")
_MARKDOWN_INFO = frozenset({"markdown", "md"})
# The text after the hashes, trailing blanks and all (the caller strips them): a lazy `(.*?)[ \t]*$` would
# try its end at every character.
_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+(.*)|[ \t]*$)")
_BULLET = re.compile(r"([ \t]*)(?:[*+-]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)")
_RULE = re.compile(r"[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_RULE_CHARS = " \t-*_\n"  # all a _RULE match holds ($ allows a final "\n")
_QUOTE = re.compile(r"(?:[ \t]{0,3}>[ \t]?)+")
_CALLOUT = re.compile(r"[ \t]*\[![^\]\n]*\][+-]?[ \t]*")
_TABLE_SEPARATOR = re.compile(r"[\s|:]*-[\s|:-]*$")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_FROM = re.compile(r"From:[ \t]*\[\[")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")


@dataclass(slots=True)
class _Bullet:
    indent: int
    subject: str | None


@dataclass(slots=True)
class BodyReader:
    maker: ClaimMaker = field(default_factory=ClaimMaker)
    _headings: list[tuple[int, str]] = field(default_factory=list)
    _path: tuple[str, ...] = ()
    _bullets: list[_Bullet] = field(default_factory=list)
    _lines: list[str] = field(default_factory=list)  # the block being gathered
    _subject: str | None = None
    _lead_links: tuple[WikiLink, ...] = ()
    _quoted: bool = False
    _seen_from: bool = False
    _in_table: bool = False
    _head: str | None = None  # a table's first row, until the row under it shows whether it is a header

    def read(self, body: str) -> None:
        lines = body.split("\n")
        # A one-character search is a memchr, several times faster than a three-character one over a whole
        # body: most notes hold no backtick or tilde at all.
        if ("`" in body and "```" in body) or ("~" in body and "~~~" in body):
            self._read_lines_with_fences(lines)
        else:  # no fence can open (_FENCE): 99 notes in 100 skip the fence checks
            read_line = self._line
            for line in lines:
                # An empty line outside a quote or table only ends the block (`_line`'s own steps for it):
                # a third of all lines.
                if line or self._quoted or self._in_table:
                    read_line(line)
                elif self._lines:
                    self._flush()
        self._end_table()
        self._flush()

    def _read_lines_with_fences(self, lines: list[str]) -> None:
        fence: list[str] | None = None  # lines of an open code fence
        markdown_fence = False
        for line in lines:
            # A fence opens within the first six characters: most lines need no regex call.
            opening = _FENCE.match(line) if "``" in line[:6] or "~~" in line[:6] else None
            if opening:
                self._end_table()
                self._flush()
                if fence is None:
                    fence = []
                    markdown_fence = line[opening.end() :].strip().lower() in _MARKDOWN_INFO
                else:
                    self._read_fence(fence, markdown_fence)
                    fence = None
            elif fence is not None:
                fence.append(line)
            else:
                self._line(line)
        if fence is not None:
            self._read_fence(fence, markdown_fence)

    def _read_fence(self, lines: list[str], markdown: bool) -> None:
        """A fence counts when it holds timestamps or is Markdown (some notes wrap their body in ```markdown)."""
        if markdown or any(ANCHOR.search(line) for line in lines):
            for line in lines:
                self._line(line)
            self._flush()

    def _line(self, line: str) -> None:
        # A quote marker sits within the first four characters: most lines need no regex call.
        quote = _QUOTE.match(line) if ">" in line[:4] else None
        if quote:
            line = line[quote.end() :]
        if bool(quote) != self._quoted:
            self._flush()
            self._quoted = bool(quote)
        stripped = line.strip()
        if self._in_table and not stripped.startswith("|"):
            self._end_table()
        if not stripped:
            self._flush()
            return
        first = stripped[0]
        if first == "#" and self._heading(line):
            return
        if first == "|":
            self._table_row(stripped)
            return
        if first == "[" and stripped.startswith("[!"):
            callout = _CALLOUT.match(line)
            if callout:
                self._flush()
                self._start(line[callout.end() :], None)
                self._flush()  # a callout's title line is a block of its own, not the start of its body
                return
        if first in "*-+_0123456789" and self._bullet_or_rule(line):
            return
        if not self._seen_from and first == "F" and _FROM.match(stripped):
            self._seen_from = True
            self._flush()
            return
        if self._lines:
            self._lines.append(line)
        elif line[:1] in " \t" and self._bullets:
            self._start(line, self._bullets[-1].subject, inherit=True)  # a later paragraph of a bullet
        else:
            self._bullets.clear()
            self._start(line, None)

    def _heading(self, line: str) -> bool:
        match = _HEADING.match(line)
        if match is None:
            return False
        self._flush()
        text = (match.group(2) or "").rstrip(" \t")
        if "<" in line or "[" in line:
            self.maker.add_heading(text)
        level = len(match.group(1))
        if "<" in text or "[" in text or "(" in text:  # every anchor form starts with one of these
            text = ANCHOR.sub("", text)
        if "#" in text:
            text = _CLOSING_HASHES.sub("", text)
        text, _ = plain_text(text)
        while self._headings and self._headings[-1][0] >= level:
            self._headings.pop()
        if text:
            self._headings.append((level, text))
        self._path = tuple([heading for _, heading in self._headings])  # a list beats a generator here
        self._bullets.clear()
        return True

    def _bullet_or_rule(self, line: str) -> bool:
        if not line.strip(_RULE_CHARS) and _RULE.match(line):  # a rule holds nothing else: most lines skip it
            self._flush()
            self._bullets.clear()
            return True
        match = _BULLET.match(line)
        if match is None:
            return False
        self._flush()
        indent = len(match.group(1).expandtabs(4))
        while self._bullets and self._bullets[-1].indent >= indent:
            self._bullets.pop()
        parent = self._bullets[-1].subject if self._bullets else None
        subject = self._start(match.group(2) or "", parent, inherit=True)
        self._bullets.append(_Bullet(indent, subject))
        return True

    def _table_row(self, row: str) -> None:
        """Rows only make claims when they hold timestamps: "label: cell; cell" as one block. The row
        above a table's separator row is its header: it names the columns and is not a claim."""
        self._flush()
        if self._head is None and not self._in_table:
            self._in_table = True
            self._head = row  # held until the next row says whether it is the header
            return
        if self._head is not None:
            head, self._head = self._head, None
            if _TABLE_SEPARATOR.match(row):
                return
            self._table_claim(head)
        self._table_claim(row)

    def _end_table(self) -> None:
        if self._head is not None:
            self._table_claim(self._head)  # a lone row with no separator under it is not a header
        self._head = None
        self._in_table = False

    def _table_claim(self, row: str) -> None:
        if _TABLE_SEPARATOR.match(row) or not ANCHOR.search(row):
            return
        cells = [cell.strip() for cell in _CELL_BORDER.split(row.strip("|"))]
        cells = [cell for cell in cells if cell]
        if not cells:
            return
        text = cells[0] + (": " + "; ".join(cells[1:]) if len(cells) > 1 else "")
        self.maker.add_block(text, self._path)

    def _start(self, text: str, inherited: str | None, inherit: bool = False) -> str | None:
        """Open a block; its subject is its own bold lead, else (bullets only) the parent bullet's."""
        lead, rest = split_lead(text)
        if lead is not None:
            self._subject, self._lead_links = lead.subject, lead.links
        else:
            self._subject, self._lead_links = (inherited if inherit else None), ()
        self._lines = [rest]
        return self._subject

    def _flush(self) -> None:
        if not self._lines:
            return
        raw = " ".join(self._lines)
        self._lines = []
        self.maker.add_block(raw, self._path, self._subject, self._lead_links)
