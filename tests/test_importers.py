"""Importing: each snapshot format (read by catalog/sources) merged under canonical ids, written and valid."""

from __future__ import annotations

import argparse
import datetime as dt
import tomllib
from decimal import Decimal

import pytest

from catalog.importers.errors import ImportFormatError, ImportReport
from catalog.importers.ids import match_key, natural_id
from catalog.importers.merge import merge
from catalog.importers.pipeline import import_into
from catalog.importers.units import per_million
from catalog.importers.write import write_models
from catalog.loader import validate_tree
from catalog.schema import Tri
from catalog.sources import SourceRefused, read_snapshot
from catalog.sources.known import SHARED
from cli import import_cmd
from cli.errors import CliError
from tests.conftest import FIXTURES, shared_path

HERE = FIXTURES / "importers"
MODELS_DEV = HERE / "models_dev"
LITELLM = HERE / "litellm.json"
OPENROUTER = HERE / "openrouter.json"
REVIEWED = dt.date(2026, 11, 22)


def by_id(drafts):
    return {d.id: d for d in drafts}


# The fixtures stand for these releases and dates (their figures are copied from them).
AS_OF = {
    "models-dev": ("f3fc692", dt.date(2026, 7, 2)),
    "litellm": ("1.109.1", dt.date(2026, 11, 12)),
    "openrouter": (None, dt.date(2026, 5, 15)),
}


def load(source, path, report=None):
    version, day = AS_OF[source]
    return read_snapshot(source, path, version=version, fetched_at=day, report=report).drafts


class models_dev:  # noqa: N801 - the old importer modules' spelling, so the tests read as before
    load = staticmethod(lambda path, report=None: load("models-dev", path, report))


class litellm:  # noqa: N801
    load = staticmethod(lambda path, report=None: load("litellm", path, report))


class openrouter:  # noqa: N801
    load = staticmethod(lambda path, report=None: load("openrouter", path, report))


# --- units and ids ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("per_token", "expected"),
    [
        ("0.0000004", Decimal("0.4")),
        (4e-07, Decimal("0.4")),
        (1.6e-06, Decimal("1.6")),
        (3.75e-06, Decimal("3.75")),
        ("0.0000000000123", Decimal("0.000012")),  # rounded to 6 places
        (1.5e-05, Decimal("15")),
        (0, Decimal("0")),
    ],
)
def test_per_token_prices_become_exact_per_million(per_token, expected):
    assert per_million(per_token) == expected


@pytest.mark.parametrize("bad", ["-1", -1, None, "n/a", True])
def test_a_price_that_varies_or_is_missing_stays_unknown(bad):
    assert per_million(bad) is None


@pytest.mark.parametrize(
    ("raw", "hint", "expected"),
    [
        ("x-ai/grok-4.20", None, "xai/grok-4.20"),
        ("xai.grok-4.3", None, "xai/grok-4.3"),
        ("meta-llama/llama-3.3-70b-instruct:free", None, "meta/llama-3.3-70b-instruct"),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", None, "anthropic/claude-sonnet-4-5"),
        ("gpt-4.1-mini-2025-04-14", "openai", "openai/gpt-4.1-mini"),
        ("claude-sonnet-4-5@20250929", None, "anthropic/claude-sonnet-4-5"),
    ],
)
def test_source_ids_become_canonical_ids(raw, hint, expected):
    assert natural_id(raw, hint) == expected


def test_spellings_of_one_model_share_a_match_key():
    spellings = [
        "anthropic/claude-sonnet-4.5",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5@20250929",
        "anthropic.claude-sonnet-4-5-20250929-v1:0",
    ]
    assert {match_key(s) for s in spellings} == {"claude-sonnet-4-5"}
    assert match_key("accounts/fireworks/models/kimi-k2p6") == match_key("moonshotai/kimi-k2.6")
    assert match_key("claude-sonnet-4-5") != match_key("claude-sonnet-4")


def test_provider_specific_grok_ids_merge_under_the_canonical_one():
    drafts = merge(litellm.load(LITELLM) + openrouter.load(OPENROUTER))
    grok = by_id(drafts)["xai/grok-4.20"]
    assert {r.model_id for r in grok.routes.values()} == {"grok-4.20-0309-reasoning", "x-ai/grok-4.20"}


