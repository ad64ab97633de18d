"""LiteLLM's price and context map, ``model_prices_and_context_window.json``, at a release tag.

Each entry is one model at one provider (``litellm_provider``), prices in USD per token:
``input_cost_per_token``/``output_cost_per_token``, ``cache_read_input_token_cost``,
``cache_creation_input_token_cost``, ``*_batches`` (the batch API), ``*_above_<N>k_tokens`` (the price of
a whole request whose input passes N thousand tokens) and ``tiered_pricing`` (prices by the request's
input-token range). ``max_input_tokens`` is the route's context window; ``supports_*`` flags become
capabilities (a flag LiteLLM leaves out stays unknown). ``deprecation_date`` is the route's announced
retirement. ``off_peak_pricing`` (DeepSeek's half price) becomes the daily UTC windows in which it applies
every day of the week. Only chat, responses and completion models.

Cited at the JSON at its release tag on GitHub, where a person can open it and find the figure.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, OnErrorOmit, TypeAdapter

from catalog.importers.draft import ModelDraft, Origin, RouteDraft
from catalog.importers.errors import ImportReport
from catalog.importers.facts import apply_flags, apply_modalities
from catalog.importers.ids import match_key, natural_id, vendor_name
from catalog.importers.providers import display_name, first_party_creator
from catalog.importers.units import per_million, positive_int
from catalog.sources.base import Citing, NotOurFormat, Payload, read_json, Tree, text_model_name

NAME = "litellm"
TITLE = "LiteLLM"
REPO = "BerriAI/litellm"
FILE = "model_prices_and_context_window.json"
TEXT_MODES = {"chat", "responses", "completion"}


def release_url(version: str) -> str:
    """The JSON at its release tag: the address a figure from that release cites."""
    return f"https://github.com/{REPO}/blob/v{version}/{FILE}"


# --- the upstream format, as far as Versus reads it ---------------------------------------------

def _lenient(kind: type) -> Any:
    """A value of ``kind``, or None when the entry gives something else (the entry itself stays)."""

    def check(value: Any) -> Any:
        if isinstance(value, bool) and kind is not bool:
            return None
        if kind is int:
            return value if isinstance(value, int) else None
        if kind is Decimal:
            return value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None
        if kind is dt.date:
            try:
                return dt.date.fromisoformat(str(value)[:10])
            except ValueError:
                return None
        return value if isinstance(value, kind) else None

    return BeforeValidator(check)


PerToken = Annotated[Decimal | None, _lenient(Decimal)]
Tokens = Annotated[int | None, _lenient(int)]
Flag = Annotated[bool | None, _lenient(bool)]


class Band(BaseModel):
    """One ``tiered_pricing`` range: prices for requests whose input is in ``range``."""

    model_config = ConfigDict(extra="ignore")
    range: list[float]
    input_cost_per_token: PerToken = None
    output_cost_per_token: PerToken = None
    cache_read_input_token_cost: PerToken = None
    cache_creation_input_token_cost: PerToken = None


class Window(BaseModel):
    hours_utc: list[str] | str
    weekdays: list[int] = [1, 2, 3, 4, 5, 6, 7]


class OffPeakPricing(BaseModel):
    model_config = ConfigDict(extra="ignore")
    input_cost_per_token: PerToken = None
    output_cost_per_token: PerToken = None
    cache_read_input_token_cost: PerToken = None
    windows: list[Window] = []


class Entry(BaseModel):
    """One entry of the map. Unknown keys are kept (``*_above_<N>k_tokens`` are read from them)."""

    model_config = ConfigDict(extra="allow")
    litellm_provider: str
    mode: str | None = None
    input_cost_per_token: PerToken = None
    output_cost_per_token: PerToken = None
    cache_read_input_token_cost: PerToken = None
    cache_creation_input_token_cost: PerToken = None
    input_cost_per_token_batches: PerToken = None
    output_cost_per_token_batches: PerToken = None
    max_input_tokens: Tokens = None
    max_output_tokens: Tokens = None
    max_tokens: Tokens = None
    supports_vision: Flag = None
    supports_audio_input: Flag = None
    supports_video_input: Flag = None
    supports_pdf_input: Flag = None
    supports_reasoning: Flag = None
    supports_function_calling: Flag = None
    supports_tool_choice: Flag = None
    supports_response_schema: Flag = None
    supported_modalities: list[str] | None = None
    supported_output_modalities: list[str] | None = None
    deprecation_date: Annotated[dt.date | None, _lenient(dt.date)] = None
    tiered_pricing: list[OnErrorOmit[Band]] | None = None
    off_peak_pricing: OffPeakPricing | None = None


MAP = TypeAdapter(dict[str, OnErrorOmit[Entry]])


# --- the adapter ------------------------------------------------------------------------------

_VERSION = re.compile(r"(?:^|[/@_-])v?(\d+\.\d+\.\d+)(?:\.json$|/|$)")


class LiteLLM:
    name = NAME
    title = TITLE

    def label(self, version: str | None) -> str:
        return f"{TITLE} {version}" if version else TITLE

    def version_of(self, location: str) -> str | None:
        """``1.110.2`` from ``.../1.110.2.json``, ``.../v1.110.2/...`` or ``.../litellm/1.110.2/...``."""
        match = _VERSION.search(location.split("?", 1)[0])
        return match.group(1) if match else None

    def parse(self, payload: Payload, citing: Citing, report: ImportReport) -> list[ModelDraft]:
        if isinstance(payload, Tree):
            raise NotOurFormat("a folder; LiteLLM's map is one JSON file")
        entries = read_entries(payload, report)
        if citing.version:
            origin = citing.origin(release_url(citing.version), f"{TITLE} {citing.version} price and context map ({FILE})")
        else:
            origin = citing.origin(citing.location, f"{TITLE} price and context map ({FILE})")
        drafts = []
        # The maker's own listing first, so its facts win over a reseller's.
        ordered = sorted(entries, key=lambda k: first_party_creator(entries[k].litellm_provider) is None)
        for key in ordered:
            draft = draft_from(key, entries[key], origin)
            if draft is None:
                report.skip(f"{key}: not a text model, or a provider Versus does not list")
            else:
                drafts.append(draft)
        return drafts


ADAPTER = LiteLLM()


def read_entries(payload: bytes, report: ImportReport | None = None) -> dict[str, Entry]:
    data = read_json(payload)
    if not isinstance(data, dict) or not any(isinstance(v, dict) and "litellm_provider" in v for v in data.values()):
        raise NotOurFormat('not a LiteLLM price map (expected {model: {"litellm_provider": ...}})')
    data.pop("sample_spec", None)
    entries = MAP.validate_python(data)
    if report is not None:
        for key in data.keys() - entries.keys():
            report.skip(f"{key}: not a LiteLLM entry (no litellm_provider, or a price that is not a number)")
    return entries


# --- prices -----------------------------------------------------------------------------------

_TIER_KEY = re.compile(
    r"^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)"
    r"_above_(\d+)k_tokens$"
)
_FIELD = {
    "input_cost_per_token": "input",
    "output_cost_per_token": "output",
    "cache_read_input_token_cost": "cached_input",
    "cache_creation_input_token_cost": "cache_write",
}


def _ranges(entry: Entry) -> list[tuple[int, dict[str, Decimal]]]:
    """``tiered_pricing`` (per-request input ranges) as (lower bound, prices) pairs."""
    out = []
    for band in entry.tiered_pricing or []:
        if not band.range:
            continue
        prices = {ours: p for theirs, ours in _FIELD.items() if (p := per_million(getattr(band, theirs))) is not None}
        out.append((int(band.range[0]), prices))
    return sorted(out, key=lambda pair: pair[0])


def base_prices(entry: Entry) -> dict[str, Decimal | None]:
    """input/output/cached_input/cache_write of a request below every tier."""
    prices = {ours: per_million(getattr(entry, theirs)) for theirs, ours in _FIELD.items()}
    for lower, band in _ranges(entry):
        if lower == 0:
            prices = {k: v if v is not None else band.get(k) for k, v in prices.items()}
    return prices


def tiers(entry: Entry) -> list[dict[str, Any]]:
    """``*_above_<N>k_tokens`` prices and ``tiered_pricing`` ranges as tiers; a tier needs input and output."""
    found: dict[int, dict[str, Any]] = {}
    for key, value in (entry.model_extra or {}).items():
        match = _TIER_KEY.match(key)
        amount = per_million(value) if match and not isinstance(value, bool) else None
        if match and amount is not None:
            found.setdefault(int(match.group(2)) * 1000, {})[_FIELD[match.group(1)]] = amount
    for lower, band in _ranges(entry):
        if lower > 0:
            found.setdefault(lower, {}).update(band)
    return [
        {"above_input_tokens": threshold, **found[threshold]}
        for threshold in sorted(found)
        if "input" in found[threshold] and "output" in found[threshold]
    ]


_SPAN = re.compile(r"^(\d\d):(\d\d)-(\d\d):(\d\d)$")
_DAY = 24 * 60


def _minutes(spans: list[str] | str) -> set[int]:
    """The minutes of a day a list of ``HH:MM-HH:MM`` spans covers (``00:00-00:00`` is the whole day)."""
    covered: set[int] = set()
    for span in [spans] if isinstance(spans, str) else spans:
        match = _SPAN.match(span.strip())
        if not match:
            return set()
        start = int(match.group(1)) * 60 + int(match.group(2))
        end = int(match.group(3)) * 60 + int(match.group(4))
        length = (end - start) % _DAY or _DAY
        covered.update((start + i) % _DAY for i in range(length))
    return covered


def off_peak(entry: Entry) -> list[dict[str, Any]]:
    """``off_peak_pricing`` as windows of UTC time on days of the week (ISO: 1 Monday to 7 Sunday).

    Days with the same off-peak minutes share their windows (DeepSeek: three windows on weekdays, the whole
    day at weekends, written ``start = end = "00:00"``); a window through midnight is kept whole.
    """
    rule = entry.off_peak_pricing
    if rule is None or not rule.windows:
        return []
    prices = {"input": per_million(rule.input_cost_per_token), "output": per_million(rule.output_cost_per_token)}
    if prices["input"] is None or prices["output"] is None:
        return []
    by_day: dict[int, set[int]] = {}
    for window in rule.windows:
        minutes = _minutes(window.hours_utc)
        for day in window.weekdays:
            if 1 <= day <= 7:
                by_day.setdefault(day, set()).update(minutes)
    cached = per_million(rule.cache_read_input_token_cost)
    days_of: dict[frozenset[int], list[int]] = {}
    for day in sorted(by_day):
        if by_day[day]:
            days_of.setdefault(frozenset(by_day[day]), []).append(day)
    out = []
    for minutes, days in days_of.items():
        spans = [(0, 0)] if len(minutes) == _DAY else _spans(set(minutes))
        for start, end in spans:
            row: dict[str, Any] = {"start": _hh_mm(start), "end": _hh_mm(end), **prices}
            if cached is not None:
                row["cached_input"] = cached
            if len(days) < 7:
                row["days"] = tuple(days)
            out.append(row)
    return out


def _spans(minutes: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of covered minutes as (start, end) pairs, a run through midnight kept whole."""
    starts = sorted(m for m in minutes if (m - 1) % _DAY not in minutes)
    out = []
    for start in starts:
        end = start
        while end % _DAY in minutes:
            end += 1
        out.append((start, end % _DAY))
    return out


