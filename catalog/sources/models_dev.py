"""models.dev (github.com/anomalyco/models.dev): its live ``api.json``, or its TOML tree.

Three shapes of one catalogue, read the same way:

* the TOML tree: ``providers/<provider>/models/<model id>.toml`` is one provider's listing (prices per
  1M tokens under ``[cost]``, ``[[cost.tiers]]`` long-context prices, ``[limit]``, modalities, flags,
  dates, ``status``); a file with ``base_model = "creator/model"`` inherits that model's facts from
  ``models/<creator>/<model>.toml`` (minus ``base_model_omit``), exactly as models.dev's own build
  does (``packages/core/src/generate.ts``: a deep merge; licence, links, weights and benchmarks are
  not inherited). The ``models/`` files are creator files: a draft each, ``creator_file=True``, no
  route, with the licence and benchmarks.
* ``https://models.dev/api.json``: ``{provider id: {id, name, models: {model id: {...}}}}``, the same
  listings already merged with their base models; it has no creator files.
* ``https://models.dev/catalog.json``: ``{"models": creator files, "providers": api.json}``.

A listing with ``status = "deprecated"`` is kept, its route marked ``deprecated``. A listing is cited at
its file in the repository at the snapshot's commit when the commit is known, else at the address read.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, OnErrorOmit, TypeAdapter, ValidationError

from catalog.importers.draft import ModelDraft, Origin, RouteDraft
from catalog.importers.errors import ImportReport
from catalog.importers.facts import apply_flags, apply_modalities, benchmark_row
from catalog.importers.ids import creator_of, match_key, natural_id, vendor_name
from catalog.importers.providers import display_name, first_party_creator
from catalog.importers.units import positive_int, price
from catalog.loader import read_toml
from catalog.sources.base import Citing, NotOurFormat, Payload, TooBig, Tree, commit_in, one_line, text_model_name
from catalog.sources.base import read_json as parse_json

NAME = "models-dev"
TITLE = "models.dev"
API_URL = "https://models.dev/api.json"
REPO = "anomalyco/models.dev"
BRANCH = "dev"
BLOB = f"https://github.com/{REPO}/blob"


# --- the upstream format (packages/core/src/schema.ts), as far as Versus reads it -----------------

class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class TierSpec(_Lenient):
    type: str = "context"
    size: int | None = None


class CostTier(_Lenient):
    input: Decimal | None = None
    output: Decimal | None = None
    cache_read: Decimal | None = None
    cache_write: Decimal | None = None
    tier: TierSpec | None = None


class Cost(_Lenient):
    """USD per 1M tokens."""

    input: Decimal | None = None
    output: Decimal | None = None
    cache_read: Decimal | None = None
    cache_write: Decimal | None = None
    tiers: list[OnErrorOmit[CostTier]] = []


class Limit(_Lenient):
    context: int | None = None
    output: int | None = None


class Modalities(_Lenient):
    input: list[str] = []
    output: list[str] = []


class MDModel(_Lenient):
    """One model file (a provider's listing, or a creator file under ``models/``)."""

    name: str | None = None
    family: str | None = None
    release_date: dt.date | str | None = None
    knowledge: dt.date | str | None = None
    open_weights: bool | None = None
    reasoning: bool | None = None
    tool_call: bool | None = None
    structured_output: bool | None = None
    license: str | None = None
    status: str | None = None  # alpha, beta, deprecated
    cost: Cost | None = None
    limit: Limit | None = None
    modalities: Modalities | None = None
    benchmarks: list[dict[str, Any]] = []


class MDProvider(_Lenient):
    id: str | None = None
    name: str | None = None
    models: dict[str, OnErrorOmit[MDModel]]


API = TypeAdapter(dict[str, OnErrorOmit[MDProvider]])
CREATORS = TypeAdapter(dict[str, OnErrorOmit[MDModel]])
ONE = TypeAdapter(MDModel)


# --- the adapter ------------------------------------------------------------------------------

class ModelsDev:
    """``every_provider=True`` keeps the listings of providers Versus does not list too (under the
    provider's own name): what the build of the bundled catalog read before sources were reconciled."""

    name = NAME
    title = TITLE

    def __init__(self, every_provider: bool = False) -> None:
        self.every_provider = every_provider

    def label(self, version: str | None) -> str:
        return f"{TITLE} ({version[:7]})" if version else TITLE

    def version_of(self, location: str) -> str | None:
        return commit_in(location) if "github" in location else None

    def parse(self, payload: Payload, citing: Citing, report: ImportReport) -> list[ModelDraft]:
        if isinstance(payload, Tree):
            creators, providers, names = read_tree(payload, report)
        else:
            creators, providers, names = read_json(payload, report)
        return drafts_from(creators, providers, citing, report, names if self.every_provider else None)


ADAPTER = ModelsDev()


# --- reading the three shapes ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Listing:
    """One model file: its path in the repository, its id there, its data, and the base model it names."""

    relative: str
    raw: str
    model: MDModel
    base_id: str | None = None


Creators = list[Listing]  # models/<creator>/<model>.toml; raw is "creator/model"
Providers = dict[str, list[Listing]]  # provider id -> its listings; raw is the model's id at the provider
Names = dict[str, str]  # provider id -> the provider's own name


def read_json(payload: bytes, report: ImportReport | None = None) -> tuple[Creators, Providers, Names]:
    """api.json or catalog.json; anything else is not models.dev's format."""
    data = parse_json(payload)
    if not isinstance(data, dict):
        raise NotOurFormat("not models.dev's api.json (expected {provider: {name, models: {...}}})")
    creators: Creators = []
    if set(data) >= {"models", "providers"} and isinstance(data.get("providers"), dict):
        creators = [
            Listing(f"models/{their_id}.toml", their_id, model)
            for their_id, model in CREATORS.validate_python(data["models"] or {}).items()
        ]
        data = data["providers"]
    looks_right = [v for v in data.values() if isinstance(v, dict) and isinstance(v.get("models"), dict)]
    if not looks_right:
        raise NotOurFormat("not models.dev's api.json (expected {provider: {name, models: {...}}})")
    providers: Providers = {}
    names: Names = {}
    for provider_id, provider in API.validate_python(data).items():
        raw = data[provider_id].get("models") if isinstance(data[provider_id], dict) else None
        for model_id in (raw.keys() - provider.models.keys()) if isinstance(raw, dict) and report is not None else ():
            report.skip(f"providers/{provider_id}/models/{model_id}: not a models.dev model entry")
        names[provider_id] = provider.name or provider_id
        providers[provider_id] = [
            Listing(f"providers/{provider_id}/models/{model_id}.toml", model_id, model)
            for model_id, model in provider.models.items()
        ]
    return creators, providers, names


def find_root(path: Path) -> Path:
    """The catalogue folder: ``path`` itself, or the parent of a ``providers`` folder."""
    if path.is_dir() and path.name == "providers":
        path = path.parent
    if not path.is_dir() or not (path / "providers").is_dir():
        raise NotOurFormat("not a models.dev catalogue (expected providers/<provider>/models/*.toml)")
    return path


def load_tree(path: Path, max_bytes: int | None = None) -> Tree:
    """The bytes of every TOML file the adapter reads (``models/*/*.toml``, ``providers/*/models/**.toml``).

    Sizes are summed before anything is read: a tree over ``max_bytes`` raises ``TooBig``.
    """
    root = find_root(path)
    files = sorted((root / "models").glob("*/*.toml")) if (root / "models").is_dir() else []
    for provider_dir in sorted(p for p in (root / "providers").iterdir() if p.is_dir()):
        if (provider_dir / "provider.toml").is_file():
            files.append(provider_dir / "provider.toml")
        if (provider_dir / "models").is_dir():
            files.extend(sorted((provider_dir / "models").rglob("*.toml")))
    if max_bytes is not None:
        total = sum(f.stat().st_size for f in files)
        if total > max_bytes:
            raise TooBig(total)
    return Tree(root, {f.relative_to(root).as_posix(): f.read_bytes() for f in files})


_LINK = re.compile(rb"^\s*([\w.\-]+/)*[\w.\-]+\.toml\s*$")


def _followed(tree: Tree, relative: str, report: ImportReport) -> bytes | None:
    """A file's bytes; a git symlink stored as a plain file (its text the path of the file it points to, as
    in a copy made without symlinks) is followed, as models.dev's build follows symlinks."""
    data, at = tree.files[relative], relative
    for _ in range(5):
        if len(data) > 300 or not _LINK.match(data):
            return data
        target = posixpath.normpath(posixpath.join(posixpath.dirname(at), data.decode().strip()))
        if target not in tree.files:
            report.skip(f"{relative}: a link to {target}, which is not in the tree")
            return None
        at, data = target, tree.files[target]
    return data


def _read_toml(relative: str, data: bytes, report: ImportReport) -> dict[str, Any] | None:
    try:
        return read_toml(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        report.skip(f"{relative}: unreadable TOML ({one_line(str(exc), 120)})")
        return None


def read_tree(tree: Tree, report: ImportReport) -> tuple[Creators, Providers, Names]:
    """The TOML tree, each provider listing merged with its base model as models.dev's build does."""
    raw_creators: dict[str, tuple[str, dict[str, Any]]] = {}
    provider_files: dict[str, list[tuple[str, str]]] = {}
    names: Names = {}
    for relative in tree.files:
        parts = relative.split("/")
        if len(parts) == 3 and parts[0] == "providers" and parts[2] == "provider.toml":
            info = _read_toml(relative, tree.files[relative], report) or {}
            names[parts[1]] = str(info.get("name") or parts[1])
            continue
        if parts[0] == "models" and len(parts) == 3:
            raw_bytes = _followed(tree, relative, report)
            data = None if raw_bytes is None else _read_toml(relative, raw_bytes, report)
            if data is not None:
                raw_creators[f"{parts[1]}/{parts[2][:-5]}"] = (relative, data)
        elif parts[0] == "providers" and len(parts) >= 4 and parts[2] == "models":
            provider_files.setdefault(parts[1], []).append((relative, "/".join(parts[3:])[:-5]))
    creators: Creators = []
    for their_id, (relative, data) in raw_creators.items():
        model = _validate(data, relative, report)
        if model is not None:
            creators.append(Listing(relative, their_id, model))
    providers: Providers = {}
    for provider, files in provider_files.items():
        listings = []
        for relative, raw in files:
            raw_bytes = _followed(tree, relative, report)
            data = None if raw_bytes is None else _read_toml(relative, raw_bytes, report)
            if data is None:
                continue
            base_id = data.get("base_model")
            if base_id is not None:
                if not isinstance(base_id, str) or base_id not in raw_creators:
                    report.skip(f"{relative}: base_model {base_id!r} is not in models/")
                    continue
                data = inherit(data, raw_creators[base_id][1])
            model = _validate(data, relative, report)
            if model is not None:
                listings.append(Listing(relative, raw, model, base_id))
        providers[provider] = listings
    return creators, providers, names


def _validate(data: dict[str, Any], relative: str, report: ImportReport) -> MDModel | None:
    try:
        return ONE.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        report.skip(f"{relative}: {where}: {one_line(first['msg'], 100)}")
        return None


_NOT_INHERITED = ("id", "benchmarks", "license", "links", "weights")


def deep_merge(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """``remeda.mergeDeep``: tables merge key by key, anything else (arrays too) is replaced."""
    out = dict(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def omit(data: dict[str, Any], dotted: str) -> None:
    """Remove ``a.b.c`` from ``data``, and the tables the removal leaves empty (``applyOmit``)."""
    parts = dotted.split(".")
    chain = [data]
    for part in parts[:-1]:
        nxt = chain[-1].get(part)
        if not isinstance(nxt, dict):
            return
        chain.append(nxt)
    if parts[-1] not in chain[-1]:
        return
    del chain[-1][parts[-1]]
    for depth in range(len(chain) - 1, 0, -1):
        if chain[depth]:
            break
        del chain[depth - 1][parts[depth - 1]]


def inherit(listing: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
    """A provider listing merged over its base model, as models.dev's build does it."""
    inheritable = {k: v for k, v in base.items() if k not in _NOT_INHERITED}
    overrides = {k: v for k, v in listing.items() if k not in ("base_model", "base_model_omit")}
    merged = _copy(deep_merge(inheritable, overrides))  # a copy: omitting must not touch the base
    for dotted in listing.get("base_model_omit") or []:
        if isinstance(dotted, str):
            omit(merged, dotted)
    return merged


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


# --- listings into drafts ----------------------------------------------------------------------

def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
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


def is_text(model: MDModel, their_id: str) -> bool:
    outputs = (model.modalities.output if model.modalities else None) or ["text"]
    return "text" in outputs and text_model_name(their_id, model.family, model.name)


def tiers(cost: Cost) -> list[dict[str, Any]]:
    """``[[cost.tiers]]`` of the context kind as our tiers (both prices needed), by threshold."""
    out = []
    for tier in cost.tiers:
        spec = tier.tier or TierSpec()
        threshold = positive_int(spec.size)
        row = {"above_input_tokens": threshold, "input": price(tier.input), "output": price(tier.output)}
        if spec.type != "context" or threshold is None or row["input"] is None or row["output"] is None:
            continue
        for ours, value in (("cached_input", tier.cache_read), ("cache_write", tier.cache_write)):
            if price(value) is not None:
                row[ours] = price(value)
        out.append(row)
    return sorted(out, key=lambda t: t["above_input_tokens"])


def apply_facts(draft: ModelDraft, model: MDModel, origin: Origin) -> None:
    limit = model.limit or Limit()
    draft.set("release_date", _date(model.release_date), origin)
    draft.set("knowledge_cutoff", _partial_date(model.knowledge), origin)
    draft.set("context_window", positive_int(limit.context), origin)
    draft.set("max_output_tokens", positive_int(limit.output), origin)
    if model.open_weights is not None:
        draft.set("open_weights", "yes" if model.open_weights else "no", origin)
    if model.license:
        draft.set("licence", model.license.strip(), origin)
    if model.modalities is not None:
        apply_modalities(draft, model.modalities.input, model.modalities.output, origin)
    apply_flags(
        draft,
        origin,
        reasoning=model.reasoning,
        function_calling=model.tool_call,
        tool_use=model.tool_call,
        structured_outputs=model.structured_output,
    )


def _new_draft(model_id: str, model: MDModel, origin: Origin, raw_ids: list[str]) -> ModelDraft:
    creator = model_id.split("/", 1)[0]
    name = (model.name or model_id.split("/", 1)[1]).strip()
    draft = ModelDraft(id=model_id, name=name, vendor=vendor_name(creator), origin=origin)
    draft.keys.update(match_key(raw) for raw in raw_ids)
    apply_facts(draft, model, origin)
    return draft


def _cite(citing: Citing, relative: str) -> Origin:
    commit = citing.version
    if commit:
        return citing.origin(f"{BLOB}/{commit}/{relative}", f"models.dev catalogue, snapshot {citing.fetched.isoformat()}")
    return citing.origin(citing.location, f"models.dev api.json, snapshot {citing.fetched.isoformat()}")


def drafts_from(
    creators: Creators, providers: Providers, citing: Citing, report: ImportReport, every: Names | None = None
) -> list[ModelDraft]:
    """Creator files first (their facts are the model's), then every listed provider's listings (with
    ``every``, a provider id -> name map, every provider's, under its own name where Versus has none)."""
    drafts: list[ModelDraft] = []
    for listing in creators:
        their_id, model = listing.raw, listing.model
        organisation, _, slug = their_id.partition("/")
        creator = creator_of(organisation) or organisation
        model_id = natural_id(slug, creator) if slug else None
        if model_id is None or not is_text(model, their_id):
            report.skip(f"models/{their_id}: not a text model")
            continue
        origin = _cite(citing, listing.relative)
        draft = _new_draft(model_id, model, origin, [their_id])
        draft.creator_file = True
        for row in model.benchmarks:
            bench = benchmark_row(row, draft.facts.get("release_date"))
            if bench is not None:
                draft.add_benchmark(bench)
        drafts.append(draft)
    ordered = sorted(providers, key=lambda p: (first_party_creator(p) is None, p))
    for provider in ordered:
        listings = providers[provider]
        if display_name(provider) is None and every is None:
            report.skip(f"providers/{provider}: {len(listings)} listings of a provider Versus does not list")
            continue
        drafts.extend(_provider_drafts(provider, (every or {}).get(provider, provider), listings, citing, report))
    return drafts


def _provider_drafts(
    provider: str, their_name: str, listings: list[Listing], citing: Citing, report: ImportReport
) -> Iterator[ModelDraft]:
    for listing in listings:
        relative, raw, model, base_id = listing.relative, listing.raw, listing.model, listing.base_id
        if not is_text(model, raw):
            report.skip(f"providers/{provider}/{raw}: not a text model")
            continue
        model_id = natural_id(base_id if isinstance(base_id, str) else raw, first_party_creator(provider))
        if model_id is None:
            report.skip(f"providers/{provider}/{raw}: cannot tell who made this model")
            continue
        origin = _cite(citing, relative)
        # A listing that names its base model joins it by that name only: its own id may be a nickname.
        draft = _new_draft(model_id, model, origin, [base_id] if isinstance(base_id, str) else [raw])
        cost = model.cost or Cost()
        route = RouteDraft(
            provider=display_name(provider, model_id.split("/", 1)[0]) or their_name,
            model_id=raw,
            input=price(cost.input),
            output=price(cost.output),
            context_window=positive_int((model.limit or Limit()).context),
            origin=origin,
            cached_input=price(cost.cache_read),
            cache_write=price(cost.cache_write),
            tiers=tiers(cost),
            deprecated=model.status == "deprecated",
        )
        if not route.priced:
            route.tiers = []
        draft.add_route(route)
        yield draft
