"""Incremental ingest: notes folder → parse → extract → store, one transaction per batch.

Unchanged files (same content hash) are skipped, changed ones replaced, vanished ones removed. A
failure in one file is recorded with its reason and never stops the run. A kill at any point leaves
the store as it was after the last committed batch; aggregates are marked dirty inside each batch and
recomputed at the end, so an interrupted run is finished by the next one.
"""

from __future__ import annotations

import asyncio
import ctypes
import hashlib
import json
import marshal
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import AsyncGenerator, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import aclosing, contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from itertools import compress, count, islice, repeat
from operator import attrgetter, is_not
from pathlib import Path
from typing import Any

import aiosqlite

from bot.catalog import Catalog
from bot.compiled import reader_code_hash
from bot.extract.extractor import Extractor
from bot.extract.model import NOTHING, ClaimFacts
from bot.notes.model import ChannelIndex, Note, ParseResult, Rejected
from bot.notes.parse import parse_bytes, parse_bytes_each_prior
from bot.notes.timestamps import PRIORS, channel_prior
from bot.store.aggregates import refresh_aggregates
from bot.store.db import Store

# Bump when what is stored changes shape (a new column to fill): every note is then re-extracted once. A
# change of the parser's or extractor's code does the same by itself (reader_code_hash).
INGEST_VERSION = "6"  # 6: signals carry their component and licence
BATCH_SIZE = 500
HEADING_SEPARATOR = " › "


@dataclass(slots=True)
class PreparedNote:
    rel_path: str
    content_hash: str
    size: int
    note: Note
    facts: list[ClaimFacts]


@dataclass(slots=True)
class PreparedIndex:
    rel_path: str
    content_hash: str
    size: int
    index: ChannelIndex


Prepared = PreparedNote | PreparedIndex


@dataclass(slots=True)
class IngestSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    files_seen: int = 0
    unreadable: int = 0  # files the OS would not let us read
    seconds: float = 0.0

    @property
    def read_anything(self) -> bool:
        return self.files_seen > self.unreadable


def cannot_read(exc: OSError) -> str:
    return f"cannot read file: {exc.strerror or exc}"


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def prepare_document(
    rel_path: str, data: bytes, extractor: Extractor, digest: str | None = None, prior: str | None = None
) -> Prepared | Rejected:
    """Parse and extract one file in memory; nothing touches the store. `digest`: its content hash,
    when the caller has it already; `prior`: its channel's timestamp convention (`channel_priors`)."""
    return _prepared(rel_path, data, parse_bytes(data, rel_path, prior), extractor, digest)


def prepare_each_prior(
    rel_path: str, data: bytes, extractor: Extractor, digest: str | None = None
) -> tuple[Prepared | Rejected, dict[str, Prepared | Rejected]]:
    """`prepare_document` with no prior, and with each channel prior where that may give otherwise (a
    note whose own times settle nothing; a failure after the parse began, whatever its cause): ingest
    keeps the one its channel's notes agree on once they are all in, and so parses no note twice."""
    digest = digest or content_hash(data)
    parsed, others = parse_bytes_each_prior(data, rel_path)
    first = _prepared(rel_path, data, parsed, extractor, digest)
    if isinstance(first, PreparedNote):
        return first, {
            prior: _prepared(rel_path, data, other, extractor, digest, _facts_for(first, other))
            for prior, other in others.items()
        }
    if isinstance(first, Rejected) and first.reason.startswith(("parser error", "extraction failed")):
        return first, {prior: prepare_document(rel_path, data, extractor, digest, prior) for prior in PRIORS}
    return first, {}


def _prepared(
    rel_path: str,
    data: bytes,
    parsed: ParseResult,
    extractor: Extractor,
    digest: str | None,
    facts: list[ClaimFacts] | None = None,
) -> Prepared | Rejected:
    if isinstance(parsed, Rejected):
        return parsed
    digest = digest or content_hash(data)
    if isinstance(parsed, ChannelIndex):
        return PreparedIndex(rel_path, digest, len(data), parsed)
    if facts is None:
        try:
            facts = extractor.extract_note(parsed.claims, parsed.title)
        except Exception as exc:  # extraction must never sink a note; report it like a parse failure
            return Rejected(f"extraction failed: {type(exc).__name__}: {exc}")
    return PreparedNote(rel_path, digest, len(data), parsed, facts)


