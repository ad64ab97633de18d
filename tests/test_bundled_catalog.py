"""The bundled catalog: big enough, every route buyable and sourced, the seed models' figures kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from catalog.schema import Tag, Tri

SEED_IDS = ("openai/gpt-4.1-mini", "xai/grok-4.3", "xai/grok-4.20")


def routes_by_provider(model):
    return {r.provider: r for r in model.routes}


def test_catalog_is_large_and_broad(bundled):
    assert len(bundled) >= 150
    assert len(bundled.vendors) >= 12
    for vendor in ("OpenAI", "Anthropic", "Google", "xAI", "Meta", "Mistral AI", "DeepSeek", "Alibaba (Qwen)",
                   "Cohere", "Amazon", "Microsoft", "Moonshot AI", "Z.ai (Zhipu)", "MiniMax", "NVIDIA"):
        assert vendor in bundled.vendors, vendor


def test_every_model_has_a_route_and_a_known_price_somewhere(bundled):
    for model in bundled:
        assert model.routes, model.id
        assert any(r.priced for r in model.routes), model.id


def test_no_price_is_zero(bundled):
    # No bundled source marks a route free; a zero would mean a free tier or a missing price.
    for model in bundled:
        for route in model.routes:
            for price in (route.input, route.output, route.cached_input, route.batch_input, route.batch_output):
                assert price is None or price > 0, (model.id, route.provider)


def test_routes_cite_a_source_and_a_date_not_in_the_future(bundled):
    for model in bundled:
        for route in model.routes:
            for source in route.sources:
                assert str(source.url).startswith("https://"), (model.id, route.provider)
                assert source.date <= model.updated <= dt.date.today(), (model.id, route.provider)


def test_provider_names_are_consistent(bundled):
    names = {r.provider for m in bundled for r in m.routes}
    assert names <= {
        "OpenAI API", "Anthropic API", "Google AI Studio", "xAI Console", "OpenRouter", "Amazon Bedrock",
        "Azure OpenAI", "Azure AI Foundry", "Google Vertex AI", "Together AI", "Groq", "Fireworks AI",
        "DeepInfra", "Mistral API", "DeepSeek API", "Replicate API", "Cohere API", "Alibaba Cloud Model Studio",
        "Z.ai API", "Moonshot AI API", "MiniMax API", "Cerebras", "Perplexity API", "Xiaomi MiMo API",
    }
    # the big third-party clouds are present
    assert {"Amazon Bedrock", "Google Vertex AI", "Together AI", "Groq", "Fireworks AI", "DeepInfra"} <= names


def test_one_file_per_model_not_per_snapshot(bundled):
    names = [m.name.casefold() for m in bundled]
    assert len(names) == len(set(names))
    assert not [m.id for m in bundled if m.id.rsplit("-", 1)[-1].isdigit() and len(m.id.rsplit("-", 1)[-1]) == 8]


def test_tags_have_their_curation_source(bundled):
    for model in bundled:
        if model.tags:
            assert any(str(s.url) == "catalog/CURATION.md" and "tags" in s.covers for s in model.sources), model.id


def test_benchmarks_are_sourced_and_aider_rows_are_independent(bundled):
    rows = [(m, b) for m in bundled for b in m.benchmarks]
    assert len(rows) >= 40
    for model, bench in rows:
        if bench.name == "Aider Polyglot":
            assert str(bench.source) == "https://aider.chat/docs/leaderboards/"
            assert bench.verification == "independent", model.id


# --- the three seed models keep their figures ---------------------------------------------------

def test_gpt_41_mini_seed(bundled):
    mini = bundled["openai/gpt-4.1-mini"]
    routes = routes_by_provider(mini)
    assert {"OpenAI API", "OpenRouter", "Replicate API"} <= set(routes)
    for name in ("OpenAI API", "OpenRouter", "Replicate API"):
        assert (routes[name].input, routes[name].output) == (Decimal("0.40"), Decimal("1.60"))
    assert mini.context_window == 1_047_576
    assert {b.name: b.score for b in mini.benchmarks}["SWE-bench Verified"] == 23.6
    caps = mini.capabilities
    for yes in ("vision", "multimodal", "function_calling", "tool_use", "structured_outputs", "code_execution"):
        assert getattr(caps, yes) is Tri.YES, yes
    assert caps.reasoning is Tri.NO
    assert mini.tags == (Tag.CODING, Tag.RAG, Tag.AGENTS)


def test_grok_43_seed(bundled):
    grok = bundled["xai/grok-4.3"]
    routes = routes_by_provider(grok)
    assert {"xAI Console", "OpenRouter"} <= set(routes)
    assert all((r.input, r.output) == (Decimal("1.25"), Decimal("2.50")) for r in routes.values())
    assert grok.context_window == 1_000_000
    assert grok.parameters == "~0.5T"
    assert grok.capabilities.reasoning is Tri.YES
    assert grok.capabilities.code_execution is Tri.NO
    assert set(grok.tags) == {Tag.RAG, Tag.AGENTS, Tag.LONG_CONTEXT}
    # the long-context tier of OpenRouter's route, stated by models.dev's listing that agrees on its prices
    assert [t.above_input_tokens for t in routes["OpenRouter"].tiers] == [200_000]
    mini = bundled["openai/gpt-4.1-mini"]
    assert not {b.name for b in grok.benchmarks} & {b.name for b in mini.benchmarks}


def test_grok_420_seed(bundled):
    grok = bundled["xai/grok-4.20"]
    routes = routes_by_provider(grok)
    assert {"xAI Console", "OpenRouter"} <= set(routes)
    for name in ("xAI Console", "OpenRouter"):
        assert (routes[name].input, routes[name].output) == (Decimal("1.25"), Decimal("2.50"))
    tiers = routes["xAI Console"].tiers
    assert [t.above_input_tokens for t in tiers] == [200_000]
    assert routes["OpenRouter"].context_window == 2_000_000
    assert routes["xAI Console"].context_window == 1_000_000
    assert grok.context_window == 2_000_000
    assert {b.name: b.score for b in grok.benchmarks}["SWE-bench Verified"] == 76.7
    mini = bundled["openai/gpt-4.1-mini"]
    shared = {b.name for b in grok.benchmarks} & {b.name for b in mini.benchmarks}
    assert shared == {"SWE-bench Verified"}


@pytest.mark.parametrize("model_id", SEED_IDS)
def test_seed_models_are_curated_with_their_pages_facts(model_id):
    from catalog.curation import Curation

    entry = Curation.load().entry(model_id)
    assert entry is not None and entry["sources"], model_id


def test_bundled_files_are_what_the_build_produces(tmp_path):
    """The catalog, its history and its snapshots are reproducible: rebuilding from ../shared gives the
    same bytes, and no other model file, wherever ../shared lies (here a copy in a temporary folder: a
    snapshot that cited the folder it was read from would differ on every machine)."""
    import shutil

    from tests.conftest import REPO, shared_path
    from tools.build_catalog import build

    shared = tmp_path / "shared"
    for name in ("models.dev", "openrouter", "litellm", "litellm-history", "genai-prices"):
        shutil.copytree(shared_path("data") / name, shared / name)
    written, problems = build(shared, tmp_path / "models", tmp_path / "data")
    assert problems == []
    bundled = REPO / "catalog"
    for path in written:
        relative = path.relative_to(tmp_path)
        assert (bundled / relative).read_bytes() == path.read_bytes(), relative
    files = {p.relative_to(bundled / "models") for p in (bundled / "models").rglob("*.toml")}
    assert files == {p.relative_to(tmp_path / "models") for p in (tmp_path / "models").rglob("*.toml")}


def test_bundled_snapshots_cite_the_public_address_they_were_taken_from():
    from catalog.refresh import BUNDLED_SNAPSHOTS
    from catalog.sources import load_snapshot

    urls = {path.name: load_snapshot(path.read_bytes()).url for path in sorted(BUNDLED_SNAPSHOTS.glob("*.json.gz"))}
    assert urls == {
        "genai-prices.json.gz": "https://github.com/pydantic/genai-prices/blob/47df840/prices/data.json",
        "litellm.json.gz": "https://github.com/BerriAI/litellm/blob/v1.110.2/model_prices_and_context_window.json",
        "models-dev.json.gz": "https://github.com/anomalyco/models.dev/tree/f3fc692",
        "openrouter.json.gz": "https://openrouter.ai/api/v1/models",
    }


def test_retired_routes_say_since_when_and_deprecated_ones_until_when(bundled):
    """The issue's examples: the makers' own APIs of o1, o3-mini and o4-mini are past LiteLLM's deprecation
    date; xAI retired Grok 3 on 2026-05-15 (a curated notice); Vertex's Claude 3.5 Haiku is retired."""
    for model_id in ("openai/o1", "openai/o3-mini", "openai/o4-mini"):
        route = routes_by_provider(bundled[model_id])["OpenAI API"]
        assert route.status.value == "retired" and route.retired_since <= dt.date.today(), model_id
    grok3 = bundled["xai/grok-3"]
    assert grok3.retired and grok3.retired_since == dt.date(2026, 5, 15)
    assert any(s.covers == ("lifecycle",) and "docs.x.ai" in str(s.url) for r in grok3.routes for s in r.sources)
    for model in bundled:
        for route in model.routes:
            if route.status.value == "retired":
                assert route.retired_since is not None, (model.id, route.provider)


