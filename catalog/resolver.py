"""Finding the model a person means: exact keys first, then rapidfuzz, never a guess.

``Resolver(catalog)`` indexes every model once under normalised keys: its id, the id's slug, its name, its
aliases, and the name without its brand word ("sonnet 4.5" for "Claude Sonnet 4.5"). A query is compared by
the same normalisation, so "GPT-4.1-mini", "gpt 4.1 mini" and "gpt4.1mini" are one key.

- ``resolve(query)`` returns a :class:`Resolution`: the match when one model is clearly meant, else ``None``
  and ranked alternatives. A typo in letters is forgiven; a different number never is ("gpt-4.2 mini" is not
  GPT-4.1 Mini), and a query that is the start of several models ("grok 4") is ambiguous.
- ``suggest(partial)`` gives autocomplete candidates: prefix matches, then word-prefix matches, then fuzzy ones.
- ``find_in_text(text)`` returns the models a free-text question names, in the order it names them.

Scores are 0-100: 100 for an exact key, a rapidfuzz ratio on the normalised keys otherwise.
"""

from __future__ import annotations

import copy
import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat

from rapidfuzz import fuzz, process

from catalog.schema import Model

MATCH_SCORE = 85.0
"""A fuzzy candidate at or above this score can be the match, if nothing else is as close."""
MARGIN = 5.0
"""How far ahead of the runner-up a fuzzy match must be."""
CANDIDATE_CUTOFF = 60.0
"""Below this a key is not offered at all: nonsense gets no suggestions rather than random ones."""
TEXT_MATCH_SCORE = 88.0
"""Free text is noisier than an option: a fuzzy span must score this much to count as a mention."""
SUGGEST_LIMIT = 25
ALTERNATIVES = 5
FUZZY_BUDGET = 1500
"""Keys one resolve may score with rapidfuzz: when more could reach the cutoff (the loosest bound of a long query
at 10,000 models), the bound is raised until fewer could; the far keys left out score 60-66 at best."""
SUGGEST_BUDGET = 1000
"""The same for the fuzzy part of suggestions, which only fills the list up after the prefix matches."""
KIN = 2
"""Alternatives to an exact match include up to this many of its family (the closest by name)."""
NAME_LIMIT = 100
QUERY_LIMIT = 200
"""Longer input is cut before it is compared; no model key is anywhere near this long."""

EXACT, SORTED_WORDS, DOTLESS, NICKNAME = 100.0, 97.0, 96.0, 95.0
PREFIX, WHOLE_WORDS, WORD_PREFIXES, FUZZY_SUGGESTION = 90.0, 81.0, 80.0, 79.0
"""Suggestion scores: a key starting with the text; a name with every word typed; words starting with them;
at most this for a fuzzy one."""

_DROP = re.compile(r"[^a-z0-9.]+")
_WORDS = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")
_TEXT_TOKENS = re.compile(r"[a-z0-9]+(?:[.\-_/:@][a-z0-9]+)*")
_DIGITS = re.compile(r"\d+")
# Suffixes other catalogs put on an id: ":free", "@20250514", "-v1:0", "-2025-04-14", "-20250414", "-latest".
_SUFFIXES = (
    re.compile(r"[:@][a-z0-9.\-]+$"),
    re.compile(r"-v\d+(?::\d+)?$"),
    re.compile(r"[-_ ]?20\d\d-?[01]\d-?[0-3]\d$"),
    re.compile(r"[-_ ]latest$"),
)
_DATED = re.compile(r"[:@]|-v\d|20\d\d-?[01]\d-?[0-3]\d|latest", re.IGNORECASE)
"""Texts that may have such a suffix: the others need no stripping."""
# Cloud prefixes on a model id: "us.anthropic.claude-...", "anthropic.claude-...".
_DOTTED_PREFIX = re.compile(r"^(?:[a-z]{2}\.)?[a-z][a-z0-9\-]*\.(?=[a-z])")


def compact(text: str) -> str:
    """The comparison key: case, spaces, hyphens, underscores and slashes do not matter; dots do; + is plus."""
    return _DROP.sub("", text.casefold().replace("+", "plus"))


def words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold().replace("-", " ").replace("_", " ").replace("/", " "))


