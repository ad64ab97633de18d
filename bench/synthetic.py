"""A generated catalog for benchmarks: the bundled models, then made-up ones, all valid under the schema.

``synthetic_models(n)`` returns ``n`` models (deterministic for a seed): the bundled catalog first, then models
of about 90 made-up vendors, each with a few families released in versions and sizes ("Nova 3", "Nova 3.1",
"Nova 3.1 Mini", "Nova 3.1 Mini Instruct"), so names share prefixes and differ by one number or word, as real
ones do. Every generated model copies the structure of a bundled model picked at random (its facts, sources,
capabilities, benchmarks), with its own id, name, family, aliases (a dated snapshot id, a squashed name, a
vendor-prefixed name) and routes on the providers the bundled catalog uses, prices scaled.

Routes: the bundled catalog holds models in wide use, sold on 3.9 providers on average. A 10,000-model catalog
is mostly the long tail -- fine-tunes, small vendors, older versions -- sold on fewer, so a generated model
keeps 1-6 of its template's routes, 2.1 on average (``routes="bundled"`` keeps all of them instead).

``write_catalog(models, folder)`` writes them as a catalog tree (``<creator>/<slug>.toml``) with the importer's
TOML writer, so that loading them from disk can be timed.
"""

from __future__ import annotations

import random
import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from catalog.importers.write import dumps, path_for  # noqa: E402
from catalog.loader import BUNDLED_ROOT, alias_key, load_catalog, read_toml  # noqa: E402
from catalog.schema import Model  # noqa: E402

SEED = 20261126
ROUTE_WEIGHTS = {1: 30, 2: 30, 3: 20, 4: 12, 5: 5, 6: 3}
"""How many routes a generated model keeps (at most its template's): 2.1 on average at 10,000."""

_STEMS = (
    "Aster", "Basalt", "Cobalt", "Drift", "Ember", "Fjord", "Granite", "Harbor", "Indigo", "Juniper", "Kestrel",
    "Lattice", "Meridian", "Nimbus", "Obsidian", "Prism", "Quarry", "Rook", "Sable", "Tundra", "Umber", "Vantage",
    "Willow", "Xenon", "Yarrow", "Zephyr", "Alder", "Beacon", "Cinder", "Delta",
)
_VENDOR_SUFFIXES = ("AI", "Labs", "Research", "Systems", "Intelligence", "Compute")
_FAMILIES = (
    "Nova", "Atlas", "Lyra", "Orion", "Vega", "Helix", "Quill", "Pulse", "Echo", "Flux", "Arc", "Kite", "Lumen",
    "Orbit", "Sage", "Spark", "Titan", "Vista", "Wren", "Zen", "Cortex", "Mosaic", "Nexus", "Onyx", "Pixel",
    "Relay", "Sonar", "Terra", "Union", "Vertex", "Axiom", "Bolt", "Comet", "Dune", "Ether", "Forge", "Glyph",
    "Halo", "Iris", "Jade", "Karma", "Loom", "Mirage", "Nectar", "Opal", "Pilot", "Quasar", "Ridge", "Sierra",
)
_SIZES = ("", "Mini", "Nano", "Pro", "Max", "Flash", "Lite", "Turbo", "Ultra", "Plus", "Small", "Medium", "Large")
_KINDS = ("", "", "", "Instruct", "Coder", "Vision", "Reasoning", "Chat")
_PARAMS = ("", "", "", "", "7B", "8B", "14B", "32B", "70B", "120B")
_MAJORS = ("1", "2", "3", "4", "5")
_MINORS = ("", "", ".1", ".5", ".2", ".7")


def _bundled_documents() -> list[dict[str, Any]]:
    """The bundled models as read from their files (plain TOML values), in id order."""
    return [read_toml(path.read_text(encoding="utf-8")) for path in sorted(BUNDLED_ROOT.rglob("*.toml"))]


def _slug(text: str) -> str:
    return "-".join(text.lower().replace(".", " . ").split()).replace("-.-", ".")


