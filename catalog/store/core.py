"""The store: source snapshots, catalog versions and their changes, in SQLite or PostgreSQL; servers'
settings, workloads and watches (``store.servers``, ``servers.py``) and the alerts outbox
(``store.outbox``, ``alerts.py``).

Open it with ``await Store.open(url)`` or ``async with Store.open(url) as store``; ``url`` None means
``VERSUS_DATABASE_URL``, else the embedded file (see ``catalog.store.url``). Every method is a coroutine
on SQLAlchemy's async Core; nothing here knows of Discord.

Writes are transactions: on SQLite they begin with ``BEGIN IMMEDIATE`` (the file's write lock is taken
at once, so two writers queue rather than fail half-way), the file is in WAL mode (readers never wait
for a writer) and a busy file is waited on for ``BUSY_SECONDS``. On PostgreSQL a new catalog version is
announced with ``NOTIFY`` on ``VERSIONS_CHANNEL`` in the transaction that writes it, so it is heard
exactly when it is committed.

Retention: the newest ``KEEP_SNAPSHOTS`` snapshots of each source are kept with their payload (older
ones are deleted); every catalog version's row and changes are kept for history, its payload only for
the newest ``KEEP_VERSIONS`` versions.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import socket
import sqlite3
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Generator,
    Mapping,
    Sequence,
)
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, delete, event, func, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from catalog.changes import Change
from catalog.errors import StoreBehind, StoreUnavailable
from catalog.store import alerts
from catalog.store import migrate as migrations
from catalog.store.alerts import Outbox
from catalog.store.records import (
    SnapshotRecord,
    VersionRecord,
    change_from_row,
    change_row,
)
from catalog.store.servers import Servers
from catalog.store.tables import catalog_versions, leases, source_snapshots
from catalog.store.tables import changes as changes_table
from catalog.store.url import Target, target
from catalog.store.url import poll_seconds as configured_poll_seconds

log = logging.getLogger("catalog.store")

KEEP_SNAPSHOTS = 3
KEEP_VERSIONS = 10
CONNECT_SECONDS = 10.0
"""How long opening waits for the database to answer before it is called unreachable."""
BUSY_SECONDS = 30.0
"""How long SQLite waits for another process's write lock."""
VERSIONS_CHANNEL = "versus_catalog_versions"
REFRESH_LOCK = 0x7665_7273_7573_0002  # "versus" + 2: the refresh's pg_try_advisory_lock key
LEASE_SECONDS = 60.0
"""A SQLite lease lasts this long unless its holder renews it (every third of it)."""

_VERSION_COLUMNS = [c for c in catalog_versions.c if c.name != "payload"]
_SNAPSHOT_COLUMNS = [c for c in source_snapshots.c if c.name not in ("payload", "id")]
_CHANGE_COLUMNS = [c for c in changes_table.c if c.name not in ("id", "version_id")]