def sorted_words(text: str) -> str:
    return "".join(sorted(words(text)))


def digits(key: str) -> str:
    """The numbers of a key, dots dropped: a fuzzy match must keep them all."""
    return "".join(_DIGITS.findall(key))


def _stripped(text: str) -> list[str]:
    """Each step of taking off the suffixes other catalogs and dated snapshots add, in order."""
    steps: list[str] = []
    changed = True
    while changed:
        changed = False
        for pattern in _SUFFIXES:
            stripped = pattern.sub("", text)
            if stripped and stripped != text:
                text = stripped
                steps.append(text)
                changed = True
    return steps


def undated(text: str) -> str:
    """The text without the suffixes other catalogs and dated snapshots add ("-2025-04-14", ":free", "-v1:0")."""
    text = text.casefold().strip()
    steps = _stripped(text)
    return steps[-1] if steps else text


def variants(query: str) -> list[str]:
    """The query as typed, then without a provider prefix and the suffixes other catalogs add."""
    text = query.casefold().strip()
    out = [text]
    if "/" in text:
        text = text.rsplit("/", 1)[1]
        out.append(text)
    prefixed = _DOTTED_PREFIX.sub("", text)
    if prefixed != text:
        text = prefixed
        out.append(text)
    out.extend(_stripped(text))
    return out


@dataclass(frozen=True, slots=True)
class Candidate:
    """A model offered for a query, with how close it is (0-100)."""

    id: str
    name: str
    score: float

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "score": self.score}


@dataclass(frozen=True, slots=True)
class Mention:
    """A model a sentence names, and where: ``width`` words from word ``start`` (``Resolver.mentions``)."""

    model: Model
    start: int
    width: int


@dataclass(frozen=True, slots=True)
class Resolution:
    """The model meant, or ``None``; and the other models it could be, best first."""

    query: str
    match: Candidate | None
    alternatives: tuple[Candidate, ...]
    ambiguous: bool = False
    """True when several models are about equally close, so none is chosen: an exact key several models claim,
    the start of several models' keys ("grok 4"), or fuzzy candidates at the match score within the margin of
    each other. A query that is merely close to nothing in particular ("gpt-4.2 mini") is not ambiguous."""

    def as_dict(self) -> dict[str, object]:
        return {
            "match": None if self.match is None else self.match.as_dict(),
            "alternatives": [c.as_dict() for c in self.alternatives],
        }


class _Keys:
    """One exact-lookup table: key -> indexes of the models that claim it."""

    def __init__(self) -> None:
        self.table: dict[str, list[int]] = {}

    def add(self, key: str, index: int) -> None:
        if not key:
            return
        owners = self.table.setdefault(key, [])
        if not owners or owners[-1] != index:  # models are added in index order
            owners.append(index)

    def get(self, key: str) -> list[int]:
        return self.table.get(key, [])


