"""Which catalog a command uses: a folder it names, else the store's newest refreshed version, else the
bundled one.

1. ``--catalog PATH`` or ``$VERSUS_CATALOG``: that folder, as it is (a team's own catalog);
2. a store with a refreshed version (``$VERSUS_DATABASE_URL``, or the embedded SQLite file in the user's
   data folder when it exists): its newest version;
3. the catalog bundled with Versus (``catalog/models``), which works offline on a fresh install.

Looking for the store costs one ``stat`` when there is none, and reading it needs no SQLAlchemy
(``catalog.store.quick``), so a command starts as fast with a store as without.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from catalog.loader import Catalog
from catalog.store.url import DATABASE_URL_ENV, default_path


def store_in_use() -> bool:
    """A store is configured (``$VERSUS_DATABASE_URL``) or the embedded one exists."""
    return bool(os.environ.get(DATABASE_URL_ENV, "").strip()) or default_path().is_file()


@dataclass(frozen=True, slots=True)
class Where:
    """Where a catalog came from, for a person: ``store version 4 (as of 2026-11-29)``."""

    kind: str  # "store"
    text: str
    version_id: int | None = None


def store_catalog(url: str | None = None) -> tuple[Catalog, Where] | None:
    """The store's newest version, or None when it has none; ``StoreUnavailable`` (one line) when the
    store is there but cannot be read."""
    from catalog.store.quick import newest_version

    found = newest_version(url)
    if found is None:
        return None
    from catalog import versions, warm

    record, payload = found
    where = Where("store", f"store version {record.id} (as of {record.as_of.isoformat()})", record.id)
    key = warm.key_of(["store version", record.sha256])
    models, resolver = warm.indexed(key, lambda: versions.load(payload))
    return Catalog(models, resolver=resolver), where