def _facts_for(first: PreparedNote, other: ParseResult) -> list[ClaimFacts] | None:
    """`first`'s facts when `other` is the same note dated under a prior: extraction reads what a claim
    says and where, never its time. None (extract again) should the claims differ otherwise."""
    same = (
        isinstance(other, Note)
        and other.title == first.note.title
        and list(map(_WHAT_AND_WHERE, other.claims)) == list(map(_WHAT_AND_WHERE, first.note.claims))
    )
    return first.facts if same else None


_WHAT_AND_WHERE = attrgetter("ordinal", "text", "heading_path", "subject")


Row = tuple[object, ...]
# (relative path, file, content hash); no hash yet for a file the store has not seen: it is hashed where it
# is parsed, so a first ingest does not read every file twice, once in this process before any parse begins.
Job = tuple[str, Path, str | None]
# Local rows: the first element is an index within the document, shifted to a real id when written.
LocalClaim = tuple[int | None, int, str, int | None, str, str | None, str | None, str | None, int]
LocalMention = tuple[int, str, str, int]
LocalSignal = tuple[int, str, str, str, str, str | None, str | None]


@dataclass(slots=True)
class DocRows:
    """One document as table rows whose ids are local (0-based within the document).

    Built where the document is parsed (a worker process, for big ingests): primitive tuples pickle
    several times faster than Note objects, and the writer only has to shift ids.
    """

    rel_path: str
    content_hash: str
    size: int
    kind: str  # 'note' | 'index'
    note: Row | None = None  # (title, video_id, channel, slug, claim_count, timestamp_count, warnings)
    episodes: list[Row] = field(default_factory=list)  # (video_id, title, channel, note_slugs)
    sections: list[str] = field(default_factory=list)  # heading path per local section id
    # (section, ordinal, text, seconds, timestamps, lead, subject_type, subject_id, inherited)
    claims: list[LocalClaim] = field(default_factory=list)
    mentions: list[LocalMention] = field(default_factory=list)  # (claim, entity_type, entity_id, is_subject)
    # (claim, entity_type, entity_id, kind, cue, component, licence)
    signals: list[LocalSignal] = field(default_factory=list)
    reading: str = ""  # the note's own timestamp reading (NoteTimes.reading), for its channel's prior


_ROW_FIELDS = tuple(f.name for f in fields(DocRows))
# (relative path, content hash, its rows or why not); no hash for a file that could not be read
Outcome = tuple[str, str | None, DocRows | Rejected]
# An outcome as a worker makes it: with its rows under each channel prior that may give otherwise
# (`prepare_each_prior`), of which `_Priors` keeps one.
Parsed = tuple[str, str | None, DocRows | Rejected, dict[str, DocRows | Rejected]]


def doc_rows(doc: Prepared) -> DocRows:
    if isinstance(doc, PreparedIndex):
        rows = DocRows(doc.rel_path, doc.content_hash, doc.size, "index")
        seen: set[str] = set()
        for ep in doc.index.episodes:
            if ep.video_id not in seen:
                seen.add(ep.video_id)
                rows.episodes.append(
                    (ep.video_id, ep.title, doc.index.channel, json.dumps(list(ep.note_slugs)))
                )
        return rows
    note = doc.note
    rows = DocRows(doc.rel_path, doc.content_hash, doc.size, "note", reading=note.reading)
    slug = doc.rel_path.rsplit("/", 1)[-1].removesuffix(".md")
    timestamp_count = sum(map(len, map(_TIMESTAMPS, note.claims)))
    rows.note = (
        note.title,
        note.video_id,
        note.channel,
        slug,
        len(note.claims),
        timestamp_count,
        json.dumps(note.warnings) if note.warnings else "[]",  # most notes: none, and dumps costs µs
    )
    # a note's sections in order of first appearance, each heading path looked up and joined once
    paths = [path for path in dict.fromkeys(map(_HEADING_PATH, note.claims)) if path]
    section_ids = {path: index for index, path in enumerate(paths)}
    rows.sections = [HEADING_SEPARATOR.join(path) for path in paths]
    section_of = section_ids.get  # None for a claim under no heading
    # one comprehension, no call per claim where it can be helped: a row per claim, 650k on the vault
    rows.claims = [
        (
            section_of(claim.heading_path),
            claim.ordinal,
            claim.text,
            claim.seconds,
            f"[{times[0]}]" if len(times := claim.timestamps) == 1 else _json_ints(times),  # most have one
            claim.subject,
            None if (subject := facts.subject) is None else subject.type,
            None if subject is None else subject.id,
            1 if claim.inherited else 0,
        )
        for claim, facts in zip(note.claims, doc.facts, strict=True)
    ]
    # most claims have the shared empty facts: skipped by identity in C (compress), no step per claim
    for index in compress(count(), map(is_not, doc.facts, repeat(NOTHING))):
        facts = doc.facts[index]
        if facts.subject is not None or facts.mentions or facts.signals:
            _add_facts(rows, index, facts)
    return rows