class _CharFilter:
    """Which keys can reach a ``fuzz.ratio`` cutoff at all, without scoring every key.

    ``fuzz.ratio(q, k)`` is ``200 * LCS / (len(q) + len(k))``, and the longest common subsequence is at most the
    number of characters the two share (counted with repeats). For each character ``c`` and count ``j`` a big
    integer holds one byte per key, the key's count of ``c`` but at most ``j``; adding the query's ones (``j`` its
    own count of ``c``) gives every key's shared count at once. Adding a second integer, each key's
    ``128 - need`` for its length, marks with 0x80 the keys that share enough (see :meth:`passing`). A key that
    could reach the cutoff is always kept: the filter only spares rapidfuzz the keys that cannot.
    """

    def __init__(self, keys: list[str]):
        self.count = len(keys)
        self.order = sorted(range(self.count), key=lambda p: (len(keys[p]), p))
        self.lengths: list[tuple[int, int, int]] = []  # (key length, first slot, end slot)
        for slot, position in enumerate(self.order):
            length = len(keys[position])
            if not self.lengths or self.lengths[-1][0] != length:
                if self.lengths:
                    self.lengths[-1] = (self.lengths[-1][0], self.lengths[-1][1], slot)
                self.lengths.append((length, slot, slot))
        if self.lengths:
            self.lengths[-1] = (self.lengths[-1][0], self.lengths[-1][1], self.count)
        ordered = self.slot_keys = [keys[p] for p in self.order]
        self.slot_lengths = bytes(min(len(k), 255) for k in ordered)
        # (query length, cutoff) -> key length -> offset; at most a few thousand of 256 bytes (a query is cut at
        # QUERY_LIMIT characters, and the cutoffs are a handful of constants).
        self._tables: dict[tuple[int, float], bytes] = {}
        self.high = int.from_bytes(b"\x80" * self.count, "little")
        self.masks: dict[tuple[str, int], int] = {}  # (c, j) -> each key's count of c, at most j
        self.most: dict[str, int] = {}  # c -> the most of c any key has
        for char in sorted(set("".join(ordered))):
            try:
                packed = bytes(map(str.count, ordered, repeat(char)))
            except ValueError:  # a key with more than 255 of one character
                packed = bytes(min(key.count(char), 255) for key in ordered)
            most = max(packed)
            self.most[char] = most
            for times in range(1, most + 1):
                capped = packed.translate(_capped_at(times)) if times < most else packed
                self.masks[(char, times)] = int.from_bytes(capped, "little")

    def shared(self, query: str) -> int:
        """Every key's count of characters shared with ``query``, one byte a slot (0 for a long query)."""
        if len(query) > _COUNTED:
            return 0
        total = 0
        most = self.most
        masks = self.masks
        for char in set(query):
            if char in most:
                total += masks[(char, min(query.count(char), most[char]))]
        return total

    def reachable(self, size: int, cutoff: float) -> bool:
        """Whether any key is long enough (and short enough) to reach ``cutoff`` with a ``size``-long query."""
        return any(_threshold(size, length, cutoff) is not None for length, _, _ in self.lengths)

    def passing(self, shared: int, size: int, cutoff: float) -> int:
        """One byte a slot, 0x80 where the key may score ``cutoff`` or more.

        Each slot's shared count plus ``128 - need`` reaches 0x80 exactly when the count reaches ``need``; a
        count is at most 127 (the query's length), so no byte carries into the next. A query longer than that
        is judged by length alone (its shared counts are 0 and every key that is long enough passes).
        """
        table = self._tables.get((size, cutoff))
        if table is None:
            offsets = bytearray(256)
            for length, _, _ in self.lengths:
                need = _threshold(size, length, cutoff)
                offsets[min(length, 255)] = 0 if need is None else 128 if need == 0 or size > _COUNTED else 128 - need
            table = self._tables[(size, cutoff)] = bytes(offsets)
        return (shared + int.from_bytes(self.slot_lengths.translate(table), "little")) & self.high

    def keys_in(self, selected: int) -> list[str]:
        """The keys of the slots ``selected`` marks with 0x80."""
        if not selected:
            return []
        marks = selected.to_bytes(self.count, "little")
        keys = self.slot_keys
        return [keys[found.start()] for found in _MARK.finditer(marks)]


def _threshold(size: int, length: int, cutoff: float) -> int | None:
    """How many shared characters a ``length`` key needs to reach ``cutoff``; None when it never can."""
    need = cutoff * (size + length) / 200.0 - 1e-6
    if need <= 0:
        return 0
    return math.ceil(need) if min(size, length) >= need else None


_COUNTED = 127
"""Queries up to this long are filtered by shared characters; longer ones by length alone."""
_MARK = re.compile(b"\x80")
PROBE = 75.0
"""A resolve first scores only the keys that could reach this (see ``Resolver._fuzzy``)."""
_TIERS = (63.0, 66.0, 70.0, 75.0, 80.0)
"""The raised bounds a budgeted fuzzy search tries, in turn, when too many keys could reach its cutoff."""


def _capped_at(most: int) -> bytes:
    """A ``bytes.translate`` table that leaves counts up to ``most`` and caps larger ones at ``most``."""
    return bytes(range(most)) + bytes([most]) * (256 - most)