def test_the_sources_disagreements_that_the_issue_names_are_settled_and_shown(bundled):
    magistral = routes_by_provider(bundled["mistral/magistral-medium"])["Mistral API"]
    assert (magistral.input, magistral.output) == (Decimal(2), Decimal(5))  # not Medium 3.5's price
    assert {d.field for d in magistral.disagreements} >= {"input", "output"}
    fireworks = routes_by_provider(bundled["deepseek/deepseek-v4-pro"])["Fireworks AI"]
    assert fireworks.output == Decimal("3.48")
    haiku = routes_by_provider(bundled["anthropic/claude-3.5-haiku"])["Google Vertex AI"]
    assert (haiku.input, haiku.output) == (Decimal("0.8"), Decimal("4"))  # after the price cut
    sonar = routes_by_provider(bundled["perplexity/sonar"])["Perplexity API"]
    assert (sonar.input, sonar.output) == (Decimal(1), Decimal(1))  # the Sonar API, not the Agent API


def test_no_figure_claims_a_check_that_never_happened(bundled):
    """Snapshot data says fetched; pages read from stored copies say read; nothing says checked."""
    for model in bundled:
        dated = [*model.sources, *(s for r in model.routes for s in r.sources)]
        assert all(s.how != "checked" for s in dated), model.id
        assert not any("pypi.org" in str(s.url) for s in dated), model.id


def test_tags_agree_with_the_facts_they_are_decided_from(bundled):
    """The rules of CURATION.md section 3 hold wherever a tag is given."""
    for model in bundled:
        tags = set(model.tags)
        if Tag.SELF_HOSTING in tags:
            assert model.open_weights is Tri.YES, model.id
        if Tag.LONG_CONTEXT in tags:
            assert (model.context_window or 0) >= 1_000_000, model.id
        if Tag.LOW_COST in tags:
            assert min(r.output for r in model.routes if r.output is not None) <= Decimal("1.00"), model.id
        if Tag.AUDIO in tags:
            assert "audio" in model.input_modalities, model.id
        assert len(tags) <= 4, model.id
