"""The importers' working form of a model: facts as found, each remembering where it came from.

An importer builds one ``ModelDraft`` per model it reads, every fact stamped with the
``Origin`` (URL, checked date) of the file or page it came from. Drafts of the same model are
merged (``ModelDraft.absorb``), then written out in the schema's shape (``catalog.importers.write``).
A fact no source states is simply absent here, and is written as "unknown".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from catalog.schema import Capability, Tri

# Draft fact -> the [[sources]] ``covers`` name that backs it.
SOURCED_AS: dict[str, str] = {
    "release_date": "release_date",
    "knowledge_cutoff": "knowledge_cutoff",
    "context_window": "context_window",
    "max_output_tokens": "max_output_tokens",
    "parameters": "parameters",
    "architecture": "architecture",
    "licence": "licence",
    "open_weights": "open_weights",
    "input_modalities": "modalities",
    "output_modalities": "modalities",
}

FACTS = (*SOURCED_AS, "family")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a fact was read: a URL a person can open, the date, and what happened on it.

    ``how`` is one of ``catalog.schema.DATE_KINDS``: ``fetched`` for a source listing (the
    snapshot's fetch date), ``read`` for a page a person read from a stored copy, ``checked``
    for a live page a person checked, ``decided`` for a rule of Versus's own. ``source`` names
    the adapter (``models-dev``, ``openrouter``, ``litellm``, ``genai-prices``) or ``curation``.
    """

    url: str
    date: dt.date
    title: str | None = None
    how: str = "fetched"
    source: str = ""


@dataclass(slots=True)
class RouteDraft:
    provider: str
    model_id: str
    input: Decimal | None
    output: Decimal | None
    context_window: int | None
    origin: Origin
    cached_input: Decimal | None = None
    cache_write: Decimal | None = None
    batch_input: Decimal | None = None
    batch_output: Decimal | None = None
    tiers: list[dict[str, Any]] = field(default_factory=list)
    # Prices in a daily UTC window instead of the standard ones: {"start": "16:30", "end": "00:30",
    # "input": Decimal, "output": Decimal, "cached_input": Decimal | None}.
    off_peak: list[dict[str, Any]] = field(default_factory=list)
    # Dated prices the source lists, oldest first: {"starts": date, "input", "output", "cached_input",
    # "cache_write"}. Those after the fetch date are announced ahead; earlier ones are history.
    dated: list[dict[str, Any]] = field(default_factory=list)
    deprecation_date: dt.date | None = None
    deprecated: bool = False  # the source marks the listing deprecated (with or without a date)

    def better_than(self, other: "RouteDraft") -> bool:
        """A priced listing beats an unpriced one; then newer data wins; within one source,
        the cheapest listing, then the plainest id (a provider may list one model several
        times: regional or cross-region endpoints).
        """
        if self.priced != other.priced:
            return self.priced
        if self.origin.date != other.origin.date:
            return self.origin.date > other.origin.date
        if self.priced and self.input != other.input:
            return self.input < other.input  # type: ignore[operator]
        return len(self.model_id) < len(other.model_id)

    @property
    def priced(self) -> bool:
        return self.input is not None and self.output is not None


@dataclass(slots=True)
class ModelDraft:
    """One listing of a model as a source gives it: facts, and at most one route (a creator's file has none).

    ``creator_file`` marks a source's provider-independent file for the model (models.dev's
    ``models/<creator>/<model>.toml``): the best place for model facts.
    """

    id: str
    name: str
    vendor: str
    origin: Origin
    keys: set[str] = field(default_factory=set)
    facts: dict[str, Any] = field(default_factory=dict)
    fact_origin: dict[str, Origin] = field(default_factory=dict)
    capabilities: dict[str, Tri] = field(default_factory=dict)
    capability_origin: dict[str, Origin] = field(default_factory=dict)
    routes: dict[str, RouteDraft] = field(default_factory=dict)
    benchmarks: dict[str, dict[str, Any]] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    creator_file: bool = False

    def set(self, fact: str, value: Any, origin: Origin | None = None) -> None:
        """Record a fact unless it is unknown (None/empty) or already known."""
        if fact not in FACTS:
            raise KeyError(fact)
        if value is None or value == () or value == [] or fact in self.facts:
            return
        self.facts[fact] = value
        self.fact_origin[fact] = origin or self.origin

    def set_capability(self, capability: Capability | str, value: Tri, origin: Origin | None = None) -> None:
        name = Capability(capability).value
        if not value.known or self.capabilities.get(name, Tri.UNKNOWN).known:
            return
        self.capabilities[name] = value
        self.capability_origin[name] = origin or self.origin

    def add_route(self, route: RouteDraft) -> None:
        key = route.provider.casefold()
        current = self.routes.get(key)
        if current is None or route.better_than(current):
            self.routes[key] = route

    def add_benchmark(self, row: dict[str, Any]) -> None:
        self.benchmarks.setdefault(row["name"].casefold(), row)

    def add_alias(self, alias: str) -> None:
        text = alias.strip()
        if text and text.casefold() not in {a.casefold() for a in self.aliases}:
            self.aliases.append(text)

    def absorb(self, other: "ModelDraft") -> None:
        """Merge another draft of the same model: known facts stay, unknown ones are filled."""
        self.keys |= other.keys
        for fact, value in other.facts.items():
            self.set(fact, value, other.fact_origin[fact])
        for name, value in other.capabilities.items():
            self.set_capability(name, value, other.capability_origin[name])
        for route in other.routes.values():
            self.add_route(route)
        for row in other.benchmarks.values():
            self.add_benchmark(row)
        for alias in other.aliases:
            self.add_alias(alias)
        for tag in other.tags:
            if tag not in self.tags:
                self.tags.append(tag)
