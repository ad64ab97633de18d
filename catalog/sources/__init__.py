"""The public sources of models and prices, one adapter each, and how their snapshots are fetched and kept.

The registry (``SOURCE_NAMES``, ``adapters()``, ``adapter(name)``) is every extension point here:

=================  ===================================================  ========================================
name               live address (``fetch_snapshot`` without location)  cited at
=================  ===================================================  ========================================
``models-dev``     ``https://models.dev/api.json``                      each file at the repository's commit
``openrouter``     ``https://openrouter.ai/api/v1/models``              ``https://openrouter.ai/<id>``
``litellm``        the JSON at LiteLLM's newest release tag             the JSON at that tag on GitHub
``genai-prices``   ``prices/data.json`` at main's newest commit         the JSON at that commit on GitHub
=================  ===================================================  ========================================

* ``read_snapshot(source, path_or_bytes, ...)``: a local file, folder (models.dev's TOML tree) or bytes.
* ``await fetch_snapshot(source, location=None, *, last_good, timeout, max_bytes, session=None)``: the
  live source (or the URL or path given), with a conditional GET; ``NotModified`` when nothing changed.
* ``dump_snapshot(snapshot)`` / ``load_snapshot(data)``: the compact, exact form a store keeps.

Refusals are ``SourceRefused``: one line naming the source and why (HTTP 500, HTML, truncated JSON,
another format, over the size cap, more than a fifth of the models gone); the caller keeps its last good
snapshot. Fetching imports aiohttp only when it is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catalog.sources.base import (
    SHRINK_LIMIT,
    SOURCE_NAMES,
    Adapter,
    NotModified,
    Snapshot,
    SnapshotMeta,
    SourceRefused,
    check_shrink,
)
from catalog.sources.codec import SnapshotUnreadable, dump_snapshot, load_snapshot
from catalog.sources.read import DEFAULT_MAX_BYTES, adapter, adapters, read_snapshot

if TYPE_CHECKING:
    from catalog.sources.fetch import LiveAddresses

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SHRINK_LIMIT",
    "SOURCE_NAMES",
    "Adapter",
    "LiveAddresses",
    "NotModified",
    "Snapshot",
    "SnapshotMeta",
    "SnapshotUnreadable",
    "SourceRefused",
    "adapter",
    "adapters",
    "check_shrink",
    "dump_snapshot",
    "fetch_snapshot",
    "load_snapshot",
    "read_snapshot",
]


async def fetch_snapshot(source: str, location: Any = None, **options: Any) -> Snapshot | NotModified:
    """``catalog.sources.fetch.fetch_snapshot``, imported on first use (it needs aiohttp)."""
    from catalog.sources import fetch

    return await fetch.fetch_snapshot(source, location, **options)


def __getattr__(name: str) -> Any:
    if name == "LiveAddresses":
        from catalog.sources.fetch import LiveAddresses

        return LiveAddresses
    raise AttributeError(f"module 'catalog.sources' has no attribute {name!r}")