class Store:
    """One database: see the module docstring. ``dialect`` is ``"sqlite"`` or ``"postgresql"``;
    ``display_url`` the URL with its password replaced by ``***``."""

    def __init__(self, engine: AsyncEngine, where: Target, poll_seconds: float):
        self._engine = engine
        self._writer = engine.execution_options(versus_write=True)
        self._target = where
        self.dialect: str = where.dialect
        self.display_url: str = where.display
        self.poll_seconds = poll_seconds
        self.lease_seconds = LEASE_SECONDS
        self.servers = Servers(self)  # servers' settings, workloads and watches (issue 10)
        self.outbox = Outbox(self)  # the alerts waiting to be posted
        self.revision: str | None = None  # the database's revision once open (migrate.HEAD)
        self.migrated_from: str | None = None  # and before this open migrated it (None: it was empty)

    # -- opening and closing --------------------------------------------------------------------------

    @classmethod
    def open(
        cls, url: str | None = None, *, migrate: bool = True, poll_seconds: float | None = None
    ) -> _Opening:
        """Open the store (``await Store.open(...)``, or ``async with Store.open(...) as store``).

        ``migrate``: bring the database to the newest revision first (else a database behind it is
        refused). A database that cannot be opened or migrated raises ``StoreUnavailable`` with one
        line naming the database (password redacted) and what failed."""
        return _Opening(cls._open(url, migrate=migrate, poll_seconds=poll_seconds))

    @classmethod
    async def _open(cls, url: str | None, *, migrate: bool, poll_seconds: float | None) -> Store:
        where = target(url)
        poll = configured_poll_seconds() if poll_seconds is None else poll_seconds
        _prepare_folder(where)
        engine = _engine(where)
        store = cls(engine, where, poll)
        step = "open"
        try:
            if where.path is not None:
                _sqlite_wal(where.path)
            found = await asyncio.wait_for(migrations.require_known(engine), CONNECT_SECONDS + 2)  # also the first contact
            step = "migrate"
            if migrate:
                store.migrated_from, store.revision = await migrations.upgrade(engine, store._writer, found)
                if store.migrated_from != store.revision:
                    log.info("the database at %s migrated from revision %s to %s", where.display, store.migrated_from or "none", store.revision)
            else:
                store.revision = found
                if store.revision != migrations.HEAD:
                    raise StoreBehind(
                        f"the database at {where.display} is at revision {store.revision or 'none'}, "
                        f"this Versus needs {migrations.HEAD}; run `versus db upgrade`"
                    )
        except StoreUnavailable:
            await engine.dispose()
            raise
        except migrations.RevisionUnknown as exc:
            await engine.dispose()
            raise StoreUnavailable(
                f"the database at {where.display} is at revision {exc.revision}, newer than this Versus "
                f"knows ({migrations.HEAD}); upgrade Versus"
            ) from None
        except (TimeoutError, Exception) as exc:  # noqa: BLE001 - worded once, here
            await engine.dispose()
            doing = "cannot open" if step == "open" else f"cannot migrate to revision {migrations.HEAD}"
            raise StoreUnavailable(f"{doing} the database at {where.display} ({_reason(exc, where)}); {_hint(where)}") from None
        return store

    async def close(self) -> None:
        await self._engine.dispose()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<Store {self.display_url}>"

    # -- transactions ---------------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncConnection]:
        async with self._writer.begin() as conn:
            yield conn

    @contextlib.asynccontextmanager
    async def _read(self) -> AsyncIterator[AsyncConnection]:
        async with self._engine.connect() as conn:
            yield conn

    # -- source snapshots -----------------------------------------------------------------------------

    async def save_snapshot(self, meta: SnapshotRecord, payload: bytes) -> None:
        """Keep ``payload`` (gzip, as the caller made it) as ``meta.source``'s newest good snapshot."""
        async with self._write() as conn:
            await _insert_snapshots(conn, [(meta, payload)])

    async def last_snapshot(self, source: str) -> tuple[SnapshotRecord, bytes] | None:
        """The newest good snapshot of ``source`` and its payload, or None when there is none."""
        query = (
            select(*_SNAPSHOT_COLUMNS, source_snapshots.c.payload)
            .where(source_snapshots.c.source == source)
            .order_by(source_snapshots.c.id.desc())
            .limit(1)
        )
        async with self._read() as conn:
            row = (await conn.execute(query)).mappings().first()
        return None if row is None else (SnapshotRecord.from_row(row), bytes(row["payload"]))

    async def snapshot_records(self) -> dict[str, SnapshotRecord]:
        """The newest good snapshot of each source, without payloads, by source name."""
        newest = select(func.max(source_snapshots.c.id)).group_by(source_snapshots.c.source)
        query = select(*_SNAPSHOT_COLUMNS).where(source_snapshots.c.id.in_(newest)).order_by(source_snapshots.c.source)
        async with self._read() as conn:
            rows = (await conn.execute(query)).mappings().all()
        return {row["source"]: SnapshotRecord.from_row(row) for row in rows}

    # -- catalog versions -----------------------------------------------------------------------------

    async def latest_version(self) -> VersionRecord | None:
        """The newest catalog version (without its payload), or None when no refresh was ever stored."""
        query = select(*_VERSION_COLUMNS).order_by(catalog_versions.c.id.desc()).limit(1)
        async with self._read() as conn:
            row = (await conn.execute(query)).mappings().first()
        return None if row is None else VersionRecord.from_row(row)

    async def load_version(self, version_id: int | None = None) -> tuple[VersionRecord, bytes] | None:
        """A catalog version and its payload (None: the newest); None when there is no such version or
        its payload was pruned (``KEEP_VERSIONS``)."""
        query = select(*_VERSION_COLUMNS, catalog_versions.c.payload).where(catalog_versions.c.payload.is_not(None))
        if version_id is None:
            query = query.order_by(catalog_versions.c.id.desc()).limit(1)
        else:
            query = query.where(catalog_versions.c.id == version_id)
        async with self._read() as conn:
            row = (await conn.execute(query)).mappings().first()
        return None if row is None else (VersionRecord.from_row(row), bytes(row["payload"]))

    async def save_version(
        self,
        payload: bytes,
        *,
        as_of: dt.date,
        models: int,
        routes: int,
        sources: Mapping[str, Any],
        summary: str,
        changes: Sequence[Change],
        snapshots: Sequence[tuple[SnapshotRecord, bytes]] = (),
    ) -> VersionRecord:
        """Store a new catalog version, its changes, the alerts they raise (every watch a change concerns,
        ``catalog.store.alerts``) and the snapshots it accepted, in one transaction (all or nothing), then
        tell other processes (PostgreSQL: ``NOTIFY``, payload the version id).

        ``payload``: the catalog as gzip JSON, made by the caller; ``sources``: JSON (e.g. each
        source's label and fetch time)."""
        created = dt.datetime.now(dt.UTC)
        sources = json.loads(json.dumps(dict(sources)))  # as it will read back; refuses what JSON cannot hold
        row = {
            "created_at": created,
            "as_of": as_of,
            "models": models,
            "routes": routes,
            "sha256": hashlib.sha256(payload).hexdigest(),
            "sources": sources,
            "summary": summary,
            "payload": payload,
        }
        async with self._write() as conn:
            result = await conn.execute(insert(catalog_versions).values(row))
            version_id = int(result.inserted_primary_key[0])
            if changes:
                await conn.execute(insert(changes_table), [change_row(version_id, c) for c in changes])
                await alerts.queue(conn, version_id, changes)
            if snapshots:
                await _insert_snapshots(conn, snapshots)
            await self._prune_versions(conn, version_id)
            if self.dialect == "postgresql":
                await conn.execute(text("SELECT pg_notify(:channel, :id)"), {"channel": VERSIONS_CHANNEL, "id": str(version_id)})
        row.pop("payload")
        return VersionRecord(id=version_id, **row)

    async def _prune_versions(self, conn: AsyncConnection, newest: int) -> None:
        keep = select(catalog_versions.c.id).order_by(catalog_versions.c.id.desc()).limit(KEEP_VERSIONS)
        await conn.execute(
            update(catalog_versions)
            .where(catalog_versions.c.payload.is_not(None), catalog_versions.c.id.not_in(keep.scalar_subquery()))
            .values(payload=None)
        )

    # -- changes --------------------------------------------------------------------------------------

    async def changes(
        self,
        *,
        since: dt.date | None = None,
        vendor: str | None = None,
        model_id: str | None = None,
        provider: str | None = None,
        version_id: int | None = None,
    ) -> list[Change]:
        """The recorded changes that match every filter given, oldest first (by date, then as recorded).

        ``since``: on or after that date; ``vendor`` and ``provider`` match without regard to case."""
        query = self._changes_query(since=since, vendor=vendor, model_id=model_id, provider=provider, version_id=version_id)
        async with self._read() as conn:
            rows = (await conn.execute(query)).mappings().all()
        return [change_from_row(row) for row in rows]

    async def change_rows(self, version_id: int) -> list[tuple[int, Change]]:
        """The changes one version recorded, each with its row id (what alerts refer to)."""
        query = self._changes_query(version_id=version_id).add_columns(changes_table.c.id)
        async with self._read() as conn:
            rows = (await conn.execute(query)).mappings().all()
        return [(row["id"], change_from_row(row)) for row in rows]

    @staticmethod
    def _changes_query(
        *,
        since: dt.date | None = None,
        vendor: str | None = None,
        model_id: str | None = None,
        provider: str | None = None,
        version_id: int | None = None,
    ) -> Select[Any]:
        c = changes_table.c
        where = []
        if since is not None:
            where.append(c.date >= since)
        if vendor is not None:
            where.append(func.lower(c.vendor) == vendor.strip().lower())
        if model_id is not None:
            where.append(c.model_id == model_id)
        if provider is not None:
            where.append(func.lower(c.provider) == provider.strip().lower())
        if version_id is not None:
            where.append(c.version_id == version_id)
        return select(*_CHANGE_COLUMNS).where(and_(True, *where)).order_by(c.date, c.id)

    # -- one refresh at a time ------------------------------------------------------------------------

    def refresh_lock(self) -> contextlib.AbstractAsyncContextManager[bool]:
        """``async with store.refresh_lock() as held``: ``held`` is True when this process may refresh
        (no other process holds the lock), False at once otherwise (it never waits).

        PostgreSQL: ``pg_try_advisory_lock`` on a connection of its own, closed on leaving (a process
        that dies lets go with its connection). SQLite: a lease row renewed while held and taken over
        once ``lease_seconds`` pass without renewal."""
        if self.dialect == "postgresql":
            return self._advisory_lock(REFRESH_LOCK)
        return self._lease("refresh")

    @contextlib.asynccontextmanager
    async def _advisory_lock(self, key: int) -> AsyncGenerator[bool, None]:
        conn = await self._raw_connection()
        try:
            held = bool(await conn.fetchval("SELECT pg_try_advisory_lock($1)", migrations._signed(key)))
            yield held
        finally:
            await _close_raw(conn)

    @contextlib.asynccontextmanager
    async def _lease(self, name: str) -> AsyncGenerator[bool, None]:
        holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(6)}"[:200]
        held = await self._take_lease(name, holder)
        renewing = asyncio.create_task(self._renew_lease(name, holder), name=f"lease {name}") if held else None
        try:
            yield held
        finally:
            if renewing is not None:
                renewing.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await renewing
                await asyncio.shield(self._drop_lease(name, holder))

    async def _take_lease(self, name: str, holder: str) -> bool:
        now = dt.datetime.now(dt.UTC)
        expires = now + dt.timedelta(seconds=self.lease_seconds)
        async with self._write() as conn:
            row = (await conn.execute(select(leases).where(leases.c.name == name))).mappings().first()
            if row is None:
                await conn.execute(insert(leases).values(name=name, holder=holder, expires_at=expires))
                return True
            if row["expires_at"] > now and row["holder"] != holder:
                return False
            await conn.execute(update(leases).where(leases.c.name == name).values(holder=holder, expires_at=expires))
            return True

    async def _renew_lease(self, name: str, holder: str) -> None:
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                expires = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self.lease_seconds)
                async with self._write() as conn:
                    result = await conn.execute(
                        update(leases).where(leases.c.name == name, leases.c.holder == holder).values(expires_at=expires)
                    )
                if result.rowcount == 0:
                    log.warning("the %s lease was taken over by another process while this one held it", name)
                    return
            except Exception as exc:  # noqa: BLE001 - keep holding; the next renewal tries again
                log.warning("could not renew the %s lease (%s)", name, _reason(exc, self._target))

    async def _drop_lease(self, name: str, holder: str) -> None:
        try:
            async with self._write() as conn:
                await conn.execute(delete(leases).where(leases.c.name == name, leases.c.holder == holder))
        except Exception as exc:  # noqa: BLE001 - it expires by itself
            log.warning("could not release the %s lease (%s); it expires by itself", name, _reason(exc, self._target))

    # -- hearing of new versions ----------------------------------------------------------------------

    async def watch_versions(self, poll_seconds: float | None = None, *, after: int | None = None) -> AsyncIterator[int]:
        """The id of each catalog version written from now on (after ``after``, when given), by this
        process or any other, oldest first, forever.

        PostgreSQL: woken at once by ``NOTIFY`` (a ``LISTEN`` connection of its own, reconnected when
        it drops), and polling every ``poll_seconds`` as the fallback; SQLite: polling every
        ``poll_seconds`` (default: the store's ``VERSUS_STORE_POLL_SECONDS``). A database that stops
        answering logs one line and is tried again at the next poll; the iteration goes on. Close it
        with ``aclose()`` (or ``contextlib.aclosing``) to let go of the listening connection at once."""
        poll = self.poll_seconds if poll_seconds is None else poll_seconds
        wake = asyncio.Event()
        listener = _Listener(self, wake) if self.dialect == "postgresql" else None
        last = after
        failing = False
        try:
            while True:
                if listener is not None:
                    await listener.ensure()
                wake.clear()
                try:
                    async with self._read() as conn:
                        if last is None:
                            last = (await conn.execute(select(func.max(catalog_versions.c.id)))).scalar() or 0
                            found: Sequence[int] = ()
                        else:
                            query = select(catalog_versions.c.id).where(catalog_versions.c.id > last).order_by(catalog_versions.c.id)
                            found = (await conn.execute(query)).scalars().all()
                    if failing:
                        log.info("the database at %s answers again", self.display_url)
                        failing = False
                except Exception as exc:  # noqa: BLE001 - reported once per outage, tried again at the next poll
                    if not failing:
                        log.warning("cannot read new catalog versions (%s); trying again every %g s", _reason(exc, self._target), poll)
                        failing = True
                    found = ()
                for version_id in found:
                    last = version_id
                    yield version_id
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(wake.wait(), poll)
        finally:
            if listener is not None:
                await listener.close()

    # -- PostgreSQL connections of their own ----------------------------------------------------------

    async def _raw_connection(self) -> Any:
        """A new asyncpg connection outside the pool (for LISTEN and session advisory locks)."""
        import asyncpg

        params = self._target.asyncpg_params()
        params.setdefault("timeout", CONNECT_SECONDS)
        try:
            return await asyncpg.connect(**params)
        except (TimeoutError, Exception) as exc:  # noqa: BLE001
            raise StoreUnavailable(
                f"cannot open the database at {self.display_url} ({_reason(exc, self._target)}); {_hint(self._target)}"
            ) from None


