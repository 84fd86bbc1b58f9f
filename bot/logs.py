"""Logging for a long-running bot: plain lines for a terminal, JSON lines for a log collector.

Three kinds of event get one line each, with the same fields in both formats: a command answered
(`log_command`), a digest posted or given up (`log_digest`) and a moderator action (`log_moderator_action`).
Secret values from the environment are masked in every line, whatever logged them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import IO, Any, Literal

from bot.config import platform_sections, secret_variables

EVENTS = logging.getLogger("labnotes.events")
# Attributes every LogRecord has; anything else on a record came from `extra=` and is an event field.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}
_HANDLER_NAME = "labnotes"


def setup_logging(
    log_format: Literal["plain", "json"] = "plain",
    *,
    level: int = logging.INFO,
    stream: IO[str] | None = None,
    secrets: Mapping[str, str] | None = None,
) -> logging.Handler:
    """Route every logger to one handler on `stream` (stderr); calling it again replaces that handler."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if log_format == "json" else PlainFormatter())
    env = os.environ if secrets is None else secrets
    handler.addFilter(RedactSecrets([env[name] for name in secret_variables() if env.get(name)]))
    root.addHandler(handler)
    root.setLevel(level)
    # Library chatter (every gateway heartbeat, every HTTP request) would drown the events.
    platform_loggers = [name for section in platform_sections() for name in section.loggers]
    for noisy in (*platform_loggers, "aiohttp.access", "asyncio"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    return handler


def _extra(fields: dict[str, Any]) -> dict[str, Any]:
    """Event fields as `extra=` (None ones left out); a LogRecord name (args, msg…) gets a trailing _."""
    return {(f"{k}_" if k in _STANDARD else k): v for k, v in fields.items() if v is not None}


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")}


def _timestamp(record: logging.LogRecord) -> str:
    return (
        datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def _exception_text(formatter: logging.Formatter, record: logging.LogRecord) -> str:
    """The traceback, from the cache the redaction filter fills (masked) when there is one."""
    if record.exc_info and not record.exc_text:
        record.exc_text = formatter.formatException(record.exc_info)
    return record.exc_text or ""


class PlainFormatter(logging.Formatter):
    """`2025-01-02T09:00:00.123Z INFO  labnotes.events command platform=slack command=/lab … outcome=ok`."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{_timestamp(record)} {record.levelname:<5} {record.name} {record.getMessage()}"
        fields = _fields(record)
        if fields.get("event") == record.msg:
            del fields["event"]  # already the message
        if fields:
            line += " " + " ".join(f"{k}={_plain(v)}" for k, v in fields.items())
        if exc := _exception_text(self, record):
            line += "\n" + exc
        return line


def _plain(value: Any) -> str:
    text = str(value)
    return (
        json.dumps(text, ensure_ascii=False)
        if (not text or any(c.isspace() or c == '"' for c in text))
        else text
    )


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, the event's fields, and exc when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": _timestamp(record),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        data.update(_fields(record))
        if exc := _exception_text(self, record):
            data["exc"] = exc
        return json.dumps(data, ensure_ascii=False, default=str)


class RedactSecrets(logging.Filter):
    """Masks token values wherever they appear, so a stray repr of a client or URL cannot leak one."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 8]  # a short value would mask ordinary words

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        masked = self._mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        for key, value in _fields(record).items():
            if isinstance(value, str):
                setattr(record, key, self._mask(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = self._mask(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = self._mask(record.exc_text)
        return True

    def _mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return text


# -- events ----------------------------------------------------------------------------------------


def log_command(platform: str, command: str, seconds: float, outcome: str, **fields: Any) -> None:
    """One line per answered command; `outcome` is the Reply kind (ok, not_found, error, forbidden)."""
    command = command if command.startswith("/") else "/" + command
    EVENTS.info(
        "command",
        extra=_extra(
            {
                "event": "command",
                "platform": platform,
                "command": command,
                "outcome": outcome,
                "latency_ms": round(seconds * 1000, 1),
                **fields,
            }
        ),
    )


@contextmanager
def timed_command(platform: str, command: str) -> Iterator[dict[str, str]]:
    """`with timed_command("slack", "/lab") as result: … result["outcome"] = reply.kind` logs on exit.

    An exception escaping the block is logged as outcome `exception` and re-raised.
    """
    result = {"outcome": "exception"}
    started = time.perf_counter()
    try:
        yield result
    finally:
        log_command(platform, command, time.perf_counter() - started, result["outcome"])


def log_digest(
    platform: str,
    channel_id: str,
    outcome: str,
    *,
    notes: int = 0,
    seconds: float | None = None,
    **fields: Any,
) -> None:
    """One line per digest period handled: outcome sent, skipped (quiet), failed, or already_sent."""
    extra: dict[str, Any] = {
        "event": "digest",
        "platform": platform,
        "channel": channel_id,
        "outcome": outcome,
        "notes": notes,
        **fields,
    }
    if seconds is not None:
        extra["latency_ms"] = round(seconds * 1000, 1)
    level = logging.WARNING if outcome in ("failed", "retry") else logging.INFO
    EVENTS.log(level, "digest", extra=_extra(extra))


def log_moderator_action(
    platform: str, user_id: str, action: str, target: str, outcome: str, **fields: Any
) -> None:
    """One line per moderator change (notes add/remove, digest subscribe/unsubscribe), allowed or not."""
    EVENTS.info(
        "moderator",
        extra=_extra(
            {
                "event": "moderator",
                "platform": platform,
                "user": user_id,
                "action": action,
                "target": target,
                "outcome": outcome,
                **fields,
            }
        ),
    )
