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

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

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
NAME_LIMIT = 100
QUERY_LIMIT = 200
"""Longer input is cut before it is compared; no model key is anywhere near this long."""

EXACT, SORTED_WORDS, DOTLESS, NICKNAME = 100.0, 97.0, 96.0, 95.0

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
    changed = True
    while changed:
        changed = False
        for pattern in _SUFFIXES:
            stripped = pattern.sub("", text)
            if stripped and stripped != text:
                text = stripped
                out.append(text)
                changed = True
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
class Resolution:
    """The model meant, or ``None``; and the other models it could be, best first."""

    query: str
    match: Candidate | None
    alternatives: tuple[Candidate, ...]

    @property
    def ambiguous(self) -> bool:
        return self.match is None and len(self.alternatives) > 1

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
        if index not in owners:
            owners.append(index)

    def get(self, key: str) -> list[int]:
        return self.table.get(key, [])


class _CharFilter:
    """Which keys can reach a ``fuzz.ratio`` cutoff at all, without scoring every key.

    ``fuzz.ratio(q, k)`` is ``200 * LCS / (len(q) + len(k))``, and the longest common subsequence is at most the
    number of characters the two share (counted with repeats). For each character ``c`` and count ``j`` a big
    integer holds one byte per key, 1 where the key has at least ``j`` of ``c``; adding the query's ones gives
    every key's shared count at once (a byte never passes 255: a longer query is not filtered). Keys are laid
    out by length, so each length needs one threshold, found with a byte-range regex. A key that could reach
    the cutoff is always kept: the filter only spares rapidfuzz the keys that cannot, so results are unchanged.
    """

    def __init__(self, keys: list[str]):
        self.count = len(keys)
        self.order = sorted(range(self.count), key=lambda p: (len(keys[p]), p))
        self.lengths: list[tuple[int, int, int]] = []  # (key length, first slot, end slot)
        masks: dict[tuple[str, int], bytearray] = {}
        for slot, position in enumerate(self.order):
            key = keys[position]
            if not self.lengths or self.lengths[-1][0] != len(key):
                if self.lengths:
                    self.lengths[-1] = (self.lengths[-1][0], self.lengths[-1][1], slot)
                self.lengths.append((len(key), slot, slot))
            for char in set(key):
                for times in range(1, key.count(char) + 1):
                    mask = masks.get((char, times))
                    if mask is None:
                        mask = masks[(char, times)] = bytearray(self.count)
                    mask[slot] = 1
        if self.lengths:
            self.lengths[-1] = (self.lengths[-1][0], self.lengths[-1][1], self.count)
        self.masks = {pair: int.from_bytes(mask, "little") for pair, mask in masks.items()}

    def candidates(self, query: str, cutoff: float) -> list[int] | None:
        """Positions (in the keys' order) of the keys that may score ``cutoff`` or more; None for all of them."""
        if len(query) > 255 or cutoff <= 0:
            return None
        total = 0
        for char in set(query):
            for times in range(1, query.count(char) + 1):
                mask = self.masks.get((char, times))
                if mask is None:
                    break
                total += mask
        shared = total.to_bytes(self.count, "little")
        slots: list[int] = []
        size = len(query)
        for length, first, end in self.lengths:
            need = cutoff * (size + length) / 200.0 - 1e-6
            if need <= 0:
                slots.extend(range(first, end))
            elif min(size, length) >= need:
                slots.extend(found.start() for found in _AT_LEAST[math.ceil(need)].finditer(shared, first, end))
        order = self.order
        return sorted(order[slot] for slot in slots)


_AT_LEAST = [re.compile(b"[" + re.escape(bytes([n])) + b"-\xff]") for n in range(256)]


