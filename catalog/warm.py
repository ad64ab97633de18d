"""A catalog already validated and indexed, kept between runs: the one cache of the catalog layer.

Reading a catalog folder means parsing some 430 TOML files and validating every model, a tenth of a second or
more, and indexing their names for the resolver takes another 15 ms; a command that starts, answers one
question and exits pays it every time. Once a folder (or a stored version) has been read and validated, its
models and their name index (``catalog.resolver.Resolver``) are kept in the user's cache folder
(``$XDG_CACHE_HOME/versus``, by default ``~/.cache/versus``) and the next run reads them back as they were.
Equal values (a source's address, a provider's name, a price) are kept once in the file, which makes it
about 40% smaller and a third quicker to read.

The key says exactly what the models were made from, so a cached copy is never stale: for a folder, every
file's path, size and modification time; for a stored version, its digest; and always the schema's own
source and the resolver's (``CODE_FILES``), the pydantic and Python versions and ``FORMAT``. Anything wrong
with a cached copy (missing, unreadable, from another key) means the catalog is read and validated as usual,
and kept anew.
``VERSUS_CATALOG_CACHE=off`` turns the cache off; ``hits`` and ``misses`` count its use in this process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from catalog.record import Record
from catalog.resolver import Resolver
from catalog.schema import Model

CACHE_ENV = "VERSUS_CATALOG_CACHE"
FORMAT = 2  # 2: the models and their name index
KEEP = 4
CODE_FILES = tuple(Path(__file__).resolve().parent / name for name in ("schema.py", "record.py", "resolver.py"))
"""The code that says what a kept copy holds: the types of the models and of their index."""

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
    code = [path.read_text(encoding="utf-8") for path in CODE_FILES]
    for part in (f"format {FORMAT}", sys.version, pydantic.VERSION, *code, *parts):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def tree_parts(files: Iterable[str], root: str) -> list[str]:
    """A folder's identity: each file's relative path, size and modification time."""
    out = [root]
    for relative in files:
        status = os.stat(os.path.join(root, relative))
        out.append(f"{relative} {status.st_size} {status.st_mtime_ns}")
    return out


def indexed(key: str, build: Callable[[], list[Model]]) -> tuple[list[Model], Resolver | None]:
    """The models kept under ``key`` and their name index, else ``build()``'s and a new index (both kept for
    next time); with the cache off, ``build()``'s and no index (``Catalog.resolver`` makes one if asked)."""
    global hits, misses
    if not enabled():
        return build(), None
    path = folder() / f"catalog-{key[:32]}.pickle"
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, tuple) and len(found) == 3 and found[0] == key and isinstance(found[2], Resolver):
            hits += 1
            return found[1], found[2]
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    misses += 1
    made = _by_id(build())
    index = Resolver(made)
    _keep(path, key, made, index)
    return made, index


def _by_id(models: list[Model]) -> list[Model]:
    """The models in the catalog's order (``catalog.loader.Catalog``), which their index follows."""
    return sorted(models, key=lambda model: model.id)


def _keep(path: Path, key: str, made: list[Model], index: Resolver) -> None:
    """Write the models and their index beside their key, atomically; a cache that cannot be written is no
    error."""
    _share_equal_values(made)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        kept = sorted(path.parent.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in kept[KEEP - 1 :]:  # the newest few stay: a bundled catalog and a stored version or two
            stale.unlink(missing_ok=True)
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump((key, made, index), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as error:
        import logging

        logging.getLogger(__name__).debug("catalog cache not written (%s)", error.__class__.__name__)


def _share_equal_values(models: list[Model]) -> None:
    """Make equal texts, amounts and dates in ``models`` one object each, so that pickle writes each once.

    Only values that are equal *and* written the same are shared (``Decimal("1.0")`` and ``Decimal("1.00")``
    stay apart), and all of them are immutable: no model reads differently. The models are the ones just
    validated for the cache, which nothing else holds yet; their fields are set in place, under the frozen
    records' ``__setattr__``.
    """
    shared: dict[tuple[type, str], Any] = {}

    def share(value: Any) -> Any:
        kind = type(value)
        if kind is str or kind is Decimal or kind is dt.date:
            return shared.setdefault((kind, str(value)), value)
        if kind is tuple:
            return tuple(share(item) for item in value)
        if isinstance(value, Record):
            fields = value.__dict__
            for name, item in fields.items():
                fields[name] = share(item)
        return value

    for model in models:
        share(model)