class _Opening:
    """What ``Store.open`` returns: await it for the store, or use it with ``async with`` (closed on leaving)."""

    def __init__(self, opening: Awaitable[Store]):
        self._opening = opening
        self._store: Store | None = None

    def __await__(self) -> Generator[Any, None, Store]:
        return self._opening.__await__()

    async def __aenter__(self) -> Store:
        self._store = await self._opening
        return self._store

    async def __aexit__(self, *exc: object) -> None:
        if self._store is not None:
            await self._store.close()


class _Listener:
    """A LISTEN connection that sets ``wake`` on each NOTIFY, reconnected (and ``wake`` set, to catch up)
    whenever it was lost."""

    def __init__(self, store: Store, wake: asyncio.Event):
        self._store = store
        self._wake = wake
        self._conn: Any = None
        self._failing = False

    def _notified(self, *_: object) -> None:
        self._wake.set()

    async def ensure(self) -> None:
        if self._conn is not None and not self._conn.is_closed():
            return
        self._conn = None
        try:
            conn = await self._store._raw_connection()
            await conn.add_listener(VERSIONS_CHANNEL, self._notified)
            conn.add_termination_listener(self._notified)
        except Exception as exc:  # noqa: BLE001 - polling goes on; the next round tries again
            if not self._failing:
                log.warning("cannot listen for new catalog versions (%s); polling meanwhile", exc)
                self._failing = True
            return
        self._conn = conn
        self._failing = False
        self._wake.set()  # a version may have been written while nobody listened

    async def close(self) -> None:
        if self._conn is not None:
            await _close_raw(self._conn)
            self._conn = None


