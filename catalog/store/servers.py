"""What the store keeps for each Discord server (issue 10): its settings, named workloads and watches.

``store.servers`` (a ``Servers``) is the interface. Every read and write names one guild id, and no query
here reaches another guild's rows: server A never sees or changes server B's. ``forget(guild_id)``
deletes all of a server's rows (``/settings reset``, or when it removes the bot).

Reading a server's settings is cached per server in this process and the cache is dropped by every write
of that server's settings; one process answers a server's interactions (the one holding its shard), so
the writes that matter go through its own cache.

Plain records only: no Discord objects, and a workload is stored as the numbers a person gave (the
surfaces check them with the engine before storing).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import contextlib
from collections.abc import AsyncIterator

from sqlalchemy import and_, delete, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from catalog.store.tables import alert_batches, server_settings, watches, workloads

if TYPE_CHECKING:
    from catalog.store.core import Store

MAX_WORKLOADS = 25
"""Named workloads a server may keep (what one autocomplete list shows)."""
MAX_WATCHES = 50
"""Watches a server may keep."""
MAX_PROVIDERS = 25
CACHE_SERVERS = 20_000
"""Servers whose settings a process keeps in memory (least recently used dropped first)."""

GUILD_LOCK_SPACE = 0x7673  # "vs": the first key of a server's advisory lock on PostgreSQL (the second: _lock_key)

WATCH_KINDS = ("model", "vendor", "everything")
EVERYTHING = "*"


@dataclass(frozen=True, slots=True)
class Workload:
    """A traffic as a person states it: ``requests`` per ``per`` ("month" or "day") of ``input_tokens`` in
    and ``output_tokens`` out, ``cached`` the share of input served from cache and ``batch`` the share of
    requests sent through a batch API (0 to 1, exact)."""

    requests: int
    per: str
    input_tokens: int
    output_tokens: int
    cached: Decimal = Decimal(0)
    batch: Decimal = Decimal(0)

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "per": self.per,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cached": str(self.cached),
            "batch": str(self.batch),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Workload:
        return cls(
            requests=int(data["requests"]),
            per=str(data["per"]),
            input_tokens=int(data["input_tokens"]),
            output_tokens=int(data["output_tokens"]),
            cached=Decimal(str(data.get("cached", "0"))),
            batch=Decimal(str(data.get("batch", "0"))),
        )


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """A server's settings: its workload (None: the defaults) and the providers it may buy from (empty:
    every provider)."""

    guild_id: int
    workload: Workload | None = None
    providers: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return self.workload is None and not self.providers


@dataclass(frozen=True, slots=True)
class NamedWorkload:
    guild_id: int
    name: str
    workload: Workload


@dataclass(frozen=True, slots=True)
class Watch:
    """A server's watch: changes to ``target`` (a model id, a vendor, or everything) posted to
    ``channel_id``; with a ``threshold``, only price changes of at least that many percent (either way).
    ``broken`` says why the bot can no longer post there (None: it can)."""

    id: int
    guild_id: int
    channel_id: int
    kind: str
    target: str
    label: str
    threshold: Decimal | None
    created_at: dt.datetime
    created_by: int | None = None
    broken: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Watch:
        return cls(
            id=row["id"],
            guild_id=row["guild_id"],
            channel_id=row["channel_id"],
            kind=row["kind"],
            target=row["target"],
            label=row["label"],
            threshold=Decimal(row["threshold"]) if row["threshold"] is not None else None,
            created_at=row["created_at"],
            created_by=row["created_by"],
            broken=row["broken"],
        )


class LimitReached(Exception):
    """A server already keeps as many of something as it may (one line for the person)."""


@dataclass
class _Cache:
    entries: OrderedDict[int, ServerSettings] = field(default_factory=OrderedDict)
    hits: int = 0
    misses: int = 0
    generation: int = 0
    """Counts the drops: a read that began before a drop must not cache what it read (it may be older)."""

    def get(self, guild_id: int) -> ServerSettings | None:
        found = self.entries.get(guild_id)
        if found is None:
            self.misses += 1
            return None
        self.entries.move_to_end(guild_id)
        self.hits += 1
        return found

    def put(self, settings: ServerSettings) -> None:
        self.entries[settings.guild_id] = settings
        self.entries.move_to_end(settings.guild_id)
        while len(self.entries) > CACHE_SERVERS:
            self.entries.popitem(last=False)

    def drop(self, guild_id: int) -> None:
        self.entries.pop(guild_id, None)
        self.generation += 1


def _lock_key(guild_id: int) -> int:
    """The server's id folded into PostgreSQL's 32-bit lock key (two servers sharing one only wait in turn)."""
    folded = (guild_id ^ (guild_id >> 32)) & 0xFFFF_FFFF
    return folded - (1 << 32) if folded >= 1 << 31 else folded


def workload_key(name: str) -> str:
    """What makes two workload names the same: trimmed, inner spaces collapsed, any case."""
    return " ".join(name.split()).casefold()


class Servers:
    """Servers' rows in one store (``store.servers``): see the module docstring."""

    def __init__(self, store: Store):
        self._store = store
        self.cache = _Cache()

    # -- settings -------------------------------------------------------------------------------------

    def cached(self, guild_id: int) -> ServerSettings | None:
        """The server's settings if this process has them in memory (no database), else None."""
        return self.cache.get(guild_id)

    async def settings(self, guild_id: int) -> ServerSettings:
        """The server's settings (the defaults when it saved none); cached until they change."""
        found = self.cache.get(guild_id)
        if found is not None:
            return found
        query = select(server_settings.c.workload, server_settings.c.providers).where(server_settings.c.guild_id == guild_id)
        generation = self.cache.generation
        async with self._store._read() as conn:
            row = (await conn.execute(query)).first()
        settings = ServerSettings(guild_id)
        if row is not None:
            settings = ServerSettings(
                guild_id,
                Workload.from_json(row.workload) if row.workload is not None else None,
                tuple(row.providers or ()),
            )
        if self.cache.generation == generation:  # else a write came meanwhile: what was read may be older
            self.cache.put(settings)
        return settings

    @contextlib.asynccontextmanager
    async def _guild_write(self, guild_id: int) -> AsyncIterator[AsyncConnection]:
        """A write transaction holding the server's lock: one write of a server's rows at a time, whichever
        process writes (SQLite: every write is, BEGIN IMMEDIATE; PostgreSQL: a transaction advisory lock on
        the server, without which two first saves of a server collide on its key and two saves may pass a
        limit together)."""
        async with self._store._write() as conn:
            if self._store.dialect == "postgresql":
                await conn.execute(text("SELECT pg_advisory_xact_lock(:space, :key)"), {"space": GUILD_LOCK_SPACE, "key": _lock_key(guild_id)})
            yield conn

    async def set_workload(self, guild_id: int, workload: Workload | None) -> ServerSettings:
        """Save the server's workload (None: back to the defaults); its new settings."""
        return await self._save(guild_id, workload=workload.to_json() if workload is not None else None)

    async def set_providers(self, guild_id: int, providers: Sequence[str]) -> ServerSettings:
        """Save the providers the server may buy from (empty: every provider); its new settings."""
        chosen = tuple(dict.fromkeys(p for p in providers))
        if len(chosen) > MAX_PROVIDERS:
            raise LimitReached(f"at most {MAX_PROVIDERS} providers")
        return await self._save(guild_id, providers=list(chosen) or None)

    async def _save(self, guild_id: int, **values: Any) -> ServerSettings:
        now = dt.datetime.now(dt.UTC)
        self.cache.drop(guild_id)
        async with self._guild_write(guild_id) as conn:
            exists = (await conn.execute(select(server_settings.c.guild_id).where(server_settings.c.guild_id == guild_id))).first()
            if exists is None:
                await conn.execute(insert(server_settings).values(guild_id=guild_id, updated_at=now, **{"workload": None, "providers": None, **values}))
            else:
                await conn.execute(update(server_settings).where(server_settings.c.guild_id == guild_id).values(updated_at=now, **values))
        self.cache.drop(guild_id)  # a read that raced the write must not keep the old settings
        return await self.settings(guild_id)

    async def forget(self, guild_id: int) -> None:
        """Delete every row of the server: settings, workloads, watches and their queued alerts."""
        self.cache.drop(guild_id)
        async with self._guild_write(guild_id) as conn:
            await conn.execute(delete(alert_batches).where(alert_batches.c.guild_id == guild_id))
            await conn.execute(delete(watches).where(watches.c.guild_id == guild_id))
            await conn.execute(delete(workloads).where(workloads.c.guild_id == guild_id))
            await conn.execute(delete(server_settings).where(server_settings.c.guild_id == guild_id))
        self.cache.drop(guild_id)

    # -- named workloads ------------------------------------------------------------------------------

    async def save_workload(self, guild_id: int, name: str, workload: Workload) -> NamedWorkload:
        """Save (or replace) the server's workload ``name``; ``LimitReached`` past ``MAX_WORKLOADS``."""
        shown = " ".join(name.split())
        key = workload_key(name)
        now = dt.datetime.now(dt.UTC)
        async with self._guild_write(guild_id) as conn:
            where = and_(workloads.c.guild_id == guild_id, workloads.c.key == key)
            await conn.execute(delete(workloads).where(where))
            count = (await conn.execute(select(func.count()).select_from(workloads).where(workloads.c.guild_id == guild_id))).scalar()
            if count >= MAX_WORKLOADS:
                raise LimitReached(f"this server already keeps {MAX_WORKLOADS} workloads; delete one first")
            await conn.execute(
                insert(workloads).values(guild_id=guild_id, name=shown, key=key, workload=workload.to_json(), updated_at=now)
            )
        return NamedWorkload(guild_id, shown, workload)

    async def workload(self, guild_id: int, name: str) -> NamedWorkload | None:
        query = select(workloads.c.name, workloads.c.workload).where(
            workloads.c.guild_id == guild_id, workloads.c.key == workload_key(name)
        )
        async with self._store._read() as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else NamedWorkload(guild_id, row.name, Workload.from_json(row.workload))

    async def workloads(self, guild_id: int) -> list[NamedWorkload]:
        query = select(workloads.c.name, workloads.c.workload).where(workloads.c.guild_id == guild_id).order_by(workloads.c.key)
        async with self._store._read() as conn:
            rows = (await conn.execute(query)).all()
        return [NamedWorkload(guild_id, row.name, Workload.from_json(row.workload)) for row in rows]

    async def delete_workload(self, guild_id: int, name: str) -> bool:
        """True when the server had a workload of that name."""
        async with self._guild_write(guild_id) as conn:
            result = await conn.execute(
                delete(workloads).where(workloads.c.guild_id == guild_id, workloads.c.key == workload_key(name))
            )
        return bool(result.rowcount)

    # -- watches --------------------------------------------------------------------------------------

    async def add_watch(
        self,
        guild_id: int,
        channel_id: int,
        kind: str,
        target: str,
        label: str,
        threshold: Decimal | None = None,
        created_by: int | None = None,
    ) -> tuple[Watch, bool]:
        """Watch ``target`` in ``channel_id``: (the watch, True when new). The same target and channel again
        replaces its threshold and mends a broken watch. ``LimitReached`` past ``MAX_WATCHES``."""
        if kind not in WATCH_KINDS:
            raise ValueError(f"kind must be one of {', '.join(WATCH_KINDS)}")
        if threshold is not None and not (threshold.is_finite() and threshold > 0):
            raise ValueError(f"a threshold must be a positive number of percent, not {threshold}")  # NaN would fail every refresh
        now = dt.datetime.now(dt.UTC)
        values = {"label": label, "threshold": str(threshold) if threshold is not None else None, "broken": None}
        async with self._guild_write(guild_id) as conn:
            where = and_(watches.c.guild_id == guild_id, watches.c.channel_id == channel_id, watches.c.kind == kind,
                         watches.c.target == target)
            existing = (await conn.execute(select(watches.c.id).where(where))).scalar()
            if existing is not None:
                await conn.execute(update(watches).where(watches.c.id == existing).values(**values))
                watch_id, new = existing, False
            else:
                count = (await conn.execute(select(func.count()).select_from(watches).where(watches.c.guild_id == guild_id))).scalar()
                if count >= MAX_WATCHES:
                    raise LimitReached(f"this server already keeps {MAX_WATCHES} watches; remove one first")
                result = await conn.execute(
                    insert(watches).values(guild_id=guild_id, channel_id=channel_id, kind=kind, target=target,
                                           created_by=created_by, created_at=now, **values)
                )
                watch_id, new = int(result.inserted_primary_key[0]), True
            row = (await conn.execute(select(watches).where(watches.c.id == watch_id))).mappings().one()
        return Watch.from_row(row), new

    async def watches(self, guild_id: int) -> list[Watch]:
        query = select(watches).where(watches.c.guild_id == guild_id).order_by(watches.c.id)
        async with self._store._read() as conn:
            rows = (await conn.execute(query)).mappings().all()
        return [Watch.from_row(row) for row in rows]

    async def remove_watches(self, guild_id: int, kind: str, target: str, channel_id: int | None = None) -> int:
        """Remove the server's watches of ``target`` (in ``channel_id`` only, when given), with their
        queued alerts; how many were removed."""
        where = [watches.c.guild_id == guild_id, watches.c.kind == kind, watches.c.target == target]
        if channel_id is not None:
            where.append(watches.c.channel_id == channel_id)
        async with self._guild_write(guild_id) as conn:
            ids = (await conn.execute(select(watches.c.id).where(*where))).scalars().all()
            if ids:
                await conn.execute(delete(alert_batches).where(alert_batches.c.watch_id.in_(ids)))
                await conn.execute(delete(watches).where(watches.c.id.in_(ids)))
        return len(ids)

    async def mark_broken(self, watch_id: int, reason: str) -> None:
        """The bot can no longer post in the watch's channel: say why; its queued alerts are dropped."""
        async with self._store._write() as conn:
            await conn.execute(update(watches).where(watches.c.id == watch_id).values(broken=reason[:500]))
            await conn.execute(
                update(alert_batches)
                .where(alert_batches.c.watch_id == watch_id, alert_batches.c.status == "pending")
                .values(status="dropped")
            )
