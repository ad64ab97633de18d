"""Price-change alerts (issue 10): which watches a change concerns, and the outbox that delivers each alert once.

1. **Queued with the version.** ``Store.save_version`` calls ``queue`` in the transaction that stores a
   catalog version and its changes: every change is matched against every watch that is not broken
   (``concerns``), and one ``alert_batches`` row is written per watch that wants any of them (unique on the
   watch and the version), with the watch's threshold as it is then. A version is stored with its alerts,
   or not at all, whichever process refreshed; nothing depends on a bot running.
2. **Claimed by the shard's process.** ``Outbox.claim`` hands a process the pending batches of the servers
   on its shards (``(guild_id >> 22) % shard_count``), one claim at a time, marked claimed until
   ``claim_seconds`` from now so that no other process takes them meanwhile. A batch's changes are the
   version's changes its watch wants, worked out again from its target and queued threshold.
3. **Sent once.** The sender posts a batch with Discord's ``nonce`` and ``enforce_nonce`` (``AlertBatch.nonce``,
   the same for the same batch), then marks it ``sent``. A process that dies between the two leaves the
   batch claimed; its claim is taken back at once by the same holder (a restart with the same shards) or
   when it lapses by another, and posted again with the same nonce, which Discord answers with the message
   it already made: each alert once per watch and change, nothing lost, nothing posted twice.
   ``retry`` puts a batch back until a time (a 429's retry-after); ``drop`` gives one up (Discord refused its
   body); ``Servers.mark_broken`` drops the queued batches of a channel the bot can no longer post in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, Integer, and_, func, insert, literal, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from catalog.changes import Change, ChangeKind
from catalog.store.records import change_from_row
from catalog.store.servers import Watch
from catalog.store.tables import alert_batches, changes as changes_table, watches

if TYPE_CHECKING:
    from catalog.store.core import Store

CLAIM_SECONDS = 30.0
"""How long a claimed batch is left to its process before another claim may take it (keep it well
inside the few minutes Discord remembers a nonce)."""
NONCE_LENGTH = 25  # Discord's limit
OUTBOX_LOCK = 0x7665_7273_7573_0003  # "versus" + 3: pg_advisory_xact_lock's key while claiming


def concerns(kind: str, target: str, threshold: Decimal | None, change: Change) -> bool:
    """Whether a watch of ``target`` (a model id, a casefolded vendor name, or everything) wants ``change``.

    Without a threshold, every change of the target counts (a model added, a route added, deprecated,
    retired or removed, a price or a context window changed). With one, only price changes of at least
    ``threshold`` percent either way: $1.50 -> $2.50 (+66.7%) passes 50, $2.50 -> $2.40 (-4%) does not
    pass 5."""
    if kind == "model" and change.model_id != target:
        return False
    if kind == "vendor" and change.vendor.casefold() != target:
        return False
    if threshold is None:
        return True
    if change.kind is not ChangeKind.PRICE_CHANGED:
        return False
    percent = change.percent
    return percent is not None and abs(percent) >= threshold


@dataclass(frozen=True, slots=True)
class _WatchKey:
    id: int
    guild_id: int
    channel_id: int
    kind: str
    target: str
    threshold: Decimal | None


def matches(watch_rows: Iterable[_WatchKey], changes: Sequence[Change]) -> dict[_WatchKey, int]:
    """For each watch that wants any of ``changes``, how many: watches indexed by target, so each change
    looks only at its model's, its vendor's and the everything watches."""
    by_model: dict[str, list[_WatchKey]] = defaultdict(list)
    by_vendor: dict[str, list[_WatchKey]] = defaultdict(list)
    everything: list[_WatchKey] = []
    for watch in watch_rows:
        if watch.kind == "model":
            by_model[watch.target].append(watch)
        elif watch.kind == "vendor":
            by_vendor[watch.target].append(watch)
        else:
            everything.append(watch)
    wanted: dict[_WatchKey, int] = defaultdict(int)
    for change in changes:
        for watch in (*by_model.get(change.model_id, ()), *by_vendor.get(change.vendor.casefold(), ()), *everything):
            if concerns(watch.kind, watch.target, watch.threshold, change):
                wanted[watch] += 1
    return wanted


def _threshold(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


async def queue(conn: AsyncConnection, version_id: int, changes: Sequence[Change]) -> int:
    """Queue the version's alerts (in the caller's transaction): one batch per watch that wants any of its
    changes; how many batches were queued."""
    if not changes:
        return 0
    models = {c.model_id for c in changes}
    vendors = {c.vendor.casefold() for c in changes}
    query = select(watches.c.id, watches.c.guild_id, watches.c.channel_id, watches.c.kind, watches.c.target, watches.c.threshold).where(
        watches.c.broken.is_(None),
        or_(
            watches.c.kind == "everything",
            and_(watches.c.kind == "model", watches.c.target.in_(models)),
            and_(watches.c.kind == "vendor", watches.c.target.in_(vendors)),
        ),
    )
    rows = (await conn.execute(query)).all()
    keys = [_WatchKey(r.id, r.guild_id, r.channel_id, r.kind, r.target, _threshold(r.threshold)) for r in rows]
    wanted = matches(keys, changes)
    values = [
        {"watch_id": w.id, "version_id": version_id, "guild_id": w.guild_id, "channel_id": w.channel_id,
         "threshold": str(w.threshold) if w.threshold is not None else None, "changes": count, "status": "pending", "attempts": 0}
        for w, count in wanted.items()
    ]
    for start in range(0, len(values), 5000):
        await conn.execute(insert(alert_batches), values[start : start + 5000])
    return len(values)


@dataclass(frozen=True, slots=True)
class AlertBatch:
    """What one message says: the changes of one version that one watch wants."""

    id: int
    watch: Watch
    version_id: int
    changes: tuple[Change, ...]
    attempts: int  # earlier claims of this batch (0: the first)

    @property
    def nonce(self) -> str:
        """The same for the same batch, whichever process sends it (Discord's ``enforce_nonce``)."""
        return f"vs{self.watch.id:x}.{self.version_id:x}"[:NONCE_LENGTH]


class Outbox:
    """The alerts waiting to be posted (``store.outbox``): see the module docstring."""

    def __init__(self, store: "Store"):
        self._store = store

    async def claim(
        self,
        holder: str,
        *,
        shard_ids: Sequence[int] | None = None,
        shard_count: int | None = None,
        limit: int = 20,
        claim_seconds: float = CLAIM_SECONDS,
    ) -> list[AlertBatch]:
        """Up to ``limit`` pending batches for the servers of ``shard_ids`` (of ``shard_count``; None: every
        server), oldest first, claimed for ``holder`` until ``claim_seconds`` from now.

        ``holder`` names who delivers (a process's host and shards): batches it claimed before are its own
        to take again at once, as after a restart; another holder's claim is left until it lapses."""
        now = dt.datetime.now(dt.UTC)
        holder = holder[:200]
        b = alert_batches.c
        where = [b.status == "pending", or_(b.not_before.is_(None), b.not_before <= now, b.claimed_by == holder)]
        if shard_ids is not None and shard_count:
            shard = b.guild_id.op(">>", return_type=BigInteger)(literal(22, Integer)) % shard_count  # Discord's shard rule
            where.append(shard.in_(list(shard_ids)))
        async with self._store._write() as conn:  # SQLite: BEGIN IMMEDIATE, one claim at a time
            if self._store.dialect == "postgresql":  # one claim at a time
                await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": OUTBOX_LOCK})
            chosen = (await conn.execute(select(b.id).where(*where).order_by(b.id).limit(limit))).scalars().all()
            if not chosen:
                return []
            until = now + dt.timedelta(seconds=claim_seconds)
            await conn.execute(
                update(alert_batches).where(b.id.in_(chosen)).values(not_before=until, claimed_by=holder, attempts=b.attempts + 1)
            )
            rows = (await conn.execute(select(alert_batches).where(b.id.in_(chosen)).order_by(b.id))).mappings().all()
            watch_rows = (await conn.execute(select(watches).where(watches.c.id.in_({r["watch_id"] for r in rows})))).mappings().all()
            versions = {r["version_id"] for r in rows}
            change_rows = (
                await conn.execute(
                    select(changes_table).where(changes_table.c.version_id.in_(versions)).order_by(changes_table.c.id)
                )
            ).mappings().all()
        by_version: dict[int, list[Change]] = defaultdict(list)
        for row in change_rows:
            by_version[row["version_id"]].append(change_from_row(row))
        by_watch = {w["id"]: Watch.from_row(w) for w in watch_rows}
        batches = []
        for row in rows:
            watch = by_watch.get(row["watch_id"])
            if watch is None:
                continue
            threshold = _threshold(row["threshold"])
            wanted = tuple(c for c in by_version[row["version_id"]] if concerns(watch.kind, watch.target, threshold, c))
            batches.append(AlertBatch(row["id"], watch, row["version_id"], wanted, row["attempts"] - 1))
        return batches

    async def sent(self, batch: AlertBatch, message_id: int | None) -> None:
        """The batch's message was posted (``message_id``): its alerts are done."""
        async with self._store._write() as conn:
            await conn.execute(
                update(alert_batches)
                .where(alert_batches.c.id == batch.id)
                .values(status="sent", message_id=message_id, delivered_at=dt.datetime.now(dt.UTC), not_before=None)
            )

    async def drop(self, batch: AlertBatch) -> None:
        """Give the batch up (Discord refused its body): it is marked dropped."""
        async with self._store._write() as conn:
            await conn.execute(
                update(alert_batches).where(alert_batches.c.id == batch.id, alert_batches.c.status == "pending").values(status="dropped")
            )

    async def retry(self, batch: AlertBatch, *, after_seconds: float) -> None:
        """Put the batch back, to be claimed again no sooner than ``after_seconds`` from now."""
        until = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=max(0.0, after_seconds))
        async with self._store._write() as conn:
            await conn.execute(
                update(alert_batches)
                .where(alert_batches.c.id == batch.id, alert_batches.c.status == "pending")
                .values(not_before=until, claimed_by=None)
            )

    async def counts(self, guild_id: int | None = None) -> dict[str, int]:
        """How many batches (messages) are pending, sent and dropped (of one server, when given)."""
        query = select(alert_batches.c.status, func.count()).group_by(alert_batches.c.status)
        if guild_id is not None:
            query = query.where(alert_batches.c.guild_id == guild_id)
        async with self._store._read() as conn:
            rows = (await conn.execute(query)).all()
        return {"pending": 0, "sent": 0, "dropped": 0, **{status: n for status, n in rows}}