# --- models.dev -------------------------------------------------------------------------------

def test_models_dev_routes_of_one_model_merge_under_one_id():
    report = ImportReport()
    drafts = by_id(merge(models_dev.load(MODELS_DEV, report)))
    mini = drafts["openai/gpt-4.1-mini"]
    assert sorted(mini.routes) == ["openai api", "openrouter"]
    own = mini.routes["openai api"]
    assert (own.input, own.output, own.cached_input) == (Decimal("0.4"), Decimal("1.6"), Decimal("0.1"))
    assert own.context_window == 1_047_576
    assert own.origin.url.endswith("/providers/openai/models/gpt-4.1-mini.toml")
    assert own.origin.date == dt.date(2026, 7, 2)
    # the creator file's facts come first
    assert mini.facts["input_modalities"] == ("text", "image", "pdf")
    assert mini.capabilities["reasoning"] is Tri.NO


def test_models_dev_tiers_and_first_party_ids_map_to_canonical():
    drafts = by_id(merge(models_dev.load(MODELS_DEV)))
    grok = drafts["xai/grok-4.20"]
    xai = grok.routes["xai console"]
    assert xai.context_window == 1_000_000
    assert xai.tiers == [
        {"above_input_tokens": 200_000, "input": Decimal("2.5"), "output": Decimal("5.0"), "cached_input": Decimal("0.4")}
    ]
    assert grok.routes["openrouter"].context_window == 2_000_000


def test_models_dev_base_model_is_inherited_without_omitted_keys():
    drafts = by_id(merge(models_dev.load(MODELS_DEV)))
    gpt = drafts["openai/gpt-5.4"]
    bedrock = gpt.routes["amazon bedrock"]
    assert (bedrock.input, bedrock.output) == (Decimal("2.75"), Decimal("16.5"))
    assert bedrock.context_window == 272_000
    assert gpt.facts["release_date"] == dt.date(2026, 3, 5)
    # structured output is stated by neither file: unknown, never "no"
    assert "structured_outputs" not in gpt.capabilities
    # one benchmark row with a date; the harness-specific one is left out
    assert list(gpt.benchmarks) == ["swe-bench pro"]
    assert gpt.benchmarks["swe-bench pro"]["verification"] == "independent"


def test_models_dev_skips_what_it_cannot_use_and_says_why():
    report = ImportReport()
    ids = set(by_id(models_dev.load(MODELS_DEV, report)))
    assert "openai/text-embedding-3-small" not in ids
    assert any("broken.toml" in reason for reason in report.skipped)


def test_models_dev_bad_path_is_a_one_line_error(tmp_path):
    with pytest.raises(SourceRefused, match="no such file"):
        models_dev.load(tmp_path / "missing")
    with pytest.raises(SourceRefused, match="not a models.dev catalogue"):
        models_dev.load(tmp_path)


# --- LiteLLM ----------------------------------------------------------------------------------

def test_litellm_prices_batch_and_above_200k_tiers():
    drafts = by_id(merge(litellm.load(LITELLM)))
    grok = drafts["xai/grok-4.20"].routes["xai console"]
    assert (grok.input, grok.output, grok.cached_input) == (Decimal("1.25"), Decimal("2.5"), Decimal("0.2"))
    assert grok.tiers == [
        {"above_input_tokens": 200_000, "input": Decimal("2.5"), "output": Decimal("5.0"), "cached_input": Decimal("0.4")}
    ]
    assert grok.batch_input is None and grok.batch_output is None  # only one side of a batch price: neither
    mini = drafts["openai/gpt-4.1-mini"].routes["openai api"]
    assert (mini.batch_input, mini.batch_output) == (Decimal("0.2"), Decimal("0.8"))
    assert mini.origin.url == "https://github.com/BerriAI/litellm/blob/v1.109.1/model_prices_and_context_window.json"
    assert mini.origin.date == dt.date(2026, 11, 12)


