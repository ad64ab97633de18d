"""OpenRouter's models API, ``https://openrouter.ai/api/v1/models`` (JSON, ``{"data": [...]}``).

Prices are USD per token as strings (``pricing.prompt``, ``pricing.completion``, ``input_cache_read``,
``input_cache_write``); ``-1`` means "varies" and stays unknown. ``supported_parameters`` tells what a
model accepts: ``tools`` (function calling and tool use), ``structured_outputs`` and ``reasoning``;
absence of a parameter is not read as "no". ``expiration_date`` is the listing's announced end.
Variants such as ``:free`` are left out: a route is the model's normal paid listing.

Each listing is cited at its model page, ``https://openrouter.ai/<id>``, with the fetch date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, OnErrorOmit, TypeAdapter

from catalog.importers.draft import ModelDraft, RouteDraft
from catalog.importers.errors import ImportReport
from catalog.importers.facts import apply_flags, apply_modalities
from catalog.importers.ids import match_key, natural_id, vendor_name
from catalog.importers.units import per_million, positive_int
from catalog.sources.base import Citing, NotOurFormat, Payload, read_json, Tree, text_model_name

NAME = "openrouter"
TITLE = "OpenRouter models API"
API_URL = "https://openrouter.ai/api/v1/models"
PAGE = "https://openrouter.ai/{id}"


def _date_or_none(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Pricing(_Lenient):
    """USD per token, as strings."""

    prompt: Decimal | None = None
    completion: Decimal | None = None
    input_cache_read: Decimal | None = None
    input_cache_write: Decimal | None = None


class Architecture(_Lenient):
    input_modalities: list[str] | None = None
    output_modalities: list[str] | None = None


class TopProvider(_Lenient):
    max_completion_tokens: int | None = None


class ORModel(_Lenient):
    id: str
    canonical_slug: str | None = None
    name: str | None = None
    context_length: int | None = None
    knowledge_cutoff: str | None = None
    architecture: Architecture | None = None
    top_provider: TopProvider | None = None
    supported_parameters: list[str] | None = None
    pricing: Pricing | None = None
    expiration_date: Annotated[dt.date | None, BeforeValidator(_date_or_none)] = None


class Response(_Lenient):
    data: list[OnErrorOmit[ORModel]]


RESPONSE = TypeAdapter(Response)


class OpenRouter:
    name = NAME
    title = TITLE

    def label(self, version: str | None) -> str:
        return TITLE

    def version_of(self, location: str) -> str | None:
        return None

    def parse(self, payload: Payload, citing: Citing, report: ImportReport) -> list[ModelDraft]:
        if isinstance(payload, Tree):
            raise NotOurFormat("a folder; OpenRouter's answer is one JSON document")
        drafts = []
        for record in read_records(payload, report):
            draft = draft_from(record, citing)
            if draft is None:
                report.skip(f"{record.id}: a variant, a router or not a text model")
            else:
                drafts.append(draft)
        return drafts


ADAPTER = OpenRouter()


def read_records(payload: bytes, report: ImportReport | None = None) -> list[ORModel]:
    data = read_json(payload)
    if isinstance(data, list):
        data = {"data": data}
    records = data.get("data") if isinstance(data, dict) else None
    if not isinstance(records, list) or not any(isinstance(r, dict) and "id" in r for r in records):
        raise NotOurFormat('not an OpenRouter /models response (expected {"data": [{"id": ...}]})')
    kept = RESPONSE.validate_python({"data": records}).data
    if report is not None and len(kept) < len(records):
        ids = {r.id for r in kept}
        for record in records:
            if not (isinstance(record, dict) and record.get("id") in ids):
                report.skip(f"{record.get('id') if isinstance(record, dict) else record!r}: not an OpenRouter model record")
    return kept


def _name(record: ORModel) -> str:
    """``xAI: Grok 4.20`` -> ``Grok 4.20``."""
    name = (record.name or record.id).strip()
    return name.split(": ", 1)[1] if ": " in name else name


def draft_from(record: ORModel, citing: Citing) -> ModelDraft | None:
    their_id = record.id.strip()
    if ":" in their_id or their_id.startswith("openrouter/") or not text_model_name(their_id):
        return None
    model_id = natural_id(their_id)
    if model_id is None:
        return None
    architecture = record.architecture or Architecture()
    outputs = architecture.output_modalities or []
    if outputs and "text" not in outputs:
        return None
    origin = citing.origin(PAGE.format(id=their_id), f"{TITLE}, snapshot {citing.fetched.isoformat()}")
    draft = ModelDraft(id=model_id, name=_name(record), vendor=vendor_name(model_id.split("/", 1)[0]), origin=origin)
    draft.keys.update({match_key(their_id), match_key(record.canonical_slug or their_id)})
    apply_modalities(draft, architecture.input_modalities, outputs, origin)
    draft.set("context_window", positive_int(record.context_length))
    if record.knowledge_cutoff and record.knowledge_cutoff.strip():
        draft.set("knowledge_cutoff", record.knowledge_cutoff.strip()[:10])
    draft.set("max_output_tokens", positive_int((record.top_provider or TopProvider()).max_completion_tokens))
    params = set(record.supported_parameters or [])
    yes = lambda *names: True if params & set(names) else None  # noqa: E731 - absence is unknown
    apply_flags(
        draft,
        origin,
        reasoning=yes("reasoning", "include_reasoning"),
        function_calling=yes("tools"),
        tool_use=yes("tools", "tool_choice"),
        structured_outputs=yes("structured_outputs"),
    )
    pricing = record.pricing or Pricing()
    draft.add_route(
        RouteDraft(
            provider="OpenRouter",
            model_id=their_id,
            input=per_million(pricing.prompt),
            output=per_million(pricing.completion),
            context_window=positive_int(record.context_length),
            origin=origin,
            cached_input=per_million(pricing.input_cache_read),
            cache_write=per_million(pricing.input_cache_write),
            deprecation_date=record.expiration_date,
            deprecated=record.expiration_date is not None,
        )
    )
    return draft
