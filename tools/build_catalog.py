"""Rebuild the bundled catalog (catalog/models/) from the public snapshots and our curation.

    python tools/build_catalog.py [--shared ../shared/data] [--out catalog/models] [--check]

Steps, all reproducible from the inputs:

1. import the three snapshots with the project's importers (models.dev, then OpenRouter,
   then LiteLLM: earlier sources' model facts win; for a route, the newest snapshot wins);
2. merge every spelling of a model under one id;
3. keep the models listed in tools/curation/*.toml, each with the routes of the providers
   Versus lists (ROUTE_PROVIDERS) whose prices are not zero;
4. apply the curation: display name, family, aliases, decision-fit tags (rules in
   catalog/CURATION.md, or the curated list), code execution, benchmarks (Aider's polyglot
   leaderboard, vendor model cards), facts the snapshots lack, each with its source;
5. validate every model with the schema and write one file per model.

The hand-written seed models (HAND_WRITTEN) are never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from catalog.importers.draft import ModelDraft, Origin  # noqa: E402
from catalog.importers.errors import ImportReport  # noqa: E402
from catalog.importers.facts import benchmark_name  # noqa: E402
from catalog.importers.merge import merge  # noqa: E402
from catalog.importers.providers import first_party_names  # noqa: E402
from catalog.importers.write import write_model  # noqa: E402
from catalog.loader import validate_tree  # noqa: E402
from catalog.schema import CURATION_DOC, Capability, Tri  # noqa: E402
from catalog.sources.known import SHARED, read_known  # noqa: E402
from catalog.sources.models_dev import ModelsDev  # noqa: E402
from tools.aider import AiderBoard  # noqa: E402
from tools.tags import decide_tags  # noqa: E402

REVIEWED = dt.date(2026, 11, 22)
CURATION_DIR = REPO / "tools" / "curation"
LICENCES = REPO / "tools" / "facts" / "licences.toml"
HAND_WRITTEN = {"openai/gpt-4.1-mini", "xai/grok-4.3", "xai/grok-4.20"}

ROUTE_PROVIDERS = {
    "OpenAI API", "Anthropic API", "Google AI Studio", "xAI Console", "OpenRouter", "Amazon Bedrock",
    "Azure OpenAI", "Azure AI Foundry", "Google Vertex AI", "Together AI", "Groq", "Fireworks AI",
    "DeepInfra", "Mistral API", "DeepSeek API", "Replicate API", "Cohere API", "Alibaba Cloud Model Studio",
    "Z.ai API", "Moonshot AI API", "MiniMax API", "Cerebras", "Perplexity API", "Xiaomi MiMo API",
}


def load_drafts(shared: Path) -> dict[str, ModelDraft]:
    report = ImportReport()
    # The models.dev listings of every provider, as the build read them before sources were reconciled.
    every = {"models-dev": ModelsDev(every_provider=True)}
    snapshots = {
        known.source: read_known(known, shared, report, every.get(known.source))
        for known in SHARED
        if known.source != "genai-prices"
    }
    drafts = [
        draft
        for source in ("models-dev", "openrouter", "litellm")
        for draft in snapshots[source].drafts
        if not (source == "models-dev" and any(r.deprecated for r in draft.routes.values()))
    ]
    return {d.id: d for d in merge(drafts)}


def load_curation(folder: Path = CURATION_DIR) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        defaults = {k: v for k, v in data.items() if k != "models"}
        for entry in data.get("models", []):
            entries.append({**defaults, **entry, "_file": path.name})
    return entries


def _origin(raw: dict[str, Any]) -> Origin:
    """A curated source: a page read from a stored copy on the date given (``checked`` in the curation files)."""
    how = "decided" if raw["url"] == CURATION_DOC else "read"
    return Origin(raw["url"], raw["checked"], raw.get("title"), how, "curation")


def load_licences(path: Path = LICENCES) -> dict[str, dict[str, str]]:
    with path.open("rb") as handle:
        return tomllib.load(handle)["models"]


def apply_licence(draft: ModelDraft, licences: dict[str, dict[str, str]]) -> None:
    """The model card's licence where we have one; closed weights are proprietary by rule."""
    known = licences.get(draft.id)
    if known is not None:
        draft.facts["licence"] = known["licence"]
        draft.facts["open_weights"] = "yes"
        origin = Origin(known["url"], REVIEWED, "Model card: licence", "read", "curation")
        draft.fact_origin["licence"] = draft.fact_origin["open_weights"] = origin
    elif draft.facts.get("open_weights") == "no" and "licence" not in draft.facts:
        draft.facts["licence"] = "Proprietary"
        draft.fact_origin["licence"] = Origin(
            CURATION_DOC, REVIEWED, "Versus curation: closed weights are proprietary", "decided", "curation"
        )


