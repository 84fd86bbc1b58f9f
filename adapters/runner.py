"""`labnotes run` and `labnotes digest`: the long-running process an admin deploys.

One process, one store: every adapter whose credentials are set (else the console), the digest
scheduler over their publishers, and `/healthz`. SIGTERM or SIGINT stops it cleanly: no new commands,
the ones in flight finish (bounded), digests end their current post, the store closes, exit 0.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import stat
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

from adapters.base import Adapter, AdapterStartError
from adapters.exits import NOTHING_DONE_EXIT, SETUP_ERROR_EXIT
from adapters.health import Health, HealthServer
from adapters.platform import (
    DEFAULT_STOP_GRACE,
    HttpServer,
    PlatformAdapter,
    chat_platforms,
    credential_variables,
)
from bot.catalog import CatalogError
from bot.commands.engine import Engine
from bot.config import Config, ConfigError, config_from_args
from bot.delivery import Publisher
from bot.digest.scheduler import DigestScheduler
from bot.health import count_notes
from bot.logs import setup_logging
from bot.moderation.follow import NotesFollower
from bot.store.db import StoreError
from bot.text import plural
from bot.warmup import warm_up

log = logging.getLogger("labnotes.run")

START_TIMEOUT = 60.0  # an adapter that has not connected by then is reported as failed
SCHEDULER_STOP_TIMEOUT = 10.0  # a digest post under way gets this long; its claim is resumed later
FOLLOWER_STOP_TIMEOUT = 5.0  # a note being taken in gets this long; the next start takes it in again
STOP_MARGIN = 5.0  # an adapter's stop() may take this much beyond its grace for commands in flight
ADAPTER_STOP_TIMEOUT = DEFAULT_STOP_GRACE + STOP_MARGIN  # with the default stop_grace_seconds

AdapterFactory = Callable[[Engine, Config], Adapter | None]


class RunError(Exception):
    """`labnotes run` cannot go on; the message says why and what to do, `exit_code` how it ends."""

    def __init__(self, message: str, exit_code: int = NOTHING_DONE_EXIT) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _factory(descriptor_factory: Callable[..., Adapter | None]) -> AdapterFactory:
    # Read the environment when called, so `.env` (loaded with the config) is seen.
    return lambda engine, config: descriptor_factory(engine, config, os.environ)


def platform_factories() -> dict[str, AdapterFactory]:
    """Every chat platform of the table, by name (read when a run starts, so none is missed)."""
    return {d.name: _factory(d.factory) for d in chat_platforms() if d.factory is not None}


def has_credentials(environ: Mapping[str, str]) -> bool:
    return any(d.enabled(environ) for d in chat_platforms())


def _credentials_hint() -> str:
    return " and/or ".join(credential_variables())


def stdin_has_input(stdin: IO[str] | None) -> bool:
    """A terminal, a pipe or a file: someone types or has piped commands in. /dev/null (a container
    started without -i, a systemd unit) or a closed stdin has nothing for the console to answer."""
    try:
        fd = stdin.fileno() if stdin is not None else -1
        mode = os.fstat(fd).st_mode
    except (AttributeError, OSError, ValueError):
        return False
    return os.isatty(fd) or stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


# -- labnotes run ----------------------------------------------------------------------------------


def run(ns: argparse.Namespace) -> int:
    try:
        config = config_from_args(ns)  # also loads .env, so the credential check below sees it
    except ConfigError as exc:
        print(f"labnotes run: {exc}", file=sys.stderr)
        return 2
    setup_logging(config.log_format)
    if not has_credentials(os.environ):
        if not stdin_has_input(sys.stdin):
            # Exiting 0 here made a silent restart loop under `restart: unless-stopped`.
            log.error(
                "labnotes run: nothing to run: set %s (in .env or the environment) to start the chat bot, "
                "or give the console a terminal or piped commands",
                _credentials_hint(),
            )
            return 1
        from adapters.console import run_shell

        log.info("no %s set: running the console", " or ".join(credential_variables()))
        # At the console the answers are the output: per-command log lines would interleave with them.
        setup_logging(config.log_format, level=logging.WARNING)
        return run_shell(ns)
    try:
        return asyncio.run(Runner(config).main())
    except RunError as exc:
        log.error("labnotes run: %s", exc)  # through logging, so JSON logs stay one object per line
        return exc.exit_code


async def open_engine(config: Config) -> Engine:
    """The engine over an existing, non-empty store; RunError naming the fix otherwise."""
    try:
        engine = await Engine.open(config)
    except (StoreError, CatalogError, OSError) as exc:
        raise RunError(str(exc), SETUP_ERROR_EXIT) from None
    if await count_notes(engine.store) == 0:
        await engine.close()
        raise RunError(
            f"the store {config.db_path} holds no notes; run `labnotes ingest` first", SETUP_ERROR_EXIT
        )
    return engine


@dataclass
class Runner:
    config: Config
    factories: Mapping[str, AdapterFactory] = field(default_factory=platform_factories)
    running: dict[str, Adapter] = field(default_factory=dict)
    publishers: dict[str, Publisher] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    stop_requested: asyncio.Event = field(default_factory=asyncio.Event)

    async def main(self) -> int:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self._on_signal, sig)
        try:
            return await self._main()
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)

    def _on_signal(self, sig: signal.Signals) -> None:
        if not self.stop_requested.is_set():
            grace = self.config.stop_grace_seconds
            log.info("%s: stopping; commands in flight get up to %d s to finish", sig.name, grace)
        self.stop_requested.set()

    async def _main(self) -> int:
        engine = await open_engine(self.config)
        # In the background while the adapters connect, not in a member's wait.
        self.warming = asyncio.create_task(asyncio.to_thread(warm_up))  # kept: a task needs a reference
        health = Health(engine.store)
        server: HealthServer | None = None
        scheduler: DigestScheduler | None = None
        scheduler_task: asyncio.Task[None] | None = None
        # Notes other processes over the same folder add or remove (one process per shard range).
        follower = NotesFollower(
            engine.store,
            engine.catalog,
            self.config.notes_dir,
            max_bytes=self.config.max_note_bytes,
            poll_seconds=self.config.notes_poll_seconds,
        )
        follower_task = asyncio.create_task(follower.run_forever(), name="notes-follower")
        try:
            built = self._build(engine, health)
            server = await self._serve_health(health, built)
            code = await self._start_all(built, health)
            if code != 0:
                return code
            self._log_shared_health(server)
            scheduler = DigestScheduler(engine.store, self.publishers, config=self.config.digest)
            scheduler_task = asyncio.create_task(scheduler.run_forever(), name="digest-scheduler")
            log.info(
                "labnotes running: %s; store %s; digests via %s",
                ", ".join(self.running),
                self.config.db_path,
                ", ".join(self.publishers) or "nothing",
            )
            return await self._supervise(health)
        finally:
            health.stopping = True
            await _stop_follower(follower, follower_task)
            if scheduler is not None and scheduler_task is not None:
                await _stop_scheduler(scheduler, scheduler_task)
            await self._stop_adapters()
            if server is not None:
                await server.stop()
            await engine.close()
            log.info("stopped; store closed")

    def _build(self, engine: Engine, health: Health) -> dict[str, Adapter]:
        """Every adapter whose credentials are set; one that can't even be built is reported as failed."""
        built: dict[str, Adapter] = {}
        for name, factory in self.factories.items():
            try:
                adapter = factory(engine, self.config)
            except AdapterStartError as exc:
                self._report_failure(health, name, str(exc))
                continue
            if adapter is None:
                continue  # no credentials for this platform: not enabled
            built[name] = adapter
            health.add_adapter(name, adapter)
            if (http := _http_server(adapter)) is not None:
                health.install(http.app)  # e.g. Slack HTTP mode: /healthz rides on the same server
        return built

    async def _serve_health(self, health: Health, built: Mapping[str, Adapter]) -> HealthServer | None:
        port = self.config.health_port
        if port is None:
            return None
        if any((http := _http_server(a)) is not None and http.port == port for a in built.values()):
            return None  # an adapter's server on that port already answers /healthz
        server = HealthServer(health, self.config.health_host, port)
        try:
            await server.start()
        except OSError as exc:
            raise RunError(f"cannot serve /healthz on {self.config.health_host}:{port}: {exc}") from None
        log.info("health: http://%s:%s/healthz", self.config.health_host, server.port)
        return server

    def _log_shared_health(self, server: HealthServer | None) -> None:
        if server is not None:
            return
        for name, adapter in self.running.items():
            if (http := _http_server(adapter)) is not None:
                port = http.bound_port() or http.port
                log.info(
                    "health: http://%s:%s/healthz (on the %s server)", http.host, port, name.capitalize()
                )

    async def _start_all(self, built: Mapping[str, Adapter], health: Health) -> int:
        results = await asyncio.gather(*(_start(adapter) for adapter in built.values()))
        for (name, adapter), error in zip(built.items(), results, strict=True):
            if error is None:
                self._add_running(name, adapter)
            else:
                self._report_failure(health, name, error)
        if self.failed and not self.config.keep_running_on_adapter_failure:
            log.error("an adapter failed and keep_running_on_adapter_failure is false: exiting")
            return 1
        if not self.running:
            log.error("no adapter could start: exiting")
            return 1
        return 0

    def _report_failure(self, health: Health, name: str, reason: str) -> None:
        log.error("adapter %s failed: %s", name, reason)
        health.set_error(name, reason)
        self.failed.append(name)

    def _add_running(self, name: str, adapter: Adapter) -> None:
        self.running[name] = adapter
        if adapter.publisher is not None:
            self.publishers[name] = adapter.publisher

    async def _supervise(self, health: Health) -> int:
        """Wait for a stop signal, or for adapters to end on their own (a fatal error)."""
        stop: asyncio.Task[Any] = asyncio.create_task(self.stop_requested.wait())
        watchers: dict[asyncio.Task[Any], str] = {
            asyncio.create_task(_closed_reason(a)): name for name, a in self.running.items()
        }
        try:
            while True:
                done, _ = await asyncio.wait({stop, *watchers}, return_when=asyncio.FIRST_COMPLETED)
                if stop in done:
                    return 0
                for task in done:
                    name = watchers.pop(task)
                    self._report_failure(health, name, f"stopped: {task.result()}")
                    # No more digests through it; its periods wait for the next start (one catch-up).
                    self.publishers.pop(name, None)
                    self.running.pop(name, None)
                if not self.config.keep_running_on_adapter_failure or not self.running:
                    return 1
        finally:
            for task in (stop, *watchers):
                task.cancel()

    async def _stop_adapters(self) -> None:
        timeout = self.config.stop_grace_seconds + STOP_MARGIN

        async def stop_one(name: str, adapter: Adapter) -> None:
            try:
                await asyncio.wait_for(adapter.stop(), timeout)
            except TimeoutError:
                log.error("adapter %s did not stop within %.0f s", name, timeout)
            except Exception:
                log.exception("adapter %s failed while stopping", name)

        await asyncio.gather(*(stop_one(name, a) for name, a in self.running.items()))
        self.running.clear()