async def _close_raw(conn: Any) -> None:
    """Close an asyncpg connection, at once if it does not close cleanly (its session locks go with it)."""
    try:
        await asyncio.shield(conn.close(timeout=5))
    except BaseException:
        conn.terminate()
        raise


async def _insert_snapshots(conn: AsyncConnection, snapshots: Sequence[tuple[SnapshotRecord, bytes]]) -> None:
    await conn.execute(insert(source_snapshots), [{**meta.columns(), "payload": payload} for meta, payload in snapshots])
    for source in {meta.source for meta, _ in snapshots}:
        keep = (
            select(source_snapshots.c.id)
            .where(source_snapshots.c.source == source)
            .order_by(source_snapshots.c.id.desc())
            .limit(KEEP_SNAPSHOTS)
        )
        await conn.execute(
            delete(source_snapshots).where(
                source_snapshots.c.source == source, source_snapshots.c.id.not_in(keep.scalar_subquery())
            )
        )


# -- engines ------------------------------------------------------------------------------------------


def _prepare_folder(where: Target) -> None:
    """The embedded file's folder is made; a folder named in a URL must exist."""
    if where.path is None:
        return
    folder = where.path.parent
    if where.default:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(
                f"cannot make the folder {folder} for the database ({exc.strerror or exc.__class__.__name__}); "
                "set XDG_DATA_HOME or VERSUS_DATABASE_URL"
            ) from None
    elif not folder.is_dir():
        raise StoreUnavailable(f"cannot open the database at {where.display} (the folder {folder} does not exist)")
    if where.path.is_dir():
        raise StoreUnavailable(f"cannot open the database at {where.display} (it is a folder, not a file)")


