"""Importer for OpenRouter's ``/api/v1/models`` response (JSON, ``{"data": [...]}``).

Prices are USD per token as strings (``pricing.prompt``, ``pricing.completion``,
``input_cache_read``, ``input_cache_write``); ``-1`` means "varies" and stays unknown.
``supported_parameters`` tells what a model accepts: ``tools`` (function calling and tool use),
``structured_outputs`` and ``reasoning``. Absence of a parameter is not read as "no".
Variants such as ``:free`` are left out: a route is the model's normal paid listing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from catalog.importers.draft import ModelDraft, Origin, RouteDraft
from catalog.importers.errors import ImportFormatError, ImportReport
from catalog.importers.facts import apply_flags, apply_modalities
from catalog.importers.ids import match_key, natural_id, vendor_name
from catalog.importers.units import per_million, positive_int

SNAPSHOT_DATE = dt.date(2026, 5, 15)
PAGE = "https://openrouter.ai/{id}"
TITLE = f"OpenRouter models API, snapshot {SNAPSHOT_DATE.isoformat()}"


def read_records(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise ImportFormatError(f"{path}: no such file (expected OpenRouter's /models JSON)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"{path}: not JSON ({exc.__class__.__name__}: {exc})") from None
    records = data.get("data") if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) and "id" in r for r in records):
        raise ImportFormatError(f"{path}: not an OpenRouter /models response (expected {{\"data\": [{{\"id\": ...}}]}})")
    return records


def _name(record: dict[str, Any]) -> str:
    """``xAI: Grok 4.20`` -> ``Grok 4.20``."""
    name = str(record.get("name") or record["id"]).strip()
    return name.split(": ", 1)[1] if ": " in name else name


def draft_from(record: dict[str, Any], checked: dt.date = SNAPSHOT_DATE) -> ModelDraft | None:
    their_id = str(record["id"]).strip()
    if ":" in their_id or their_id.startswith("openrouter/"):
        return None
    model_id = natural_id(their_id)
    if model_id is None:
        return None
    origin = Origin(PAGE.format(id=their_id), checked, TITLE)
    draft = ModelDraft(id=model_id, name=_name(record), vendor=vendor_name(model_id.split("/", 1)[0]), origin=origin)
    draft.keys.update({match_key(their_id), match_key(str(record.get("canonical_slug") or their_id))})
    architecture = record.get("architecture") or {}
    outputs = architecture.get("output_modalities") or []
    if outputs and "text" not in outputs:
        return None
    apply_modalities(draft, architecture.get("input_modalities"), outputs, origin)
    draft.set("context_window", positive_int(record.get("context_length")))
    cutoff = record.get("knowledge_cutoff")
    if isinstance(cutoff, str) and cutoff.strip():
        draft.set("knowledge_cutoff", cutoff.strip()[:10])
    top = record.get("top_provider") or {}
    draft.set("max_output_tokens", positive_int(top.get("max_completion_tokens")))
    params = set(record.get("supported_parameters") or [])
    yes = lambda *names: True if params & set(names) else None  # noqa: E731 - absence is unknown
    apply_flags(
        draft,
        origin,
        reasoning=yes("reasoning", "include_reasoning"),
        function_calling=yes("tools"),
        tool_use=yes("tools", "tool_choice"),
        structured_outputs=yes("structured_outputs"),
    )
    pricing = record.get("pricing") or {}
    draft.add_route(
        RouteDraft(
            provider="OpenRouter",
            model_id=their_id,
            input=per_million(pricing.get("prompt")),
            output=per_million(pricing.get("completion")),
            context_window=positive_int(record.get("context_length")),
            origin=origin,
            cached_input=per_million(pricing.get("input_cache_read")),
            cache_write=per_million(pricing.get("input_cache_write")),
        )
    )
    return draft


def load(path: Path, report: ImportReport | None = None) -> list[ModelDraft]:
    report = report if report is not None else ImportReport()
    drafts = []
    for record in read_records(Path(path)):
        draft = draft_from(record)
        if draft is None:
            report.skip(f"{record['id']}: a variant, a router or not a text model")
        else:
            drafts.append(draft)
    report.read = len(drafts)
    return drafts