class _WordIndex:
    """Which models have a word starting with a given prefix, by their places in the suggestion order."""

    def __init__(self, model_words: Sequence[Iterable[str]], rank: list[int]):
        holders: dict[str, list[int]] = {}
        for index, mine in enumerate(model_words):
            place = rank[index]
            for word in set(mine):
                holders.setdefault(word, []).append(place)
        self.words = sorted(holders)
        self.places = [frozenset(holders[w]) for w in self.words]
        # Short prefixes cover hundreds of words: their models are gathered once here.
        short: dict[str, list[frozenset[int]]] = {}
        for word, places in zip(self.words, self.places):
            for size in (1, 2):
                if len(word) >= size:
                    short.setdefault(word[:size], []).append(places)
        self.short = {p: frozenset().union(*sets) for p, sets in short.items()}

    def starting(self, prefix: str) -> frozenset[int]:
        start = bisect_left(self.words, prefix)
        end = bisect_left(self.words, prefix + "~", start)  # "~" sorts after every word character
        if end - start <= 1:
            return self.places[start] if end > start else frozenset()
        if prefix in self.short:
            return self.short[prefix]
        return frozenset().union(*self.places[start:end])

    def having(self, query_words: list[str]) -> frozenset[int]:
        """The models with every query word itself."""
        sets = []
        for word in set(query_words):
            position = bisect_left(self.words, word)
            if position == len(self.words) or self.words[position] != word:
                return frozenset()
            sets.append(self.places[position])
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:])

    def matching(self, query_words: list[str]) -> frozenset[int]:
        """The models with, for every query word, a word starting with it."""
        sets = []
        for word in set(query_words):
            places = self.starting(word)
            if not places:
                return frozenset()
            sets.append(places)
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:])


