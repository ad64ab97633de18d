"""pydantic's genai-prices, ``prices/data.json`` (github.com/pydantic/genai-prices), at a commit.

The document is a list of providers, each with its models: an ``id``, ``match`` rules (the spellings of
the id it prices: ``equals``, ``starts_with``, ``contains``... under ``or``/``and``), a ``context_window``,
``deprecated``, and ``prices`` per 1M tokens (``input_mtok``, ``output_mtok``, ``cache_read_mtok``,
``cache_write_mtok``). A price is a number or ``{base, tiers: [{start, price}]}``: the tier's price
applies to a whole request whose input passes ``start`` tokens (our ``above_input_tokens``).
``prices`` may be a list of conditional prices, the last one whose constraint holds applying:

* ``constraint.start_date``: a dated price. Every dated price goes to ``RouteDraft.dated``, oldest first,
  after the undated prices they replace (``"starts": None``); the route's own prices are those in effect
  on the snapshot's date, so later ones are announced changes.
* ``constraint.start_time``/``end_time`` (UTC): a daily window. The route's own prices are the standard
  (peak) ones and ``off_peak`` holds the cheaper prices with their window. DeepSeek is written the other
  way round in genai-prices (the off-peak price as the default, the standard price in the 00:30-16:30
  window), so whichever side is cheaper becomes ``off_peak``: there, 16:30 to 00:30.

Providers are mapped to Versus's names (``catalog.importers.providers.GENAI_PRICES``); those Versus does
not list are skipped, as are models without both an input and an output price and non-text models.
A listing is cited at the data file at its commit.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, OnErrorOmit, TypeAdapter

from catalog.importers.draft import ModelDraft, Origin, RouteDraft
from catalog.importers.errors import ImportReport
from catalog.importers.ids import match_key, natural_id, vendor_name
from catalog.importers.providers import GENAI_PRICES, display_name, first_party_creator
from catalog.importers.units import positive_int, price
from catalog.sources.base import Citing, NotOurFormat, Payload, read_json, Tree, commit_in, text_model_name

NAME = "genai-prices"
TITLE = "genai-prices"
REPO = "pydantic/genai-prices"
FILE = "prices/data.json"


def commit_url(commit: str) -> str:
    return f"https://github.com/{REPO}/blob/{commit}/{FILE}"


# --- the upstream format (packages/python/genai_prices/types.py), as far as Versus reads it -------

class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Tier(_Lenient):
    start: int
    price: Decimal


class TieredPrice(_Lenient):
    base: Decimal
    tiers: list[Tier]


PriceValue = Decimal | TieredPrice


class Prices(_Lenient):
    """USD per 1M tokens."""

    input_mtok: PriceValue | None = None
    output_mtok: PriceValue | None = None
    cache_read_mtok: PriceValue | None = None
    cache_write_mtok: PriceValue | None = None


class Constraint(_Lenient):
    start_date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None


class ConditionalPrice(_Lenient):
    constraint: Constraint | None = None
    prices: Prices


class GPModel(_Lenient):
    id: str
    name: str | None = None
    match: dict[str, Any] = {}
    context_window: int | None = None
    deprecated: bool | None = None
    prices: Prices | list[ConditionalPrice]


class GPProvider(_Lenient):
    id: str
    name: str | None = None
    models: list[OnErrorOmit[GPModel]]


DATA = TypeAdapter(list[OnErrorOmit[GPProvider]])


class GenaiPrices:
    name = NAME
    title = TITLE

    def label(self, version: str | None) -> str:
        return f"{TITLE} ({version[:7]})" if version else TITLE

    def version_of(self, location: str) -> str | None:
        return commit_in(location) if "github" in location else None

    def parse(self, payload: Payload, citing: Citing, report: ImportReport) -> list[ModelDraft]:
        if isinstance(payload, Tree):
            raise NotOurFormat("a folder; genai-prices' data is one JSON file (prices/data.json)")
        providers = read_providers(payload, report)
        if citing.version:
            origin = citing.origin(commit_url(citing.version), f"genai-prices data at {citing.version[:7]} ({FILE})")
        else:
            origin = citing.origin(citing.location, f"genai-prices data ({FILE})")
        drafts = []
        for provider in providers:
            key = GENAI_PRICES.get(provider.id)
            if key is None:
                report.skip(f"{provider.id}: {len(provider.models)} models of a provider Versus does not list")
                continue
            for model in provider.models:
                draft = draft_from(key, model, origin)
                if draft is None:
                    report.skip(f"{provider.id}/{model.id}: not a priced text model")
                else:
                    drafts.append(draft)
        return drafts


ADAPTER = GenaiPrices()


def read_providers(payload: bytes, report: ImportReport | None = None) -> list[GPProvider]:
    data = read_json(payload)
    if not isinstance(data, list) or not any(isinstance(p, dict) and isinstance(p.get("models"), list) for p in data):
        raise NotOurFormat('not genai-prices data (expected [{"id": ..., "models": [...]}])')
    providers = DATA.validate_python(data)
    if report is not None:
        kept = {(p.id, m.id) for p in providers for m in p.models}
        for provider in data:
            models = provider.get("models") if isinstance(provider, dict) else None
            for model in models if isinstance(models, list) else []:
                key = (provider.get("id"), model.get("id") if isinstance(model, dict) else None)
                if key not in kept:
                    report.skip(f"{key[0]}/{key[1]}: not a genai-prices model entry (a price that is not a number?)")
    return providers


# --- match rules --------------------------------------------------------------------------------

def spellings(rule: Any) -> list[str]:
    """The ids a match rule names outright: its ``equals`` and ``starts_with`` values, in order."""
    if not isinstance(rule, dict):
        return []
    out: list[str] = []
    for kind, value in rule.items():
        if kind in ("equals", "starts_with") and isinstance(value, str) and value.strip():
            out.append(value.strip())
        elif kind in ("or", "and") and isinstance(value, list):
            for clause in value:
                out.extend(spellings(clause))
    return out


# --- prices -------------------------------------------------------------------------------------

_FIELDS = (
    ("input", "input_mtok"), ("output", "output_mtok"), ("cached_input", "cache_read_mtok"), ("cache_write", "cache_write_mtok")
)


def _at(value: PriceValue | None, tokens: int | None) -> Decimal | None:
    """The price for a request of more than ``tokens`` input tokens (None: below every tier)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return price(value)
    found = value.base
    for tier in sorted(value.tiers, key=lambda t: t.start):
        if tokens is not None and tokens >= tier.start:
            found = tier.price
    return price(found)