def curate(draft: ModelDraft, entry: dict[str, Any], aider: AiderBoard) -> tuple[ModelDraft, list[dict[str, Any]]]:
    """Apply one curation entry to its imported draft; returns the draft and extra [[sources]]."""
    draft.id = entry["id"]
    draft.name = entry.get("name", draft.name)
    if "vendor" in entry:
        draft.vendor = entry["vendor"]
    if "family" in entry:
        draft.facts["family"] = entry["family"]
    drop = {p.casefold() for p in entry.get("drop_routes", [])}
    own = first_party_names(draft.id.split("/", 1)[0])
    draft.routes = {
        key: route
        for key, route in draft.routes.items()
        if route.provider in ROUTE_PROVIDERS
        and key not in drop
        and not (route.input == 0 or route.output == 0)  # a free tier is not a production route
        and (route.priced or route.provider in own)  # a reseller without a price is left out
    }
    for fact in entry.get("unset", []):  # a source's placeholder, not a fact
        draft.facts.pop(fact, None)
        draft.fact_origin.pop(fact, None)
    extra: list[dict[str, Any]] = []
    for source in entry.get("sources", []):
        origin = _origin(source)
        for fact, value in source.get("facts", {}).items():
            draft.facts[fact] = value
            draft.fact_origin[fact] = origin
        for name, value in source.get("capabilities", {}).items():
            draft.capabilities[Capability(name).value] = Tri(value)
            draft.capability_origin[Capability(name).value] = origin
    if "code_execution" in entry:
        draft.capabilities["code_execution"] = Tri(entry["code_execution"])
        draft.capability_origin["code_execution"] = _origin(entry["code_execution_source"])
    for row in entry.get("benchmarks", []):
        row = {**row, "name": benchmark_name(row["name"])}
        draft.benchmarks[row["name"].casefold()] = row
    if entry.get("aider"):
        row = aider.row(entry["aider"])
        draft.benchmarks[row["name"].casefold()] = row
    for alias in entry.get("aliases", []):
        draft.add_alias(alias)
    draft.tags = list(entry["tags"]) if "tags" in entry else decide_tags(draft)
    if draft.tags:
        extra.append({"url": CURATION_DOC, "title": "Versus curation: decision-fit tags", "decided": REVIEWED, "covers": ["tags"]})
    return draft, extra


def build(shared: Path, out: Path) -> tuple[list[Path], list[str]]:
    drafts = load_drafts(shared)
    aider = AiderBoard.load(shared / "aider" / "polyglot_leaderboard.yml")
    licences = load_licences()
    written: list[Path] = []
    errors: list[str] = []
    wanted = set(HAND_WRITTEN)
    for entry in load_curation():
        model_id = entry["id"]
        wanted.add(model_id)
        if model_id in HAND_WRITTEN:
            continue
        sources = entry.get("from", [model_id])
        missing = [s for s in sources if s not in drafts]
        if missing:
            errors.append(f"{entry['_file']}: {model_id}: no imported model {', '.join(missing)}")
            continue
        draft = drafts[sources[0]]
        for other in sources[1:]:
            draft.absorb(drafts[other])
        draft, extra = curate(draft, entry, aider)
        apply_licence(draft, licences)
        if not draft.routes:
            errors.append(f"{entry['_file']}: {model_id}: no route left at a provider Versus lists")
            continue
        target, _, problems = write_model(draft, out, REVIEWED, extra)
        errors.extend(problems)
        if target is not None:
            written.append(target)
    for stale in sorted(out.rglob("*.toml")):
        creator, slug = stale.parent.name, stale.stem
        if f"{creator}/{slug}" not in wanted:
            stale.unlink()
    return written, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "catalog" / "models")
    args = parser.parse_args(argv)
    written, errors = build(args.shared, args.out)
    models, invalid = validate_tree(args.out)
    for line in errors + [str(e) for e in invalid]:
        print(line, file=sys.stderr)
    vendors = {m.vendor for m in models}
    routes = sum(len(m.routes) for m in models)
    print(f"wrote {len(written)} models; catalog has {len(models)} models, {len(vendors)} vendors, {routes} routes")
    return 1 if errors or invalid else 0


if __name__ == "__main__":
    sys.exit(main())