class Resolver:
    """Every model of a catalog under its keys, ready for exact, prefix and fuzzy lookups."""

    def __init__(self, models: Iterable[Model]):
        self.models: list[Model] = list(models)
        self._index = {model.id: i for i, model in enumerate(self.models)}
        self._exact = _Keys()
        self._sorted = _Keys()
        self._dotless = _Keys()
        self._nickname = _Keys()
        self._name_keys: list[str] = []
        self._model_keys: list[tuple[str, ...]] = []
        model_words: list[set[str]] = []
        for index, model in enumerate(self.models):
            slug = model.id.rsplit("/", 1)[-1]
            mine: set[str] = set()
            keys: list[str] = []
            for text in dict.fromkeys((model.id, slug, model.name, *model.aliases)):
                key = compact(text)
                keys.append(key)
                found = words(text)
                self._exact.add(key, index)
                self._dotless.add(key.replace(".", ""), index)
                self._sorted.add("".join(sorted(found)), index)
                mine.update(found if not _DATED.search(text) else words(undated(text)))
            model_words.append(mine)
            self._model_keys.append(tuple(dict.fromkeys(keys)))
            name_words = model.name.split()
            nickname = compact(" ".join(name_words[1:]))
            # "Sonnet 4.5" for Claude Sonnet 4.5; a plain word ("Chat", "A") is too common to be a name.
            if len(name_words) >= 2 and _DIGITS.search(nickname) and re.search("[a-z]", nickname):
                self._nickname.add(nickname, index)
            self._name_keys.append(compact(model.name))
        # Fuzzy and prefix search run over each distinct key once.
        self._fuzzy_keys: list[str] = sorted(self._exact.table)
        self._fuzzy_owners: list[list[int]] = [self._exact.table[k] for k in self._fuzzy_keys]
        self._prefix_order = [len(k) * (len(self._fuzzy_keys) + 1) + p for p, k in enumerate(self._fuzzy_keys)]
        self._filter = _CharFilter(self._fuzzy_keys)
        self._by_name = sorted(range(len(self.models)), key=lambda i: self.models[i].name.casefold())
        # Suggestions rank by name length, then name: ``_rank[i]`` is model i's place in that order, and word-prefix
        # lookups work on those places so the best ones come first.
        names = [model.name for model in self.models]
        self._by_rank = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i], i))
        self._rank = [0] * len(self.models)
        for place, index in enumerate(self._by_rank):
            self._rank[index] = place
        families: dict[str, set[int]] = {}
        for index, model in enumerate(self.models):
            families.setdefault(model.family.casefold(), set()).add(index)
        self._families = {name: frozenset(members) for name, members in families.items()}
        self._name_words = _WordIndex([words(m.name) for m in self.models], self._rank)
        self._all_words = _WordIndex(model_words, self._rank)

    def over(self, models: Sequence[Model]) -> Resolver:
        """This index over ``models``: the same models, by id and in the same order, some perhaps newer objects
        (a catalog settled as of a later day, ``catalog.lifecycle``). What the index is made of (ids, names,
        aliases, families) is what settling never changes, so a kept index serves every day's catalog."""
        if len(models) != len(self.models) or any(a.id != b.id for a, b in zip(models, self.models)):
            raise ValueError("an index serves only the models it was made of, in their order")
        moved = copy.copy(self)
        moved.models = list(models)
        return moved

    # --- pieces ---------------------------------------------------------------------------------

    def _candidate(self, index: int, score: float) -> Candidate:
        model = self.models[index]
        return Candidate(id=model.id, name=model.name[:NAME_LIMIT], score=round(float(score), 1))

    def _exact_owners(self, query: str) -> tuple[list[int], float]:
        """Models an exact key of the query names, and how exact (100 down to 95)."""
        for text in variants(query):
            key = compact(text)
            for table, score, probe in (
                (self._exact, EXACT, key),
                (self._sorted, SORTED_WORDS, sorted_words(text)),
                (self._dotless, DOTLESS, key.replace(".", "")),
                (self._nickname, NICKNAME, key),
            ):
                owners = table.get(probe)
                if owners:
                    return owners, score
        return [], 0.0

    def _prefixed(self, key: str, limit: int) -> list[int]:
        """Models with a key starting with ``key``, shortest key first (among the first 400 such keys)."""
        start = bisect_left(self._fuzzy_keys, key)
        end = min(bisect_left(self._fuzzy_keys, key + "~", start), start + 400)  # "~" sorts after every key character
        out: list[int] = []
        for position in sorted(range(start, end), key=self._prefix_order.__getitem__):
            for index in self._fuzzy_owners[position]:
                if index not in out:
                    out.append(index)
                    if len(out) == limit:
                        return out
        return out

    def _word_prefixed(self, query_words: list[str], limit: int, skip: Iterable[int] = ()) -> list[tuple[int, float]]:
        """Models that have, for every query word, a word starting with it, best first: those whose name has the
        words themselves ("2" is Devstral 2 before Gemma 3 27B), those whose name has words starting with them,
        then those whose id or aliases do (their dated snapshots' dates left out); shortest names first in each."""
        if not query_words or limit <= 0:
            return []
        skipped = {self._rank[i] for i in skip}
        out: list[tuple[int, float]] = []
        for found, score in (
            (self._name_words.having(query_words), WHOLE_WORDS),
            (self._name_words.matching(query_words), WORD_PREFIXES),
            (self._all_words.matching(query_words), WORD_PREFIXES),
        ):
            if not found:
                continue
            if len(found) * 16 < len(self.models):
                ordered: Iterable[int] = sorted(found)
            else:  # dense: the first places hold some soon
                ordered = (place for place in range(len(self.models)) if place in found)
            for place in ordered:
                if place not in skipped:
                    skipped.add(place)
                    out.append((self._by_rank[place], score))
                    if len(out) == limit:
                        return out
        return out

    def _fuzzy(
        self,
        key: str,
        limit: int,
        cutoff: float = CANDIDATE_CUTOFF,
        skip: Iterable[int] = (),
        budget: int | None = None,
        want: int | None = None,
    ) -> dict[int, float]:
        """Best rapidfuzz ratio per model over the ``limit`` best keys, at or above ``cutoff`` (keys only models in
        ``skip`` have are passed over).

        With ``want``, the keys that could reach ``PROBE`` are scored first, and if ``want`` models score that
        much, they are the answer. With a ``budget``, when more keys than that could reach ``cutoff`` (the
        loosest bound of a long query at 10,000 models), the bound is raised in steps (``_TIERS``) until few
        enough could, but never above ``MATCH_SCORE - MARGIN``: the keys close enough to decide a match are
        always all scored, and only some far ones (60-70) may be missing.
        """
        size = len(key)
        if self._filter.count == 0 or not self._filter.reachable(size, cutoff):
            return {}
        shared = self._filter.shared(key)
        skipped = set(skip)
        owners = self._exact.table
        passed = {k for i in skipped for k in self._model_keys[i] if all(o in skipped for o in owners[k])}
        if want is not None and cutoff < PROBE:
            # Most names have close neighbours: when ``want`` models are found at PROBE or above, every key that
            # could score that much has been scored, so the best ones are a full search's.
            best = self._best(key, self._filter.passing(shared, size, PROBE), limit, cutoff, passed)
            if sum(1 for score in best.values() if score >= PROBE) >= want:
                return best
        selected = self._filter.passing(shared, size, cutoff)
        if budget is not None and selected.bit_count() > budget:
            for tier in sorted(t for t in _TIERS if cutoff < t <= MATCH_SCORE - MARGIN):
                selected = self._filter.passing(shared, size, tier)
                if selected.bit_count() <= budget:
                    break
        return self._best(key, selected, limit, cutoff, passed)

    def _best(self, key: str, selected: int, limit: int, cutoff: float, passed: set[str]) -> dict[int, float]:
        """Best ratio per model over the ``limit`` best of the keys ``selected`` marks, except ``passed``."""
        choices = self._filter.keys_in(selected)
        if not choices:
            return {}
        owners = self._exact.table
        results = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit + len(passed))
        scored = sorted((-score, k) for k, score, _ in results if k not in passed)  # closest first, then key order
        best: dict[int, float] = {}
        for negative, found in scored[:limit]:
            for index in owners[found]:
                if -negative > best.get(index, -1.0):
                    best[index] = -negative
        return best

    def _keeps_numbers(self, key: str, index: int) -> bool:
        wanted = digits(key)
        model = self.models[index]
        slug = model.id.rsplit("/", 1)[-1]
        return any(digits(compact(t)) == wanted for t in (model.name, slug, *model.aliases))

    # --- the three questions --------------------------------------------------------------------

    def named(self, query: str) -> Model | None:
        """The one model an exact key of ``query`` names (its id, name, alias or nickname, also with another
        catalog's prefix or suffix: "openai/gpt-4.1-mini-2025-04-14"), else None. A look-up's fast path: no
        fuzzy search and no alternatives; where it finds a model, ``resolve(query).match`` is that model."""
        text = (query or "").strip()[:QUERY_LIMIT]
        if not compact(text):
            return None
        owners, _ = self._exact_owners(text)
        return self.models[owners[0]] if len(owners) == 1 else None

    def resolve(self, query: str) -> Resolution:
        """The one model ``query`` means, or ranked alternatives when it is unclear or nothing is close."""
        text = (query or "").strip()[:QUERY_LIMIT]
        key = compact(text)
        if not key:
            return Resolution(query=text, match=None, alternatives=())
        owners, exact = self._exact_owners(text)
        if len(owners) > 1:
            ranked = sorted((self._candidate(i, exact) for i in owners), key=lambda c: c.name)
            return Resolution(query=text, match=None, alternatives=tuple(ranked[:ALTERNATIVES]), ambiguous=True)
        if len(owners) == 1:
            # The alternatives are the models closest to the one found, however it was named ("openai/gpt-4.1-mini",
            # "gpt4.1mini-2025-04-14"): its name's neighbours.
            match = self._candidate(owners[0], exact)
            near = self._name_keys[owners[0]] or key
            ranked = self._ranked(near, self._prefixed(near, 10) if len(near) >= 2 else [])
            others = [c for c in ranked if c.id != match.id][:ALTERNATIVES]
            return Resolution(query=text, match=match, alternatives=self._with_kin(owners[0], near, others))
        prefixed = self._prefixed(key, 10) if len(key) >= 2 else []
        ranked = self._ranked(key, prefixed)
        found: Candidate | None = None
        ambiguous = len(prefixed) >= 2  # the start of several models' keys
        if ranked and not ambiguous:
            top = ranked[0]
            runner_up = ranked[1].score if len(ranked) > 1 else 0.0
            if top.score >= MATCH_SCORE:
                if top.score - runner_up < MARGIN:
                    ambiguous = True
                elif self._keeps_numbers(key, self._index_of(top.id)):
                    found = top
        alternatives = tuple(c for c in ranked if found is None or c.id != found.id)[:ALTERNATIVES]
        ambiguous = ambiguous and len(alternatives) > 1
        return Resolution(query=text, match=found, alternatives=alternatives, ambiguous=ambiguous)

    def _ranked(self, key: str, prefixed: list[int]) -> list[Candidate]:
        """Models close to ``key``: prefix matches count as close as their ratio or 75, best first."""
        scores = self._fuzzy(key, limit=20, budget=FUZZY_BUDGET, want=ALTERNATIVES + 1)
        for index in prefixed:
            scores[index] = max(scores.get(index, 0.0), 75.0, fuzz.ratio(key, self._name_keys[index]))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self.models[item[0]].name))
        return [self._candidate(i, s) for i, s in ranked]

    def _with_kin(self, index: int, key: str, others: list[Candidate]) -> tuple[Candidate, ...]:
        """The alternatives to an exact match, with its closest relatives of the same family among them.

        "GPT-4.1 Mini" is nearer GPT-4.1 Nano than its spelling says: the family's closest members, up to
        ``KIN`` in all, take the places of the farthest others (never of one scoring ``MATCH_SCORE`` or more).
        Scores stay ratios, and the list stays best first.
        """
        family = self._families.get(self.models[index].family.casefold(), frozenset())
        relatives = sum(1 for c in others if self._index[c.id] in family)
        wanted = KIN - relatives
        shown = {self._index[c.id] for c in others}
        pool = sorted(i for i in family if i != index and i not in shown) if wanted > 0 else []
        if not pool:
            return tuple(others)
        closest = process.extract(key, [self._name_keys[i] for i in pool], scorer=fuzz.ratio, limit=wanted)
        # Relatives and others close enough to be a match stay; the farther others make room.
        kept = [c for c in others if self._index[c.id] in family or c.score >= MATCH_SCORE]
        added = [self._candidate(pool[found], score) for _, score, found in closest][: max(0, ALTERNATIVES - len(kept))]
        rest = [c for c in others if c not in kept][: max(0, ALTERNATIVES - len(kept) - len(added))]
        return tuple(sorted(kept + added + rest, key=lambda c: (-c.score, c.name)))

    def _index_of(self, model_id: str) -> int:
        return self._index[model_id]

    def suggest(self, partial: str, limit: int = SUGGEST_LIMIT) -> list[Candidate]:
        """Up to ``limit`` (at most 25) models for a partial name, closest first."""
        limit = max(0, min(limit, SUGGEST_LIMIT))
        text = (partial or "").strip()[:QUERY_LIMIT]
        key = compact(text)
        if limit == 0:
            return []
        if not key:
            return [self._candidate(i, 0.0) for i in self._by_name[:limit]]
        chosen: dict[int, float] = {}
        owners, exact = self._exact_owners(text)
        for index in owners:
            chosen[index] = exact
        for index in self._prefixed(key, limit):
            chosen.setdefault(index, PREFIX)
        if len(chosen) < limit:
            for index, score in self._word_prefixed(words(text), limit - len(chosen), skip=chosen):
                chosen[index] = score
        if len(chosen) < limit:
            found = self._fuzzy(key, limit, skip=chosen, budget=SUGGEST_BUDGET)
            for index, score in sorted(found.items(), key=lambda item: -item[1]):
                chosen.setdefault(index, min(score, FUZZY_SUGGESTION))
        rank = self._rank
        ranked = sorted(chosen.items(), key=lambda item: (-item[1], rank[item[0]]))
        return [self._candidate(i, s) for i, s in ranked[:limit]]

    def find_in_text(self, text: str, limit: int = 4) -> list[Model]:
        """The models a sentence names, in order, each once (``mentions`` without where)."""
        return [mention.model for mention in self.mentions(text, limit)[1]]

    def mentions(self, text: str, limit: int = 4) -> tuple[list[str], list[Mention]]:
        """The sentence's words (as compared: lower case, the first 2,000 characters) and the models it names
        among them, in order, each model once, with the words that name it.

        At each word the longest span that names a model wins: exactly, or closely when the span has a number
        (so "gpt 4.1 mnii" is GPT-4.1 Mini, not GPT-4.1 followed by a typo), unless a close span names the same
        model as an exact shorter one, or the words it takes past that one start a name of their own
        ("deepseek v3.1 terminus, grok" leaves "grok"; "claude sonnet 4.5, nova lite" names two models), or
        it starts before one ("grok, deepseek v3.1 terminus" leaves "grok" too).
        """
        tokens = _TEXT_TOKENS.findall((text or "").casefold()[:2000])
        out: list[Mention] = []
        position = 0
        while position < len(tokens) and len(out) < limit:
            hit = self._longest_at(tokens, position)
            if hit is not None and hit[0] > 1:
                shorter = self._longest_at(tokens, position, hit[0] - 1, strict=True)
                if shorter is not None and shorter[1] == hit[1]:
                    hit = shorter  # the words past an exact name of the same model are not part of it
                elif hit[2] and shorter is not None and self._starts_a_name(tokens, position + shorter[0]):
                    hit = shorter  # a close span does not swallow the start of another name (or family)
                elif (
                    hit[2]
                    and shorter is None
                    and any(
                        self._longest_at(tokens, position + k, hit[0] - k, strict=True) is not None
                        for k in range(1, hit[0])
                    )
                ):
                    hit = None  # the close span only adds a word before a name: the name starts later
            if hit is None:
                position += 1
                continue
            width, index = hit[0], hit[1]
            model = self.models[index]
            if all(m.model is not model for m in out):
                out.append(Mention(model, position, width))
            position += width
        return tokens, out

    def _longest_at(
        self, tokens: list[str], position: int, widest: int = 6, strict: bool = False
    ) -> tuple[int, int, bool] | None:
        """(width, model index, close rather than exact) of the longest span from ``position`` that names a
        model: exactly, or (unless ``strict``) closely."""
        for width in range(min(widest, len(tokens) - position), 0, -1):
            if width > 1 and any("/" in token for token in tokens[position : position + width]):
                continue  # an id ("openai/gpt-4.1") names a model by itself: words around it are not part of it
            phrase = " ".join(tokens[position : position + width])
            index = self._text_match(phrase, strict=True)
            if index is not None:
                return width, index, False
            if not strict:
                index = self._text_match(phrase, strict=False)
                if index is not None and self._begins_name(tokens[position], index):
                    return width, index, True
        return None

    def _starts_a_name(self, tokens: list[str], position: int) -> bool:
        """The words at ``position`` name a model exactly, or start with the first word of a model's name (a
        family such as "claude sonnet")."""
        if position >= len(tokens):
            return False
        if self._longest_at(tokens, position, strict=True) is not None:
            return True
        return compact(tokens[position]) in self._first_words

    @cached_property
    def _first_words(self) -> frozenset[str]:
        """The first word of every model's name, compacted ("claude", "gemini", "grok")."""
        return frozenset(compact(m.name.split()[0]) for m in self.models if m.name.split())

    def _begins_name(self, token: str, index: int) -> bool:
        """A close match must start where the model's name (or id) starts: "grok or gemini 3.1 pro preview"
        is not a misspelt Gemini 3.1 Pro Preview, and "grok" is left to be read on its own."""
        model = self.models[index]
        first = compact(token)
        return any(compact(start).startswith(first[:3]) for start in (model.name.split()[0], model.id.split("/", 1)[1]))

    def _text_match(self, phrase: str, strict: bool) -> int | None:
        owners, _ = self._exact_owners(phrase)
        if strict:
            return owners[0] if len(owners) == 1 else None
        key = compact(phrase)
        # Only a span with a number and a word of letters is tried fuzzily: plain words are not model names.
        if not (_DIGITS.search(key) and re.search(r"[a-z]{2}", key)) or len(key) < 4:
            return None
        scores = sorted(self._fuzzy(key, limit=5, cutoff=TEXT_MATCH_SCORE).items(), key=lambda item: -item[1])
        if not scores:
            return None
        index, score = scores[0]
        runner_up = scores[1][1] if len(scores) > 1 else 0.0
        if score - runner_up >= MARGIN and self._keeps_numbers(key, index):
            return index
        return None