class Resolver:
    """Every model of a catalog under its keys, ready for exact, prefix and fuzzy lookups."""

    def __init__(self, models: Iterable[Model]):
        self.models: list[Model] = list(models)
        self._index = {model.id: i for i, model in enumerate(self.models)}
        self._exact = _Keys()
        self._sorted = _Keys()
        self._dotless = _Keys()
        self._nickname = _Keys()
        word_entries: list[tuple[str, int]] = []
        for index, model in enumerate(self.models):
            slug = model.id.rsplit("/", 1)[-1]
            texts = [model.id, slug, model.name, *model.aliases]
            for text in texts:
                key = compact(text)
                self._exact.add(key, index)
                self._dotless.add(key.replace(".", ""), index)
                self._sorted.add(sorted_words(text), index)
                for word in set(words(text)):
                    word_entries.append((word, index))
            name_words = model.name.split()
            nickname = compact(" ".join(name_words[1:]))
            # "Sonnet 4.5" for Claude Sonnet 4.5; a plain word ("Chat", "A") is too common to be a name.
            if len(name_words) >= 2 and _DIGITS.search(nickname) and re.search("[a-z]", nickname):
                self._nickname.add(nickname, index)
        # Fuzzy and prefix search run over each distinct key once.
        self._fuzzy_keys: list[str] = sorted(self._exact.table)
        self._fuzzy_owners: list[list[int]] = [self._exact.table[k] for k in self._fuzzy_keys]
        self._filter = _CharFilter(self._fuzzy_keys)
        word_entries.sort()
        self._word_keys = [w for w, _ in word_entries]
        self._word_owners = [i for _, i in word_entries]
        self._model_words: list[set[str]] = [set() for _ in self.models]
        for word, index in word_entries:
            self._model_words[index].add(word)
        self._by_name = sorted(range(len(self.models)), key=lambda i: self.models[i].name.casefold())

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
        """Models with a key starting with ``key``, shortest key first."""
        start = bisect_left(self._fuzzy_keys, key)
        found: list[tuple[int, str, int]] = []
        for position in range(start, min(start + 400, len(self._fuzzy_keys))):
            candidate = self._fuzzy_keys[position]
            if not candidate.startswith(key):
                break
            for index in self._fuzzy_owners[position]:
                found.append((len(candidate), candidate, index))
        found.sort()
        out: list[int] = []
        for _, _, index in found:
            if index not in out:
                out.append(index)
                if len(out) == limit:
                    break
        return out

    def _word_prefixed(self, query_words: list[str], limit: int) -> list[int]:
        """Models that have, for every query word, a word starting with it."""
        if not query_words:
            return []
        first = max(query_words, key=len)
        start = bisect_left(self._word_keys, first)
        out: list[int] = []
        for position in range(start, min(start + 2000, len(self._word_keys))):
            if not self._word_keys[position].startswith(first):
                break
            index = self._word_owners[position]
            if index in out:
                continue
            mine = self._model_words[index]
            if all(any(w.startswith(q) for w in mine) for q in query_words):
                out.append(index)
                if len(out) == limit:
                    break
        return out

    def _fuzzy(self, key: str, limit: int, cutoff: float = CANDIDATE_CUTOFF) -> dict[int, float]:
        """Best rapidfuzz ratio per model over its keys, at or above ``cutoff``."""
        best: dict[int, float] = {}
        positions = self._filter.candidates(key, cutoff)
        choices = self._fuzzy_keys if positions is None else [self._fuzzy_keys[p] for p in positions]
        for _, score, found in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit):
            position = found if positions is None else positions[found]
            for index in self._fuzzy_owners[position]:
                if score > best.get(index, -1.0):
                    best[index] = score
        return best

    def _keeps_numbers(self, key: str, index: int) -> bool:
        wanted = digits(key)
        model = self.models[index]
        slug = model.id.rsplit("/", 1)[-1]
        return any(digits(compact(t)) == wanted for t in (model.name, slug, *model.aliases))

    # --- the three questions --------------------------------------------------------------------

    def resolve(self, query: str) -> Resolution:
        """The one model ``query`` means, or ranked alternatives when it is unclear or nothing is close."""
        text = (query or "").strip()[:QUERY_LIMIT]
        key = compact(text)
        if not key:
            return Resolution(query=text, match=None, alternatives=())
        owners, exact = self._exact_owners(text)
        if len(owners) == 1:
            match = self._candidate(owners[0], exact)
            others = [c for c in self._ranked(key) if c.id != match.id]
            return Resolution(query=text, match=match, alternatives=tuple(others[:ALTERNATIVES]))
        if len(owners) > 1:
            ranked = sorted((self._candidate(i, exact) for i in owners), key=lambda c: c.name)
            return Resolution(query=text, match=None, alternatives=tuple(ranked[:ALTERNATIVES]))
        ranked = self._ranked(key)
        prefixed = self._prefixed(key, 2) if len(key) >= 2 else []
        match = None
        if ranked and len(prefixed) < 2:
            top = ranked[0]
            runner_up = ranked[1].score if len(ranked) > 1 else 0.0
            index = self._index_of(top.id)
            if top.score >= MATCH_SCORE and top.score - runner_up >= MARGIN and self._keeps_numbers(key, index):
                match = top
        alternatives = tuple(c for c in ranked if match is None or c.id != match.id)[:ALTERNATIVES]
        return Resolution(query=text, match=match, alternatives=alternatives)

    def _ranked(self, key: str) -> list[Candidate]:
        """Models close to ``key``: prefix matches count as close as their ratio or 75, best first."""
        scores = self._fuzzy(key, limit=20)
        if len(key) >= 2:
            for index in self._prefixed(key, 10):
                model_key = compact(self.models[index].name)
                scores[index] = max(scores.get(index, 0.0), 75.0, fuzz.ratio(key, model_key))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self.models[item[0]].name))
        return [self._candidate(i, s) for i, s in ranked]

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
            chosen.setdefault(index, 90.0)
        if len(chosen) < limit:
            for index in self._word_prefixed(words(text), limit):
                chosen.setdefault(index, 80.0)
        if len(chosen) < limit:
            for index, score in sorted(self._fuzzy(key, limit).items(), key=lambda item: -item[1]):
                chosen.setdefault(index, min(score, 79.0))
        ranked = sorted(chosen.items(), key=lambda item: (-item[1], len(self.models[item[0]].name), self.models[item[0]].name))
        return [self._candidate(i, s) for i, s in ranked[:limit]]

    def find_in_text(self, text: str, limit: int = 4) -> list[Model]:
        """The models a sentence names, in order, each once.

        At each word the longest span that names a model wins: exactly, or closely when the span has a number
        (so "gpt 4.1 mnii" is GPT-4.1 Mini, not GPT-4.1 followed by a typo).
        """
        tokens = _TEXT_TOKENS.findall((text or "").casefold()[:2000])
        out: list[Model] = []
        position = 0
        while position < len(tokens) and len(out) < limit:
            hit = None
            for width in range(min(6, len(tokens) - position), 0, -1):
                phrase = " ".join(tokens[position : position + width])
                index = self._text_match(phrase, strict=True)
                if index is None:
                    index = self._text_match(phrase, strict=False)
                if index is not None:
                    hit = (width, index)
                    break
            if hit is None:
                position += 1
                continue
            width, index = hit
            model = self.models[index]
            if model not in out:
                out.append(model)
            position += width
        return out

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
