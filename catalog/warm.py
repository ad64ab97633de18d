"""A catalog already validated, kept between runs: the one cache of the catalog layer.

Reading a catalog folder means parsing some 430 TOML files and validating every model, a tenth of a second or
more; a command that starts, answers one question and exits pays it every time. Once a folder (or a stored
version) has been read and validated, its models are kept in the user's cache folder
(``$XDG_CACHE_HOME/versus``, by default ``~/.cache/versus``) and the next run reads them back as they were.

The key says exactly what the models were made from, so a cached copy is never stale: for a folder, every
file's path, size and modification time; for a stored version, its digest; and always the schema's own
source, the pydantic and Python versions and ``FORMAT``. Anything wrong with a cached copy (missing,
unreadable, from another key) means the catalog is read and validated as usual, and kept anew.
``VERSUS_CATALOG_CACHE=off`` turns the cache off; ``hits`` and ``misses`` count its use in this process.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from catalog.schema import Model

CACHE_ENV = "VERSUS_CATALOG_CACHE"
FORMAT = 1
KEEP = 4
SCHEMA_FILE = Path(__file__).resolve().parent / "schema.py"

log = logging.getLogger(__name__)
hits = 0
misses = 0


def enabled() -> bool:
    return os.environ.get(CACHE_ENV, "").strip().lower() not in ("off", "0", "no", "false")


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "versus"


def key_of(parts: Iterable[str]) -> str:
    """The cache key of what the models are made from, and of the code that makes them."""
    import pydantic

    digest = hashlib.sha256()
    for part in (f"format {FORMAT}", sys.version, pydantic.VERSION, SCHEMA_FILE.read_text(encoding="utf-8"), *parts):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def tree_parts(files: Iterable[str], root: str) -> list[str]:
    """A folder's identity: each file's relative path, size and modification time."""
    out = [root]
    for relative in files:
        status = os.stat(os.path.join(root, relative))
        out.append(f"{relative} {status.st_size} {status.st_mtime_ns}")
    return out


def models(key: str, build: Callable[[], list[Model]]) -> list[Model]:
    """The models kept under ``key``, else ``build()``'s (kept for next time)."""
    global hits, misses
    if not enabled():
        return build()
    path = folder() / f"catalog-{key[:32]}.pickle"
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, tuple) and len(found) == 2 and found[0] == key:
            hits += 1
            return found[1]
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    misses += 1
    made = build()
    _keep(path, key, made)
    return made


def _keep(path: Path, key: str, made: list[Model]) -> None:
    """Write the models beside their key, atomically; a cache that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        kept = sorted(path.parent.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in kept[KEEP - 1 :]:  # the newest few stay: a bundled catalog and a stored version or two
            stale.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump((key, made), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as error:
        log.debug("catalog cache not written (%s)", error.__class__.__name__)
