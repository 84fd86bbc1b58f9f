"""Parsing and extracting an uploaded note off the event loop.

A typical note (tens of KB) takes milliseconds: a worker thread does it. A big one (up to the 1 MB limit)
is a second or more of pure Python, and in a thread it would hold the GIL that the event loop and the
SQLite thread need: every row a member's command reads then waits up to the 5 ms switch interval, and a
/lab answer took 400-500 ms. So notes from PROCESS_BYTES up go to one worker process, started on first
use and kept (spawned, not forked: this process runs threads).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.catalog import Catalog
from bot.extract.extractor import Extractor
from bot.moderation.validate import check_size, prepare_upload
from bot.store.ingest import PreparedNote, catalog_fingerprint, die_with_parent

PROCESS_BYTES = 200_000

_pool: tuple[str, ProcessPoolExecutor] | None = None  # (catalog fingerprint, pool)
_SUBMITTER = ThreadPoolExecutor(1, thread_name_prefix="labnotes-worker-start")
_worker_extractor: Extractor | None = None  # in the worker process


def _start_worker(catalog: Catalog, parent: int) -> None:
    global _worker_extractor
    die_with_parent(parent)  # the pool lives as long as the bot: it must not outlive a killed bot
    _worker_extractor = Extractor(catalog)


def _prepare_in_worker(rel_path: str, data: bytes, max_bytes: int) -> PreparedNote:
    assert _worker_extractor is not None
    return prepare_upload(rel_path, data, _worker_extractor, max_bytes=max_bytes)


def _process_pool(catalog: Catalog) -> ProcessPoolExecutor:
    """The worker process for this catalog; one whose catalog changed since is shut down."""
    global _pool
    key = catalog_fingerprint(catalog)
    if _pool is not None and _pool[0] != key:
        _pool[1].shutdown(wait=False)
        _pool = None
    if _pool is None:
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(
            1, mp_context=context, initializer=_start_worker, initargs=(catalog, os.getpid())
        )
        _pool = (key, pool)
    return _pool[1]


async def prepare_off_loop(
    rel_path: str, data: bytes, extractor: Extractor, *, max_bytes: int
) -> PreparedNote:
    """`prepare_upload` in a worker thread, or for a big note in the worker process; raises NoteRejected."""
    global _pool
    check_size(len(data), max_bytes)  # before shipping an oversized upload anywhere
    if len(data) < PROCESS_BYTES:
        return await asyncio.to_thread(prepare_upload, rel_path, data, extractor, max_bytes=max_bytes)
    pool = _process_pool(extractor.catalog)
    try:
        # Submitted from a thread that lives as long as this process: the first submit starts the worker
        # process (pickling the catalog, forking this process), 50-100 ms that must not be spent on the event
        # loop; and the worker dies with the thread that started it (die_with_parent), so not a passing one.
        loop = asyncio.get_running_loop()
        job = await loop.run_in_executor(
            _SUBMITTER, pool.submit, _prepare_in_worker, rel_path, data, max_bytes
        )
        return await asyncio.wrap_future(job)
    except BrokenProcessPool:  # the worker died (killed, out of memory): start afresh next time
        _pool = None
        return await asyncio.to_thread(prepare_upload, rel_path, data, extractor, max_bytes=max_bytes)
