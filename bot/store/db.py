"""Opening the store: one aiosqlite connection, WAL, foreign keys, migrations to the latest version.

With a shared state file (Config.state_path) the same connection attaches it as schema `state`: the tables
of bot.store.schema.STATE_TABLES live there, shared by every process on the host, and the store keeps only
what is derived from the notes (plus its own file-move journal).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.schema import MIGRATIONS, STATE_MIGRATIONS, STATE_TABLES

log = logging.getLogger(__name__)

STATE_META = "state_path"  # meta key: the shared state file this store's state tables moved to


class StoreError(Exception):
    """The store can't be opened or used; the message names the file and the problem."""


class Store:
    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        # One connection is shared by every command and the digest scheduler: their transactions take
        # turns (SQLite can't nest them on one connection: "cannot start a transaction within a transaction").
        self._tx_lock = asyncio.Lock()
        self.state_path: Path | None = None  # the attached shared state file, if any

    @classmethod
    async def open(cls, path: Path | str, *, state_path: Path | str | None = None) -> Store:
        """`state_path`: see attach_state (None: the state stays where it is)."""
        path = Path(path)
        try:
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = await aiosqlite.connect(str(path), isolation_level=None)  # explicit transactions
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        conn.row_factory = sqlite3.Row
        store = cls(conn, path)
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA busy_timeout=5000")
            await store._migrate()
        except sqlite3.DatabaseError as exc:
            await conn.close()
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        try:
            await store.attach_state(state_path)
        except StoreError:
            await conn.close()
            raise
        return store

    async def _migrate(self) -> None:
        version = await self.scalar("PRAGMA user_version")
        _refuse_newer(f"store {self.path}", version, len(MIGRATIONS))
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # executescript commits first, so wrap each migration in its own transaction.
            await self.conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )

    # -- the shared state file --------------------------------------------------------------------

    async def attach_state(self, state_path: Path | str | None) -> None:
        """Keep the community's state (digest subscriptions and deliveries, audit log) in the SQLite file
        `state_path`, shared by every process on the host, instead of in this store. The first time, the
        store's own rows move there (once; the store remembers the file). None: the state stays where it
        is, in the store or in the file it moved to earlier."""
        remembered = await self.get_meta(STATE_META)
        if state_path is None and remembered is None:
            return
        state_path = await asyncio.to_thread(self._state_file, state_path, remembered)
        if self.state_path == state_path:
            return
        try:
            if self.state_path is not None:
                await self.conn.execute("DETACH DATABASE state")
                self.state_path = None
            await self.conn.execute("ATTACH DATABASE ? AS state", (str(state_path),))
            await self.conn.execute("PRAGMA state.journal_mode=WAL")
            await self.conn.execute("PRAGMA state.synchronous=NORMAL")
            await self._migrate_state(state_path)
            await self._move_into_state(state_path, remembered)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot use the state file {state_path}: {exc}") from exc
        self.state_path = state_path

    def _state_file(self, configured: Path | str | None, remembered: str | None) -> Path:
        """The state file to attach: the configured one, else the one the store remembers (which must exist:
        ATTACH would create an empty one, and the subscriptions would seem gone)."""
        if configured is None:
            assert remembered is not None
            if not Path(remembered).exists():
                raise StoreError(
                    f"store {self.path} keeps its digest subscriptions and audit log in the shared state "
                    f"file {remembered}, which is missing; set state_path to where that file is now"
                )
            return Path(remembered)
        chosen = Path(configured).resolve()
        if remembered is not None and Path(remembered) != chosen and Path(remembered).exists():
            log.warning("store %s used the state file %s; it now uses %s", self.path, remembered, chosen)
        try:
            chosen.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot use the state file {chosen}: {exc}") from exc
        return chosen

    async def _migrate_state(self, state_path: Path) -> None:
        # Several processes may start on a new state file at once: the version is read under its write lock.
        async with self.transaction():
            version = await self.scalar("PRAGMA state.user_version")
            _refuse_newer(f"state file {state_path}", version, len(STATE_MIGRATIONS))
            for number, script in enumerate(STATE_MIGRATIONS[version:], start=version + 1):
                for statement in _statements(script):  # not executescript: it would commit first
                    await self.conn.execute(statement)
                await self.conn.execute(f"PRAGMA state.user_version = {number}")

    async def _move_into_state(self, state_path: Path, remembered: str | None) -> None:
        """The store's own state rows go to the state file and its tables are dropped, in one transaction,
        so that the unqualified names find the shared ones. A channel the state file already has a
        subscription for keeps that one (the store's is logged); an id the state file already uses is
        renumbered, its delivery records with it."""
        tables = {
            str(r[0]) for r in await self.fetchall("SELECT name FROM main.sqlite_master WHERE type = 'table'")
        }
        moving = [t for t in STATE_TABLES if t in tables]
        if not moving and remembered == str(state_path):
            return
        subs = deliveries = audits = 0
        async with self.transaction() as conn:
            if len(moving) == len(STATE_TABLES):  # all or none: one migration created them
                subs, deliveries = await self._move_digest_rows(conn, state_path)
                cursor = await conn.execute(
                    f"INSERT INTO state.audit_log({_AUDIT_COLUMNS}) SELECT {_AUDIT_COLUMNS}"
                    " FROM main.audit_log ORDER BY id"
                )
                audits = cursor.rowcount
            for table in moving:
                await conn.execute(f"DROP TABLE main.{table}")
            await self.set_meta(STATE_META, str(state_path))
        if moving:
            log.info(
                "moved %d digest subscriptions (%d delivery records) and %d audit entries from store %s"
                " into the shared state file %s",
                subs,
                deliveries,
                audits,
                self.path,
                state_path,
            )

    async def _move_digest_rows(self, conn: aiosqlite.Connection, state_path: Path) -> tuple[int, int]:
        subs = deliveries = 0
        for row in await self.fetchall("SELECT * FROM main.digest_subscriptions ORDER BY id"):
            old_id, platform, channel = int(row["id"]), row["platform"], row["channel_id"]
            if await self.scalar(
                "SELECT 1 FROM state.digest_subscriptions WHERE platform = ? AND channel_id = ?",
                (platform, channel),
            ):
                log.warning(
                    "store %s: %s channel %s is already subscribed in %s; that subscription is kept, this"
                    " store's (daily at %s %s, by %s) is not moved",
                    self.path,
                    platform,
                    channel,
                    state_path,
                    row["local_time"],
                    row["timezone"],
                    row["created_by"],
                )
                continue
            taken = await self.scalar("SELECT 1 FROM state.digest_subscriptions WHERE id = ?", (old_id,))
            cursor = await conn.execute(
                f"INSERT INTO state.digest_subscriptions(id, {_SUBSCRIPTION_COLUMNS})"
                f" SELECT ?, {_SUBSCRIPTION_COLUMNS} FROM main.digest_subscriptions WHERE id = ?",
                (None if taken else old_id, old_id),
            )
            cursor = await conn.execute(
                f"INSERT INTO state.digest_deliveries(subscription_id, {_DELIVERY_COLUMNS})"
                f" SELECT ?, {_DELIVERY_COLUMNS} FROM main.digest_deliveries WHERE subscription_id = ?",
                (cursor.lastrowid, old_id),
            )
            subs += 1
            deliveries += cursor.rowcount
        return subs, deliveries

    async def close(self) -> None:
        await self.conn.close()

    # Reads are one hop to the connection's thread: a statement left open across an await would make a
    # transaction of another task on this shared connection fail at DROP TABLE ("database table is locked").
    async def fetchall(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return list(await self.conn.execute_fetchall(sql, params))

    async def fetchone(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        rows = await self.conn.execute_fetchall(sql, params)  # callers ask for one row: LIMIT 1, aggregates
        return next(iter(rows), None)

    async def scalar(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    @asynccontextmanager
    async def transaction(self, *, state: bool = True) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error: all of it lands or none of it.

        BEGIN IMMEDIATE takes the write lock of every attached database, the shared state file too, for
        the whole transaction. `state=False` says the transaction writes only this store (ingest): it
        takes the store's lock alone, so other processes' subscribes and digest claims don't wait for it.
        """
        async with self._tx_lock:
            if state or self.state_path is None:
                await self._begin("BEGIN IMMEDIATE")
            else:
                await self._begin("BEGIN DEFERRED")
                try:  # a write, even of no row, takes the store's write lock now, as IMMEDIATE would
                    await self.conn.execute("DELETE FROM main.meta WHERE 0")
                except BaseException:
                    await self.conn.execute("ROLLBACK")
                    raise
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")

    async def _begin(self, sql: str) -> None:
        """Begin a transaction; a caller cancelled meanwhile leaves none open behind it. The statement
        runs on in aiosqlite's thread whatever happens to the awaiting task: wait for it, then undo it,
        or every later transaction fails with "cannot start a transaction within a transaction"."""
        begin = asyncio.ensure_future(self.conn.execute(sql))
        try:
            await asyncio.shield(begin)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):  # a BEGIN that failed (locked) left nothing to undo
                await begin
                await self.conn.execute("ROLLBACK")
            raise

    async def get_meta(self, key: str) -> str | None:
        value = await self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    async def set_meta(self, key: str, value: str) -> None:
        await self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


# The columns moved into the state file (all but the key a move may renumber), as in STATE_MIGRATIONS.
_SUBSCRIPTION_COLUMNS = (
    "platform, channel_id, workspace_id, local_time, timezone, created_at, created_by, labels,"
    " source_watermark, focus_labs, focus_channels"
)
_DELIVERY_COLUMNS = (
    "period_end, period_start, state, claimed_at, claimed_by, attempts, message_id, sent_at, note_count,"
    " labels, error"
)
_AUDIT_COLUMNS = "at, platform, user_id, user_name, action, path, detail"


def _statements(script: str) -> list[str]:
    """A migration script's statements, one each (a trigger's body holds semicolons of its own)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def _refuse_newer(what: str, version: int, known: int) -> None:
    """A file written by a newer labnotes is left alone: this one can't know what its schema means."""
    if version > known:
        raise StoreError(
            f"{what} has schema version {version}, newer than this labnotes ({known}); upgrade labnotes"
        )
