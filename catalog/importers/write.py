"""Writing drafts as catalog files: one TOML file per model at ``<creator>/<slug>.toml``.

The document is built in the schema's shape and key order, validated with ``catalog.schema.Model``
before it is written, and unknown facts are written as the string "unknown".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from catalog.importers.draft import SOURCED_AS, ModelDraft, Origin, RouteDraft
from catalog.importers.providers import first_party_names
from catalog.loader import errors_from_validation
from catalog.schema import DATE_KINDS, UNKNOWN, Capability, Model

_ROUTE_OPTIONAL = ("cached_input", "cache_write", "batch_input", "batch_output")
_SCALARS = ("release_date", "knowledge_cutoff", "context_window", "max_output_tokens", "parameters", "architecture", "licence")


def _known(value: Any) -> Any:
    return UNKNOWN if value is None else value


def route_document(route: RouteDraft) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "provider": route.provider,
        "model_id": route.model_id,
        "input": _known(route.input),
        "output": _known(route.output),
    }
    for name in _ROUTE_OPTIONAL:
        value = getattr(route, name)
        if value is not None:
            doc[name] = value
    if route.batch_input is None or route.batch_output is None:
        doc.pop("batch_input", None)
        doc.pop("batch_output", None)
    doc["context_window"] = _known(route.context_window)
    if route.tiers and route.priced:
        doc["tiers"] = [dict(t) for t in route.tiers]
    doc["sources"] = [{**dated(route.origin), "covers": route_covers(doc)}]
    return doc


def dated(origin: Origin) -> dict[str, Any]:
    """``url``, ``title`` (when known) and the date under its kind (``fetched = ...``) of a source entry."""
    entry: dict[str, Any] = {"url": origin.url}
    if origin.title:
        entry["title"] = origin.title
    entry[origin.how] = origin.date
    return entry


_ROUTE_FIGURES = {
    "prices": ("input", "output"),
    "cache": ("cached_input", "cache_write"),
    "batch": ("batch_input",),
    "tiers": ("tiers",),
    "off_peak": ("off_peak",),
    "scheduled": ("scheduled",),
    "context_window": ("context_window",),
    "lifecycle": ("deprecation_date",),
}


def route_covers(doc: dict[str, Any]) -> list[str]:
    """The figures a route document states (``RouteField`` names): what its one source must cover."""
    known = [name for name, keys in _ROUTE_FIGURES.items() if any(doc.get(k) not in (None, UNKNOWN, []) for k in keys)]
    return known or ["prices"]


def _sources(draft: ModelDraft, extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One [[sources]] entry per origin, covering the facts taken from it."""
    covers: dict[Origin, list[str]] = {}
    for fact, origin in draft.fact_origin.items():
        name = SOURCED_AS.get(fact)
        if name and name not in covers.setdefault(origin, []):
            covers[origin].append(name)
    for origin in draft.capability_origin.values():
        if "capabilities" not in covers.setdefault(origin, []):
            covers[origin].append("capabilities")
    out = []
    for origin, fields in covers.items():
        if not fields:
            continue
        entry = dated(origin)
        entry["covers"] = fields
        out.append(entry)
    return out + extra


