"""Facts derived from frozen objects, cached on the object itself (by identity, not by id or value).

A catalog ``Model`` or ``Route`` is frozen, so anything computed from it alone never changes.
Caching by the model's *id* would be wrong when two catalogs hold different models under one id;
caching by *value* would hash the whole model on every look-up. So each object gets its own
small cache, found by ``id(obj)`` and checked with a weak reference: the entry goes when the
object is collected, and a new object that happens to reuse the address never sees it.
"""

from __future__ import annotations

import weakref
from functools import partial
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

MAX_ENTRIES = 256
"""Per object; a cache that grows past this (many different traffics) is emptied and refilled."""

_slots: dict[int, tuple[weakref.ref, dict[Hashable, Any]]] = {}


def _forget(key: int, ref: weakref.ref, slots: dict = _slots) -> None:
    # ``slots`` is bound here, not looked up: at interpreter exit module globals may already be None.
    entry = slots.get(key)
    if entry is not None and entry[0] is ref:
        del slots[key]


def slot(obj: object) -> dict[Hashable, Any]:
    """The cache dict belonging to ``obj`` (created empty on first use)."""
    key = id(obj)
    entry = _slots.get(key)
    if entry is not None and entry[0]() is obj:
        return entry[1]
    data: dict[Hashable, Any] = {}
    ref = weakref.ref(obj, partial(_forget, key))
    _slots[key] = (ref, data)
    return data


_MISS = object()


def cached(obj: object, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, remembered on ``obj`` under ``key``."""
    entry = _slots.get(id(obj))
    if entry is not None and entry[0]() is obj:
        data = entry[1]
        value = data.get(key, _MISS)
        if value is not _MISS:
            return value
    else:
        data = slot(obj)
    value = compute()
    if len(data) >= MAX_ENTRIES:
        data.clear()
    data[key] = value
    return value
