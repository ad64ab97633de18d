"""Small wording helpers shared by the engine's sentences."""

from __future__ import annotations

from collections.abc import Iterable


def and_list(items: Iterable[str], conjunction: str = "and") -> str:
    """["a"] -> "a"; ["a", "b"] -> "a and b"; ["a", "b", "c"] -> "a, b and c"."""
    parts = items if items.__class__ is list else list(items)
    if len(parts) < 2:
        return parts[0] if parts else ""
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def plural(number: int, singular: str, plural_form: str | None = None) -> str:
    """1 -> "1 route"; 3 -> "3 routes"."""
    word = singular if number == 1 else (plural_form or singular + "s")
    return f"{number} {word}"


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """Items in order with repeats removed: no sentence is said twice."""
    return tuple(dict.fromkeys(items))
