"""The bot's settings: the token, the development guild, the shards and how to sync commands.

Read from the environment, or from a ``.env`` file in the working directory for what the
environment does not set. The token is a secret: ``TokenRedactor`` keeps it out of every log line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

from catalog.lifecycle import AS_OF_ENV, pinned_day

TOKEN_ENV = "DISCORD_TOKEN"
DEV_GUILD_ENV = "VERSUS_DEV_GUILD"
SHARD_IDS_ENV = "VERSUS_SHARD_IDS"
SHARD_COUNT_ENV = "VERSUS_SHARD_COUNT"
REFRESH_HOURS_ENV = "VERSUS_REFRESH_HOURS"
DEFAULT_REFRESH_HOURS = 6.0
DOTENV = ".env"
REDACTED = "[redacted token]"


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line for the person starting the bot."""


@dataclass(frozen=True, slots=True)
class Settings:
    token: str
    dev_guild: int | None = None
    shard_ids: tuple[int, ...] | None = None
    shard_count: int | None = None
    sync_global: bool = False
    refresh_hours: float = DEFAULT_REFRESH_HOURS

    def __repr__(self) -> str:  # never print the token, even in a debugger or a failing test
        return (
            f"Settings(token={REDACTED!r}, dev_guild={self.dev_guild}, shard_ids={self.shard_ids}, "
            f"shard_count={self.shard_count}, sync_global={self.sync_global}, refresh_hours={self.refresh_hours})"
        )


def read_dotenv(path: Path) -> dict[str, str]:
    """The settings of a .env file, read by python-dotenv: ``KEY=VALUE`` lines, ``export``, quotes, ``#``
    comments after a value, a byte-order mark. A missing file is no settings; an unreadable one is an error."""
    try:
        with open(path, encoding="utf-8-sig") as handle:  # -sig: a byte-order mark is not part of the first key
            values = dotenv_values(stream=handle)
    except (FileNotFoundError, IsADirectoryError):
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc.__class__.__name__}") from None
    return {key: value for key, value in values.items() if value is not None}


def environment(cwd: Path | None = None, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process environment over the working directory's .env file (the environment wins)."""
    merged = read_dotenv((cwd or Path.cwd()) / DOTENV)
    merged.update(os.environ if environ is None else environ)
    return merged


def _snowflake(name: str, text: str) -> int:
    if not text.strip().isdigit() or not 0 < int(text) < 2**64:
        raise ConfigError(f"{name} must be a Discord id (a number), not {text!r}")
    return int(text)


def parse_shard_ids(text: str) -> tuple[int, ...]:
    """``"0,1"`` or ``"0-3"`` or ``"0,2-3"`` as shard ids."""
    ids: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        low, dash, high = part.partition("-")
        if not low.isdigit() or (dash and not high.isdigit()):
            raise ConfigError(f"shard ids must read like 0,1 or 0-3, not {text!r}")
        ids.extend(range(int(low), int(high) + 1) if dash else [int(low)])
    if not ids or len(set(ids)) != len(ids):
        raise ConfigError(f"shard ids must be distinct numbers, not {text!r}")
    return tuple(ids)


def settings(
    values: Mapping[str, str],
    *,
    shard_ids: str | None = None,
    shard_count: str | int | None = None,
    sync_global: bool = False,
) -> Settings:
    """Settings from environment ``values``; command-line options, when given, win."""
    token = values.get(TOKEN_ENV, "").strip()
    if not token:
        raise ConfigError(f"no Discord token: set {TOKEN_ENV} in the environment or in a {DOTENV} file in this folder")
    guild_text = values.get(DEV_GUILD_ENV, "").strip()
    dev_guild = _snowflake(DEV_GUILD_ENV, guild_text) if guild_text else None
    ids_text = shard_ids if shard_ids is not None else values.get(SHARD_IDS_ENV, "").strip() or None
    count_text = shard_count if shard_count is not None else values.get(SHARD_COUNT_ENV, "").strip() or None
    ids = parse_shard_ids(ids_text) if ids_text else None
    count = None
    if count_text is not None:
        if not str(count_text).strip().isdigit() or int(count_text) < 1:
            raise ConfigError(f"the shard count must be a whole number of 1 or more, not {count_text!r}")
        count = int(count_text)
    if ids is not None:
        if count is None:
            raise ConfigError("shard ids need a shard count (--shard-count or VERSUS_SHARD_COUNT)")
        if max(ids) >= count:
            raise ConfigError(f"shard ids must be below the shard count {count}")
    try:
        pinned_day(values.get(AS_OF_ENV, ""))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return Settings(token, dev_guild, ids, count, sync_global, refresh_hours(values.get(REFRESH_HOURS_ENV, "")))


def refresh_hours(text: str) -> float:
    """``VERSUS_REFRESH_HOURS``: hours between the bot's own catalog refreshes, 0 for none (default 6)."""
    text = text.strip()
    if not text:
        return DEFAULT_REFRESH_HOURS
    try:
        hours = float(text)
    except ValueError:
        hours = -1.0
    if not 0 <= hours <= 24 * 365 or hours != hours:
        raise ConfigError(f"{REFRESH_HOURS_ENV} must be a number of hours from 0 (no refresh) to 8760, not {text[:40]!r}")
    return hours


class TokenRedactor(logging.Filter):
    """Replaces the token in a record's message, arguments and traceback text."""

    def __init__(self, token: str):
        super().__init__("versus.redact")
        self.token = token

    def _clean(self, text: str) -> str:
        return text.replace(self.token, REDACTED) if self.token else text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        record.msg = self._clean(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self._clean(record.stack_info)
        return True


def install_redaction(token: str, handlers: Sequence[logging.Handler] | None = None) -> TokenRedactor:
    """Put a redactor on every handler of the root logger (where every logger's records end up)."""
    redactor = TokenRedactor(token)
    for handler in handlers if handlers is not None else logging.getLogger().handlers:
        handler.addFilter(redactor)
    return redactor
