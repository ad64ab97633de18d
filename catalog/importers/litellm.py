"""Importer for LiteLLM's ``model_prices_and_context_window.json`` (shipped in the ``litellm`` wheel).

Each entry is one model at one provider (``litellm_provider``), prices in USD per token:
``input_cost_per_token``/``output_cost_per_token``, ``cache_read_input_token_cost``,
``cache_creation_input_token_cost``, ``*_batches`` (batch API) and
``*_above_<N>k_tokens`` (the price of a whole request whose input passes N thousand tokens) and
``tiered_pricing`` (prices by the request's input-token range).
``max_input_tokens`` is read as the route's context window. ``supports_*`` flags become
capabilities; a flag LiteLLM leaves out stays unknown. Only chat/responses/completion models.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from catalog.importers.draft import ModelDraft, Origin, RouteDraft
from catalog.importers.errors import ImportFormatError, ImportReport
from catalog.importers.facts import apply_flags, apply_modalities
from catalog.importers.ids import match_key, natural_id, vendor_name
from catalog.importers.providers import display_name, first_party_creator
from catalog.importers.units import per_million, positive_int

VERSION = "1.109.1"
RELEASE_DATE = dt.date(2026, 11, 12)  # upload time of the litellm 1.109.1 wheel on PyPI
SOURCE_URL = f"https://github.com/BerriAI/litellm/blob/v{VERSION}/model_prices_and_context_window.json"
TITLE = f"LiteLLM {VERSION} price and context map (model_prices_and_context_window.json)"
TEXT_MODES = {"chat", "responses", "completion"}

_TIER_KEY = re.compile(
    r"^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)"
    r"_above_(\d+)k_tokens$"
)
_TIER_FIELD = {
    "input_cost_per_token": "input",
    "output_cost_per_token": "output",
    "cache_read_input_token_cost": "cached_input",
    "cache_creation_input_token_cost": "cache_write",
}


def read_entries(path: Path) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        raise ImportFormatError(f"{path}: no such file (expected LiteLLM's model_prices_and_context_window.json)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"{path}: not JSON ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(data, dict) or not any(isinstance(v, dict) and "litellm_provider" in v for v in data.values()):
        raise ImportFormatError(f"{path}: not a LiteLLM price map (expected {{model: {{\"litellm_provider\": ...}}}})")
    return {k: v for k, v in data.items() if isinstance(v, dict) and k != "sample_spec"}


def _ranges(entry: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """``tiered_pricing`` (Alibaba's per-request input ranges) as (lower bound, prices) pairs."""
    out = []
    for band in entry.get("tiered_pricing") or []:
        bounds = band.get("range") if isinstance(band, dict) else None
        if not isinstance(bounds, list) or not bounds:
            continue
        prices = {
            _TIER_FIELD[key]: per_million(band.get(key))
            for key in _TIER_FIELD
            if per_million(band.get(key)) is not None
        }
        out.append((int(float(bounds[0])), prices))
    return sorted(out, key=lambda pair: pair[0])


def base_prices(entry: dict[str, Any]) -> dict[str, Any]:
    """input/output/cached_input/cache_write of a request below every tier."""
    prices = {ours: per_million(entry.get(theirs)) for theirs, ours in _TIER_FIELD.items()}
    for lower, band in _ranges(entry):
        if lower == 0:
            prices = {k: v if v is not None else band.get(k) for k, v in prices.items()}
    return prices


def tiers(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """``*_above_200k_tokens`` prices and ``tiered_pricing`` ranges as tiers.

    A tier needs both its input and output price.
    """
    found: dict[int, dict[str, Any]] = {}
    for key, value in entry.items():
        match = _TIER_KEY.match(key)
        price = per_million(value) if match else None
        if match and price is not None:
            found.setdefault(int(match.group(2)) * 1000, {})[_TIER_FIELD[match.group(1)]] = price
    for lower, band in _ranges(entry):
        if lower > 0:
            found.setdefault(lower, {}).update(band)
    out = []
    for threshold in sorted(found):
        row = found[threshold]
        if "input" in row and "output" in row:
            out.append({"above_input_tokens": threshold, **row})
    return out


def _route_model_id(key: str, provider: str) -> str:
    """The id to send the provider: the map's key without LiteLLM's provider prefix."""
    head, _, rest = key.partition("/")
    if rest and (head == provider or head.replace("-", "_") == provider or provider.startswith(head)):
        return rest
    return key


def _inputs(entry: dict[str, Any]) -> list[str]:
    if entry.get("supported_modalities"):
        found = list(entry["supported_modalities"])
    else:
        found = ["text"]
        flags = (("supports_vision", "image"), ("supports_audio_input", "audio"), ("supports_video_input", "video"))
        found += [modality for flag, modality in flags if entry.get(flag) is True]
    if entry.get("supports_pdf_input") is True:
        found.append("pdf")
    return found


def draft_from(key: str, entry: dict[str, Any], origin: Origin) -> ModelDraft | None:
    provider = str(entry.get("litellm_provider") or "")
    if entry.get("mode") not in TEXT_MODES or not provider:
        return None
    route_id = _route_model_id(key, provider)
    if provider.startswith("bedrock") and ("/" in route_id or "." not in route_id):
        return None  # a regional path or LiteLLM's shorthand; Bedrock's own ids read vendor.model
    model_id = natural_id(route_id, first_party_creator(provider))
    if model_id is None:
        return None
    creator = model_id.split("/", 1)[0]
    provider_name = display_name(provider, creator)
    if provider_name is None:
        return None
    draft = ModelDraft(id=model_id, name=model_id.split("/", 1)[1], vendor=vendor_name(creator), origin=origin)
    draft.keys.add(match_key(route_id))
    apply_flags(draft, origin, vision=entry.get("supports_vision"))  # stated flags before what modalities imply
    apply_modalities(draft, _inputs(entry), entry.get("supported_output_modalities") or ["text"], origin)
    draft.set("max_output_tokens", positive_int(entry.get("max_output_tokens")))
    if first_party_creator(provider) == creator:  # the maker's own limit is the model's
        draft.set("context_window", positive_int(entry.get("max_input_tokens")))
    apply_flags(
        draft,
        origin,
        reasoning=entry.get("supports_reasoning"),
        function_calling=entry.get("supports_function_calling"),
        tool_use=entry.get("supports_tool_choice", entry.get("supports_function_calling")),
        structured_outputs=entry.get("supports_response_schema"),
    )
    base = base_prices(entry)
    route = RouteDraft(
        provider=provider_name,
        model_id=route_id,
        input=base["input"],
        output=base["output"],
        context_window=positive_int(entry.get("max_input_tokens") or entry.get("max_tokens")),
        origin=origin,
        cached_input=base["cached_input"],
        cache_write=base["cache_write"],
        batch_input=per_million(entry.get("input_cost_per_token_batches")),
        batch_output=per_million(entry.get("output_cost_per_token_batches")),
        tiers=tiers(entry),
    )
    if route.batch_input is None or route.batch_output is None:
        route.batch_input = route.batch_output = None
    if not route.priced:
        route.tiers = []
    draft.add_route(route)
    return draft


def load(path: Path, report: ImportReport | None = None, checked: dt.date = RELEASE_DATE) -> list[ModelDraft]:
    report = report if report is not None else ImportReport()
    origin = Origin(SOURCE_URL, checked, TITLE)
    drafts = []
    entries = read_entries(Path(path))
    # The maker's own listing first, so its facts win over a reseller's.
    ordered = sorted(entries, key=lambda k: first_party_creator(str(entries[k].get("litellm_provider"))) is None)
    for key in ordered:
        entry = entries[key]
        draft = draft_from(key, entry, origin)
        if draft is None:
            report.skip(f"{key}: not a text model, or a provider Versus does not list")
        else:
            drafts.append(draft)
    report.read = len(drafts)
    return drafts