def _vendors(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """(display name, creator slug, domain) of ``count`` made-up vendors."""
    out: list[tuple[str, str, str]] = []
    taken: set[str] = set()
    while len(out) < count:
        stem, suffix = rng.choice(_STEMS), rng.choice(_VENDOR_SUFFIXES)
        creator = f"{stem.lower()}-{suffix.lower()}" if suffix in ("Labs", "Research") else stem.lower()
        if creator in taken:
            creator = f"{stem.lower()}{suffix.lower()}"
        if creator in taken:
            continue
        taken.add(creator)
        out.append((f"{stem} {suffix}", creator, f"{creator}.example"))
    return out


def _names(rng: random.Random) -> tuple[str, str]:
    """A family and a model name in it, e.g. ("Nova 3", "Nova 3.1 Mini Instruct")."""
    family = rng.choice(_FAMILIES)
    major = rng.choice(_MAJORS)
    version = major + rng.choice(_MINORS)
    parts = [family, version, rng.choice(_SIZES), rng.choice(_KINDS), rng.choice(_PARAMS)]
    return f"{family} {major}", " ".join(p for p in parts if p)


def _price(value: Any, factor: float) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(float(value) * factor, 4)
    return value


def _route(route: dict[str, Any], provider: str, model_id: str, url: str, factor: float) -> dict[str, Any]:
    out = dict(route)
    out["provider"] = provider
    out["model_id"] = model_id
    out["sources"] = [{**source, "url": url} for source in out["sources"]]
    for key in ("input", "output", "cached_input", "cache_write", "batch_input", "batch_output"):
        if key in out:
            out[key] = _price(out[key], factor)
    if "tiers" in out:
        out["tiers"] = [{k: (v if k == "above_input_tokens" else _price(v, factor)) for k, v in t.items()} for t in out["tiers"]]
    return out


def synthetic_models(
    n: int, seed: int = SEED, routes: Literal["long-tail", "bundled"] = "long-tail"
) -> list[Model]:
    """``n`` valid models: the bundled catalog, then generated ones (see the module's docstring)."""
    bundled = list(load_catalog().models)
    if n <= len(bundled):
        return bundled[:n]
    rng = random.Random(seed)
    templates = _bundled_documents()
    providers = sorted({r["provider"] for doc in templates for r in doc.get("routes", [])})
    claimed: set[str] = set()
    for model in bundled:
        claimed.update(alias_key(t) for t in (model.id, model.name, *model.aliases))
    vendors = _vendors(rng, 90)
    out = list(bundled)
    attempts = 0
    while len(out) < n:
        attempts += 1
        if attempts > n * 50:
            raise RuntimeError(f"could not make {n} distinct models")
        vendor, creator, domain = rng.choice(vendors)
        family, name = _names(rng)
        slug = _slug(name)
        model_id = f"{creator}/{slug}"
        vendor_name = f"{vendor.split()[0]} {name}"
        snapshot = f"{slug}-{rng.choice(('2024', '2025', '2026'))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        squashed = name.lower().replace(" ", "")
        keys = {alias_key(model_id), alias_key(name)}
        if keys & claimed:
            continue
        aliases = [a for a in (snapshot, squashed, vendor_name) if alias_key(a) not in claimed and alias_key(a) not in keys]
        aliases = aliases[: rng.choice((0, 1, 1, 2, 2, 3))]
        doc = dict(rng.choice(templates))
        doc.update(id=model_id, name=name, vendor=vendor, family=family)
        doc["aliases"] = aliases
        doc["sources"] = [
            dict(s, url=f"https://{domain}/models/{slug}") if not str(s["url"]).startswith("catalog/") else dict(s)
            for s in doc["sources"]
        ]
        template_routes = doc.get("routes", [])
        keep = len(template_routes)
        if routes == "long-tail":
            keep = min(keep, rng.choices(list(ROUTE_WEIGHTS), weights=list(ROUTE_WEIGHTS.values()))[0])
        chosen_providers = [f"{vendor} API", *rng.sample(providers, k=max(0, keep - 1))]
        factor = rng.choice((0.1, 0.25, 0.5, 0.8, 1.0, 1.2, 2.0))
        doc["routes"] = [
            _route(r, p, slug if i == 0 else model_id, f"https://{domain}/pricing" if i == 0 else f"https://{p.lower().replace(' ', '')}.example/{model_id}", factor)
            for i, (r, p) in enumerate(zip(template_routes, chosen_providers))
        ]
        if doc.get("benchmarks"):
            doc["benchmarks"] = [
                dict(b, score=round(min(100.0, max(0.0, float(b["score"]) * rng.uniform(0.7, 1.1))), 1) if b.get("unit", "%") == "%" else b["score"])
                for b in doc["benchmarks"]
            ]
        out.append(Model.validate(doc))
        claimed |= keys | {alias_key(a) for a in aliases}
    return out


# --- writing a catalog tree ---------------------------------------------------------------------------

_REQUIRED_MAYBE = {
    "release_date", "knowledge_cutoff", "context_window", "max_output_tokens", "parameters", "architecture",
    "licence", "input", "output", "context_window",
}
"""Keys that must be present and are written "unknown" when the value is not known."""


def _plain(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if v is None:
                if k in _REQUIRED_MAYBE:
                    out[k] = "unknown"
                continue
            if isinstance(v, (list, tuple)) and not v and k in ("tiers", "tags", "aliases", "benchmarks", "routes"):
                continue
            out[k] = _plain(v, k)
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(v, key) for v in value]
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (str, int, float, bool)) or hasattr(value, "isoformat"):
        return str(value) if isinstance(value, str) else value
    return str(value)  # URLs


def model_document(model: Model) -> dict[str, Any]:
    """The model as a TOML-ready mapping, unknown facts written "unknown", in the schema's key order."""
    return _plain(model.as_dict())


def write_catalog(models: list[Model], folder: str | Path) -> list[Path]:
    """Write every model to ``folder/<creator>/<slug>.toml``; returns the paths written."""
    root = Path(folder)
    written = []
    for model in models:
        target = path_for(root, model.id)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(model_document(model)), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    import time

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    start = time.perf_counter()
    models = synthetic_models(count)
    print(f"{len(models)} models in {time.perf_counter() - start:.2f} s; {len({m.vendor for m in models})} vendors")
    for model in models[-8:]:
        print(f"  {model.id:45} {model.name:35} {list(model.aliases)} routes={len(model.routes)}")
    if len(sys.argv) > 2:
        write_catalog(models, sys.argv[2])
        print(f"written to {sys.argv[2]}; tomllib check:", bool(tomllib.loads(path_for(Path(sys.argv[2]), models[-1].id).read_text())))
