"""Importer for models.dev's catalogue (github.com/anomalyco/models.dev), read as TOML files.

Layout read:

* ``providers/<provider>/models/<model id>.toml``: one provider route. Prices are already USD per
  1M tokens (``[cost]``), ``[[cost.tiers]]`` hold long-context prices, ``[limit]`` the context
  window. A file with ``base_model = "creator/model"`` inherits that model's facts from
  ``models/creator/model.toml``, minus the keys it lists in ``base_model_omit``.
* ``models/<creator>/<model>.toml`` (optional): provider-independent facts and benchmarks.

Every fact is cited to the file it came from at the snapshot's commit, checked on its date.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from catalog.importers.draft import ModelDraft, Origin, RouteDraft
from catalog.importers.errors import ImportFormatError, ImportReport
from catalog.importers.facts import apply_flags, apply_modalities, benchmark_row
from catalog.importers.ids import creator_of, match_key, natural_id, vendor_name
from catalog.importers.providers import display_name, first_party_creator
from catalog.importers.units import positive_int, price

SNAPSHOT_COMMIT = "f3fc692"
SNAPSHOT_DATE = dt.date(2026, 7, 2)
REPO_URL = "https://github.com/anomalyco/models.dev/blob"
TITLE = f"models.dev catalogue, snapshot {SNAPSHOT_DATE.isoformat()}"


def file_origin(relative: str, commit: str = SNAPSHOT_COMMIT, checked: dt.date = SNAPSHOT_DATE) -> Origin:
    return Origin(f"{REPO_URL}/{commit}/{relative}", checked, TITLE)


def find_root(path: Path) -> Path:
    """The models.dev checkout folder: PATH itself, or the parent of a ``providers`` folder."""
    if not path.exists():
        raise ImportFormatError(f"{path}: no such file or folder")
    if path.is_dir() and path.name == "providers":
        path = path.parent
    if not path.is_dir() or not any((path / "providers").glob("*/models/*.toml")) and not any(
        (path / "providers").glob("*/models/**/*.toml")
    ):
        raise ImportFormatError(
            f"{path}: not a models.dev catalogue (expected providers/<provider>/models/*.toml)"
        )
    return path


def _read(path: Path, report: ImportReport) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        report.skip(f"{path.name}: unreadable TOML ({exc})")
        return None


def _without(data: dict[str, Any], dotted: list[str]) -> dict[str, Any]:
    """A copy of ``data`` without the dotted keys a route says not to inherit."""
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    for key in dotted:
        head, _, rest = key.partition(".")
        if not rest:
            out.pop(head, None)
        elif isinstance(out.get(head), dict):
            out[head] = _without(out[head], [rest])
    return out


def _inherit(route: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    merged = _without(base, list(route.get("base_model_omit") or []))
    merged.pop("benchmarks", None)
    for key, value in route.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _tiers(cost: dict[str, Any]) -> list[dict[str, Any]]:
    tiers = []
    for tier in cost.get("tiers") or []:
        spec = tier.get("tier") or {}
        threshold = positive_int(spec.get("size"))
        if spec.get("type", "context") != "context" or threshold is None:
            continue
        row = {"above_input_tokens": threshold, "input": price(tier.get("input")), "output": price(tier.get("output"))}
        if row["input"] is None or row["output"] is None:
            continue
        for ours, theirs in (("cached_input", "cache_read"), ("cache_write", "cache_write")):
            value = price(tier.get(theirs))
            if value is not None:
                row[ours] = value
        tiers.append(row)
    return sorted(tiers, key=lambda t: t["above_input_tokens"])


def _facts(draft: ModelDraft, data: dict[str, Any], origin: Origin) -> None:
    limit = data.get("limit") or {}
    draft.set("release_date", _date(data.get("release_date")), origin)
    draft.set("knowledge_cutoff", _partial_date(data.get("knowledge")), origin)
    draft.set("context_window", positive_int(limit.get("context")), origin)
    draft.set("max_output_tokens", positive_int(limit.get("output")), origin)
    if isinstance(data.get("open_weights"), bool):
        draft.set("open_weights", "yes" if data["open_weights"] else "no", origin)
    if isinstance(data.get("license"), str):
        draft.set("licence", data["license"], origin)
    modalities = data.get("modalities") or {}
    apply_modalities(draft, modalities.get("input"), modalities.get("output"), origin)
    apply_flags(
        draft,
        origin,
        reasoning=data.get("reasoning"),
        function_calling=data.get("tool_call"),
        tool_use=data.get("tool_call"),
        structured_outputs=data.get("structured_output"),
    )


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _partial_date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()[:10]
    return None


def _creator_models(root: Path, report: ImportReport) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(their id ``creator/model``, data, relative path) for every file under ``models/``."""
    folder = root / "models"
    for path in sorted(folder.glob("*/*.toml")) if folder.is_dir() else []:
        data = _read(path, report)
        if data is not None:
            yield f"{path.parent.name}/{path.stem}", data, path.relative_to(root).as_posix()


