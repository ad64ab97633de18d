"""The engine's one caching mechanism: ``@cached(name, size)`` on a pure function.

Everything the engine remembers between calls goes through this decorator, so what is cached,
how much, and why is said where the function is defined, and ``stats()`` lists every cache with its
bound, its size and its hits and misses.

* **Off switch.** ``VERSUS_ENGINE_CACHE=off`` in the environment (read when the engine is imported)
  turns every cache off: each call computes afresh. The answers must not change, byte for byte;
  ``tests/test_golden.py`` runs the golden answers both ways.
* **Keys.** By default a call is keyed on the *identity* of its arguments. The engine's arguments
  are frozen (catalog models and routes, results, numbers, strings), so what a pure function derives
  from the same objects never changes, and hashing a whole model on every call would cost more than
  most of what is cached. The entry keeps its arguments alive, so no other object can take one of
  their identities while the entry lives. ``key="value"`` keys a call on its arguments' values and
  types instead (equal numbers read the same: 0.4 and 0.40; a zero keeps its sign); any other
  ``key`` is a function from the arguments to a hashable value.
* **Bound.** A cache holds at most ``size`` entries; when full, the oldest entry goes first.

Only positional arguments are supported: a call's key is made from them alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import update_wrapper
from typing import Any, Literal, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

SWITCH = "VERSUS_ENGINE_CACHE"
"""The environment variable that turns every engine cache off: ``off``, ``0``, ``no`` or ``false``."""

ENABLED = os.environ.get(SWITCH, "on").strip().lower() not in ("off", "0", "no", "false")


@dataclass(frozen=True, slots=True)
class CacheStats:
    name: str
    size: int
    entries: int
    hits: int
    misses: int


class Cache:
    """One cache's entries and counts (see the module's docstring); ``cached`` makes the function that uses it."""

    def __init__(self, name: str, size: int):
        if name in _CACHES:
            raise ValueError(f"an engine cache is already named {name!r}")
        self.name = name
        self.size = size
        self.hits = 0
        self.misses = 0
        self.entries: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        _CACHES[name] = self

    def clear(self) -> None:
        self.entries.clear()
        self.hits = self.misses = 0

    def stats(self) -> CacheStats:
        return CacheStats(self.name, self.size, len(self.entries), self.hits, self.misses)


_CACHES: dict[str, Cache] = {}


def cached(
    name: str, size: int, key: Callable[..., Hashable] | Literal["value"] | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Remember ``function(*args)`` in a cache called ``name`` of at most ``size`` entries, keyed as
    ``key`` says (see above). The function's ``cache`` attribute is its ``Cache``."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        cache = Cache(name, size)
        if not ENABLED:
            function.cache = cache  # type: ignore[attr-defined]
            return function
        entries = cache.entries
        call: Callable[..., R] = function

        def store(found_key: Hashable, args: tuple[Any, ...]) -> Any:
            cache.misses += 1
            value = call(*args)
            if len(entries) >= size:
                del entries[next(iter(entries))]
            entries[found_key] = (args, value)
            return value

        # Three ways to make the key, each its own function: this runs a hundred times a comparison.
        if key is None:

            def remembered(*args: Any) -> Any:
                found_key = id(args[0]) if len(args) == 1 else tuple(map(id, args))
                found = entries.get(found_key)
                if found is None:
                    return store(found_key, args)
                cache.hits += 1
                return found[1]

        elif key == "value":

            def remembered(*args: Any) -> Any:
                first = args[0]
                found_key = (first.__class__, first, first == 0 and str(first), *args[1:])
                found = entries.get(found_key)
                if found is None:
                    return store(found_key, args)
                cache.hits += 1
                return found[1]

        else:
            make_key = key

            def remembered(*args: Any) -> Any:
                found_key = make_key(*args)
                found = entries.get(found_key)
                if found is None:
                    return store(found_key, args)
                cache.hits += 1
                return found[1]

        update_wrapper(remembered, function)
        remembered.cache = cache  # type: ignore[attr-defined]
        return remembered  # type: ignore[return-value]

    return decorate


def stats() -> list[CacheStats]:
    """Every engine cache: its name, bound, entries, hits and misses."""
    return [cache.stats() for cache in _CACHES.values()]


def clear() -> None:
    """Empty every engine cache and reset its counts."""
    for cache in _CACHES.values():
        cache.clear()
