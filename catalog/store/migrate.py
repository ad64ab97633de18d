"""Bringing a database to the store's newest revision with Alembic, safely from several processes at once.

``upgrade`` reads the database's revision first: at ``HEAD`` (every open after the first) it imports no
Alembic and costs one query. Otherwise it takes the migration lock (PostgreSQL: a transaction advisory
lock; SQLite: ``BEGIN IMMEDIATE``, the file's write lock), reads the revision again, and runs Alembic on
that same connection, inside that same transaction: a migration that fails leaves the database as it was.
"""

from __future__ import annotations

import asyncio
import weakref

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

REVISIONS = ("0001", "0002", "0003")
"""Every revision under ``migrations/versions``, oldest first (a test checks this against Alembic's)."""
HEAD = REVISIONS[-1]
SCRIPT_LOCATION = "catalog.store:migrations"
MIGRATE_LOCK = 0x7665_7273_7573_0001  # "versus" + 1: pg_advisory_xact_lock's key while migrating


class RevisionUnknown(Exception):
    """The database is at a revision this Versus does not know (a newer Versus migrated it)."""

    def __init__(self, revision: str):
        super().__init__(revision)
        self.revision = revision


_HAS_TABLE = {
    "sqlite": "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'",
    # a query of the catalog, not to_regclass(): that reads a cache which, in a transaction that waited
    # for the migration lock, may not yet know of the table another process just made
    "postgresql": "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'alembic_version'",
}


async def current(conn: AsyncConnection) -> str | None:
    """The database's revision, or None when Alembic never ran on it."""
    if not (await conn.execute(text(_HAS_TABLE[conn.dialect.name]))).scalar():
        return None
    return (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()


async def require_known(engine: AsyncEngine) -> str | None:
    """The database's revision (None: never migrated); ``RevisionUnknown`` when it is newer than this
    Versus knows."""
    async with engine.connect() as conn:
        revision = await current(conn)
    if revision is not None and revision not in REVISIONS:
        raise RevisionUnknown(revision)
    return revision


async def upgrade(engine: AsyncEngine, writer: AsyncEngine, before: str | None) -> tuple[str | None, str]:
    """Bring the database from ``before`` (what ``require_known`` said) to ``HEAD``; returns (the revision
    before, the revision after).

    ``writer``: the same engine with the store's write transactions (``BEGIN IMMEDIATE`` on SQLite)."""
    if before == HEAD:
        return before, HEAD
    async with _in_process(), writer.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _signed(MIGRATE_LOCK)})
        before = await current(conn)  # another process may have migrated while this one waited
        if before is not None and before not in REVISIONS:
            raise RevisionUnknown(before)
        if before != HEAD:
            await conn.run_sync(_alembic_upgrade)
    return before, HEAD


_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()


def _in_process() -> asyncio.Lock:
    """One migration at a time in this process: Alembic's ``context`` and ``op`` are module globals, so two
    stores migrating at once in one event loop would run through each other's state."""
    loop = asyncio.get_running_loop()
    lock = _LOCKS.get(loop)
    if lock is None:
        lock = _LOCKS[loop] = asyncio.Lock()
    return lock


def _alembic_upgrade(connection: Connection) -> None:
    import logging

    from alembic import command

    chatter = logging.getLogger("alembic")  # its plugin and step lines: the store logs one line instead
    level = chatter.level
    chatter.setLevel(logging.WARNING)
    try:
        command.upgrade(alembic_config(connection), HEAD)
    finally:
        chatter.setLevel(level)


def alembic_config(connection: Connection | None = None):  # type: ignore[no-untyped-def]
    """Alembic's configuration for the store's migrations (no ini file); ``connection``: run on it."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _signed(key: int) -> int:
    """A 64-bit lock key as PostgreSQL's bigint (signed)."""
    return key - (1 << 64) if key >= 1 << 63 else key
