"""Which database the store opens, and how it is named where a person reads it.

``VERSUS_DATABASE_URL`` names it; without it, an embedded SQLite file in the user's data folder
(``$XDG_DATA_HOME/versus/versus.db``, by default ``~/.local/share/versus/versus.db``). Accepted:

- ``postgresql://user:password@host:5432/name`` (also ``postgres://``, ``postgresql+asyncpg://``):
  PostgreSQL through asyncpg; ``?sslmode=require`` is taken as asyncpg's ``ssl=require``;
- ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db`` (also ``sqlite+aiosqlite://``):
  a SQLite file through aiosqlite; ``sqlite://`` alone is a database in memory (tests).

A URL is shown only through ``Target.display``, with the password replaced by ``***``: secrets never
reach a message or a log. Parsing needs no SQLAlchemy (``catalog.store.quick`` reads without it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from catalog.errors import StoreUnavailable

DATABASE_URL_ENV = "VERSUS_DATABASE_URL"
POLL_SECONDS_ENV = "VERSUS_STORE_POLL_SECONDS"
DEFAULT_POLL_SECONDS = 30.0

_POSTGRES = {"postgresql", "postgres", "postgresql+asyncpg", "postgres+asyncpg"}
_SQLITE = {"sqlite", "sqlite+aiosqlite"}
_USE = "use postgresql://user:password@host/name or sqlite:///path/to/versus.db"


class StoreSettingInvalid(StoreUnavailable):
    """A store setting that no retry can fix (a URL of an unsupported kind, a poll interval that is not a
    number): still a ``StoreUnavailable``, for a surface that words a wrong setting apart from a database
    that does not answer."""


def default_path() -> Path:
    """The embedded database's file: ``$XDG_DATA_HOME/versus/versus.db`` (an absolute XDG_DATA_HOME only,
    as the XDG spec says), else ``~/.local/share/versus/versus.db``."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "versus" / "versus.db"


@dataclass(frozen=True, slots=True)
class Target:
    """A database to open: its dialect, where it is, and how to show it."""

    dialect: str  # "sqlite" | "postgresql"
    display: str  # the URL as given, password replaced by ***
    path: Path | None = None  # the SQLite file (None: PostgreSQL, or SQLite in memory)
    default: bool = False  # the user's data folder, chosen because no URL was given
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    host: str | None = None
    port: int | None = None
    database: str | None = None
    query: tuple[tuple[str, str], ...] = ()

    def sqlalchemy_url(self) -> Any:
        """The URL SQLAlchemy's async engine connects with (aiosqlite or asyncpg)."""
        from sqlalchemy.engine import URL

        if self.dialect == "sqlite":
            return URL.create("sqlite+aiosqlite", database=str(self.path) if self.path else ":memory:")
        return URL.create(
            "postgresql+asyncpg",
            username=self.user,
            password=self.password,
            host=self.host,
            port=self.port,
            database=self.database,
            query=dict(self.query),
        )

    def asyncpg_params(self) -> dict[str, Any]:
        """asyncpg.connect's keyword arguments (PostgreSQL only)."""
        params: dict[str, Any] = {"user": self.user, "password": self.password, "host": self.host,
                                  "port": self.port, "database": self.database}
        params.update(self.query)
        return {k: v for k, v in params.items() if v is not None}

    def reason(self, exc: BaseException, timeout: float | None = None) -> str:
        """What went wrong, in a few words on one line, without the password: the driver's own error
        (inside SQLAlchemy's wrapper), its class and first words."""
        if isinstance(exc, TimeoutError):
            return f"no answer within {timeout:g} s" if timeout else "no answer in time"
        inner: BaseException = exc
        while True:
            nested = getattr(inner, "orig", None)  # SQLAlchemy's DBAPIError
            if nested is None and inner.__class__.__name__ == "Error" and inner.__cause__ is not None:
                nested = inner.__cause__  # the DB-API adapter's wrapper around the driver's error
            if not isinstance(nested, BaseException):
                break
            inner = nested
        message = " ".join(str(inner).split())
        if isinstance(inner, OSError) and inner.strerror:
            message = inner.strerror
        message = self.redact(message)
        if len(message) > 160:
            message = message[:159] + "…"
        return f"{inner.__class__.__name__}: {message}" if message else inner.__class__.__name__

    def redact(self, text: str) -> str:
        """``text`` with this URL's password (as typed and as decoded) replaced by ``***``."""
        if self.password:
            for secret in sorted({self.password, quote(self.password, safe="")}, key=len, reverse=True):
                text = text.replace(secret, "***")
        return text


def target(url: str | None = None) -> Target:
    """The database ``url`` names (else ``$VERSUS_DATABASE_URL``, else the embedded file), or
    ``StoreSettingInvalid`` naming what is wrong with it."""
    given = url if url is not None else os.environ.get(DATABASE_URL_ENV, "").strip() or None
    if given is None:
        path = default_path()
        return Target("sqlite", f"sqlite:///{path}", path, default=True)
    scheme, sep, rest = given.partition("://")
    if not sep or not scheme or any(c.isspace() for c in scheme):
        raise StoreSettingInvalid(f"{DATABASE_URL_ENV} is not a database URL; {_USE}")
    scheme = scheme.lower()
    if scheme in _SQLITE:
        if rest in ("", "/", "/:memory:"):
            return Target("sqlite", "sqlite://")
        if not rest.startswith("/"):
            raise StoreSettingInvalid(f"{DATABASE_URL_ENV}: a SQLite URL has three slashes then the path (sqlite:///path/to/versus.db)")
        path = Path(unquote(rest[1:].split("?", 1)[0])).expanduser()
        return Target("sqlite", f"sqlite:///{path}", path)
    if scheme not in _POSTGRES:
        raise StoreSettingInvalid(f"{DATABASE_URL_ENV} names an unsupported database '{_short(scheme)}'; {_USE}")
    try:
        parts = urlsplit(f"postgresql://{rest}")
        port = parts.port
    except ValueError:
        raise StoreSettingInvalid(f"{DATABASE_URL_ENV} is not a valid PostgreSQL URL (check the host and port); {_USE}") from None
    query = dict(parse_qsl(parts.query))
    if "sslmode" in query:
        mode = query.pop("sslmode")
        query.setdefault("ssl", mode)
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    database = unquote(parts.path.lstrip("/")) or None
    host = parts.hostname
    credentials = f"{quote(user or '', safe='')}{':***' if password is not None else ''}@" if user or password else ""
    where = f"[{host}]" if host and ":" in host else (host or "")
    shown = f"{scheme}://{credentials}{where}{f':{port}' if port else ''}/{quote(database or '', safe='')}"
    if query:
        shown += "?" + urlencode({k: "***" if "pass" in k.lower() else v for k, v in query.items()})
    return Target("postgresql", shown, user=user, password=password, host=host, port=port, database=database,
                  query=tuple(query.items()))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def poll_seconds(value: str | None = None) -> float:
    """``VERSUS_STORE_POLL_SECONDS`` (how often SQLite is polled for new catalog versions), default 30;
    ``StoreSettingInvalid`` when it is not a number from 0.05 to 86,400."""
    raw = value if value is not None else os.environ.get(POLL_SECONDS_ENV, "").strip()
    if not raw:
        return DEFAULT_POLL_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = float("nan")
    if not 0.05 <= seconds <= 86_400:
        raise StoreSettingInvalid(f"{POLL_SECONDS_ENV} must be a number of seconds from 0.05 to 86400, not '{_short(raw)}'")
    return seconds