def flat(prices: Prices) -> dict[str, Any]:
    """input, output, cached_input, cache_write (base prices) and tiers of one set of prices."""
    out: dict[str, Any] = {ours: _at(getattr(prices, theirs), None) for ours, theirs in _FIELDS}
    starts = sorted(
        {t.start for _, theirs in _FIELDS if isinstance(v := getattr(prices, theirs), TieredPrice) for t in v.tiers}
    )
    tiers = []
    for start in starts:
        if start <= 0:
            continue
        row: dict[str, Any] = {"above_input_tokens": start}
        for ours, theirs in _FIELDS:
            amount = _at(getattr(prices, theirs), start)
            if amount is not None:
                row[ours] = amount
        if "input" in row and "output" in row:
            tiers.append(row)
    out["tiers"] = tiers
    return out


def _hh_mm(moment: dt.time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def schedule(model: GPModel, on: dt.date) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]] | None:
    """(the prices in effect on ``on``, off-peak windows, dated prices oldest first), or None if unpriced."""
    entries = [ConditionalPrice(prices=model.prices)] if isinstance(model.prices, Prices) else list(model.prices)
    default = next((e for e in entries if e.constraint is None), None)
    dated = sorted(
        (e for e in entries if e.constraint is not None and e.constraint.start_date is not None),
        key=lambda e: e.constraint.start_date,  # type: ignore[union-attr]
    )
    timed = [
        e for e in entries
        if e.constraint is not None and e.constraint.start_time is not None and e.constraint.end_time is not None
    ]
    if default is None:
        if not dated:
            return None
        default = dated[0]  # nothing before the first date: the earliest price known
        history = [{"starts": e.constraint.start_date, **_changes(flat(e.prices))} for e in dated]  # type: ignore[union-attr]
    elif dated:
        history = [{"starts": None, **_changes(flat(default.prices))}]
        history += [{"starts": e.constraint.start_date, **_changes(flat(e.prices))} for e in dated]  # type: ignore[union-attr]
    else:
        history = []
    current = default
    for entry in dated:
        if entry.constraint.start_date <= on:  # type: ignore[union-attr]
            current = entry
    standard = flat(current.prices)
    windows: list[dict[str, Any]] = []
    for entry in timed[:1]:
        window = flat(entry.prices)
        start, end = _hh_mm(entry.constraint.start_time), _hh_mm(entry.constraint.end_time)  # type: ignore[union-attr]
        if window["input"] is None or window["output"] is None or standard["input"] is None or start == end:
            continue
        if window["input"] < standard["input"]:
            cheap = window
        else:  # the default is the cheaper price: it applies outside the window
            cheap, standard = standard, window
            start, end = end, start
        row = {"start": start, "end": end, "input": cheap["input"], "output": cheap["output"]}
        if cheap["cached_input"] is not None:
            row["cached_input"] = cheap["cached_input"]
        windows.append(row)
    return standard, windows, history


def _changes(prices: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in prices.items() if k != "tiers" and v is not None}
    if prices.get("tiers"):
        row["tiers"] = prices["tiers"]
    return row


# --- models into drafts -------------------------------------------------------------------------

def _route_ids(model: GPModel) -> tuple[str, list[str]]:
    """The id to cite and send, and every spelling to match on (the id first)."""
    their_id = model.id.strip()
    if their_id.startswith("regional."):  # genai-prices' name for Bedrock's in-region endpoints
        their_id = their_id[len("regional."):]
    return their_id, [their_id, *spellings(model.match)]


def draft_from(provider_key: str, model: GPModel, origin: Origin) -> ModelDraft | None:
    their_id, names = _route_ids(model)
    if re.search(r":[a-z]", their_id) or not text_model_name(their_id, model.name):  # ":free", ":thinking" variants
        return None
    hint = first_party_creator(provider_key)
    model_id = next((m for name in names if (m := natural_id(name, hint)) is not None), None)
    if model_id is None:
        return None
    creator = model_id.split("/", 1)[0]
    provider_name = display_name(provider_key, creator)
    if provider_key == "google" and creator != "google":
        provider_name = display_name("google-vertex", creator)  # partner models on Google Cloud: Vertex AI
    if provider_name is None:
        return None
    found = schedule(model, origin.date)
    if found is None:
        return None
    standard, windows, history = found
    if standard["input"] is None or standard["output"] is None:
        return None
    draft = ModelDraft(id=model_id, name=(model.name or their_id).strip(), vendor=vendor_name(creator), origin=origin)
    draft.keys.update(k for k in (match_key(name) for name in names) if k)
    route = RouteDraft(
        provider=provider_name,
        model_id=their_id,
        input=standard["input"],
        output=standard["output"],
        context_window=positive_int(model.context_window),
        origin=origin,
        cached_input=standard["cached_input"],
        cache_write=standard["cache_write"],
        tiers=standard["tiers"],
        off_peak=windows,
        dated=history,
        deprecated=bool(model.deprecated),
    )
    draft.add_route(route)
    return draft