def _draft(model_id: str, data: dict[str, Any], origin: Origin, raw_ids: list[str]) -> ModelDraft:
    creator = model_id.split("/", 1)[0]
    name = str(data.get("name") or model_id.split("/", 1)[1]).strip()
    draft = ModelDraft(id=model_id, name=name, vendor=vendor_name(creator), origin=origin)
    draft.keys.update(match_key(raw) for raw in raw_ids)
    _facts(draft, data, origin)
    return draft


def _is_text_model(data: dict[str, Any]) -> bool:
    output = (data.get("modalities") or {}).get("output") or ["text"]
    return "text" in output and data.get("status") != "deprecated"


def load(path: Path, report: ImportReport | None = None) -> list[ModelDraft]:
    """Drafts from a models.dev checkout: creator files first (their facts win), then routes."""
    report = report if report is not None else ImportReport()
    root = find_root(Path(path))
    bases: dict[str, dict[str, Any]] = {}
    drafts: list[ModelDraft] = []
    for their_id, data, relative in _creator_models(root, report):
        bases[their_id] = data
        if not _is_text_model(data):
            continue
        creator = creator_of(their_id.split("/", 1)[0]) or their_id.split("/", 1)[0]
        model_id = natural_id(their_id.split("/", 1)[1], creator)
        if model_id is None:
            continue
        origin = file_origin(relative)
        draft = _draft(model_id, data, origin, [their_id])
        for row in data.get("benchmarks") or []:
            bench = benchmark_row(row, draft.facts.get("release_date"))
            if bench is not None:
                draft.add_benchmark(bench)
        drafts.append(draft)
    providers = sorted((root / "providers").iterdir(), key=lambda p: (first_party_creator(p.name) is None, p.name))
    for provider_dir in providers:
        drafts.extend(_provider_routes(root, provider_dir, bases, report))
    report.read = len(drafts)
    return drafts


def _provider_name(provider_dir: Path, report: ImportReport) -> str:
    meta = provider_dir / "provider.toml"
    data = _read(meta, report) if meta.exists() else None
    return str((data or {}).get("name") or provider_dir.name)


def _provider_routes(
    root: Path, provider_dir: Path, bases: dict[str, dict[str, Any]], report: ImportReport
) -> Iterator[ModelDraft]:
    models = provider_dir / "models"
    if not models.is_dir():
        return
    provider = provider_dir.name
    their_name = _provider_name(provider_dir, report)
    for path in sorted(models.rglob("*.toml")):
        data = _read(path, report)
        if data is None:
            continue
        raw = path.relative_to(models).with_suffix("").as_posix()
        base_id = data.get("base_model")
        if isinstance(base_id, str) and base_id in bases:
            data = _inherit(data, bases[base_id])
        if not _is_text_model(data):
            report.skip(f"{provider}/{raw}: not a text model, or deprecated")
            continue
        model_id = natural_id(base_id if isinstance(base_id, str) else raw, first_party_creator(provider))
        if model_id is None:
            report.skip(f"{provider}/{raw}: cannot tell who made this model")
            continue
        origin = file_origin(path.relative_to(root).as_posix())
        # A route that names its base model joins it by that name only: its own id may be a nickname.
        draft = _draft(model_id, data, origin, [base_id] if isinstance(base_id, str) else [raw])
        cost = data.get("cost") or {}
        route = RouteDraft(
            provider=display_name(provider, model_id.split("/", 1)[0], their_name) or their_name,
            model_id=raw,
            input=price(cost.get("input")),
            output=price(cost.get("output")),
            context_window=positive_int((data.get("limit") or {}).get("context")),
            origin=origin,
            cached_input=price(cost.get("cache_read")),
            cache_write=price(cost.get("cache_write")),
            tiers=_tiers(cost),
        )
        if not route.priced:
            route.tiers = []
        draft.add_route(route)
        yield draft