_HEADING_PATH = attrgetter("heading_path")
_TIMESTAMPS = attrgetter("timestamps")


def _add_facts(rows: DocRows, claim_index: int, facts: ClaimFacts) -> None:
    """The mention and signal rows of a claim that has some."""
    subject = facts.subject
    mentioned = {(m.entity.type, m.entity.id) for m in facts.mentions}
    if subject is not None:
        mentioned.add((subject.type, subject.id))
    for etype, eid in mentioned:
        is_subject = int(subject is not None and (etype, eid) == (subject.type, subject.id))
        rows.mentions.append((claim_index, etype, eid, is_subject))
    # A signal copied to another entity (a model credited with its lab's cue) may come without the
    # component its cue names: the same cue in the same claim names the same one.
    named = {s.cue: (s.component, s.licence) for s in facts.signals if s.component or s.licence}
    for (etype, eid, kind), s in {(s.entity.type, s.entity.id, s.kind): s for s in facts.signals}.items():
        component, licence = named.get(s.cue, (s.component, s.licence))
        rows.signals.append((claim_index, etype, eid, kind, s.cue, component, licence))


def _json_ints(values: Sequence[int]) -> str:
    """json.dumps of a list of ints, without its per-call overhead (one call per claim)."""
    return "[" + ", ".join(map(str, values)) + "]"


class _BatchRows:
    """Rows for a batch of documents, ids shifted into place so one executemany serves each table."""

    def __init__(self, next_source: int, next_section: int, next_claim: int) -> None:
        self.next_source = next_source
        self.next_section = next_section
        self.next_claim = next_claim
        self.sources: list[Row] = []
        self.notes: list[Row] = []
        self.episodes: list[Row] = []
        self.sections: list[Row] = []
        self.claims: list[Row] = []
        self.mentions: list[Row] = []
        self.signals: list[Row] = []
        self.readings: list[Row] = []

    def add(self, doc: DocRows, root: str, added_by: str | None, ingested_at: str, now: str) -> int:
        source_id = self.next_source
        self.next_source += 1
        self.sources.append(
            (source_id, root, doc.rel_path, doc.kind, doc.content_hash, doc.size, ingested_at, now, added_by)
        )
        self.episodes += [
            (video, source_id, title, channel, slugs) for video, title, channel, slugs in doc.episodes
        ]
        if doc.note is None:
            return source_id
        self.notes.append((source_id, *doc.note))
        self.readings.append((source_id, folder_of(doc.rel_path), doc.reading))
        sb, cb = self.next_section, self.next_claim
        self.sections += [(sb + i, source_id, i, heading) for i, heading in enumerate(doc.sections)]
        # Fields unpacked by name: 0.7× the time of slicing each row and splicing the slice in (a row per
        # claim, 650k on the vault).
        self.claims += [
            (i, source_id, s if s is None else sb + s, o, text, sec, ts, lead, st, sid, inh)
            for i, (s, o, text, sec, ts, lead, st, sid, inh) in enumerate(doc.claims, cb)
        ]
        self.mentions += [(cb + m[0], *m[1:]) for m in doc.mentions]
        self.signals += [(cb + s[0], *s[1:]) for s in doc.signals]
        self.next_section += len(doc.sections)
        self.next_claim += len(doc.claims)
        return source_id

    async def write(self, conn: aiosqlite.Connection) -> None:
        await conn.executemany(
            "INSERT INTO sources(id, root, path, kind, content_hash, size, ingested_at, updated_at, added_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.sources,
        )
        await conn.executemany(
            "INSERT INTO notes(id, title, video_id, channel, slug, claim_count, timestamp_count, warnings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            self.notes,
        )
        await conn.executemany(
            "INSERT INTO episodes(video_id, source_id, title, channel, note_slugs) VALUES (?, ?, ?, ?, ?)",
            self.episodes,
        )
        await conn.executemany(
            "INSERT INTO sections(id, note_id, ordinal, heading) VALUES (?, ?, ?, ?)", self.sections
        )
        await conn.executemany(
            "INSERT INTO claims(id, note_id, section_id, ordinal, text, seconds, timestamps, lead,"
            " subject_type, subject_id, inherited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.claims,
        )
        if self.claims:
            # One bulk FTS insert per batch instead of a per-row trigger.
            await conn.execute(
                "INSERT INTO claims_fts(rowid, text) SELECT id, text FROM claims WHERE id BETWEEN ? AND ?",
                (self.claims[0][0], self.claims[-1][0]),
            )
        await conn.executemany(
            "INSERT INTO mentions(claim_id, entity_type, entity_id, is_subject) VALUES (?, ?, ?, ?)",
            self.mentions,
        )
        await conn.executemany(
            "INSERT INTO signals(claim_id, entity_type, entity_id, kind, cue, component, licence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            self.signals,
        )
        await conn.executemany(
            "INSERT INTO note_readings(source_id, folder, reading) VALUES (?, ?, ?)", self.readings
        )


