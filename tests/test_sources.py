"""Source adapters (catalog/sources): each upstream format into listings, with lifecycle, off-peak and dated
prices, and honest citations; the compact snapshot form. Fetching is in test_sources_fetch.py."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from catalog.importers.errors import ImportReport
from catalog.sources import (
    SOURCE_NAMES,
    SnapshotMeta,
    SnapshotUnreadable,
    SourceRefused,
    adapters,
    check_shrink,
    dump_snapshot,
    load_snapshot,
    read_snapshot,
)
from catalog.sources.known import LITELLM_HISTORY, SHARED, read_known
from catalog.sources.models_dev import deep_merge, inherit
from tests.conftest import FIXTURES, shared_path

TREE = FIXTURES / "importers" / "models_dev"
API_JSON = FIXTURES / "sources" / "models_dev_api.json"
LITELLM = FIXTURES / "importers" / "litellm.json"
LIFECYCLE = FIXTURES / "sources" / "litellm_lifecycle.json"
OPENROUTER = FIXTURES / "importers" / "openrouter.json"
GENAI = FIXTURES / "sources" / "genai_prices.json"
GENAI_DAY = dt.date(2026, 8, 21)


def routes(snapshot, provider=None):
    """(draft, route) of every listing with a route, optionally of one provider."""
    return [(d, r) for d in snapshot.drafts for r in d.routes.values() if provider in (None, r.provider)]


def route_of(snapshot, provider, model_id):
    found = [r for _, r in routes(snapshot, provider) if r.model_id == model_id]
    assert len(found) == 1, (provider, model_id, [r.model_id for _, r in routes(snapshot, provider)])
    return found[0]


def test_the_registry_names_the_four_sources_in_order():
    assert SOURCE_NAMES == ("models-dev", "openrouter", "litellm", "genai-prices")
    assert list(adapters()) == list(SOURCE_NAMES)
    with pytest.raises(SourceRefused, match=r"^csv: refused: no such source; use one of models-dev, "):
        read_snapshot("csv", LITELLM)


# --- models.dev ---------------------------------------------------------------------------------

def test_models_dev_tree_listings_creator_files_and_citations():
    report = ImportReport()
    snap = read_snapshot("models-dev", TREE, version="f3fc692", fetched_at=dt.date(2026, 7, 2), report=report)
    assert snap.label == "models.dev (f3fc692)"
    creators = [d for d in snap.drafts if d.creator_file]
    assert sorted(d.id for d in creators) == ["openai/gpt-4.1-mini", "openai/gpt-5.4"]
    assert all(not d.routes for d in creators)
    assert snap.count == len(snap.drafts) - len(creators) == 6  # provider listings: what the shrink rule counts
    gpt54 = next(d for d in creators if d.id == "openai/gpt-5.4")
    assert list(gpt54.benchmarks) == ["swe-bench pro"]  # the harness-specific row is left out
    own = route_of(snap, "OpenAI API", "gpt-4.1-mini")
    assert (own.input, own.output, own.cached_input) == (Decimal("0.4"), Decimal("1.6"), Decimal("0.1"))
    assert own.origin.url == "https://github.com/anomalyco/models.dev/blob/f3fc692/providers/openai/models/gpt-4.1-mini.toml"
    assert (own.origin.date, own.origin.how, own.origin.source) == (dt.date(2026, 7, 2), "fetched", "models-dev")
    assert any("broken.toml" in reason for reason in report.skipped)
    assert not any("embedding" in r.model_id for _, r in routes(snap))


def test_models_dev_keeps_deprecated_listings_marked_and_tiers_with_cache_prices():
    snap = read_snapshot("models-dev", TREE, version="f3fc692", fetched_at=dt.date(2026, 7, 2))
    old = route_of(snap, "OpenAI API", "gpt-3.5-turbo-0301")
    assert old.deprecated and old.deprecation_date is None  # models.dev says deprecated, gives no date
    assert not route_of(snap, "OpenAI API", "gpt-4.1-mini").deprecated
    grok = route_of(snap, "xAI Console", "grok-4.20-0309-reasoning")
    assert grok.tiers == [
        {"above_input_tokens": 200_000, "input": Decimal("2.5"), "output": Decimal("5.0"), "cached_input": Decimal("0.4")}
    ]


def test_models_dev_base_model_is_merged_as_models_dev_builds_it():
    snap = read_snapshot("models-dev", TREE, version="f3fc692", fetched_at=dt.date(2026, 7, 2))
    [(draft, bedrock)] = routes(snap, "Amazon Bedrock")
    assert draft.id == "openai/gpt-5.4"
    assert (bedrock.input, bedrock.output, bedrock.context_window) == (Decimal("2.75"), Decimal("16.5"), 272_000)
    assert bedrock.tiers == []  # base_model_omit = ["cost.tiers", ...]
    assert draft.facts["release_date"] == dt.date(2026, 3, 5)  # inherited from models/openai/gpt-5.4.toml
    assert "structured_outputs" not in draft.capabilities  # stated by neither file: unknown


def test_inherit_follows_models_devs_build():
    base = {"id": "x", "name": "Base", "license": "MIT", "benchmarks": [1], "cost": {"input": 1, "tiers": [2]},
            "limit": {"context": 10, "input": 5}}
    listing = {"base_model": "c/x", "base_model_omit": ["limit.input", "cost.tiers", "cost.input"], "cost": {"output": 3}}
    merged = inherit(listing, base)
    assert merged == {"name": "Base", "limit": {"context": 10}, "cost": {"output": 3}}
    assert base["cost"] == {"input": 1, "tiers": [2]} and base["limit"] == {"context": 10, "input": 5}  # untouched
    assert inherit({"base_model": "c/x", "base_model_omit": ["cost.input"]}, {"cost": {"input": 1}}) == {}
    assert deep_merge({"a": {"b": 1, "c": [1]}}, {"a": {"c": [2]}}) == {"a": {"b": 1, "c": [2]}}


def _comparable(snapshot):
    """Each provider listing without its citation: what api.json and the TOML tree must agree on."""
    out = {}
    for draft, route in routes(snapshot):
        plain = {k: v for k, v in vars_of(route).items() if k != "origin"}
        out[(route.provider, route.model_id)] = (plain, dict(draft.facts), dict(draft.capabilities))
    return out


def vars_of(route):
    return {name: getattr(route, name) for name in route.__slots__}


def test_models_dev_api_json_reads_as_the_toml_tree():
    tree = read_snapshot("models-dev", TREE, version="f3fc692", fetched_at=dt.date(2026, 7, 2))
    api = read_snapshot("models-dev", API_JSON, version="f3fc692", fetched_at=dt.date(2026, 7, 2))
    assert _comparable(api) == _comparable(tree)
    # the same file is cited, at the same commit
    assert {r.origin for _, r in routes(api)} == {r.origin for _, r in routes(tree)}
    assert not any(d.creator_file for d in api.drafts)  # api.json has no creator files


def test_models_dev_api_json_without_a_commit_cites_the_address_read():
    data = API_JSON.read_bytes()
    snap = read_snapshot("models-dev", data, url="https://models.dev/api.json", fetched_at=dt.date(2026, 11, 30))
    assert snap.version is None and snap.label == "models.dev"
    assert {r.origin.url for _, r in routes(snap)} == {"https://models.dev/api.json"}
    assert {r.origin.date for _, r in routes(snap)} == {dt.date(2026, 11, 30)}


@pytest.mark.parametrize(
    ("source", "payload", "reason"),
    [
        ("models-dev", b'{"data": [{"id": "x"}]}', "not models.dev's api.json"),
        ("models-dev", b"<!doctype html><html></html>", "not JSON (Expecting value at line 1 column 1)"),
        ("litellm", b'{"gpt-4": {"mode": "chat"', "not JSON (Expecting ',' delimiter at line 1 column 26)"),
        ("litellm", b"[1, 2]", "not a LiteLLM price map"),
        ("openrouter", b'{"gpt-4": {"litellm_provider": "openai"}}', "not an OpenRouter /models response"),
        ("genai-prices", b'{"data": []}', "not genai-prices data"),
        ("genai-prices", b"\xff\xfe", "not JSON"),
    ],
)
def test_a_document_of_another_format_is_refused_in_one_line(source, payload, reason):
    with pytest.raises(SourceRefused) as caught:
        read_snapshot(source, payload, url="https://example.org/x.json")
    message = str(caught.value)
    assert message.startswith(f"{source}: refused: ") and reason in message
    assert "\n" not in message


def test_a_local_path_that_is_missing_or_a_folder_is_refused(tmp_path):
    with pytest.raises(SourceRefused, match=r"^litellm: refused: .*missing: no such file or folder$"):
        read_snapshot("litellm", tmp_path / "missing")
    with pytest.raises(SourceRefused, match=r"^openrouter: refused: .*: a folder; give the JSON file$"):
        read_snapshot("openrouter", tmp_path)
    with pytest.raises(SourceRefused, match="not a models.dev catalogue"):
        read_snapshot("models-dev", tmp_path)


# --- LiteLLM ----------------------------------------------------------------------------------

def test_litellm_release_is_told_from_names_and_cited_at_its_tag():
    litellm = adapters()["litellm"]
    assert litellm.version_of("/data/litellm-history/1.110.2.json") == "1.110.2"
    assert litellm.version_of("https://raw.githubusercontent.com/BerriAI/litellm/v1.110.2/model_prices_and_context_window.json") == "1.110.2"
    assert litellm.version_of("https://example.org/model_prices_and_context_window.json") is None
    snap = read_snapshot("litellm", LITELLM, version="1.109.1", fetched_at=dt.date(2026, 11, 12))
    mini = route_of(snap, "OpenAI API", "gpt-4.1-mini")
    assert mini.origin.url == "https://github.com/BerriAI/litellm/blob/v1.109.1/model_prices_and_context_window.json"
    assert mini.origin.date == dt.date(2026, 11, 12)
    assert snap.label == "LiteLLM 1.109.1"


def test_litellm_of_unknown_release_cites_the_file_given():
    snap = read_snapshot("litellm", LITELLM)
    assert snap.version is None and snap.label == "LiteLLM"
    assert {r.origin.url for _, r in routes(snap)} == {LITELLM.resolve().as_uri()}


def test_litellm_deprecation_dates_and_off_peak_windows():
    report = ImportReport()
    snap = read_snapshot("litellm", LIFECYCLE, version="1.109.1", fetched_at=dt.date(2026, 11, 12), report=report)
    o1 = route_of(snap, "OpenAI API", "o1")
    assert o1.deprecation_date == dt.date(2026, 10, 23) and o1.deprecated
    pro = route_of(snap, "DeepSeek API", "deepseek-v4-pro")
    assert (pro.input, pro.output, pro.deprecated) == (Decimal("1.32"), Decimal("3.96"), False)
    # weekdays: 00:00-01:00, 04:00-06:00, 10:00-00:00 UTC (the two that meet at midnight as one); weekends
    # all day (start and end equal)
    assert [(w["start"], w["end"], w.get("days")) for w in pro.off_peak] == [
        ("04:00", "06:00", (1, 2, 3, 4, 5)), ("10:00", "01:00", (1, 2, 3, 4, 5)), ("00:00", "00:00", (6, 7)),
    ]
    assert all((w["input"], w["output"]) == (pro.input / 2, pro.output / 2) for w in pro.off_peak)
    assert pro.off_peak[0]["cached_input"] == Decimal("0.022")
    assert not any(r.model_id.startswith("tencent") for _, r in routes(snap))  # a provider Versus does not list
    assert snap.count == 3 and len(report.skipped) == 2  # tencent's and the entry without a provider


def test_litellm_one_bad_entry_is_skipped_not_the_map():
    data = json.loads(LITELLM.read_text())
    data["gpt-4.1-mini"]["input_cost_per_token"] = "cheap"
    snap = read_snapshot("litellm", json.dumps(data).encode(), url="https://example.org/1.109.1.json")
    assert "gpt-4.1-mini" not in {r.model_id for _, r in routes(snap, "OpenAI API")}
    assert snap.count == read_snapshot("litellm", LITELLM).count - 1


# --- OpenRouter -------------------------------------------------------------------------------

def test_openrouter_cites_each_model_page_and_reads_expiration_dates():
    data = json.loads(OPENROUTER.read_text())
    data["data"][0]["expiration_date"] = "2026-06-01"
    snap = read_snapshot("openrouter", json.dumps(data).encode(), url="https://openrouter.ai/api/v1/models",
                         fetched_at=dt.datetime(2026, 5, 15, 8, 0, tzinfo=dt.timezone.utc))
    grok = route_of(snap, "OpenRouter", "x-ai/grok-4.20")
    assert grok.origin.url == "https://openrouter.ai/x-ai/grok-4.20"
    assert grok.origin.date == dt.date(2026, 5, 15)
    assert grok.deprecation_date == dt.date(2026, 6, 1) and grok.deprecated
    assert not route_of(snap, "OpenRouter", "openai/gpt-4.1-mini").deprecated
    assert snap.label == "OpenRouter models API"


# --- genai-prices -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def genai():
    report = ImportReport()
    snap = read_snapshot("genai-prices", GENAI, version="47df840", fetched_at=GENAI_DAY, report=report)
    return snap, report


def test_genai_prices_deepseek_off_peak_is_the_cheaper_default_outside_the_window(genai):
    snap, _ = genai
    chat = route_of(snap, "DeepSeek API", "deepseek-chat")
    # genai-prices: 0.135/0.55 unconstrained, 0.27/1.10 from 00:30 to 16:30; ours: standard 0.27/1.10,
    # off-peak 0.135/0.55 from 16:30 to 00:30 UTC
    assert (chat.input, chat.output, chat.cached_input) == (Decimal("0.27"), Decimal("1.1"), Decimal("0.07"))
    assert chat.off_peak == [
        {"start": "16:30", "end": "00:30", "input": Decimal("0.135"), "output": Decimal("0.55"), "cached_input": Decimal("0.035")}
    ]
    assert (chat.off_peak[0]["input"] * 2, chat.off_peak[0]["output"] * 2) == (chat.input, chat.output)
    assert route_of(snap, "DeepSeek API", "deepseek-v4-pro").off_peak == []


def test_genai_prices_dated_prices_and_the_price_in_effect_on_the_snapshot_date(genai):
    snap, _ = genai
    sonnet = route_of(snap, "Anthropic API", "claude-sonnet-5")
    assert (sonnet.input, sonnet.output) == (Decimal("2.0"), Decimal("10.0"))  # the introductory price on 2026-08-21
    assert [(d["starts"], d["input"], d["output"]) for d in sonnet.dated] == [
        (None, Decimal("2.0"), Decimal("10.0")),
        (dt.date(2026, 9, 1), Decimal("3.0"), Decimal("15.0")),
    ]
    later = read_snapshot("genai-prices", GENAI, version="47df840", fetched_at=dt.date(2026, 9, 2))
    sonnet = route_of(later, "Anthropic API", "claude-sonnet-5")
    assert (sonnet.input, sonnet.output, sonnet.cache_write) == (Decimal("3.0"), Decimal("15.0"), Decimal("3.75"))
    opus = route_of(snap, "Anthropic API", "claude-opus-4-6")
    assert (opus.input, opus.tiers) == (Decimal("5.0"), [])  # flat since 2026-03-13
    assert opus.dated[0]["starts"] is None and opus.dated[0]["tiers"][0]["above_input_tokens"] == 200_000


def test_genai_prices_tiers_lifecycle_context_and_providers(genai):
    snap, report = genai
    pro = route_of(snap, "Google AI Studio", "gemini-2.5-pro")
    assert pro.tiers == [
        {"above_input_tokens": 200_000, "input": Decimal("2.5"), "output": Decimal("15.0"), "cached_input": Decimal("0.25")}
    ]
    assert route_of(snap, "Google AI Studio", "gemini-2.5-flash-preview").deprecated
    assert not pro.deprecated
    assert route_of(snap, "Anthropic API", "claude-sonnet-5").context_window == 1_000_000
    assert route_of(snap, "Google Vertex AI", "claude-3-7-sonnet").input == Decimal("3.0")  # partner model on Vertex
    bedrock = route_of(snap, "Amazon Bedrock", "anthropic.claude-sonnet-5-v1:0")
    assert bedrock.input == Decimal("2.2")
    providers = {r.provider for _, r in routes(snap)}
    assert providers == {"Anthropic API", "DeepSeek API", "Google AI Studio", "Google Vertex AI", "Amazon Bedrock", "Cohere API"}
    ids = {r.model_id for _, r in routes(snap)}
    assert "embed-v4.0" not in ids and "gemini-2.5-flash-image" not in ids and "command-broken" not in ids
    assert any(reason.startswith("cohere/command-broken: not a genai-prices model entry") for reason in report.skipped)
    assert any(reason.startswith("voyageai:") for reason in report.skipped)
    assert any(reason.startswith("zhipuai:") for reason in report.skipped)


def test_genai_prices_match_rules_give_extra_match_keys_and_the_citation_is_the_commit(genai):
    snap, _ = genai
    draft = next(d for d, r in routes(snap, "Anthropic API") if r.model_id == "claude-sonnet-5")
    assert draft.id == "anthropic/claude-sonnet-5"
    assert {"claude-sonnet-5", "claude-sonnet-5-0", "claude-5-sonnet"} <= draft.keys
    assert draft.origin.url == "https://github.com/pydantic/genai-prices/blob/47df840/prices/data.json"
    assert snap.label == "genai-prices (47df840)"


# --- snapshots: the shrink rule and the stored form ---------------------------------------------

def _meta(count):
    return SnapshotMeta("models-dev", "models.dev", None, "https://models.dev/api.json",
                        dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc), None, None, "0" * 64, count)


def test_the_shrink_rule_refuses_more_than_a_fifth_gone():
    check_shrink("models-dev", 3_784, _meta(4_730))  # exactly a fifth gone: kept
    with pytest.raises(SourceRefused) as caught:
        check_shrink("models-dev", 2_103, _meta(4_730))
    assert str(caught.value) == "models-dev: refused: lists 2,103 models, 56% fewer than the last good snapshot (4,730)"
    check_shrink("models-dev", 10, None)


@pytest.mark.parametrize(
    ("source", "path", "version"),
    [("models-dev", TREE, "f3fc692"), ("litellm", LIFECYCLE, "1.109.1"), ("openrouter", OPENROUTER, None),
     ("genai-prices", GENAI, "47df840")],
)
def test_dump_and_load_give_back_the_same_snapshot(source, path, version):
    snap = read_snapshot(source, path, version=version, fetched_at=dt.datetime(2026, 11, 2, 3, 4, 5, tzinfo=dt.timezone.utc))
    data = dump_snapshot(snap)
    assert load_snapshot(data) == snap
    assert dump_snapshot(load_snapshot(data)) == data  # deterministic


def test_damaged_stored_snapshots_are_one_line_errors():
    snap = read_snapshot("genai-prices", GENAI, version="47df840", fetched_at=GENAI_DAY)
    data = dump_snapshot(snap)
    for bad in (b"", b"not gzip", data[: len(data) // 2]):
        with pytest.raises(SnapshotUnreadable) as caught:
            load_snapshot(bad)
        assert "\n" not in str(caught.value)


# --- the real snapshots (only beside a checkout with ../shared) ----------------------------------

@pytest.fixture(scope="module")
def shared_snapshots():
    data = shared_path("data")
    return {known.source: read_known(known, data) for known in SHARED}


def test_real_snapshots_read_with_their_provenance(shared_snapshots):
    assert [s.label for s in shared_snapshots.values()] == [
        "models.dev (f3fc692)", "OpenRouter models API", "LiteLLM 1.109.1", "genai-prices (47df840)"
    ]
    for snap in shared_snapshots.values():
        assert snap.count > 300
        for draft in snap.drafts:
            assert draft.origin.url.startswith("https://") and draft.origin.how == "fetched"
            assert draft.origin.source == snap.source and draft.origin.date == snap.fetched_at.date()
        assert load_snapshot(dump_snapshot(snap)) == snap


def test_real_genai_prices_deepseek_and_claude_sonnet_5(shared_snapshots):
    snap = shared_snapshots["genai-prices"]
    chat = route_of(snap, "DeepSeek API", "deepseek-chat")
    assert chat.off_peak[0]["start"] == "16:30" and chat.off_peak[0]["end"] == "00:30"
    assert chat.off_peak[0]["input"] * 2 == chat.input
    sonnet = route_of(snap, "Anthropic API", "claude-sonnet-5")
    assert sonnet.input == Decimal("2.0") and sonnet.dated[-1]["starts"] == dt.date(2026, 9, 1)
    assert sonnet.dated[-1]["input"] == Decimal("3.0")
    assert route_of(snap, "OpenRouter", "anthropic/claude-sonnet-5").dated[-1]["output"] == Decimal("15.0")


def test_real_litellm_deprecation_dates(shared_snapshots):
    snap = shared_snapshots["litellm"]
    dated = [r for _, r in routes(snap) if r.deprecation_date is not None]
    assert len(dated) > 50 and all(r.deprecated for r in dated)
    assert route_of(snap, "OpenAI API", "o1").deprecation_date == dt.date(2026, 10, 23)
    pro = [r for _, r in routes(snap, "DeepSeek API") if r.model_id == "deepseek-v4-pro"]
    assert pro and all(r.off_peak for r in pro)  # listed twice: deepseek-v4-pro and deepseek/deepseek-v4-pro


def test_real_models_dev_deprecated_listings_and_tiers(shared_snapshots):
    snap = shared_snapshots["models-dev"]
    deprecated = [r for _, r in routes(snap) if r.deprecated]
    assert len(deprecated) > 10
    assert any(r.tiers and "cached_input" in r.tiers[0] for _, r in routes(snap))
    assert {r.provider for _, r in routes(snap)} <= {
        "OpenAI API", "Anthropic API", "Google AI Studio", "Google Vertex AI", "xAI Console", "OpenRouter",
        "Amazon Bedrock", "Azure OpenAI", "Azure AI Foundry", "Together AI", "Groq", "Fireworks AI", "DeepInfra",
        "Mistral API", "DeepSeek API", "Cohere API", "Alibaba Cloud Model Studio", "Z.ai API", "Moonshot AI API",
        "MiniMax API", "NVIDIA NIM", "Cerebras", "Perplexity API", "Meta Llama API", "Xiaomi MiMo API",
    }


def _api_json(root: Path, providers: list[str]) -> dict:
    """api.json for some providers of the real tree, as models.dev's build writes it (generate.ts)."""
    creators = {f"{f.parent.name}/{f.stem}": tomllib.loads(f.read_text()) for f in (root / "models").glob("*/*.toml")}
    api = {}
    for provider in providers:
        models = {}
        for file in sorted((root / "providers" / provider / "models").rglob("*.toml")):
            data = tomllib.loads(file.read_text())
            if "base_model" in data:
                listing, data = data, copy.deepcopy(
                    {k: v for k, v in creators[data["base_model"]].items() if k not in ("id", "benchmarks", "license", "links", "weights")}
                )
                for key, value in listing.items():
                    if key in ("base_model", "base_model_omit"):
                        continue
                    if isinstance(value, dict) and isinstance(data.get(key), dict):
                        data[key] = {**data[key], **value}
                    else:
                        data[key] = value
                for dotted in listing.get("base_model_omit", []):
                    head, _, rest = dotted.partition(".")
                    if rest and isinstance(data.get(head), dict):
                        data[head].pop(rest, None)
                        if not data[head]:
                            del data[head]
                    elif not rest:
                        data.pop(head, None)
            model_id = file.relative_to(root / "providers" / provider / "models").with_suffix("").as_posix()
            models[model_id] = {**data, "id": model_id}
        api[provider] = {"id": provider, "name": provider, "models": models}
    return api


