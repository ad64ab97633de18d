"""Families as people name them: "claude sonnet", "mistral large", "gemini flash", "grok", "llama 3",
and the ``-latest`` aliases vendors use ("claude-sonnet-latest", "mistral-large-latest").

A family is every model whose name starts with the first word typed and holds each word typed (a number
typed matches the versions it starts: "llama 3" holds Llama 3.1 and 3.3; "qwen" starts "Qwen3"). Where several words are typed and some members' names add nothing but
versions, sizes or ``NEUTRAL`` words ("Gemini 2.5 Flash" for "gemini flash", not "Gemini 2.5 Flash Lite"),
those are the family; otherwise (one word, "grok") every member is.
The name means the family's **newest active model**: the newest release date among the members that are
not retired. Nothing is guessed: when the newest date is shared, or no active member has a known date,
the family names no one model (``Family.newest`` is None) and the caller asks which was meant.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from catalog.resolver import words
from catalog.schema import Model

_LATEST = re.compile(r"(?:^latest[-_ ]+|[-_ ]+latest$)", re.IGNORECASE)
_VERSION = re.compile(r"\d")
NEUTRAL = frozenset({"preview", "exp", "experimental", "latest", "instruct", "it", "beta"})
"""Words a name may add to the words typed and still be one of the family's line: a version, a size, these."""
MIN_LETTERS = 2
"""A family is named by at least one word of letters this long ("o" alone names nothing)."""


@dataclass(frozen=True, slots=True)
class Family:
    text: str
    """The family as typed, without ``-latest``."""
    members: tuple[Model, ...]
    """The active members, newest first (unknown release dates last, by name)."""
    newest: Model | None
    """The newest active member; None when several share the newest date or none has a known one."""
    latest_alias: bool = False
    """Named by a ``-latest`` alias."""

    @property
    def others(self) -> tuple[Model, ...]:
        return tuple(m for m in self.members if m is not self.newest)

    def note(self, shown: int = 4) -> str:
        """How the name was read, in one sentence: "'claude sonnet' read as Claude Sonnet 5, the newest active
        model of the family (released 2026-06-30); the others: Claude Sonnet 4.6, ..."."""
        if self.newest is None:
            return f"'{self.text}' is a family of {len(self.members)} models: {_names(self.members, shown)}."
        released = self.newest.release_date.isoformat() if self.newest.release_date else "release date unknown"
        text = f"'{self.text}' read as {self.newest.name}, the newest active model of the family (released {released})"
        if self.others:
            text += f"; the others: {_names(self.others, shown)}"
        undated = [m for m in self.others if m.release_date is None]
        if undated:
            text += f" ({_names(undated, 2)}: release date unknown)"
        return text + "."


def _names(models: Sequence[Model], shown: int) -> str:
    names = [m.name for m in models[:shown]]
    more = len(models) - shown
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _newest_first(model: Model) -> tuple:
    date = model.release_date
    return (date is None, -date.toordinal() if date else 0, model.name.casefold(), model.id)


_INDEXES: weakref.WeakKeyDictionary[object, tuple[tuple[Model, tuple[str, ...]], ...]] = weakref.WeakKeyDictionary()


def _index(catalog: object, models: Iterable[Model]) -> tuple[tuple[Model, tuple[str, ...]], ...]:
    """Each model with its name's words, kept per catalog."""
    try:
        found = _INDEXES.get(catalog)
    except TypeError:  # not weakly referable: a plain sequence of models
        return tuple((m, tuple(words(m.name))) for m in models)
    if found is None:
        found = _INDEXES[catalog] = tuple((m, tuple(words(m.name))) for m in models)
    return found


def _holds(name_words: Sequence[str], wanted: str) -> int | None:
    """The index of the name's word ``wanted`` matches (itself, or a version it starts: 3 -> 3.1), or None."""
    for i, word in enumerate(name_words):
        if word == wanted or (wanted[0].isdigit() and word.startswith(wanted + ".")):
            return i
    return None


def family(catalog, text: str) -> Family | None:
    """The family ``text`` names in ``catalog`` (a ``Catalog`` or a sequence of models), or None when it
    names none: no word of letters, or no model's name holds every word."""
    stripped = _LATEST.sub("", text.strip())
    latest = stripped != text.strip()
    wanted = words(stripped)
    if not wanted or not any(w.isalpha() and len(w) >= MIN_LETTERS for w in wanted):
        return None
    models = getattr(catalog, "models", catalog)
    members: list[Model] = []
    core: list[Model] = []
    for model, name_words in _index(catalog, models):
        if not name_words or not name_words[0].startswith(wanted[0]):
            continue  # a family is named by its first word: "llama" is not DeepSeek R1 Distill Llama
        used: set[int] = set()
        for w in wanted:
            found = _holds(name_words, w)
            if found is None:
                break
            used.add(found)
        else:
            members.append(model)
            if len(wanted) > 1 and all(
                i in used or word in NEUTRAL or _VERSION.search(word) for i, word in enumerate(name_words)
            ):
                core.append(model)
    active_core = [m for m in core if not m.retired and m.release_date is not None]
    chosen = [m for m in (core if active_core else members) if not m.retired]
    if not chosen:
        return None
    chosen.sort(key=_newest_first)
    dated = [m for m in chosen if m.release_date is not None]
    newest = None
    if dated and (len(dated) == 1 or dated[1].release_date != dated[0].release_date):
        newest = dated[0]
    return Family(" ".join(wanted), tuple(chosen), newest, latest)