def test_litellm_bedrock_keeps_one_route_the_cheapest_listing_with_cache_write():
    drafts = by_id(merge(litellm.load(LITELLM)))
    sonnet = drafts["anthropic/claude-sonnet-4-5"]
    route = sonnet.routes["amazon bedrock"]
    assert route.model_id == "anthropic.claude-sonnet-4-5-20250929-v1:0"
    assert (route.input, route.cache_write) == (Decimal("3.0"), Decimal("3.75"))
    assert sonnet.capabilities["vision"] is Tri.YES
    assert "function_calling" not in sonnet.capabilities  # LiteLLM does not say: unknown


def test_litellm_leaves_out_embeddings_and_unknown_providers():
    report = ImportReport()
    drafts = by_id(litellm.load(LITELLM, report))
    assert all("embedding" not in d.id for d in drafts.values())
    assert not any(r.model_id == "some-model" for d in drafts.values() for r in d.routes.values())
    assert any(r.provider == "Replicate API" for d in drafts.values() for r in d.routes.values())


def test_litellm_wrong_format_is_a_one_line_error():
    with pytest.raises(SourceRefused, match="not a LiteLLM price map"):
        litellm.load(OPENROUTER)


# --- OpenRouter -------------------------------------------------------------------------------

def test_openrouter_records_become_routes_with_per_million_prices():
    drafts = by_id(openrouter.load(OPENROUTER))
    grok = drafts["xai/grok-4.20"]
    assert grok.name == "Grok 4.20"
    route = grok.routes["openrouter"]
    assert (route.input, route.output, route.cached_input) == (Decimal("1.25"), Decimal("2.5"), Decimal("0.2"))
    assert route.context_window == 2_000_000
    assert route.origin.url == "https://openrouter.ai/x-ai/grok-4.20"
    assert grok.facts["input_modalities"] == ("text", "image", "pdf")
    assert grok.capabilities["reasoning"] is Tri.YES


def test_openrouter_absent_parameters_stay_unknown_and_varying_prices_too():
    drafts = by_id(openrouter.load(OPENROUTER))
    mini = drafts["openai/gpt-4.1-mini"]
    assert "reasoning" not in mini.capabilities
    varies = drafts["acme/varies-7b"].routes["openrouter"]
    assert varies.input is None and varies.output is None
    assert "meta/llama-3.3-70b-instruct" not in drafts  # the :free variant is not a route
    assert "openrouter/auto" not in drafts


# --- merging several sources and writing --------------------------------------------------------

def test_three_sources_merge_and_the_newest_route_wins():
    drafts = by_id(merge(models_dev.load(MODELS_DEV) + openrouter.load(OPENROUTER) + litellm.load(LITELLM)))
    mini = drafts["openai/gpt-4.1-mini"]
    assert sorted(mini.routes) == ["openai api", "openrouter", "replicate api"]
    assert mini.routes["openai api"].origin.date == dt.date(2026, 11, 12)  # LiteLLM is newest
    assert mini.routes["openrouter"].origin.date == dt.date(2026, 7, 2)  # models.dev over the older API snapshot
    assert mini.facts["knowledge_cutoff"] == "2024-04"  # the first source's fact stays


def test_written_files_validate_and_spell_unknown(tmp_path):
    drafts = merge(models_dev.load(MODELS_DEV) + openrouter.load(OPENROUTER) + litellm.load(LITELLM))
    result = write_models(drafts, tmp_path, REVIEWED)
    assert not result.errors
    models, errors = validate_tree(tmp_path)
    assert not errors
    assert len(models) == len(drafts)
    with (tmp_path / "openai" / "gpt-5.4.toml").open("rb") as handle:
        data = tomllib.load(handle)
    assert data["parameters"] == "unknown"
    assert data["capabilities"]["code_execution"] == "unknown"
    assert [r["provider"] for r in data["routes"]] == ["Amazon Bedrock"]
    grok = tomllib.loads((tmp_path / "xai" / "grok-4.20.toml").read_text())
    assert grok["routes"][0]["provider"] == "xAI Console"  # the maker's own API first
    assert grok["routes"][0]["tiers"][0]["above_input_tokens"] == 200_000