def _http_server(adapter: Adapter) -> HttpServer | None:
    return adapter.http_server() if isinstance(adapter, PlatformAdapter) else None


async def _start(adapter: Adapter) -> str | None:
    """None once started, else why not (one line, no traceback for the expected failures)."""
    try:
        await asyncio.wait_for(adapter.start(), START_TIMEOUT)
    except AdapterStartError as exc:
        return str(exc)
    except TimeoutError:
        return f"not connected after {START_TIMEOUT:.0f} s"
    except Exception as exc:
        log.exception("adapter %s crashed while starting", adapter.name)
        return f"{type(exc).__name__}: {exc}"
    return None


async def _closed_reason(adapter: Adapter) -> str:
    try:
        await adapter.wait_closed()
    except Exception as exc:
        return str(exc) or type(exc).__name__
    return "the connection closed"


async def _stop_scheduler(scheduler: DigestScheduler, task: asyncio.Task[None]) -> None:
    scheduler.stop()
    done, _ = await asyncio.wait({task}, timeout=SCHEDULER_STOP_TIMEOUT)
    if not done:
        task.cancel()  # a claim left 'sending' is resumed after its lease, without a double post
        log.warning("digest scheduler still busy after %.0f s: cancelled", SCHEDULER_STOP_TIMEOUT)
    elif not task.cancelled() and task.exception() is not None:
        log.error("digest scheduler crashed: %s", task.exception())


