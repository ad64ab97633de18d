"""The newest catalog version, read without SQLAlchemy or Alembic: for starting a command fast.

``newest_version()`` answers None at the cost of one ``stat`` when the embedded SQLite file does not
exist (a fresh install, or nobody ever refreshed), and otherwise reads one row with the standard
library's ``sqlite3`` (read-only: it never creates or migrates anything) or with asyncpg alone. What it
returns is what ``Store.load_version()`` returns. The bot, which keeps the store open, uses ``Store``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from catalog.errors import StoreUnavailable
from catalog.store.records import VersionRecord
from catalog.store.url import Target, target

CONNECT_SECONDS = 10.0
_QUERY = (
    "SELECT id, created_at, as_of, models, routes, sha256, sources, summary, payload FROM catalog_versions "
    "WHERE payload IS NOT NULL ORDER BY id DESC LIMIT 1"
)


def newest_version(url: str | None = None) -> tuple[VersionRecord, bytes] | None:
    """The newest stored catalog version and its payload; None when there is none (no database file, no
    tables yet, no version). ``StoreUnavailable`` (one line, no password) when the database is there but
    cannot be read. Not for use inside a running event loop on PostgreSQL (it runs its own)."""
    where = target(url)
    if where.dialect == "sqlite":
        return _sqlite(where)
    import asyncio  # PostgreSQL only: a command reading SQLite pays for no event loop

    try:
        return asyncio.run(asyncio.wait_for(_postgresql(where), CONNECT_SECONDS + 2))
    except StoreUnavailable:
        raise
    except (TimeoutError, Exception) as exc:  # noqa: BLE001 - worded once, here
        raise StoreUnavailable(f"cannot read the database at {where.display} ({_reason(exc, where)}); "
                               "check that the server is running and VERSUS_DATABASE_URL") from None


def _sqlite(where: Target) -> tuple[VersionRecord, bytes] | None:
    if where.path is None or not where.path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{where.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise StoreUnavailable(f"cannot read the database at {where.display} ({_reason(exc, where)})") from None
    try:
        row = db.execute(_QUERY).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise StoreUnavailable(f"cannot read the database at {where.display} ({_reason(exc, where)})") from None
    except sqlite3.Error as exc:
        raise StoreUnavailable(f"cannot read the database at {where.display} ({_reason(exc, where)})") from None
    finally:
        db.close()
    if row is None:
        return None
    vid, created, as_of, models, routes, sha, sources, summary, payload = row
    created_at = dt.datetime.fromisoformat(created)
    created_at = created_at.replace(tzinfo=dt.UTC) if created_at.tzinfo is None else created_at.astimezone(dt.UTC)
    record = VersionRecord(vid, created_at, dt.date.fromisoformat(as_of), models, routes, sha, _json(sources), summary)
    return record, bytes(payload)


async def _postgresql(where: Target) -> tuple[VersionRecord, bytes] | None:
    import asyncpg

    conn = await asyncpg.connect(**where.asyncpg_params(), timeout=CONNECT_SECONDS)
    try:
        try:
            row = await conn.fetchrow(_QUERY)
        except asyncpg.UndefinedTableError:
            return None
    finally:
        await conn.close()
    if row is None:
        return None
    record = VersionRecord(
        row["id"], row["created_at"].astimezone(dt.UTC), row["as_of"], row["models"], row["routes"], row["sha256"],
        _json(row["sources"]), row["summary"],
    )
    return record, bytes(row["payload"])


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _reason(exc: BaseException, where: Target) -> str:  # asyncio's TimeoutError is the builtin one
    return where.reason(exc, CONNECT_SECONDS)
