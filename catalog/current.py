"""Which catalog a command uses: a folder it names, else the store's newest refreshed version, else the
bundled one.

1. ``--catalog PATH`` or ``$VERSUS_CATALOG``: that folder, as it is (a team's own catalog);
2. a store with a refreshed version (``$VERSUS_DATABASE_URL``, or the embedded SQLite file in the user's
   data folder when it exists): its newest version;
3. the catalog bundled with Versus (``catalog/models``), which works offline on a fresh install.

Checking for the embedded store costs a look at one path: nothing is imported or opened when there is
none, so a fresh install starts as fast as before.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

from catalog.loader import Catalog

DATABASE_URL_ENV = "VERSUS_DATABASE_URL"


def embedded_store_path() -> Path:
    """The embedded database's file: ``$XDG_DATA_HOME/versus/versus.db`` (an absolute XDG_DATA_HOME only,
    as the XDG spec says), else ``~/.local/share/versus/versus.db``."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "versus" / "versus.db"


def store_in_use() -> bool:
    """A store is configured (``$VERSUS_DATABASE_URL``) or the embedded one exists."""
    return bool(os.environ.get(DATABASE_URL_ENV, "").strip()) or embedded_store_path().is_file()


@dataclass(frozen=True, slots=True)
class Where:
    """Where a catalog came from, for a person: ``bundled``, ``store version 4 (as of 2026-11-29)``, a folder."""

    kind: str  # "folder" | "store" | "bundled"
    text: str
    version_id: int | None = None


async def from_store(url: str | None = None) -> tuple[Catalog, Where] | None:
    """The store's newest version, or None when it has none. Raises ``StoreUnavailable`` (one line)."""
    from catalog.refresh import latest_catalog
    from catalog.store import Store

    store = await Store.open(url)
    try:
        newest = await store.latest_version()
        catalog = await latest_catalog(store) if newest is not None else None
    finally:
        await store.close()
    if catalog is None or newest is None:
        return None
    return catalog, Where("store", f"store version {newest.id} (as of {newest.as_of.isoformat()})", newest.id)


def store_catalog() -> tuple[Catalog, Where] | None:
    """``from_store`` for a program without an event loop (the command line)."""
    return asyncio.run(from_store())