def test_real_models_dev_api_json_reads_as_the_toml_tree_for_a_sample(shared_snapshots):
    root = shared_path("data", "models.dev")
    sample = ["openai", "xai", "amazon-bedrock", "deepseek"]
    payload = json.dumps(_api_json(root, sample), default=str).encode()
    api = read_snapshot("models-dev", payload, url="https://models.dev/api.json", version="f3fc692", fetched_at=dt.date(2026, 7, 2))
    tree = shared_snapshots["models-dev"]
    names = {"OpenAI API", "xAI Console", "Amazon Bedrock", "DeepSeek API"}
    from_tree = {k: v[0] for k, v in _comparable(tree).items() if k[0] in names}
    from_api = {k: v[0] for k, v in _comparable(api).items()}
    assert len(from_api) > 100
    assert from_api == from_tree


def test_litellm_history_snapshots_are_dated_releases():
    data = shared_path("data")
    labels = [read_known(k, data).label for k in LITELLM_HISTORY]
    assert labels == ["LiteLLM 1.100.0", "LiteLLM 1.105.0", "LiteLLM 1.109.1", "LiteLLM 1.110.2"]
    newest = read_snapshot("litellm", data / "litellm-history" / "1.110.2.json", fetched_at=dt.date(2026, 11, 20))
    assert newest.version == "1.110.2"  # from the file name
    assert {d.origin.url for d in newest.drafts} == {
        "https://github.com/BerriAI/litellm/blob/v1.110.2/model_prices_and_context_window.json"
    }