async def _next_ids(conn: aiosqlite.Connection) -> tuple[int, int, int]:
    ids = []
    for table in ("sources", "sections", "claims"):
        async with conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}") as cur:
            row = await cur.fetchone()
            ids.append(int(row[0]) if row else 1)
    return ids[0], ids[1], ids[2]


async def _mark_dirty(conn: aiosqlite.Connection) -> None:
    await conn.execute(
        "INSERT INTO meta(key, value) VALUES ('aggregates_dirty', '1')"
        " ON CONFLICT(key) DO UPDATE SET value = '1'"
    )


async def write_documents(
    conn: aiosqlite.Connection,
    docs: Sequence[DocRows],
    *,
    root: str,
    added_by: str | None = None,
    now: str | None = None,
) -> list[int]:
    """Insert (or replace) documents inside the caller's open transaction; returns their source ids.

    A replaced document keeps its first-ingested time and who added it (unless `added_by` is given).
    """
    now = now or utc_now()
    # One look-up for the whole batch (not a statement per document): which paths are replacements.
    paths = [doc.rel_path for doc in docs]
    previous: dict[str, tuple[str, str | None]] = {}
    for start in range(0, len(paths), 500):
        chunk = paths[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        async with conn.execute(
            f"SELECT path, ingested_at, added_by FROM sources WHERE root = ? AND path IN ({marks})",
            (root, *chunk),
        ) as cur:
            previous.update(
                {row["path"]: (row["ingested_at"], row["added_by"]) for row in await cur.fetchall()}
            )
    if previous:
        await conn.executemany(
            "DELETE FROM sources WHERE root = ? AND path = ?", [(root, path) for path in previous]
        )
    rows = _BatchRows(*await _next_ids(conn))
    ids = []
    for doc in docs:
        first_seen, first_by = previous.get(doc.rel_path, (now, None))
        ids.append(rows.add(doc, root, added_by or first_by, first_seen, now))
    await rows.write(conn)
    await conn.executemany(
        "DELETE FROM ingest_failures WHERE root = ? AND path = ?", [(root, d.rel_path) for d in docs]
    )
    await _mark_dirty(conn)
    return ids


async def write_prepared(
    conn: aiosqlite.Connection,
    prepared: Prepared,
    *,
    root: str,
    added_by: str | None = None,
    now: str | None = None,
) -> int:
    """One document, inside the caller's transaction (used by /notes add)."""
    # A 1 MB note has thousands of rows: build them off the loop so members' commands go on being answered.
    rows = await asyncio.to_thread(doc_rows, prepared)
    return (await write_documents(conn, [rows], root=root, added_by=added_by, now=now))[0]


def folder_of(rel_path: str) -> str:
    """The channel folder a note sits in ('' at the top of the notes folder)."""
    return rel_path.rpartition("/")[0]


async def stored_readings(store: Store, root: str, folder: str | None = None) -> dict[str, str]:
    """Path -> own timestamp reading of the stored notes under `root` (of one folder, if given)."""
    sql = (
        "SELECT s.path, r.reading FROM note_readings r JOIN sources s ON s.id = r.source_id WHERE s.root = ?"
    )
    args: tuple[str, ...] = (root,)
    if folder is not None:
        sql, args = sql + " AND r.folder = ?", (root, folder)
    return {row["path"]: row["reading"] for row in await store.fetchall(sql, args)}


async def stored_hashes(store: Store, root: str, paths: Sequence[str]) -> dict[str, str]:
    """Path -> content hash of those of `paths` the store holds under `root`."""
    found: dict[str, str] = {}
    for start in range(0, len(paths), 500):
        chunk = list(paths[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        rows = await store.fetchall(
            f"SELECT path, content_hash FROM sources WHERE root = ? AND path IN ({marks})", (root, *chunk)
        )
        found.update({row["path"]: row["content_hash"] for row in rows})
    return found


def channel_priors(readings: Mapping[str, str]) -> dict[str, str]:
    """Folder -> the convention its notes agree on (bot.notes.timestamps.channel_prior), from each
    note's own reading keyed by path."""
    priors = {
        folder: channel_prior(c["hours"], c["minutes"]) for folder, c in _reading_counts(readings).items()
    }
    return {folder: prior for folder, prior in priors.items() if prior is not None}


def _reading_counts(readings: Mapping[str, str]) -> dict[str, Counter[str]]:
    """Folder -> how many of its notes read their times each way, from each note's reading keyed by path."""
    counts: dict[str, Counter[str]] = {}
    for path, reading in readings.items():
        counts.setdefault(folder_of(path), Counter())[reading] += 1
    return counts


async def remove_source(conn: aiosqlite.Connection, rel_path: str, *, root: str) -> bool:
    """Drop a document and everything extracted from it, inside the caller's transaction."""
    async with conn.execute("DELETE FROM sources WHERE root = ? AND path = ?", (root, rel_path)) as cur:
        removed = cur.rowcount > 0
    await conn.execute("DELETE FROM ingest_failures WHERE root = ? AND path = ?", (root, rel_path))
    if removed:
        await _mark_dirty(conn)
    return removed


async def finish(conn: aiosqlite.Connection) -> None:
    """Recompute aggregates if any batch changed the store; inside the caller's transaction."""
    async with conn.execute("SELECT value FROM meta WHERE key = 'aggregates_dirty'") as cur:
        row = await cur.fetchone()
    if row is not None and row[0] == "1":
        await refresh_aggregates(conn)
        await conn.execute("UPDATE meta SET value = '0' WHERE key = 'aggregates_dirty'")


def catalog_fingerprint(catalog: Catalog) -> str:
    """What the stored facts were extracted with: a store whose fingerprint differs is re-extracted."""
    code = reader_code_hash(Path(__file__).resolve().parents[1])
    payload = repr((INGEST_VERSION, code, sorted(catalog.labs.items()), sorted(catalog.models.items())))
    return content_hash(payload.encode())


async def sync_catalog(conn: aiosqlite.Connection, catalog: Catalog) -> None:
    """Labs and models tables mirror the catalog (inside the caller's transaction)."""
    await conn.execute("DELETE FROM models")
    await conn.execute("DELETE FROM labs")
    await conn.executemany(
        "INSERT INTO labs(id, name, aliases, homepage) VALUES (?, ?, ?, ?)",
        [(lab.id, lab.name, json.dumps(list(lab.aliases)), lab.homepage) for lab in catalog.labs.values()],
    )
    await conn.executemany(
        "INSERT INTO models(id, name, lab_id, aliases) VALUES (?, ?, ?, ?)",
        [(m.id, m.name, m.lab, json.dumps(list(m.aliases))) for m in catalog.models.values()],
    )


@dataclass(slots=True)
class _Scan:
    root: Path
    files: list[Path]
    complete: bool  # a whole folder was scanned, so files not seen have gone


def _scans(paths: Sequence[Path]) -> Iterator[_Scan]:
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            inside = _Inside(root)
            yield _Scan(
                root, sorted(p for p in root.rglob("*.md") if p.is_file() and inside(p)), complete=True
            )
        else:
            file = path.resolve()
            yield _Scan(file.parent, [file], complete=False)


class _Inside:
    """Whether a file found under `root` resolves inside it (a symlink may point anywhere). `p.resolve()`
    per file costs an lstat per path component; here a folder is resolved once, and a file only when it is
    a symlink itself: otherwise it resolves to its folder's resolved path and its own name."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders: dict[Path, bool] = {}

    def __call__(self, file: Path) -> bool:
        if file.is_symlink():
            return file.resolve().is_relative_to(self.root)
        folder = file.parent
        inside = self.folders.get(folder)
        if inside is None:
            inside = self.folders[folder] = folder.resolve().is_relative_to(self.root)
        return inside


class _Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and sys.stderr.isatty() and total > 0
        self.last = 0.0

    def update(self, done: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and done < self.total):
            return
        self.last = now
        width = 30
        filled = width * done // self.total
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{self.total} files")
        if done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


async def ingest_paths(
    store: Store,
    paths: Sequence[Path],
    catalog: Catalog,
    *,
    progress: bool = False,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
) -> IngestSummary:
    """Ingest every .md file under `paths`; `workers` > 1 parses in that many processes (default: one
    per core when many files changed)."""
    started = time.perf_counter()
    summary = IngestSummary()
    fingerprint = catalog_fingerprint(catalog)
    conn = store.conn
    force = await store.get_meta("extract_fingerprint") != fingerprint
    if force:
        async with store.transaction(state=False):
            await sync_catalog(conn, catalog)
            await store.set_meta("extract_fingerprint", fingerprint)
            await _mark_dirty(conn)

    scans = list(_scans(paths))
    bar = _Progress(sum(len(s.files) for s in scans), progress)
    done = 0
    for scan in scans:
        root = str(scan.root)
        known = {
            row["path"]: row["content_hash"]
            for row in await store.fetchall("SELECT path, content_hash FROM sources WHERE root = ?", (root,))
        }
        known_failures = {
            row["path"]: (row["content_hash"], row["reason"])
            for row in await store.fetchall(
                "SELECT path, content_hash, reason FROM ingest_failures WHERE root = ?", (root,)
            )
        }
        # Pass 1: hash every file the store holds, so that only changed ones are parsed (and the pool only
        # started for many).
        seen: set[str] = set()
        todo: list[Job] = []
        # The stored notes' own timestamp readings: with those of the notes parsed now, their channels'
        # conventions (`_Priors`).
        readings = await stored_readings(store, root)
        failures: list[tuple[str, str | None, str]] = []  # (path, hash, reason)
        for file in scan.files:
            rel = file.relative_to(scan.root).as_posix()
            seen.add(rel)
            summary.files_seen += 1
            if force or (rel not in known and rel not in known_failures):
                todo.append((rel, file, None))  # parsed whatever its hash: hashed where it is parsed
                continue
            try:
                data = file.read_bytes()
                digest = content_hash(data)
            except OSError as exc:
                summary.unreadable += 1
                failures.append((rel, None, cannot_read(exc)))
                summary.failed.append((rel, failures[-1][2]))
                continue
            if known.get(rel) == digest:
                summary.unchanged += 1
            elif rel in known_failures and known_failures[rel][0] == digest:
                summary.failed.append((rel, known_failures[rel][1]))
            else:
                todo.append((rel, file, digest))
                continue
            done += 1
            bar.update(done)
        # Pass 2: parse and extract what changed, committing a transaction per batch.
        if scan.complete:  # a vanished note no longer speaks for its channel
            readings = {path: reading for path, reading in readings.items() if path in seen}
        batch: list[DocRows] = []
        # aclosing: on any exit from the loop the worker pool is shut down now, not when collected.
        async with aclosing(_prepare_all(todo, catalog, workers, readings)) as prepared:
            async for rel, parsed_digest, doc in prepared:
                done += 1
                bar.update(done)
                if isinstance(doc, Rejected):
                    # only a file that could not be read has no hash
                    summary.unreadable += parsed_digest is None
                    failures.append((rel, parsed_digest, doc.reason))
                    summary.failed.append((rel, doc.reason))
                    continue
                if rel in known:
                    summary.updated += 1
                else:
                    summary.added += 1
                batch.append(doc)
                if len(batch) >= batch_size:
                    await _commit_batch(store, batch, failures, root, known)
                    batch, failures = [], []
        await _commit_batch(store, batch, failures, root, known)
        if scan.complete:
            gone = [p for p in known if p not in seen]
            gone_failures = [p for p in known_failures if p not in seen]
            if gone or gone_failures:
                async with store.transaction(state=False):
                    for rel in gone:
                        await remove_source(conn, rel, root=root)
                    await conn.executemany(
                        "DELETE FROM ingest_failures WHERE root = ? AND path = ?",
                        [(root, p) for p in gone_failures],
                    )
                summary.removed += len(gone)
    async with store.transaction(state=False):
        await finish(conn)
    summary.seconds = time.perf_counter() - started
    return summary


# Parsing in worker processes pays off only past process start-up (~0.3 s each).
POOL_THRESHOLD = 200
CHUNK = 32
# Chunks queued beyond two per worker: a batch's worth (BATCH_SIZE files), so that the workers go on
# parsing while this process commits one; with two per worker only, they idled through every commit.
AHEAD = BATCH_SIZE // CHUNK
_worker_extractor: Extractor | None = None


def _prepare_path(item: Job, extractor: Extractor) -> Parsed:
    rel, path, digest = item
    try:
        data = path.read_bytes()
    except OSError as exc:
        return rel, None, Rejected(cannot_read(exc)), {}
    # hashed here for a file the store has not seen; kept with a failure too, so an unchanged bad file is
    # not parsed again
    digest = digest or content_hash(data)
    first, others = prepare_each_prior(rel, data, extractor, digest)
    return rel, digest, _rows_of(first), {prior: _rows_of(doc) for prior, doc in others.items()}


def _rows_of(doc: Prepared | Rejected) -> DocRows | Rejected:
    return doc if isinstance(doc, Rejected) else doc_rows(doc)


def _init_worker(catalog: Catalog, parent: int) -> None:
    global _worker_extractor
    die_with_parent(parent)
    _worker_extractor = Extractor(catalog)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """In a worker process: exit when `parent` dies, however it dies (kill -9 included); an orphaned
    worker would otherwise wait for work forever, holding its memory. Call it from a pool initializer."""
    # Ctrl-C reaches the whole process group; the parent handles it, and a worker's traceback is noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    armed = False
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        # The kernel sends SIGTERM when the thread that started this worker exits: the event loop's,
        # which outlives the pool (the pool is shut down before _prepare_all returns).
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the signal was armed
        os._exit(1)


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """Start worker processes inside this: they begin life with Ctrl-C blocked (a signal mask survives
    fork and exec), so a Ctrl-C while one is still importing, before die_with_parent ignores it, prints
    no traceback. This process gets a Ctrl-C sent meanwhile when the block ends: none is lost."""
    if not hasattr(signal, "pthread_sigmask"):  # not on Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _prepare_chunk(chunk: list[Job]) -> bytes:
    assert _worker_extractor is not None
    return _pack([_prepare_path(item, _worker_extractor) for item in chunk])


def _pack(results: list[Parsed]) -> bytes:
    """A worker's results as marshal bytes: plain tuples cross the process boundary several times
    cheaper than pickled dataclasses (a bare string stands for a Rejected file's reason)."""
    plain = [
        (rel, digest, _plain(doc), {prior: _plain(other) for prior, other in others.items()})
        for rel, digest, doc, others in results
    ]
    return marshal.dumps(plain)


def _plain(doc: DocRows | Rejected) -> str | tuple[object, ...]:
    return doc.reason if isinstance(doc, Rejected) else tuple(getattr(doc, name) for name in _ROW_FIELDS)


def _unpack(data: bytes) -> list[Parsed]:
    return [
        (rel, digest, _unplain(doc), {prior: _unplain(other) for prior, other in others.items()})
        for rel, digest, doc, others in marshal.loads(data)
    ]


def _unplain(doc: str | tuple[Any, ...]) -> DocRows | Rejected:
    return Rejected(doc) if isinstance(doc, str) else DocRows(*doc)


class _Priors:
    """Each channel's prior, learned as the notes being ingested come back parsed.

    A note's parse depends on its channel's prior only when its own times settle nothing (reading
    "untrusted"): such a note comes with its rows under each prior (`prepare_each_prior`) and is held
    back until every note of its channel in this ingest is in; then the rows under the channel's prior
    are kept, if it has one, else its own. No note is parsed twice, and no pre-pass over the notes is
    needed to learn the priors. The readings counted are those the store keeps (note_readings): the
    stored notes' and the new parses', so a full ingest and an incremental one agree. Outcomes leave in
    `todo` order (`ready`), so the store's ids do not depend on when a parse finished.
    """

    def __init__(self, todo: Sequence[Job], readings: Mapping[str, str]) -> None:
        paths = {rel for rel, _, _ in todo}
        # a note being parsed again counts with its new reading
        self.counts = _reading_counts({p: r for p, r in readings.items() if p not in paths})
        self.left = Counter(map(folder_of, paths))  # notes of the channel still to come
        self.held: dict[str, list[Parsed]] = {}
        self.order: deque[str] = deque()  # paths settled, in `todo` order, not yet handed out
        self.done: dict[str, Outcome] = {}  # final outcomes by path

    def settle(self, parsed: Parsed) -> None:
        """One note parsed, in `todo` order."""
        rel, digest, doc, others = parsed
        folder = folder_of(rel)
        self.order.append(rel)
        if isinstance(doc, DocRows):
            self.counts.setdefault(folder, Counter())[doc.reading] += 1
        if others:
            self.held.setdefault(folder, []).append(parsed)
        else:
            self.done[rel] = (rel, digest, doc)
        self.left[folder] -= 1
        if self.left[folder] or folder not in self.held:
            return
        counts = self.counts.get(folder, Counter())
        prior = channel_prior(counts["hours"], counts["minutes"])
        for held_rel, held_digest, own, under in self.held.pop(folder):
            # no prior: the note's own parse stands
            self.done[held_rel] = (held_rel, held_digest, own if prior is None else under.get(prior, own))

    def ready(self) -> Iterator[Outcome]:
        """The final outcomes that are next in `todo` order."""
        while self.order and self.order[0] in self.done:
            yield self.done.pop(self.order.popleft())


async def _prepare_all(
    todo: list[Job], catalog: Catalog, workers: int | None, readings: Mapping[str, str]
) -> AsyncGenerator[Outcome, None]:
    """Prepared documents in `todo` order: inline for few files, else from a pool of processes while this
    process writes the previous batches. `readings`: the stored notes' own timestamp readings, by path,
    for their channels' priors (`_Priors`)."""
    if not todo:
        return
    if workers is None:
        workers = (os.cpu_count() or 1) if len(todo) >= POOL_THRESHOLD else 1
    priors = _Priors(todo, readings)
    if workers <= 1:
        extractor = Extractor(catalog)
        for job in todo:
            priors.settle(_prepare_path(job, extractor))
            for outcome in priors.ready():
                yield outcome
            await asyncio.sleep(0)  # let commands interleave when ingest runs inside the bot
        return
    loop = asyncio.get_running_loop()
    # spawn, not fork: this process has the SQLite thread running.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(catalog, os.getpid())
    )
    pending: deque[asyncio.Future[bytes]] = deque()
    finished = False
    try:
        chunks = iter([todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)])
        with sigint_blocked():  # the pool starts its workers on these first submits
            pending.extend(
                loop.run_in_executor(pool, _prepare_chunk, c) for c in islice(chunks, workers * 2 + AHEAD)
            )
        while pending:
            results = _unpack(await pending.popleft())
            if (chunk := next(chunks, None)) is not None:
                pending.append(loop.run_in_executor(pool, _prepare_chunk, chunk))
            for result in results:
                priors.settle(result)
            for prepared in priors.ready():
                yield prepared
        finished = True
    finally:
        # Stopped early (an error, Ctrl-C, the bot shutting down): drop the queued chunks; the workers
        # leave after the chunk in hand, and the event loop does not wait for them.
        for chunk_future in pending:
            chunk_future.cancel()
        pool.shutdown(wait=finished, cancel_futures=not finished)


async def _commit_batch(
    store: Store,
    batch: list[DocRows],
    failures: list[tuple[str, str | None, str]],
    root: str,
    known: dict[str, str],
) -> None:
    if not batch and not failures:
        return
    now = utc_now()
    async with store.transaction(state=False) as conn:
        if batch:
            await write_documents(conn, batch, root=root, now=now)
        if failures:
            # A file that used to be good and is now bad leaves the store: its old claims are stale.
            for rel, _, _ in failures:
                if rel in known:
                    await remove_source(conn, rel, root=root)
            await conn.executemany(
                "INSERT INTO ingest_failures(root, path, content_hash, reason, at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(root, path) DO UPDATE SET content_hash = excluded.content_hash,"
                " reason = excluded.reason, at = excluded.at",
                [(root, rel, digest, reason, now) for rel, digest, reason in failures],
            )
