"""Reconciliation: every source's listings of a model become one catalog model, field by field.

Inputs are the listings of the four public sources (``catalog.sources``: one ``ModelDraft`` per listing,
each with at most one route), the curation overlay (``catalog.curation``) and, when there is one, the
previous catalog (for routes no source lists any more). The output is a list of ``catalog.schema.Model``.

**Which listings are one model.** Spellings of a model are grouped under one canonical id
(``catalog.importers.ids``: provider prefixes, dated snapshot suffixes and version suffixes removed;
``KNOWN_SPELLINGS``; a curation entry's ``from``). A model is in the catalog when a curation entry names
it, or, without one, when its listings price it on its maker's own API or on two or more providers
Versus lists (``PROVIDERS``), with at least one route still sold, and the curation does not exclude it.

**Model facts** (release date, knowledge cutoff, context window, max output, open weights, licence,
modalities, capabilities) are taken from the best place that states them, in this order:

1. the creator's own file (models.dev ``models/<creator>/<model>.toml``);
2. a listing on the maker's own API (models.dev, then LiteLLM, then genai-prices);
3. OpenRouter's listing (its API, then models.dev's OpenRouter files, then LiteLLM's);
4. any other provider's listing, where the value most listings state wins (ties by source order); for
   the context window, the windows of the model's routes at providers Versus lists count here too.

A lower place is used only for a fact no higher place states, so a reseller's file never sets a fact
a better source states. The curation overlay corrects facts on top, citing what it read.

**Route figures**, for each provider, are decided one group of fields at a time:

* *prices* (input and output): the value two or more sources agree on (within 2%) when it is the only
  such value, else the first source in the precedence for the route's kind (``PRICE_ORDER``): the maker's
  own API: models.dev, LiteLLM, genai-prices; OpenRouter: OpenRouter's own API, models.dev, LiteLLM,
  genai-prices; any other provider: LiteLLM, models.dev, genai-prices. (Measured on the shared
  snapshots, where the two other sources agreed: on the makers' APIs models.dev agreed with them 59 of
  59 times, LiteLLM 59 of 62, genai-prices 59 of 66; on other providers LiteLLM 47 of 51, models.dev 47
  of 53, genai-prices 47 of 51. Where only two sources list a route and disagree, the first in the
  precedence wins and the other's value is shown.)
* *context window*: the same rule with ``CONTEXT_ORDER``, exact values.
* *cache*, *batch*, *tiers*, *off-peak* and *announced prices*: from the prices' source when it states
  them, else from the first source in the precedence that states them **and agrees on the prices**
  (within 2%): a tier or a cache price stated by an agreeing source is never lost, and one stated for
  other prices is never grafted on.
* *lifecycle*: a deprecation date from any source (the first in the precedence); a route marked
  deprecated by a source is deprecated. Past its date a route is retired (since that date); a route of
  the previous catalog that no source lists any more is retired since the day that was noticed.

Where sources state a price more than 2% apart, or a context window differently at all, the figure
keeps the value chosen above and carries a ``Disagreement`` with every source's value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from pydantic import ValidationError

from catalog.importers.draft import FACTS, ModelDraft, Origin, RouteDraft
from catalog.importers.ids import vendor_name
from catalog.importers.merge import group
from catalog.importers.providers import first_party_names
from catalog.importers.write import document, route_covers
from catalog.loader import errors_from_validation
from catalog.schema import Capability, Model, RouteStatus, Tri

PROVIDERS = frozenset({
    "OpenAI API", "Anthropic API", "Google AI Studio", "xAI Console", "OpenRouter", "Amazon Bedrock",
    "Azure OpenAI", "Azure AI Foundry", "Google Vertex AI", "Together AI", "Groq", "Fireworks AI",
    "DeepInfra", "Mistral API", "DeepSeek API", "Replicate API", "Cohere API", "Alibaba Cloud Model Studio",
    "Z.ai API", "Moonshot AI API", "MiniMax API", "Cerebras", "Perplexity API", "Xiaomi MiMo API",
})
"""The providers Versus lists routes for, by display name (``catalog.importers.providers``)."""

SOURCE_ORDER = ("models-dev", "openrouter", "litellm", "genai-prices")
"""The order listings are grouped in (the first spelling of a model names it)."""

PRICE_ORDER: dict[str, tuple[str, ...]] = {
    "maker": ("curation", "models-dev", "litellm", "genai-prices", "openrouter"),
    "openrouter": ("curation", "openrouter", "models-dev", "litellm", "genai-prices"),
    "other": ("curation", "litellm", "models-dev", "genai-prices", "openrouter"),
}
"""``curation`` is a route a curation entry states itself, from a page read (``catalog.curation``)."""
CONTEXT_ORDER = PRICE_ORDER
FACT_ORDER = ("models-dev", "litellm", "genai-prices", "openrouter")
"""Within one place (the maker's API, OpenRouter, others), the order sources state a model's facts in."""

AGREE = Decimal("0.02")
"""Two prices more than 2% apart disagree."""


class SnapshotLike(Protocol):
    source: str
    label: str
    drafts: list[ModelDraft]


@dataclass
class Reconciled:
    """The models, and a line for every model that could not be built (a curation mistake, a source's
    figure the schema refuses); those models are left out."""

    models: list[Model]
    problems: list[str] = field(default_factory=list)


# --- small pieces ---------------------------------------------------------------------------


def agree(a: Decimal | None, b: Decimal | None) -> bool:
    """Prices within 2% of each other (both known)."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    return abs(a - b) <= AGREE * max(abs(a), abs(b))


def _prices_agree(a: RouteDraft, b: RouteDraft) -> bool:
    return agree(a.input, b.input) and agree(a.output, b.output)


def route_kind(provider: str, creator: str) -> str:
    if provider == "OpenRouter":
        return "openrouter"
    return "maker" if provider in first_party_names(creator) else "other"


@dataclass(frozen=True, slots=True)
class Listed:
    """A route as one source lists it."""

    source: str
    label: str
    route: RouteDraft


def _choose(listed: Sequence[Listed], order: Sequence[str], same, value) -> Listed | None:
    """The listing whose ``value`` wins: a value two or more listings share when it is the only such
    value, else the first in ``order`` that states one. ``same(a, b)`` says two values agree."""
    known = [item for item in listed if value(item) is not None]
    if not known:
        return None
    ranked = sorted(known, key=lambda item: _rank(order, item.source))
    if ranked[0].source == "curation":
        return ranked[0]  # a curated correction stands
    clusters: list[list[Listed]] = []
    for item in ranked:
        for cluster in clusters:
            if same(value(cluster[0]), value(item)):
                cluster.append(item)
                break
        else:
            clusters.append([item])
    shared = [c for c in clusters if len(c) >= 2]
    if len(shared) == 1:
        return shared[0][0]
    return ranked[0]


def _rank(order: Sequence[str], source: str) -> int:
    return order.index(source) if source in order else len(order)


# --- grouping and inclusion -----------------------------------------------------------------


def _ordered(snapshots: Iterable[SnapshotLike]) -> tuple[list[ModelDraft], dict[str, str]]:
    """Every listing in grouping order, and each source's label."""
    labels: dict[str, str] = {}
    by_source: dict[str, list[ModelDraft]] = {}
    for snapshot in snapshots:
        labels[snapshot.source] = snapshot.label
        by_source[snapshot.source] = list(snapshot.drafts)
    drafts = [d for name in sorted(by_source, key=lambda n: _rank(SOURCE_ORDER, n)) for d in by_source[name]]
    return drafts, labels


def _sold_listings(drafts: Sequence[ModelDraft], as_of: dt.date) -> list[RouteDraft]:
    routes = []
    for draft in drafts:
        for route in draft.routes.values():
            if route.provider not in PROVIDERS or not route.priced or not (route.input and route.output):
                continue
            if route.deprecation_date is not None and route.deprecation_date <= as_of:
                continue
            routes.append(route)
    return routes


ALIAS = re.compile(r"(^|[-_.])(latest|beta|experimental|exp|preview|nightly|gv\d+|customtools)([-_.]|$)")
"""Words of an id that name a moving alias or a pre-release, not a model of its own."""

NOT_CHAT = re.compile(
    r"(audio|tts|realtime|image|asr|ocr|transcri|livetranslate|robotics|computer-use|guard|safeguard|moderation|"
    r"embed|rerank|deep-research|search)"
)
"""Words of an id that name a speech, image, moderation or tool model: not a chat model to compare."""

FINE_TUNE = re.compile(r"(^|[.:_-])ft([.:_-]|$)")
"""A fine-tuned model's id (``ft:gpt-4o``, ``gpt-4o-mini-2024-07-18.ft-...``): one customer's, not a model to compare."""

_MONTH_DAY = re.compile(r"-(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")


def auto_addable(model_id: str, known_ids: Collection[str] = ()) -> bool:
    """An id that may join without a curation entry: not a fine-tune, an alias, a pre-release, a
    non-chat model, or a dated snapshot (``-0309``) of a model already there."""
    slug = model_id.split("/", 1)[1]
    if FINE_TUNE.search(slug) or ALIAS.search(slug) or NOT_CHAT.search(slug):
        return False
    dated = _MONTH_DAY.search(slug)
    return not (dated and f"{model_id[: -len(dated.group(0))]}" in known_ids)


def qualifies(model_id: str, drafts: Sequence[ModelDraft], as_of: dt.date, known_ids: Collection[str] = ()) -> bool:
    """A model joins without a curation entry when it is priced on its maker's own API or on two or more
    providers Versus lists, on routes still sold (and ``auto_addable``)."""
    if not auto_addable(model_id, known_ids):
        return False
    sold = _sold_listings(drafts, as_of)
    own = first_party_names(model_id.split("/", 1)[0])
    providers = {r.provider for r in sold}
    return bool(providers & own) or len(providers) >= 2


# --- facts ----------------------------------------------------------------------------------


def _place(draft: ModelDraft, creator: str) -> int:
    """Where a listing stands for model facts: 0 creator file, 1 maker's API, 2 OpenRouter, 3 other."""
    if draft.creator_file:
        return 0
    providers = {r.provider for r in draft.routes.values()}
    if providers & first_party_names(creator):
        return 1
    if "OpenRouter" in providers:
        return 2
    return 3


def _fact_value(values: list[tuple[int, int, Any, Origin]]) -> tuple[Any, Origin] | None:
    """(value, origin) from (place, source rank, value, origin) candidates; see the module's docstring."""
    if not values:
        return None
    best_place = min(v[0] for v in values)
    here = [v for v in values if v[0] == best_place]
    if best_place < 3:
        chosen = min(here, key=lambda v: v[1])
        return chosen[2], chosen[3]
    counts = Counter(_hashable(v[2]) for v in here)
    top = max(counts.values())
    chosen = min((v for v in here if counts[_hashable(v[2])] == top), key=lambda v: v[1])
    return chosen[2], chosen[3]


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def merged_draft(model_id: str, drafts: Sequence[ModelDraft]) -> ModelDraft:
    """One draft with the model's facts, capabilities, name, benchmarks and aliases (no routes)."""
    creator = model_id.split("/", 1)[0]
    places = [(_place(d, creator), _rank(FACT_ORDER, d.origin.source), d) for d in drafts]
    places.sort(key=lambda p: (p[0], p[1]))
    first = places[0][2]
    out = ModelDraft(id=model_id, name=_best_name(model_id, [d for _, _, d in places]), vendor=vendor_name(creator), origin=first.origin)
    for fact in FACTS:
        candidates = [(p, r, d.facts[fact], d.fact_origin[fact]) for p, r, d in places if fact in d.facts]
        if fact == "context_window" and all(c[0] == 3 for c in candidates):
            candidates += [
                (3, r, route.context_window, route.origin)
                for p, r, d in places
                for route in d.routes.values()
                if route.provider in PROVIDERS and route.context_window is not None
            ]
        found = _fact_value(candidates)
        if found is not None:
            out.facts[fact], out.fact_origin[fact] = found
    for capability in Capability:
        name = capability.value
        found = _fact_value([
            (p, r, d.capabilities[name], d.capability_origin[name])
            for p, r, d in places
            if d.capabilities.get(name, Tri.UNKNOWN).known
        ])
        if found is not None:
            out.capabilities[name], out.capability_origin[name] = found
    for _, _, draft in places:
        out.keys |= draft.keys
        for row in draft.benchmarks.values():
            out.add_benchmark(row)
    return out


_ID_LIKE = re.compile(r"^[^\s]*[-/_][^\s]*$")


def _best_name(model_id: str, drafts: Sequence[ModelDraft]) -> str:
    """The first name in place order that reads as a name ("Claude Sonnet 4.5"), not an id
    ("claude-sonnet-4-5", "ai21/jamba-1-5-large"); else the id written as words."""
    for draft in drafts:
        name = draft.name.strip()
        if name and not _ID_LIKE.match(name):
            return name.split(": ", 1)[1] if ": " in name else name
    from catalog.curation import title_of

    return title_of(model_id)


def fact_disagreements(drafts: Sequence[ModelDraft], labels: Mapping[str, str], chosen: ModelDraft) -> list[dict[str, Any]]:
    """The model's context window as stated by the creator's file, the maker's API and OpenRouter, where
    they differ (resellers' figures are route figures, shown on their routes)."""
    creator = chosen.id.split("/", 1)[0]
    values: dict[str, tuple[str, str]] = {}
    for draft in drafts:
        if _place(draft, creator) > 2 or "context_window" not in draft.facts:
            continue
        label = labels.get(draft.origin.source, draft.origin.source)
        values.setdefault(label, (str(draft.facts["context_window"]), draft.fact_origin["context_window"].url))
    if len({v for v, _ in values.values()}) < 2:
        return []
    return [{"field": "context_window", "values": [{"source": s, "value": v, "url": u} for s, (v, u) in values.items()]}]


# --- routes ---------------------------------------------------------------------------------


_ROUTE_PRICES = ("cached_input", "cache_write", "batch_input", "batch_output")


def _route_listings(drafts: Sequence[ModelDraft], labels: Mapping[str, str]) -> dict[str, list[Listed]]:
    """Per provider (display name), one listing per source (a source listing it twice: ``better_than``)."""
    best: dict[tuple[str, str], RouteDraft] = {}
    for draft in drafts:
        for route in draft.routes.values():
            if route.provider not in PROVIDERS:
                continue
            key = (route.provider, draft.origin.source)
            current = best.get(key)
            if current is None or route.better_than(current):
                best[key] = route
    out: dict[str, list[Listed]] = defaultdict(list)
    for (provider, source), route in best.items():
        out[provider].append(Listed(source, labels.get(source, source), route))
    return out


def _price_value(item: Listed) -> tuple[Decimal, Decimal] | None:
    r = item.route
    return (r.input, r.output) if r.priced else None  # type: ignore[return-value]


def _prices_same(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return agree(a[0], b[0]) and agree(a[1], b[1])


def _agreeing_with(prices: Listed | None, listed: Sequence[Listed], order: Sequence[str], has) -> Listed | None:
    """The listing that supplies an optional group of figures: the prices' own source when it states them,
    else the first (in ``order``) that states them and agrees on the prices."""
    if prices is not None and has(prices.route):
        return prices
    for item in sorted(listed, key=lambda i: _rank(order, i.source)):
        if item is prices or not has(item.route):
            continue
        if prices is None or _prices_agree(item.route, prices.route):
            return item
    return None


def _disagreements(listed: Sequence[Listed]) -> list[dict[str, Any]]:
    out = []
    for name in ("input", "output", "cached_input", "cache_write"):
        values = [(i.label, getattr(i.route, name), i.route.origin.url) for i in listed if getattr(i.route, name) is not None]
        if len(values) >= 2 and any(not agree(a[1], b[1]) for a in values for b in values):
            out.append({"field": name, "values": [{"source": s, "value": str(v), "url": u} for s, v, u in values]})
    contexts = [(i.label, i.route.context_window, i.route.origin.url) for i in listed if i.route.context_window is not None]
    if len({c for _, c, _ in contexts}) >= 2:
        out.append({"field": "context_window", "values": [{"source": s, "value": str(v), "url": u} for s, v, u in contexts]})
    return out


def build_route(provider: str, creator: str, listed: Sequence[Listed], as_of: dt.date) -> dict[str, Any]:
    """The route document of one provider from its listings (see the module's docstring)."""
    kind = route_kind(provider, creator)
    order = PRICE_ORDER[kind]
    prices = _choose(listed, order, _prices_same, _price_value)
    context = _choose(listed, CONTEXT_ORDER[kind], lambda a, b: a == b, lambda i: i.route.context_window)
    main = prices or min(listed, key=lambda i: _rank(order, i.source))
    used: dict[int, tuple[Listed, list[str]]] = {}

    def take(item: Listed | None, figure: str) -> Listed | None:
        if item is not None:
            used.setdefault(id(item), (item, []))[1].append(figure)
        return item

    doc: dict[str, Any] = {"provider": provider, "model_id": main.route.model_id}
    take(prices, "prices")
    doc["input"] = main.route.input if prices else "unknown"
    doc["output"] = main.route.output if prices else "unknown"
    cache = take(_agreeing_with(prices, listed, order, lambda r: bool(r.cached_input) or r.cache_write is not None), "cache")
    if cache is not None:
        if cache.route.cached_input:  # a cache read at $0 is a source's placeholder, not a price
            doc["cached_input"] = cache.route.cached_input
        if cache.route.cache_write is not None:  # $0 here is real: automatic caching that charges no write
            doc["cache_write"] = cache.route.cache_write
    batch = take(_agreeing_with(prices, listed, order, lambda r: bool(r.batch_input) and bool(r.batch_output)), "batch")
    if batch is not None:
        doc["batch_input"], doc["batch_output"] = batch.route.batch_input, batch.route.batch_output
    tiers = take(_agreeing_with(prices, listed, order, lambda r: bool(r.tiers)), "tiers") if prices else None
    if tiers is not None:
        doc["tiers"] = [dict(t) for t in tiers.route.tiers]
    off_peak = take(_agreeing_with(prices, listed, order, lambda r: bool(r.off_peak)), "off_peak") if prices else None
    if off_peak is not None:
        doc["off_peak"] = [{k: v for k, v in w.items() if v is not None} for w in off_peak.route.off_peak]
    announced = _announced(prices, listed, order, as_of)
    if announced and announced[1]:
        item, changes = announced
        take(item, "scheduled")
        doc["scheduled"] = changes
    doc["context_window"] = context.route.context_window if context else "unknown"
    take(context, "context_window")
    dated = [i for i in sorted(listed, key=lambda i: _rank(order, i.source)) if i.route.deprecation_date is not None]
    if dated:
        doc["deprecation_date"] = take(dated[0], "lifecycle").route.deprecation_date
    deprecated = bool(dated) or any(i.route.deprecated for i in listed)
    if "deprecation_date" in doc and doc["deprecation_date"] <= as_of:
        doc["status"] = RouteStatus.RETIRED.value
        doc["retired_since"] = doc["deprecation_date"]
    elif deprecated:
        doc["status"] = RouteStatus.DEPRECATED.value
    doc["sources"] = [_source(item, covers) for item, covers in used.values()] or [_source(main, route_covers(doc))]
    disagreements = _disagreements(listed)
    if disagreements:
        doc["disagreements"] = disagreements
    return doc


def _announced(prices: Listed | None, listed: Sequence[Listed], order: Sequence[str], as_of: dt.date):
    """Prices a source announces for after ``as_of`` (genai-prices' dated prices)."""
    def later(route: RouteDraft) -> list[dict[str, Any]]:
        return [d for d in route.dated if d["starts"] is not None and d["starts"] > as_of]

    item = _agreeing_with(prices, listed, order, lambda r: bool(later(r))) if prices else None
    if item is None:
        return None
    fields = ("starts", "input", "output", "cached_input", "cache_write")
    changes = [{k: d[k] for k in fields if d.get(k) is not None} for d in later(item.route)]
    return item, [c for c in changes if "input" in c and "output" in c] or None


def _source(item: Listed, covers: list[str]) -> dict[str, Any]:
    origin = item.route.origin
    entry: dict[str, Any] = {"url": origin.url, "title": origin.title or item.label}
    entry[origin.how] = origin.date
    entry["covers"] = list(dict.fromkeys(covers))
    return entry


def carried(route: dict[str, Any], as_of: dt.date) -> dict[str, Any]:
    """A route of the previous catalog that no source lists any more: kept, retired since ``as_of``
    (or since it already was)."""
    doc = dict(route)
    if doc.get("status") != RouteStatus.RETIRED.value:
        doc["status"] = RouteStatus.RETIRED.value
        doc["retired_since"] = as_of
    doc.pop("disagreements", None)
    return doc


# --- the whole catalog ----------------------------------------------------------------------


def reconcile(
    snapshots: Iterable[SnapshotLike],
    curation: "Curation | None" = None,
    *,
    previous: Iterable[Model] = (),
    as_of: dt.date,
) -> Reconciled:
    """The catalog the listings, the curation and the previous catalog give on ``as_of``."""
    from catalog.curation import Curation

    curation = curation if curation is not None else Curation.load()
    snapshots = list(snapshots)
    _, labels = _ordered(snapshots)
    groups = listing_groups(snapshots, curation)
    before = {m.id: m for m in previous}
    result = Reconciled(models=[])
    # A model stays once it is in: when its routes stop being sold it is kept, retired.
    wanted = [mid for mid in groups if curation.wants(mid, groups[mid], as_of, groups)]
    wanted += [mid for mid in before if not curation.excludes(mid)]
    for model_id in sorted(set(wanted)):
        listings = groups.get(model_id, [])
        model, problems = build_model(model_id, listings, labels, curation, before.get(model_id), as_of)
        result.problems.extend(problems)
        if model is not None:
            result.models.append(model)
    return result


def listing_groups(snapshots: Iterable[SnapshotLike], curation: "Curation") -> dict[str, list[ModelDraft]]:
    """Every listing, grouped under its model's canonical id (with the curation's merges)."""
    drafts, _ = _ordered(snapshots)
    return curation.merge_groups(group(drafts, curation.spellings()))


def build_model(
    model_id: str,
    listings: Sequence[ModelDraft],
    labels: Mapping[str, str],
    curation: "Curation",
    previous: Model | None,
    as_of: dt.date,
) -> tuple[Model | None, list[str]]:
    """One model from its listings, the curation and its previous version; or None and why."""
    if not listings:
        if previous is None:
            return None, []
        routes = [carried(_doc_of(r), as_of) for r in previous.routes]  # no source lists it any more
        return Model.validate({**_doc_of(previous), "routes": routes}), []
    creator = model_id.split("/", 1)[0]
    own = first_party_names(creator)
    entry = curation.entry(model_id)
    dropped = curation.dropped_routes(entry)
    routes = []
    by_provider = _route_listings(listings, labels)
    for route in curation.routes(entry):
        by_provider.setdefault(route.provider, []).insert(0, Listed("curation", "Versus curation", route))
    for provider in sorted(by_provider):
        listed = by_provider[provider]
        if provider.casefold() in dropped:
            continue
        paid = [i for i in listed if i.route.priced and i.route.input and i.route.output]
        if not paid and (provider not in own or any(i.route.priced for i in listed)):
            continue  # a reseller without a price, or at $0 (a free tier), is not a production route
        routes.append(build_route(provider, creator, paid or listed, as_of))
    if previous is not None:
        now = {r["provider"] for r in routes}
        routes += [
            carried(_doc_of(r), as_of)
            for r in previous.routes
            if r.provider not in now and r.provider.casefold() not in dropped
        ]
    curation.retire(entry, routes, as_of)
    if not routes:
        return None, [f"{model_id}: no route left at a provider Versus lists"] if entry else []
    draft = merged_draft(model_id, listings)
    draft, extra = curation.apply(draft, entry, routes)
    doc = document(draft, as_of, extra)
    doc["routes"] = sorted(routes, key=lambda r: (r["provider"] not in own, r["provider"].casefold()))
    disagreements = fact_disagreements(listings, labels, draft)
    if disagreements:
        doc["disagreements"] = disagreements
    try:
        return Model.validate(doc), []
    except ValidationError as exc:
        return None, [str(e) for e in errors_from_validation(model_id, exc)]


def _doc_of(item: Model | Any) -> dict[str, Any]:
    """A model or route of the catalog back as a document (defaults left out, as in a file)."""
    return item.as_dict(exclude_defaults=True)
