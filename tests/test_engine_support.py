"""Small hand-built models for the engine's edge cases (unknown prices, ties, tiers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from catalog.schema import Capability, Model

CHECKED = dt.date(2026, 11, 1)
SOURCE = "https://example.com/model"


def route(provider: str, input: Any = "1.00", output: Any = "2.00", **extra: Any) -> dict[str, Any]:
    """A route's data; prices as strings (Decimal-exact) or "unknown"."""
    data = {
        "provider": provider,
        "model_id": provider.casefold().replace(" ", "-"),
        "input": input,
        "output": output,
        "context_window": "unknown",
    }
    data.update(extra)
    data.setdefault("sources", [{"url": SOURCE, "fetched": CHECKED, "covers": covers_of(data)}])
    return data


def covers_of(route: dict[str, Any]) -> list[str]:
    """The route figures a test route states, as a route source's ``covers``."""
    known = lambda *keys: any(route.get(k) not in (None, "unknown") for k in keys)  # noqa: E731
    groups = {
        "prices": ("input", "output"),
        "cache": ("cached_input", "cache_write"),
        "batch": ("batch_input",),
        "tiers": ("tiers",),
        "off_peak": ("off_peak",),
        "scheduled": ("scheduled",),
        "context_window": ("context_window",),
        "lifecycle": ("deprecation_date",),
    }
    return [name for name, keys in groups.items() if known(*keys)] or ["prices"]


def make_model(
    slug: str,
    *,
    vendor: str = "Acme",
    routes: list[dict[str, Any]] | None = None,
    context_window: Any = 128_000,
    capabilities: dict[str, str] | None = None,
    benchmarks: list[tuple[str, float]] = (),
    **extra: Any,
) -> Model:
    caps = {c.value: "no" for c in Capability}
    caps.update(capabilities or {})
    data: dict[str, Any] = {
        "id": f"{vendor.casefold().replace(' ', '')}/{slug}",
        "name": slug.replace("-", " ").title(),
        "vendor": vendor,
        "family": "Test",
        "release_date": "unknown",
        "knowledge_cutoff": "unknown",
        "context_window": context_window,
        "max_output_tokens": "unknown",
        "parameters": "unknown",
        "architecture": "unknown",
        "licence": "unknown",
        "open_weights": "unknown",
        "input_modalities": ["text"],
        "output_modalities": ["text"],
        "capabilities": caps,
        "sources": [{"url": SOURCE, "fetched": CHECKED, "covers": ["context_window", "modalities", "capabilities"]}],
        "benchmarks": [
            {"name": name, "score": score, "source": SOURCE, "date": CHECKED, "verification": "independent"}
            for name, score in benchmarks
        ],
        "routes": routes if routes is not None else [route(f"{vendor} API")],
    }
    data.update(extra)
    return Model.validate(data)


def test_make_model_builds_a_valid_model():
    model = make_model("alpha", routes=[route("Acme API", "0.50", "unknown")])
    assert model.id == "acme/alpha"
    assert model.routes[0].output is None
