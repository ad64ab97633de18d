"""A model from what someone typed: the catalog's exact names first, then the resolver; or why none.

Every surface (the command line, the bot) looks models up here, so the same text finds the same
model everywhere and a miss is explained with the same facts: no match or several close ones, and
the names closest to what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from catalog.families import Family, family
from catalog.loader import Catalog
from catalog.resolver import Candidate, Resolver
from catalog.schema import Model

SUGGESTIONS = 5
QUERY_LIMIT = 100
"""The resolver reads no more than this many characters of what was typed."""
SHOWN_QUERY = 80
"""A miss quotes no more than this many characters of what was typed."""


@dataclass(frozen=True, slots=True)
class Lookup:
    query: str
    """What was typed, without surrounding space."""
    model: Model | None
    ambiguous: bool = False
    """No model: several are about equally close (see ``Resolution.ambiguous``)."""
    alternatives: tuple[Candidate, ...] = ()
    """No model: the closest names, best first (by score, then newest first)."""
    family: Family | None = None
    """The family ``query`` names ("claude sonnet", "mistral-large-latest"), when no model's own name
    matched: ``model`` is its newest active model where the caller takes families (``families=True``)."""

    @property
    def note(self) -> str | None:
        """How a family name was read, when it was: say it where the answer is shown."""
        return self.family.note() if self.family is not None and self.model is not None else None


def look_up(
    catalog: Catalog, resolver: Resolver, text: str, suggestions: int = SUGGESTIONS, families: bool = False
) -> Lookup:
    """The model ``text`` names: an exact id first, then an exact key of the resolver's (a name, an alias, a
    dated id), then its fuzzy match; else, for a family name, its newest active model when ``families``
    (the caller says so: ``Lookup.note``) or its members newest first; else the closest names, by score and
    then newest first."""
    query = text.strip()
    if not query:
        return Lookup(query, None)
    model = catalog.get(query)
    if model is not None:
        return Lookup(query, model)
    named = resolver.named(query[:QUERY_LIMIT])  # an exact name, alias or dated id: no fuzzy search
    if named is not None:
        found = catalog.get(named.id)
        if found is not None:
            return Lookup(query, found)
    resolution = resolver.resolve(query[:QUERY_LIMIT])
    if resolution.match is not None:
        found = catalog.get(resolution.match.id)
        if found is not None:
            return Lookup(query, found)
    named_family = family(catalog, query[:QUERY_LIMIT])
    if named_family is not None:
        if families and named_family.newest is not None:
            return Lookup(query, named_family.newest, family=named_family)
        members = tuple(Candidate(m.id, m.name, 100.0) for m in named_family.members[:suggestions])
        return Lookup(query, None, len(members) > 1, members, family=named_family)
    alternatives = tuple(resolution.alternatives)
    if not alternatives:
        alternatives = tuple(resolver.suggest(query[:QUERY_LIMIT], limit=suggestions))
    return Lookup(query, None, resolution.ambiguous, newest_first(catalog, alternatives)[:suggestions])


def newest_first(catalog: Catalog | None, candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Candidates by score, then newest release first (unknown dates last), then name."""

    def key(candidate: Candidate) -> tuple:
        model = catalog.get(candidate.id) if catalog is not None else None
        date = model.release_date if model is not None else None
        return (-candidate.score, date is None, -date.toordinal() if date else 0, candidate.name)

    return tuple(sorted(candidates, key=key))


def miss_message(lookup: Lookup, hint: str, quote: Callable[[str], str] = str) -> str:
    """Why ``lookup`` found no model, in one line: "no model matches 'x'; did you mean: A (a/id), ...?",
    or "'x' could be more than one model; ..." when it is ambiguous; ``hint`` ends the line when there is
    no name to offer. ``quote`` makes typed text and names safe to show (the bot's keeps them from pinging)."""
    shown = quote(" ".join(lookup.query.split())[:SHOWN_QUERY])
    names = ", ".join(quote(f"{c.name} ({c.id})") for c in lookup.alternatives)
    if lookup.family is not None and names:
        newest = lookup.family.newest
        which = (
            f"its newest active model is {quote(newest.name)}" if newest is not None else "no one model is its newest"
        )
        return f"'{shown}' is a family ({which}); name one: {names}"
    if lookup.ambiguous and names:
        return f"'{shown}' could be more than one model; did you mean: {names}?"
    if names:
        return f"no model matches '{shown}'; did you mean: {names}?"
    return f"no model matches '{shown}'; {hint}"