def test_import_into_reports_counts(tmp_path):
    outcome = import_into("openrouter", OPENROUTER, tmp_path / "out", REVIEWED)
    assert len(outcome.result.written) == 3
    assert len(outcome.report.skipped) == 2
    with pytest.raises(ImportFormatError, match="unknown format"):
        import_into("csv", OPENROUTER, tmp_path / "out")


# --- the command ------------------------------------------------------------------------------

def _run(argv):
    parser = argparse.ArgumentParser(prog="versus catalog")
    import_cmd.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_command_writes_files_and_reports(tmp_path, capsys):
    status = _run(["import", "--from", "models-dev", str(MODELS_DEV), "--version", "f3fc692", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert status == 0
    assert "imported 3 models" in out
    assert (tmp_path / "openai" / "gpt-4.1-mini.toml").exists()
    data = tomllib.loads((tmp_path / "openai" / "gpt-4.1-mini.toml").read_text())
    assert data["routes"][0]["sources"][0]["url"].startswith("https://github.com/anomalyco/models.dev/blob/f3fc692/")


def test_command_refuses_figures_it_cannot_cite(tmp_path):
    """A LiteLLM file whose name does not say its release: no address shows its figures, so nothing is written."""
    with pytest.raises(CliError) as caught:
        _run(["import", "--from", "litellm", str(LITELLM), "--out", str(tmp_path)])
    assert "cannot tell which release or commit of LiteLLM this is" in caught.value.message
    assert "\n" not in caught.value.message
    assert _run(["import", "--from", "litellm", str(LITELLM), "--version", "1.109.1", "--out", str(tmp_path)]) == 0


@pytest.mark.parametrize(
    ("fmt", "path", "message"),
    [
        ("litellm", HERE / "nope.json", "no such file"),
        ("openrouter", LITELLM, "not an OpenRouter /models response"),
        ("models-dev", LITELLM, "not models.dev's api.json"),
    ],
)
def test_command_bad_input_is_one_line(tmp_path, fmt, path, message):
    with pytest.raises(CliError) as caught:
        _run(["import", "--from", fmt, str(path), "--out", str(tmp_path)])
    assert message in caught.value.message
    assert "\n" not in caught.value.message
    assert caught.value.code != 0


# --- the real snapshots (only beside a checkout with ../shared) ----------------------------------

@pytest.mark.parametrize(
    ("fmt", "parts", "at_least"),
    [
        ("openrouter", ("data", "openrouter", "models.json"), 300),
        ("litellm", ("data", "litellm", "model_prices_and_context_window.json"), 500),
        ("models-dev", ("data", "models.dev"), 400),  # the providers Versus lists
    ],
)
def test_real_snapshot_imports_and_validates(tmp_path, fmt, parts, at_least):
    path = shared_path(*parts)
    known = next(k for k in SHARED if k.source == fmt)
    outcome = import_into(fmt, path, tmp_path, REVIEWED, version=known.version, fetched=known.fetched)
    assert not outcome.result.errors
    assert len(outcome.result.written) >= at_least
    models, errors = validate_tree(tmp_path)
    assert not errors
    assert "xai/grok-4.20" in {m.id for m in models}


def test_litellm_tiered_pricing_ranges_become_base_price_and_tiers():
    drafts = by_id(merge(litellm.load(LITELLM)))
    route = drafts["qwen/qwen3-max"].routes["alibaba cloud model studio"]
    assert (route.input, route.output) == (Decimal("1.2"), Decimal("6.0"))
    assert route.tiers == [{"above_input_tokens": 32_000, "input": Decimal("2.4"), "output": Decimal("12.0")}]


def test_route_choice_prefers_a_price_then_newer_data_then_the_cheaper_listing():
    from catalog.importers.draft import Origin, RouteDraft  # noqa: F811

    old, new = Origin("https://a.example", dt.date(2026, 5, 15)), Origin("https://b.example", dt.date(2026, 11, 12))

    def route(origin, price, model_id="m"):
        value = None if price is None else Decimal(price)
        return RouteDraft("P", model_id, value, value, None, origin)

    assert route(old, "1").better_than(route(new, None))
    assert route(new, "2").better_than(route(old, "1"))
    assert route(new, "1", "us.m").better_than(route(new, "2", "m"))
    assert route(new, "1", "m").better_than(route(new, "1", "us.m"))