def _hh_mm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


# --- entries into drafts ------------------------------------------------------------------------

def _route_model_id(key: str, provider: str) -> str:
    """The id to send the provider: the map's key without LiteLLM's provider prefix."""
    head, _, rest = key.partition("/")
    if rest and (head == provider or head.replace("-", "_") == provider or provider.startswith(head)):
        return rest
    return key


def _inputs(entry: Entry) -> list[str]:
    if entry.supported_modalities:
        found = list(entry.supported_modalities)
    else:
        found = ["text"]
        flags = ((entry.supports_vision, "image"), (entry.supports_audio_input, "audio"), (entry.supports_video_input, "video"))
        found += [modality for flag, modality in flags if flag is True]
    if entry.supports_pdf_input is True:
        found.append("pdf")
    return found


def draft_from(key: str, entry: Entry, origin: Origin) -> ModelDraft | None:
    provider = entry.litellm_provider
    if entry.mode not in TEXT_MODES or not provider or not text_model_name(key):
        return None
    outputs = entry.supported_output_modalities or ["text"]
    if "text" not in outputs:
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
    apply_flags(draft, origin, vision=entry.supports_vision)  # stated flags before what modalities imply
    apply_modalities(draft, _inputs(entry), outputs, origin)
    draft.set("max_output_tokens", positive_int(entry.max_output_tokens))
    if first_party_creator(provider) == creator:  # the maker's own limit is the model's
        draft.set("context_window", positive_int(entry.max_input_tokens))
    apply_flags(
        draft,
        origin,
        reasoning=entry.supports_reasoning,
        function_calling=entry.supports_function_calling,
        tool_use=entry.supports_tool_choice if entry.supports_tool_choice is not None else entry.supports_function_calling,
        structured_outputs=entry.supports_response_schema,
    )
    base = base_prices(entry)
    route = RouteDraft(
        provider=provider_name,
        model_id=route_id,
        input=base["input"],
        output=base["output"],
        context_window=positive_int(entry.max_input_tokens or entry.max_tokens),
        origin=origin,
        cached_input=base["cached_input"],
        cache_write=base["cache_write"],
        batch_input=per_million(entry.input_cost_per_token_batches),
        batch_output=per_million(entry.output_cost_per_token_batches),
        tiers=tiers(entry),
        off_peak=off_peak(entry),
        deprecation_date=entry.deprecation_date,
        deprecated=entry.deprecation_date is not None,
    )
    if route.batch_input is None or route.batch_output is None:
        route.batch_input = route.batch_output = None
    if not route.priced:
        route.tiers = []
        route.off_peak = []
    draft.add_route(route)
    return draft