def document(draft: ModelDraft, reviewed: dt.date, extra_sources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The model as a TOML-ready mapping in the schema's order."""
    facts = draft.facts
    doc: dict[str, Any] = {
        "id": draft.id,
        "name": draft.name,
        "vendor": draft.vendor,
        "family": facts.get("family") or draft.name,
    }
    for name in _SCALARS:
        doc[name] = _known(facts.get(name))
    doc["open_weights"] = facts.get("open_weights", UNKNOWN)
    doc["input_modalities"] = list(facts.get("input_modalities") or ("text",))
    doc["output_modalities"] = list(facts.get("output_modalities") or ("text",))
    if draft.tags:
        doc["tags"] = list(draft.tags)
    if draft.aliases:
        doc["aliases"] = list(draft.aliases)
    doc["capabilities"] = {c.value: draft.capabilities.get(c.value, UNKNOWN) for c in Capability}
    for key, value in doc["capabilities"].items():
        doc["capabilities"][key] = str(getattr(value, "value", value))
    doc["sources"] = _sources(draft, extra_sources or [])
    if "input_modalities" not in facts:  # text in, text out: what a listing of a chat model shows
        doc["sources"].insert(0, {**dated(draft.origin), "covers": ["modalities"]})
    if draft.benchmarks:
        doc["benchmarks"] = [dict(b) for b in draft.benchmarks.values()]
    own = first_party_names(draft.id.split("/", 1)[0])
    ordered = sorted(draft.routes.values(), key=lambda r: (r.provider not in own, r.provider.casefold()))
    doc["routes"] = [route_document(r) for r in ordered]
    return doc




_SHORT_ARRAY = re.compile(r"= \[\n((?:    [^\n\[\]{}]+,\n)+)\]")


def _one_line(match: re.Match[str]) -> str:
    items = [line.strip().rstrip(",") for line in match.group(1).splitlines()]
    joined = "= [" + ", ".join(items) + "]"
    return joined if len(joined) <= 100 else match.group(0)


def dumps(doc: dict[str, Any]) -> str:
    """TOML text, with short lists of plain values kept on one line for reading in a diff."""
    return _SHORT_ARRAY.sub(_one_line, tomli_w.dumps(doc))


def path_for(out_dir: Path, model_id: str) -> Path:
    creator, slug = model_id.split("/", 1)
    return out_dir / creator / f"{slug}.toml"


@dataclass
class WriteResult:
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    routes: int = 0


def validate_document(doc: dict[str, Any], shown: str) -> list[str]:
    try:
        Model.validate(doc)
    except ValidationError as exc:
        return [str(e) for e in errors_from_validation(shown, exc)]
    return []


def write_model(
    draft: ModelDraft, out_dir: Path, reviewed: dt.date, extra_sources: list[dict[str, Any]] | None = None
) -> tuple[Path | None, dict[str, Any], list[str]]:
    """Validate one draft and write its file; returns (path or None, the document, errors)."""
    doc = document(draft, reviewed, extra_sources)
    target = path_for(out_dir, draft.id)
    problems = validate_document(doc, target.as_posix())
    if problems:
        return None, doc, problems
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dumps(doc), encoding="utf-8")
    return target, doc, []


def write_models(drafts: list[ModelDraft], out_dir: Path, reviewed: dt.date) -> WriteResult:
    """Write every draft that validates; collect one line per error for the rest."""
    result = WriteResult()
    for draft in sorted(drafts, key=lambda d: d.id):
        target, doc, problems = write_model(draft, out_dir, reviewed)
        result.errors.extend(problems)
        if target is not None:
            result.written.append(target)
            result.routes += len(doc["routes"])
    return result


def _plain(value: Any) -> Any:
    """A dumped model's value as TOML writes it: URLs and enums as text, tuples as lists."""
    if value is None:
        return UNKNOWN
    if isinstance(value, dict):
        if "covers" in value:  # a source: its address, title and date first, then what it covers
            first = [k for k in ("url", "title", *DATE_KINDS) if k in value]
            value = {**{k: value[k] for k in first}, **value}
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool, Decimal, dt.date)):
        return value.value if isinstance(value, Enum) else value
    return str(value)


def model_document(model: Model) -> dict[str, Any]:
    """A catalog model as a TOML-ready mapping in the schema's order: unknown facts spelt "unknown",
    optional fields at their defaults left out."""
    doc = _plain(model.as_dict(exclude_defaults=True))
    for name in ("release_date", "knowledge_cutoff", "context_window", "max_output_tokens", "parameters", "architecture", "licence"):
        doc[name] = doc.get(name, UNKNOWN)
    for route in doc.get("routes", []):
        for name in ("input", "output", "context_window"):
            route[name] = route.get(name, UNKNOWN)
    order = [field.name for field in dataclasses.fields(Model)]
    return {k: doc[k] for k in sorted(doc, key=order.index)}


def write_catalog(models: list[Model], out_dir: Path) -> list[Path]:
    """Write one file per model under ``out_dir`` and remove files of models no longer there."""
    written = []
    for model in models:
        target = path_for(out_dir, model.id)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = dumps(model_document(model))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        written.append(target)
    keep = set(written)
    for stale in out_dir.rglob("*.toml"):
        if stale not in keep:
            stale.unlink()
    for folder in sorted((p for p in out_dir.iterdir() if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return written
