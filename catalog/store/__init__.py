"""Where refreshed catalogs, their history and (issue 10) servers' settings live: SQLite or PostgreSQL.

``Store`` (``core.py``) is the whole interface; ``url.py`` says which database is opened and how it is
named in messages; ``tables.py`` holds the tables, ``migrations/`` the Alembic revisions that make them
(applied when a store opens, and by ``versus db upgrade``). ``quick.py`` reads the newest catalog
version without SQLAlchemy, for a fast start. Runtime code: no Discord, no build tooling.

``Store`` is imported on first use, so ``catalog.store.quick`` costs no SQLAlchemy import.
"""

from typing import TYPE_CHECKING, Any

from catalog.errors import StoreBehind, StoreUnavailable
from catalog.store.records import SnapshotRecord, VersionRecord
from catalog.store.url import (
    DATABASE_URL_ENV,
    POLL_SECONDS_ENV,
    StoreSettingInvalid,
    default_path,
)

if TYPE_CHECKING:
    from catalog.store.core import Store

__all__ = [
    "DATABASE_URL_ENV",
    "POLL_SECONDS_ENV",
    "SnapshotRecord",
    "Store",
    "StoreSettingInvalid",
    "StoreBehind",
    "StoreUnavailable",
    "VersionRecord",
    "default_path",
]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from catalog.store.core import Store

        return Store
    raise AttributeError(f"module 'catalog.store' has no attribute {name!r}")