def _engine(where: Target) -> AsyncEngine:
    if where.dialect == "postgresql":
        return create_async_engine(
            where.sqlalchemy_url(),
            pool_pre_ping=True,  # a connection that dropped is replaced, not handed out
            pool_size=5,
            max_overflow=10,
            connect_args={"timeout": CONNECT_SECONDS, "server_settings": {"application_name": "versus"}},
        )
    options: dict[str, Any] = {"connect_args": {"timeout": BUSY_SECONDS}}
    if where.path is None:
        options["poolclass"] = StaticPool  # one in-memory database, shared by every use
    engine = create_async_engine(where.sqlalchemy_url(), **options)
    event.listen(engine.sync_engine, "connect", _sqlite_connect)
    event.listen(engine.sync_engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the store says when transactions begin (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    for pragma in ("synchronous=NORMAL", "foreign_keys=ON"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_wal(path: Path) -> None:
    """Put the file in WAL mode (it stays so), once, before any pooled connection opens it.

    Changing the journal mode needs the file to itself and does not wait for a busy file the way
    other statements do, so two processes creating the file at once retry here until ``BUSY_SECONDS``
    (a new file only: a file once in WAL mode answers at once)."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        db = sqlite3.connect(path, timeout=BUSY_SECONDS)
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        finally:
            db.close()
        time.sleep(0.05)


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("versus_write") else "BEGIN")


def _hint(where: Target) -> str:
    if where.dialect == "postgresql":
        return "check that the server is running and VERSUS_DATABASE_URL"
    return "check VERSUS_DATABASE_URL" if not where.default else "check XDG_DATA_HOME or set VERSUS_DATABASE_URL"


def _reason(exc: BaseException, where: Target) -> str:
    return where.reason(exc, CONNECT_SECONDS)