async def _stop_follower(follower: NotesFollower, task: asyncio.Task[None]) -> None:
    follower.stop()
    done, _ = await asyncio.wait({task}, timeout=FOLLOWER_STOP_TIMEOUT)
    if not done:
        task.cancel()  # its transaction rolls back; the position it had not stored is read again next start


# -- labnotes digest -------------------------------------------------------------------------------


def run_digest(ns: argparse.Namespace) -> int:
    """Post every digest that is due now through the configured platforms, then exit (cron-friendly)."""
    try:
        config = config_from_args(ns)
    except ConfigError as exc:
        print(f"labnotes digest: {exc}", file=sys.stderr)
        return 2
    setup_logging(config.log_format)
    if not has_credentials(os.environ):
        print(f"labnotes digest: set {_credentials_hint()} to post digests", file=sys.stderr)
        return 1
    try:
        return asyncio.run(_digest_once(config, platform_factories()))
    except RunError as exc:
        print(f"labnotes digest: {exc}", file=sys.stderr)
        return exc.exit_code


async def _digest_once(config: Config, factories: Mapping[str, AdapterFactory]) -> int:
    engine = await open_engine(config)
    started: list[Adapter] = []
    publishers: dict[str, Publisher] = {}
    code = 0
    try:
        for name, factory in factories.items():
            try:
                adapter = factory(engine, config)
            except AdapterStartError as exc:
                log.error("adapter %s failed: %s", name, exc)
                code = 1
                continue
            if adapter is None:
                continue
            # A publisher that needs no connection (Slack's Web API client) is used as is, so this
            # can run beside `labnotes run` without taking its port; others have to connect first.
            if adapter.publisher is None:
                error = await _start(adapter)
                if error is not None:
                    log.error("adapter %s failed: %s", name, error)
                    code = 1
                    continue
                started.append(adapter)
            if adapter.publisher is not None:
                publishers[name] = adapter.publisher
        scheduler = DigestScheduler(engine.store, publishers, config=config.digest)
        results = await scheduler.run_due(datetime.now(UTC))
        for result in results:
            detail = f" ({result.error})" if result.error else ""
            where = f"{result.platform} {result.channel_id}"
            notes = plural(result.note_count, "note")
            print(f"{result.outcome:<9} {where}: {notes}{detail}")
            if result.outcome in ("failed", "retry"):
                code = 1
        if not results:
            print("no digest is due")
    finally:
        for adapter in started:
            await adapter.stop()
        await engine.close()
    return code
