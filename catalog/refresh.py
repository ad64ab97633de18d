"""One refresh: fetch the public sources, reconcile them, record what changed, store the new catalog version.

Steps (``refresh``):

1. Fetch each asked-for source (all four by default) with its last good snapshot's validators
   (``catalog.sources.fetch_snapshot``). A refused source is reported in one line and its last good
   snapshot stays in use; a source not asked for, or not modified, keeps its last good snapshot. The last
   good snapshot of a source the store has never fetched is the one bundled with Versus
   (``catalog/data/snapshots/``).
2. Reconcile the four snapshots with the curation overlay and the previous catalog (the store's newest
   version, else the bundled catalog), as of today, off the event loop (``catalog.reconcile``).
3. Record the changes from the previous catalog (``catalog.history.diff``) and store the new version,
   its changes and the accepted snapshots in one transaction; other processes are told (``catalog.store``).

Only one process refreshes at a time (``Store.refresh_lock``). Nothing is stored when no source could be
fetched (``NothingRefreshed``); a catalog identical to the newest version is not stored again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from catalog import history, lifecycle, versions
from catalog.changes import Change
from catalog.loader import Catalog, load_catalog
from catalog.reconcile import reconcile
from catalog.schema import Model
from catalog.sources import SOURCE_NAMES, NotModified, Snapshot, SourceRefused, dump_snapshot, fetch_snapshot, load_snapshot

BUNDLED_SNAPSHOTS = Path(__file__).resolve().parent / "data" / "snapshots"


class NothingRefreshed(Exception):
    """No source could be fetched: every line says why one was refused."""

    def __init__(self, lines: Sequence[str]):
        self.lines = list(lines)
        super().__init__("; ".join(self.lines) or "no source to refresh")


class RefreshBusy(Exception):
    """Another process holds the refresh lock."""


@dataclass
class RefreshResult:
    catalog: Catalog
    changes: list[Change]
    version_id: int | None  # None: the catalog is the same as the newest stored version
    fetched: list[str] = field(default_factory=list)  # "litellm: LiteLLM 1.110.2 (4,877 listings)"
    unchanged: list[str] = field(default_factory=list)  # "openrouter: not modified since ..."
    refused: list[str] = field(default_factory=list)  # one line each
    problems: list[str] = field(default_factory=list)  # models left out: "id: field: reason", one line each


@lru_cache(maxsize=None)
def bundled_snapshot(source: str) -> Snapshot | None:
    """The last good snapshot of ``source`` that ships with Versus, if any."""
    path = BUNDLED_SNAPSHOTS / f"{source}.json.gz"
    return load_snapshot(path.read_bytes()) if path.is_file() else None


def record_of(snapshot: Snapshot) -> Any:
    from catalog.store import SnapshotRecord

    meta = snapshot.meta
    return SnapshotRecord(
        source=meta.source, label=meta.label, version=meta.version, url=meta.url, fetched_at=meta.fetched_at,
        etag=meta.etag, last_modified=meta.last_modified, sha256=meta.sha256, count=meta.count,
    )


async def last_good(store: Any) -> dict[str, Snapshot]:
    """Each source's last good snapshot: the store's, else the bundled one."""
    out: dict[str, Snapshot] = {}
    for name in SOURCE_NAMES:
        found = await store.last_snapshot(name)
        if found is not None:
            out[name] = await asyncio.to_thread(load_snapshot, found[1])
        else:
            bundled = bundled_snapshot(name)
            if bundled is not None:
                out[name] = bundled
    return out


async def latest_catalog(store: Any) -> Catalog | None:
    """The store's newest catalog version, or None when it has none."""
    found = await store.load_version()
    if found is None:
        return None
    record, payload = found
    models = await asyncio.to_thread(versions.load, payload)
    return Catalog(models)


async def refresh(
    store: Any,
    asked: Mapping[str, str | None] | None = None,
    *,
    today: dt.date | None = None,
    timeout: float = 60.0,
    max_bytes: int = 64 * 1024 * 1024,
) -> RefreshResult:
    """Refresh the catalog in ``store``. ``asked`` maps source names to an address (None: the public one);
    None or empty: all four from their public addresses."""
    names = dict(asked) if asked else {name: None for name in SOURCE_NAMES}
    today = today or lifecycle.today()
    async with store.refresh_lock() as held:
        if not held:
            raise RefreshBusy("another process is refreshing the catalog; its new version will be used when it is stored")
        good = await last_good(store)
        result = RefreshResult(catalog=None, changes=[], version_id=None)  # type: ignore[arg-type]
        accepted: list[Snapshot] = []

        async def one(name: str, location: str | None) -> None:
            try:
                got = await fetch_snapshot(name, location, last_good=good[name].meta if name in good else None, timeout=timeout, max_bytes=max_bytes)
            except SourceRefused as exc:
                result.refused.append(str(exc))
                return
            if isinstance(got, NotModified):
                result.unchanged.append(f"{name}: not modified ({got.reason})")
                return
            accepted.append(got)
            good[name] = got
            result.fetched.append(f"{name}: {got.label} ({got.count:,} listings)")

        await asyncio.gather(*(one(name, location) for name, location in names.items()))
        if not accepted and not result.unchanged:
            raise NothingRefreshed(sorted(result.refused))
        previous = await latest_catalog(store)
        if previous is None:
            previous = await asyncio.to_thread(load_catalog)
        snapshots = [good[name] for name in SOURCE_NAMES if name in good]
        models, changes, problems = await asyncio.to_thread(_reconcile, snapshots, previous.models, today)
        result.catalog = Catalog(models)
        result.changes = changes
        result.problems = problems
        newest = await store.latest_version()
        payload = await asyncio.to_thread(versions.dump, models)
        stored = [(record_of(s), await asyncio.to_thread(dump_snapshot, s)) for s in accepted]
        if newest is not None and newest.sha256 == versions.digest(payload) and not changes:
            for record, data in stored:
                await store.save_snapshot(record, data)
            result.version_id = None
            return result
        version = await store.save_version(
            payload,
            as_of=today,
            models=len(models),
            routes=sum(len(m.routes) for m in models),
            sources={s.source: {"label": s.label, "version": s.version, "fetched_at": s.fetched_at.isoformat()} for s in snapshots},
            summary=summary(changes),
            changes=changes,
            snapshots=stored,
        )
        result.version_id = version.id
        return result


def _reconcile(
    snapshots: Sequence[Snapshot], previous: Sequence[Model], today: dt.date
) -> tuple[list[Model], list[Change], list[str]]:
    reconciled = reconcile(snapshots, previous=previous, as_of=today)
    models = list(Catalog(reconciled.models, as_of=today).models)
    return models, history.diff(previous, models, today), reconciled.problems


def summary(changes: Sequence[Change]) -> str:
    """``3 models added, 12 prices changed, 2 routes retired`` (or ``no changes``)."""
    if not changes:
        return "no changes"
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.kind.value] = counts.get(change.kind.value, 0) + 1
    words = {
        "model_added": ("model added", "models added"),
        "model_retired": ("model retired", "models retired"),
        "route_added": ("route added", "routes added"),
        "route_removed": ("route removed", "routes removed"),
        "route_deprecated": ("route deprecated", "routes deprecated"),
        "route_retired": ("route retired", "routes retired"),
        "price_changed": ("price changed", "prices changed"),
        "context_changed": ("context window changed", "context windows changed"),
    }
    return ", ".join(f"{n:,} {words[k][n != 1]}" for k, n in counts.items())

