"""Families as people name them: "claude sonnet", "mistral large", "gemini flash", "grok", "llama 3",
and the ``-latest`` aliases vendors use ("claude-sonnet-latest", "mistral-large-latest").

A family is every model whose name starts with the first word typed and holds each word typed (a number
typed matches the versions it starts: "llama 3" holds Llama 3.1 and 3.3; "qwen" starts "Qwen3"). Where several words are typed and some members' names add nothing but
versions, sizes or ``NEUTRAL`` words ("Gemini 2.5 Flash" for "gemini flash", not "Gemini 2.5 Flash Lite"),
those are the family; otherwise (one word, "grok") every member is.
The name means the family's **newest active model**: the newest release date among the members that are
not retired, unless a member whose release date is unknown has a higher version than every dated one
("Claude Sonnet 5.5" beside Claude Sonnet 5, released 2026-06-30; "Gemini 3.8 Flash" beside Gemini 3.5
Flash): a release date no source states does not make a later version older, so that member is the
newest (``version``). Nothing is guessed: when the newest date is shared, when several undated members
share the highest version ("claude": Claude Haiku, Opus and Sonnet 5.5), or when no active member has a
known date, the family names no one model (``Family.newest`` is None) and the caller asks which was meant.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

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
    newest_dated: Model | None = None
    """When ``newest`` is a later version whose release date is unknown: the member with the newest date."""

    @property
    def others(self) -> tuple[Model, ...]:
        return tuple(m for m in self.members if m is not self.newest)

    def note(self, shown: int = 4) -> str:
        """How the name was read, in one sentence: "'claude sonnet' read as Claude Sonnet 5, the newest active
        model of the family (released 2026-06-30); the others: Claude Sonnet 4.6, ..."."""
        if self.newest is None:
            return f"'{self.text}' is a family of {len(self.members)} models: {_names(self.members, shown)}."
        if self.newest.release_date is not None:
            released = f"released {self.newest.release_date.isoformat()}"
        elif self.newest_dated is not None and self.newest_dated.release_date is not None:
            released = (
                f"release date unknown; a later version than {self.newest_dated.name}, "
                f"released {self.newest_dated.release_date.isoformat()}"
            )
        else:
            released = "release date unknown"
        text = f"'{self.text}' read as {self.newest.name}, the newest active model of the family ({released})"
        if self.others:
            text += f"; the others: {_names(self.others, shown)}"
        undated = [m for m in self.others if m.release_date is None]
        if undated:
            of = "it" if len(self.others) == 1 else f"{len(undated)} of them" if len(undated) > 1 else "one of them"
            text += f" (release date unknown for {of}: {_names(undated, 2)})"
        return text + "."


def _names(models: Sequence[Model], shown: int) -> str:
    names = [m.name for m in models[:shown]]
    more = len(models) - shown
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


_VERSION_WORD = re.compile(r"[a-z]*?(\d{1,2}(?:\.\d+)?)")
MAX_VERSION = 20
"""A version is a number below this ("3.5", "k2.7", "qwen3.6"): not a date (2407, 24.02) nor a size (70b)."""


def version(model: Model) -> Decimal | None:
    """The version a model's name states, as a number: its first word that is one, letters before it
    allowed ("Claude Sonnet 5.5": 5.5, "Kimi K2.7 Code": 2.7, "Grok 4.20": 4.2); None when none is."""
    for word in words(model.name):
        found = _VERSION_WORD.fullmatch(word)
        if found is not None:
            number = Decimal(found.group(1))
            if number < MAX_VERSION:
                return number
    return None


def _later_undated(chosen: Sequence[Model]) -> list[Model]:
    """The undated members with the highest version, when it is higher than every dated member's."""
    dated = [v for v in (version(m) for m in chosen if m.release_date is not None) if v is not None]
    if not dated:
        return []
    top = max(dated)
    later = [
        (v, m) for m, v in ((m, version(m)) for m in chosen if m.release_date is None) if v is not None and v > top
    ]
    if not later:
        return []
    highest = max(v for v, _ in later)
    return [m for v, m in later if v == highest]


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
    later = _later_undated(chosen)
    if later:  # a later version whose release date is unknown is not older: it, or no one model when several
        newest_dated = dated[0] if dated else None
        newest = later[0] if len(later) == 1 else None
        for model in reversed(later):  # listed first: the one newest, or those to choose from
            chosen.remove(model)
            chosen.insert(0, model)
        return Family(" ".join(wanted), tuple(chosen), newest, latest, newest_dated)
    return Family(" ".join(wanted), tuple(chosen), newest, latest)
